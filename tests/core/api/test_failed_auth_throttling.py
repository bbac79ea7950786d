"""Failed bearer-token authentications are counted per client address and throttled."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.test import APIClient

from core.api.authentication import BearerTokenAuthentication
from core.api.throttling import FailedAuthThrottle
from core.clients import client_address
from core.tokens import api_token_revoke
from tests.support.factories import ApiTokenFactory, UserFactory
from tests.support.throttling import (
    MINUTE,
    START,
    Clock,
    another_process_cache,
    clear_local_cache,
    redis_cache,
)

TOKENS = "/api/v1/tokens/"
DOCS = "/api/v1/docs/"
HERE = "203.0.113.7"
BAD = "Bearer ct_not-a-real-token"


@pytest.fixture(autouse=True)
def limits(settings, db):
    settings.API_THROTTLE_FAILED_AUTH = "5/minute"
    clear_local_cache()
    with Clock(START + 5) as clock:
        yield clock
    clear_local_cache()


def get(authorization=None, address=HERE, url=TOKENS, **headers):
    if authorization is not None:
        headers["HTTP_AUTHORIZATION"] = authorization
    return APIClient().get(url, REMOTE_ADDR=address, **headers)


def fail(times: int, address=HERE, authorization=BAD, **headers) -> None:
    for _ in range(times):
        assert get(authorization, address, **headers).status_code == 401


def assert_throttled(response):
    assert response.status_code == 429, response.content
    body = response.json()
    assert body["status"] == 429
    assert body["code"] == "throttled"
    assert body["detail"].startswith("Too many failed authentications from your address.")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_past_the_rate_bad_tokens_get_429_in_the_error_format(db):
    fail(5)
    assert_throttled(get(BAD))


def test_a_refused_request_runs_no_query_even_with_a_valid_token(django_assert_num_queries):
    valid = ApiTokenFactory()
    fail(5)
    with django_assert_num_queries(0):
        assert_throttled(get(BAD))
        # While the address is refused, its tokens are not even looked up.
        assert_throttled(get(f"Bearer {valid.secret}"))
    assert get(f"Bearer {valid.secret}", address="198.51.100.1").status_code == 200


def test_the_failures_and_the_tokens_identity_are_read_from_the_cache_at_once(monkeypatch):
    valid = ApiTokenFactory()
    assert get(f"Bearer {valid.secret}").status_code == 200  # the identity is cached now
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(list(keys)) or get_many(keys))
    authentication = BearerTokenAuthentication()
    request = RequestFactory().get(TOKENS, REMOTE_ADDR=HERE)
    request.META["HTTP_AUTHORIZATION"] = f"Bearer {valid.secret}"
    user, _ = authentication.authenticate(request)
    assert user == valid.user
    assert len(reads) == 1
    assert len(reads[0]) == 4  # this window's and the last one's failures, generation, identity


@pytest.mark.parametrize(
    "failure",
    ["malformed", "not ours", "unknown", "expired", "revoked", "inactive user", "not ascii"],
)
def test_every_kind_of_failed_authentication_counts(failure):
    user = UserFactory()
    token = ApiTokenFactory(user=user, expires_in=timedelta(days=1))
    authorization = {
        "malformed": "Bearer a b",
        "not ours": "Bearer not-even-our-prefix",
        "unknown": BAD,
        "expired": f"Bearer {token.secret}",
        "revoked": f"Bearer {token.secret}",
        "inactive user": f"Bearer {token.secret}",
        "not ascii": "Bearer ct_é",
    }[failure]
    if failure == "expired":
        token.expires_at = token.expires_at - timedelta(days=2)
        token.save()
    elif failure == "revoked":
        api_token_revoke(token=token)
    elif failure == "inactive user":
        user.is_active = False
        user.save()
    fail(5, authorization=authorization)
    assert_throttled(get(authorization))


def test_successful_authentications_count_nothing_and_reset_nothing():
    valid = f"Bearer {ApiTokenFactory().secret}"
    for _ in range(20):
        assert get(valid).status_code == 200
    fail(3)
    for _ in range(5):
        assert get(valid).status_code == 200
    fail(2)
    assert_throttled(get(BAD))


def test_addresses_are_counted_apart_and_x_forwarded_for_is_not_trusted_by_default():
    fail(5)
    assert_throttled(get(BAD))
    fail(5, address="198.51.100.1")
    # A client naming itself another address in the header stays the address it is.
    assert_throttled(get(BAD, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_behind_trusted_proxies_the_address_they_saw_is_counted(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    fail(5, address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {HERE}")
    # The entry the proxy wrote counts; what the client wrote before it does not.
    assert_throttled(get(BAD, address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.2, {HERE}"))
    assert get(BAD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 401


def test_the_count_passes_with_its_window(limits):
    fail(5)
    assert_throttled(get(BAD))
    # Half of the previous window's 5 failures still count: 2.5, so three more are allowed.
    limits.now = START + MINUTE + 30
    fail(3)
    assert_throttled(get(BAD))
    limits.now = START + 3 * MINUTE
    fail(5)


def test_retry_after_says_when_the_address_is_allowed_again(limits):
    fail(5)
    response = get(BAD)
    assert int(response["Retry-After"]) == 55  # the window ends in 55 s, then it is over
    limits.now = START + MINUTE + 1
    assert get(BAD).status_code == 401


def test_anonymous_requests_keep_their_own_throttle(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": None},
    }
    # Requests without credentials are no failed authentication: 401, never counted here.
    for _ in range(10):
        assert get().status_code == 401
    fail(5)
    assert_throttled(get(BAD))
    # The anonymous rate is counted apart, on what anonymous requests may see.
    other = "198.51.100.1"
    assert [get(address=other, url=DOCS).status_code for _ in range(3)] == [200, 200, 429]
    assert get(BAD, address=other).status_code == 401


def test_no_rate_turns_the_throttle_off(settings):
    settings.API_THROTTLE_FAILED_AUTH = None
    fail(50)


def test_ipv6_clients_are_counted_by_their_64_network():
    fail(5, address="2001:db8:1:2::1")
    assert_throttled(get(BAD, address="2001:db8:1:2:ffff::9"))
    assert get(BAD, address="2001:db8:1:3::1").status_code == 401


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "counted"),
    [
        ("203.0.113.7", None, 0, "203.0.113.7"),
        ("203.0.113.7", "192.0.2.1", 0, "203.0.113.7"),
        ("10.0.0.1", "192.0.2.1, 203.0.113.7", 1, "203.0.113.7"),
        ("10.0.0.2", "192.0.2.1, 203.0.113.7, 10.0.0.1", 2, "203.0.113.7"),
        ("10.0.0.1", "203.0.113.7", 2, "203.0.113.7"),
        ("10.0.0.1", "not an address", 1, "10.0.0.1"),
        ("10.0.0.1", None, 1, "10.0.0.1"),
        ("2001:db8::1", None, 0, "2001:db8::/64"),
        ("::ffff:203.0.113.7", None, 0, "203.0.113.7"),
    ],
)
def test_client_address(settings, remote, forwarded, proxies, counted):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert client_address(request) == counted


def test_with_redis_every_worker_sees_the_count(limits):
    with redis_cache():
        fail(5)
        assert_throttled(get(BAD))
        # Another worker, with a connection of its own, refuses the address too.
        throttle = FailedAuthThrottle()
        throttle.cache = another_process_cache()
        assert throttle.refuses(HERE)
        assert not throttle.refuses("198.51.100.1")
        limits.now = START + 3 * MINUTE
        assert get(BAD).status_code == 401
