"""The change feed's events: one per tracked write of an object of the API, in the write's
transaction, attributed, bulk writes included; and the feed's order across transactions."""

import threading

import psycopg
import pytest
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from claims.models import Claim
from claims.services import claim_save
from config import api_urls
from core import changes
from core.history import bulk_create_tracked, bulk_update_tracked
from core.models import ChangeEvent
from core.services import instance_delete, instance_save
from reviews.models import MatchCandidate
from sources.models import Alias
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    RatingLabelFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def events():
    return [
        (event.resource, event.object_id, event.action, event.username)
        for event in ChangeEvent.objects.in_feed_order()
    ]


def test_every_collection_of_the_api_is_in_the_feed():
    """Each collection the router serves (but tokens and webhooks, which are the reader's
    own) is registered under its name, for the model it lists, with a working route."""
    registered = changes.resources()
    for prefix, viewset, _basename in api_urls.router.registry:
        if prefix in ("tokens", "webhooks"):
            continue
        assert prefix in registered, f"{prefix} is not in the change feed"
        assert registered[prefix].model is viewset.queryset.model
        reverse(registered[prefix].route, kwargs={"pk": 1})


def test_create_update_delete_each_write_one_event_with_its_actor():
    user = UserFactory(username="desk")
    claim = Claim(text="The bridge was closed on Monday.")
    claim_save(claim=claim, user=user)
    claim.text = "The bridge was closed on Monday night."
    claim_save(claim=claim, user=user)
    claim_id = claim.pk
    instance_delete(instance=claim, user=user)
    assert events() == [
        ("claims", claim_id, "create", "desk"),
        ("claims", claim_id, "update", "desk"),
        ("claims", claim_id, "delete", "desk"),
    ]
    event = ChangeEvent.objects.get(action="create")
    assert event.user == user
    assert event.at is not None


def test_attribution_outlives_the_user():
    user = UserFactory(username="former")
    actor = ActorFactory()
    instance_save(instance=actor, user=user)
    user.delete()
    event = ChangeEvent.objects.filter(object_id=actor.pk, resource="actors").last()
    assert event.user is None
    assert event.username == "former"


def test_a_rolled_back_write_leaves_no_event():
    def write_then_fail():
        with transaction.atomic():
            ClaimFactory()
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        write_then_fail()
    assert events() == []


def test_objects_shown_inside_another_are_changes_of_that_one():
    """An alias is part of its actor's representation; a label, of its scale's."""
    actor = ActorFactory()
    ChangeEvent.objects.all().delete()
    alias = Alias(actor=actor, name="The Pentagon")
    instance_save(instance=alias)
    instance_delete(instance=alias)
    label = RatingLabelFactory()
    assert events()[:2] == [("actors", actor.pk, "update", ""), ("actors", actor.pk, "update", "")]
    assert ("rating-scales", label.scale_id, "update", "") in events()


def test_models_outside_the_api_write_no_event():
    UserFactory()
    assert events() == []


def test_bulk_writes_write_their_events():
    user = UserFactory(username="matcher")
    first, second, third = ClaimFactory(), ClaimFactory(), ClaimFactory()
    ChangeEvent.objects.all().delete()
    created = bulk_create_tracked(
        [
            MatchCandidate(first_claim=first, second_claim=second, score=0.9),
            MatchCandidate(first_claim=first, second_claim=third, score=0.8),
        ],
        MatchCandidate,
        user=user,
    )
    for candidate in created:
        candidate.score = 0.5
    bulk_update_tracked(created, MatchCandidate, ["score"], user=user)
    ids = [candidate.pk for candidate in created]
    assert events() == [
        ("match-candidates", ids[0], "create", "matcher"),
        ("match-candidates", ids[1], "create", "matcher"),
        ("match-candidates", ids[0], "update", "matcher"),
        ("match-candidates", ids[1], "update", "matcher"),
    ]


def test_many_to_many_changes_are_updates():
    claim = ClaimFactory()
    ChangeEvent.objects.all().delete()
    claim.about.add(ActorFactory())
    assert ("claims", claim.pk, "update", "") in events()


@pytest.mark.parametrize(
    "cursor", ["", "x", "MC4w=", "%%%", "LTEuMQ", "MS4yLjM", "YS5i", "9" * 70, "MS4y\x00", "MDEuMg"]
)
def test_malformed_cursors_are_refused(cursor):
    with pytest.raises(ValueError, match="not a cursor"):
        changes.decode_cursor(cursor)


@given(st.text(max_size=80))
def test_any_text_is_a_cursor_spelled_one_way_or_refused(text):
    try:
        position = changes.decode_cursor(text)
    except ValueError:
        return
    assert changes.encode_cursor(*position) == text


def test_cursors_round_trip():
    assert changes.decode_cursor(changes.encode_cursor(123456789, 42)) == (123456789, 42)


# Order across concurrent transactions (PostgreSQL)


def dsn() -> str:
    settings = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
    )


def feed_ids(after=None):
    return [event.pk for event in changes.feed(after=after, names=changes.resources(), limit=1000)]


def wait_for(predicate, timeout: float = 60.0):
    """Poll: other transactions of the server (other databases' too) hold the horizon back."""
    event = threading.Event()
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return
        event.wait(0.1)
    raise AssertionError("the feed did not catch up")


@pytest.mark.django_db(transaction=True)
def test_the_feed_never_passes_a_transaction_still_running():
    """A transaction that took its id first but commits last: the feed shows nothing after
    it until it commits, then shows it first; a reader resuming from its cursor misses
    nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: ids follow commits")
    earlier = ClaimFactory()
    wait_for(lambda: ChangeEvent.objects.get(object_id=earlier.pk).pk in feed_ids())
    seen = feed_ids()
    cursor = ChangeEvent.objects.get(pk=seen[-1])
    position = (cursor.transaction, cursor.pk)
    slow = psycopg.connect(dsn())
    try:
        # The slow transaction takes its id now, and writes its event after a faster one.
        slow_xid = slow.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]
        fast = ClaimFactory()  # committed at once (autocommit)
        fast_event = ChangeEvent.objects.get(resource="claims", object_id=fast.pk)
        slow_event_id = slow.execute(
            "INSERT INTO core_changeevent (resource, object_id, action, username, at, "
            "transaction) VALUES ('claims', %s, 'update', '', now(), "
            "pg_current_xact_id()::text::bigint) RETURNING id",
            [earlier.pk],
        ).fetchone()[0]
        assert slow_event_id > fast_event.pk  # ids do not follow commits
        assert slow_xid < fast_event.transaction
        # Committed, the fast one still waits behind the slow one.
        assert fast_event.pk not in feed_ids(position)
        slow.commit()
    finally:
        slow.close()
    wait_for(lambda: fast_event.pk in feed_ids(position))
    assert feed_ids(position)[:2] == [slow_event_id, fast_event.pk]
    ChangeEvent.objects.filter(pk=slow_event_id).delete()
