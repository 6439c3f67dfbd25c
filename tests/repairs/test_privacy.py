"""What the repair cafés hold about a person: exported, erased, and purged after the session."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from solidarite.accounts.personal_data import export_personal_data
from solidarite.accounts.services import erase_account
from solidarite.calendars.models import FeedToken
from solidarite.repairs import ords, services
from solidarite.repairs.models import Follow, RepairCredit, RepairRecord
from tests.factories import UserFactory
from tests.repairs.factories import day_of, make_cafe

pytestmark = pytest.mark.django_db


def _world():
    volunteer, resident = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer])
    waiting = services.preregister(action, day_of(action), by=resident, product_category=15, problem="Grésille")
    kept = services.preregister(action, day_of(action), by=resident, product_category=14, problem="Fuit")
    services.arrive(kept, by=volunteer, weight_kg="1")
    services.set_outcome(kept, by=volunteer, repair_status=ords.FIXED, repairers=[volunteer.pk])
    services.follow(action.association, by=resident)
    services.feed_token(resident)
    return volunteer, resident, action, waiting, kept


def test_export_names_objects_credits_follows_and_the_calendar():
    volunteer, resident, action, _waiting, _kept = _world()
    mine = export_personal_data(resident)["repair_cafes"]
    assert [o["categorie"] for o in mine["objets_inscrits"]] == ["Lampe", "Bouilloire"]
    assert mine["repair_cafes_suivis"] == [action.association.name]
    assert export_personal_data(resident)["calendriers"]["calendriers_prives"] == ["repair cafés"]
    theirs = export_personal_data(volunteer)["repair_cafes"]
    assert [c["issue"] for c in theirs["reparations_creditees"]] == ["Réparé"]


def test_erasure_withdraws_waiting_objects_and_keeps_the_anonymous_repair():
    volunteer, resident, _action, waiting, kept = _world()
    erase_account(user=resident)
    erase_account(user=volunteer)
    waiting.refresh_from_db()
    kept.refresh_from_db()
    assert (waiting.status, waiting.owner) == (RepairRecord.Status.WITHDRAWN, None)
    assert (kept.status, kept.owner, kept.repair_status) == (RepairRecord.Status.DONE, None, ords.FIXED)
    assert not RepairCredit.objects.exists()
    assert not Follow.objects.exists() and not FeedToken.objects.exists()


def test_thirty_days_after_the_session_owners_are_unlinked_and_unbrought_objects_deleted():
    _volunteer, resident, action, waiting, kept = _world()
    with time_machine.travel(action.starts_at + dt.timedelta(days=20)):
        call_command("purge_repairs")
    assert RepairRecord.objects.filter(owner=resident).count() == 2
    with time_machine.travel(action.starts_at + dt.timedelta(days=32)):
        call_command("purge_repairs")
    assert not RepairRecord.objects.filter(pk=waiting.pk).exists()
    kept.refresh_from_db()
    assert kept.owner is None and kept.status == RepairRecord.Status.DONE
