"""Mandates in the personal-data registry: exported for the resident and the mediator; erasing an
account ends what the person had running (their mandates are revoked), and the privacy page says it."""

import pytest
from django.urls import reverse

from solidarite.accounts import personal_data, services
from solidarite.rights import appointments, availability
from solidarite.rights.models import Appointment, Mandate, MandateAct, MediatorGrant
from tests.factories import UserFactory
from tests.helpers import text
from tests.rights.factories import make_mandate, make_permanence

pytestmark = pytest.mark.django_db


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


def test_the_resident_and_the_mediator_each_get_their_part_in_the_export(mediator):
    resident = UserFactory()
    mandate = make_mandate(mediator, resident=resident, scopes=["appointments"])
    mine = personal_data.export_personal_data(resident)["acces_aux_droits"]["mandats_donnes"]
    assert [(row["numero"], row["perimetre"], row["etat"]) for row in mine] == [
        (mandate.pk, ["appointments"], "active")
    ]
    theirs = personal_data.export_personal_data(mediator)["acces_aux_droits"]
    assert [row["pk"] for row in theirs["mandats_enregistres"]] == [mandate.pk]
    assert len(theirs["role_de_mediateur"]) == 1
    assert "Durand" not in str(theirs)  # a resident's name is not the mediator's data


@pytest.mark.date_sensitive
def test_erasing_the_resident_revokes_their_running_mandates(mediator):
    resident = UserFactory()
    permanence = make_permanence(opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mandate = make_mandate(mediator, resident=resident)
    start = next(slot for slot in availability.slots(permanence) if slot.bookable).start
    appointment = appointments.book(
        permanence=permanence, by=mediator, start=start, reason="numerique", on_behalf_of=mandate
    )
    assert appointment.resident == resident

    services.erase_account(user=resident)

    mandate = Mandate.objects.get(pk=mandate.pk)
    assert mandate.status == "revoked" and mandate.resident is None and mandate.purged_at is not None
    assert mandate.log.last().reason == "compte supprimé"
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    assert mandate.acts.count() == 1  # what was done stays, with no one's name but the mediator's


def test_erasing_the_mediator_keeps_the_structures_mandates_without_their_name(mediator):
    mandate = make_mandate(mediator)
    MandateAct.objects.create(mandate=mandate, kind="estimate", by=mediator, at=mandate.created_at)

    services.erase_account(user=mediator)

    mandate = Mandate.objects.get(pk=mandate.pk)
    assert mandate.status == "active" and mandate.recorded_by is None  # the structure's, not the mediator's
    assert mandate.acts.get().by is None and mandate.log.get().by is None
    assert not MediatorGrant.objects.exists()


def test_the_privacy_page_describes_mandates(client):
    page = text(client.get(reverse("privacy")))
    assert "seulement sous un mandat" in page and "12 mois au plus" in page
    assert "Le mandat se révoque à tout moment" in page and "le nom et le téléphone sont effacés" in page
