"""Every life cycle is declared once, with the same shape (``solidarite.workflow.Machine``), beside
its model; pages ask the machines what may happen instead of comparing states in templates."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from associations.directory.models import Association
from associations.directory.workflow import ASSOCIATION
from associations.rooms.models import Booking
from associations.rooms.workflow import BOOKING
from associations.support.models import SupportRequest
from associations.support.workflow import SUPPORT
from solidarite.help.models import HelpOffer, HelpRequest, Match
from solidarite.help.workflow import MATCH, OFFER, REQUEST
from solidarite.shops.models import ShopClaim
from solidarite.shops.workflow import CLAIM
from solidarite.workflow import SYSTEM

MACHINES = [
    (REQUEST, HelpRequest),
    (OFFER, HelpOffer),
    (MATCH, Match),
    (BOOKING, Booking),
    (SUPPORT, SupportRequest),
    (ASSOCIATION, Association),
    (CLAIM, ShopClaim),
]


@pytest.mark.parametrize(("machine", "model"), MACHINES, ids=lambda m: getattr(m, "__name__", ""))
def test_each_machine_names_exactly_the_states_of_its_model(machine, model):
    choices = {value for value, _label in model._meta.get_field(machine.field).choices}
    named = {s for step in machine for s in step.sources} | {step.target for step in machine if step.target}
    assert named == choices


@pytest.mark.parametrize(("machine", "model"), MACHINES, ids=lambda m: getattr(m, "__name__", ""))
def test_each_step_is_taken_by_people_or_by_the_platform_never_both(machine, model):
    for step in machine:
        assert step.actors and (SYSTEM not in step.actors or step.actors == (SYSTEM,))


def test_no_template_compares_a_state_to_decide_what_to_show():
    base = Path(settings.BASE_DIR)
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
