"""Every notification kind is declared once, in one vocabulary, with its text and its recipients
(``notifications.kinds``); the code sends no other."""

import ast
import re
from pathlib import Path

import pytest

from solidarite.notifications import kinds
from solidarite.notifications.services import notify, notify_many
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    *("accounts", "help", "directory", "shops", "rooms", "support"),
    *("rights", "agenda", "dashboard", "estimate", "grocery"),
    "gardens",
    "lending",
    "giveaways",
    *("equipment",),
)
LOOKS_LIKE_A_KIND = re.compile(rf"^({'|'.join(APPS)})\.[a-z_]+$")
# Dotted strings of the code that are not notification kinds.
NOT_KINDS = {"accounts.close_sockets_on_logout", "agenda.ics"}


def strings_of_the_code() -> dict[str, str]:
    found = {}
    for package in ("solidarite", "associations"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
                if is_text and LOOKS_LIKE_A_KIND.match(node.value):
                    found.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_kind_the_code_names_is_declared():
    declared = kinds.declared()
    undeclared = {
        kind: where for kind, where in strings_of_the_code().items() if kind not in declared and kind not in NOT_KINDS
    }
    assert undeclared == {}, "declare these with notifications.kinds.register (in the app's notices.py)"


def test_every_kind_is_named_app_dot_event_with_a_text_and_its_recipients():
    for name, kind in kinds.declared().items():
        if name == "test":  # the tests' own kind (tests/conftest.py)
            continue
        assert LOOKS_LIKE_A_KIND.match(name), name
        assert kind.title is not None and kind.recipients, name


def test_a_kind_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        kinds.register("help.message", title="%(name)s", recipients="nobody")


@pytest.mark.django_db
def test_sending_an_undeclared_kind_fails_loudly_and_saves_nothing():
    user = UserFactory()
    with pytest.raises(LookupError, match="help_match"):
        notify(user, "help_match", {"title": "Un·e voisin·e peut vous aider"})
    with pytest.raises(LookupError):
        notify_many([(None, "rooms.booking_approved", {"params": {}})])  # even with nobody to tell
    assert not user.notifications.exists()


@pytest.mark.django_db
def test_a_declared_text_is_not_sent_ready_made():
    """The text lives in the declaration: a payload brings what it is rendered from, when read."""
    user = UserFactory()
    with pytest.raises(ValueError, match="declares its text"):
        notify(user, "accounts.welcome", {"title": "Bienvenue !"})
    notice = notify(user, "help.digest", {"params": {"n": 3}})
    assert user.notifications.get(pk=notice.pk).title == "3 demandes d'aide vous attendent"


@pytest.mark.django_db
def test_rows_written_under_the_old_names_take_the_new_ones():
    import importlib

    from django.apps import apps

    from solidarite.notifications.models import Notification

    migration = importlib.import_module("solidarite.notifications.migrations.0003_kinds_in_one_vocabulary")
    user = UserFactory()
    old = [
        ("help_matches", "3 voisin·es peuvent vous aider", {"request": 1}),
        ("help_matches", "2 demandes près de chez vous correspondent à votre proposition", {}),
        ("help_match", "Un·e voisin·e a besoin d'aide : Bricolage", {"match": 1}),
        ("help_match", "Un·e voisin·e peut vous aider", {"match": 2}),
        ("help_done", "Zoé R. indique que l'aide a eu lieu, merci !", {"match": 1}),
        ("profile_updated", "Votre profil a été modifié", {}),
        ("shops.claim_rejected", "Votre demande pour Le Fournil n'a pas été retenue", {}),
        ("shops.claim_rejected", "Votre demande pour Le Fournil n'a pas été acceptée", {}),
        ("rooms.requested", "Demande envoyée à la mairie : Salle Jean-Jaurès", {}),
        ("rooms.requested", "Réservation à valider : Salle Jean-Jaurès", {}),
    ]
    rows = [Notification.objects.create(user=user, kind=kind, title=title, data=data) for kind, title, data in old]
    migration.forwards(apps, None)
    assert [Notification.objects.get(pk=row.pk).kind for row in rows] == [
        "help.helpers_found",
        "help.requests_found",
        "help.match_proposed",
        "help.helper_found",
        "help.match_done",
        "accounts.profile_updated",
        "shops.claim_outrun",
        "shops.claim_rejected",
        "rooms.request_sent",
        "rooms.requested",
    ]
    assert set(Notification.objects.values_list("kind", flat=True)) <= set(kinds.declared())
