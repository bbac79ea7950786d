"""The check of a kept PostgreSQL connection per request (core.backends.postgresql): no round
trip while the connection is idle and the server has said nothing, the full check otherwise."""

import time

import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

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
