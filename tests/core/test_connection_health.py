"""The check of a kept PostgreSQL connection per request (core.backends.postgresql): no round
trip while the connection is idle and the server has said nothing, the full check otherwise."""

import io
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

from core.backends.postgresql.base import _pending
from core.tokens import api_token_create
from tests.support.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend's check"
)


@pytest.fixture
def kept(db):
    """A second connection to the test database, kept across requests with health checks."""
    other = connection.copy()
    other.settings_dict = {**other.settings_dict, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    other.ensure_connection()
    yield other
    other.close()


@pytest.fixture
def full_checks(monkeypatch):
    """Counts the full checks (``SELECT 1``) Django's backend runs."""
    calls = []
    original = DjangoWrapper.is_usable

    def counted(self):
        calls.append(self)
        return original(self)

    monkeypatch.setattr(DjangoWrapper, "is_usable", counted)
    return calls


def new_request(wrapper):
    """What Django does at the end of one request and the start of the next."""
    wrapper.close_if_unusable_or_obsolete()
    wrapper.close_if_health_check_failed()


def test_an_idle_connection_is_kept_without_a_round_trip(kept, full_checks):
    raw = kept.connection
    for _ in range(3):
        new_request(kept)
    assert kept.connection is raw
    assert full_checks == []
    with kept.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_connection_the_server_ended_is_replaced(kept, full_checks):
    raw = kept.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [raw.info.backend_pid])
    deadline = time.monotonic() + 5
    while not raw.closed and time.monotonic() < deadline:  # the server's message on its way
        new_request(kept)
        if kept.connection is not raw:
            break
        time.sleep(0.05)
    assert kept.connection is not raw
    assert full_checks  # the socket had something to say: the full check ran, and failed
    with kept.cursor() as cursor:  # a new connection, as Django opens one
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def wsgi_get(path: str, token: str) -> int:
    """GET ``path`` as a server does: through the WSGI application, whose request signals
    check the connection before the request and close it after, as configured."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    answered = []
    response = WSGIHandler()(environ, lambda status, headers: answered.append(status))
    try:
        b"".join(response)
    finally:
        response.close()  # the end of the request: Django's request_finished
    return int(answered[0].split()[0])


@pytest.fixture
def kept_default(transactional_db):
    """The default connection kept across requests with health checks, as in production."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    yield connection
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_the_app_answers_after_the_server_ended_its_kept_connection(kept_default, full_checks):
    """A restart or ``pg_terminate_backend`` between two requests: the next request notices
    before it runs a query, reconnects and answers 200 instead of a 500."""
    user = UserFactory(is_superuser=True)
    _, token = api_token_create(user=user, name="health")
    assert wsgi_get("/api/v1/claims/", token) == 200
    raw = kept_default.connection
    assert raw is not None  # kept after the request
    assert wsgi_get("/api/v1/claims/", token) == 200
    assert kept_default.connection is raw
    assert full_checks == []  # idle: no SELECT 1
    killer = connection.copy()
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [raw.info.backend_pid])
    finally:
        killer.close()
    deadline = time.monotonic() + 5
    while not _pending(raw) and time.monotonic() < deadline:  # the server's message on its way
        time.sleep(0.02)
    assert wsgi_get("/api/v1/claims/", token) == 200
    assert kept_default.connection is not raw
    assert full_checks  # the socket had something to say: the full check ran, and failed
