"""Solidarité settings.

Everything comes from the environment through the strict helpers of ``solidarite.env``.
The defaults are the safe ones (DEBUG off, secure cookies, HTTPS redirect, HSTS); the embedded
default only chooses storage that needs nothing installed: a SQLite file and an in-memory
channel layer. See the README for every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from solidarite.env import envbool, envfloat, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set a long random SECRET_KEY (50+ characters), or DEBUG=true for a local demo."
        )
    # Local demo only: a fixed, obviously insecure key that never runs with DEBUG off.
    SECRET_KEY = "django-insecure-demo-key-only-for-local-debug-never-in-production"  # noqa: S105
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY is too weak: use 50+ random characters.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "solidarite.admin_config.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "rest_framework",  # not rest_framework.authtoken: it keeps keys in clear (see accounts.ApiToken)
    "drf_spectacular",
    "taggit",
    "leaflet",
    # Our apps: accounts first, its custom User exists from the very first migration.
    "solidarite.accounts",
    "solidarite.places",
    "solidarite.notifications",
    "solidarite.calendars",
    "solidarite.help",
    "solidarite.shops",
    "solidarite.rights",
    "solidarite.estimate",
    "solidarite.grocery",
    "solidarite.gardens",
    "solidarite.lending",
    "solidarite.giveaways",
    "solidarite.repairs",
    "solidarite.equipment",
    "solidarite.dashboard",
    "solidarite.fragments",
    "associations.directory",
    "associations.rooms",
    "associations.support",
    "associations.agenda",
    "solidarite.digital",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "solidarite.middleware.ContentSecurityPolicyMiddleware",
    "solidarite.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "solidarite.middleware.ApiJsonBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last on purpose: under ASGI, Django runs the async-capable middleware below a sync-only one
    # on the event loop, at two thread switches each. Innermost, it leaves the whole stack in the
    # request's thread: six switches per request instead of nine (counted with AsyncClient).
    "solidarite.accounts.middleware.ActivityMiddleware",
]

ROOT_URLCONF = "solidarite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidarite.context_processors.platform",
            ],
            # {% load money %} anywhere: the one way amounts are printed for people (solidarite/money.py).
            # {% load authored %}: lang="fr" (dir="ltr") on text people wrote, on pages in another language.
            "libraries": {"money": "solidarite.money", "authored": "solidarite.authored"},
        },
    },
]

ASGI_APPLICATION = "solidarite.asgi.application"
WSGI_APPLICATION = None

# --- Storage -------------------------------------------------------------------------------

DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# No persistent connections (CONN_MAX_AGE): under ASGI Django runs each request's sync code in a
# thread of its own, so a connection kept "for the thread" is never reused and waits, open, for
# the garbage collector; on PostgreSQL a pool shares the connections instead (below).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue on BEGIN IMMEDIATE instead of failing half-way through a transaction:
        # this is what serialises the "check then write" rules (bookings, budgets) on SQLite.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool, per process: a request borrows a connection for its duration and gives it
    # back; past max_size a request waits up to DB_POOL_TIMEOUT seconds, then fails cleanly.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("DB_POOL_MIN_SIZE", 2),
        "max_size": envint("DB_POOL_MAX_SIZE", 20),
        "timeout": envfloat("DB_POOL_TIMEOUT", 10.0),
    }
    # A ModelChoiceField reads its choices with QuerySet.iterator(), which outside a transaction
    # PostgreSQL serves through a WITH HOLD cursor: three round trips and a materialised copy for
    # seven quartiers. Our other iterator() calls are nightly sweeps whose rows fit in memory.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process's memory: rendered public list parts (solidarite.fragments), keyed by the content
# version the database keeps, so every process sees a write at once; and the handful of quartiers
# (places.models.nearest_quartier, a minute at most). Nothing else is cached.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": 120,  # keys carry the minute: older ones are never asked for again
        "OPTIONS": {"MAX_ENTRIES": envint("FRAGMENT_CACHE_ENTRIES", 2000)},
    },
}

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "solidarite.channel_layer.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": envstr("CHANNEL_LAYER_PREFIX", "solidarite"),
                "capacity": envint("CHANNEL_LAYER_CAPACITY", 200),
                "expiry": 60,
                "group_expiry": 86400,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "solidarite.channel_layer.InMemoryChannelLayer"}}
# Size of each process's Redis pool; connections beyond it wait (BlockingConnectionPool) rather
# than fail, so a burst of sockets connecting at once queues instead of erroring.
REDIS_POOL_SIZE = envint("REDIS_POOL_SIZE", 200)
REDIS_POOL_TIMEOUT = envfloat("REDIS_POOL_TIMEOUT", 10.0)
REDIS_CONNECT_TIMEOUT = envfloat("REDIS_CONNECT_TIMEOUT", 1.0)
# A Redis that hangs answers nothing and refuses nothing: the longest one command may wait for its
# answer (the blocking receive excepted, solidarite/channel_layer.py), and the longest one push, a
# socket's group join or leave may take in all before it is given up (and logged: the database
# keeps the data, a socket that reconnects replays it). Pushes never make a request wait
# (solidarite/notifications/realtime.py).
REDIS_SOCKET_TIMEOUT = envfloat("REDIS_SOCKET_TIMEOUT", 2.0)
CHANNEL_LAYER_TIMEOUT = envfloat("CHANNEL_LAYER_TIMEOUT", 3.0)

# --- Accounts ------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["solidarite.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# CNIL practice: an account unused for two years is warned, then erased a month later.
INACTIVE_ACCOUNT_WARN_DAYS = envint("INACTIVE_ACCOUNT_WARN_DAYS", 730)
INACTIVE_ACCOUNT_GRACE_DAYS = envint("INACTIVE_ACCOUNT_GRACE_DAYS", 30)
LOGIN_RATE_LIMIT = envint("LOGIN_RATE_LIMIT", 10)  # failed attempts per e-mail per 15 minutes

# --- Security ------------------------------------------------------------------------------

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Health checks (container, load balancer) talk plain HTTP to the process itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind our TLS proxy, trust what it adds: the scheme, and the client address it appends last to
# X-Forwarded-For (NUM_PROXIES below; solidarite.accounts.throttle.client_address). Without it,
# those headers come from the client and are ignored.
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Failed sign-ins per client address per quarter of an hour, whatever the e-mails tried (one client
# trying many accounts); LOGIN_RATE_LIMIT counts them per (address, e-mail). See accounts/throttle.py.
LOGIN_ADDRESS_RATE_LIMIT = envint("LOGIN_ADDRESS_RATE_LIMIT", 30)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Django's database sessions, read with one statement written once instead of through the ORM on every
# page (solidarite/accounts/sessions.py; docs/settings.md says why not Redis or signed cookies).
SESSION_ENGINE = "solidarite.accounts.sessions"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Caps per account on mutual help (solidarite/help/checks.py): help requests and offers posted
# per hour, messages sent per ten minutes. Beyond them the person is asked to wait (429 in the API).
HELP_POSTS_PER_HOUR = envint("HELP_POSTS_PER_HOUR", 10)
HELP_MESSAGES_PER_10_MIN = envint("HELP_MESSAGES_PER_10_MIN", 30)
for _cap in ("HELP_POSTS_PER_HOUR", "HELP_MESSAGES_PER_10_MIN"):
    if globals()[_cap] < 1:
        raise ImproperlyConfigured(f"{_cap} must be 1 or more.")
# HTTP requests inside Django at once, per process (solidarite.asgi.ConcurrencyLimit); the rest
# queue on the event loop. Each holds a database connection: keep it at or under DB_POOL_MAX_SIZE.
HTTP_CONCURRENCY = envint("HTTP_CONCURRENCY", 8)
if HTTP_CONCURRENCY < 1:
    raise ImproperlyConfigured("HTTP_CONCURRENCY must be 1 or more.")
# Largest WebSocket frame a consumer accepts (bytes); bigger ones get an error frame.
WEBSOCKET_MAX_MESSAGE_BYTES = envint("WEBSOCKET_MAX_MESSAGE_BYTES", 16 * 1024)

# --- Internationalisation ------------------------------------------------------------------

LANGUAGE_CODE = "fr"
# Arabic: the language most newcomers to Loire-Atlantique share (docs/decisions.md); its name is written in
# Arabic in every language, as the switcher shows each language in itself.
LANGUAGES = [("fr", _("Français")), ("en", _("English")), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))

# --- E-mail ----------------------------------------------------------------------------------

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Solidarité <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- The town (data, not code: another commune changes these) ----------------------------------

TOWN_NAME = envstr("TOWN_NAME", "Rezé")
TOWN_INSEE_CODE = envstr("TOWN_INSEE_CODE", "44143")
TOWN_POSTAL_CODE = envstr("TOWN_POSTAL_CODE", "44400")
TOWN_CENTER = (envfloat("TOWN_CENTER_LAT", 47.1772), envfloat("TOWN_CENTER_LON", -1.5492))
# Posts must fall within this distance of the town centre.
TOWN_RADIUS_KM = envfloat("TOWN_RADIUS_KM", 8.0)
TOWN_SIRET = envstr("TOWN_SIRET", "")
# The town's intercommunality (EPCI) and département, as the guide of aids names them; the EPCI's SIREN is
# where its aids apply in the data·inclusion services export (zone_eligibilite). 244400404 is Nantes Métropole's.
TOWN_EPCI_SIREN = envstr("TOWN_EPCI_SIREN", "244400404")
TOWN_EPCI_NAME = envstr("TOWN_EPCI_NAME", "Nantes Métropole")
TOWN_DEPARTEMENT_NAME = envstr("TOWN_DEPARTEMENT_NAME", "Loire-Atlantique")
# Access to rights: an aid checked against its source today is due for review again after this many days.
RIGHTS_REVIEW_INTERVAL_DAYS = envint("RIGHTS_REVIEW_INTERVAL_DAYS", 180)
if RIGHTS_REVIEW_INTERVAL_DAYS < 1:
    raise ImproperlyConfigured("RIGHTS_REVIEW_INTERVAL_DAYS must be 1 or more.")

# Equipment from refurbishers (docs/settings.md): one device per household per this many years; an
# offered device waits this many days for its household to book a handover, then goes to the next.
EQUIPMENT_YEARS_BETWEEN_DEVICES = envint("EQUIPMENT_YEARS_BETWEEN_DEVICES", 3)
EQUIPMENT_OFFER_DAYS = envint("EQUIPMENT_OFFER_DAYS", 7)
if EQUIPMENT_YEARS_BETWEEN_DEVICES < 1 or EQUIPMENT_OFFER_DAYS < 1:
    raise ImproperlyConfigured("EQUIPMENT_YEARS_BETWEEN_DEVICES and EQUIPMENT_OFFER_DAYS must be 1 or more.")
# Estimate of rights (OpenFisca-France, solidarite/estimate): worker processes computing simulations
# (each holds the tax-benefit system, ~250 MB), households computed together at most, and whether the
# workers load it at start-up (production) rather than on the first estimate (demo, tests).
ESTIMATE_WORKERS = envint("ESTIMATE_WORKERS", 1)
ESTIMATE_BATCH = envint("ESTIMATE_BATCH", 20)
ESTIMATE_PRELOAD = envbool("ESTIMATE_PRELOAD", False)
# A saved estimate (saved only when the person asks) is deleted after this many days (purge_saved_estimates).
ESTIMATE_RETENTION_DAYS = envint("ESTIMATE_RETENTION_DAYS", 365)
if ESTIMATE_WORKERS < 1 or ESTIMATE_BATCH < 1 or ESTIMATE_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("ESTIMATE_WORKERS, ESTIMATE_BATCH and ESTIMATE_RETENTION_DAYS must be 1 or more.")
if not (len(TOWN_EPCI_SIREN) == 9 and TOWN_EPCI_SIREN.isdigit()):
    raise ImproperlyConfigured("TOWN_EPCI_SIREN must be the 9 digits of the intercommunality's SIREN.")
# Exceptional support: a request waiting this many days for the city's answer is flagged and its
# reviewer alerted (manage.py support_alert_stale); attachments larger than this are refused.
SUPPORT_STALE_DAYS = envint("SUPPORT_STALE_DAYS", 10)
SUPPORT_ATTACHMENT_MAX_BYTES = envint("SUPPORT_ATTACHMENT_MAX_BYTES", 4 * 1024 * 1024)
# Photos of the rooms (JPEG, PNG, WebP, recognised by their content): larger uploads are refused.
ROOM_PHOTO_MAX_BYTES = envint("ROOM_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# Photos of the items of the library of things (same formats): larger uploads are refused.
LENDING_PHOTO_MAX_BYTES = envint("LENDING_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
GIFT_PHOTO_MAX_BYTES = envint("GIFT_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# A neighbour's public point is snapped to a grid of this size (metres), then labelled by quartier.
PUBLIC_POINT_GRID_M = envint("PUBLIC_POINT_GRID_M", 300)

MAP_TILES_URL = envstr("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = envstr("MAP_TILES_ATTRIBUTION", "© les contributeurs d'OpenStreetMap")
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": TOWN_CENTER,
    "DEFAULT_ZOOM": 13,
    "MIN_ZOOM": 11,
    "MAX_ZOOM": 18,
    "TILES": [(_("Plan"), MAP_TILES_URL, {"attribution": MAP_TILES_ATTRIBUTION, "maxZoom": 19})],
    "RESET_VIEW": False,
}

# --- API ---------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    # Personal access tokens first (hashed, revocable, optionally read-only; no CSRF: see the
    # module), then the session with its CSRF check. Token first: a request without credentials
    # then gets 401 with a WWW-Authenticate header, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "solidarite.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # DRF's own three, refusing a NUL character anywhere in the body (see solidarite/api.py).
    "DEFAULT_PARSER_CLASSES": [
        "solidarite.api.JSONParser",
        "solidarite.api.FormParser",
        "solidarite.api.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "solidarite.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "solidarite.api.exception_handler",
    # The client address of the throttles: REMOTE_ADDR, or the X-Forwarded-For entry our proxy added
    # (DRF's default, None, reads the whole header as the client wrote it: a new address per request).
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
    "DEFAULT_THROTTLE_CLASSES": [
        "solidarite.accounts.api_throttling.AnonRateThrottle",
        "solidarite.accounts.api_throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("API_ANON_RATE", "120/minute"),
        "user": envstr("API_USER_RATE", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Solidarité API",
    "DESCRIPTION": "API de la maison des associations virtuelle : entraide, associations, salles, commerces.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Bodies are documented as JSON, the format clients use. Forms are still read (DRF's browsable
    # API); listing them thrice per operation tripled the docs and the fuzzing for nothing new.
    "PARSER_WHITELIST": ["solidarite.api.JSONParser"],
    # 400/401/403/404/429 where the API answers them (see the module, and docs/decisions.md).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "solidarite.api_schema.document_refusals",
    ],
    # Ids in paths are <id:…> (solidarite/converters.py): say "integer" with its range, not a pattern.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}},
    # Choice sets that share a field name across apps get an explicit, stable name.
    "ENUM_NAME_OVERRIDES": {
        "SupportKindEnum": "associations.support.models.SupportKind",
        "SupportRequestStateEnum": "associations.support.models.SupportRequest.State",
        "GrantNatureEnum": "associations.support.models.Grant.Nature",
        "ShopKindEnum": "solidarite.shops.models.Shop.Kind",
        "InitiativeKindEnum": "solidarite.shops.models.Initiative.Kind",
        "ActionKindEnum": "associations.directory.models.Action.Kind",
        "ParticipationKindEnum": "associations.directory.models.Participation.Kind",
        "AppointmentReasonEnum": "solidarite.rights.permanence_models.REASONS",
        "ReportReasonEnum": "solidarite.help.models.Report.Reason",
        "DigitalPublicEnum": "solidarite.digital.models.Public",
        # The commons and the épicerie name their own choice sets alike (condition, category, step).
        "GroceryCategoryEnum": "solidarite.grocery.surplus_models.Category",
        "LoanConditionEnum": "solidarite.lending.models.Condition",
        "GiftConditionEnum": "solidarite.giveaways.models.Condition",
        "DeviceConditionEnum": "solidarite.equipment.models.Condition",
        "AcceptOrDeclineStepEnum": [("accept", "accept"), ("decline", "decline")],
        "GardenPlotStepEnum": [("free", "free"), ("close", "close"), ("reopen", "reopen")],
        "GiftStepEnum": [("give", "give"), ("drop", "drop"), ("release", "release"), ("withdraw", "withdraw")],
        "SurplusStepEnum": [("accept", "accept"), ("withdraw", "withdraw")],
        "EquipmentRequestStepEnum": [
            (step, step) for step in ("book", "decline", "withdraw", "hand_over", "refuse", "assign")
        ],
        "RepairRecordStepEnum": "solidarite.repairs.api.RECORD_STEPS",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"refusals_at_info": {"()": "solidarite.log_filters.RefusalsAtInfo"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "daphne": {"level": "WARNING"},
        # A 403 is one line at INFO, without the PermissionDenied traceback (solidarite/log_filters.py).
        "django.request": {"filters": ["refusals_at_info"]},
    },
}
