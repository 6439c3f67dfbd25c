from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from associations.support import conversation, staleness
from tests.factories import UserFactory
from tests.support.factories import SupportRequestFactory


def old(settings, days_more=1):
    return timezone.now() - timedelta(days=settings.SUPPORT_STALE_DAYS + days_more)


def test_the_reviewer_of_a_request_without_answer_is_alerted_once(reviewer, association, settings, mailoutbox):
    stale = SupportRequestFactory(association=association, state="in_review", reviewer=reviewer)
    stale.waiting_since = old(settings)
    stale.save()
    fresh = SupportRequestFactory(association=association, state="submitted", reviewer=reviewer)
    call_command("support_alert_stale")
    alerts = reviewer.notifications.filter(kind="support.stale")
    assert [n.data["request"] for n in alerts] == [stale.pk]
    assert fresh.pk not in [n.data["request"] for n in alerts]
    call_command("support_alert_stale")
    assert reviewer.notifications.filter(kind="support.stale").count() == 1


def test_without_a_reviewer_every_staff_member_is_alerted(association, settings):
    staff = [UserFactory(staff=True), UserFactory(staff=True)]
    SupportRequestFactory(association=association, state="submitted", waiting_since=old(settings))
    assert staleness.alert_stale() == 1
    assert all(person.notifications.filter(kind="support.stale").count() == 1 for person in staff)


def test_an_answer_from_the_city_restarts_the_clock(reviewer, association, settings):
    request = SupportRequestFactory(association=association, state="in_review", reviewer=reviewer)
    request.waiting_since = old(settings)
    request.save()
    assert request.is_stale()
    conversation.post_message(support_request=request, by=reviewer, body="Nous regardons votre dossier.")
    request.refresh_from_db()
    assert not request.is_stale()
    assert staleness.alert_stale() == 0


def test_requests_waiting_for_the_association_are_never_stale(association, settings):
    SupportRequestFactory(association=association, state="needs_info", waiting_since=old(settings, 30))
    assert staleness.alert_stale() == 0
