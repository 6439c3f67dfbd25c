"""Public list parts (the directory, the agenda, the shops, the help feeds) rendered once per
state of their data, per process.

A part's key is its area's content token (renewed by database triggers on every write to the
tables it reads, see models.ContentVersion), the language, the minute (lists of what is open or
upcoming move with the clock) and the request's path with its query string. The part itself must
depend on nothing else: it is rendered without the request, so it cannot show who is asking.
The cache is each process's memory: nothing to reach over the network, nothing to fail with Redis.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

HELP = "help"
LISTINGS = "listings"
# Raw SQL: the ORM would cost more than the query on every page that uses a part.
_TOKEN_SQL = {
    HELP: "SELECT help FROM fragments_contentversion WHERE id = 1",
    LISTINGS: "SELECT listings FROM fragments_contentversion WHERE id = 1",
}


def current_token(area: str) -> str | None:
    """The area's token; None when the row is missing (a test database flushed by a transactional test)."""
    with connection.cursor() as cursor:
        cursor.execute(_TOKEN_SQL[area])
        row = cursor.fetchone()
    return row[0] if row else None


def cached_part(request, *, area: str, render: Callable[[], str]) -> SafeString:
    token = current_token(area)
    if token is None:
        return mark_safe(render())  # noqa: S308 - render() is a template's output
    parts = (area, token, translation.get_language(), timezone.now().strftime("%Y%m%d%H%M"), request.get_full_path())
    key = "part:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()
    cache = caches["fragments"]
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html))
    return mark_safe(html)  # noqa: S308 - a template's output, escaped when it was rendered
