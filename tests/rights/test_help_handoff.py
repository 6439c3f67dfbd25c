"""A help request a mediator posted under a mandate becomes an appointment: « Prendre rendez-vous pour
cette personne » next to each permanence, for the mediators of the mandate's structure only; the
booking is logged on the mandate and shown back on the request (to its author and the mediators);
anyone else, another structure, an ended mandate or one without the appointments scope is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarite.rights import availability, mandates
from solidarite.rights.models import Appointment, MandateAct
from tests.factories import UserFactory, make_mediator
from tests.help.factories import make_request
from tests.helpers import text
from tests.rights.factories import make_mandate, make_permanence, make_place

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
PAPERWORK = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
REASON = "difficultes-administratives-ou-juridiques"
ACTION = "Prendre rendez-vous pour cette personne"


def permanence_at(n: int):
    place = make_place(slug=f"lieu-{n}", name=f"Lieu d'accueil {n}", latitude=47.19 + n / 100, themes=(PAPERWORK,))
    return make_permanence(
        slug=f"permanence-{n}",
        title=f"Permanence démarches {n}",
        place=place,
        opening_hours="Mo-Fr 09:00-17:00",
        walk_in_hours="",
    )


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


@pytest.fixture
def mandate(mediator):
    return make_mandate(mediator)


@pytest.fixture
def permanence():
    return permanence_at(1)


@pytest.fixture
def help_request(mediator, mandate, permanence):
    return make_request(mediator, slug="demarches-administratives", mandate=mandate)


def request_page(client, help_request, user=None):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("help:request", args=[help_request.pk]))


def free_key(permanence) -> str:
    return next(slot for slot in availability.slots(permanence) if slot.bookable).key


def handoff(mandate, help_request) -> dict:
    return {"pour": str(mandate.pk), "demande": str(help_request.pk)}


def test_only_a_mediator_of_the_structure_sees_the_action(client, mediator, mandate, help_request, permanence):
    html = request_page(client, help_request, mediator).content.decode()
    assert ACTION in html
    assert f"{permanence.get_absolute_url()}?pour={mandate.pk}&amp;demande={help_request.pk}" in html

    colleague = UserFactory()
    make_mediator(colleague, mandate.structure)
    assert ACTION in request_page(client, help_request, colleague).content.decode()

    for someone in (UserFactory(), UserFactory(mediator=True)):  # a resident; a mediator elsewhere
        assert ACTION not in request_page(client, help_request, someone).content.decode()
    client.logout()
    assert ACTION not in request_page(client, help_request).content.decode()


def test_a_request_posted_for_oneself_offers_no_action(client, mediator, permanence):
    own = make_request(mediator, slug="demarches-administratives")
    html = request_page(client, own, mediator).content.decode()
    assert "Se faire aider par un point d'accueil" in html and ACTION not in html


def test_booking_from_the_request_logs_the_act_and_shows_it_on_the_request(
    client, mediator, mandate, help_request, permanence
):
    client.force_login(mediator)
    page = client.get(permanence.get_absolute_url(), handoff(mandate, help_request)).content.decode()
    assert "Vous prenez rendez-vous pour" in page and "Mme Durand" in page
    assert f"&amp;pour={mandate.pk}&amp;demande={help_request.pk}" in page  # every slot keeps the choice

    key = free_key(permanence)
    url = reverse("rights:book", args=[permanence.slug])
    form = client.get(url, {"debut": key, **handoff(mandate, help_request)}).content.decode()
    assert f'<option value="{mandate.pk}" selected>' in form
    assert f'name="demande" value="{help_request.pk}"' in form

    response = client.post(url, {"debut": key, "motif": REASON, **handoff(mandate, help_request)})

    assert response.status_code == 302 and response.url == reverse("help:request", args=[help_request.pk])
    appointment = Appointment.objects.get()
    assert appointment.mandate == mandate and appointment.resident is None and appointment.booked_by == mediator
    act = MandateAct.objects.get(mandate=mandate, kind=MandateAct.Kind.APPOINTMENT_BOOKED)
    assert act.by == mediator and act.url == appointment.get_absolute_url()
    shown = client.get(response.url).content.decode()
    assert "Rendez-vous pris pour cette demande" in shown and appointment.get_absolute_url() in shown

    for someone in (UserFactory(), UserFactory(mediator=True)):
        html = request_page(client, help_request, someone).content.decode()
        assert "Rendez-vous pris pour cette demande" not in html and appointment.get_absolute_url() not in html


@pytest.mark.parametrize("who", ["someone else", "another structure"])
def test_someone_else_is_refused_and_nothing_is_booked(client, mediator, mandate, help_request, permanence, who):
    intruder = UserFactory() if who == "someone else" else UserFactory(mediator=True)
    client.force_login(intruder)
    params = handoff(mandate, help_request)

    page = client.get(permanence.get_absolute_url(), params)
    posted = client.post(
        reverse("rights:book", args=[permanence.slug]), {"debut": free_key(permanence), "motif": REASON, **params}
    )

    assert page.status_code == 400 and posted.status_code == 400
    assert "Choisissez un mandat en cours de votre structure qui couvre cela." in text(posted)
    assert "Vous prenez rendez-vous pour" not in page.content.decode()
    assert not Appointment.objects.exists() and not help_request.appointments.exists()


@pytest.mark.parametrize("case", ["revoked", "no appointments scope"])
def test_an_ended_mandate_or_one_without_the_scope_is_refused_in_french(client, mediator, permanence, case):
    scopes = ("help_requests",) if case == "no appointments scope" else ("help_requests", "appointments")
    mandate = make_mandate(mediator, scopes=scopes)
    help_request = make_request(mediator, slug="demarches-administratives", mandate=mandate)
    if case == "revoked":
        mandates.revoke(mandate=mandate, by=mediator)
    client.force_login(mediator)
    params = handoff(mandate, help_request)

    page = client.get(permanence.get_absolute_url(), params)
    posted = client.post(
        reverse("rights:book", args=[permanence.slug]), {"debut": free_key(permanence), "motif": REASON, **params}
    )

    assert page.status_code == 400 and posted.status_code == 400
    assert "Choisissez un mandat en cours de votre structure qui couvre cela." in text(posted)
    assert "Vous prenez rendez-vous pour" not in page.content.decode()
    assert not Appointment.objects.exists() and not MandateAct.objects.filter(kind__startswith="appointment").exists()
    assert ACTION not in request_page(client, help_request).content.decode()


def test_without_the_appointments_scope_the_page_says_so_plainly(client, mediator, permanence):
    mandate = make_mandate(mediator, scopes=("help_requests",))
    help_request = make_request(mediator, slug="demarches-administratives", mandate=mandate)
    html = text(request_page(client, help_request, mediator))
    assert ACTION not in html
    assert "Le mandat de cette personne ne couvre pas les rendez-vous" in html


def test_a_request_of_another_mandate_is_refused(client, mediator, mandate, help_request, permanence):
    other = make_mandate(mediator, resident_name="M. Martin")
    client.force_login(mediator)
    response = client.post(
        reverse("rights:book", args=[permanence.slug]),
        {"debut": free_key(permanence), "motif": REASON, "pour": other.pk, "demande": help_request.pk},
    )
    assert response.status_code == 400
    assert "Cette demande d'aide n'a pas été publiée sous ce mandat." in text(response)
    assert not Appointment.objects.exists()


def test_the_action_costs_no_query_per_permanence_listed(client, mediator, mandate, help_request, permanence):
    def extra_queries() -> tuple[int, int]:
        """The mediator's page minus an anonymous visitor's page: the hand-off's own queries."""
        client.logout()
        with CaptureQueriesContext(connection) as anonymous:
            assert ACTION not in request_page(client, help_request).content.decode()
        client.force_login(mediator)
        with CaptureQueriesContext(connection) as mediated:
            html = request_page(client, help_request).content.decode()
        return html.count(ACTION), len(mediated.captured_queries) - len(anonymous.captured_queries)

    one_shown, few = extra_queries()
    permanence_at(2), permanence_at(3)
    three_shown, many = extra_queries()

    assert (one_shown, three_shown) == (1, 3)
    assert many == few


def test_a_visitor_sees_the_public_page_and_the_choice_is_ignored(client, mandate, help_request, permanence):
    response = client.get(permanence.get_absolute_url(), handoff(mandate, help_request))
    html = response.content.decode()
    assert response.status_code == 200 and "Créneaux des prochaines semaines" in text(response)
    assert "Vous prenez rendez-vous pour" not in html and "Mme Durand" not in html
    assert "&amp;pour=" not in html  # the slots book for oneself
