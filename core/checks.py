"""System checks of the settings the project adds: a bad rate fails at start, not per
request, and a forgotten ``DATABASE_URL`` is said as much instead of creating an empty file."""

import contextvars
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from core.api.throttling import parse_rate

# The kinds of identity the admin's failed logins are counted by (core.logins).
ADMIN_LOGIN_KINDS = {"username", "address"}


def configured_rates() -> dict[str, object]:
    """Every throttle rate of the settings, by where it is set."""
    rates = {
        f"REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'][{scope!r}]": rate
        for scope, rate in settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).items()
    }
    rates["API_THROTTLE_FAILED_AUTH"] = settings.API_THROTTLE_FAILED_AUTH
    for kind, rate in settings.ADMIN_LOGIN_THROTTLE.items():
        rates[f"ADMIN_LOGIN_THROTTLE[{kind!r}]"] = rate
    return rates


def throttle_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for name, rate in configured_rates().items():
        try:
            parse_rate(rate)
        except (ImproperlyConfigured, TypeError) as error:
            errors.append(checks.Error(f"{name}: {error}", id="core.E001"))
    unknown = set(settings.ADMIN_LOGIN_THROTTLE) - ADMIN_LOGIN_KINDS
    if unknown:
        errors.append(
            checks.Error(
                f"ADMIN_LOGIN_THROTTLE counts failed logins by username and address only, "
                f"not by {', '.join(sorted(unknown))}.",
                id="core.E003",
            )
        )
    proxies = settings.TRUSTED_PROXY_COUNT
    if not isinstance(proxies, int) or proxies < 0:
        errors.append(
            checks.Error(
                f"TRUSTED_PROXY_COUNT must be a whole number of proxies, not {proxies!r}.",
                id="core.E002",
            )
        )
    return errors


# Set while ``migrate`` runs (``core/management/commands/migrate.py``): the one command that
# may create the SQLite database.
_creating_database = contextvars.ContextVar("creating_database", default=False)


@contextmanager
def creating_database():
    token = _creating_database.set(True)
    try:
        yield
    finally:
        _creating_database.reset(token)


def sqlite_database_exists(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Opening a SQLite file that does not exist creates an empty database, and every
    command then fails on a missing table: a checkout migrated on PostgreSQL, run in a shell
    without its ``DATABASE_URL``, would do that silently (``core.backends.sqlite3``)."""
    problem = missing_sqlite_database(settings.DATABASES["default"])
    return [] if problem is None else [problem]


SQLITE_ENGINES = ("core.backends.sqlite3", "django.db.backends.sqlite3")


def missing_sqlite_database(database: dict) -> checks.Error | None:
    """What to say when ``database`` (a ``DATABASES`` entry) is a SQLite file that does not
    exist, unless ``migrate`` is running, which creates it."""
    name = str(database["NAME"])
    if (
        database["ENGINE"] not in SQLITE_ENGINES
        or _creating_database.get()
        or name == ":memory:"
        or "mode=memory" in name
        or Path(name).exists()
    ):
        return None
    if settings.EMBEDDED_DATABASE:
        message = (
            f"DATABASE_URL is not set, so the embedded SQLite database {name} would be used, "
            "and it does not exist yet."
        )
        hint = (
            "To use PostgreSQL, set DATABASE_URL (for example "
            "postgres://user@127.0.0.1:5432/claimtrack); to start on SQLite, run `make run` "
            "or `python manage.py migrate`."
        )
    else:
        message = f"The SQLite database of DATABASE_URL, {name}, does not exist yet."
        hint = "Create it with `python manage.py migrate`, or correct DATABASE_URL."
    return checks.Error(message, hint=hint, id="core.E004")
