"""Settings: production passes Django's deployment checks and refuses to start half-configured.

Each case runs Django in a fresh interpreter, since settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# A developer's .env would change what is tested: the settings modules alone are.
NO_DOTENV = """
import environ
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)
"""
MANAGE = (
    NO_DOTENV
    + """
import sys
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", *sys.argv[1:]])
"""
)
DUMP_SETTINGS = (
    NO_DOTENV
    + """
import json
from django.conf import settings
database = settings.DATABASES["default"]
print(json.dumps({
    "engine": database["ENGINE"],
    "name": str(database["NAME"]),
    "conn_max_age": database["CONN_MAX_AGE"],
    "conn_health_checks": database["CONN_HEALTH_CHECKS"],
    "options": database.get("OPTIONS", {}),
    "time_zone": settings.TIME_ZONE,
    "use_tz": settings.USE_TZ,
    "debug": settings.DEBUG,
    "secret_key_length": len(settings.SECRET_KEY),
    "identity_cache_seconds": settings.API_IDENTITY_CACHE_SECONDS,
    "cache_backend": settings.CACHES["default"]["BACKEND"],
    "installed_apps": settings.INSTALLED_APPS,
}))
"""
)


def environment(tmp_path, settings_module="config.settings.prod", **overrides) -> dict:
    """A clean environment for the child process: nothing leaks in from the test run."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "claimtrack.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.update(overrides)
    # The SQLite file exists (empty), as after a migration: only migrate creates a missing one.
    (tmp_path / "db.sqlite3").touch()
    return {key: value for key, value in env.items() if value is not None}


def run(code: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (the current interpreter, fixed arguments)
        [sys.executable, "-c", code, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def dump(env: dict) -> dict:
    result = run(DUMP_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_no_issues(tmp_path):
    """`manage.py check --deploy` on production settings prints no warning at all."""
    result = run(MANAGE, environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output
    assert "WARNINGS" not in output


def test_check_deploy_would_report_a_weak_secret_key(tmp_path):
    """The check above can fail: a short key is reported (security.W009)."""
    env = environment(tmp_path, SECRET_KEY="short")
    result = run(MANAGE, env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    """No SECRET_KEY in the environment: the settings fail to load, naming the variable."""
    result = run(MANAGE, environment(tmp_path, SECRET_KEY=None), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_an_empty_secret_key(tmp_path):
    """An empty SECRET_KEY is refused as soon as anything reads it."""
    result = run(DUMP_SETTINGS, environment(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    """Which hosts to serve is never guessed in production."""
    result = run(MANAGE, environment(tmp_path, ALLOWED_HOSTS=None), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_empty_database_url_falls_back_to_sqlite(tmp_path):
    """DATABASE_URL="" means unset (django-environ alone would parse it to no engine)."""
    values = dump(environment(tmp_path, "config.settings.dev", DATABASE_URL=""))
    assert values["engine"] == "core.backends.sqlite3"
    assert values["name"] == str(BASE_DIR / "db.sqlite3")


def test_sqlite_writers_wait_for_the_write_lock_instead_of_failing(tmp_path):
    """Concurrent writes on SQLite (``make run``, ``probe_api``) queue for the lock: a
    transaction takes it when it begins and waits for it, so none fails "database is locked"."""
    values = dump(environment(tmp_path, "config.settings.dev"))
    assert values["options"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}


def test_test_settings_without_database_url_need_no_database_file(tmp_path):
    """`make check` on a fresh checkout: the suite builds its own databases, so the test
    settings fall back to SQLite in memory, not to a db.sqlite3 that does not exist yet."""
    values = dump(environment(tmp_path, "config.settings.test", DATABASE_URL=""))
    assert values["engine"] == "core.backends.sqlite3"
    assert values["name"] == ":memory:"


# manage.py itself, as a person runs it (without a developer's .env).
MANAGE_PY = (
    NO_DOTENV
    + """
import runpy, sys
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""
)


@pytest.mark.parametrize("database_url", [None, ""])
def test_production_refuses_to_start_without_database_url(tmp_path, database_url):
    """Production never falls back to a SQLite file: one line says what to set."""
    result = run(MANAGE_PY, environment(tmp_path, DATABASE_URL=database_url), "check")
    assert result.returncode != 0
    assert "DATABASE_URL is not set: production runs on PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_sqlite_database_is_said_and_never_created_except_by_migrate(tmp_path):
    """Forgetting DATABASE_URL used to create an empty SQLite file and fail on a missing
    table; now the command stops with what to do, and only migrate creates the database."""
    missing = tmp_path / "forgotten.sqlite3"
    env = environment(
        tmp_path, "config.settings.dev", DATABASE_URL=f"sqlite:///{missing}", ALLOWED_HOSTS=None
    )
    for command in (["createsuperuser", "--noinput", "--username", "x"], ["check"]):
        result = run(MANAGE_PY, env, *command)
        assert result.returncode != 0, command
        assert f"{missing}, does not exist yet" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not missing.exists()
    assert run(MANAGE_PY, env, "migrate", "--verbosity", "0").returncode == 0
    assert missing.exists()
    assert run(MANAGE_PY, env, "check").returncode == 0


def test_database_url_picks_postgresql(tmp_path):
    """A PostgreSQL URL configures PostgreSQL (nothing connects to it here)."""
    url = "postgres://claimtrack@db.internal:5432/claimtrack"
    values = dump(environment(tmp_path, DATABASE_URL=url))
    assert values["engine"] == "core.backends.postgresql"
    assert values["name"] == "claimtrack"


POSTGRES_URL = "postgres://claimtrack@db.internal:5432/claimtrack"


@pytest.mark.parametrize(
    ("url", "work_mem", "options"),
    [
        (POSTGRES_URL, None, "-c work_mem=16MB"),
        (POSTGRES_URL, "64MB", "-c work_mem=64MB"),
        (POSTGRES_URL, "", None),
        (
            f"{POSTGRES_URL}?options=-c%20statement_timeout%3D5000",
            None,
            "-c statement_timeout=5000 -c work_mem=16MB",
        ),
        ("sqlite:///db.sqlite3", "64MB", None),
    ],
)
def test_postgresql_sessions_get_the_work_mem_searches_need(tmp_path, url, work_mem, options):
    """16 MB unless DATABASE_WORK_MEM says otherwise (empty: the server's own setting)."""
    values = dump(environment(tmp_path, DATABASE_URL=url, DATABASE_WORK_MEM=work_mem))
    assert values["options"].get("options") == options


def test_a_work_mem_that_is_not_a_size_is_refused(tmp_path):
    """Only a size: the value goes into the connection's options, where more could follow."""
    env = environment(tmp_path, DATABASE_URL=POSTGRES_URL, DATABASE_WORK_MEM="16MB -c fsync=off")
    result = run(DUMP_SETTINGS, env)
    assert result.returncode != 0
    assert "DATABASE_WORK_MEM must be a size such as 16MB" in result.stderr


@pytest.mark.parametrize(
    ("url", "threshold", "expected"),
    [
        (POSTGRES_URL, None, {"server_side_binding": True, "prepare_threshold": 5}),
        (POSTGRES_URL, "0", {"server_side_binding": True, "prepare_threshold": 0}),
        (POSTGRES_URL, "", {}),
        ("sqlite:///db.sqlite3", "3", {}),
    ],
)
def test_postgresql_queries_run_again_are_prepared(tmp_path, url, threshold, expected):
    """Prepared after five runs unless DATABASE_PREPARE_THRESHOLD says otherwise (empty:
    never, parameters bound in the client, for a pooler that hands out connections per
    transaction)."""
    values = dump(environment(tmp_path, DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD=threshold))
    options = values["options"]
    assert {key: options[key] for key in expected} == expected
    if not expected:
        assert "server_side_binding" not in options
        assert "prepare_threshold" not in options


@pytest.mark.parametrize("threshold", ["five", "-1", "5 -c fsync=off"])
def test_a_prepare_threshold_that_is_not_a_number_is_refused(tmp_path, threshold):
    env = environment(tmp_path, DATABASE_URL=POSTGRES_URL, DATABASE_PREPARE_THRESHOLD=threshold)
    result = run(DUMP_SETTINGS, env)
    assert result.returncode != 0
    assert "DATABASE_PREPARE_THRESHOLD must be a number of runs" in result.stderr


def test_a_query_run_again_on_postgresql_is_prepared(db):
    """The session this suite runs in is configured as production's: the sixth run of a
    query uses a statement prepared on the server."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from claims.models import Claim

    for _ in range(6):
        list(Claim.objects.filter(pk=-1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "claims_claim"%WHERE "claims_claim"."id" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


def test_the_postgresql_session_uses_it(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("work_mem is a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "16MB"


def test_production_keeps_connections_and_checks_their_health(tmp_path):
    """Persistent connections are checked before use, so a database restart costs no 500."""
    values = dump(environment(tmp_path))
    assert values["conn_max_age"] == 60
    assert values["conn_health_checks"] is True


@pytest.mark.parametrize(
    ("cache_url", "seconds", "expected"),
    [
        (None, None, 0),
        ("redis://127.0.0.1:6379/0", None, 60),
        (None, "30", 30),
    ],
)
def test_production_reuses_token_identities_only_with_a_shared_cache(
    tmp_path, cache_url, seconds, expected
):
    """Workers with caches of their own would miss each other's revocations for a minute:
    without CACHE_URL, production reads the identity on every request unless told otherwise."""
    env = environment(tmp_path, CACHE_URL=cache_url, API_IDENTITY_CACHE_SECONDS=seconds)
    assert dump(env)["identity_cache_seconds"] == expected


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        (None, "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/0", "core.backends.redis.cache.RedisCache"),
    ],
)
def test_cache_url_picks_the_cache(tmp_path, cache_url, backend):
    assert dump(environment(tmp_path, CACHE_URL=cache_url))["cache_backend"] == backend


def test_production_is_utc_without_debug(tmp_path):
    """UTC (not Django's America/Chicago default), time-zone aware, and never in debug mode."""
    values = dump(environment(tmp_path, DEBUG="true"))
    assert values["time_zone"] == "UTC"
    assert values["use_tz"] is True
    assert values["debug"] is False
    assert values["secret_key_length"] >= 50


def test_test_settings_share_the_production_defaults():
    """The suite runs with the same time zone and connection checks as production."""
    assert settings.TIME_ZONE == "UTC"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("settings_module", "installed"),
    [
        ("config.settings.prod", False),
        ("config.settings.dev", True),
        ("config.settings.test", True),
    ],
)
def test_development_tools_are_installed_for_development_and_tests_only(
    tmp_path, settings_module, installed
):
    """Demo data, synthetic records and benchmarks never reach a production deployment."""
    values = dump(environment(tmp_path, settings_module))
    assert ("devtools" in values["installed_apps"]) is installed


def test_production_has_no_development_commands(tmp_path):
    """``load_reference_article`` and the other tools are unknown to production's manage.py."""
    result = run(MANAGE, environment(tmp_path), "load_reference_article")
    assert result.returncode != 0
    assert "Unknown command: 'load_reference_article'" in result.stdout + result.stderr


# numpy's linear algebra and the tokenizer in one thread per process (config/__init__.py):
# the threads an OpenBLAS splitting each product over every core would start are not there,
# nor the tokenizer's pool.
COUNT_THREADS = """
import os, sys
import django
django.setup()
import numpy
from claims.matching import embedding
texts = [f"Syrian fighters in Libya, {n}" for n in range(50)]
embedding.compare_texts("Turkey sent fighters to Libya", texts)
numpy.ones((300, 300)) @ numpy.ones((300, 300))
print(len(os.listdir("/proc/self/task")))
"""


def threads_after_matching(**variables) -> int:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith("_NUM_THREADS") and k != "TOKENIZERS_PARALLELISM"
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "config.settings.test", **variables}
    result = run(COUNT_THREADS, environment)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: OpenBLAS starts no thread")
def test_matching_runs_numpy_in_one_thread():
    cores = str(os.cpu_count())
    # OpenBLAS told to use every core starts a thread per core beside the caller's.
    assert threads_after_matching() == threads_after_matching(OPENBLAS_NUM_THREADS=cores) - (
        int(cores) - 1
    )


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the tokenizer starts no pool")
def test_matching_tokenizes_in_the_calling_thread():
    assert threads_after_matching() < threads_after_matching(TOKENIZERS_PARALLELISM="true")


LOAD_SERVER = (
    NO_DOTENV
    + """
import gc, json, sys
import config.wsgi
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "walked": len(gc.get_objects()),
    "urls_loaded": "config.urls" in sys.modules,
}))
"""
)


def test_a_server_process_freezes_what_loading_made(tmp_path):
    """Loading the application (gunicorn's ``config.wsgi``) reads the URL patterns and moves
    what it made out of the collector's reach: a full collection walks almost nothing of it."""
    env = environment(tmp_path, CLAIMS_MATCH_BUILD_AT_START="0")
    result = run(LOAD_SERVER, env)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["urls_loaded"]
    assert loaded["frozen"] > 50_000
    assert loaded["walked"] < loaded["frozen"] / 20
