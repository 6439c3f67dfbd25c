"""The demo guide: at least 20 real aids with their sources, points d'accueil, loaded idempotently."""

import re

import pytest
from django.core.management import call_command

from associations.directory.demo import load_directory
from solidarite.accounts.demo import load_people
from solidarite.rights.demo import load_rights
from solidarite.rights.models import Aid, AidRevision, Place
from solidarite.rights.vocabulary import Institution

pytestmark = pytest.mark.django_db

OFFICIAL = re.compile(
    r"^https://(www\.service-public\.gouv\.fr|www\.loire-atlantique\.fr|chequeenergie\.gouv\.fr|naolib\.fr"
    r"|www\.reze\.fr|www\.moncompteformation\.gouv\.fr)/"
)


def test_the_demo_loads_twenty_real_aids_and_the_places_once():
    load_people()
    load_directory()
    load_rights()
    counts = (Aid.objects.count(), Place.objects.count(), AidRevision.objects.count())
    load_rights()
    assert (Aid.objects.count(), Place.objects.count(), AidRevision.objects.count()) == counts
    assert counts[0] >= 20 and counts[1] >= 5
    for aid in Aid.objects.all():
        assert OFFICIAL.match(aid.source_url), aid.source_url
        assert aid.source_date and aid.reviewer.email == "agent@solidarite.test"
        assert aid.themes.exists() and aid.publics.exists() and aid.eligibility_lines()
    titles = set(Aid.objects.values_list("title", flat=True))
    for expected in (
        "Revenu de solidarité active (RSA)",
        "Prime d'activité",
        "Chèque énergie",
        "Complémentaire santé solidaire",
        "Allocations familiales",
        "Allocation aux adultes handicapés (AAH)",
        "Épicerie sociale",
        "Fonds de solidarité pour le logement (FSL) de Loire-Atlantique",
        "Tarification solidaire des transports de Nantes Métropole",
    ):
        assert expected in titles, expected
    institutions = set(Aid.objects.values_list("institution", flat=True))
    assert {
        Institution.STATE,
        Institution.DEPARTEMENT,
        Institution.CAF,
        Institution.METROPOLE,
        Institution.CCAS,
        Institution.ASSOCIATION,
    } <= institutions
    ccas = Place.objects.get(slug="ccas-de-reze")
    assert ccas.aids.filter(slug="fonds-de-solidarite-pour-le-logement").exists() and ccas.phone
    assert Place.objects.get(slug="secours-solidaire-rezeen").association.slug == "secours-solidaire-rezeen"


def test_a_second_run_keeps_an_agents_edit():
    load_people()
    load_rights()
    Aid.objects.filter(slug="rsa").update(title="RSA (revu par la mairie)")
    load_rights()
    assert Aid.objects.get(slug="rsa").title == "RSA (revu par la mairie)"


def test_the_demo_command_loads_the_guide(settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Aid.objects.count() >= 20
