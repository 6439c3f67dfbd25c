"""axe-core (WCAG 2.1 A/AA, what RGAA 4.1 asks) finds nothing on any page a person can reach.

A crawler follows every same-site link from the home page (and from the profile once signed in),
in French and in English, as a visitor, a neighbour and a member of city staff; each page is checked
by axe-core in Chromium and must load nothing the Content Security Policy refuses. Pages that share
a route (association pages, shops) are checked once, so the walk stays short.
"""

from collections import Counter, deque

import pytest

from tests.e2e.helpers import CspWatch, axe_violations, route_of, same_site_links, sign_in

MAX_PAGES = 60
PER_ROUTE = 1
# Pages that only make sense after an action, reached in the journeys rather than by a link.
START = [
    "/",
    "/compte/connexion/",
    "/compte/inscription/",
    "/compte/mot-de-passe/oublie/",
    "/api/v1/docs/",
    # The guide of aids, a search with filters and an aid page, and the points d'accueil.
    "/acces-aux-droits/",
    "/acces-aux-droits/?q=logement&theme=logement-hebergement&public=locataire",
    "/acces-aux-droits/aides/rsa/",
    "/acces-aux-droits/points-d-accueil/",
    "/acces-aux-droits/points-d-accueil/ccas-de-reze/",
    # A permanence's free slots (its booking links lead signed-in people to the form).
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/",
    # The shared gardens and orchards (each garden and orchard is linked from the list).
    "/jardins/",
]
SIGNED_IN_START = [
    "/compte/profil/",
    "/compte/mes-donnees/",
    "/notifications/",
    "/compte/mot-de-passe/",
    # Staff: the aid form and the history (others get the 403 page, which is checked too).
    "/acces-aux-droits/aides/rsa/modifier/",
    "/acces-aux-droits/aides/rsa/historique/",
    # Permanences: the slots (then a booking form), one's appointments, the agent's day (403 for these roles).
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/",
    "/acces-aux-droits/rendez-vous/",
    "/acces-aux-droits/permanences/acces-aux-droits-ccas/agenda/",
    # Estimate of rights: saved estimates and « mes démarches » (the questionnaire is linked from the guide).
    "/acces-aux-droits/estimer-mes-droits/mes-estimations/",
    "/acces-aux-droits/estimer-mes-droits/mes-demarches/",
]


def crawl(page, base_url: str, starts: list[str], *, max_pages: int = MAX_PAGES) -> dict[str, list[str]]:
    """Visit every reachable page once (PER_ROUTE per route); return the problems found by page."""
    seen: set[str] = set()
    per_route: Counter = Counter()
    queue = deque(starts)
    problems: dict[str, list[str]] = {}
    visited = 0
    watch = CspWatch(page)
    while queue and visited < max_pages:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        route = route_of(path)
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        watch.problems.clear()
        response = page.goto(path)
        visited += 1
        found = []
        # A 403 is a page too (it says why, e.g. "only managers book this room"): it is checked.
        if response is None or (response.status >= 400 and response.status != 403):
            found.append(f"HTTP {response.status if response else 'no response'}")
        elif "html" in (response.headers.get("content-type") or ""):
            found += axe_violations(page)
            found += watch.problems
            queue.extend(same_site_links(page, base_url))
        if found:
            problems[path] = found
    assert visited >= len(starts)
    return problems


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}\n    " + "\n    ".join(lines) for path, lines in problems.items())


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_page_a_visitor_reaches_passes_axe(browsers, live_site, locale):
    page = browsers.page(locale=locale)
    page.context.add_cookies([{"name": "django_language", "value": locale, "url": live_site.url}])
    problems = crawl(page, live_site.url, START)
    assert not problems, "\n" + report(problems)


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("role", ["neighbour", "city staff"])
def test_every_page_a_signed_in_person_reaches_passes_axe(browsers, live_site, locale, role):
    if role == "city staff" and locale == "en":
        pytest.skip("staff pages are checked in French, the language of the city's agents")
    account = live_site.accounts[role]
    page = browsers.page(locale=locale)
    page.context.add_cookies([{"name": "django_language", "value": locale, "url": live_site.url}])
    sign_in(page, account["email"], account["password"])
    # English shares the templates: a shorter walk finds what translation alone can break.
    problems = crawl(page, live_site.url, SIGNED_IN_START + ["/"], max_pages=MAX_PAGES if locale == "fr" else 30)
    assert not problems, "\n" + report(problems)


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_api_documentation_is_a_light_accessible_page(browsers, live_site, locale):
    # It was Swagger UI: 2.3 MB, no lang on <html>, 79 contrast and 76 nested-interactive findings.
    page = browsers.page(locale=locale)
    page.context.add_cookies([{"name": "django_language", "value": locale, "url": live_site.url}])
    watch = CspWatch(page)
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    response = page.goto("/api/v1/docs/")
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == locale
    assert axe_violations(page) == []
    assert watch.problems == []
    assert all(request.url.startswith(live_site.url) for request in loaded)
    weight = sum(request.sizes()["responseBodySize"] for request in loaded)
    assert weight < 500_000, f"{weight} bytes"


def test_the_page_language_follows_the_switch(browsers, live_site):
    page = browsers.page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
