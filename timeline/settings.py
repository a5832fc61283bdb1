"""Settings for the timeline project, read from the environment.

DEBUG is off unless asked for (DEBUG=1), and then a SECRET_KEY is required: the settings
refuse to load without one. `python3 dev.py run` and the test suite ask for DEBUG, which
brings the development defaults: SQLite in the checkout, a fixed key, localhost only.
Production sets DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS, and gets HTTPS-only cookies,
HSTS and a redirect to HTTPS (see "Serving in production" in the README).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development key is only ever used with DEBUG on; production must set its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(for development, set DEBUG=1 instead)."
        )
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# HTTPS in production: cookies only over HTTPS, HSTS for a year (subdomains included, and
# marked for browsers' preload lists), plain HTTP redirected. Behind a proxy that ends TLS,
# set PROXY_SSL_HEADER to the header it sets (X-Forwarded-Proto) so Django sees HTTPS.
# Each can be turned down from the environment, e.g. HSTS_SECONDS=300 while trying it out.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
if os.environ.get("PROXY_SSL_HEADER"):
    header = "HTTP_" + os.environ["PROXY_SSL_HEADER"].upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (header, "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change (django-simple-history), from the admin and the API alike.
    "simple_history.middleware.HistoryRequestMiddleware",
    "events.routers.PrimaryForWritesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "timeline.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "timeline.wsgi.application"

SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long analytical queries; for the API's short ones it
    # costs more than it saves (tens of milliseconds on a search over a million events).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (web workers, an ingest, an admin session) share one file: WAL lets
    # readers go on during a write; IMMEDIATE takes the write lock when a transaction
    # starts, so two writers queue on the busy timeout instead of failing to upgrade a
    # read lock half-way with "database is locked". Connections are kept (CONN_MAX_AGE)
    # as on PostgreSQL: opening one runs these PRAGMAs, a millisecond per request.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }

# Read replicas (PostgreSQL streaming replication), as a comma-separated list of URLs:
# reads go to one of them, writes and reads that must see a write to the primary
# (events/routers.py). Under the test runner each replica mirrors the primary.
REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", "")
DATABASE_REPLICAS = [f"replica{number}" for number in range(1, len(REPLICA_URLS) + 1)]
for alias, url in zip(DATABASE_REPLICAS, REPLICA_URLS, strict=True):
    DATABASES[alias] = dj_database_url.parse(
        url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES[alias]["OPTIONS"] = {"options": "-c jit=off"}
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["events.routers.ReplicaRouter"]

# Request throttling counts in the cache. Each process has its own by default; app servers
# that share one database set SHARED_CACHE=1 to count in a table there (made by bootstrap,
# or `manage.py createcachetable`), so that a client's limit holds across them all.
if env_bool("SHARED_CACHE", False):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "timeline_cache",
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development (and under the test runner, which turns DEBUG off after settings load)
# files come from the apps as they change; production serves the collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    # Token first, so that a request without credentials is told so with a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Anyone reads; writing takes the model's add, change or delete permission.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    # Writes take JSON only (the token endpoint also takes a form): one body format to check.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "events.pagination.KeysetPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "events.throttles.AnonymousThrottle",
        "events.throttles.UserThrottle",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "events.renderers.FormatNegotiation",
    "DEFAULT_SCHEMA_CLASS": "events.schema.AutoSchema",
    "EXCEPTION_HANDLER": "events.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "LIST_SERIALIZER_ERRORS_AS_DICT": True,
    # Clients are told apart by address: by default the connection's own, since an
    # X-Forwarded-For header is whatever the client says. Behind N trusted proxies set N.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
}
# Requests per client (by IP for anonymous users, by account otherwise).
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/minute")
API_USER_RATE = os.environ.get("API_USER_RATE", "1200/minute")
API_LOGIN_RATE = os.environ.get("API_LOGIN_RATE", "10/minute")
# Date extraction (/api/extract/), per account or address, whoever asks: it is CPU-bound.
API_EXTRACT_RATE = os.environ.get("API_EXTRACT_RATE", "30/minute")
# The longest text, in characters, /api/extract/ takes in one request.
EXTRACT_MAX_CHARS = int(os.environ.get("EXTRACT_MAX_CHARS", "100000"))
# The most events the timeline page shows at once; beyond, it asks to narrow the filters.
TIMELINE_PAGE_EVENTS = int(os.environ.get("TIMELINE_PAGE_EVENTS", "1000"))
# The most events /api/timeline/ groups in one answer.
TIMELINE_MAX_EVENTS = int(os.environ.get("TIMELINE_MAX_EVENTS", "5000"))

SPECTACULAR_SETTINGS = {
    "TITLE": "Timeline API",
    "DESCRIPTION": (
        "Dated events with the actors involved, each backed by the exact passages of the "
        "sources that mention it. Dates are EDTF strings with the first and last day they "
        "can mean; partial dates are never rounded to a day. Errors share one shape: "
        '{"status", "code", "message", "errors": {parameter or field: [messages]}}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to validator.swagger.io for its badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "events.models.Source.Kind",
        "ActorKindEnum": "events.models.Actor.Kind",
        "EventStatusEnum": "events.models.Event.Status",
        "MentionTypeEnum": "events.serializers.TIMEX_TYPES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "events.schema.add_error_responses",
    ],
}

# The largest request body read (a new source's text comes in one): 10 MB unless set.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("MAX_REQUEST_BYTES", str(10 * 1024 * 1024)))
CSRF_FAILURE_VIEW = "events.errors.csrf_failure"

# Where `bootstrap` finds the seed documents and the curated fixtures.
SEEDS_DIR = BASE_DIR / "seeds"
FIXTURES_DIR = BASE_DIR / "fixtures"
FIXTURE_DIRS = [FIXTURES_DIR]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
