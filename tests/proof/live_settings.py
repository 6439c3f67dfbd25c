"""Settings of the live daphne server that the browser, fuzzing and fault suites drive.

The test settings, plus what a real browser on plain-HTTP loopback needs: our own host, cookies a
browser keeps over http://127.0.0.1, e-mails written to files the test reads like an inbox, and the
channel-layer prefix the test process shares with the server (so a push from a helper process
reaches the server's sockets through Redis), and the town's SIRET (the open-data export needs it).
"""

import os

from solidarite.settings_test import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Plain HTTP on loopback: Secure cookies would never come back to the server.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["LIVE_MAIL_DIR"]
if REDIS_URL:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = os.environ["LIVE_CHANNEL_PREFIX"]  # noqa: F405
    # Fault tests stop Redis: fail fast instead of waiting for the default timeouts.
    REDIS_POOL_TIMEOUT = 2.0
# The open-data export is published only once the town's SIRET is set (the same one as tests/proof/conftest.py).
TOWN_SIRET = os.environ.get("TOWN_SIRET") or "21440143200015"
if os.environ.get("LIVE_STATIC_ROOT"):
    # Static files as production serves them (compressed, hashed names), from a collectstatic run
    # into this folder: the weak-devices crawl measures what a browser really downloads.
    STATIC_ROOT = os.environ["LIVE_STATIC_ROOT"]
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
    WHITENOISE_USE_FINDERS = False
LOGGING["root"]["level"] = os.environ.get("LIVE_LOG_LEVEL", "WARNING")  # noqa: F405
