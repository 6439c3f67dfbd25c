"""The guide of aids as a resident reads it: search without accents, filters, the aid page, stale records."""

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import plain, text
from tests.rights.factories import make_aid, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(staff):
    energy = make_aid(
        by=staff,
        slug="cheque-energie",
        title="Chèque énergie",
        summary="Un chèque envoyé chaque année pour payer les factures d'électricité ou de gaz.",
        keywords="",
        institution="etat",
        themes=["difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"],
        publics=["faibles-ressources"],
    )
    rent = make_aid(by=staff)
    everyone = make_aid(
        by=staff,
        slug="epicerie",
        title="Épicerie sociale",
        summary="Des courses à petit prix.",
        keywords="",
        institution="association",
        themes=["equipement-et-alimentation--alimentation"],
        publics=["tous"],
    )
    return energy, rent, everyone


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/acces-aux-droits/aides/[^"]+/">([^<]+)</a></h3>', text(response))


def test_the_guide_lists_published_aids_only(client, staff, guide):
    make_aid(by=staff, slug="brouillon", title="Brouillon caché", is_published=False)
    response = client.get(reverse("rights:aids"))
    assert response.status_code == 200
    assert titles(response) == ["Aide au loyer", "Chèque énergie", "Épicerie sociale"]
    assert client.get(reverse("rights:aid", args=["brouillon"])).status_code == 404


@pytest.mark.parametrize("query", ["energie", "ÉNERGIE", "cheque energie", "Chèque"])
def test_search_ignores_accents_and_case(client, guide, query):
    assert titles(client.get(reverse("rights:aids"), {"q": query})) == ["Chèque énergie"]


def test_search_finds_acronyms_and_the_institution(client, guide):
    assert titles(client.get(reverse("rights:aids"), {"q": "als"})) == ["Aide au loyer"]
    assert titles(client.get(reverse("rights:aids"), {"q": "caf loire-atlantique"})) == ["Aide au loyer"]


def test_filters_by_theme_category_thematique_and_public(client, guide):
    url = reverse("rights:aids")
    assert titles(client.get(url, {"theme": "logement-hebergement"})) == ["Aide au loyer"]
    assert titles(client.get(url, {"theme": "logement-hebergement--se-maintenir-dans-le-logement"})) == [
        "Aide au loyer"
    ]
    # An aid for everyone is an aid for tenants too.
    assert titles(client.get(url, {"public": "locataire"})) == ["Aide au loyer", "Épicerie sociale"]
    assert titles(client.get(url, {"institution": "etat"})) == ["Chèque énergie"]


def test_the_theme_filter_offers_only_the_themes_the_guide_uses(client, guide):
    page = text(client.get(reverse("rights:aids")))
    assert 'value="logement-hebergement"' in page and 'value="trouver-un-emploi"' not in page


def test_an_unknown_filter_is_a_400_in_french_that_lists_nothing(client, guide):
    response = client.get(reverse("rights:aids"), {"theme": "n-importe-quoi"})
    assert response.status_code == 400
    page = plain(text(response))
    assert "Sélectionnez un choix valide" in page
    assert titles(response) == []


def test_the_filters_work_without_javascript(client, guide):
    page = text(client.get(reverse("rights:aids")))
    form = re.search(r'<form method="get" action="/acces-aux-droits/"[^>]*role="search".*?</form>', page, re.S).group(0)
    assert "<script" not in page.split("</footer>")[0].split("<main")[1]
    for name in ("q", "theme", "public", "institution"):
        assert f'name="{name}"' in form and f'for="id_{name}"' in form
    assert '<button type="submit"' in form


def test_the_aid_page_says_what_who_how_and_where(client, guide):
    place = make_place(aids=[guide[1]])
    response = client.get(reverse("rights:aid", args=["aide-au-loyer"]))
    page = plain(text(response))
    for phrase in (
        "<h1>Aide au loyer</h1>",
        "accordée par : CAF de Loire-Atlantique",
        "Pour qui ?",
        "<li>Être locataire</li>",
        "Les papiers à préparer",
        "<li>Bail</li>",
        "Comment faire la demande",
        place.name,
        'href="tel:0240844300"',
        "https://www.service-public.fr/particuliers/vosdroits/F12006",
    ):
        assert phrase in page, phrase
    assert "Informations vérifiées le" in page and "Elles ont pu changer depuis" not in page


def test_past_its_review_date_the_page_warns_when_it_was_checked(client, staff):
    today = timezone.localdate()
    make_aid(by=staff, reviewed_on=today - dt.timedelta(days=200), next_review_on=today - dt.timedelta(days=1))
    page = plain(text(client.get(reverse("rights:aid", args=["aide-au-loyer"]))))
    checked = (today - dt.timedelta(days=200)).day
    assert re.search(rf"Informations vérifiées le {checked} \w+ \d{{4}}\.", page)
    assert "Elles ont pu changer depuis" in page


def test_the_aid_page_carries_government_service_json_ld(client, guide):
    make_place(aids=[guide[1]])
    html = client.get(reverse("rights:aid", args=["aide-au-loyer"])).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "GovernmentService" and data["name"] == "Aide au loyer"
    assert data["provider"] == {"@type": "GovernmentOrganization", "name": "CAF de Loire-Atlantique"}
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Locataires"}]
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Loire-Atlantique"}
    channels = {channel["name"] for channel in data["availableChannel"]}
    assert {"En ligne", "CCAS de Rezé"} <= channels
    association = client.get(reverse("rights:aid", args=["epicerie"])).content.decode()
    assert '"@type": "Service"' in association


def test_points_d_accueil_show_phone_and_open_now(client, clock):
    make_place()
    make_place(slug="ferme", name="Permanence du samedi", opening_hours="Sa 09:00-12:00", phone="")
    # An ordinary Wednesday at 10:00 (whatever TEST_NOW is): the CCAS is open, the Saturday desk is not.
    clock.move_to(dt.datetime(2026, 11, 18, 10, tzinfo=ZoneInfo("Europe/Paris")))
    page = plain(text(client.get(reverse("rights:places"))))
    assert "2 points d'accueil" in page
    assert 'href="tel:0240844300">02 40 84 43 00</a>' in page
    ccas = page.split("CCAS de Rezé")[1].split("</li>")[0]
    assert "Ouvert maintenant" in ccas and "ferme à 12 h 30" in ccas
    saturday = page.split("Permanence du samedi")[1].split("</li>")[0]
    assert "Fermé" in saturday and "ouvre samedi à 9 h" in saturday


def test_the_place_page_lists_its_week_and_the_aids_it_helps_with(client, guide):
    place = make_place(aids=[guide[0]])
    page = plain(text(client.get(reverse("rights:place", args=[place.slug]))))
    assert "Horaires d'accueil habituels" in page and "Les 7 prochains jours" in page
    assert "8 h 30 – 12 h 30, 13 h 30 – 17 h 30" in page
    assert "Chèque énergie" in page and "Accompagnement aux démarches administratives" in page
    assert client.get(reverse("rights:place", args=["inconnu"])).status_code == 404


def test_the_home_page_keeps_its_promise_of_phone_and_desk_help(client):
    make_place()
    make_place(slug="brouillon", name="Lieu pas encore ouvert", is_published=False)
    page = plain(text(client.get(reverse("home"))))
    help_box = page.split('id="titre-aide"')[1]
    assert "CCAS de Rezé" in help_box and 'href="tel:0240844300"' in help_box
    assert "Lieu pas encore ouvert" not in page
