"""RGPD: a person downloads everything held about them, and can erase their account."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import models
from django.urls import reverse

from solidarite.accounts import personal_data, services
from solidarite.accounts.models import ApiToken, User
from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify
from tests.conftest import PASSWORD
from tests.helpers import text

pytestmark = pytest.mark.django_db


def models_pointing_to_the_user() -> set[type[models.Model]]:
    """Every model of every installed app with a foreign key, one-to-one or many-to-many to the user.

    Proxy models share their concrete model's table, so the concrete model stands for them.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        model
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.get_fields()
        # Reverse relations are auto-created; forward ones are declared on the model itself.
        if field.is_relation and not field.auto_created and field.related_model is user_model
    }


def test_every_model_pointing_to_the_user_is_covered_by_an_eraser():
    """A new app that stores something about a person must register a PersonalDataHandler."""
    uncovered = models_pointing_to_the_user() - personal_data.covered_models()
    assert sorted(model._meta.label for model in uncovered) == []


def test_the_coverage_check_sees_models_of_every_app():
    labels = {model._meta.label for model in models_pointing_to_the_user()}
    assert {"notifications.Notification", "accounts.ApiToken", "admin.LogEntry"} <= labels


def test_export_is_a_json_download_with_every_handler(client_for, user):
    notify(user, "test", {"title": "Votre demande a trouvé preneur"})
    ApiToken.objects.issue(user=user, name="Tableur du CCAS", read_only=True)

    response = client_for(user).get(reverse("accounts:export_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-solidarite.json"'
    data = json.loads(response.content)
    assert set(data["data"]) == {handler.label for handler in personal_data.handlers()}
    account = data["data"]["compte"]
    assert account["adresse_email"] == user.email
    assert account["nom_affiche"] == user.display_name
    assert account["quartier"] == "Pont-Rousseau"
    assert [(t["nom"], t["lecture_seule"]) for t in data["data"]["jetons_api"]] == [("Tableur du CCAS", True)]
    assert [n["title"] for n in data["data"]["notifications"]] == ["Votre demande a trouvé preneur"]


def test_export_holds_nothing_about_other_people(client_for, user, other_user):
    notify(other_user, "test", {"title": "Message pour quelqu'un d'autre"})
    body = client_for(user).get(reverse("accounts:export_data")).content.decode()
    assert other_user.email not in body
    assert "quelqu'un d'autre" not in body


def test_export_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:export_data"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_my_data_page_offers_download_and_deletion(client_for, user):
    page = text(client_for(user).get(reverse("accounts:my_data")))
    assert reverse("accounts:export_data") in page
    assert "Supprimer définitivement mon compte" in page


def test_deleting_the_account_erases_the_person_and_everything_theirs(client_for, user, other_user):
    notify(user, "test", {"title": "À moi"})
    notify(other_user, "test", {"title": "À quelqu'un d'autre"})
    ApiToken.objects.issue(user=user, name="Tableur")
    client = client_for(user)

    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not User.objects.filter(email=user.email).exists()
    assert not Notification.objects.filter(user_id=user.pk).exists()
    assert not ApiToken.objects.filter(user_id=user.pk).exists()
    assert SESSION_KEY not in client.session
    # Other people's data stays.
    assert Notification.objects.filter(user=other_user).count() == 1
    assert "Votre compte et vos données ont été supprimés." in text(client.get(reverse("home")))


def test_a_wrong_password_deletes_nothing(client_for, user):
    notify(user, "test", {"title": "À moi"})
    client = client_for(user)

    response = client.post(reverse("accounts:delete_account"), {"password": "pas-le-bon"})

    assert response.status_code == 400
    assert "Mot de passe incorrect." in text(response)
    assert User.objects.filter(pk=user.pk).exists()
    assert Notification.objects.filter(user=user).count() == 1
    assert SESSION_KEY in client.session


def test_deletion_is_a_post(client_for, user):
    assert client_for(user).get(reverse("accounts:delete_account")).status_code == 405
    assert User.objects.filter(pk=user.pk).exists()


def test_erase_runs_every_handler_before_the_user_row_goes(user, monkeypatch):
    seen = []
    handler = personal_data.PersonalDataHandler(
        label="test-order",
        models=(),
        export=lambda u: None,
        erase=lambda u: seen.append(User.objects.filter(pk=u.pk).exists()),
    )
    monkeypatch.setattr(personal_data, "_handlers", {**personal_data._handlers, "test-order": handler})

    services.erase_account(user=user)

    assert seen == [True]
    assert not User.objects.filter(pk=user.pk).exists()
