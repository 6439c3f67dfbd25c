"""The shops pages speak English when asked, and the catalogue leaves nothing untranslated."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.shops.factories import ShopFactory

PO = Path(__file__).resolve().parents[2] / "solidarite" / "shops" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_english_translation():
    text = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = text.split("\n\n")[1:]
    empty = [
        e
        for e in entries
        if re.search(r'^msgstr(\[\d\])? ""\Z', e.strip().split("\n")[-1]) and '\n"' not in e.split("msgstr", 1)[1]
    ]
    assert empty == []


@pytest.mark.django_db
def test_list_and_shop_pages_in_english(client):
    shop = ShopFactory(name="Le Fournil", kind="boulangerie", opening_hours="24/7")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("shops:list")).text
    assert "Local shops" in html and "bakery" in html and "Open now" in html
    page = client.get(shop.get_absolute_url()).text
    assert "Practical information" in page
