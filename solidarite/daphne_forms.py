"""Form bodies are Django's to parse, not Twisted's.

Under daphne, Twisted's ``Request`` parses every ``multipart/form-data`` body into ``request.args``
before daphne hands the raw body to Django, which parses it again. Daphne never reads those args;
the parse costs a copy of each upload in memory, and when Twisted's parser fails (an empty or
truncated multipart body, a field name outside ASCII: django/daphne#447) it answers a bare 400 with
no body and no content type, before Django or its log see the request. Found by the API fuzzing.
Twisted has a switch for it (``parsePOSTFormSubmission``); daphne does not expose it.
"""


def let_django_parse_forms() -> None:
    try:
        from daphne.http_protocol import WebRequest
    except ImportError:  # not served by daphne
        return
    if getattr(WebRequest, "_django_parses_forms", False):
        return
    original = WebRequest.__init__

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parsePOSTFormSubmission", False)
        original(self, *args, **kwargs)

    WebRequest.__init__ = __init__
    WebRequest._django_parses_forms = True
