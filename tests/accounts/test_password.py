import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.helpers import link_in_last_mail, text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une-maison-au-bord-de-la-sevre"


def test_password_reset_end_to_end(client):
    user = UserFactory(email="jeanne@exemple.fr")

    response = client.post(reverse("accounts:password_reset"), {"email": "Jeanne@Exemple.fr"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jeanne@exemple.fr"]
    assert mail.outbox[0].subject == "Nouveau mot de passe Solidarité"

    # Django swaps the token for a session marker, then shows the form.
    response = client.get(link_in_last_mail(), follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    response = client.post(reverse("accounts:login"), {"username": "jeanne@exemple.fr", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_a_reset_link_works_once(client):
    UserFactory(email="jeanne@exemple.fr")
    client.post(reverse("accounts:password_reset"), {"email": "jeanne@exemple.fr"})
    link = link_in_last_mail()
    url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert "Ce lien ne fonctionne plus" in text(response)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.fr"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_mismatched_new_passwords_are_refused_in_french(client):
    user = UserFactory(email="jeanne@exemple.fr")
    client.post(reverse("accounts:password_reset"), {"email": "jeanne@exemple.fr"})
    url = client.get(link_in_last_mail(), follow=True).redirect_chain[-1][0]

    response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})

    assert response.status_code == 400
    assert "Les deux mots de passe ne correspondent pas." in text(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_keeps_the_person_signed_in(client_for, user):
    client = client_for(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(client_for, user):
    response = client_for(user).post(
        reverse("accounts:password_change"),
        {"old_password": "pas-le-bon", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    assert "Votre ancien mot de passe est incorrect." in text(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
