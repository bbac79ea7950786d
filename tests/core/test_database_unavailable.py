"""A database out of reach: every request gets 503 with Retry-After (JSON under /api/, a short
page elsewhere) and the log one line per request, never a traceback; once the database is
back, the next request is served.

Each case runs Django in a fresh interpreter whose DATABASE_URL names a database that cannot
be reached (a PostgreSQL port where nothing listens, an SQLite file in a missing directory),
and sends its requests with Django's test client: no server is needed.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db.utils import OperationalError

from tests.support.routes import superuser_client

# A developer's .env would change what is tested: the settings modules alone are.
PRELUDE = """
import json, sys
import environ
environ.Env.read_env = classmethod(lambda cls, *args, **kwargs: None)
import django
django.setup()
from django.test import Client

MARK = "=== request ==="

def answer(response):
    return {
        "status": response.status_code,
        "type": response.get("Content-Type"),
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }

def send(client, path, **headers):
    print(MARK, file=sys.stderr, flush=True)
    response = client.get(path, **headers)
    sys.stderr.flush()
    return answer(response)
"""

UNREACHABLE = (
    PRELUDE
    + """
from unittest import mock
from django.conf import settings
from django.test import override_settings
import core.database

BEARER = {"HTTP_AUTHORIZATION": "Bearer ct_not_checked_before_the_database"}
results = {
    "api": send(Client(), "/api/v1/claims/"),
    "api_with_token": send(Client(), "/api/v1/claims/", **BEARER),
    "page": send(Client(), "/"),
}
# Reached only when the database goes away after the request began: as if the middleware's
# check had passed, the view's first query finds no database.
with mock.patch.object(core.database, "connect"):
    results["api_view"] = send(Client(), "/api/v1/claims/", **BEARER)
    results["page_view"] = send(Client(raise_request_exception=False), "/")
# Without the middleware at all, an exception that reaches Django's 500 handler.
without = [name for name in settings.MIDDLEWARE if "DatabaseAvailability" not in name]
with override_settings(MIDDLEWARE=without):
    results["page_handler500"] = send(Client(raise_request_exception=False), "/")
print(json.dumps(results))
"""
)

RESTORED = (
    PRELUDE
    + """
import os
directory = os.environ["MISSING_DIRECTORY"]
results = {"before": send(Client(), "/api/v1/schema/")}
results["still"] = send(Client(), "/api/v1/schema/")
os.makedirs(directory)
open(os.path.join(directory, "db.sqlite3"), "w").close()  # as migrate would create it
results["after"] = send(Client(), "/api/v1/schema/")
print(json.dumps(results))
"""
)


def run_django(script: str, **env) -> tuple[dict, list[str]]:
    """Run ``script`` in a fresh interpreter with the test settings and ``env``: its results
    (JSON on standard output), and its log split per request."""
    result = subprocess.run(  # noqa: S603 (a fixed command)
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHONPATH": str(settings.BASE_DIR),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    logs = result.stderr.split("=== request ===\n")[1:]
    return json.loads(result.stdout.strip().splitlines()[-1]), logs


def assert_api_503(answer, retry_after: str):
    assert answer["status"] == 503, answer
    assert answer["type"] == "application/json"
    assert answer["retry_after"] == retry_after
    body = json.loads(answer["body"])
    assert (body["status"], body["code"]) == (503, "service_unavailable")
    assert "Retry-After" in body["detail"]


def assert_page_503(answer, retry_after: str):
    assert answer["status"] == 503, answer
    assert answer["type"].startswith("text/html")
    assert answer["retry_after"] == retry_after
    assert "Temporarily unavailable" in answer["body"]


@pytest.fixture(scope="module")
def unreachable_postgresql():
    pytest.importorskip("psycopg")
    return run_django(
        UNREACHABLE,
        DATABASE_URL="postgres://root@127.0.0.1:1/none",
        DATABASE_RETRY_AFTER_SECONDS="7",
    )


def test_every_request_gets_503_with_retry_after(unreachable_postgresql):
    results, _ = unreachable_postgresql
    assert_api_503(results["api"], "7")
    assert_api_503(results["api_with_token"], "7")
    assert_page_503(results["page"], "7")


def test_a_connection_lost_inside_a_view_gets_503_too(unreachable_postgresql):
    results, _ = unreachable_postgresql
    assert_api_503(results["api_view"], "7")
    assert_page_503(results["page_view"], "7")
    assert_page_503(results["page_handler500"], "7")


def test_each_failure_is_one_line_of_log_without_traceback(unreachable_postgresql):
    results, logs = unreachable_postgresql
    assert len(logs) == len(results)
    for log, (name, answer) in zip(logs, results.items(), strict=True):
        lines = log.strip().splitlines()
        assert len(lines) == 1, (name, log)
        assert lines[0].startswith("Database unavailable, answered 503: GET "), (name, log)
        assert "Connection refused" in lines[0] or "port 1" in lines[0], (name, log)
        assert answer["status"] == 503
    assert "Traceback" not in "".join(logs)


def test_the_database_is_used_again_as_soon_as_it_is_back(tmp_path):
    """Nothing of the outage is remembered: the request after the repair is served."""
    missing = tmp_path / "not-yet"
    results, logs = run_django(
        RESTORED,
        DATABASE_URL=f"sqlite:///{missing / 'db.sqlite3'}",
        MISSING_DIRECTORY=str(missing),
    )
    assert_api_503(results["before"], "5")
    assert_api_503(results["still"], "5")
    assert results["after"]["status"] == 200, results["after"]
    assert [len(log.strip().splitlines()) for log in logs] == [1, 1, 0]


def test_a_failing_query_on_a_working_connection_stays_a_500(db, monkeypatch):
    """A lock timeout is an operational error too, but the database is there: a bug's 500."""
    api = superuser_client()

    def locked(self, request, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("claims.api.views.ClaimViewSet.list", locked)
    response = api.get("/api/v1/claims/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "Retry-After" not in response
