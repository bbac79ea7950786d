"""The default API rates: a client at the reference deployment's full speed is never refused,
a faster one is."""

import pytest
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from config.settings import base
from core.api.throttling import UserThrottle, parse_rate
from tests.support.factories import UserFactory
from tests.support.throttling import START, Clock

pytestmark = pytest.mark.django_db

# The defaults, as production has them (the test settings turn throttling off).
DEFAULT_RATES = base.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
# The claims list (the cheapest request) at 8 connections on 2 gunicorn workers: 300–500
# requests a second at a million claims, the most one client gets from that deployment.
FULL_SPEED = 500


@pytest.fixture(autouse=True)
def default_rates(settings):
    """The process's own cache, as each worker has without CACHE_URL, and the default rates."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": DEFAULT_RATES}
    cache.clear()
    yield
    cache.clear()


def refusals(per_second: int, seconds: float, clock: Clock) -> list[float]:
    """Send one user's requests at ``per_second`` for ``seconds`` from ``clock``'s time; the
    times of those refused, in seconds from the first."""
    request = Request(APIRequestFactory().get("/api/v1/claims/", REMOTE_ADDR="203.0.113.7"))
    request.user = UserFactory()
    start, refused = clock.now, []
    with clock:
        for _ in range(int(per_second * seconds)):
            if not UserThrottle().allow_request(request, None):
                refused.append(clock.now - start)
            clock.now += 1 / per_second
    return refused


def test_the_user_rate_is_above_full_speed_and_the_anonymous_one_far_below():
    number, seconds = parse_rate(DEFAULT_RATES["user"])
    assert number / seconds >= 2 * FULL_SPEED
    number, seconds = parse_rate(DEFAULT_RATES["anon"])
    assert number / seconds <= 1


def test_a_client_at_full_speed_is_never_refused():
    # Across a window's end, where the previous window still weighs nearly whole.
    assert refusals(FULL_SPEED, 75, Clock(START + 30)) == []


def test_a_client_faster_than_any_deployment_of_two_workers_serves_is_held_to_the_rate():
    refused = refusals(4 * FULL_SPEED, 40, Clock(START))
    # 60,000 in the first 30 seconds; from then on, every request of that minute.
    assert refused
    assert 29 <= refused[0] <= 31
    assert len(refused) == pytest.approx(10 * 4 * FULL_SPEED, rel=0.01)
