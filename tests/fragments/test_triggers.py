"""Each app's migrations declare the cache triggers of the tables its lists read (solidarite.fragments.triggers):
one set per table, the same whether the database is fresh or was migrated when fragments/0001 made them all."""

from collections import defaultdict

import pytest
from django.db import connection

from solidarite.fragments.cache import LISTINGS, current_token
from solidarite.fragments.triggers import RenewOnChange, RenewOnWrite, drop_on_write, installed, on_write
from tests.directory.factories import ActionFactory, AssociationFactory

pytestmark = pytest.mark.django_db

# What fragments/0001 watched before the apps declared their own triggers: nothing may be lost on the way.
WATCHED_BY_0001 = {
    "help_helprequest": {"help"},
    "help_helpoffer": {"help"},
    "help_offercategory": {"help"},
    "help_category": {"help"},
    "places_quartier": {"help", "listings"},
    "directory_association": {"listings"},
    "directory_action": {"listings"},
    "shops_shop": {"listings"},
    "shops_initiative": {"listings"},
    "taggit_tag": {"listings"},
    "taggit_taggeditem": {"listings"},
    "accounts_user": {"help"},  # display_name only, for help authors
}


def legacy_names(table):
    """The names fragments/0001 gave a table's triggers: the apps' migrations replace them by these names."""
    if table == "accounts_user":
        return {"fragments_accounts_user_display_name"}
    if connection.vendor == "postgresql":
        return {f"fragments_{table}", f"fragments_{table}_truncate"}
    return {f"fragments_{table}_{event}" for event in ("insert", "update", "delete")}


def by_table():
    found = defaultdict(list)
    for trigger in installed(connection):
        found[trigger.table].append(trigger)
    return found


def test_every_table_0001_watched_has_one_set_of_triggers_renewing_the_same_areas():
    found = by_table()
    for table, areas in WATCHED_BY_0001.items():
        assert {trigger.name for trigger in found[table]} == legacy_names(table), table
        assert {trigger.areas for trigger in found[table]} == {frozenset(areas)}, table


def test_every_watched_table_has_exactly_one_set():
    for table, triggers in by_table().items():
        assert len(triggers) == len(legacy_names(table)), [trigger.name for trigger in triggers]
        assert len({trigger.areas for trigger in triggers}) == 1, table


def renews_listings(write):
    before = current_token(LISTINGS)
    write()
    return current_token(LISTINGS) != before


def test_an_app_migration_replaces_the_triggers_0001_left_on_an_existing_database():
    vendor = connection.vendor
    association = AssociationFactory()  # its own table renews the token too: written before the check

    def add_action():
        ActionFactory(association=association)

    with connection.cursor() as cursor:
        for sql in drop_on_write(vendor, "directory_action"):
            cursor.execute(sql)
        # An existing database: triggers under 0001's names (these renew nothing, to tell them apart).
        for name in legacy_names("directory_action"):
            if vendor == "postgresql":
                event = "TRUNCATE" if name.endswith("_truncate") else "INSERT"
                level = "STATEMENT" if name.endswith("_truncate") else "ROW"
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON directory_action "
                    f"FOR EACH {level} EXECUTE FUNCTION fragments_renew()"
                )
            else:
                event = name.rsplit("_", 1)[1].upper()
                cursor.execute(f"CREATE TRIGGER {name} AFTER {event} ON directory_action BEGIN SELECT 1; END")
    assert not renews_listings(add_action)
    with connection.cursor() as cursor:
        for _twice in range(2):  # the directory's migration, then a later one declaring the table again
            for sql in on_write(vendor, "directory_action", ["listings"]):
                cursor.execute(sql)
    triggers = by_table()["directory_action"]
    assert {trigger.name for trigger in triggers} == legacy_names("directory_action")
    assert {trigger.areas for trigger in triggers} == {frozenset({"listings"})}
    assert renews_listings(add_action)


@pytest.mark.parametrize(
    "declare",
    [
        lambda: RenewOnWrite("shops_shop; DROP TABLE shops_shop", areas=["listings"]),
        lambda: RenewOnWrite("shops_shop", areas=["agenda"]),
        lambda: RenewOnWrite("shops_shop", areas=[]),
        lambda: RenewOnChange("accounts_user", "display name", areas=["help"], condition="TRUE"),
    ],
)
def test_a_declaration_names_plain_tables_and_known_areas(declare):
    with pytest.raises(ValueError):
        declare()
