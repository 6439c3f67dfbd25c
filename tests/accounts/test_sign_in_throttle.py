"""Sign-in throttling counts per (client address, account) and per client address: an attacker can
neither lock the owner out from elsewhere nor try many accounts from one place."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from solidarite.accounts.api_throttling import CountedRateThrottle
from solidarite.accounts.models import RateCounter
from tests.concurrency import race
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.helpers import plain, text

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
VICTIM = "198.51.100.4"


def sign_in(client, email, password=PASSWORD, *, address, **headers):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


@override_settings(LOGIN_RATE_LIMIT=3)
def test_an_attacker_failing_on_the_victims_email_does_not_stop_the_victim_from_another_address():
    victim = UserFactory(email="jeanne@exemple.fr")
    attacker = Client()
    statuses = [sign_in(attacker, "jeanne@exemple.fr", f"essai-{n}", address=ATTACKER).status_code for n in range(30)]
    assert statuses == [400] * 3 + [429] * 27

    at_home = Client()
    response = sign_in(at_home, "jeanne@exemple.fr", address=VICTIM)

    assert response.status_code == 302
    assert at_home.session[SESSION_KEY] == str(victim.pk)


@override_settings(LOGIN_RATE_LIMIT=3)
def test_the_failing_address_waits_for_that_account_even_with_the_right_password():
    UserFactory(email="jeanne@exemple.fr")
    client = Client()
    for _ in range(3):
        assert sign_in(client, "jeanne@exemple.fr", "pas-le-bon", address=ATTACKER).status_code == 400

    response = sign_in(client, "JEANNE@exemple.fr", address=ATTACKER)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    minutes = -(-int(response["Retry-After"]) // 60)
    assert plain(f"Trop d'essais pour ce compte depuis cette connexion. Réessayez dans {minutes} minute") in plain(
        text(response)
    )
    assert "ou demandez un nouveau mot de passe." in text(response)
    assert SESSION_KEY not in client.session


@override_settings(LOGIN_RATE_LIMIT=3, LOGIN_ADDRESS_RATE_LIMIT=5)
def test_one_address_trying_many_emails_is_paused_for_every_account():
    target = UserFactory(email="karim@exemple.fr")
    spraying = Client()
    for n in range(5):  # one wrong password each: no account reaches its own limit
        assert sign_in(spraying, f"personne-{n}@exemple.fr", "motdepasse1", address=ATTACKER).status_code == 400

    refused = sign_in(spraying, "karim@exemple.fr", address=ATTACKER)

    assert refused.status_code == 429
    assert "Trop d'essais depuis cette connexion. Réessayez dans" in plain(text(refused))
    assert SESSION_KEY not in spraying.session
    # Elsewhere, nobody is paused.
    elsewhere = Client()
    assert sign_in(elsewhere, "karim@exemple.fr", address=VICTIM).status_code == 302
    assert elsewhere.session[SESSION_KEY] == str(target.pk)


@override_settings(LOGIN_ADDRESS_RATE_LIMIT=3)
def test_people_signing_in_successfully_from_one_desk_are_never_paused():
    people = [UserFactory() for _ in range(8)]
    for person in people:
        desk = Client()
        assert sign_in(desk, person.email, address=VICTIM).status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_the_victims_own_typos_are_forgiven_by_a_successful_sign_in():
    UserFactory(email="jeanne@exemple.fr")
    client = Client()
    for _ in range(2):
        sign_in(client, "jeanne@exemple.fr", "pas-le-bon", address=VICTIM)
    assert sign_in(client, "jeanne@exemple.fr", address=VICTIM).status_code == 302
    client.logout()
    for _ in range(2):
        sign_in(client, "jeanne@exemple.fr", "pas-le-bon", address=VICTIM)
    assert sign_in(client, "jeanne@exemple.fr", address=VICTIM).status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_a_password_reset_lifts_the_pause_of_that_address_for_that_account():
    user = UserFactory(email="jeanne@exemple.fr")
    client = Client()
    for _ in range(4):
        sign_in(client, "jeanne@exemple.fr", "pas-le-bon", address=VICTIM)
    assert sign_in(client, "jeanne@exemple.fr", address=VICTIM).status_code == 429

    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    form_url = client.get(link, REMOTE_ADDR=VICTIM)["Location"]
    new_password = "un-nouveau-mot-de-passe-2026"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password}, REMOTE_ADDR=VICTIM)
    assert done.status_code == 302

    assert sign_in(client, "jeanne@exemple.fr", new_password, address=VICTIM).status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_the_admin_sign_in_page_is_throttled_too():
    UserFactory(email="agent@exemple.fr", staff=True, is_superuser=True)
    client = Client()
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "agent@exemple.fr", "password": "non"}, REMOTE_ADDR=ATTACKER)

    response = client.post(
        reverse("admin:login"), {"username": "agent@exemple.fr", "password": PASSWORD}, REMOTE_ADDR=ATTACKER
    )

    assert SESSION_KEY not in client.session
    assert "Trop d'essais pour ce compte depuis cette connexion." in plain(text(response))


@override_settings(LOGIN_RATE_LIMIT=3)
def test_a_forged_x_forwarded_for_does_not_make_a_new_address():
    """Without the TLS proxy, X-Forwarded-For is whatever the client wrote: it is ignored."""
    UserFactory(email="jeanne@exemple.fr")
    client = Client()
    statuses = [
        sign_in(client, "jeanne@exemple.fr", "non", address=ATTACKER, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]


@override_settings(LOGIN_RATE_LIMIT=3, REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1})
def test_behind_the_proxy_the_address_it_appended_counts_not_what_the_client_wrote():
    UserFactory(email="jeanne@exemple.fr")
    proxy = "10.0.0.2"  # REMOTE_ADDR is the proxy's; it appends the client's real address
    client = Client()
    statuses = [
        sign_in(
            client, "jeanne@exemple.fr", "non", address=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, {ATTACKER}"
        ).status_code
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]
    victim = sign_in(Client(), "jeanne@exemple.fr", address=proxy, HTTP_X_FORWARDED_FOR=VICTIM)
    assert victim.status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_an_ipv6_client_counts_as_its_slash_64():
    UserFactory(email="jeanne@exemple.fr")
    client = Client()
    statuses = [
        sign_in(client, "jeanne@exemple.fr", "non", address=f"2001:db8:1:2::{n:x}").status_code for n in range(1, 6)
    ]
    assert statuses == [400, 400, 400, 429, 429]
    assert sign_in(Client(), "jeanne@exemple.fr", address="2001:db8:1:3::1").status_code == 302


@override_settings(LOGIN_RATE_LIMIT=3)
def test_the_counters_hold_no_email_and_no_address_in_clear():
    UserFactory(email="jeanne@exemple.fr")
    sign_in(Client(), "jeanne@exemple.fr", "non", address=ATTACKER)
    buckets = " ".join(RateCounter.objects.values_list("bucket", flat=True))
    assert buckets
    assert "jeanne" not in buckets and ATTACKER not in buckets


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(LOGIN_RATE_LIMIT=3)
def test_parallel_attempts_from_one_address_check_no_more_passwords_than_the_limit():
    UserFactory(email="jeanne@exemple.fr")
    outcomes = race([lambda: sign_in(Client(), "jeanne@exemple.fr", "non", address=ATTACKER).status_code] * 8)
    assert sorted(outcomes) == [400] * 3 + [429] * 5, outcomes


def test_the_api_visitor_rate_cannot_be_escaped_with_a_forged_x_forwarded_for(monkeypatch):
    monkeypatch.setattr(CountedRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})
    visitor = APIClient()
    statuses = [visitor.get("/api/v1/help/requests/", HTTP_X_FORWARDED_FOR=f"10.1.0.{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_a_failed_attempt_costs_one_counter_statement():
    UserFactory(email="jeanne@exemple.fr")
    client = Client()
    sign_in(client, "jeanne@exemple.fr", "non", address=ATTACKER)
    with CaptureQueriesContext(connection) as queries:
        sign_in(client, "jeanne@exemple.fr", "non", address=ATTACKER)
    assert sum("accounts_ratecounter" in q["sql"] for q in queries.captured_queries) == 1
