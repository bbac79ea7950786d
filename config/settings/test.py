"""Test settings: fast hashing, plain static storage, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import DATABASES, EMBEDDED_DATABASE, INSTALLED_APPS, REST_FRAMEWORK

INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]

if EMBEDDED_DATABASE:
    # The suite creates its own databases; nothing run with these settings reads db.sqlite3,
    # so a fresh checkout (`make check`) does not need one.
    DATABASES = {"default": {**DATABASES["default"], "NAME": ":memory:"}}

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps (no collectstatic in tests), as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The suite sends thousands of requests a minute as the same few users (ids are reused after
# each test's rollback); throttling has its own tests, which set low rates.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
# The suite sends malformed and revoked tokens and wrong passwords on purpose, from one address.
API_THROTTLE_FAILED_AUTH = None
# The claim index is built by the match that needs it (the tests' data is in their transaction).
CLAIMS_MATCH_BUILD_WAIT = 0
ADMIN_LOGIN_THROTTLE = {"username": None, "address": None}
# No worker runs under the suite: a task runs when it is enqueued. The database backend is
# there beside it for the admin's pages of queued task results, which load it by name.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Every test reads the public list's topics as its data has them (their own test caches them).
PUBLIC_TOPICS_CACHE_SECONDS = 0
# The suite's webhook receivers listen on 127.0.0.1.
WEBHOOK_ALLOW_PRIVATE_HOSTS = True
