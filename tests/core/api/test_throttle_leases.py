"""On Redis a process counts a client's requests a thousandth of the rate at a time, and
serves those it counted without a round trip; no rate is ever exceeded."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api import throttling
from core.api.throttling import UserThrottle
from tests.support.factories import UserFactory
from tests.support.throttling import MINUTE, START, Clock, redis_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache():
    with redis_cache():
        yield


def set_rate(django_settings, rate):
    django_settings.REST_FRAMEWORK = {
        **django_settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": rate, "anon": None},
    }


def request_by(user):
    request = Request(APIRequestFactory().get("/api/v1/claims/"))
    request.user = user or AnonymousUser()
    return request


def allowed(request, clock) -> bool:
    throttle = UserThrottle()
    throttle.timer = clock
    return throttle.allow_request(request, None)


def window_key(user, clock) -> str:
    """The cache key of ``user``'s count in the window ``clock`` is in."""
    throttle = UserThrottle()
    throttle.key = throttle.key_of(user.pk)
    return throttle.window_key(int(clock.now // MINUTE))


def window_count(user, clock) -> int:
    return cache.get(window_key(user, clock), 0)


class Process:
    """What one process holds counted ahead, swapped in while it serves requests."""

    def __init__(self):
        self.leases = {}

    def __enter__(self):
        self.saved, throttling._leases = throttling._leases, self.leases
        return self

    def __exit__(self, *exc):
        throttling._leases = self.saved


def test_a_rate_of_5000_a_minute_counts_five_requests_a_round_trip(settings, round_trips):
    set_rate(settings, "5000/minute")
    user, clock = UserFactory(), Clock(START + 5)
    request = request_by(user)
    with Process():
        trips = []
        for _ in range(11):
            round_trips.clear()
            assert allowed(request, clock)
            trips.append(len(round_trips))
        assert trips == [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
        assert window_count(user, clock) == 15  # counted before they are served


def test_under_2000_a_period_every_request_is_counted_alone(settings, round_trips):
    set_rate(settings, "1999/minute")
    user, clock = UserFactory(), Clock(START + 5)
    with Process():
        for served in range(1, 4):
            round_trips.clear()
            assert allowed(request_by(user), clock)
            assert len(round_trips) == 1
            assert window_count(user, clock) == served


def test_a_lease_is_cut_to_the_room_left_and_the_rest_taken_back(settings):
    set_rate(settings, "4000/minute")  # four a round trip
    user, clock = UserFactory(), Clock(START + 5)
    cache.set(window_key(user, clock), 3997, 120)
    with Process():
        assert [allowed(request_by(user), clock) for _ in range(4)] == [True] * 3 + [False]
    assert window_count(user, clock) == 4000  # the fourth counted one was taken back


def test_a_lease_ends_with_its_window(settings):
    set_rate(settings, "5000/minute")
    user, clock = UserFactory(), Clock(START + 5)
    with Process():
        assert allowed(request_by(user), clock)  # five counted, one served
        clock.now += MINUTE
        assert allowed(request_by(user), clock)  # the four left belonged to the last window
    assert window_count(user, clock) == 5


def test_each_process_has_its_own_lease_and_the_rate_holds_across_them(settings):
    set_rate(settings, "2000/minute")  # two a round trip
    user, clock = UserFactory(), Clock(START + 5)
    cache.set(window_key(user, clock), 1994, 120)
    first, second = Process(), Process()
    served = []
    for process in (first, second, first, second, first, second, first):
        with process:
            served.append(allowed(request_by(user), clock))
    # first counts 1995–1996, second 1997–1998, each serves its two; first counts 1999–2000;
    # second finds no room (its one refused), while first still serves the one it holds.
    assert served == [True, True, True, True, True, False, True]
    assert window_count(user, clock) == 2000


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    rate=st.integers(min_value=2000, max_value=9000),
    start=st.integers(min_value=0, max_value=9000),
    turns=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=40),
)
def test_requests_served_by_any_processes_never_pass_the_rate(rate, start, turns):
    rates = {"user": f"{rate}/minute", "anon": None}
    user, clock = UserFactory(), Clock(START + 5)
    key = window_key(user, clock)
    cache.set(key, start, 120)
    processes = [Process(), Process(), Process()]
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": rates}):
        served = 0
        for turn in turns:
            with processes[turn]:
                served += allowed(request_by(user), clock)
    size = rate // 1000
    held = sum(left for p in processes for _, left in p.leases.values())
    # Everything served or held was counted; nothing past the rate was counted and kept.
    assert cache.get(key) == start + served + held
    assert start + served <= max(start, rate)
    assert cache.get(key) <= max(start, rate)
    # A request is refused only when the rate has no room left but what processes hold.
    assert held <= len(processes) * (size - 1)
    if served < len(turns):
        assert start + served + held >= rate
    cache.delete(key)
