"""What throttling tests share: a clock they move by hand, and the cache, local or on Redis."""

import os
import time
import uuid
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from core.api.throttling import WindowRateThrottle
from core.backends.redis.cache import stop_mirrors

MINUTE = 60.0
# The start of a minute-long window, far from zero so that the previous window exists.
START = 1_000_000 * MINUTE
# A database of its own on the local Redis; each test's keys have a prefix of their own.
REDIS_URL = os.environ.get("CLAIMTRACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


class Clock:
    """The time every throttle reads (``with clock:``), moved by setting ``now``."""

    def __init__(self, now: float = START):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def __enter__(self):
        self._patched = pytest.MonkeyPatch()
        self._patched.setattr(WindowRateThrottle, "timer", self, raising=False)
        return self

    def __exit__(self, *exc):
        self._patched.undo()


def clear_local_cache() -> None:
    """Forget every count of this process's cache (never a shared cache: other tests use it)."""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@contextmanager
def redis_cache():
    """``CACHES["default"]`` on Redis for the block, as with ``CACHE_URL``; the keys written
    are deleted after it. Skips the test when Redis is not reachable."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        client.close()
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    prefix = f"claimtrack-test-{uuid.uuid4().hex}"
    backend = {
        "BACKEND": "core.backends.redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    try:
        with override_settings(CACHES={"default": backend}):
            yield caches["default"]
    finally:
        stop_mirrors()
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


def live(mirror, seconds: float = 5.0):
    """``mirror`` once it answers for Redis (its thread started and subscribed)."""
    mirror.value()  # starts it
    deadline = time.monotonic() + seconds
    while not mirror.live():
        assert time.monotonic() < deadline, "the mirror did not subscribe"
        time.sleep(0.005)
    return mirror


def eventually(condition, seconds: float = 5.0) -> None:
    """Wait until ``condition()`` holds (a mirror told of a change), failing after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.002)


def another_process_cache():
    """The default cache as another worker process would open it: a connection of its own."""
    from django.core.cache import CacheHandler

    return CacheHandler()["default"]
