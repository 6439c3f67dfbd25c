"""Issue 13, item 2: after an RGPD erasure, the person's name, e-mail and phone are nowhere in the
database: not in other people's notifications ("Zoé R. propose de vous aider", "Nouveau message de
Zoé R.", "Zoé R. demande lundi…"), not in logs or histories.

The whole database is dumped (SQLite: ``iterdump`` of the test connection; PostgreSQL: ``pg_dump`` of
the test database) and searched, so a copy in a table nobody thought of fails the test too.
"""

import datetime as dt
import json
import os
import shutil
import subprocess

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.test import Client
from django.utils import timezone

from associations.directory import actions, invitations
from associations.rooms import services as rooms
from associations.support import conversation
from solidarite.accounts.services import erase_account, update_profile
from solidarite.help import conversations, matches
from solidarite.notifications.models import Notification
from solidarite.shops import services as shops
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.rooms.factories import RoomFactory
from tests.shops.factories import ShopFactory
from tests.support.factories import SupportRequestFactory

NAME = "Zéphyrine Quintal-Brochard"
EMAIL = "zephyrine.quintal@exemple.fr"
PHONE = "06 48 31 72 95"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _needles() -> list[str]:
    """What must not be found, also as JSON writes it (``\\u00e9``) and the phone without spaces."""
    values = [NAME, "Zéphyrine", "Quintal", EMAIL, PHONE, PHONE.replace(" ", "")]
    return values + [json.dumps(v)[1:-1] for v in values if json.dumps(v)[1:-1] != v]


def _dump() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = ["pg_dump", "--data-only", "--no-owner", "-d", settings["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def _next_wednesday_at(hour: int) -> dt.datetime:
    today = timezone.localdate()
    day = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 14)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _live_a_little(zoe, staff):
    """Zoé helps, is helped, talks, books a room, manages an association, claims a shop."""
    neighbour, helper = UserFactory(display_name="Bastien"), UserFactory(display_name="Inès")
    # She offers help, and it is taken up: offered, accepted, talked about, done.
    make_offer(zoe)
    done = make_request(neighbour).matches.get()
    matches.transition(match=done, by=zoe, name="offer_help")
    matches.transition(match=done, by=neighbour, name="accept")
    conversations.send_message(match=done, by=zoe, body=f"Bonjour, c'est {NAME}, appelez-moi au {PHONE}")
    conversations.send_message(match=done, by=neighbour, body="Merci, à demain")
    matches.transition(match=done, by=neighbour, name="mark_done", thanks="Merci !")
    # She asks for help; someone offers it; she accepts; they talk.
    make_offer(helper, slugs=("jardinage",))
    asked = make_request(zoe, slug="jardinage").matches.get()
    matches.transition(match=asked, by=helper, name="offer_help")
    matches.transition(match=asked, by=zoe, name="accept")
    conversations.send_message(match=asked, by=zoe, body="Je suis là mardi")
    # A room waiting for the town's approval.
    room = RoomFactory(open_to="neighbours", needs_approval=True)
    start = _next_wednesday_at(14)
    rooms.book(room=room, neighbour=zoe, by=zoe, start=start, end=start + dt.timedelta(hours=2), title="Goûter")
    # An association: she becomes a manager, volunteers, invites, and writes to the town.
    association = AssociationFactory(name="Les Jardins du Seil")
    other_manager = make_manager(association, UserFactory(display_name="Malik"))
    invitation = invitations.invite_manager(association=association, by=other_manager, email=EMAIL)
    invitations.accept_invitation(invitation=invitation, user=zoe)
    action = ActionFactory(association=association, wants_volunteers=True, volunteers_needed=3)
    actions.participate(action=action, user=zoe, kind="volunteer")
    invitations.invite_manager(association=association, by=zoe, email="nouvelle.personne@exemple.fr")
    support_request = SupportRequestFactory(association=association, created_by=zoe)
    conversation.post_message(support_request=support_request, by=zoe, body="Voici le budget prévisionnel.")
    # A shop she asks to manage.
    shop = ShopFactory()
    shops.claim_shop(shop=shop, by=zoe, siret=shop.siret, message="C'est ma boulangerie")
    # Staff changed her account in the admin (the log keeps a text of the object).
    LogEntry.objects.log_actions(user_id=staff.pk, queryset=[zoe], action_flag=CHANGE, change_message="Téléphone")
    # She signs in (a session row) and edits her profile.
    Client().force_login(zoe)
    update_profile(user=zoe, contact_note=f"Le soir, au {PHONE}")


def test_an_erased_person_is_nowhere_in_the_database():
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    staff = UserFactory(staff=True)
    zoe = UserFactory(email=EMAIL, display_name=NAME, phone=PHONE, share_phone=True, share_email=True)
    _live_a_little(zoe, staff)
    before = _dump()
    assert all(needle in before for needle in (NAME, EMAIL, PHONE)), "the scenario must store them first"
    # Other people's notifications read with her name while she exists.
    assert any("Zéphyrine" in n.title for n in Notification.objects.exclude(user=zoe))

    erase_account(user=zoe)

    after = _dump()
    found = {needle: after.count(needle) for needle in _needles() if needle in after}
    lines = [line[:200] for line in after.splitlines() if any(needle in line for needle in found)]
    assert not found, f"still in the database: {found}\n" + "\n".join(lines[:20])
    # And what the others read now says who without saying who.
    titles = [n.title for n in Notification.objects.all()]
    assert any(title.startswith("Compte supprimé") for title in titles)
