"""What the places of digital help keep about the people who edit them, and for how long."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarite.accounts.personal_data import export_personal_data
from solidarite.accounts.services import erase_account
from solidarite.digital.models import DigitalPlace, DigitalPlaceChange
from tests.digital.factories import mark
from tests.directory.factories import AssociationFactory, make_manager

pytestmark = pytest.mark.django_db


def test_an_editor_finds_their_changes_in_their_export_and_erasure_keeps_the_place_without_their_name():
    association = AssociationFactory(name="Les Voisins connectés")
    manager = make_manager(association)
    place = mark(association, by=manager)
    exported = export_personal_data(manager)["numerique"]
    assert exported["modifications"][0]["lieu"] == "Les Voisins connectés"
    assert exported["derniere_modification_de"] == ["Les Voisins connectés"]
    erase_account(user=manager)
    place.refresh_from_db()
    assert place.updated_by is None and DigitalPlaceChange.objects.get().by is None


def test_names_leave_the_log_after_two_years(capsys):
    association = AssociationFactory()
    manager = make_manager(association)
    place = mark(association, by=manager)
    DigitalPlaceChange.objects.update(at=timezone.now() - dt.timedelta(days=731))
    DigitalPlace.objects.update(updated_at=timezone.now() - dt.timedelta(days=731))
    recent = mark(AssociationFactory())  # by staff, today
    call_command("purge_digital_log")
    assert "unnamed_changes=1" in capsys.readouterr().out
    place.refresh_from_db()
    assert place.updated_by is None and DigitalPlaceChange.objects.filter(place=place, by=None).exists()
    assert DigitalPlaceChange.objects.get(place=recent).by is not None
