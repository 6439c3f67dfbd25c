"""The questionnaire as a person uses it: one step per page, no JavaScript, answers only in the session."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from tests.rights.factories import make_aid, make_permanence, make_place

pytestmark = pytest.mark.django_db

HOUSING_THEME = "logement-hebergement--se-maintenir-dans-le-logement"


def step(name):
    return reverse("estimate:step", kwargs={"step": name})


def answer_everything(client):
    """A parent alone with two children, no income, tenant paying 600 € a month in Rezé."""
    assert client.post(step("foyer"), {"couple": "seul", "children": "2", "depcom": "44143"}).url == step("personnes")
    response = client.post(
        step("personnes"),
        {"p0_age": "34", "p0_activity": "inactif", "p0_disability": "0", "e0_age": "7", "e1_age": "12"},
    )
    assert response.url == step("ressources")
    assert client.post(step("ressources"), {}).url == step("logement")
    assert client.post(step("logement"), {"housing": "locataire", "rent": "600"}).url == step("recapitulatif")


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.label != "sessions.Session"}


def test_a_person_goes_from_the_questions_to_the_aids_with_their_guide_page_and_a_permanence(client, inline_pool):
    aid = make_aid(slug="aides-au-logement", title="Aides au logement", themes=(HOUSING_THEME,))
    make_permanence(place=make_place(themes=(HOUSING_THEME,)))
    page = client.get(reverse("estimate:start")).content.decode()
    assert "pas une décision" in page
    answer_everything(client)
    recap = client.get(step("recapitulatif")).content.decode()
    assert "Enfant 2 : 12 ans" in recap and "Étape 5 sur 5" in recap
    assert client.post(reverse("estimate:compute")).url == reverse("estimate:progress")
    assert client.get(reverse("estimate:progress")).url == reverse("estimate:result")
    page = client.get(reverse("estimate:result")).content.decode()
    assert "C&#x27;est une estimation, pas une décision." in page or "C'est une estimation, pas une décision." in page
    assert "OpenFisca-France 176" in page
    for title in (
        "Revenu de solidarité active (RSA)",
        "Aide au logement",
        "Allocations familiales",
        "Allocation de rentrée scolaire",
    ):
        assert title in page
    assert aid.get_absolute_url() in page
    assert "Permanence logement du CCAS" in page
    assert "Prime d&#x27;activité" not in page  # no earnings, no prime d'activité


def test_going_back_keeps_the_answers_and_the_page_shows_where_one_is(client):
    client.post(step("foyer"), {"couple": "marie", "children": "1", "depcom": "44143"})
    response = client.post(step("personnes"), {"p0_age": "40", "direction": "back"})
    assert response.url == step("foyer")  # an unfinished page does not hold the person back
    page = client.get(step("foyer")).content.decode()
    assert re.search(r'<input[^>]*value="marie"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="children"[^>]*value="1"', page)
    assert "Étape 1 sur 5" in page
    personnes = client.get(step("personnes")).content.decode()
    assert "Votre conjoint·e : âge" in personnes and "Enfant 1 : âge" in personnes


def test_a_later_step_first_sends_to_the_first_unanswered_one(client):
    assert client.get(step("logement")).url == step("foyer")
    assert client.get(reverse("estimate:result")).url == reverse("estimate:start")


def test_wrong_answers_are_said_in_french_and_change_nothing(client):
    response = client.post(step("foyer"), {"couple": "seul", "children": "99", "depcom": "Rezé"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Le code compte 5 chiffres" in page
    assert client.get(step("personnes")).url == step("foyer")
    assert client.get(step("pas-une-etape")).status_code == 404


def test_while_it_computes_the_page_refreshes_itself(client, pending_pool):
    answer_everything(client)
    client.post(reverse("estimate:compute"))
    page = client.get(reverse("estimate:progress")).content.decode()
    assert 'http-equiv="refresh"' in page and "Calcul en cours" in page


TALLY = "estimate.EstimateTally"


def test_an_unsaved_estimate_leaves_no_row_anywhere_and_forgetting_empties_the_session(client, inline_pool):
    from solidarite.estimate.models import EstimateTally

    before = row_counts()
    answer_everything(client)
    client.post(reverse("estimate:compute"))
    client.get(reverse("estimate:progress"))
    assert client.get(reverse("estimate:result")).status_code == 200
    after = row_counts()
    # Only the session holds the answers; the one other trace is the anonymous tally of the month.
    assert {k: v for k, v in after.items() if k != TALLY} == {k: v for k, v in before.items() if k != TALLY}
    tallies = list(EstimateTally.objects.values())
    assert tallies and {row["estimates"] for row in tallies} == {1}
    assert {row["aid_code"] for row in tallies if row["found"]} >= {"rsa", "aides_logement"}
    # Nothing in it identifies: no person, no session, no answer, no amount, nothing finer than the month.
    fields = {f.name for f in EstimateTally._meta.get_fields()}
    assert fields == {"id", "month", "aid_code", "estimates", "found"}
    assert {row["month"].day for row in tallies} == {1}
    session_key = client.session.session_key
    assert all(session_key not in str(value) for row in tallies for value in row.values())
    client.get(reverse("estimate:result"))  # reading the result again counts nothing more
    assert {row.estimates for row in EstimateTally.objects.all()} == {1}
    client.post(reverse("estimate:forget"))
    assert "estimate" not in client.session
    assert client.get(reverse("estimate:result")).url == reverse("estimate:start")


def finish(client):
    answer_everything(client)
    client.post(reverse("estimate:compute"))
    client.get(reverse("estimate:progress"))


def test_saving_is_explicit_theirs_alone_and_revocable(client, inline_pool):
    from solidarite.estimate.models import SavedEstimate
    from tests.factories import UserFactory

    finish(client)
    page = client.get(reverse("estimate:result")).content.decode()
    assert "Rien n&#x27;est enregistré" in page or "Rien n'est enregistré" in page
    assert client.post(reverse("estimate:save")).status_code == 302
    assert SavedEstimate.objects.count() == 0  # not signed in: the sign-in page, nothing saved

    person, other = UserFactory(), UserFactory()
    client.force_login(person)
    finish(client)
    response = client.post(reverse("estimate:save"))
    saved = SavedEstimate.objects.get(user=person)
    assert response.url == reverse("estimate:saved_detail", kwargs={"pk": saved.pk})
    assert saved.answers["foyer"]["children"] == 2 and "job" not in saved.answers
    assert "Aide au logement" in client.get(response.url).content.decode()

    client.force_login(other)
    assert client.get(response.url).status_code == 404
    assert client.post(reverse("estimate:saved_delete", kwargs={"pk": saved.pk})).status_code == 404

    client.force_login(person)
    client.post(reverse("estimate:saved_delete", kwargs={"pk": saved.pk}))
    assert not SavedEstimate.objects.exists()


def test_a_saved_estimate_is_exported_and_erased_with_the_account():
    from solidarite.accounts import personal_data
    from solidarite.accounts.services import erase_account
    from solidarite.estimate import services
    from solidarite.estimate.models import SavedEstimate
    from tests.factories import UserFactory

    person = UserFactory()
    services.save(
        user=person,
        answers={
            "foyer": {"children": 0},
            "result": {"amounts": {"rsa": 600.0}, "month": "2026-11", "version": "176.1.8"},
        },
    )
    exported = personal_data.export_personal_data(person)["estimation_des_droits"]
    assert exported["estimations_enregistrees"][0]["montants"] == {"rsa": 600.0}
    erase_account(user=person)
    assert not SavedEstimate.objects.exists()


def test_saved_estimates_past_their_retention_are_deleted(settings):
    import datetime as dt

    from django.utils import timezone

    from solidarite.estimate import services
    from solidarite.estimate.models import SavedEstimate
    from tests.factories import UserFactory

    person = UserFactory()
    old = SavedEstimate.objects.create(user=person, month="2025-01", legislation="176", answers={}, amounts={})
    SavedEstimate.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    recent = SavedEstimate.objects.create(user=person, month="2026-11", legislation="176", answers={}, amounts={})
    assert services.purge() == 1
    assert list(SavedEstimate.objects.all()) == [recent]


def test_the_privacy_page_tells_of_the_anonymous_tally(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "compteur anonyme" in page and "aucun nombre inférieur à 5" in page
