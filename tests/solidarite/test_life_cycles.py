"""Every life cycle is declared once, with the same shape (``solidarite.workflow.Machine``), beside
its model; pages ask the machines what may happen instead of comparing states in templates."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from solidarite.workflow import SYSTEM, Machine

BASE = Path(settings.BASE_DIR)


def declared_machines() -> dict[str, Machine]:
    """Every ``Machine`` declared at module level in the project's packages, by dotted name."""
    found = {}
    for package in ("solidarite", "associations"):
        for path in sorted((BASE / package).rglob("*.py")):
            if "migrations" in path.parts or path == BASE / "solidarite" / "workflow.py":
                continue
            if "Machine(" not in path.read_text():
                continue
            module = importlib.import_module(".".join(path.relative_to(BASE).with_suffix("").parts))
            found |= {f"{module.__name__}.{n}": v for n, v in vars(module).items() if isinstance(v, Machine)}
    return found


def states(machine: Machine) -> set[str]:
    return {s for step in machine for s in step.sources} | {step.target for step in machine if step.target}


def life_cycles() -> list[tuple[type, str]]:
    """Every model of ours with a state field (``status`` or ``state``, with choices)."""
    return [
        (model, field.name)
        for model in apps.get_models()
        if model.__module__.startswith(("solidarite.", "associations."))
        for field in model._meta.concrete_fields
        if field.name in ("status", "state") and field.choices
    ]


def machine_of(model, field) -> Machine | None:
    choices = {value for value, _label in model._meta.get_field(field).choices}
    matching = [m for m in declared_machines().values() if m.field == field and states(m) == choices]
    return matching[0] if len(matching) == 1 else None


MACHINES = [(machine_of(model, field), model) for model, field in life_cycles()]


@pytest.mark.parametrize(("model", "field"), life_cycles(), ids=lambda m: getattr(m, "__name__", str(m)))
def test_every_model_with_a_state_has_one_machine_naming_exactly_its_states(model, field):
    assert machine_of(model, field) is not None, f"{model.__name__}.{field}: declare its life cycle (Machine)"


@pytest.mark.parametrize(("machine", "model"), MACHINES, ids=lambda m: getattr(m, "__name__", ""))
def test_each_step_is_taken_by_people_or_by_the_platform_never_both(machine, model):
    assert machine is not None
    for step in machine:
        assert step.actors and (SYSTEM not in step.actors or step.actors == (SYSTEM,))


def test_no_template_compares_a_state_to_decide_what_to_show():
    base = BASE
    compared = re.compile(r"\{%\s*(?:el)?if[^%]*\.(?:status|state)\s*(?:==|!=|in\b)")
    roots = [base / "templates", base / "solidarite", base / "associations"]
    offenders = [
        f"{path.relative_to(base)}:{number}"
        for root in roots
        for path in root.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if compared.search(line)
    ]
    assert offenders == []
