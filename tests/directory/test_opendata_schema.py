"""The data·inclusion export validated by the standard's own package (``data-inclusion-schema``, v1 Structure),
over the demo data and over fuzzed contact details (issue 13, item 7).

The fuzzing goes through the model's own checks, the ones the services run for the pages and the API
(``full_clean``): whatever they accept, the exported record must validate; what they refuse never reaches it.
"""

import datetime as dt

import pytest
from data_inclusion.schema import v1
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains, urls

from associations.directory import opendata
from associations.directory.models import Association
from tests.directory.factories import AssociationFactory

pytestmark = pytest.mark.django_db

# The standard's strict reading: its warnings (a name ending with a dot…) count as errors here.
STRICT = {"ignore_warnings": False}


def assert_valid_structure(record: dict) -> v1.Structure:
    return v1.Structure.model_validate(record, context=STRICT)


def exported(association) -> dict | None:
    association.tag_list = list(association.tags.all()) if association.pk else []
    return opendata.structure(association)


def test_every_demo_association_is_exported_and_valid(mailoutbox):
    from associations.directory import demo
    from solidarite.accounts import demo as accounts_demo

    accounts_demo.load_people()
    demo.load_directory()
    verified = Association.objects.listed().filter(status=Association.Status.VERIFIED).count()
    records = opendata.structures()

    assert verified >= 3 and len(records) == verified
    for record in records:
        assert_valid_structure(record)
    assert any(record["telephone"] for record in records)
    assert any(record["courriel"] for record in records)


def test_the_json_endpoint_serves_valid_structures(client):
    AssociationFactory(
        phone="02 40 75 12 34", email="contact@asso.fr", website="https://asso.fr", siret="73282932000074"
    )
    body = client.get("/associations/donnees/structures.json").json()
    assert len(body) == 1
    assert_valid_structure(body[0])


def test_rows_written_before_the_rules_leave_the_file_valid():
    """An old row (or a bulk write) that holds refused values: those fields are left out, not the file broken."""
    association = AssociationFactory(postal_code="4440", email="a@localhost", website="ftp://x.fr", phone="bientôt")
    record = exported(association)
    assert (record["code_postal"], record["courriel"], record["site_web"], record["telephone"]) == (None,) * 4
    assert_valid_structure(record)


# Values people type: plausible ones (from the standard formats' own strategies) and arbitrary text.
phones = st.one_of(
    st.from_regex(r"\A(\+33 ?|0033 ?|0)[1-9]([ .\-]?[0-9]{2}){4}\Z"),
    st.from_regex(r"\A\+?[0-9 .()\-]{4,20}\Z"),
    st.text(max_size=20),
)
postal_codes = st.one_of(st.from_regex(r"\A44[0-9]{3}\Z"), st.from_regex(r"\A[0-9]{5}\Z"), st.text(max_size=5))
emails = st.one_of(
    st.emails(),
    st.builds(lambda local, domain: f"{local}@{domain}", st.from_regex(r"\A[a-z0-9._+\-]{1,20}\Z"), domains()),
    st.text(max_size=40),
)
websites = st.one_of(urls(), st.builds(lambda d: f"https://{d}", domains()), st.text(max_size=40))
names = st.text(min_size=1, max_size=200)


CHECKED = ("phone", "postal_code", "email", "website", "name")


def _keep_what_the_model_accepts(association) -> set[str]:
    """Run the model's checks; blank each field they refuse (so one bad value does not waste the others)."""
    refused = set()
    for _attempt in range(2):
        try:
            association.full_clean(exclude=["slug", "search_text"], validate_unique=False)
        except ValidationError as error:
            fields = set(error.message_dict) & set(CHECKED)
            assert fields, error.message_dict  # only the fuzzed fields may be refused
            for field in fields:
                setattr(association, field, "Association fuzz" if field == "name" else "")
            refused |= fields
        else:
            return refused
    raise AssertionError("blanking the refused fields must satisfy the model")


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phone=phones, postal_code=postal_codes, email=emails, website=websites, name=names)
@example(phone="02 40 75 12 34", postal_code="4440", email="a@b.fr", website="https://a.fr", name="Asso.")
@example(phone="+262 692 12 34 56", postal_code="٤٤٤٠٠", email="a@localhost", website="ftp://x.fr", name="Les…")
@example(phone="0692123456", postal_code="44400", email="é@exämple.fr", website="http://x.fr:99999", name="AB.")
def test_whatever_the_model_accepts_exports_as_a_valid_structure(phone, postal_code, email, website, name):
    association = Association(
        pk=1,
        slug="fuzz",
        name=name,
        rna="W443001234",
        purpose="Entraide entre voisins du quartier, ateliers et sorties ouverts à toutes et tous.",
        phone=phone,
        postal_code=postal_code,
        email=email,
        website=website,
        city="Rezé",
        status=Association.Status.VERIFIED,
        updated_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    refused = _keep_what_the_model_accepts(association)
    event(f"refused: {', '.join(sorted(refused)) or 'none'}")
    record = exported(association)
    if record is None:  # a name the schema cannot hold (fewer than 3 characters once trimmed): not exported
        return
    assert_valid_structure(record)
    # Nothing accepted is silently dropped from the record.
    assert record["code_postal"] == (association.postal_code or None)
    assert record["courriel"] == (association.email or None)
    assert record["site_web"] == (association.website or None)
    assert (record["telephone"] is None) == (not association.phone)
