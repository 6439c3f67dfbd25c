import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.helpers import text

pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_by_email_ignores_case_and_spaces(client):
    user = UserFactory(email="jeanne@exemple.fr")
    response = log_in(client, "  Jeanne@EXEMPLE.fr ")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_wrong_password_is_refused_in_french(client):
    UserFactory(email="jeanne@exemple.fr")
    response = log_in(client, "jeanne@exemple.fr", "pas-le-bon")
    assert response.status_code == 400
    assert "Adresse e-mail ou mot de passe incorrect." in text(response)
    assert SESSION_KEY not in client.session


@override_settings(LOGIN_RATE_LIMIT=3)
def test_sign_in_pauses_after_repeated_failures_even_with_the_right_password(client):
    UserFactory(email="jeanne@exemple.fr")
    for _ in range(3):
        assert log_in(client, "jeanne@exemple.fr", "pas-le-bon").status_code == 400

    response = log_in(client, "JEANNE@exemple.fr")

    assert response.status_code == 429
    assert "Trop d'essais" in text(response)
    assert SESSION_KEY not in client.session


@override_settings(LOGIN_RATE_LIMIT=3)
def test_failures_on_one_address_do_not_lock_another(client):
    UserFactory(email="jeanne@exemple.fr")
    other = UserFactory(email="karim@exemple.fr")
    for _ in range(3):
        log_in(client, "jeanne@exemple.fr", "pas-le-bon")
    assert log_in(client, "karim@exemple.fr").status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


@override_settings(LOGIN_RATE_LIMIT=3)
def test_a_successful_sign_in_resets_the_failure_count(client):
    UserFactory(email="jeanne@exemple.fr")
    for _ in range(2):
        log_in(client, "jeanne@exemple.fr", "pas-le-bon")
    assert log_in(client, "jeanne@exemple.fr").status_code == 302
    client.logout()
    for _ in range(2):
        log_in(client, "jeanne@exemple.fr", "pas-le-bon")
    assert log_in(client, "jeanne@exemple.fr").status_code == 302


def test_logout_is_a_post(client_for, user):
    client = client_for(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert SESSION_KEY in client.session

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_the_header_offers_a_logout_form_not_a_link(client_for, user):
    html = client_for(user).get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("accounts:logout")}"' in html
