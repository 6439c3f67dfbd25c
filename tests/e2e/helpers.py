"""What a person does in the browser, written once for every journey."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve

# RGAA 4.1 follows WCAG 2.1 AA: these are the axe-core rules that test it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()

# Not pages for residents: files and feeds, the admin (Django's own, staff only), what signs out,
# and /api/ (JSON) but for its documentation page, a page of the site like the others.
SKIPPED_PATH = re.compile(
    r"^/(admin|i18n|static|media|ws)/|^/api/(?!v1/docs/)|\.(json|ics|csv|xml|txt|png|pdf|rss|atom)$|/flux\.|/deconnexion/"
)


def route_of(path: str) -> str:
    """Pages of one route and the same query parameters (a map view, a search) look alike."""
    base, _, query = path.partition("?")
    keys = ",".join(sorted(part.split("=")[0] for part in query.split("&") if part))
    try:
        match = resolve(base)
    except Resolver404:
        return path
    return f"{match.route or match.view_name}?{keys}"


def sign_in(page, email: str, password: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label(re.compile("adresse e-mail|e-mail address", re.I)).fill(email)
    page.get_by_label(re.compile("mot de passe|password", re.I)).fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def axe_violations(page) -> list[str]:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return lines


def same_site_links(page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        absolute = urljoin(page.url, href)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != base_url or SKIPPED_PATH.search(parts.path):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


class CspWatch:
    """Collects what the browser refused under the Content Security Policy, and page errors."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message):
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused" in message.text):
            self.problems.append(message.text)
