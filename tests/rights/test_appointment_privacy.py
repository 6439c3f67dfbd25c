"""Appointments and personal data: export, erase (future slots freed), and the 3-month retention."""

import datetime as dt

import pytest
from django.core.management import call_command

from solidarite.accounts import personal_data, services
from solidarite.calendars import services as calendars
from solidarite.calendars.models import FeedToken
from solidarite.intervals import PARIS
from solidarite.notifications.models import Notification
from solidarite.rights import appointments
from solidarite.rights.models import Appointment
from tests.factories import UserFactory
from tests.rights.factories import make_permanence

pytestmark = pytest.mark.django_db
SLOT = dt.datetime(2026, 11, 24, 14, tzinfo=PARIS)


@pytest.fixture
def agent():
    return UserFactory()


@pytest.fixture
def permanence(agent):
    return make_permanence(agents=[agent])


def test_a_residents_appointments_are_exported(permanence):
    resident = UserFactory()
    appointments.book(permanence=permanence, by=resident, start=SLOT, reason="sante")
    exported = personal_data.export_personal_data(resident)["acces_aux_droits"]["rendez_vous"]
    assert exported == [
        {
            "permanence": permanence.title,
            "lieu": permanence.place.name,
            "debut": SLOT.astimezone(dt.UTC).isoformat(),
            "fin": (SLOT + dt.timedelta(minutes=30)).astimezone(dt.UTC).isoformat(),
            "theme": "sante",
            "etat": "booked",
        }
    ]


def test_erasing_a_resident_cancels_their_future_appointments_and_frees_the_slot(permanence, agent, time_machine):
    resident = UserFactory()
    past = appointments.book(permanence=permanence, by=resident, start=SLOT, reason="sante")
    time_machine.move_to(SLOT + dt.timedelta(hours=1))
    future = appointments.book(
        permanence=permanence, by=resident, start=SLOT + dt.timedelta(days=2, hours=1), reason="sante"
    )

    services.erase_account(user=resident)

    assert Appointment.objects.get(pk=future.pk).status == "cancelled"
    assert Appointment.objects.get(pk=past.pk).status == "booked"  # the agent still notes whether they came
    assert not Appointment.objects.filter(resident__isnull=False).exists()
    assert Notification.objects.filter(user=agent, kind="rights.appointment_cancelled").exists()
    other = appointments.book(permanence=permanence, by=UserFactory(), start=future.start, reason="numerique")
    assert other.status == "booked"


def test_erasing_an_agent_takes_them_off_their_permanences_and_revokes_their_feed(permanence, agent):
    calendars.ensure(agent, calendars.Feed.RIGHTS)
    services.erase_account(user=agent)
    assert not permanence.agents.exists()
    assert not FeedToken.objects.exists()


def test_three_months_after_the_people_leave_the_appointment_and_the_counts_stay(permanence, agent, time_machine):
    resident = UserFactory()
    appointment = appointments.book(permanence=permanence, by=resident, start=SLOT, reason="sante")
    time_machine.move_to(SLOT + dt.timedelta(days=60))
    call_command("purge_appointments", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Appointment.objects.get().resident == resident  # not yet

    time_machine.move_to(SLOT + dt.timedelta(days=93))
    call_command("purge_appointments", stdout=open("/dev/null", "w"))  # noqa: SIM115

    kept = Appointment.objects.get(pk=appointment.pk)
    assert (kept.resident, kept.booked_by, kept.status_by) == (None, None, None)
    assert (kept.permanence, kept.reason, kept.start, kept.status) == (permanence, "sante", SLOT, "booked")
    assert kept.purged_at is not None


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client):
    from django.urls import reverse

    page = client.get(reverse("privacy")).content.decode()
    assert "Les rendez-vous des permanences" in page and "Trois mois après le rendez-vous" in page


def test_the_admin_lists_appointments_without_the_person(client, permanence):
    from django.urls import reverse

    resident = UserFactory(display_name="Rémi Résident", email="remi@exemple.fr")
    appointment = appointments.book(permanence=permanence, by=resident, start=SLOT, reason="sante")
    client.force_login(UserFactory(staff=True, is_superuser=True))
    for url in (
        reverse("admin:rights_appointment_changelist"),
        reverse("admin:rights_appointment_change", args=[appointment.pk]),
    ):
        page = client.get(url).content.decode()
        assert permanence.title in page
        assert "Rémi" not in page and "remi@" not in page, url
