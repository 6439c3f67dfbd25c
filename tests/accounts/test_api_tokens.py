"""Personal access tokens: made and revoked on the profile page, shown once, stored hashed,
optionally read-only or expiring, used with ``Authorization: Bearer …``."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from solidarite.accounts.api_throttling import CountedRateThrottle
from solidarite.accounts.models import ApiToken
from solidarite.notifications.models import Notification
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.helpers import plain, text

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"
SECRET_RE = re.compile(r"sol_[A-Za-z0-9_-]{43}")


def create_on_profile(client, *, name="Tableur du CCAS", read_only=False, expires_on="", password=PASSWORD):
    data = {"name": name, "expires_on": expires_on, "password": password}
    if read_only:
        data["read_only"] = "on"
    return client.post(reverse("accounts:api_token_create"), data)


def bearer(secret, keyword="Bearer") -> APIClient:
    return APIClient(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"{keyword} {secret}")


def every_stored_text() -> str:
    """Every row of every table, as text: what a copy of the database would reveal."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (our tables)
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_a_token_made_on_the_profile_page_is_shown_once_and_never_again(client_for, user):
    client = client_for(user)

    response = create_on_profile(client)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = text(response)
    assert "Copiez-le maintenant : il ne sera plus jamais affiché." in page
    (secret,) = set(SECRET_RE.findall(page))
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.read_only, token.expires_at) == ("Tableur du CCAS", False, None)
    # Later, the profile lists it by its name and first characters only.
    profile = text(client.get(reverse("accounts:profile")))
    assert "Tableur du CCAS" in profile and token.prefix in profile
    assert secret not in profile
    assert secret not in client.get(reverse("accounts:export_data")).content.decode()
    # The person is told, in case it was not them.
    assert Notification.objects.filter(user=user, kind="accounts.api_token_created").exists()


def test_only_the_digest_of_the_secret_is_in_the_database(client_for, user):
    secret = SECRET_RE.search(text(create_on_profile(client_for(user)))).group()

    stored = every_stored_text()

    assert ApiToken.objects.get(user=user).digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret[len("sol_") :] not in stored  # not in the token's row, not in a session, nowhere


def test_making_a_token_needs_the_password_and_says_so_in_french(client_for, user):
    response = create_on_profile(client_for(user), password="pas-le-bon")
    assert response.status_code == 400
    assert "Mot de passe incorrect." in text(response)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        ("2020-01-01", "Choisissez une date à venir."),
        ("9999-12-31", "Au plus dans 5 ans"),
        ("demain", "Saisissez une date valide."),
    ],
)
def test_an_impossible_expiry_is_refused_in_french(client_for, user, expires_on, message):
    response = create_on_profile(client_for(user), expires_on=expires_on)
    assert response.status_code == 400
    assert message in plain(text(response))
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_a_token_reads_and_writes_through_the_api_without_csrf(user, keyword):
    _, secret = ApiToken.objects.issue(user=user, name="Outil")
    client = bearer(secret, keyword)

    assert client.get(ME).json()["email"] == user.email
    response = client.patch(ME, {"display_name": "Jo"}, format="json")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.display_name == "Jo"


def test_a_session_still_needs_its_csrf_token_to_write(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.patch(ME, {"display_name": "Jo"}, format="json").status_code == 403


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [ME, "/api/v1/help/requests/", "/api/v1/notifications/mark-read/"])
def test_a_read_only_token_may_only_read(user, method, url):
    _, secret = ApiToken.objects.issue(user=user, name="Lecture", read_only=True)
    client = bearer(secret)
    assert client.get(ME).status_code == 200

    response = getattr(client, method)(url, {"display_name": "Jo", "title": "Aide"}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Ce jeton est en lecture seule : il permet de consulter, pas de modifier."}
    user.refresh_from_db()
    assert user.display_name != "Jo"


def test_a_revoked_token_gets_401(client_for, user):
    token, secret = ApiToken.objects.issue(user=user, name="Ancien outil")
    assert bearer(secret).get(ME).status_code == 200

    page = client_for(user).post(reverse("accounts:api_token_revoke", args=[token.pk]), follow=True)

    assert "Le jeton « Ancien outil » est révoqué : il ne permet plus rien." in plain(text(page))
    response = bearer(secret).get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "Jeton d'API non valide, révoqué ou expiré."}


def test_an_expired_token_gets_401(user):
    _, secret = ApiToken.objects.issue(user=user, name="Stage", expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(secret).get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton d'API non valide, révoqué ou expiré."}


def test_a_token_chosen_to_end_on_a_day_works_until_that_day_ends(client_for, user):
    last_day = timezone.localdate() + timedelta(days=30)
    create_on_profile(client_for(user), expires_on=last_day.isoformat())
    token = ApiToken.objects.get(user=user)
    assert timezone.localtime(token.expires_at).date() == last_day
    assert timezone.localtime(token.expires_at + timedelta(seconds=1)).date() == last_day + timedelta(days=1)


def test_the_token_of_an_inactive_account_gets_401(user):
    _, secret = ApiToken.objects.issue(user=user, name="Outil")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert bearer(secret).get(ME).status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer sol_é"])
def test_a_malformed_header_gets_401_not_500(db, header):
    response = APIClient(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1")).get(ME)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_nobody_can_revoke_someone_elses_token(client_for, user, other_user):
    token, secret = ApiToken.objects.issue(user=other_user, name="Pas à moi")

    response = client_for(user).post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert bearer(secret).get(ME).status_code == 200
    assert "Pas à moi" not in text(client_for(user).get(reverse("accounts:profile")))


def test_the_profile_shows_when_a_token_was_last_used(client_for, user):
    token, secret = ApiToken.objects.issue(user=user, name="Outil")
    assert "jamais utilisé" in text(client_for(user).get(reverse("accounts:profile")))

    bearer(secret).get(ME)

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "dernière utilisation le" in text(client_for(user).get(reverse("accounts:profile")))


def test_tokens_are_counted_by_the_per_account_api_rate(user, monkeypatch):
    monkeypatch.setattr(CountedRateThrottle, "THROTTLE_RATES", {"anon": "100/minute", "user": "3/minute"})
    _, secret = ApiToken.objects.issue(user=user, name="Outil")
    client = bearer(secret)
    assert [client.get(ME).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_person_holds_at_most_twenty_tokens(client_for, user):
    for n in range(20):
        ApiToken.objects.issue(user=user, name=f"Outil {n}")
    response = create_on_profile(client_for(user))
    assert response.status_code == 400
    assert "Vous avez déjà 20 jetons : révoquez-en un avant d'en créer un autre." in plain(text(response))


def test_the_schema_documents_the_bearer_scheme(db):
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/me/"]["get"]["security"]


class StatementsOnly:
    """What the migration uses of a schema editor (SQLite's own refuses to open inside a test's
    transaction)."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_drf_tokens_of_before_become_hashed_tokens_that_keep_working(user):
    """Migration 0005: a key DRF's authtoken kept in clear keeps working, and is kept in clear nowhere."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("solidarite.accounts.migrations.0005_drf_tokens_hashed")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, user_id bigint)")
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)", [key, timezone.now(), user.pk]
        )
    migration.hash_drf_tokens(apps, StatementsOnly())

    assert "authtoken_token" not in connection.introspection.table_names()
    assert key not in every_stored_text()
    assert bearer(key, "Token").get(ME).json()["email"] == user.email


def test_erasing_the_account_deletes_its_tokens(client_for):
    person = UserFactory()
    ApiToken.objects.issue(user=person, name="Outil")
    client_for(person).post(reverse("accounts:delete_account"), {"password": PASSWORD})
    assert not ApiToken.objects.exists()
