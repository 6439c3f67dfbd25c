"""Who is on the other end of a socket, resolved without queueing the whole burst.

channels' ``AuthMiddlewareStack`` loads the session and the user through
``database_sync_to_async`` with ``thread_sensitive=True``: every handshake of the process runs
its two queries in asgiref's one shared sync thread, one after the other. When a thousand
browsers reconnect at once (a redeploy, a network blip), the last handshake waits behind the
999 before it, longer than daphne's handshake timeout. The lookup touches nothing but its own
rows and needs no transaction shared with other code, so it can run in the thread pool
(``ASGI_THREADS`` threads in daphne), several handshakes at a time.

Same rules as channels' ``get_user`` (it is the function called): the session must exist and
not be expired, the backend must be configured, and the session hash must still match the
password (changed password = signed out).
"""

from channels.auth import AuthMiddleware, get_user
from channels.db import database_sync_to_async
from channels.sessions import CookieMiddleware, SessionMiddleware
from django.db import close_old_connections


def _resolve_user(scope):
    # Called directly (not through channels.db) so the connection of the pool thread is
    # released after each handshake even where channels' own cleanup is patched out (tests).
    close_old_connections()
    try:
        return get_user.func(scope)
    finally:
        close_old_connections()


resolve_user = database_sync_to_async(_resolve_user, thread_sensitive=False)


class PooledAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await resolve_user(scope)


def SocketAuthMiddlewareStack(inner):  # noqa: N802 (named like channels' AuthMiddlewareStack)
    return CookieMiddleware(SessionMiddleware(PooledAuthMiddleware(inner)))
