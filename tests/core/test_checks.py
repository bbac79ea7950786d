"""The throttling settings are checked when the project starts, not on the first request."""

import pytest
from django.core.management import call_command

from core.checks import throttle_settings


@pytest.mark.django_db  # the system checks ask the database what it supports (JSON fields)
def test_the_settings_of_every_environment_pass(settings):
    call_command("check")
    settings.API_THROTTLE_FAILED_AUTH = "20/minute"
    settings.TRUSTED_PROXY_COUNT = 2
    assert throttle_settings() == []


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("API_THROTTLE_FAILED_AUTH", "20/fortnight", "core.E001"),
        ("API_THROTTLE_FAILED_AUTH", 20, "core.E001"),
        ("ADMIN_LOGIN_THROTTLE", {"username": "10/15 fortnights", "address": None}, "core.E001"),
        ("ADMIN_LOGIN_THROTTLE", {"username": "10/15m", "user": "3/m"}, "core.E003"),
        ("TRUSTED_PROXY_COUNT", -1, "core.E002"),
        ("TRUSTED_PROXY_COUNT", "1", "core.E002"),
    ],
)
def test_a_setting_that_cannot_work_is_an_error(settings, name, value, error):
    setattr(settings, name, value)
    assert [message.id for message in throttle_settings()] == [error]


def test_the_apis_rates_are_checked_too(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/minutes", "user": "lots"},
    }
    (error,) = throttle_settings()
    assert "'user'" in error.msg


def test_a_forgotten_database_url_is_named_with_both_ways_out(settings, tmp_path):
    """With DATABASE_URL unset and no SQLite file yet, the check says how to use PostgreSQL
    and how to start on SQLite; migrate alone may create the file."""
    from core.checks import creating_database, missing_sqlite_database

    settings.EMBEDDED_DATABASE = True
    database = {"ENGINE": "core.backends.sqlite3", "NAME": tmp_path / "db.sqlite3"}
    error = missing_sqlite_database(database)
    assert error.id == "core.E004"
    assert "DATABASE_URL is not set" in error.msg
    assert "postgres://" in error.hint
    assert "make run" in error.hint
    with creating_database():
        assert missing_sqlite_database(database) is None
    (tmp_path / "db.sqlite3").touch()
    assert missing_sqlite_database(database) is None
    assert missing_sqlite_database({**database, "NAME": ":memory:"}) is None
