"""Checks a CSV against a Frictionless Table Schema, for the constraints ``fixtures/*.tableschema.json`` use.

frictionless itself is not installed in the project (docs/decisions.md): this reads the same schema file
(field order, types string / integer / number / date, required, unique, pattern, enum, minimum, maximum,
missingValues, primaryKey) and returns the errors in frictionless' terms.
"""

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _typed(value: str, field: dict):
    kind = field["type"]
    if kind == "string":
        return value
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", value):
            raise ValueError
        return int(value)
    if kind == "number":
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValueError from None
        if not number.is_finite():
            raise ValueError
        return number
    if kind == "date":
        return dt.datetime.strptime(value, field.get("format", "%Y-%m-%d")).date()
    raise AssertionError(f"type {kind} not handled by this check")


def errors(text: str, schema: dict) -> list[str]:
    rows = list(csv.reader(io.StringIO(text)))
    names = [field["name"] for field in schema["fields"]]
    if not rows or rows[0] != names:
        return [f"incorrect-label: header {rows[0] if rows else None} != {names}"]
    missing = set(schema.get("missingValues", [""]))
    found, seen = [], {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(names):
            found.append(f"row {number}: {len(row)} cells")
            continue
        for field, value in zip(schema["fields"], row, strict=True):
            constraints = field.get("constraints", {})
            where = f"row {number}, {field['name']}={value!r}"
            if value in missing:
                if constraints.get("required"):
                    found.append(f"constraint-error required: {where}")
                continue
            try:
                typed = _typed(value, field)
            except ValueError:
                found.append(f"type-error {field['type']}: {where}")
                continue
            if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
                found.append(f"constraint-error pattern: {where}")
            if "enum" in constraints and typed not in constraints["enum"]:
                found.append(f"constraint-error enum: {where}")
            if "minimum" in constraints and typed < constraints["minimum"]:
                found.append(f"constraint-error minimum: {where}")
            if "maximum" in constraints and typed > constraints["maximum"]:
                found.append(f"constraint-error maximum: {where}")
            if constraints.get("unique") or field["name"] in schema.get("primaryKey", []):
                if value in seen.setdefault(field["name"], set()):
                    found.append(f"unique-error: {where}")
                seen[field["name"]].add(value)
    return found
