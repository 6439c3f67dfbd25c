import asyncio
import atexit
import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarite.settings")
# Django must be set up before the consumers (and the models they import) are loaded.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from solidarite.daphne_forms import let_django_parse_forms  # noqa: E402
from solidarite.notifications.socket_auth import SocketAuthMiddlewareStack  # noqa: E402
from solidarite.routing import websocket_urlpatterns  # noqa: E402


class AllowedHostsOriginValidator(OriginValidator):
    """Accept a socket only from a page of one of our own hosts.

    channels' helper of the same name copies ALLOWED_HOSTS once, when this module is imported;
    reading the setting on every handshake keeps the check and the setting the same thing.
    """

    def __init__(self, application):
        self.application = application

    @property
    def allowed_origins(self):
        if settings.DEBUG and not settings.ALLOWED_HOSTS:
            return ["localhost", "127.0.0.1", "[::1]"]  # what Django itself allows then
        return settings.ALLOWED_HOSTS


class ConcurrencyLimit:
    """At most ``limit`` HTTP requests inside Django at once in this process; the others wait on
    the event loop, which costs nothing.

    Django runs each request's sync code in a thread of its own. Under a backlog, a hundred
    threads contend for one GIL and the process gets less done the more it is asked: a burst it
    could absorb becomes a backlog that feeds itself (bench/load.py at the same rates gave a p50
    of 30 ms in one run and of seconds in the next; with the limit, a slow start drained within
    twenty seconds). Sockets are not counted: they live for hours.
    """

    def __init__(self, application, limit: int):
        self.application = application
        self.slots = asyncio.Semaphore(limit)

    async def __call__(self, scope, receive, send):
        async with self.slots:
            await self.application(scope, receive, send)


let_django_parse_forms()

application = ProtocolTypeRouter(
    {
        "http": ConcurrencyLimit(django_asgi_app, settings.HTTP_CONCURRENCY),
        "websocket": AllowedHostsOriginValidator(SocketAuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# A full pass of the garbage collector walks every live object: a process holding a thousand
# sockets has some 350,000 of them, and each full pass stopped it for ~200 ms (bench/live.py, p99).
# What import and setup made lives as long as the process: freeze it out of the collector's sight.
# Most of a request's garbage is freed by reference counting; collecting the young generation
# every 50,000 allocations instead of 700 leaves far fewer objects to promote to the old ones.
gc.freeze()
gc.set_threshold(50_000, 20, 10)
# Stopping: once daphne has closed everything, the interpreter tears its modules down and collects
# garbage on the way, each full pass walking every object made since start-up. A process that had
# served a hundred pages spent over a second there after SIGTERM (perf: the collector), more on a busy
# machine. The process is ending and nothing needs collecting: freeze that heap too. Handlers run
# last-registered first, so this one goes before those registered at import (logging's flush).
atexit.register(gc.freeze)
