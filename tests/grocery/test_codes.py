"""Access codes: typed by people at a till, so forgiving in form and strict in content."""

import pytest

from solidarite.grocery import codes


def test_a_code_is_two_groups_of_five_without_ambiguous_letters():
    drawn = {codes.generate() for _ in range(200)}
    assert len(drawn) == 200
    for code in drawn:
        assert len(code) == 11 and code[5] == "-"
        assert not set(code.replace("-", "")) & set("ILOU")


def test_what_people_type_is_read_as_the_code():
    code = codes.generate()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert codes.digest(typed) == codes.digest(code)
    assert codes.normalize(code) == code.replace("-", "")


def test_something_that_cannot_be_a_code_has_no_digest():
    assert codes.digest("") == ""
    assert codes.digest("ABC") == ""
    assert codes.digest("ABCDE-FGHJKM") == ""  # 11 symbols
    assert codes.digest("ABCDE-FGH\u00e9K") == ""


def test_only_a_keyed_hash_is_stored():
    code = codes.generate()
    assert codes.normalize(code) not in codes.digest(code)
    assert len(codes.digest(code)) == 64


def test_a_code_stored_before_a_key_rotation_is_still_found(settings, db):
    from solidarite.grocery import services
    from tests.grocery.factories import make_grocery, orient

    orientation, code = orient(make_grocery())
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "n" * 60, [old]
    assert services.find_household(code, who="test") == orientation.household
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(services.GroceryError):
        services.find_household(code, who="test")
