"""The site's URLs plus ``/bench/hello/``: Django's floor, for bench/load.py's ratio (bench/settings_hello.py).

The hello view goes through the whole middleware stack and daphne like any page, but reads no session, no
database and no template: what a page costs beyond it is ours to reduce.
"""

from django.http import HttpResponse
from django.urls import path

from solidarite.urls import handler400, handler403, handler404, handler500  # noqa: F401 (the site's error pages)
from solidarite.urls import urlpatterns as site_urlpatterns

HELLO = "/bench/hello/"


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path(HELLO.strip("/") + "/", hello), *site_urlpatterns]
