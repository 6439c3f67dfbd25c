"""Static files as production serves them: compressed when the browser asks, cache-busted by hashed names.

Tests read static files from the finders (settings_test); here the production storage runs
collectstatic into a temporary STATIC_ROOT, and WhiteNoise serves only what it wrote, as in the image.
"""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=root, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def production(collected):
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=collected, WHITENOISE_USE_FINDERS=False):
        yield Client()  # a new client: WhiteNoise reads STATIC_ROOT when the middleware is built


@pytest.mark.django_db
def test_the_map_page_gets_leaflet_compressed_under_a_hashed_name(production):
    page = production.get("/commerces/carte/").content.decode()
    script = re.search(r'src="(/static/leaflet/leaflet\.[0-9a-f]{12}\.js)"', page)
    assert script, "the map page does not reference Leaflet by a hashed name"
    assert re.search(r'href="/static/leaflet/leaflet\.[0-9a-f]{12}\.css"', page)

    plain = production.get(script.group(1))
    raw = b"".join(plain.streaming_content)
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    assert len(raw) > 140_000  # Leaflet 1.x, 146,715 bytes

    zipped = production.get(script.group(1), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    body = b"".join(zipped.streaming_content)
    assert zipped["Content-Encoding"] in ("gzip", "br")
    assert len(body) < 50_000, f"{len(body)} bytes sent for Leaflet"
    if zipped["Content-Encoding"] == "gzip":
        assert gzip.decompress(body) == raw
    # Hashed names never change content: browsers may keep them for good.
    assert "immutable" in zipped["Cache-Control"]


@pytest.mark.django_db
def test_the_site_stylesheet_is_hashed_and_compressed(production):
    page = production.get("/").content.decode()
    sheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert sheet, "the home page does not reference the site stylesheet by a hashed name"
    zipped = production.get(sheet.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
