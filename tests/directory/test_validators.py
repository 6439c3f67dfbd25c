import pytest
from django.core.exceptions import ValidationError

from associations.directory.validators import validate_opening_hours, validate_rna, validate_siret


@pytest.mark.parametrize("value", ["W443001234", "w443001234", "W 443 001 234"])
def test_it_accepts_rna_numbers(value):
    validate_rna(value)


@pytest.mark.parametrize("value", ["W12345678", "443001234", "X443001234", "W4430012345", ""])
def test_it_rejects_malformed_rna_numbers_in_french(value):
    with pytest.raises(ValidationError) as error:
        validate_rna(value)
    assert "W suivi de 9 chiffres" in error.value.messages[0]


def test_it_accepts_a_siret_with_a_valid_luhn_key():
    validate_siret("73282932000074")


def test_it_names_a_wrong_siret_checksum():
    with pytest.raises(ValidationError) as error:
        validate_siret("73282932000075")
    assert "clé de contrôle" in error.value.messages[0]


def test_it_names_a_short_siret():
    with pytest.raises(ValidationError) as error:
        validate_siret("7328293200")
    assert "14 chiffres" in error.value.messages[0]


def test_it_names_letters_in_a_siret():
    with pytest.raises(ValidationError) as error:
        validate_siret("7328293200007A")
    assert "chiffres" in error.value.messages[0]


@pytest.mark.parametrize("value", ["Mo-Fr 09:00-12:00", "Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off", ""])
def test_it_accepts_osm_opening_hours(value):
    validate_opening_hours(value)


@pytest.mark.parametrize("value", ["lundi 9h-12h", "Mo-Fr 25:00-26:00", "Mo-Fr 09:00-"])
def test_it_explains_invalid_opening_hours(value):
    with pytest.raises(ValidationError) as error:
        validate_opening_hours(value)
    message = error.value.messages[0]
    assert value in message and "OpenStreetMap" in message
