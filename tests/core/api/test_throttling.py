"""The API's throttles: counters per window, weighed as a sliding window."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api.throttling import AnonThrottle, UserThrottle, parse_rate
from tests.support.factories import UserFactory
from tests.support.throttling import MINUTE, START, Clock, redis_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["local", "redis"])
def empty_cache(request):
    """Every test on the process's own cache, and on Redis (``CACHE_URL``), which counts and
    reads in one round trip (a key prefix of its own per test)."""
    if request.param == "redis":
        with redis_cache():
            yield
        return
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rates(settings):
    def set_rates(user="3/minute", anon="2/minute"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"user": user, "anon": anon},
        }

    set_rates()
    return set_rates


def request_by(user=None, address="203.0.113.7", **headers):
    request = Request(APIRequestFactory().get("/api/v1/claims/", REMOTE_ADDR=address, **headers))
    request.user = user or AnonymousUser()
    return request


def throttle_at(throttle_class, clock):
    throttle = throttle_class()
    throttle.timer = clock
    return throttle


def allowed(throttle_class, request, clock) -> bool:
    return throttle_at(throttle_class, clock).allow_request(request, None)


def use_up(request, clock, count: int) -> None:
    """Send ``count`` requests at ``clock``'s time, each of them allowed."""
    for _ in range(count):
        assert allowed(UserThrottle, request, clock)


def test_a_user_gets_the_rate_within_a_window_then_is_refused(rates):
    request, clock = request_by(UserFactory()), Clock(START + 5)
    assert [allowed(UserThrottle, request, clock) for _ in range(4)] == [True] * 3 + [False]
    # A refused request is not counted: the window holds the three allowed ones.
    throttle = throttle_at(UserThrottle, clock)
    assert not throttle.allow_request(request, None)
    assert throttle.current_count == 3


def test_users_are_counted_apart_and_anonymous_clients_by_address(rates):
    clock = Clock(START + 5)
    first, second = request_by(UserFactory()), request_by(UserFactory())
    use_up(first, clock, 3)
    assert not allowed(UserThrottle, first, clock)
    assert allowed(UserThrottle, second, clock)
    # Anonymous clients: the anonymous rate, per address; authenticated users skip it.
    here, there = request_by(address="203.0.113.7"), request_by(address="198.51.100.1")
    assert [allowed(AnonThrottle, here, clock) for _ in range(3)] == [True, True, False]
    assert allowed(AnonThrottle, there, clock)
    assert all(allowed(AnonThrottle, first, clock) for _ in range(5))


def test_the_previous_window_counts_for_the_share_still_within_the_period(rates):
    rates(user="10/minute")
    request = request_by(UserFactory())
    late = Clock(START + 50)
    use_up(request, late, 10)
    assert not allowed(UserThrottle, request, late)
    # A quarter into the next window, 3/4 of the previous one's 10 requests still count.
    quarter = Clock(START + MINUTE + 15)
    results = [allowed(UserThrottle, request, quarter) for _ in range(4)]
    assert results == [True, True, True, False]  # 7.5, 8.5, 9.5 before each; then 10.5
    # Past two windows, nothing counts any more.
    later = Clock(START + 3 * MINUTE)
    assert all(allowed(UserThrottle, request, later) for _ in range(10))


def test_wait_says_when_a_request_would_be_allowed_again(rates):
    rates(user="10/minute")
    request = request_by(UserFactory())
    clock = Clock(START + 30)
    use_up(request, clock, 10)
    throttle = throttle_at(UserThrottle, clock)
    assert not throttle.allow_request(request, None)
    # Full this window: 30 s to its end, then the weight of its 10 must fall below 10.
    assert throttle.wait() == pytest.approx(30.0)
    clock.now = START + MINUTE + 15
    use_up(request, clock, 3)
    throttle = throttle_at(UserThrottle, clock)
    assert not throttle.allow_request(request, None)
    # 3 now + 10 x 45/60 = 10.5; allowed once 10 x (60 - elapsed)/60 < 7, that is after
    # 18 s of the window: 3 s from now.
    assert throttle.wait() == pytest.approx(3.0)
    clock.now = START + MINUTE + 17.5
    assert not throttle_at(UserThrottle, clock).allow_request(request, None)
    clock.now = START + MINUTE + 18.5
    assert throttle_at(UserThrottle, clock).allow_request(request, None)


def test_wait_is_at_least_a_second_and_a_zero_rate_refuses_everything(rates):
    rates(user="0/minute")
    request, clock = request_by(UserFactory()), Clock(START + 59.9)
    throttle = throttle_at(UserThrottle, clock)
    assert not throttle.allow_request(request, None)
    assert throttle.wait() == pytest.approx(MINUTE)
    rates(user="1/minute")
    assert allowed(UserThrottle, request, clock)
    throttle = throttle_at(UserThrottle, clock)
    assert not throttle.allow_request(request, None)
    assert throttle.wait() == 1.0  # 0.1 s to the window's end, then at once


def test_a_rate_of_none_turns_a_throttle_off(rates):
    rates(user=None)
    request, clock = request_by(UserFactory()), Clock(START)
    assert all(allowed(UserThrottle, request, clock) for _ in range(20))
    UserThrottle().forget(1)  # nothing to forget, no error


def test_forget_drops_a_clients_counts(rates):
    user = UserFactory()
    request, clock = request_by(user), Clock(START + 59)
    use_up(request, clock, 3)
    clock.now = START + MINUTE  # the previous window's 3 count in full
    assert not allowed(UserThrottle, request, clock)
    throttle_at(UserThrottle, clock).forget(user.pk)
    assert [allowed(UserThrottle, request, clock) for _ in range(4)] == [True] * 3 + [False]


def test_on_redis_a_request_costs_one_round_trip(rates, monkeypatch):
    if not hasattr(cache, "count_and_read"):
        pytest.skip("a cache that counts and reads at once")
    request, clock = request_by(UserFactory()), Clock(START + 5)
    client, calls = cache._cache, []
    get_client = client.get_client
    monkeypatch.setattr(
        client, "get_client", lambda *a, **k: calls.append(a) or get_client(*a, **k)
    )
    assert allowed(UserThrottle, request, clock)
    assert len(calls) == 1  # one pipeline: the count, its expiry and the previous window


def test_a_window_expiring_between_the_read_and_the_count_is_started_again(rates):
    request, clock = request_by(UserFactory()), Clock(START + 5)
    throttle = throttle_at(UserThrottle, clock)
    assert throttle.allow_request(request, None)
    key = throttle.window_key(int(clock.now // MINUTE))
    assert cache.get(key) == 1
    cache.delete(key)
    assert allowed(UserThrottle, request, clock)
    assert cache.get(key) == 1


def test_anonymous_clients_are_counted_by_their_address_not_the_one_they_name(rates):
    clock = Clock(START + 5)
    named = [request_by(HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(3)]
    assert [allowed(AnonThrottle, request, clock) for request in named] == [True, True, False]


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [
        ("3000/minute", (3000, 60)),
        ("60/min", (60, 60)),
        ("1/s", (1, 1)),
        ("20/hour", (20, 3600)),
        ("5/day", (5, 86400)),
        ("10/15minutes", (10, 900)),
        ("30/15m", (30, 900)),
        (" 2 / 2 hours ", (2, 7200)),
        ("0/minute", (0, 60)),
        (None, (None, None)),
    ],
)
def test_a_rate_is_a_number_per_period_of_one_or_more_units(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "10", "ten/minute", "10/fortnight", "10/0minutes", "-1/m"])
def test_anything_else_is_refused(rate):
    with pytest.raises(ImproperlyConfigured, match="Invalid rate"):
        parse_rate(rate)
