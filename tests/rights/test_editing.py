"""City staff keep the guide true: forms for staff only, every change in the history, reviews move the date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarite.rights.models import Aid, AidRevision
from tests.helpers import plain, text
from tests.rights.factories import make_aid

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Chèque énergie",
        "slug": "cheque-energie",
        "summary": "Un chèque pour payer les factures d'énergie.",
        "keywords": "",
        "kind": "aide-financiere",
        "institution": "etat",
        "eligibility": "Revenus modestes",
        "documents": "",
        "how_to_apply": "Rien à faire : il arrive par la poste.",
        "apply_online_url": "",
        "apply_form_url": "",
        "phone": "",
        "provider": "",
        "source_url": "https://chequeenergie.gouv.fr/",
        "source_date": today.isoformat(),
        "reviewer": "",
        "reviewed_on": "",
        "next_review_on": "",
        "is_published": "on",
        "themes": ["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"],
        "publics": ["faibles-ressources"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", ["rights:aid_create"])
def test_only_city_staff_reach_the_forms(client, client_for, user, staff, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # a visitor is asked to sign in
    assert client_for(user).get(url).status_code == 403
    assert client_for(user).post(url, form_data()).status_code == 403
    assert not Aid.objects.exists()
    assert client_for(staff).get(url).status_code == 200


def test_staff_create_an_aid_with_its_history(client_for, staff):
    staff.display_name = "Camille"
    staff.save()
    response = client_for(staff).post(reverse("rights:aid_create"), form_data(reviewer=staff.pk))
    assert response.status_code == 302 and response.url == "/acces-aux-droits/aides/cheque-energie/"
    aid = Aid.objects.get()
    assert aid.theme_codes == ["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"]
    assert aid.reviewed_on == timezone.localdate()
    assert aid.next_review_on == timezone.localdate() + dt.timedelta(days=180)
    [revision] = aid.revisions.all()
    assert (
        revision.action == "created" and revision.by == staff and revision.changes["title"] == [None, "Chèque énergie"]
    )


def test_an_edit_records_what_changed_before_and_after(client_for, staff, user):
    aid = make_aid(by=staff)
    response = client_for(staff).post(
        reverse("rights:aid_edit", args=[aid.slug]),
        form_data(title="Aide au logement", slug=aid.slug, publics=["locataire", "etudiant"]),
    )
    assert response.status_code == 302
    revision = aid.revisions.order_by("-pk").first()
    assert revision.action == "updated"
    assert revision.changes["title"] == ["Aide au loyer", "Aide au logement"]
    assert revision.changes["publics"] == [["locataire"], ["etudiant", "locataire"]]
    assert "source_url" in revision.changes and "keywords" in revision.changes
    history = plain(text(client_for(staff).get(reverse("rights:aid_history", args=[aid.slug]))))
    assert "Aide au loyer" in history and "Aide au logement" in history and "modification" in history
    assert client_for(user).get(reverse("rights:aid_history", args=[aid.slug])).status_code == 403


def test_saving_unchanged_writes_no_history(client_for, staff):
    client_for(staff).post(reverse("rights:aid_create"), form_data())
    aid = Aid.objects.get()
    data = form_data(reviewed_on=aid.reviewed_on.isoformat(), next_review_on=aid.next_review_on.isoformat())
    client_for(staff).post(reverse("rights:aid_edit", args=[aid.slug]), data)
    assert aid.revisions.count() == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"themes": []}, "themes", "Ce champ est obligatoire."),
        ({"publics": ["tous", "senior"]}, "publics", "« Tout le monde » ne se combine pas avec un autre public."),
        ({"source_url": "pas une adresse"}, "source_url", "Saisissez une URL valide."),
        (
            {"reviewed_on": "2026-11-10", "next_review_on": "2026-11-01"},
            "next_review_on",
            "La prochaine relecture vient après la dernière vérification.",
        ),
    ],
)
def test_bad_input_is_a_400_in_french_that_changes_nothing(client_for, staff, changes, field, message):
    aid = make_aid(by=staff)
    before = AidRevision.objects.count()
    response = client_for(staff).post(reverse("rights:aid_edit", args=[aid.slug]), form_data(slug=aid.slug, **changes))
    assert response.status_code == 400
    assert message in plain(text(response))
    assert AidRevision.objects.count() == before and Aid.objects.get().title == "Aide au loyer"


def test_a_reviewer_marks_the_aid_checked_today(client_for, staff, user):
    today = timezone.localdate()
    aid = make_aid(by=staff, reviewed_on=today - dt.timedelta(days=300), next_review_on=today - dt.timedelta(days=5))
    url = reverse("rights:aid_reviewed", args=[aid.slug])
    assert client_for(user).post(url).status_code == 403
    assert client_for(staff).get(url).status_code == 405
    assert client_for(staff).post(url).status_code == 302
    aid.refresh_from_db()
    assert aid.reviewed_on == today and aid.next_review_on == today + dt.timedelta(days=180)
    assert aid.revisions.order_by("-pk").first().action == "reviewed"
    page = plain(text(client_for(user).get(aid.get_absolute_url())))
    assert "Elles ont pu changer depuis" not in page


def test_the_aid_page_offers_staff_tools_only_to_staff(client, client_for, staff):
    aid = make_aid(by=staff)
    assert reverse("rights:aid_edit", args=[aid.slug]) in client_for(staff).get(aid.get_absolute_url()).content.decode()
    assert reverse("rights:aid_edit", args=[aid.slug]) not in client.get(aid.get_absolute_url()).content.decode()
