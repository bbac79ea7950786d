"""A cache key kept in the process by Redis's publish and subscribe (core.backends.redis)."""

import threading

import pytest

from core.backends.redis import mirror as mirrors
from tests.support.throttling import another_process_cache, eventually, live, redis_cache


def test_announce_sets_the_key_and_only_if_missing_when_asked():
    with redis_cache() as cache:
        assert cache.announce("generation", "first")
        assert cache.get("generation") == "first"
        assert not cache.announce("generation", "second", only_if_missing=True)
        assert cache.get("generation") == "first"
        assert cache.announce("generation", "third")
        assert cache.get("generation") == "third"
        assert cache._cache.get_client().ttl(cache.make_key("generation")) == -1  # no expiry


def test_a_mirror_vouches_for_nothing_until_it_has_subscribed_and_read_the_key(monkeypatch):
    with redis_cache() as cache:
        cache.announce("generation", "first")
        mirror = cache.mirror("generation")
        may_subscribe = held_before_subscribing(mirror, monkeypatch)
        assert mirror.value() is None  # the first use starts its thread
        assert not mirror.live()
        may_subscribe.set()
        assert live(mirror).value() == "first"
        assert cache.mirror("generation") is mirror  # one per key and process


def test_a_mirror_of_a_missing_key_is_live_with_nothing():
    with redis_cache() as cache:
        mirror = live(cache.mirror("nothing-yet"))
        assert mirror.value() is None
        cache.announce("nothing-yet", 1, only_if_missing=True)
        eventually(lambda: mirror.value() == 1)


def test_every_value_announced_by_any_process_reaches_the_mirror_in_order():
    with redis_cache() as cache:
        mirror = live(cache.mirror("generation"))
        other = another_process_cache()
        for number in range(50):
            other.announce("generation", number)
        eventually(lambda: mirror.value() == 49)
        # A value set without announcing it is not seen (until the mirror subscribes again).
        other.set("generation", "quietly", None)
        other.announce("elsewhere", "unrelated")
        cache.announce("generation", 50)
        eventually(lambda: mirror.value() == 50)


def test_a_lost_subscription_vouches_for_nothing_until_it_is_made_again(caplog):
    with redis_cache() as cache:
        cache.announce("generation", "before")
        mirror = live(cache.mirror("generation"))
        host, port = mirror._pubsub.connection._sock.getsockname()[:2]
        raw = cache._cache.get_client()
        assert raw.client_kill_filter(_type="pubsub", laddr=None, addr=f"{host}:{port}") == 1
        # Changed while it was not listening: it must read the key again, not keep "before".
        cache.set("generation", "meanwhile", None)
        eventually(lambda: mirror.value() == "meanwhile")
        assert "Lost the subscription" in caplog.text


def test_a_subscription_silent_for_too_long_vouches_for_nothing(monkeypatch):
    with redis_cache() as cache:
        cache.announce("generation", "value")
        mirror = live(cache.mirror("generation"))
        assert mirror.value() == "value"
        monkeypatch.setattr(mirror, "_heard", mirror._heard - mirrors.STALE_AFTER - 1)
        assert mirror.value() is None
        assert not mirror.live()


def test_a_subscription_that_stops_answering_pings_is_made_again(monkeypatch):
    monkeypatch.setattr(mirrors, "PING_EVERY", 0.05)
    monkeypatch.setattr(mirrors, "STALE_AFTER", 0.3)
    with redis_cache() as cache:
        cache.announce("generation", "value")
        mirror = live(cache.mirror("generation"))
        silent = mirror._pubsub
        monkeypatch.setattr(silent, "ping", lambda *args, **kwargs: None)  # no pong comes back
        eventually(lambda: mirror._pubsub is not silent and mirror.live())
        assert mirror.value() == "value"


def test_a_mirror_used_after_a_fork_starts_a_thread_of_its_own(monkeypatch):
    with redis_cache() as cache:
        cache.announce("generation", "value")
        mirror = live(cache.mirror("generation"))
        parents, parents_stop = mirror._thread, mirror._stopped
        monkeypatch.setattr(mirrors.os, "getpid", lambda: -1)  # as in a forked child
        parents_stop.set()  # a child has none of its parent's threads
        parents.join()
        may_subscribe = held_before_subscribing(mirror, monkeypatch)
        assert mirror.value() is None  # the parent's state is not the child's
        assert mirror._thread is not parents
        may_subscribe.set()
        assert live(mirror).value() == "value"


def test_a_stopped_mirror_stays_stopped():
    with redis_cache() as cache:
        mirror = live(cache.mirror("generation"))
        mirror.stop()
        assert mirror.value() is None
        assert not mirror._thread.is_alive()


def held_before_subscribing(mirror, monkeypatch) -> threading.Event:
    """Hold ``mirror``'s next thread before it subscribes until the event returned is set, so
    that what it answers before then cannot race the thread."""
    may_subscribe = threading.Event()
    follow = mirror._follow

    def follow_when_allowed(stopped):
        may_subscribe.wait(5)
        follow(stopped)

    monkeypatch.setattr(mirror, "_follow", follow_when_allowed)
    return may_subscribe


@pytest.fixture(autouse=True)
def no_mirrors_left():
    yield
    assert not [t for t in mirrors.threading.enumerate() if t.name.startswith("mirror ")]
