"""The mandate pages, without JavaScript (plain forms that post): a mediator records a mandate on the
phone, books a slot and posts a help request for the resident; the resident or staff revoke it; the
print page lists what was done; staff grant the role. Who may not see a mandate gets a 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.help.models import HelpRequest
from solidarite.rights import availability
from solidarite.rights.models import Appointment, Mandate, MediatorGrant
from tests.factories import UserFactory
from tests.help.factories import category
from tests.rights.factories import make_mandate, make_permanence

pytestmark = pytest.mark.django_db


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


def form(mediator, **changes):
    data = {
        "structure": MediatorGrant.objects.get(user=mediator).association_id,
        "resident_name": "Mme Durand",
        "resident_phone": "02 40 11 22 33",
        "scopes": ["appointments", "help_requests"],
        "months": "6",
        "consent_method": "phone",
        "explained": "on",
    }
    data.update(changes)
    return data


def test_a_mediator_records_a_mandate_for_a_resident_without_an_account(mediator, client_for):
    client = client_for(mediator)
    page = client.get(reverse("rights:mandate_create")).content.decode()
    assert "<legend>Ce que la structure pourra faire pour elle</legend>" in page
    response = client.post(reverse("rights:mandate_create"), form(mediator))
    mandate = Mandate.objects.get()
    assert response.status_code == 302 and response["Location"] == mandate.get_absolute_url()
    assert (mandate.resident_name, mandate.consent_method, mandate.recorded_by) == ("Mme Durand", "phone", mediator)
    detail = client.get(mandate.get_absolute_url()).content.decode()
    assert "Mme Durand" in detail and "par téléphone" in detail and "Révoquer le mandat" in detail


def test_bad_input_is_a_french_400_and_saves_nothing(mediator, client_for):
    client = client_for(mediator)
    response = client.post(reverse("rights:mandate_create"), form(mediator, resident_phone="", scopes=[], explained=""))
    body = response.content.decode()
    assert response.status_code == 400 and "error-summary" in body
    assert "Ce que la structure pourra faire pour elle : Ce champ est obligatoire." in body
    response = client.post(reverse("rights:mandate_create"), form(mediator, resident_phone="0612"))
    assert response.status_code == 400 and not Mandate.objects.exists()
    response = client.post(reverse("rights:mandate_create"), form(mediator, resident_email="personne@nulle.part"))
    assert response.status_code == 400 and "Aucun compte actif" in response.content.decode()


def test_only_mediators_record_mandates(client_for):
    assert client_for(UserFactory()).get(reverse("rights:mandate_create")).status_code == 403
    assert client_for(UserFactory(staff=True)).post(reverse("rights:mandate_create"), {}).status_code == 403


def test_a_mandate_is_seen_by_its_structure_its_resident_and_staff_only(mediator, client_for):
    resident = UserFactory(display_name="Rémi Résident")
    mandate = make_mandate(mediator, resident=resident)
    url = mandate.get_absolute_url()
    for who in (mediator, resident, UserFactory(staff=True)):
        assert client_for(who).get(url).status_code == 200
        assert client_for(who).get(reverse("rights:mandate_print", args=[mandate.pk])).status_code == 200
    for who in (UserFactory(), UserFactory(mediator=True)):
        assert client_for(who).get(url).status_code == 404
        assert client_for(who).post(reverse("rights:mandate_step", args=[mandate.pk, "revoquer"])).status_code == 404
    assert f"n° {mandate.pk}" in client_for(resident).get(reverse("rights:mandates")).content.decode()
    assert f"n° {mandate.pk}" not in client_for(UserFactory()).get(reverse("rights:mandates")).content.decode()


def test_the_resident_revokes_from_their_account(mediator, client_for):
    resident = UserFactory()
    mandate = make_mandate(mediator, resident=resident)
    response = client_for(resident).post(
        reverse("rights:mandate_step", args=[mandate.pk, "revoquer"]), {"reason": "Plus besoin"}
    )
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "revoked"
    page = client_for(resident).get(mandate.get_absolute_url()).content.decode()
    assert "Révoquer le mandat" not in page and "Plus besoin" in page


@pytest.mark.date_sensitive
def test_a_mediator_books_for_the_resident_from_the_permanence_page(mediator, client_for):
    agent = UserFactory()
    permanence = make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mandate = make_mandate(mediator)
    key = next(slot for slot in availability.slots(permanence) if slot.bookable).key
    client = client_for(mediator)
    page = client.get(reverse("rights:book", args=[permanence.slug]), {"debut": key}).content.decode()
    assert '<label for="pour">Pour qui ?</label>' in page and f"Mme Durand — mandat n° {mandate.pk}" in page
    response = client.post(
        reverse("rights:book", args=[permanence.slug]),
        {"debut": key, "motif": "logement-hebergement", "pour": str(mandate.pk)},
    )
    appointment = Appointment.objects.get()
    assert response.status_code == 302 and appointment.mandate == mandate and appointment.resident is None
    assert client.get(appointment.get_absolute_url()).status_code == 200  # the mediator follows it
    day = appointment.local_start.date().isoformat()
    agent_day = client_for(agent).get(reverse("rights:agent_day", args=[permanence.slug]), {"jour": day})
    assert "Mme Durand (02 40 11 22 33)" in agent_day.content.decode()  # the agent knows who comes
    printed = client.get(reverse("rights:mandate_print", args=[mandate.pk])).content.decode()
    assert "Rendez-vous pris" in printed and permanence.title in printed and "Nadia Médiatrice" in printed
    # Another neighbour cannot book under this mandate: a French 400, nothing saved.
    other = client_for(UserFactory()).post(
        reverse("rights:book", args=[permanence.slug]),
        {"debut": key, "motif": "logement-hebergement", "pour": str(mandate.pk)},
    )
    assert other.status_code == 400 and "Choisissez un mandat" in other.content.decode()
    assert Appointment.objects.count() == 1


def test_a_mediator_posts_a_help_request_under_a_mandate_from_the_form(mediator, client_for):
    mandate = make_mandate(mediator, scopes=["help_requests"])
    now = timezone.localtime()
    response = client_for(mediator).post(
        reverse("help:request_new"),
        {
            "category": category().pk,
            "description": "Une étagère à fixer au mur du salon.",
            "quartier": "",
            "latitude": "47.19612",
            "longitude": "-1.54733",
            "window_start": (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "window_end": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "urgency": "normal",
            "mandate": str(mandate.pk),
        },
    )
    post = HelpRequest.objects.get()
    assert response.status_code == 302 and post.mandate == mandate and post.resident_name == "Mme Durand"
    assert mandate.acts.get().kind == "help_request"


def test_staff_grant_and_withdraw_the_role(client_for):
    staff = UserFactory(staff=True)
    member = UserFactory(email="benevole@exemple.fr")
    from associations.directory.models import Association, Membership

    structure = Association.objects.create(name="Accueil", slug="accueil", purpose="x", is_social_action=True)
    client = client_for(staff)
    response = client.post(reverse("rights:mediators"), {"user": "benevole@exemple.fr", "association": structure.pk})
    assert response.status_code == 400 and "pas membre" in response.content.decode()
    Membership.objects.create(association=structure, user=member)
    response = client.post(reverse("rights:mediators"), {"user": "benevole@exemple.fr", "association": structure.pk})
    grant = MediatorGrant.objects.get(user=member)
    assert response.status_code == 302
    assert client_for(member).get(reverse("rights:mandate_create")).status_code == 200
    client.post(reverse("rights:mediator_withdraw", args=[grant.pk]))
    assert not MediatorGrant.objects.exists()
    assert client_for(member).get(reverse("rights:mediators")).status_code == 403


def test_expiry_is_not_a_page_action(mediator, client_for):
    mandate = make_mandate(mediator)
    response = client_for(UserFactory(staff=True)).post(reverse("rights:mandate_step", args=[mandate.pk, "expire"]))
    assert response.status_code == 404
    mandate.refresh_from_db()
    assert mandate.status == "active"
