import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from solidarite.accounts.models import User
from tests.factories import UserFactory, quartier
from tests.helpers import link_in_last_mail, text

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "display_name": "Louise",
    "email": "Louise.Martin@Exemple.fr",
    "quartier": "",
    "password": "un-jardin-sur-la-loire",
}


def sign_up(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:sign_up"), {**SIGN_UP, **changes})


def test_sign_up_creates_an_inactive_account_and_sends_a_confirmation_email(client, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, quartier=quartier("ragon").pk)

    assert response.status_code == 200
    assert "Vérifiez vos e-mails" in text(response)
    user = User.objects.get()
    assert user.email == "louise.martin@exemple.fr"
    assert user.quartier.slug == "ragon"
    assert not user.is_active and user.email_confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["louise.martin@exemple.fr"]
    assert mail.outbox[0].subject == "Confirmez votre adresse e-mail"
    assert "/compte/confirmer/" in mail.outbox[0].body


def test_the_unconfirmed_account_cannot_sign_in(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("accounts:login"), {"username": SIGN_UP["email"], "password": SIGN_UP["password"]})
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_the_link_activates_the_account_and_signs_in(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.get(link_in_last_mail())

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    user = User.objects.get()
    assert user.is_active and user.email_confirmed_at is not None
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.notifications.filter(kind="accounts.welcome").count() == 1


def test_a_used_link_fails_with_400(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_in_last_mail()
    assert client.get(link).status_code == 302
    client.logout()

    response = client.get(link)

    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in text(response)
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "mangle",
    [
        lambda uid, token: (uid, token[:-3] + "abc"),  # forged token
        lambda uid, token: ("Zm9v", token),  # uid that is not a number
        lambda uid, token: ("OTk5OTk", token),  # uid of nobody (99999)
    ],
)
def test_a_forged_link_fails_with_400_and_activates_nothing(client, django_capture_on_commit_callbacks, mangle):
    sign_up(client, django_capture_on_commit_callbacks)
    _, _, _, uid, token, _ = link_in_last_mail().split("/")
    uid, token = mangle(uid, token)

    response = client.get(reverse("accounts:confirm_email", kwargs={"uidb64": uid, "token": token}))

    assert response.status_code == 400
    assert not User.objects.get().is_active
    assert SESSION_KEY not in client.session


def test_an_email_already_used_in_another_case_is_refused_in_french(client, django_capture_on_commit_callbacks):
    UserFactory(email="louise.martin@exemple.fr")

    response = sign_up(client, django_capture_on_commit_callbacks, email="LOUISE.martin@exemple.FR")

    assert response.status_code == 400
    assert "Un compte existe déjà avec cette adresse" in text(response)
    assert User.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide."),
        ({"password": "12345678901"}, "Ce mot de passe est entièrement numérique."),
        ({"password": "court"}, "Ce mot de passe est trop court."),
        ({"display_name": ""}, "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_answered_in_french_and_creates_nothing(
    client, django_capture_on_commit_callbacks, changes, message
):
    response = sign_up(client, django_capture_on_commit_callbacks, **changes)

    assert response.status_code == 400
    assert message in text(response)
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_signed_in_person_is_sent_home(client_for, user):
    response = client_for(user).get(reverse("accounts:sign_up"))
    assert response.status_code == 302 and response.url == reverse("home")


def test_signing_up_again_before_confirming_resends_the_link_and_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    first_link = link_in_last_mail()

    response = sign_up(
        client, django_capture_on_commit_callbacks, email="LOUISE.martin@exemple.fr", password="autre-chose-42x"
    )

    assert response.status_code == 200
    assert "nous vous avons renvoyé le lien" in text(response)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["louise.martin@exemple.fr"]
    user = User.objects.get()
    assert user.check_password(SIGN_UP["password"])  # the second form's password is ignored
    assert link_in_last_mail() == first_link
    # A third try within the quarter of an hour sends nothing more.
    sign_up(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_the_unconfirmed_account_is_told_so_at_sign_in(client, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("accounts:login"), {"username": SIGN_UP["email"], "password": SIGN_UP["password"]})
    assert response.status_code == 400
    assert "Ce compte n'est pas encore activé : ouvrez le lien reçu par e-mail." in text(response)
    wrong = client.post(reverse("accounts:login"), {"username": SIGN_UP["email"], "password": "pas-le-bon"})
    assert "Adresse e-mail ou mot de passe incorrect." in text(wrong)


def test_the_link_leads_back_to_the_page_the_person_was_going_to(client, django_capture_on_commit_callbacks):
    """Someone invited to manage an association signs up from the invitation and comes back to it."""
    page = client.get(reverse("accounts:sign_up"), {"next": "/invitations/abc/"})
    assert 'name="next" value="/invitations/abc/"' in page.content.decode()
    sign_up(client, django_capture_on_commit_callbacks, next="/invitations/abc/")
    link = link_in_last_mail()
    assert link.endswith("?next=%2Finvitations%2Fabc%2F")

    response = client.get(link)

    assert response.status_code == 302 and response.url == "/invitations/abc/"
    assert client.session[SESSION_KEY] == str(User.objects.get().pk)


@pytest.mark.parametrize("elsewhere", ["https://ailleurs.example/piege", "//ailleurs.example/", "javascript:alert(1)"])
def test_a_next_page_on_another_site_is_ignored(client, django_capture_on_commit_callbacks, elsewhere):
    sign_up(client, django_capture_on_commit_callbacks, next=elsewhere)
    link = link_in_last_mail()
    assert "next" not in link
    # Nor may someone add it to a genuine link afterwards.
    response = client.get(link, {"next": elsewhere})
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
