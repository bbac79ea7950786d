"""The Redis cache (core.backends.redis): Django's, with one client per process."""

import os

import pytest

from tests.support.throttling import redis_cache


def test_every_call_goes_through_one_client_and_keeps_the_values():
    with redis_cache() as cache:
        client = cache._cache.get_client()
        cache.set("answer", {"value": 42})
        assert cache.get("answer") == {"value": 42}
        assert cache.get_many(["answer", "nothing"]) == {"answer": {"value": 42}}
        cache.add("count", 1)
        assert cache.incr("count") == 2
        assert cache._cache.get_client(write=True) is client
        assert cache._cache.get_client() is client


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_forked_process_uses_connections_of_its_own():
    with redis_cache() as cache:
        cache.set("before", 1)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover (the child's report is the assertion)
            try:
                cache.set("child", cache.get("before") + 1)
                os.write(write, b"ok")
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        assert os.read(read, 2) == b"ok"
        assert cache.get("child") == 2
        assert cache.get("before") == 1


def test_count_and_read_counts_from_zero_with_an_expiry_and_reads_the_others():
    with redis_cache() as cache:
        cache.set("previous", 7)
        assert cache.count_and_read("current", 120, ["previous", "missing"]) == (1, {"previous": 7})
        assert cache.count_and_read("current", 120) == (2, {})
        assert cache.get("current") == 2
        raw = cache._cache.get_client()
        ttl = raw.ttl(cache.make_key("current"))
        assert 0 < ttl <= 120  # set when the counter was started, not moved by counting


def test_count_and_read_keeps_the_order_of_the_keys_read_around_missing_ones():
    with redis_cache() as cache:
        cache.set_many({"second": "two", "fourth": [4]})
        count, found = cache.count_and_read("counter", 60, ["first", "second", "third", "fourth"])
        assert (count, found) == (1, {"second": "two", "fourth": [4]})


def test_count_and_read_goes_on_counting_after_the_server_forgot_its_script():
    with redis_cache() as cache:
        cache.set("previous", 3)
        assert cache.count_and_read("current", 60, ["previous"]) == (1, {"previous": 3})
        cache._cache.get_client(write=True).script_flush()
        assert cache.count_and_read("current", 60, ["previous"]) == (2, {"previous": 3})


def test_count_and_read_counts_by_as_many_as_asked():
    with redis_cache() as cache:
        assert cache.count_and_read("counter", 60, by=5) == (5, {})
        assert cache.count_and_read("counter", 60, ["missing"], by=3) == (8, {})
        assert cache.count_and_read("counter", 60) == (9, {})
