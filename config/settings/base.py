"""Settings shared by every environment; every value can come from the environment."""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "core.apps.AdminConfig",  # django.contrib.admin, with a login that throttles failures
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks_db",
    "core",
    "sources",
    "claims",
    "reviews",
    "publication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that may read the database: 503 while it cannot be reached.
    "core.middleware.DatabaseAvailabilityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.ApiRequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Django's default message storage, its backends built only for requests that use messages.
MESSAGE_STORAGE = "core.messages.LazyFallbackStorage"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]
# Django's form renderer, with its commonest widget templates written in Python.
FORM_RENDERER = "core.form_rendering.FormRenderer"


# A PostgreSQL memory size: digits and an optional unit, nothing that could add other options.
_WORK_MEM_PATTERN = re.compile(r"[0-9]+(kB|MB|GB)?")


def database_from_env(default: str) -> dict:
    """Parse DATABASE_URL, treating an empty value as unset (environ parses "" to {})."""
    url = env.str("DATABASE_URL", default="") or default
    config = environ.Env.db_url_config(url)
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
    # A pooled connection that died with a database restart must be noticed, not answer a 500.
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Django's, except that only migrate creates a missing database file.
        config["ENGINE"] = "core.backends.sqlite3"
        # Django's default for SQLite, said outright: tools that recognise SQLite by its
        # engine's name (pytest-django's per-worker databases) do not know this one.
        config.setdefault("TEST", {}).setdefault("NAME", ":memory:")
        # Concurrent writers queue for the write lock instead of failing with "database is
        # locked": a transaction takes it when it begins (not when it first writes, which
        # SQLite cannot wait for), and waits up to 20 s for it.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Django's, except that the check of a kept connection per request costs no round
        # trip unless the server has said something (core.backends.postgresql).
        config["ENGINE"] = "core.backends.postgresql"
        # With PostgreSQL's default 4 MB, searching 1M claims for a common word turns the
        # bitmap of matching quotes lossy and rechecks 600,000 of them: 11 s instead of 1 s.
        work_mem = env.str("DATABASE_WORK_MEM", default="16MB")
        if work_mem:
            if not _WORK_MEM_PATTERN.fullmatch(work_mem):
                raise ImproperlyConfigured(
                    f"DATABASE_WORK_MEM must be a size such as 16MB, not {work_mem!r}."
                )
            options = config.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c work_mem={work_mem}".strip()
        # Parameters travel apart from the query, so that a query run again on a kept
        # connection is prepared once: PostgreSQL then parses it once and, where it finds a
        # plan as good for any value, plans it once. At 1M claims planning a write's queries
        # (tables of many indexes) costs more than running them. A pooler that hands
        # connections out per transaction cannot keep prepared statements:
        # DATABASE_PREPARE_THRESHOLD= (empty) turns them off, and parameters are bound in
        # the client again (Django's default: one round trip a query, no statement kept).
        threshold = env.str("DATABASE_PREPARE_THRESHOLD", default="5")
        if threshold and not (threshold.isascii() and threshold.isdigit()):
            raise ImproperlyConfigured(
                "DATABASE_PREPARE_THRESHOLD must be a number of runs such as 5, or empty to "
                f"prepare nothing, not {threshold!r}."
            )
        if threshold:
            options = config.setdefault("OPTIONS", {})
            options["server_side_binding"] = True
            options["prepare_threshold"] = int(threshold)
    return config


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# True when DATABASE_URL is unset and the embedded SQLite file is the database (core.checks).
EMBEDDED_DATABASE = not env.str("DATABASE_URL", default="")
# While the database cannot be reached, requests get 503 with this Retry-After (seconds).
DATABASE_RETRY_AFTER_SECONDS = env.int("DATABASE_RETRY_AFTER_SECONDS", default=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A strict policy: everything the pages need is served from this origin.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Publication: the organisation the public fact-checks (and their ClaimReview author) name.
# An empty URL means the site's own home page, as the request reaches it.
CLAIMTRACK_PUBLISHER_NAME = env.str("CLAIMTRACK_PUBLISHER_NAME", default="Claimtrack")
CLAIMTRACK_PUBLISHER_URL = env.str("CLAIMTRACK_PUBLISHER_URL", default="")

# A write with a session but without its CSRF token: JSON under /api/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# REST API (/api/v1/)
# The largest file the admin's article intake reads (a text or a saved page).
SOURCES_INTAKE_MAX_UPLOAD_BYTES = env.int("SOURCES_INTAKE_MAX_UPLOAD_BYTES", default=5_242_880)
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1_048_576)
# POST /api/v1/claims/ answers the new claim's duplicate candidates (``similar``); a bulk load
# that does not read them may turn this off and save a match per write (``similar`` is null).
CLAIMS_SIMILAR_ON_CREATE = env.bool("CLAIMS_SIMILAR_ON_CREATE", default=True)
# A process's first match builds its index of the claims (tens of seconds at a million): in
# a thread of its own, waited for this many seconds by the match (503 with Retry-After past
# it), so that no request outlives the server's worker timeout. 0 builds it in the request.
CLAIMS_MATCH_BUILD_WAIT = env.float("CLAIMS_MATCH_BUILD_WAIT", default=20.0)
# Whether a server's process starts building its claim index when it starts (config.wsgi).
CLAIMS_MATCH_BUILD_AT_START = env.bool("CLAIMS_MATCH_BUILD_AT_START", default=True)
# Path and query, as sent; longer URLs under /api/ get 414 (gunicorn refuses request lines
# over 8190 bytes before Django runs: gunicorn.conf.py).
API_MAX_URL_LENGTH = env.int("API_MAX_URL_LENGTH", default=4096)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.WithdrawnFilterBackend",
        "core.api.filters.LazyFilterBackend",
        "core.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.RememberedContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StrictCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonThrottle",
        "core.api.throttling.UserThrottle",
    ],
    # Per user, whichever token or session: above what one client can get from the reference
    # deployment (the claims list, the cheapest request, at 8 connections on 2 gunicorn
    # workers: 300–500 a second, 30,000 a minute at most; sequentially 2,000–4,000), so an
    # integration reading at full speed is never refused, while a runaway or leaked token is
    # held to 1,000 a second on a larger deployment, leaving the rest to everyone else.
    # Shared by the workers through CACHE_URL; counted per worker without it (core.api.throttling).
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="60000/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimtrack API",
    "DESCRIPTION": (
        "Who claimed what, on whose authority, through whom it reached us, in which words, "
        "and who denied it. Authenticate with `Authorization: Bearer <token>`; errors share "
        "one JSON format; collections use cursor pagination; details carry ETags. A query "
        "parameter an operation does not document, and a body field its request does not "
        "list, are refused (400); the read-only fields of a representation (`id`, `url`, "
        "`created_at`…) may be sent back unchanged in an update, and are ignored."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.allow_empty_query_values",
    ],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Docstrings of the bases that add behaviour describe no object of the API.
    "GET_LIB_DOC_EXCLUDES": "core.api.schema.lib_doc_excludes",
    # Several models have a "kind", each with its own choices: name each set after its class.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "sources.choices.ActorKind",
        "SourceKindEnum": "sources.choices.SourceKind",
        "ClaimKindEnum": "claims.choices.ClaimKind",
        "RelationKindEnum": "claims.choices.RelationKind",
        "ReviewStateEnum": "reviews.choices.ReviewState",
        "DatePrecisionEnum": "core.dates.DatePrecision",
        "DeliveryStatusEnum": "core.models.DeliveryStatus",
        # The match queue's statuses keep the name they had before deliveries had one too.
        "StatusEnum": "reviews.choices.MatchStatus",
    },
}

# Failed bearer-token authentications a client address may make before it gets 429 (empty:
# no limit). Counted before the token is looked up; see core.api.authentication.
API_THROTTLE_FAILED_AUTH = env.str("API_THROTTLE_FAILED_AUTH", default="20/minute") or None
# Failed admin logins a username, and a client address, may make before further logins are
# refused (a correct password too) until the failures fall back under the rate. Set as
# "username=10/15minutes,address=30/15minutes"; an empty rate: no limit.
ADMIN_LOGIN_THROTTLE = {
    "username": "10/15minutes",
    "address": "30/15minutes",
    **{kind: rate or None for kind, rate in env.dict("ADMIN_LOGIN_THROTTLE", default={}).items()},
}
# How many proxies in front of the app append the address they were reached from to
# X-Forwarded-For. 0: the header is ignored and REMOTE_ADDR is the client (core.clients).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Throttling counts and recent token identities live in the cache: Redis when CACHE_URL names
# it, else per process.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Django's, with one client per process instead of one per call (core.backends.redis).
    CACHES["default"]["BACKEND"] = "core.backends.redis.cache.RedisCache"
# How long the public list's topic choices (those with a published fact-check) are kept in
# the cache; a topic published since is offered when they expire, and filtered on at once.
PUBLIC_TOPICS_CACHE_SECONDS = env.int("PUBLIC_TOPICS_CACHE_SECONDS", default=60)
# How long a token's identity (its user and their permissions) may be reused without a query.
# A change made through the app (revoking a token, a user's roles) ends it at once in every
# process sharing the cache; other processes keep theirs until then. 0: a query per request.
API_IDENTITY_CACHE_SECONDS = env.int("API_IDENTITY_CACHE_SECONDS", default=60)

AUTHENTICATION_BACKENDS = ["core.auth.ModelPermissionsBackend"]

# Background tasks (django.tasks), by TASKS_BACKEND: "database" queues them in the database
# for `manage.py db_worker` to run (django-tasks-db); "immediate" runs each one as it is
# enqueued, in the process that enqueues it, where no worker runs (development, tests).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}


def tasks_from_env(default: str) -> dict:
    """The TASKS setting of the backend TASKS_BACKEND names (``default`` when unset)."""
    name = env.str("TASKS_BACKEND", default="") or default
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_from_env("database")

# Webhooks (core.webhooks). Deliveries refuse addresses on loopback, private, link-local and
# other reserved networks unless allowed here (a receiver inside your own network).
WEBHOOK_ALLOW_PRIVATE_HOSTS = env.bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", default=False)
# Where the API is reached, for the absolute links of deliveries ("https://claimtrack.example");
# empty, they are paths ("/api/v1/claims/5/").
WEBHOOK_SITE_URL = env.str("WEBHOOK_SITE_URL", default="")
# Seconds a receiver has to answer one delivery.
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=5.0)
# The task backend (a key of TASKS) that sends deliveries and schedules their retries.
WEBHOOK_TASK_BACKEND = env.str("WEBHOOK_TASK_BACKEND", default="default")
