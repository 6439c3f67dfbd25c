"""Every page fits an old phone and a weak connection: 320 px wide, 200 % zoom, under 150 KB.

A crawler follows same-site links in French as a visitor, a neighbour, an association manager and a
member of city staff (one page per route, a bounded walk). Each page is loaded once at 320 × 640, then
the window is resized to 640 × 400 CSS px (a 1280 × 800 screen at 200 % zoom): at both sizes nothing
may scroll sideways (what does not fit goes in its own scroll box, ``.table-scroll``). Everything the
page downloads, cache off, weighs under 150 KB as transferred (map tiles aside). The site serves its
static files as production does (collectstatic, compressed, hashed names), from a second daphne process
on the same database.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter, deque

import pytest

from tests.e2e.helpers import route_of, same_site_links, sign_in
from tests.proof.live import PYTHON, ROOT

MAX_PAGES = 40
BUDGET = 150_000
SIZES = [(320, 640), (640, 400)]
# The API's documentation is for developers at a desk (one long page of every schema; its own test in
# test_accessibility.py bounds it at 500 KB): it must fit a small screen, not the residents' budget.
OVER_BUDGET_ALLOWED = ()  # the API docs were: one page per area now (solidarite/api_docs.py)
START = [
    "/",
    "/associations/",
    "/associations/?vue=carte",
    "/agenda/",
    "/commerces/",
    "/commerces/carte/",
    "/salles/",
    "/entraide/",
    "/acces-aux-droits/",
    "/acces-aux-droits/aides/rsa/",
    "/acces-aux-droits/points-d-accueil/ccas-de-reze/",
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/",
    "/jardins/",  # the gardens and orchards (their pages are linked from it)
    "/repair-cafes/",
    "/numerique/",
    "/numerique/carte/",
    "/equipement/",
]
SIGNED_IN_START = [
    "/compte/profil/",
    "/notifications/",
    "/entraide/demander/",
    "/entraide/mes-annonces/",
    "/salles/mes-reservations/",
    "/commerces/mes-commerces/",
    "/soutiens/",
    "/acces-aux-droits/rendez-vous/",
    "/jardins/mes-demandes/",
    "/equipement/demander/",
    "/equipement/mes-demandes/",
]
STAFF_START = [
    "/tableau-de-bord/",
    "/soutiens/instruction/",
    "/soutiens/enveloppes/",
    "/commerces/verification/",
    "/salles/a-valider/",
    "/associations/verification/",
    "/salles/atelier-trentemoult/journee/",  # a demo room's daily sheet, linked from no list
    "/equipement/suivi/",
    "/equipement/reconditionneurs/",
]
# What sticks out, to name in a failure: the deepest elements wider than the window.
OVERFLOW = """() => {
  const width = window.innerWidth;
  // A right-to-left page (Arabic) overflows on its left.
  const rtl = document.documentElement.dir === 'rtl';
  const sticksOut = box => rtl ? box.left < -0.5 : box.right > width + 0.5;
  const wide = [...document.querySelectorAll('body *')].filter(el => sticksOut(el.getBoundingClientRect()));
  const leaves = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
  return {scroll: document.documentElement.scrollWidth, width,
          culprits: leaves.slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                                        + ' → ' + Math.round(el.getBoundingClientRect().right) + ' px')};
}"""


@pytest.fixture(scope="module")
def light_site(live_site):
    """A daphne process of the live site serving collected, compressed static files."""
    static_root = live_site.tmp / "staticfiles"
    done = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=live_site.env(LIVE_STATIC_ROOT=static_root),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    url = live_site.start(LIVE_STATIC_ROOT=static_root)
    yield url
    live_site.stop(int(url.rsplit(":", 1)[1]))


def measure(page, path: str) -> tuple[int | None, list[str], dict]:
    """Load ``path`` cold; return its status, what is wrong with it, and its figures."""
    requests = []

    def collect(request):
        requests.append(request)

    page.on("requestfinished", collect)
    try:
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        response = page.goto(path)
    finally:
        page.remove_listener("requestfinished", collect)
    status = response.status if response else None
    if status is None or (status >= 400 and status != 403):
        return status, [f"HTTP {status}"], {}
    if "html" not in (response.headers.get("content-type") or ""):
        return status, [], {}
    problems = []
    weight = 0
    for request in requests:
        if "/tiles/" in request.url:
            continue
        sizes = request.sizes()
        weight += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    figures = {"bytes": weight}
    if weight >= BUDGET and path not in OVER_BUDGET_ALLOWED:
        problems.append(f"{weight:,} bytes transferred (budget {BUDGET:,})")
    for width, height in SIZES:
        if (width, height) != SIZES[0]:
            page.set_viewport_size({"width": width, "height": height})
        found = page.evaluate(OVERFLOW)
        figures[f"{width}x{height}"] = found["scroll"]
        if found["scroll"] > found["width"]:
            problems.append(f"{found['scroll']} px wide at {width} × {height}: {'; '.join(found['culprits'])}")
    return status, problems, figures


def crawl(page, base_url: str, starts: list[str]) -> tuple[dict[str, list[str]], dict[str, dict]]:
    """Visit reachable pages (one per route, MAX_PAGES at most); return problems and figures by page."""
    # Each page as on a first visit: nothing from the browser's cache.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    seen: set[str] = set()
    per_route: Counter = Counter()
    queue = deque(starts)
    problems: dict[str, list[str]] = {}
    figures: dict[str, dict] = {}
    while queue and len(figures) < MAX_PAGES:
        path = queue.popleft()
        route = route_of(path)
        if path in seen or per_route[route]:
            continue
        seen.add(path)
        per_route[route] += 1
        status, found, figures[path] = measure(page, path)
        if found:
            problems[path] = found
        if status == 200:
            queue.extend(same_site_links(page, base_url))
    assert len(figures) >= len(starts)
    return problems, figures


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}\n    " + "\n    ".join(lines) for path, lines in problems.items())


@pytest.mark.parametrize("role", [None, "neighbour", "association manager", "city staff"])
def test_every_page_fits_a_small_screen_and_a_weak_connection(browsers, live_site, light_site, role):
    page = light_page(browsers, light_site)
    starts = START
    if role:
        account = live_site.accounts[role]
        sign_in(page, account["email"], account["password"])
        starts = SIGNED_IN_START + (STAFF_START if role == "city staff" else []) + START
    problems, figures = crawl(page, light_site, starts)
    print(f"\n{role or 'visitor'}: " + "\n".join(f"{path} {row}" for path, row in figures.items()))
    assert not problems, "\n" + report(problems)


# The languages added for the pages a newcomer meets first (docs/languages.md): those pages, and what they
# link to, fit the same small screens in each, as a visitor and as a neighbour. Arabic runs right to left.
LANGUAGES = ["ar"]
NEWCOMER_START = [
    "/",
    "/compte/inscription/",
    "/compte/connexion/",
    "/acces-aux-droits/",
    "/acces-aux-droits/?q=logement",
    "/acces-aux-droits/aides/rsa/",
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/",
]
NEWCOMER_SIGNED_IN_START = ["/entraide/demander/", "/acces-aux-droits/rendez-vous/", "/compte/profil/"]


@pytest.mark.parametrize("role", [None, "neighbour"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_pages_fit_a_small_screen_in_each_language(browsers, live_site, light_site, language, role):
    page = light_page(browsers, light_site)
    starts = NEWCOMER_START
    if role:
        account = live_site.accounts[role]
        sign_in(page, account["email"], account["password"])  # its labels are French: before the switch
        starts = NEWCOMER_SIGNED_IN_START + NEWCOMER_START
    page.context.add_cookies([{"name": "django_language", "value": language, "url": light_site}])
    problems, figures = crawl(page, light_site, starts)
    assert page.locator("html").get_attribute("lang") == language
    print(f"\n{language} {role or 'visitor'}: " + "\n".join(f"{path} {row}" for path, row in figures.items()))
    assert not problems, "\n" + report(problems)


# The guide of aids (an aid's page) and a permanence's hours: one sheet each.
PRINTED = ["/acces-aux-droits/aides/rsa/", "/acces-aux-droits/permanences/acces-aux-droits-ccas/"]


def pdf_pages(page) -> int:
    """Sheets of A4 the page prints on, as the browser's print dialog would lay it out."""
    page.emulate_media(media="print")
    # What only works on a screen is left out: the menus and every form.
    assert not page.locator("header nav").is_visible()
    assert page.locator("main form").evaluate_all("forms => forms.every(form => !form.offsetParent)")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def light_page(browsers, light_site):
    page = browsers.chromium.new_context(base_url=light_site, locale="fr-FR").new_page()
    browsers.contexts.append(page.context)
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("path", PRINTED)
def test_an_aid_and_a_permanences_hours_print_on_one_a4_page(browsers, light_site, path):
    page = light_page(browsers, light_site)
    assert page.goto(path).status == 200
    assert pdf_pages(page) == 1


def test_ones_appointments_print_on_one_a4_page(browsers, live_site, light_site):
    page = light_page(browsers, light_site)
    account = live_site.accounts["voisin@solidarite.test"]
    sign_in(page, account["email"], account["password"])
    page.goto("/acces-aux-droits/permanences/acces-aux-droits-ccas/")
    with page.expect_navigation():
        page.locator("ul.slots a").first.click()
    page.locator("#motif").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Réserver ce créneau").click()
    page.goto("/acces-aux-droits/rendez-vous/")
    assert page.get_by_text("Permanence accès aux droits du CCAS").first.is_visible()
    assert pdf_pages(page) == 1


def test_the_map_speaks_french_and_finds_its_markers_under_hashed_names(browsers, light_site):
    page = light_page(browsers, light_site)
    page.goto("/commerces/carte/")
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("aria-label") == "Zoom arrière"
    marker = page.locator("img.leaflet-marker-icon").first
    marker.wait_for()
    assert re.search(r"/static/leaflet/images/marker-icon\.[0-9a-f]{12}\.png$", marker.get_attribute("src"))
    assert marker.evaluate("img => img.complete && img.naturalWidth > 0")


def test_the_dashboard_charts_stay_legible_on_a_phone(browsers, live_site, light_site):
    # Shrunk to the screen's width, their 13 px labels were drawn at 6–7 px; they now scroll in their box.
    page = light_page(browsers, light_site)
    account = live_site.accounts["city staff"]
    sign_in(page, account["email"], account["password"])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/tableau-de-bord/")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart text')].map(
             t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a))"""
    )
    assert 12 <= smallest < 100, f"chart text drawn at {smallest:.1f} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
