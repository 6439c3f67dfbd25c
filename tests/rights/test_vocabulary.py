"""The guide speaks data·inclusion v1: its codes are the schema's, whatever version the lock pins."""

from data_inclusion.schema.v1 import Public as DIPublic
from data_inclusion.schema.v1 import Thematique, TypeService

from solidarite.rights.vocabulary import CATEGORIES, DATA_INCLUSION_PUBLICS, THEMATIQUE_LABELS, AidKind


def test_the_thematiques_are_exactly_the_schemas_with_its_labels():
    assert {code: str(label) for code, label in THEMATIQUE_LABELS.items()} == {t.value: t.label for t in Thematique}


def test_each_thematique_sits_in_its_category():
    for category, _label, subs in CATEGORIES:
        assert subs and all(code.startswith(category + "--") for code, _sub in subs)


def test_publics_and_kinds_map_to_schema_values():
    assert {code for code in DATA_INCLUSION_PUBLICS.values() if code} <= {p.value for p in DIPublic}
    assert set(AidKind.values) <= {t.value for t in TypeService}
