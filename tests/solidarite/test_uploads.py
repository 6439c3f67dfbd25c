"""The shared upload check: the content decides the format, within the formats the caller accepts."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarite import uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def check(name, content, **kwargs):
    options = {"accepted": uploads.IMAGES, "max_bytes": 1000, "refused": "Images seulement."} | kwargs
    return uploads.check_upload(SimpleUploadedFile(name, content), **options)


def test_the_format_comes_from_the_first_bytes():
    assert uploads.sniff(PNG) == "image/png"
    assert uploads.sniff(b"%PDF-1.7") == "application/pdf"
    assert uploads.sniff(b"%PDF-1.7", uploads.IMAGES) is None
    assert uploads.sniff(b"MZ\x90\x00") is None


def test_a_format_the_caller_does_not_accept_gets_its_message():
    with pytest.raises(ValidationError) as error:
        check("plan.pdf", b"%PDF-1.7 a document")
    assert error.value.messages == ["Images seulement."] and error.value.code == "format"


def test_the_extension_must_match_the_content_unless_the_caller_renames_the_file():
    with pytest.raises(ValidationError, match="extension « .jpg »"):
        check("salle.jpg", PNG)
    assert check("salle.jpg", PNG, match_extension=False) == "image/png"


def test_size_limits_and_empty_files_are_refused_in_french():
    with pytest.raises(ValidationError, match="au plus"):
        check("salle.png", PNG + b"0" * 2000)
    with pytest.raises(ValidationError, match="vide"):
        check("salle.png", b"")


def test_a_safe_name_keeps_no_path_nor_odd_characters_and_takes_the_real_extension():
    assert uploads.safe_name("../../Été à Rezé.JPG", "image/png") == "Ete-a-Reze.png"
    assert uploads.safe_name("!!!.pdf", "application/pdf", fallback="piece") == "piece.pdf"
