"""« Mes démarches »: each aid of a saved estimate followed from « à faire » to the answer."""

import pytest
from django.urls import reverse

from solidarite.estimate.models import Claim, SavedEstimate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def saved_for(person):
    return SavedEstimate.objects.create(
        user=person,
        month="2026-11",
        legislation="176.1.8",
        answers={},
        amounts={"rsa": 420.5, "aides_logement": 310.0, "prime_activite": 0.0},
    )


def test_a_person_follows_the_aids_of_a_saved_estimate_until_the_right_is_open(client):
    person = UserFactory()
    saved = saved_for(person)
    client.force_login(person)
    assert client.post(reverse("estimate:follow", kwargs={"pk": saved.pk})).url == reverse("estimate:claims")
    page = client.get(reverse("estimate:claims")).content.decode()
    assert "Revenu de solidarité active (RSA)" in page and "Aide au logement" in page
    assert "Prime d&#x27;activité" not in page  # 0 €: nothing to claim
    assert "Où vous en êtes : à faire" in page
    rsa = Claim.objects.get(user=person, aid_code="rsa")
    client.post(reverse("estimate:claim_step", kwargs={"pk": rsa.pk, "step": "demandee"}))
    client.post(reverse("estimate:claim_step", kwargs={"pk": rsa.pk, "step": "ouverte"}))
    rsa.refresh_from_db()
    assert rsa.get_status_display() == "droit ouvert"
    assert [row.to_state for row in rsa.log.all()] == ["demandee", "ouverte"]
    client.post(reverse("estimate:follow", kwargs={"pk": saved.pk}))  # following again duplicates nothing
    assert Claim.objects.filter(user=person).count() == 2


def test_a_step_the_state_no_longer_allows_is_refused_in_french_and_changes_nothing(client):
    person = UserFactory()
    claim = Claim.objects.create(user=person, aid_code="rsa", amount=400)
    client.force_login(person)
    response = client.post(reverse("estimate:claim_step", kwargs={"pk": claim.pk, "step": "ouverte"}), follow=True)
    assert "Ce n&#x27;est plus possible" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.TODO


def test_nobody_else_sees_or_moves_a_claim(client):
    person, other = UserFactory(), UserFactory()
    claim = Claim.objects.create(user=person, aid_code="rsa", amount=400, estimate=saved_for(person))
    client.force_login(other)
    assert client.post(reverse("estimate:claim_step", kwargs={"pk": claim.pk, "step": "demandee"})).status_code == 403
    assert client.post(reverse("estimate:follow", kwargs={"pk": claim.estimate_id})).status_code == 404
    assert "Revenu de solidarité" not in client.get(reverse("estimate:claims")).content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.TODO


def test_claims_are_exported_and_erased_with_the_account():
    from solidarite.accounts.personal_data import export_personal_data
    from solidarite.accounts.services import erase_account
    from solidarite.estimate import claims

    person = UserFactory()
    claim = Claim.objects.create(user=person, aid_code="rsa", amount=400)
    claims.take_step(user=person, pk=claim.pk, url_name="demandee")
    exported = export_personal_data(person)["estimation_des_droits"]["demarches"]
    assert exported[0]["etat"] == "demandee" and exported[0]["etapes"][0]["to_state"] == "demandee"
    erase_account(user=person)
    assert not Claim.objects.exists()
