"""The base layout: French by default with an English switch, accessible, nothing from another host."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.helpers import plain, text

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "accessibility",
    "legal",
    "privacy",
    "accounts:login",
    "accounts:sign_up",
    "accounts:password_reset",
]
# The guide of aids and the points d'accueil (solidarite/rights): the same structural checks as the pages
# above. Not yet in the English check: their English catalogue entries come with the next catalog refresh.
RIGHTS_PAGES = ["rights:aids", "rights:places"]
PRIVATE_PAGES = [
    "accounts:profile",
    "accounts:my_data",
    "accounts:password_change",
    "notifications:list",
    "rights:my_appointments",
]
FORM_PAGES = ["accounts:login", "accounts:sign_up", "accounts:password_reset"]


class Page(HTMLParser):
    """What the accessibility checks need from a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.scripts_with_body = 0
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts_with_body += 1

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def page_of(response) -> Page:
    assert response.status_code == 200, response.status_code
    return Page(response.content.decode())


@pytest.fixture
def signed_in(client_for, user):
    return client_for(user)


@pytest.fixture
def client_for_page(client, signed_in):
    """Public pages as a visitor sees them (sign-in pages send signed-in people home), the others signed in."""
    return lambda name: signed_in if name in PRIVATE_PAGES or name == "api:docs" else client


@pytest.mark.parametrize("name", PUBLIC_PAGES + RIGHTS_PAGES)
def test_public_pages_are_french_with_skip_link_and_landmarks(client, name):
    response = client.get(reverse(name))
    page = page_of(response)
    html = response.content.decode()
    assert '<html lang="fr">' in html
    skip = page.all("a")[0]
    assert skip == {"class": "skip-link", "href": "#contenu"}
    assert [attrs.get("id") for attrs in page.all("main")] == ["contenu"]
    assert page.all("header")[0].get("role") == "banner"
    assert page.all("footer")[0].get("role") == "contentinfo"
    assert page.all("nav")[0].get("aria-label") == "Menu principal"
    assert page.all("meta")[1] == {"name": "viewport", "content": "width=device-width, initial-scale=1"}


@pytest.mark.parametrize("name", PUBLIC_PAGES + RIGHTS_PAGES + PRIVATE_PAGES)
def test_headings_start_at_one_h1_and_skip_no_level(client_for_page, name):
    headings = page_of(client_for_page(name).get(reverse(name))).headings
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False)), headings


@pytest.mark.parametrize(
    "name", FORM_PAGES + ["accounts:profile", "accounts:my_data", "accounts:password_change", "rights:aids"]
)
def test_every_form_field_has_a_label(client_for_page, name):
    response = client_for_page(name).get(reverse(name))
    page = page_of(response)
    labelled = {attrs.get("for") for attrs in page.all("label")}
    fields = [
        attrs
        for tag, attrs in page.tags
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit")
    ]
    assert fields
    assert [f.get("name") for f in fields if f.get("id") not in labelled] == []


def test_errors_are_announced_and_linked_to_their_field(client):
    response = client.post(reverse("accounts:sign_up"), {"display_name": "", "email": "x", "password": ""})
    assert response.status_code == 400
    page = Page(response.content.decode())
    email = next(attrs for attrs in page.all("input") if attrs.get("name") == "email")
    assert email["aria-invalid"] == "true"
    assert email["aria-describedby"] == "id_email_error"
    password = next(attrs for attrs in page.all("input") if attrs.get("name") == "password")
    # The help text and the error are both read out with the field.
    assert password["aria-describedby"] == "id_password_helptext id_password_error"
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "Saisissez une adresse e-mail valide." in text(response)


def test_a_form_with_errors_opens_on_a_focused_summary_that_links_each_field(client):
    response = client.post(reverse("accounts:sign_up"), {"display_name": "", "email": "x", "password": ""})
    page = Page(response.content.decode())
    [summary] = [attrs for attrs in page.all("div") if "error-summary" in attrs.get("class", "")]
    # Read out at once, and focused on load: by autofocus without JavaScript, by static/js/forms.js after "#contenu".
    assert summary["role"] == "alert" and summary["tabindex"] == "-1" and "autofocus" in summary
    links = [attrs["href"] for attrs in page.all("a") if attrs.get("href", "").startswith("#id_")]
    assert links == ["#id_display_name", "#id_email", "#id_password"]
    assert "Adresse e-mail : Saisissez une adresse e-mail valide." in plain(text(response))
    assert any(attrs.get("src") == "/static/js/forms.js" for attrs in page.all("script"))


def test_an_error_of_the_whole_form_is_in_the_summary_too(client):
    response = client.post(reverse("accounts:login"), {"username": "a@b.fr", "password": "nope-nope-nope"})
    assert response.status_code == 400
    summary = re.search(r'<div class="form-errors error-summary".*?</div>', text(response), re.S).group(0)
    assert "Ce formulaire n'a pas été envoyé : corrigez ce qui suit." in plain(summary)
    assert "Adresse e-mail ou mot de passe incorrect" in summary


def test_a_form_without_errors_has_no_summary(client):
    assert "error-summary" not in client.get(reverse("accounts:sign_up")).content.decode()


def test_the_error_summary_reads_in_english(client):
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(reverse("accounts:sign_up"), {"display_name": "", "email": "x", "password": ""})
    assert "This form was not sent: please correct the following." in text(response)
    assert "E-mail address: Enter a valid email address." in text(response)


def test_the_stylesheet_shows_focus_and_reveals_the_skip_link(client):
    css = b"".join(client.get("/static/css/site.css").streaming_content).decode()
    assert re.search(r":focus-visible\s*{[^}]*outline:\s*3px solid", css)
    # inset-inline-start: the left edge, or the right one on a right-to-left page (Arabic).
    assert re.search(r"\.skip-link:focus\s*{[^}]*inset-inline-start:\s*0", css)


def test_the_english_switch_translates_the_site_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("legal")})
    assert response.status_code == 302 and response.url == reverse("legal")

    english = text(client.get(reverse("home")))
    assert '<html lang="en">' in english
    for phrase in ("Skip to content", "Sign in", "Create an account", "What you can do here", "Legal notice"):
        assert phrase in english
    for phrase in ("Aller au contenu", "Se connecter", "Créer un compte", "Ce que vous pouvez faire ici"):
        assert phrase not in english
    assert '<button type="submit" name="language" value="fr" lang="fr">Français</button>' in english

    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert '<html lang="fr">' in text(client.get(reverse("home")))


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_foundation_page_reads_in_english(client, name):
    client.post(reverse("set_language"), {"language": "en"})
    page = text(client.get(reverse(name)))
    assert '<html lang="en">' in page
    assert not re.search(r"\b(Vous|vous|Votre|votre|Mot de passe|Accueil)\b", page)


def test_the_english_form_errors_are_english(client):
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(reverse("accounts:login"), {"username": "a@b.fr", "password": "nope-nope-nope"})
    assert response.status_code == 400
    assert "Wrong e-mail address or password." in text(response)


@pytest.mark.parametrize("name", PUBLIC_PAGES + RIGHTS_PAGES + PRIVATE_PAGES + ["api:docs"])
def test_pages_load_nothing_from_another_host(client_for_page, name):
    response = client_for_page(name).get(reverse(name))
    page = page_of(response)
    for tag, attrs in page.tags:
        for attribute in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(attribute) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, attribute, value)
    assert "url(http" not in response.content.decode() and "@import" not in response.content.decode()


def test_the_stylesheet_loads_nothing_from_another_host(client):
    css = b"".join(client.get("/static/css/site.css").streaming_content).decode()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css) and "@import" not in css


@pytest.mark.parametrize("name", PUBLIC_PAGES + RIGHTS_PAGES + PRIVATE_PAGES)
def test_pages_have_no_inline_script(client_for_page, name):
    page = page_of(client_for_page(name).get(reverse(name)))
    assert page.scripts_with_body == 0
    assert all(script.get("src", "").startswith("/static/") for script in page.all("script"))
    handlers = [(tag, a) for tag, attrs in page.tags for a in attrs if a.startswith("on")]
    assert handlers == []


def test_the_accessibility_statement(client):
    page = text(client.get(reverse("accessibility")))
    for phrase in (
        "Déclaration d'accessibilité",
        "partiellement conforme",
        "RGAA), version 4.1",
        "article 47 de la loi n° 2005-102",
        "Contenus non accessibles",
        "Voies de recours",
        "Défenseur des droits",
        "Rezé",
    ):
        assert phrase in page, phrase


@pytest.mark.parametrize("name", PUBLIC_PAGES + RIGHTS_PAGES)
def test_every_page_links_the_statement_and_legal_pages(client, name):
    html = client.get(reverse(name)).content.decode()
    for target in ("accessibility", "legal", "privacy"):
        assert f'href="{reverse(target)}"' in html


def test_the_home_page_says_what_the_platform_is_for(client):
    page = text(client.get(reverse("home")))
    assert "La maison des associations virtuelle de Rezé" in page
    assert "Demander ou proposer de l'aide" in page


def test_the_privacy_page_links_my_data_for_a_signed_in_person(client, signed_in):
    assert reverse("accounts:my_data") in signed_in.get(reverse("privacy")).content.decode()
    assert reverse("accounts:my_data") not in client.get(reverse("privacy")).content.decode()
