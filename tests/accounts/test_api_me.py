import pytest
from rest_framework.test import APIClient

from solidarite.accounts.models import ApiToken, User
from tests.factories import UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_me_returns_the_profile_and_roles(api, user):
    response = api.get(ME)
    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "quartier": "pont-rousseau",
        "phone": "",
        "share_email": True,
        "share_phone": False,
        "contact_note": "",
        "roles": ["neighbour"],
    }


def test_me_with_a_token(user):
    _, secret = ApiToken.objects.issue(user=user, name="test")
    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_me_without_credentials_is_refused_in_french(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "Informations d'authentification non fournies."}


def test_a_wrong_token_gets_401_in_french(db):
    response = APIClient(HTTP_AUTHORIZATION="Bearer sol_0123456789abcdef0123456789abcdef01234567").get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton d'API non valide, révoqué ou expiré."}


def test_patch_me_updates_and_notifies(api, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.patch(ME, {"quartier": "ragon", "phone": "06 11 22 33 44", "share_phone": True}, format="json")
    assert response.status_code == 200
    assert response.json()["quartier"] == "ragon"
    user.refresh_from_db()
    assert (user.quartier.slug, user.phone, user.share_phone) == ("ragon", "06 11 22 33 44", True)
    assert list(user.notifications.values_list("kind", flat=True)) == ["accounts.profile_updated"]


def test_the_email_cannot_be_changed_through_me(api, user):
    response = api.patch(ME, {"email": "autre@exemple.fr"}, format="json")
    assert response.status_code == 200
    assert User.objects.get(pk=user.pk).email == user.email


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"phone": "appelez-moi"}, "phone", "Numéro de téléphone invalide, par exemple : 06 12 34 56 78."),
        ({"share_phone": True}, "phone", "Indiquez un numéro pour pouvoir le partager."),
        ({"quartier": "lune"}, "quartier", "L'objet avec slug=lune n'existe pas."),
        ({"display_name": ""}, "display_name", "Ce champ ne peut être vide."),
        ({"display_name": "x" * 61}, "display_name", "Assurez-vous que ce champ comporte au plus 60 caractères."),
    ],
)
def test_patch_me_with_bad_input_answers_400_in_french_and_changes_nothing(api, user, body, field, message):
    before = User.objects.filter(pk=user.pk).values().get()

    response = api.patch(ME, body, format="json")

    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == "Certaines informations ne sont pas valides."
    assert message in [plain(m) for m in data["errors"][field]]
    assert User.objects.filter(pk=user.pk).values().get() == before
    assert not user.notifications.exists()


def test_me_cannot_be_deleted_or_replaced(api):
    response = api.delete(ME)
    assert response.status_code == 405
    assert plain(response.json()["detail"]) == "Méthode « DELETE » non autorisée."
    assert api.put(ME, {}, format="json").status_code == 405


def test_each_person_sees_only_themselves(api, user):
    UserFactory(email="autre@exemple.fr")
    assert api.get(ME).json()["email"] == user.email
