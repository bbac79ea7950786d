"""On Redis, a token this process read in the current generation of identities is taken
from memory: no round trip to the cache, no query, until a change is announced."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from core import tokens
from core.api import authentication
from core.backends.redis.mirror import KeyMirror
from core.tokens import _GENERATION_KEY, api_token_revoke, forget_identities
from tests.support.factories import ApiTokenFactory
from tests.support.throttling import (
    START,
    Clock,
    another_process_cache,
    eventually,
    live,
    redis_cache,
)

TOKENS = "/api/v1/tokens/"
HERE = "203.0.113.7"


@pytest.fixture(autouse=True)
def shared_cache(settings, db, monkeypatch):
    settings.API_IDENTITY_CACHE_SECONDS = 60
    settings.API_THROTTLE_FAILED_AUTH = "2/minute"
    monkeypatch.setattr(authentication, "_token_users", {})
    with redis_cache(), Clock(START + 5) as clock:
        yield clock


def get(token, address=HERE):
    return APIClient().get(TOKENS, HTTP_AUTHORIZATION=f"Bearer {token.secret}", REMOTE_ADDR=address)


def mirror():
    return live(cache.mirror(_GENERATION_KEY))


def known(token) -> None:
    """Make ``token`` known to this process, with its mirror of the generation live."""
    assert get(token).status_code == 200
    mirror()


def test_a_known_tokens_request_makes_no_round_trip_and_no_query(
    round_trips, django_assert_num_queries
):
    token = ApiTokenFactory()
    known(token)
    round_trips.clear()
    with django_assert_num_queries(1):  # the page
        response = get(token)
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [token.name]
    assert round_trips == []


def test_a_token_revoked_here_is_refused_at_once():
    token = ApiTokenFactory()
    known(token)
    api_token_revoke(token=token)
    assert get(token).status_code == 401


def test_a_change_announced_by_another_process_ends_what_this_one_knows(round_trips):
    token = ApiTokenFactory()
    known(token)
    other = another_process_cache()
    other.announce(_GENERATION_KEY, "a change elsewhere")
    eventually(lambda: cache.mirror(_GENERATION_KEY).value() == "a change elsewhere")
    round_trips.clear()
    assert get(token).status_code == 200
    assert round_trips  # read again, in the new generation
    round_trips.clear()
    assert get(token).status_code == 200
    assert round_trips == []  # and known again


def test_a_token_revoked_by_another_process_is_refused_once_the_mirror_is_told():
    token = ApiTokenFactory()
    known(token)
    # Revoked elsewhere: the row changes and that process announces a new generation (its
    # cache is not this one's, so nothing of this process is cleared directly).
    type(token).objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    other = another_process_cache()
    other.announce(_GENERATION_KEY, "revoked elsewhere")
    eventually(lambda: cache.mirror(_GENERATION_KEY).value() == "revoked elsewhere")
    assert get(token).status_code == 401


def test_without_a_live_mirror_the_cache_is_read(round_trips, monkeypatch):
    token = ApiTokenFactory()
    known(token)
    monkeypatch.setattr(KeyMirror, "value", lambda self: None)  # lost, or not yet subscribed
    round_trips.clear()
    assert get(token).status_code == 200
    assert round_trips


def test_a_known_token_past_its_expiry_is_refused(monkeypatch):
    token = ApiTokenFactory(expires_in=timedelta(minutes=1))
    known(token)
    # No change is announced when a token expires: its expiry is checked on every use.
    later = token.expires_at + timedelta(seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert get(token).status_code == 401


def test_what_this_process_knows_expires_with_the_cache_entry(settings, round_trips, monkeypatch):
    token = ApiTokenFactory()
    known(token)
    later = tokens.time.monotonic() + settings.API_IDENTITY_CACHE_SECONDS + 1
    monkeypatch.setattr(tokens.time, "monotonic", lambda: later)
    round_trips.clear()
    assert get(token).status_code == 200
    assert round_trips


def test_a_known_token_is_served_from_an_address_refused_for_its_failures():
    token, unknown = ApiTokenFactory(), ApiTokenFactory()
    known(token)
    for _ in range(2):
        assert (
            APIClient()
            .get(TOKENS, HTTP_AUTHORIZATION="Bearer ct_not-a-token", REMOTE_ADDR=HERE)
            .status_code
            == 401
        )
    # A token this process verified in this generation is no guess.
    assert get(token).status_code == 200
    # Any other is refused before it is looked up, even a valid one.
    assert get(unknown).status_code == 429


def test_a_change_committed_announces_again(django_capture_on_commit_callbacks):
    token = ApiTokenFactory()
    known(token)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        forget_identities()
        during = cache.get(_GENERATION_KEY)
    after = cache.get(_GENERATION_KEY)
    assert during != after
    eventually(lambda: cache.mirror(_GENERATION_KEY).value() == after)
