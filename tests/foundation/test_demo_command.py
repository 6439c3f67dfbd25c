"""``manage.py demo``: Rezé demo data, idempotent, one account per role printed with its password."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROLES = {"admin", "city staff", "mediator", "neighbour"}


def run_demo() -> list[tuple[str, str, str]]:
    out = StringIO()
    call_command("demo", stdout=out)
    rows = re.findall(r"^  (.+?)\s{2,}(\S+@\S+)  mot de passe : (\S+)$", out.getvalue(), re.M)
    assert rows, out.getvalue()
    return rows


def table_sizes() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith(("solidarite.", "associations."))
    }


@override_settings(DEBUG=True)
def test_the_demo_prints_working_accounts_for_every_role():
    rows = run_demo()
    assert {role for role, _, _ in rows} >= ROLES
    for _, email, password in rows:
        assert authenticate(username=email, password=password) is not None, email


@override_settings(DEBUG=True)
def test_running_the_demo_twice_duplicates_nothing():
    first = run_demo()
    sizes = table_sizes()
    assert run_demo() == first
    assert table_sizes() == sizes


@override_settings(DEBUG=False)
def test_the_demo_refuses_to_run_in_production():
    with pytest.raises(CommandError, match="mots de passe publics"):
        call_command("demo", stdout=StringIO())
