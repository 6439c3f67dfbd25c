"""The export follows the data·inclusion v1 "structure" schema; its rules are restated here."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from associations.directory.models import Association
from tests.directory.factories import AssociationFactory

pytestmark = pytest.mark.django_db

REQUIRED = {"source", "id", "nom", "description", "date_maj"}
PATTERNS = {
    "siret": r"^\d{14}$",
    "rna": r"^W\d{9}$",
    "code_postal": r"^\d{5}$",
    "code_insee": r"^\w{5}$",
    "telephone": r"^\+\d{8,15}$",
    "courriel": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "site_web": r"^https?://",
    "lien_source": r"^https?://",
}


def check_structure(row):
    for name in REQUIRED:
        assert row.get(name), f"{name} is required"
    assert 3 <= len(row["nom"]) <= 150 and not row["nom"].endswith(".")
    assert 50 <= len(row["description"]) <= 2000
    dt.date.fromisoformat(row["date_maj"])
    assert row["id"].startswith(row["source"] + "--")
    for name, pattern in PATTERNS.items():
        if row.get(name) not in (None, ""):
            assert re.match(pattern, str(row[name])), f"{name}={row[name]!r}"
    for name in ("latitude", "longitude"):
        assert row[name] is None or isinstance(row[name], float)
    assert isinstance(row["reseaux_porteurs"], list)


@pytest.fixture
def associations():
    full = AssociationFactory(
        name="Épicerie solidaire.",
        siret="73282932000074",
        phone="02 40 84 43 00",
        email="contact@epicerie-reze.fr",
        website="https://epicerie-reze.fr",
        opening_hours="Tu,Fr 14:00-17:00",
        latitude=47.18,
        longitude=-1.55,
    )
    full.tags.set(["alimentation"])
    short = AssociationFactory(name="Jeux", purpose="Jeux de société", phone="bientôt", rna="")
    AssociationFactory(name="En attente", status=Association.Status.PENDING)
    AssociationFactory(name="Masquée", hidden=True)
    return full, short


def test_json_export_follows_the_schema(client, associations):
    full, short = associations
    response = client.get(reverse("directory:structures_json"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    rows = response.json()
    assert [row["id"] for row in rows] == [f"solidarite-reze--{full.pk}", f"solidarite-reze--{short.pk}"]
    for row in rows:
        check_structure(row)
    first = rows[0]
    assert first["nom"] == "Épicerie solidaire" and first["telephone"] == "+33240844300"
    assert first["code_insee"] == "44143" and first["horaires_accueil"] == "Tu,Fr 14:00-17:00"
    assert first["lien_source"].endswith(full.get_absolute_url())
    assert rows[1]["telephone"] is None and rows[1]["rna"] is None
    assert rows[1]["description"].startswith("Jeux de société — Association de Rezé")


def test_csv_export_has_the_same_rows(client, associations):
    response = client.get(reverse("directory:structures_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    for row in rows:
        check_structure(
            {
                **{k: (v or None) for k, v in row.items()},
                "latitude": float(row["latitude"]) if row["latitude"] else None,
                "longitude": float(row["longitude"]) if row["longitude"] else None,
                "reseaux_porteurs": [x for x in row["reseaux_porteurs"].split("|") if x],
            }
        )
