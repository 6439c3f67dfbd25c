"""Past its review date, an aid's reviewer is told (once per date) through the notifications."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from solidarite.notifications.models import Notification
from solidarite.rights import services
from tests.factories import UserFactory
from tests.rights.factories import make_aid

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("rights_review_due", stdout=out)
    return out.getvalue()


def test_the_reviewer_is_alerted_once_per_review_date(staff, clock):
    today = timezone.localdate()
    bystander = UserFactory(staff=True)
    due = make_aid(
        by=staff,
        reviewer=staff,
        reviewed_on=today - dt.timedelta(days=200),
        next_review_on=today - dt.timedelta(days=1),
    )
    make_aid(by=staff, slug="a-jour", reviewer=staff, next_review_on=today + dt.timedelta(days=3))
    make_aid(by=staff, slug="brouillon", reviewer=staff, is_published=False, next_review_on=today)
    assert run().startswith("1 aid(s)")
    [alert] = Notification.objects.filter(user=staff, kind="rights.review_due")
    assert alert.title == "Fiche à relire : Aide au loyer" and alert.url == due.get_absolute_url()
    assert "vérifiez la fiche sur sa source" in alert.body
    assert not bystander.notifications.exists()
    assert run().startswith("0 aid(s)")
    # Checked again, then due again at its new date: a new alert.
    services.mark_reviewed(aid=due, by=staff)
    clock.move_to(timezone.now() + dt.timedelta(days=181))
    run()
    alerts = Notification.objects.filter(user=staff, kind="rights.review_due")
    assert alerts.filter(url=due.get_absolute_url()).count() == 2


def test_without_an_active_reviewer_every_city_agent_is_told(staff):
    today = timezone.localdate()
    other = UserFactory(staff=True)
    UserFactory()
    make_aid(by=staff, reviewer=None, next_review_on=today)
    run()
    assert {n.user for n in Notification.objects.filter(kind="rights.review_due")} == {staff, other}


def test_the_alert_reads_in_the_readers_language(staff):
    make_aid(by=staff, reviewer=staff, next_review_on=timezone.localdate())
    run()
    with translation.override("en"):
        alert = Notification.objects.get(kind="rights.review_due")
    # No English catalogue entry yet: the French msgid, rendered from the stored parameters.
    assert alert.refs["params"]["aid"] == "Aide au loyer" and "Aide au loyer" in alert.title
