"""No page offers a person a link or a button that then refuses them.

Every page a role may open (``permissions.py``, in the demo world) is read as that role; each link to
this site it shows is followed, and each form it shows is sent (empty, in a savepoint rolled back), as
that role. A 403, a 404, or the sign-in page for someone signed in means the page led them to a dead
end: it should have said why instead (as the rooms' week page does with ``services.booking_refusal``).
Pages are read breadth first from every route the role may open, at most ``PAGES_OF_A_KIND`` per route
(the demo's three rooms, its associations of each status...), so the crawl stays bounded.
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from tests.proof import parameters
from tests.proof.permissions import ROLES, ROUTES, SKIPPED
from tests.proof.test_permissions_matrix import call, url_names

pytestmark = pytest.mark.django_db
PAGES_OF_A_KIND = 3

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"', re.I)
FORM = re.compile(r"<form\b([^>]*)>", re.I)
# Not pages: files, feeds, the language switch, the admin, sign-out.
NOT_A_PAGE = re.compile(r"^/(static|media|admin)/|\.(ics|csv|json|xml|rss|png|jpg|webp|pdf)$|/deconnexion/")


def page_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def refused(response, role: str) -> bool:
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    return role != "visitor" and "/compte/connexion/" in location


def targets(html: str):
    for href in LINK.findall(html):
        yield "GET", unescape(href)
    for attributes in FORM.findall(html):
        if re.search(r'method="post"', attributes, re.I):
            action = re.search(r'action="([^"]*)"', attributes)
            if action and action.group(1):
                yield "POST", unescape(action.group(1))


def test_no_page_leads_a_role_to_a_refusal(world):
    objects, clients, _people = world
    routes = url_names()
    start = []
    for name, methods in ROUTES.items():
        if name in SKIPPED or "GET" not in methods or name.startswith("api:") or name not in routes:
            continue
        kwargs = {key: value for key, value in parameters.kwargs_for(name, objects).items() if key in routes[name]}
        start.append((reverse(name, kwargs=kwargs), methods["GET"].split()))
    found = []
    for role in ROLES:
        client, outcomes, read = clients[role], {}, Counter()
        queue = deque(url for url, allowed in start if role in allowed)
        queued = set(queue)
        while queue:
            url = queue.popleft()
            name = page_name(url)
            # A few pages of each kind (the three rooms, not every help request): bounded, and enough to
            # meet each kind of object a role may or may not act on.
            if name is None or read[name] >= PAGES_OF_A_KIND:
                continue
            read[name] += 1
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for method, target in targets(response.content.decode()):
                parts = urlsplit(target)
                if parts.netloc or not parts.path.startswith("/") or NOT_A_PAGE.search(parts.path):
                    continue
                key = (method, target)
                if key not in outcomes:
                    outcomes[key] = refused(call(client, method, target), role)
                if outcomes[key]:
                    found.append(f"{role}: {url} shows {method} {target}")
                elif method == "GET" and parts.path not in queued:
                    queued.add(parts.path)
                    queue.append(parts.path)
    assert not found, "\n" + "\n".join(sorted(set(found)))
