"""Leaflet (150 KB) is sent only with a map, and its buttons speak the page's language."""

import pytest

WITHOUT_MAP = ["/", "/associations/", "/commerces/", "/acces-aux-droits/", "/salles/", "/compte/connexion/"]
WITH_MAP = ["/commerces/carte/", "/associations/?vue=carte", "/entraide/", "/entraide/propositions/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", WITHOUT_MAP)
def test_pages_without_a_map_do_not_load_leaflet(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "leaflet" not in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize("path", WITH_MAP)
def test_pages_with_a_map_load_leaflet_and_its_french_zoom_titles(client, path):
    page = client.get(path).content.decode()
    assert "leaflet/leaflet.js" in page and "leaflet/leaflet.css" in page
    assert 'data-zoom-in="Zoom avant"' in page and 'data-zoom-out="Zoom arrière"' in page


@pytest.mark.django_db
def test_the_map_picker_brings_leaflet_and_the_list_of_ones_posts_does_not(client_for, user):
    client = client_for(user)
    assert "leaflet/leaflet.js" in client.get("/entraide/demander/").content.decode()
    assert "leaflet" not in client.get("/entraide/mes-annonces/").content.decode().lower()
