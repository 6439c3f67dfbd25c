"""The SCDL « subventions » 2.1.1 export, checked against the schema's own rules."""

import csv
import html
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from stdnum.fr import siret

from associations.support import decisions
from tests.factories import UserFactory
from tests.support.conftest import TEST_TOWN_SIRET
from tests.support.factories import AssociationFactory, EnvelopeFactory, SupportRequestFactory

SCDL_COLUMNS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
]
REQUIRED = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "notificationUE",
    "pourcentageSubvention",
]
NATURES = {
    "aide en numéraire",
    "aide en nature",
    "aide en numéraire;aide en nature",
    "aide en nature;aide en numéraire",
}
PERIOD = re.compile(r"^[0-9]{4}\-[0-9]{2}\-[0-9]{2}(\/[0-9]{4}\-[0-9]{2}\-[0-9]{2})?$")


def assert_valid_scdl_row(row):
    for column in REQUIRED:
        assert row[column] != "", column
    assert re.fullmatch(r"\d{14}", row["idAttribuant"])
    date.fromisoformat(row["dateConvention"])
    assert row["idBeneficiaire"] or row["rnaBeneficiaire"], "one of idBeneficiaire / rnaBeneficiaire"
    if row["idBeneficiaire"]:
        assert re.fullmatch(r"\d{14}", row["idBeneficiaire"])
    if row["rnaBeneficiaire"]:
        assert re.fullmatch(r"W\d{9}", row["rnaBeneficiaire"])
    assert len(row["objet"]) < 256
    assert re.fullmatch(r"\d+(\.\d+)?", row["montant"]) and Decimal(row["montant"]) > 0
    assert row["nature"] in NATURES
    assert row["conditionsVersement"] in ("unique", "échelonné") or 0 < len(row["conditionsVersement"]) < 256
    assert PERIOD.match(row["datesPeriodeVersement"])
    for part in row["datesPeriodeVersement"].split("/"):
        date.fromisoformat(part)
    assert len(row["idRAE"]) < 5
    assert row["notificationUE"] in ("oui", "non")
    assert 0.01 <= float(row["pourcentageSubvention"]) <= 1


def read(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def granted(reviewer, association, amount, **extra):
    request = SupportRequestFactory(association=association, state="in_review", amount_requested=Decimal(amount))
    envelope = EnvelopeFactory(dispositif_aide="65d5b6c7-102c-4440-ac3b-768f708edc0a")
    decisions.grant(
        support_request=request,
        by=reviewer,
        envelope=envelope,
        amount=Decimal(amount),
        decision_reference=f"2026-DEL-{request.pk}",
        **extra,
    )
    return request


def test_granted_money_is_published_in_scdl_format(client, reviewer, settings):
    settings.TOWN_SIRET = TEST_TOWN_SIRET
    with_rna = AssociationFactory(rna="W443001234", siret="")
    with_siret = AssociationFactory(rna="", siret="73282932000074", name="Épicerie sociale « Le Panier »")
    today = date.today()
    granted(reviewer, with_rna, "1500.00", payment_start=today)
    granted(
        reviewer,
        with_siret,
        "800.50",
        payment_terms="échelonné",
        payment_start=date(today.year, 1, 1),
        payment_end=date(today.year, 6, 30),
    )
    # Not published: refused, in kind, in review.
    SupportRequestFactory(association=with_rna, state="refused")
    SupportRequestFactory(association=with_rna, state="in_review")

    response = client.get(reverse("scdl_subventions"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = read(response)
    assert list(rows[0].keys()) == SCDL_COLUMNS
    assert len(rows) == 2
    for row in rows:
        assert_valid_scdl_row(row)
    by_name = {row["nomBeneficiaire"]: row for row in rows}
    first = by_name[with_rna.name]
    assert (first["idAttribuant"], first["rnaBeneficiaire"], first["idBeneficiaire"]) == (
        TEST_TOWN_SIRET,
        "W443001234",
        "",
    )
    assert first["montant"] == "1500.00" and first["conditionsVersement"] == "unique"
    second = by_name["Épicerie sociale « Le Panier »"]
    assert second["idBeneficiaire"] == "73282932000074" and second["montant"] == "800.50"
    assert second["conditionsVersement"] == "échelonné"
    assert second["datesPeriodeVersement"] == f"{today.year}-01-01/{today.year}-06-30"
    assert second["dispositifAide"] == "65d5b6c7-102c-4440-ac3b-768f708edc0a"


def test_an_invalid_beneficiary_siret_falls_back_to_the_rna(client, reviewer, settings):
    settings.TOWN_SIRET = TEST_TOWN_SIRET
    association = AssociationFactory(rna="W443009999", siret="12345678900000")  # fails the Luhn check
    granted(reviewer, association, "100.00")
    (row,) = read(client.get(reverse("scdl_subventions")))
    assert row["idBeneficiaire"] == "" and row["rnaBeneficiaire"] == "W443009999"
    assert_valid_scdl_row(row)


@pytest.mark.parametrize("value", ["", "12345678901234", "2144"])
def test_without_a_valid_town_siret_nothing_is_published(client, db, settings, value):
    settings.TOWN_SIRET = value
    response = client.get(reverse("scdl_subventions"))
    assert response.status_code == 503 and "TOWN_SIRET" in response.content.decode()


def test_the_test_siret_is_luhn_valid():
    assert siret.is_valid(TEST_TOWN_SIRET)


# Issue 13, smaller items: say why nothing is published, and publish each grant as it was decided.


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("", "n'est pas renseigné"),
        ("   ", "n'est pas renseigné"),
        ("2144", "doit compter 14 chiffres"),
        ("2144O14320OO15", "ne doit contenir que des chiffres"),
        ("12345678901234", "clé de contrôle"),
    ],
)
def test_a_missing_and_an_invalid_town_siret_are_told_apart(client, reviewer, client_for, settings, value, says):
    settings.TOWN_SIRET = value
    response = client.get(reverse("scdl_subventions"))
    text = response.content.decode()
    assert response.status_code == 503 and says in text and "TOWN_SIRET" in text
    assert ("invalide" in text) == bool(value.strip())
    envelopes = client_for(reviewer).get(reverse("support:envelopes")).content.decode()
    assert says in html.unescape(envelopes)


def test_a_grant_is_published_as_the_beneficiary_was_at_the_decision(client, reviewer, settings):
    settings.TOWN_SIRET = TEST_TOWN_SIRET
    association = AssociationFactory(name="Les Amis du Ragon", rna="W443001234", siret="")
    granted(reviewer, association, "300.00")
    # Later, the page gets a SIRET and another name: the past grant must not change in the published file.
    association.name, association.siret, association.rna = "Ragon Solidaire", "73282932000074", ""
    association.save()
    granted(reviewer, association, "200.00")

    rows = read(client.get(reverse("scdl_subventions")))

    assert [(r["nomBeneficiaire"], r["idBeneficiaire"], r["rnaBeneficiaire"], r["montant"]) for r in rows] == [
        ("Les Amis du Ragon", "", "W443001234", "300.00"),
        ("Ragon Solidaire", "73282932000074", "", "200.00"),
    ]
    for row in rows:
        assert_valid_scdl_row(row)


def test_grants_decided_before_the_record_are_filled_from_the_association(db):
    """Migration support.0003: existing grants get the association's current identity."""
    from importlib import import_module

    from django.apps import apps

    from associations.support.models import Grant

    record = import_module("associations.support.migrations.0003_grant_beneficiary_at_decision").record_beneficiaries
    reviewer = UserFactory(staff=True)
    association = AssociationFactory(name="Épicerie du Château", rna="w443001235", siret="")
    granted(reviewer, association, "120.00")
    Grant.objects.update(beneficiary_name="", beneficiary_siret="", beneficiary_rna="")

    record(apps, None)

    grant = Grant.objects.get()
    assert (grant.beneficiary_name, grant.beneficiary_siret, grant.beneficiary_rna) == (
        "Épicerie du Château",
        "",
        "W443001235",
    )
