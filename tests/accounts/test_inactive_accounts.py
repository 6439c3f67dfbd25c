"""CNIL practice: accounts unused for two years are warned by e-mail, then erased a month later."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidarite.accounts.models import User
from solidarite.accounts.services import warn_and_purge_inactive
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 6, 1, 3, 0, tzinfo=PARIS)
JOINED = datetime(2023, 1, 10, 10, 0, tzinfo=PARIS)


def person(last_seen: date | None, **extra) -> User:
    return UserFactory(date_joined=JOINED, last_seen_on=last_seen, **extra)


def test_an_account_unused_for_two_years_is_warned_by_email_once():
    sleeper = person(date(2024, 5, 31))  # 731 days before NOW
    recent = person(date(2024, 6, 2))  # 729 days before NOW

    assert warn_and_purge_inactive(now=NOW) == (1, 0)
    assert warn_and_purge_inactive(now=NOW + timedelta(days=1)) == (0, 0)

    assert [m.to for m in mail.outbox] == [[sleeper.email]]
    assert mail.outbox[0].subject == "Votre compte Solidarité va être supprimé"
    assert "il sera supprimé dans 30 jours" in mail.outbox[0].body
    sleeper.refresh_from_db()
    recent.refresh_from_db()
    assert sleeper.inactivity_warned_at == NOW
    assert recent.inactivity_warned_at is None


def test_a_never_seen_account_counts_from_its_sign_up():
    never_seen = person(None)
    newcomer = UserFactory(date_joined=NOW - timedelta(days=100), last_seen_on=None)

    warn_and_purge_inactive(now=NOW)

    assert [m.to for m in mail.outbox] == [[never_seen.email]]
    assert User.objects.filter(pk=newcomer.pk, inactivity_warned_at__isnull=True).exists()


def test_a_warned_account_is_erased_a_month_later_not_before():
    sleeper = person(date(2024, 1, 1))
    warn_and_purge_inactive(now=NOW)

    assert warn_and_purge_inactive(now=NOW + timedelta(days=29)) == (0, 0)
    assert User.objects.filter(pk=sleeper.pk).exists()

    assert warn_and_purge_inactive(now=NOW + timedelta(days=30)) == (0, 1)
    assert not User.objects.filter(pk=sleeper.pk).exists()


def test_the_erasure_goes_through_every_eraser(django_capture_on_commit_callbacks):
    from solidarite.notifications.models import Notification
    from solidarite.notifications.services import notify

    sleeper = person(date(2024, 1, 1), inactivity_warned_at=NOW - timedelta(days=31))
    notify(sleeper, "test", {"title": "Ancienne notification"})

    warn_and_purge_inactive(now=NOW)

    assert not Notification.objects.filter(user_id=sleeper.pk).exists()


def test_staff_and_admins_are_never_purged():
    staff = person(date(2020, 1, 1), is_staff=True)
    admin = person(date(2020, 1, 1), is_superuser=True)

    for days in (0, 31, 400):
        warn_and_purge_inactive(now=NOW + timedelta(days=days))

    assert mail.outbox == []
    assert User.objects.filter(pk__in=[staff.pk, admin.pk]).count() == 2


def test_coming_back_after_the_warning_keeps_the_account(client):
    now = timezone.now()
    sleeper = UserFactory(
        date_joined=now - timedelta(days=1000),
        last_seen_on=(now - timedelta(days=800)).date(),
    )
    warn_and_purge_inactive(now=now)
    sleeper.refresh_from_db()
    assert sleeper.inactivity_warned_at is not None

    client.force_login(sleeper)
    client.get(reverse("home"))  # any page: the activity middleware notes the visit

    sleeper.refresh_from_db()
    assert sleeper.last_seen_on == timezone.localdate()
    assert sleeper.inactivity_warned_at is None
    assert warn_and_purge_inactive(now=now + timedelta(days=31)) == (0, 0)
    assert User.objects.filter(pk=sleeper.pk).exists()


def test_activity_is_written_at_most_once_a_day(client, django_assert_num_queries):
    visitor = UserFactory(last_seen_on=timezone.localdate() - timedelta(days=3))
    client.force_login(visitor)
    client.get(reverse("legal"))
    visitor.refresh_from_db()
    assert visitor.last_seen_on == timezone.localdate()

    # Seen today already: the session, the person with their header badge, and no UPDATE.
    with django_assert_num_queries(2) as captured:
        client.get(reverse("legal"))
    assert not any(q["sql"].startswith("UPDATE") for q in captured.captured_queries)


def test_the_management_command_reports_its_work(capsys):
    person(date(2022, 1, 1))
    call_command("purge_inactive_accounts")
    assert capsys.readouterr().out.strip() == "prévenus : 1, supprimés : 0"
