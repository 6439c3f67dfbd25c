"""Test settings: only what tests must loosen, plus strictness production cannot afford."""

import os

os.environ.setdefault("SECRET_KEY", "test-" + "x" * 60)

from solidarite.settings import *  # noqa: E402,F403

# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Nothing in a test may reach another host.
MAP_TILES_URL = "/static/tiles/{z}/{x}/{y}.png"
LEAFLET_CONFIG["TILES"] = [("Plan", MAP_TILES_URL, {"attribution": ""})]  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "10000/minute"}  # noqa: F405
if REDIS_URL:  # noqa: F405
    # Each run gets its own keys, so two runs on one Redis never see each other's groups.
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"solidarite-test-{os.getpid()}"  # noqa: F405
# Static files come straight from the finders; no collectstatic before tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the shared-cache in-memory default: in-memory shared cache fails concurrent writers
    # at once ("database table is locked") instead of queueing them on BEGIN IMMEDIATE like production,
    # so threaded tests (no overdraw, no double booking) would not exercise the real SQLite behaviour.
    DATABASES["default"]["TEST"] = {"NAME": f"/tmp/solidarite-test-{os.getpid()}.sqlite3"}  # noqa: F405, S108
