"""On a shared cache, a request with a token this process has seen makes at most one round
trip to the cache: the token's identity and the address's failures are read while the request is
counted against its user's rate, and the throttle takes that count."""

import pytest
from rest_framework.test import APIClient

from core.api import authentication
from core.backends.redis.mirror import KeyMirror
from core.tokens import api_token_revoke
from tests.support.factories import ApiTokenFactory, UserFactory
from tests.support.throttling import START, Clock, redis_cache

TOKENS = "/api/v1/tokens/"


@pytest.fixture(autouse=True)
def shared_cache(settings, db, monkeypatch):
    settings.API_IDENTITY_CACHE_SECONDS = 60
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute", "anon": "60/minute"},
    }
    monkeypatch.setattr(authentication, "_token_users", {})
    with redis_cache(), Clock(START + 5) as clock:
        yield clock


def get(token):
    return APIClient().get(TOKENS, HTTP_AUTHORIZATION=f"Bearer {token.secret}")


def test_a_known_tokens_request_makes_one_round_trip_to_the_cache(round_trips, monkeypatch):
    # Without a live mirror of the identities' generation (tests/core/api/test_known_tokens.py
    # has the requests that make none).
    monkeypatch.setattr(KeyMirror, "value", lambda mirror: None)
    token = ApiTokenFactory()
    assert get(token).status_code == 200  # first seen: identity read, then counted
    assert get(token).status_code == 200  # the identity is cached now
    round_trips.clear()
    assert get(token).status_code == 200
    assert len(round_trips) == 1


def test_the_rate_holds_when_counted_ahead():
    token = ApiTokenFactory()
    assert [get(token).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_users_tokens_share_the_users_rate():
    user = UserFactory()
    first, second = ApiTokenFactory(user=user), ApiTokenFactory(user=user)
    statuses = [get(token).status_code for token in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]
    assert get(ApiTokenFactory()).status_code == 200  # another user has a rate of their own


def test_a_refused_request_is_not_counted(shared_cache):
    token = ApiTokenFactory()
    assert [get(token).status_code for _ in range(5)] == [200, 200, 200, 429, 429]
    # 35 s into the next window, 25/60 of the previous one weighs: 3 × 25/60 = 1.25 (had the
    # refused two been counted too: 5 × 25/60 = 2.08, and only one more request allowed).
    shared_cache.now += 90
    assert [get(token).status_code for _ in range(3)] == [200, 200, 429]


def test_a_known_token_revoked_since_gets_401():
    token = ApiTokenFactory()
    assert get(token).status_code == 200
    api_token_revoke(token=token)
    assert get(token).status_code == 401
