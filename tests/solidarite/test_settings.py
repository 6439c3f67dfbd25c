"""Settings come from the environment; production refuses to start unsafe. Run in fresh processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from solidarite import env

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7Qp2v9XzL4mN8rT1wY6uB3eH5jD0sFgA2cV7bN9mQ4xZ8pL1kJ6hG3fD5sA0qW"

# The production environment documented in the README: check --deploy must print no warning under it.
PRODUCTION_ENV = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "solidarite.reze.fr",
    "CSRF_TRUSTED_ORIGINS": "https://solidarite.reze.fr",
    "SITE_URL": "https://solidarite.reze.fr",
    "BEHIND_TLS_PROXY": "true",
    "SECURE_HSTS_PRELOAD": "true",
    # A syntactically valid SIRET (Luhn) for the check; a real deployment sets the commune's own.
    "TOWN_SIRET": "21440143200007",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.reze.fr",
    "DEFAULT_FROM_EMAIL": "Solidarité Rezé <ne-pas-repondre@reze.fr>",
}
OUR_VARIABLES = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}


def run(code: str, extra_env: dict, *, tmp_path: Path) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES and k not in PRODUCTION_ENV}
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "solidarite.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **extra_env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": STRONG_KEY, "DEBUG": "peut-etre"}, "DEBUG must be one of"),
        ({"SECRET_KEY": STRONG_KEY, "EMAIL_PORT": "vingt-cinq"}, "EMAIL_PORT must be an integer"),
        ({"SECRET_KEY": STRONG_KEY, "TOWN_CENTER_LAT": "nord"}, "TOWN_CENTER_LAT must be a number"),
        ({"SECRET_KEY": STRONG_KEY, "HTTP_CONCURRENCY": "0"}, "HTTP_CONCURRENCY must be 1 or more"),
        ({"SECRET_KEY": STRONG_KEY, "HELP_POSTS_PER_HOUR": "0"}, "HELP_POSTS_PER_HOUR must be 1 or more"),
        (
            {"SECRET_KEY": STRONG_KEY, "HELP_MESSAGES_PER_10_MIN": "trente"},
            "HELP_MESSAGES_PER_10_MIN must be an integer",
        ),
    ],
)
def test_the_app_refuses_to_start_with_unsafe_or_bad_settings(tmp_path, extra, message):
    result = run(SETUP + "print('started')", extra, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
    assert "started" not in result.stdout


def test_the_caps_on_help_posts_and_messages_come_from_the_environment(tmp_path):
    code = (
        SETUP + "from solidarite.help import checks; print(checks.posts_per_hour(), checks.messages_per_ten_minutes())"
    )
    result = run(
        code, {"DEBUG": "true", "HELP_POSTS_PER_HOUR": "4", "HELP_MESSAGES_PER_10_MIN": "12"}, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4", "12"]
    result = run(code, {"DEBUG": "true"}, tmp_path=tmp_path)
    assert result.stdout.split() == ["10", "30"]


def test_debug_starts_without_a_secret_key_for_the_local_demo(tmp_path):
    result = run(SETUP + "print(settings.DEBUG, settings.ALLOWED_HOSTS)", {"DEBUG": "true"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['127.0.0.1', 'localhost']"


def test_production_settings_are_secure(tmp_path):
    code = SETUP + (
        "print(__import__('json').dumps({k: getattr(settings, k) for k in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_PROXY_SSL_HEADER', 'ALLOWED_HOSTS', 'LANGUAGE_COOKIE_SECURE']}))"
    )
    result = run(code, PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "ALLOWED_HOSTS": ["solidarite.reze.fr"],
        "LANGUAGE_COOKIE_SECURE": True,
    }


def test_check_deploy_prints_no_warning_under_the_documented_production_settings(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES}
    environ.update(PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_sqlite_runs_in_wal_mode_and_writers_take_the_lock_at_begin(tmp_path):
    code = SETUP + (
        "import sqlite3; from django.db import connection, transaction\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
        "    c.execute('CREATE TABLE t (x integer)')\n"
        "with transaction.atomic():\n"
        "    # BEGIN IMMEDIATE: the write lock is held from the start, before any write.\n"
        "    other = sqlite3.connect(settings.DATABASES['default']['NAME'], timeout=0)\n"
        "    try:\n"
        "        other.execute('BEGIN IMMEDIATE'); locked = False\n"
        "    except sqlite3.OperationalError as error:\n"
        "        locked = 'locked' in str(error)\n"
        "print(mode, locked)"
    )
    result = run(code, {"DEBUG": "true"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "True"]


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("Yes", True), ("off", False), ("", False)])
def test_envbool_reads_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOLIDARITE_TEST_FLAG", raw)
    assert env.envbool("SOLIDARITE_TEST_FLAG", not expected) is expected


def test_env_readers_fail_loudly_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SOLIDARITE_TEST_VALUE", "douze")
    for reader in (env.envbool, env.envint, env.envfloat):
        with pytest.raises(ImproperlyConfigured, match="SOLIDARITE_TEST_VALUE"):
            reader("SOLIDARITE_TEST_VALUE", 0)


def test_env_readers_fall_back_to_defaults_only_when_unset(monkeypatch):
    monkeypatch.delenv("SOLIDARITE_TEST_VALUE", raising=False)
    assert env.envint("SOLIDARITE_TEST_VALUE", 7) == 7
    assert env.envlist("SOLIDARITE_TEST_VALUE", ["a"]) == ["a"]
    monkeypatch.setenv("SOLIDARITE_TEST_VALUE", " a.fr , ,b.fr ")
    assert env.envlist("SOLIDARITE_TEST_VALUE", []) == ["a.fr", "b.fr"]


def test_an_empty_variable_counts_as_unset(monkeypatch):
    """docker compose passes optional variables as empty strings."""
    monkeypatch.setenv("SOLIDARITE_TEST_VALUE", "")
    assert env.envstr("SOLIDARITE_TEST_VALUE", "https://tile.openstreetmap.org/{z}/{x}/{y}.png").startswith("https://")
    assert env.envint("SOLIDARITE_TEST_VALUE", 587) == 587
