"""The active webhook subscriptions every write's commit asks for: on Redis read once per
generation of them in each process, read every time on other caches (core.webhooks)."""

import pytest
from django.core.cache import cache

from core import webhooks
from core.services import instance_delete
from core.webhooks import active_subscriptions, subscription_create
from tests.support.factories import UserFactory, WebhookSubscriptionFactory
from tests.support.throttling import another_process_cache, eventually, live, redis_cache

pytestmark = pytest.mark.django_db

GENERATION_KEY = "webhooks:subscriptions"


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch):
    monkeypatch.setattr(webhooks, "_active", {})


def mirror():
    return cache.mirror(GENERATION_KEY)


@pytest.fixture
def on_redis():
    """Redis, with a generation of subscriptions that this process's mirror has heard of."""
    with redis_cache():
        live(mirror())
        cache.announce(GENERATION_KEY, "first")
        eventually(lambda: mirror().value() == "first")
        yield


def names(subscriptions) -> set[str]:
    return {subscription.url for subscription in subscriptions}


def test_on_redis_they_are_read_once_while_the_generation_stands(
    on_redis, django_assert_num_queries
):
    kept = WebhookSubscriptionFactory(url="https://hooks.example/kept")
    WebhookSubscriptionFactory(url="https://hooks.example/paused", active=False)
    with django_assert_num_queries(1):
        assert names(active_subscriptions()) == {kept.url}
    with django_assert_num_queries(0):
        assert names(active_subscriptions()) == {kept.url}


def test_a_first_generation_is_started_when_there_is_none(django_assert_num_queries):
    with redis_cache():
        live(mirror())
        assert mirror().value() is None
        with django_assert_num_queries(1):
            assert active_subscriptions() == []
        # Announced by the first read; the mirror hears of it a moment later.
        eventually(lambda: mirror().value() is not None)
        with django_assert_num_queries(0):
            assert active_subscriptions() == []


def test_a_subscription_made_or_deleted_here_is_seen_once_committed(
    on_redis, django_capture_on_commit_callbacks
):
    assert active_subscriptions() == []
    with django_capture_on_commit_callbacks(execute=True):
        made = subscription_create(
            subscription=WebhookSubscriptionFactory.build(url="https://hooks.example/new"),
            user=UserFactory(),
        )
    assert names(active_subscriptions()) == {made.url}
    with django_capture_on_commit_callbacks(execute=True):
        instance_delete(instance=made)
    assert active_subscriptions() == []


def test_not_before_the_commit(on_redis, django_capture_on_commit_callbacks):
    assert active_subscriptions() == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        WebhookSubscriptionFactory(url="https://hooks.example/uncommitted")
        # Others still read the rows as they were; so does what this process keeps.
        assert active_subscriptions() == []
    assert callbacks


def test_a_change_announced_by_another_process_is_read_again(on_redis, django_assert_num_queries):
    assert active_subscriptions() == []
    # Written by another process: saved without this process's signals, then announced.
    WebhookSubscriptionFactory(url="https://hooks.example/elsewhere")
    assert active_subscriptions() == []  # kept: nothing was announced yet
    another_process_cache().announce(GENERATION_KEY, "changed elsewhere")
    eventually(lambda: mirror().value() == "changed elsewhere")
    with django_assert_num_queries(1):
        assert names(active_subscriptions()) == {"https://hooks.example/elsewhere"}


def test_a_mirror_that_cannot_vouch_for_its_value_keeps_nothing(
    on_redis, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(mirror(), "live", lambda: False)
    for _ in range(2):
        with django_assert_num_queries(1):
            active_subscriptions()
    assert webhooks._active == {}


def test_on_other_caches_they_are_read_every_time(django_assert_num_queries):
    WebhookSubscriptionFactory(url="https://hooks.example/local")
    for _ in range(2):
        with django_assert_num_queries(1):
            assert names(active_subscriptions()) == {"https://hooks.example/local"}
