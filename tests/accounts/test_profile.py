import pytest
from django.urls import reverse

from solidarite.accounts.models import User
from tests.factories import quartier
from tests.helpers import text

pytestmark = pytest.mark.django_db


def profile_data(user, **changes):
    data = {
        "display_name": user.display_name,
        "quartier": user.quartier_id or "",
        "phone": user.phone,
        "contact_note": user.contact_note,
    }
    if user.share_email:
        data["share_email"] = "on"
    if user.share_phone:
        data["share_phone"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_profile_page_shows_the_form_and_roles(client_for, user):
    response = client_for(user).get(reverse("accounts:profile"))
    assert response.status_code == 200
    page = text(response)
    assert "Mon profil" in page and "voisin·e" in page
    assert f'value="{user.display_name}"' in page


def test_the_profile_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_editing_the_profile_saves_it_and_notifies_the_person(client_for, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            reverse("accounts:profile"),
            profile_data(
                user,
                display_name="Jeanne R.",
                quartier=quartier("ragon").pk,
                phone="06 12 34 56 78",
                share_phone="on",
                contact_note="Plutôt le soir",
            ),
        )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.quartier.slug, user.phone, user.share_phone, user.contact_note) == (
        "Jeanne R.",
        "ragon",
        "06 12 34 56 78",
        True,
        "Plutôt le soir",
    )
    notification = user.notifications.get()
    assert notification.kind == "accounts.profile_updated"
    assert notification.title == "Votre profil a été modifié"


def test_saving_an_unchanged_profile_notifies_nobody(client_for, user):
    response = client_for(user).post(reverse("accounts:profile"), profile_data(user))
    assert response.status_code == 302
    assert not user.notifications.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "appelez-moi"}, "Numéro de téléphone invalide, par exemple : 06 12 34 56 78."),
        ({"phone": "0612"}, "Numéro de téléphone invalide"),
        ({"phone": "", "share_phone": "on"}, "Indiquez un numéro pour pouvoir le partager."),
        ({"display_name": ""}, "Ce champ est obligatoire."),
        ({"quartier": "999999"}, "Sélectionnez un choix valide."),
    ],
)
def test_an_invalid_profile_is_refused_in_french_and_changes_nothing(client_for, user, changes, message):
    client = client_for(user)
    before = User.objects.filter(pk=user.pk).values().get()

    response = client.post(reverse("accounts:profile"), profile_data(user, **{"display_name": "Nouveau", **changes}))

    assert response.status_code == 400
    assert message in text(response)
    assert User.objects.filter(pk=user.pk).values().get() == before
    assert not user.notifications.exists()


def test_an_invalid_field_is_linked_to_its_error_message(client_for, user):
    response = client_for(user).post(reverse("accounts:profile"), profile_data(user, phone="appelez-moi"))
    page = text(response)
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_phone_error"' in page
    assert '<div class="error" id="id_phone_error"><p>Numéro de téléphone invalide' in page
