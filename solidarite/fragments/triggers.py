"""The database triggers that renew a list area's token (models.ContentVersion), as migration operations.

Each app declares, in its own migrations, the triggers of the tables its cached lists read::

    from solidarite.fragments.triggers import RenewOnWrite

    operations = [RenewOnWrite("shops_shop", areas=["listings"])]

A table has one set of triggers, named after it (``fragments_<table>``…). Declaring it creates them after
dropping any of those names, so a database whose triggers came from migration ``fragments/0001`` (which made
them all until each app declared its own, under the same names) and a fresh one end up with the same single
set. A table read by lists of several areas is declared once, with all of them; a later migration that
declares it again (a new area reading it) replaces the set.

Row-level: a statement that changes no row (a sweep with nothing to do) keeps the cache. The functions the
PostgreSQL triggers call (``fragments_renew_areas``, ``fragments_renew``) come from ``fragments/0001``.
"""

import re
from dataclasses import dataclass

from django.db import router
from django.db.migrations.operations.base import Operation

AREAS = ("help", "listings")  # the token columns of ContentVersion
ROW_EVENTS = ("insert", "update", "delete")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def _checked(table: str, areas, column: str | None = None) -> tuple[str, ...]:
    for name in (table, column) if column else (table,):
        if not _IDENTIFIER.match(name):
            raise ValueError(f"not a plain SQL identifier: {name!r}")
    areas = tuple(areas)
    if not areas or set(areas) - set(AREAS):
        raise ValueError(f"areas must be some of {AREAS}, not {areas!r}")
    return areas


def _unsupported(vendor):  # pragma: no cover - the settings accept SQLite and PostgreSQL only
    return NotImplementedError(f"no content-version triggers for {vendor}")


def _sqlite_renew(areas) -> str:
    renewed = ", ".join(f"{area} = lower(hex(randomblob(16)))" for area in areas)
    return f"UPDATE fragments_contentversion SET {renewed} WHERE id = 1;"  # noqa: S608 - areas checked


def _pg_args(areas) -> str:
    return ", ".join(f"'{area}'" for area in areas)


def drop_on_write(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS fragments_{table} ON {table}",
            f"DROP TRIGGER IF EXISTS fragments_{table}_truncate ON {table}",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS fragments_{table}_{event}" for event in ROW_EVENTS]
    raise _unsupported(vendor)


def on_write(vendor: str, table: str, areas) -> list[str]:
    """SQL that makes every row written to ``table`` (and, on PostgreSQL, a TRUNCATE) renew ``areas``."""
    areas = _checked(table, areas)
    statements = drop_on_write(vendor, table)
    if vendor == "postgresql":
        return statements + [
            f"CREATE TRIGGER fragments_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION fragments_renew({_pg_args(areas)})",
            f"CREATE TRIGGER fragments_{table}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION fragments_renew({_pg_args(areas)})",
        ]
    return statements + [
        f"CREATE TRIGGER fragments_{table}_{event} AFTER {event.upper()} ON {table} BEGIN {_sqlite_renew(areas)} END"
        for event in ROW_EVENTS
    ]


def drop_on_change(vendor: str, table: str, column: str) -> list[str]:
    name = f"fragments_{table}_{column}"
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}"]
    raise _unsupported(vendor)


def on_change(vendor: str, table: str, column: str, areas, condition: str) -> list[str]:
    """SQL that makes an update changing ``column`` renew ``areas`` when ``condition`` (SQL on NEW) holds."""
    areas = _checked(table, areas, column)
    name = f"fragments_{table}_{column}"
    if vendor == "postgresql":
        # A trigger's WHEN cannot hold a subquery: the condition is tested in the function.
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  IF {condition} THEN\n    PERFORM fragments_renew_areas(TG_ARGV);\n  END IF;\n"
            f"  RETURN NULL;\nEND $$",
            f"CREATE TRIGGER {name} AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
            f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION {name}({_pg_args(areas)})",
        ]
    return drop_on_change(vendor, table, column) + [
        f"CREATE TRIGGER {name} AFTER UPDATE OF {column} ON {table} "
        f"WHEN OLD.{column} IS NOT NEW.{column} AND ({condition}) BEGIN {_sqlite_renew(areas)} END"
    ]


class _Triggers(Operation):
    """Triggers only: no model state changes; the SQL is the dialect of the database it runs on."""

    reversible = True
    reduces_to_sql = True  # sqlmigrate prints it

    def state_forwards(self, app_label, state):
        pass

    def _run(self, app_label, schema_editor, statements):
        if router.allow_migrate(schema_editor.connection.alias, app_label):
            for sql in statements(schema_editor.connection.vendor):
                schema_editor.execute(sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.create)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.drop)


class RenewOnWrite(_Triggers):
    """Every row written to ``table`` renews the tokens of ``areas``."""

    def __init__(self, table: str, areas):
        self.table, self.areas = table, _checked(table, areas)

    def create(self, vendor):
        return on_write(vendor, self.table, self.areas)

    def drop(self, vendor):
        return drop_on_write(vendor, self.table)

    def describe(self):
        return f"Renew the {', '.join(self.areas)} lists on every write to {self.table}"

    @property
    def migration_name_fragment(self):
        return f"fragments_{self.table}"


class RenewOnChange(_Triggers):
    """An update that changes ``table.column`` renews the tokens of ``areas`` when ``condition`` holds: SQL
    over the ``NEW`` row, valid on SQLite and PostgreSQL (``EXISTS (SELECT 1 FROM … WHERE x = NEW.id)``)."""

    def __init__(self, table: str, column: str, areas, condition: str):
        self.table, self.column, self.condition = table, column, condition
        self.areas = _checked(table, areas, column)

    def create(self, vendor):
        return on_change(vendor, self.table, self.column, self.areas, self.condition)

    def drop(self, vendor):
        return drop_on_change(vendor, self.table, self.column)

    def describe(self):
        return f"Renew the {', '.join(self.areas)} lists when {self.table}.{self.column} changes"

    @property
    def migration_name_fragment(self):
        return f"fragments_{self.table}_{self.column}"


@dataclass(frozen=True)
class Trigger:
    table: str
    name: str
    areas: frozenset[str]


def installed(connection) -> list[Trigger]:
    """The token triggers the database holds, read from its catalog: what is there, not what was meant."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname, t.tgargs FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgname LIKE 'fragments%' ORDER BY 1, 2"
            )
            return [
                Trigger(table, name, frozenset(arg.decode() for arg in bytes(args).split(b"\0") if arg))
                for table, name, args in cursor.fetchall()
            ]
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'fragments%' "
                "ORDER BY 1, 2"
            )
            return [
                Trigger(table, name, frozenset(re.findall(r"(\w+) = lower\(hex\(randomblob", sql)))
                for table, name, sql in cursor.fetchall()
            ]
    raise _unsupported(connection.vendor)
