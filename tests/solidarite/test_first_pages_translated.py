"""The pages a newcomer meets first are whole in each added language: no French string left on them.

Arabic (docs/decisions.md) is complete for these pages only: home, sign-up and sign-in, asking for help
(the form, its errors, the published request), the guide of aids (list, search, an aid) and booking at a
permanence (slots, the form, its errors, the appointment, one's appointments), with the header, menus,
footer and messages around them. Other pages may still show French until their strings are translated.

Each page is rendered, through LocaleMiddleware as a person gets it, with the language's translation
replaced by a recorder: every gettext/ngettext/pgettext call whose msgid the language's catalogs (ours
and Django's, merged) lack is a miss, and a page with a miss fails with the msgids to translate. Text
people wrote (an aid's description, a request) stays in French, marked lang="fr".
"""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from solidarite.accounts.models import User
from solidarite.places.models import Quartier
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.help.factories import category
from tests.rights.factories import free_starts, make_aid, make_permanence, make_place

pytestmark = pytest.mark.django_db

# The languages whose catalogs must cover these pages. English is complete for every page
# (tests/solidarite/test_translations.py): add it here too once its catalog holds the guide's note.
LANGUAGES = ["ar"]


# Latin letters a page in the language may show outside text marked lang="fr": besides the names of
# people, quartiers and the town (proper nouns, see allowed_latin), the French acronyms of the offices a
# newcomer deals with (written so on their letters and doors), the département's name, and the search
# examples of the guide, which are French words because the aids are written in French.
ACRONYMS_AND_PLACES = {"API", "CAF", "CCAS", "RSA", "Loire", "Atlantique"}
FRENCH_SEARCH_EXAMPLES = {"logement", "energie"}


def allowed_latin() -> set[str]:
    names = [settings.TOWN_NAME, *Quartier.objects.values_list("name", flat=True)]
    names += User.objects.values_list("display_name", flat=True)
    words = {word for name in names for word in re.findall(r"[A-Za-zÀ-ÿ]{3,}", name)}
    return words | ACRONYMS_AND_PLACES | FRENCH_SEARCH_EXAMPLES


class MissRecorder:
    """A language's translation that notes each msgid its catalogs lack, and otherwise translates as usual."""

    def __init__(self, language: str):
        self.real = trans_real.DjangoTranslation(language)  # fresh: reads the .mo files as they are now
        self.misses: set[str] = set()

    def _note(self, key, msgid: str) -> None:
        if msgid and key not in self.real._catalog:
            self.misses.add(msgid.replace("\x04", " | context: "))

    def gettext(self, message):
        self._note(message, message)
        return self.real.gettext(message)

    def ngettext(self, singular, plural, number):
        self._note((singular, 0), singular)
        return self.real.ngettext(singular, plural, number)

    def __getattr__(self, name):  # to_language, plural, info…: the real translation's
        return getattr(self.real, name)


@pytest.fixture(params=LANGUAGES)
def recorder(request, monkeypatch):
    """The language, recording; activate() (LocaleMiddleware's, override()'s) hands this object out."""
    recording = MissRecorder(request.param)
    monkeypatch.setitem(trans_real._translations, request.param, recording)
    yield recording
    translation.activate("fr")


def visit(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def assert_translated(recorder, page_name, response, status=200):
    assert response.status_code == status, (page_name, response.status_code)
    html = response.content.decode()
    code = recorder.real.to_language()
    assert f'<html lang="{code}"' in html, page_name
    missing = sorted(recorder.misses)
    recorder.misses.clear()
    assert missing == [], f"{page_name}: no {code} translation for {missing}"
    return html


class LatinText(HTMLParser):
    """The words in Latin letters a page shows outside elements marked as French (lang="fr")."""

    SKIP = {"script", "style", "title"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: is its text exempt?
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        exempt = (self.stack and self.stack[-1]) or tag in self.SKIP or attributes.get("lang") in {"fr", "en"}
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source"}:
            self.stack.append(bool(exempt))

    def handle_endtag(self, tag):
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source"} and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            data = re.sub(r"https?://\S+|\S+@\S+", " ", data)  # web and e-mail addresses are no words
            self.words += re.findall(r"[A-Za-zÀ-ÿ]{3,}", data)


def latin_words(html: str) -> set[str]:
    parser = LatinText()
    parser.feed(html)
    return set(parser.words)


@pytest.fixture
def guide(staff):
    place = make_place(by=staff)
    aid = make_aid(by=staff)
    permanence = make_permanence(place=place, description="Aide pour les dossiers de logement.")
    return aid, permanence


def in_the_language(recorder, name, response, status=200) -> str:
    """The page, checked: every string translated, and no Latin word outside text marked French."""
    html = assert_translated(recorder, name, response, status)
    assert latin_words(html) <= allowed_latin(), (name, sorted(latin_words(html) - allowed_latin()))
    return html


def test_a_visitor_meets_home_sign_up_and_sign_in_in_the_language(
    client, recorder, guide, django_capture_on_commit_callbacks
):
    visit(client, recorder.real.to_language())
    in_the_language(recorder, "home", client.get(reverse("home")))
    in_the_language(recorder, "sign-up", client.get(reverse("accounts:sign_up")))
    sign_up = client.post(reverse("accounts:sign_up"), {"email": "pas-une-adresse"})
    in_the_language(recorder, "sign-up with errors", sign_up, status=400)
    in_the_language(recorder, "sign-in", client.get(reverse("accounts:login")))
    sign_in = client.post(reverse("accounts:login"), {"username": "x@example.org", "password": "x"})
    in_the_language(recorder, "sign-in with errors", sign_in, status=400)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"),
            {"display_name": "Amina", "email": "amina@example.org", "quartier": "", "password": PASSWORD},
            follow=True,
        )
    html = in_the_language(recorder, "sign-up sent, with its e-mail", response)
    assert "amina@example.org" in html and len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group()
    confirmed = client.get(link, follow=True)
    in_the_language(recorder, "address confirmed", confirmed)
    assert User.objects.get(email="amina@example.org").is_active


def test_a_visitor_reads_the_guide_of_aids_in_the_language(client, recorder, guide):
    aid, permanence = guide
    visit(client, recorder.real.to_language())
    guide_page = in_the_language(recorder, "guide", client.get(reverse("rights:aids")))
    assert 'class="message message-info translation-note"' in guide_page
    found = in_the_language(recorder, "guide search", client.get(reverse("rights:aids"), {"q": "loyer"}))
    # The aid's own text stays in French, marked so (and left-to-right on a right-to-left page).
    assert re.search(r'<h3 lang="fr"( dir="ltr")?><a href="[^"]+">Aide au loyer</a>', found)
    none = client.get(reverse("rights:aids"), {"q": "introuvable"})
    in_the_language(recorder, "guide search without result", none)
    aid_page = in_the_language(recorder, "aid", client.get(aid.get_absolute_url()))
    assert 'class="message message-info translation-note"' in aid_page
    in_the_language(recorder, "permanence slots", client.get(permanence.get_absolute_url()))


def test_a_neighbour_asks_for_help_in_the_language(client_for, recorder):
    neighbour = UserFactory(display_name="Amina")
    client = visit(client_for(neighbour), recorder.real.to_language())
    url = reverse("help:request_new")
    in_the_language(recorder, "ask for help", client.get(url))
    in_the_language(recorder, "ask for help with errors", client.post(url, {"description": ""}), status=400)
    now = timezone.localtime()
    response = client.post(
        url,
        {
            "category": category().pk,
            "description": "Un meuble à monter.",
            "quartier": "",
            "latitude": "47.19612",
            "longitude": "-1.54733",
            "window_start": (now + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "window_end": (now + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "urgency": "normal",
        },
        follow=True,
    )
    html = in_the_language(recorder, "help request published", response)
    assert re.search(r'<p lang="fr"( dir="ltr")?>Un meuble à monter.</p>', html)


def test_a_neighbour_books_an_appointment_in_the_language(client_for, recorder, guide):
    _aid, permanence = guide
    neighbour = UserFactory(display_name="Amina")
    client = visit(client_for(neighbour), recorder.real.to_language())
    book = reverse("rights:book", args=[permanence.slug])
    key = free_starts(permanence)[0].isoformat(timespec="minutes")
    in_the_language(recorder, "slots signed in", client.get(permanence.get_absolute_url()))
    in_the_language(recorder, "booking form", client.get(book, {"debut": key}))
    in_the_language(recorder, "booking without a theme", client.post(book, {"debut": key}), status=400)
    response = client.post(book, {"debut": key, "motif": "logement-hebergement"}, follow=True)
    in_the_language(recorder, "appointment booked", response)
    in_the_language(recorder, "my appointments", client.get(reverse("rights:my_appointments")))


def test_the_recorder_finds_a_string_missing_from_the_catalog(client, recorder):
    """The check can fail: a msgid no catalog holds is reported (the test above would name it)."""
    visit(client, recorder.real.to_language())
    client.get(reverse("home"))
    with translation.override(recorder.real.to_language()):
        translation.gettext("Une phrase que personne n'a traduite.")
    assert "Une phrase que personne n'a traduite." in recorder.misses


def test_the_switch_turns_the_site_arabic_right_to_left_and_back(client):
    """The choice is one cookie (no account field, no session entry): the privacy page says so."""
    response = client.post(reverse("set_language"), {"language": "ar", "next": reverse("home")})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert {settings.LANGUAGE_COOKIE_NAME, "_language"}.isdisjoint(client.session.keys())
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<button type="submit" name="language" value="fr" lang="fr">Français</button>' in page
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in page
    assert 'value="ar"' not in page
    client.post(reverse("set_language"), {"language": "fr"})
    french = client.get(reverse("home")).content.decode()
    assert '<html lang="fr">' in french and 'dir="rtl"' in french  # only the Arabic button's own
    assert '<button type="submit" name="language" value="ar" lang="ar" dir="rtl">العربيّة</button>' in french
