"""Queries built with the ORM once per process and database, then run many times with new values.

Building a queryset and compiling it costs CPU on every call: each ``filter`` clones the query and
resolves its lookups, and the compiler writes the SQL again. For a query of several branches this is
more than the database takes to plan and run it: the help matcher's rings (five bands in one UNION ALL)
cost ~9 ms of CPU per post to build and compile, for ~2.5 ms in PostgreSQL (docs/traps.md). A
``Compiled`` query is built once from placeholders (unusual values standing for the parameters),
compiled by the ORM for the database it runs on, and then run with the real values put where the
placeholders were. The SQL stays the ORM's, for PostgreSQL and SQLite alike, and its values go through
the same conversions (the fields' and the backend's) as a queryset's rows.

Used for the signed-in person of every page (``accounts.backends``, model instances: ``instances``), the
help matcher's rings (``rows``), a post's rate check (``count``) and its category (``help.checks``).
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

# Far from any value the queries hold as constants (states, limits, ring numbers, ids of a town).
_INT_BASE = 987_654_321_000
_FLOAT_BASE = 987_654.0
_DATE_BASE = datetime.date(1901, 2, 3)
_DATETIME_BASE = datetime.datetime(1901, 2, 3, tzinfo=datetime.UTC)


class Placeholders:
    """What ``build`` receives: one distinct value per named parameter, of the parameter's type, and the
    alias of the database the query is compiled for (whose features it may ask)."""

    def __init__(self, alias: str):
        self.alias = alias
        self.values: dict[str, Any] = {}

    def _new(self, name: str, value):
        if name in self.values:
            return self.values[name]
        self.values[name] = value
        return value

    def int(self, name: str) -> int:
        return self._new(name, _INT_BASE + len(self.values))

    def float(self, name: str) -> float:
        return self._new(name, _FLOAT_BASE + len(self.values) / 64)  # exact in binary: compared with ==

    def date(self, name: str) -> datetime.date:
        return self._new(name, _DATE_BASE + datetime.timedelta(days=len(self.values)))

    def datetime(self, name: str) -> datetime.datetime:
        return self._new(name, _DATETIME_BASE + datetime.timedelta(seconds=len(self.values)))


class _Plan:
    """One database's SQL, parameter template and, per position, the name to put there and how the
    backend adapts it; the selected expressions, whose converters are asked per call."""

    def __init__(self, queryset, placeholders: Placeholders, alias: str):
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        self.template = tuple(params)
        self.fields = [select[0] for select in compiler.select[: compiler.col_count]]
        ops = connections[alias].ops
        # A date or a datetime reaches SQLite as text (``adapt_date…``): the placeholder is found in either form.
        forms = {}
        for name, value in placeholders.values.items():
            forms[_key(value)] = (name, None)
            adapt = (
                ops.adapt_datetimefield_value
                if isinstance(value, datetime.datetime)
                else ops.adapt_datefield_value
                if isinstance(value, datetime.date)
                else None
            )
            if adapt:
                forms[_key(adapt(value))] = (name, adapt)
        self.slots = []
        for index, param in enumerate(params):
            found = forms.get(_key(param))
            if found:
                self.slots.append((index, *found))
        missing = set(placeholders.values) - {name for _i, name, _a in self.slots}
        if missing:  # a placeholder the ORM transformed or the build dropped: refuse rather than guess
            raise ValueError(f"placeholders not found in the compiled query: {sorted(missing)}")

    def params(self, values: dict) -> list:
        params = list(self.template)  # a copy: the template is shared by every request thread
        for index, name, adapt in self.slots:
            value = values[name]
            params[index] = adapt(value) if adapt else value
        return params


def _key(value):
    return (type(value).__name__, value)


class Compiled:
    """``build(placeholders) -> QuerySet``, compiled once per database alias. ``rows(using=…, **values)``
    runs a ``values_list`` one with every placeholder's real value and returns its rows as tuples,
    converted as the queryset would have; ``instances(model, …)`` gives a model's query as instances,
    ``count(…)`` how many rows it gives."""

    def __init__(self, build: Callable[[Placeholders], Any]):
        self.build = build
        self._plans: dict[str, _Plan] = {}
        self._lock = threading.Lock()

    def _plan(self, alias: str) -> _Plan:
        plan = self._plans.get(alias)
        if plan is None:
            with self._lock:  # two first requests at once compile it once
                plan = self._plans.get(alias)
                if plan is None:
                    placeholders = Placeholders(alias)
                    plan = self._plans[alias] = _Plan(self.build(placeholders), placeholders, alias)
        return plan

    def instances(self, model, *, using: str, **values):
        """The query's rows as ``model`` instances, its annotations as attributes (``RawQuerySet``)."""
        plan = self._plan(using)
        return model._default_manager.using(using).raw(plan.sql, plan.params(values))

    def count(self, *, using: str, **values) -> int:
        """How many rows the query gives (``SELECT COUNT(*)`` over it, as ``QuerySet.count`` of a union)."""
        plan = self._plan(using)
        with connections[using].cursor() as cursor:
            sql = f"SELECT COUNT(*) FROM ({plan.sql}) counted"  # noqa: S608 (the ORM's SQL; values are parameters)
            cursor.execute(sql, plan.params(values))
            return cursor.fetchone()[0]

    def rows(self, *, using: str, **values) -> list[tuple]:
        plan = self._plan(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, plan.params(values))
            rows = cursor.fetchall()
        # Converters are asked of this thread's connection (a converter may be one of its methods).
        converters = [
            (index, converters, field)
            for index, field in enumerate(plan.fields)
            if (converters := connection.ops.get_db_converters(field) + field.get_db_converters(connection))
        ]
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            row = list(row)
            for index, functions, field in converters:
                value = row[index]
                for convert in functions:
                    value = convert(value, field, connection)
                row[index] = value
            converted.append(tuple(row))
        return converted
