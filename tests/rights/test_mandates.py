"""Issue 15, mediator mandates: who may be a mediator, what a mandate allows, for how long, its end,
the log of acts done under it and the purge of the resident's name and phone."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from associations.directory.models import Association, Membership
from solidarite.accounts.roles import roles_of
from solidarite.notifications.models import Notification
from solidarite.rights import appointments, availability, mandates
from solidarite.rights.models import Appointment, Mandate, MediatorGrant
from tests.factories import UserFactory, make_mediator
from tests.rights.factories import make_mandate, make_permanence

pytestmark = pytest.mark.django_db
REASON = "logement-hebergement"


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def first_free(permanence, skip=0):
    return [slot for slot in availability.slots(permanence) if slot.bookable][skip].start


# --- mediators -------------------------------------------------------------------------------------


def test_staff_grant_the_role_only_to_members_of_a_social_action_structure(staff):
    person = UserFactory()
    social = Association.objects.create(name="Accueil", slug="accueil", purpose="x", is_social_action=True)
    theatre = Association.objects.create(name="Théâtre", slug="theatre", purpose="x")
    Membership.objects.create(association=theatre, user=person)
    with pytest.raises(PermissionDenied):
        mandates.grant_mediator(by=UserFactory(), user=person, association=social)
    with pytest.raises(ValidationError) as error:
        mandates.grant_mediator(by=staff, user=person, association=theatre)
    assert "action sociale" in str(error.value)
    with pytest.raises(ValidationError) as error:  # not a member of the social-action one
        mandates.grant_mediator(by=staff, user=person, association=social)
    assert "membre" in str(error.value)
    assert not mandates.is_mediator(person)

    Membership.objects.create(association=social, user=person)
    mandates.grant_mediator(by=staff, user=person, association=social)
    assert mandates.is_mediator(person)
    assert ("mediator", "Accueil") in [(role.code, role.detail) for role in roles_of(person)]


def test_the_role_lapses_when_the_member_leaves_or_the_structure_stops_social_action(mediator):
    structure = MediatorGrant.objects.get(user=mediator).association
    mandate = make_mandate(mediator)
    structure.is_social_action = False
    structure.save()
    assert not mandates.is_mediator(mediator)
    with pytest.raises(PermissionDenied):
        make_mandate(mediator)
    structure.is_social_action = True
    structure.save()
    Membership.objects.filter(user=mediator).delete()
    assert not mandates.is_mediator(mediator)
    assert not Mandate.objects.visible_to(mediator).filter(pk=mandate.pk).exists()


# --- creating ------------------------------------------------------------------------------------------


def test_a_mandate_needs_a_scope_a_consent_and_a_resident(mediator):
    structure = MediatorGrant.objects.get(user=mediator).association
    with pytest.raises(ValidationError) as error:
        mandates.create(
            by=mediator,
            structure=structure,
            scopes=[],
            consent_method="legacy",
            ends_on=mandates.today(),
        )
    assert set(error.value.message_dict) == {"scopes", "consent_method", "resident_name", "resident_phone"}
    assert not Mandate.objects.exists()


def test_a_mandate_lasts_12_months_at_most(mediator):
    with pytest.raises(ValidationError) as error:
        make_mandate(mediator, months=13)
    assert "12 mois au plus" in error.value.message_dict["ends_on"][0]
    structure = MediatorGrant.objects.get(user=mediator).association
    start = mandates.today()
    with pytest.raises(ValidationError):  # the anniversary itself is one day too many
        mandates.create(
            by=mediator,
            structure=structure,
            scopes=["appointments"],
            consent_method="desk",
            ends_on=mandates.add_months(start, 12),
            resident_name="M. Leroy",
            resident_phone="06 12 34 56 78",
        )
    mandate = make_mandate(mediator, months=12)
    assert mandate.ends_on == mandates.add_months(start, 12) - dt.timedelta(days=1)
    assert mandate.status == "active" and mandate.log.get().name == "create"


def test_only_a_mediator_of_the_structure_records_its_mandates(mediator):
    other = UserFactory(mediator=True)  # a mediator of another structure
    structure = MediatorGrant.objects.get(user=mediator).association
    with pytest.raises(PermissionDenied):
        mandates.create(
            by=other,
            structure=structure,
            scopes=["appointments"],
            consent_method="phone",
            ends_on=mandates.today(),
            resident_name="Mme Durand",
            resident_phone="02 40 11 22 33",
        )


def test_a_resident_with_an_account_is_told_and_may_revoke(mediator):
    resident = UserFactory(display_name="Rémi Résident")
    mandate = make_mandate(mediator, resident=resident, scopes=["appointments"])
    assert mandate.resident_label == "Rémi Résident" and mandate.resident_name == ""
    notice = Notification.objects.get(user=resident)
    structure = MediatorGrant.objects.get(user=mediator).association
    assert notice.title == f"Mandat donné à {structure.name}" and "révoquer" in notice.body
    with pytest.raises(ValidationError):  # one running mandate per structure and person
        make_mandate(mediator, resident=resident)
    with pytest.raises(PermissionDenied):
        mandates.revoke(mandate=mandate, by=UserFactory())
    mandates.revoke(mandate=mandate, by=resident, reason="Je me débrouille")
    mandate.refresh_from_db()
    assert mandate.status == "revoked" and mandate.log.last().by == resident


# --- acts, end, purge ----------------------------------------------------------------------------------


@pytest.mark.date_sensitive
def test_a_mediator_books_for_a_resident_without_an_account_and_the_act_is_logged(mediator):
    agent = UserFactory()
    permanence = make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mandate = make_mandate(mediator)
    appointment = appointments.book(
        permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=mandate
    )
    assert appointment.resident is None and appointment.mandate == mandate and appointment.booked_by == mediator
    assert appointment.expected.startswith("Mme Durand (02 40 11 22 33)")
    act = mandate.acts.get()
    assert act.kind == "appointment_booked" and act.by == mediator and permanence.title in act.summary
    with pytest.raises(ValidationError):  # one upcoming appointment per resident and permanence
        appointments.book(
            permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=mandate
        )
    # The mediator, acting for the resident, may cancel; it is logged too.
    appointments.cancel(appointment=appointment, by=mediator)
    assert list(mandate.acts.values_list("kind", flat=True)) == ["appointment_booked", "appointment_cancelled"]


@pytest.mark.date_sensitive
def test_no_booking_outside_the_scope_or_for_another_structure(mediator):
    permanence = make_permanence(opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    help_only = make_mandate(mediator, scopes=["help_requests"])
    with pytest.raises(ValidationError) as error:
        appointments.book(
            permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=help_only
        )
    assert "ne couvre pas" in str(error.value)
    with pytest.raises(PermissionDenied):
        appointments.book(
            permanence=permanence,
            by=UserFactory(mediator=True),
            start=first_free(permanence),
            reason=REASON,
            on_behalf_of=make_mandate(mediator, resident_name="M. Leroy"),
        )
    assert not Appointment.objects.exists() and not help_only.acts.exists()


@pytest.mark.date_sensitive
def test_revoking_purges_the_name_and_phone_at_once_and_frees_the_slots(mediator):
    agent = UserFactory()
    permanence = make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mandate = make_mandate(mediator)
    appointment = appointments.book(
        permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=mandate
    )
    mandates.revoke(mandate=mandate, by=mediator)
    mandate.refresh_from_db()
    assert (mandate.resident_name, mandate.resident_phone, mandate.status) == ("", "", "revoked")
    assert mandate.purged_at is not None and mandate.acts.count() == 1  # the log of acts stays
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    with pytest.raises(ValidationError):
        mandates.revoke(mandate=mandate, by=mediator)
    with pytest.raises(ValidationError):
        appointments.book(
            permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=mandate
        )


def test_the_scheduled_command_expires_mandates_past_their_last_day_and_purges(mediator, staff):
    ending = make_mandate(mediator, months=1)
    running = make_mandate(mediator, resident_name="M. Leroy")
    out = io.StringIO()
    call_command("purge_mandates", stdout=out)
    assert "expired=0 purged=0" in out.getvalue()

    after = timezone.now() + dt.timedelta(days=(ending.ends_on - mandates.today()).days + 1)
    assert mandates.expire_due(now=after) == 1
    ending.refresh_from_db()
    running.refresh_from_db()
    assert (ending.status, ending.resident_name, ending.resident_phone) == ("expired", "", "")
    assert ending.log.last().name == "expire" and ending.log.last().by is None
    assert running.status == "active" and running.resident_name == "M. Leroy"
    # Aggregates stay: the mandate, its structure, scope and dates are still counted.
    assert Mandate.objects.filter(structure=ending.structure).count() == 2


def test_the_purge_is_a_safety_net_for_ended_mandates_still_holding_details(mediator):
    mandate = make_mandate(mediator)
    Mandate.objects.filter(pk=mandate.pk).update(status="expired")  # as if ended by an older version
    assert mandates.purge() == 1
    mandate.refresh_from_db()
    assert (mandate.resident_name, mandate.resident_phone) == ("", "")


def test_staff_revoke_any_mandate(mediator, staff):
    mandate = make_mandate(mediator)
    mandates.revoke(mandate=mandate, by=staff, reason="Demande de la personne à l'accueil")
    mandate.refresh_from_db()
    assert mandate.status == "revoked" and mandate.log.last().reason.startswith("Demande")


def test_a_second_structure_gives_a_second_role(mediator):
    make_mediator(mediator)
    assert len([role for role in roles_of(mediator) if role.code == "mediator"]) == 2
