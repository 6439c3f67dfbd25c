import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "accessibility", "legal", "privacy"])
def test_public_pages_render_in_french_with_landmarks(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html
    assert "<main" in html and 'role="banner"' in html and 'role="contentinfo"' in html


@pytest.mark.django_db
def test_pages_load_nothing_from_another_host(client):
    html = client.get(reverse("home")).content.decode()
    for marker in ('src="http', "src='http", 'href="http', "//cdn", "fonts.googleapis"):
        assert marker not in html
