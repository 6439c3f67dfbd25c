"""Filters of the server log (``LOGGING`` in settings)."""

import logging


class RefusalsAtInfo(logging.Filter):
    """A refused request (403) is the platform doing its job, not an error: one line at INFO.

    Django's ``django.request`` logs every 4xx answer as a warning, and a 403 from ``PermissionDenied``
    with the exception's whole traceback; a page or API endpoint that refuses a visitor a hundred
    times a day buried the real warnings. The line stays ("Forbidden (Permission denied): /path"):
    a flood of refusals is still visible. CSRF failures are logged by ``django.security.csrf``, not
    here: a wrong ``CSRF_TRUSTED_ORIGINS`` behind a proxy shows as those, and they stay warnings.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
            record.exc_info = None
            record.exc_text = None
        return True
