"""The permanence pages, without JavaScript: free slots, booking, one's appointments, the agent's day, the feed.

Only the person and the permanence's agents see an appointment (404 for others); the day list is the
agents' (403). Bad input is a French message and a 400, never a 500, and saves nothing.
"""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from solidarite.calendars import services as calendars
from solidarite.intervals import PARIS
from solidarite.rights import appointments
from solidarite.rights.models import Appointment
from tests.factories import UserFactory
from tests.rights.factories import make_permanence

pytestmark = pytest.mark.django_db
SLOT = dt.datetime(2026, 11, 24, 14, tzinfo=PARIS)
KEY = SLOT.isoformat(timespec="minutes")


@pytest.fixture
def agent():
    return UserFactory(display_name="Agnès Agent")


@pytest.fixture
def permanence(agent):
    return make_permanence(agents=[agent])


@pytest.fixture
def resident():
    return UserFactory(display_name="Rémi Résident")


def booked(permanence, resident):
    return appointments.book(permanence=permanence, by=resident, start=SLOT, reason="logement-hebergement")


def test_the_permanence_page_lists_free_walk_in_and_taken_slots_for_anyone(client, permanence, resident):
    booked(permanence, resident)
    page = client.get(permanence.get_absolute_url()).content.decode()
    assert "mardi 24 novembre" in page and "jeudi 19 novembre" in page
    assert "sans rendez-vous" in page and "pris" in page
    assert f"?debut={KEY.replace(':', '%3A').replace('+', '%2B')}" not in page  # taken: no link
    assert "?debut=2026-11-24T14%3A30%2B01%3A00" in page
    assert "Rémi" not in page


def test_a_signed_in_resident_books_a_slot_with_a_theme_from_the_list(client, permanence, resident):
    client.force_login(resident)
    url = reverse("rights:book", args=[permanence.slug])
    form = client.get(url, {"debut": KEY})
    assert "mardi 24 novembre 2026, de 14 h à 14 h 30" in form.content.decode()
    assert '<select id="motif" name="motif" required>' in form.content.decode()

    response = client.post(url, {"debut": KEY, "motif": "logement-hebergement"}, follow=True)
    appointment = Appointment.objects.get()
    assert response.redirect_chain[-1][0] == appointment.get_absolute_url()
    assert "Rendez-vous réservé" in response.content.decode()
    assert (appointment.resident, appointment.start) == (resident, SLOT)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"debut": "demain", "motif": "numerique"}, "n&#x27;existe pas"),
        ({"debut": KEY, "motif": "je suis expulsé"}, "thème"),
        ({"debut": "2026-11-19T14:00+01:00", "motif": "numerique"}, "sans rendez-vous"),
    ],
)
def test_bad_booking_input_is_a_french_400_that_saves_nothing(client, permanence, resident, data, message):
    client.force_login(resident)
    response = client.post(reverse("rights:book", args=[permanence.slug]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Appointment.objects.exists()


def test_booking_asks_to_sign_in_first(client, permanence):
    response = client.post(reverse("rights:book", args=[permanence.slug]), {"debut": KEY, "motif": "numerique"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")
    assert not Appointment.objects.exists()


def test_only_the_person_and_the_agents_see_an_appointment(client, permanence, resident, agent):
    appointment = booked(permanence, resident)
    url = appointment.get_absolute_url()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(reverse("rights:appointment_step", args=[appointment.pk, "annuler"])).status_code == 404
    client.force_login(resident)
    assert "Logement" in client.get(url).content.decode()
    client.force_login(agent)
    assert "Rémi Résident" in client.get(url).content.decode()
    assert Appointment.objects.get().status == "booked"


def test_the_resident_cancels_from_their_list_and_the_slot_is_free_again(client, permanence, resident):
    appointment = booked(permanence, resident)
    client.force_login(resident)
    assert permanence.title in client.get(reverse("rights:my_appointments")).content.decode()
    response = client.post(reverse("rights:appointment_step", args=[appointment.pk, "annuler"]))
    assert response.status_code == 302
    assert Appointment.objects.get().status == "cancelled"
    assert "?debut=2026-11-24T14%3A00%2B01%3A00" in client.get(permanence.get_absolute_url()).content.decode()


def test_the_agent_day_list_is_for_the_agents_of_the_permanence(client, permanence, resident, agent):
    booked(permanence, resident)
    url = reverse("rights:agent_day", args=[permanence.slug]) + "?jour=2026-11-24"
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(staff=True))
    assert client.get(url).status_code == 403
    client.force_login(agent)
    page = client.get(url).content.decode()
    assert "Rémi Résident" in page and "14:00" in page and "Logement" in page
    assert client.get(reverse("rights:agent_day", args=[permanence.slug]) + "?jour=hier").status_code == 400


def test_the_agent_feed_has_the_appointments_in_paris_time_without_names(client, permanence, resident, agent):
    booked(permanence, resident)
    token = calendars.ensure(agent, calendars.Feed.RIGHTS)
    response = client.get(reverse("rights:agent_feed", args=[token.token]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "DTSTART;TZID=Europe/Paris:20261124T140000" in body
    assert "Rémi" not in body
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Rendez-vous : Logement et hébergement"]
    assert client.get(reverse("rights:agent_feed", args=["nimporte-quoi"])).status_code == 404


def test_the_place_page_links_its_permanences(client, permanence):
    assert permanence.get_absolute_url() in client.get(permanence.place.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["visitor", "resident", "agent"])
def test_the_permanence_pages_have_one_h1_and_no_skipped_heading_level(client, permanence, resident, agent, who):
    from tests.solidarite.test_pages import page_of

    appointment = booked(permanence, resident)
    urls = [permanence.get_absolute_url()]
    if who != "visitor":
        client.force_login(resident if who == "resident" else agent)
        urls += [appointment.get_absolute_url(), reverse("rights:my_appointments")]
        urls.append(reverse("rights:book", args=[permanence.slug]) + "?debut=2026-11-24T15:00%2B01:00")
    if who == "agent":
        urls.append(reverse("rights:agent_day", args=[permanence.slug]) + "?jour=2026-11-24")
    for url in urls:
        headings = page_of(client.get(url)).headings
        assert headings[0] == 1 and headings.count(1) == 1, url
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False)), (url, headings)


def test_the_resident_moves_their_appointment_without_javascript(client, permanence, resident):
    appointment = booked(permanence, resident)
    client.force_login(resident)
    detail = client.get(appointment.get_absolute_url()).content.decode()
    move_url = f"{permanence.get_absolute_url()}?deplacer={appointment.pk}"
    assert move_url in detail
    page = client.get(move_url).content.decode()
    assert f"?debut=2026-11-24T15%3A00%2B01%3A00&amp;deplacer={appointment.pk}" in page

    response = client.post(
        reverse("rights:book", args=[permanence.slug]), {"debut": "2026-11-24T15:00+01:00", "deplacer": appointment.pk}
    )
    moved = Appointment.objects.get(status="booked")
    assert response.status_code == 302 and response.url == moved.get_absolute_url()
    assert (moved.start.hour, moved.reason) == (14, "logement-hebergement")  # 15:00 Paris is 14:00 UTC
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"


def test_nobody_moves_someone_elses_appointment(client, permanence, resident):
    appointment = booked(permanence, resident)
    client.force_login(UserFactory())
    response = client.post(
        reverse("rights:book", args=[permanence.slug]), {"debut": "2026-11-24T15:00+01:00", "deplacer": appointment.pk}
    )
    assert response.status_code == 404
    assert client.get(f"{permanence.get_absolute_url()}?deplacer=99999999999999999999999").status_code == 404
    assert list(Appointment.objects.values_list("status", flat=True)) == ["booked"]
