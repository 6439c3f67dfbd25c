"""``manage.py demo``: Rezé demo data, idempotent, one account per role printed with its password,
in a French table that says what to try with each, and no e-mail printed while loading."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROLES = {"administration", "agent·e de la ville", "médiatrice", "voisin·e", "responsable d'association", "commerçant·e"}


def run_demo() -> list[tuple[str, str, str, str]]:
    """The table's rows: (rôle, e-mail, mot de passe, à essayer)."""
    out = StringIO()
    call_command("demo", stdout=out)
    lines = out.getvalue().splitlines()
    header = next(index for index, line in enumerate(lines) if line.split() and line.split()[0] == "Rôle")
    assert re.split(r"\s{2,}", lines[header].strip()) == ["Rôle", "E-mail", "Mot de passe", "À essayer"]
    rows = [tuple(re.split(r"\s{2,}", line.strip())) for line in lines[header + 1 :] if line.strip()]
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
    assert {row[0] for row in rows} >= ROLES
    for _, email, password, to_try in rows:
        assert authenticate(username=email, password=password) is not None, email
        assert to_try, email


# The e-mails go when the loading commits, as in scripts/demo (serialized_rollback: the database is
# left as the tests after this one expect it).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=True, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_loading_prints_no_e_mail_on_the_console(capsys):
    # What scripts/demo runs on: the console backend, whose e-mails came out as raw MIME.
    run_demo()
    printed = capsys.readouterr()
    assert "MIME-Version" not in printed.out + printed.err
    assert "Content-Type" not in printed.out + printed.err


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
