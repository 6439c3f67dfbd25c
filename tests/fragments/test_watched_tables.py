"""Every table a cached list reads renews its area's token when written: a list that read an unwatched
table would keep showing what that table said when the part was rendered."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarite.fragments.cache import HELP, LISTINGS
from solidarite.fragments.triggers import installed
from tests.directory.factories import ActionFactory, AssociationFactory
from tests.factories import UserFactory
from tests.help.factories import make_offer, make_request
from tests.shops.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

# Tables whose rows never change while the site runs (written by migrations only).
STATIC = {"django_content_type"}


def watched(area):
    """The tables whose triggers renew the area, as the database holds them (each app's migrations made them)."""
    tables = STATIC | {"fragments_contentversion"}
    return tables | {trigger.table for trigger in installed(connection) if area in trigger.areas}


PAGES = [
    ("directory:list", LISTINGS, {}),
    ("directory:list", LISTINGS, {"q": "jardin", "theme": "jardin", "quartier": "pont-rousseau", "benevoles": "on"}),
    ("directory:list", LISTINGS, {"vue": "carte"}),
    ("directory:agenda", LISTINGS, {}),
    ("directory:agenda", LISTINGS, {"q": "atelier", "theme": "jardin", "quartier": "pont-rousseau"}),
    ("directory:agenda", LISTINGS, {"semaine": "2026-W49", "source": "commerces"}),
    ("shops:list", LISTINGS, {}),
    ("shops:list", LISTINGS, {"q": "panier", "tag": "vrac", "open_now": "on", "initiative": "on"}),
    ("help:feed", HELP, {}),
    ("help:feed", HELP, {"categorie": "bricolage", "quartier": "pont-rousseau"}),
    ("help:offer_feed", HELP, {}),
    ("help:offer_feed", HELP, {"categorie": "bricolage", "quartier": "pont-rousseau"}),
]


@pytest.mark.parametrize(("url_name", "area", "params"), PAGES)
def test_a_cached_list_reads_only_watched_tables(client, url_name, area, params):
    association = AssociationFactory()
    association.tags.add("jardin")
    ActionFactory(association=association).tags.add("jardin")
    InitiativeFactory(association=association).shop.tags.add("vrac")
    author = UserFactory()
    make_request(author, tags=["perceuse"])
    make_offer(author, tags=["perceuse"])
    with CaptureQueriesContext(connection) as queries:  # a visitor: no session, no account to read
        assert client.get(reverse(url_name), params).status_code == 200
    read = {table for query in queries for table in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)', query["sql"])}
    assert "fragments_contentversion" in read
    assert read - watched(area) == set()
