"""A neighbour asks for help with the keyboard only: Tab, Shift+Tab, Enter, Space and typing.

No click anywhere. The skip link is the first stop and leads to the form; every stop shows a
focus ring; a form sent with a mistake comes back with the focus on its error summary, whose
link leads to the field to correct; the request is then published and its page confirms it.
"""

import datetime as dt
import re
import uuid

from tests.e2e.helpers import axe_violations

PASSWORD = "clavier-seulement-2026"
FOCUSED = """() => {
  const e = document.activeElement;
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id,
    text: (e.innerText || e.value || '').trim(),
    label: e.labels && e.labels.length ? e.labels[0].innerText.trim() : '',
  };
}"""
# The ring the site draws on :focus-visible (outline) and its dark halo (box-shadow). A date field's
# calendar button lives inside the browser's own control (the field itself is then not :focus):
# Chromium draws that button's ring itself.
FOCUS_RING = """() => {
  const e = document.activeElement;
  if (e.tagName === 'INPUT' && e.type.startsWith('date') && !e.matches(':focus')) { return true; }
  const style = getComputedStyle(e);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""


class Keyboard:
    """What one person does with the keyboard, checking at each stop that they can see where they are."""

    def __init__(self, page):
        self.page = page

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def press(self, key: str) -> dict:
        self.page.keyboard.press(key)
        focused = self.focused()
        if focused["tag"] not in ("body", "main"):
            assert self.page.evaluate(FOCUS_RING), f"no visible focus on {focused}"
        return focused

    def tab_to(self, predicate, *, backwards: bool = False, limit: int = 60) -> dict:
        for _ in range(limit):
            focused = self.press("Shift+Tab" if backwards else "Tab")
            if predicate(focused):
                return focused
        raise AssertionError("the keyboard never reached the expected element")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def enter(self) -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def _sign_in(page, email: str) -> Keyboard:
    """The sign-in page opens with the focus in the e-mail field: type, Tab, type, Enter."""
    page.goto("/compte/connexion/")
    page.wait_for_function("() => document.activeElement.name === 'username'")
    keys = Keyboard(page)
    keys.type(email)
    keys.press("Tab")
    keys.type(PASSWORD)
    keys.enter()
    assert "/compte/connexion/" not in page.url, "signing in failed"
    return keys


def labelled(text: str):
    return lambda focused: focused["label"].startswith(text)


def showing(text: str):
    return lambda focused: focused["text"].startswith(text)


def _datetime_segments(keys: Keyboard, when: dt.datetime, *, month_first: bool, twelve_hours: bool) -> None:
    """Type a date and time into the segments of a datetime-local field, as the browser lays them out."""
    first, second = (when.month, when.day) if month_first else (when.day, when.month)
    keys.type(f"{first:02d}{second:02d}{when.year}")
    keys.press("Tab")  # the year takes up to six digits: move on to the hour by hand
    if twelve_hours:
        keys.type(f"{(when.hour - 1) % 12 + 1:02d}{when.minute:02d}")
        keys.type("p" if when.hour >= 12 else "a")
    else:
        keys.type(f"{when.hour:02d}{when.minute:02d}")


def _learn_the_date_field(keys: Keyboard, field_id: str) -> tuple[bool, bool]:
    """Fill the start with 1 February of last year at 10:00 (long past, which a request allows),
    reading back from the field how this browser orders the day and month and counts hours."""
    year = dt.date.today().year - 1
    keys.type(f"0102{year}")
    keys.press("Tab")
    keys.type("1000")
    value = keys.page.evaluate("(id) => document.getElementById(id).value", field_id)
    twelve_hours = value == ""
    if twelve_hours:
        keys.type("a")
        value = keys.page.evaluate("(id) => document.getElementById(id).value", field_id)
    assert value in (f"{year}-01-02T10:00", f"{year}-02-01T10:00"), value
    return value == f"{year}-01-02T10:00", twelve_hours


def test_a_neighbour_asks_for_help_with_the_keyboard_only(browsers, live_site):
    email = f"clavier-{uuid.uuid4().hex[:8]}@exemple.fr"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name="Gisèle")
    page = browsers.page()
    keys = _sign_in(page, email)
    page.goto("/entraide/")

    # From the help feed to the form: the skip link first, then the way into the page.
    assert keys.press("Tab")["text"] == "Aller au contenu"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # shown on screen once focused
    keys.tab_to(showing("Demander de l'aide"))
    keys.enter()
    assert page.get_by_role("heading", level=1).inner_text() == "Demander de l'aide"

    # The skip link jumps over the header: the next stop is the form's first field.
    assert keys.press("Tab")["text"] == "Aller au contenu"
    page.keyboard.press("Enter")
    assert keys.focused()["id"] == "contenu"
    assert keys.press("Tab")["label"].startswith("De quelle aide avez-vous besoin ?")
    keys.type("Bric")  # a closed list picks the option typed
    assert page.get_by_label("De quelle aide avez-vous besoin ?").evaluate("e => e.selectedOptions[0].text") == (
        "Bricolage"
    )
    # The description is forgotten: the form will come back.
    keys.tab_to(labelled("Quartier"))
    keys.type("Ragon")
    start = keys.tab_to(labelled("À partir du"))
    month_first, twelve_hours = _learn_the_date_field(keys, start["id"])
    keys.tab_to(labelled("Jusqu'au"))
    end = dt.datetime.combine(dt.date.today() + dt.timedelta(days=2), dt.time(18, 30))
    _datetime_segments(keys, end, month_first=month_first, twelve_hours=twelve_hours)
    keys.tab_to(showing("Publier ma demande"))
    with page.expect_navigation():
        page.keyboard.press("Space")

    # The error summary has the focus and is read out; its link leads to the field.
    summary = page.locator(".error-summary")
    summary.wait_for()
    page.wait_for_function("() => document.activeElement === document.querySelector('.error-summary')")
    assert page.evaluate(FOCUS_RING)
    assert summary.get_attribute("role") == "alert"
    assert "Décrivez votre besoin : Ce champ est obligatoire." in summary.inner_text()
    assert page.title().startswith("Demander de l'aide")
    assert axe_violations(page) == []
    keys.tab_to(showing("Décrivez votre besoin"))
    page.keyboard.press("Enter")
    focused = keys.focused()
    assert focused["label"].startswith("Décrivez votre besoin"), focused
    assert page.evaluate(FOCUS_RING)
    keys.type("Fixer une tringle à rideaux dans le salon, j'ai la tringle mais pas de perceuse.")
    # What was chosen before the mistake is still there: back to the list to check, then forward.
    assert keys.press("Shift+Tab")["label"].startswith("De quelle aide avez-vous besoin ?")
    assert page.get_by_label("De quelle aide avez-vous besoin ?").evaluate("e => e.selectedOptions[0].text") == (
        "Bricolage"
    )
    assert keys.press("Tab")["label"].startswith("Décrivez votre besoin")
    keys.tab_to(showing("Publier ma demande"))
    keys.enter()

    # Published: the confirmation is announced, the page starts again from the top.
    # (the address keeps the summary link's "#id_description": browsers carry a fragment over a redirect)
    assert re.search(r"/entraide/demandes/\d+/(#id_description)?$", page.url), page.url
    message = page.locator(".messages")
    assert message.get_attribute("role") == "status"
    assert "C'est publié." in message.inner_text()
    assert page.get_by_text("Fixer une tringle à rideaux").is_visible()
    assert keys.focused()["tag"] == "body"
    assert keys.press("Tab")["text"] == "Aller au contenu"


def test_without_javascript_a_form_with_mistakes_comes_back_focused_on_its_summary(browsers, live_site):
    email = f"clavier-{uuid.uuid4().hex[:8]}@exemple.fr"
    live_site.remote("new_neighbour", email=email, password=PASSWORD, name="Léon")
    page = browsers.page(javascript=False)
    keys = _sign_in(page, email)
    page.goto("/entraide/demander/")
    keys.tab_to(showing("Publier ma demande"))
    keys.enter()
    # The autofocus attribute alone: no script runs here.
    page.wait_for_function("() => document.activeElement === document.querySelector('.error-summary')")
    assert page.evaluate(FOCUS_RING)
    links = page.locator(".error-summary a")
    assert links.all_inner_texts() == [
        "De quelle aide avez-vous besoin ? : Ce champ est obligatoire.",
        "Décrivez votre besoin : Ce champ est obligatoire.",
        "À partir du : Ce champ est obligatoire.",
        "Jusqu'au : Ce champ est obligatoire.",
    ]
    keys.tab_to(showing("Décrivez votre besoin"))
    page.keyboard.press("Enter")
    assert keys.focused()["label"].startswith("Décrivez votre besoin")
