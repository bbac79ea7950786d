"""COPYs sent by a thread while the caller goes on (``core.copying.in_background``): what
the import writes its new rows with on PostgreSQL, while it validates the next batch."""

import sys
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Topic
from core import copying

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]

COLUMNS = ["id", "name", "slug", "created_at", "updated_at"]


def add_topics(background, *names: str, ids: list[int] | None = None) -> list[int]:
    """Rows of new topics given to ``background``; their ids (drawn here unless given)."""
    if ids is None:
        ids = copying.draw_ids(Topic, len(names), "default")
    fields = [Topic._meta.get_field(name) for name in COLUMNS]
    columns = copying.Columns(fields, "default")
    now = "2026-12-07T10:00:00+00:00"
    rows = [
        columns.prepared([pk, name, name.lower(), now, now])
        for pk, name in zip(ids, names, strict=True)
    ]
    copying.copy_rows(Topic, columns, rows, "default", background=background)
    return ids


def topics() -> list[str]:
    return sorted(Topic.objects.values_list("name", flat=True))


def test_rows_sent_are_written_by_the_time_wait_returns():
    with transaction.atomic(), copying.in_background("default") as background:
        add_topics(background, "Libya", "Drones")
        background.send()
        background.wait()
        assert topics() == ["Drones", "Libya"]
    assert topics() == ["Drones", "Libya"]


def test_a_query_made_while_rows_are_pending_runs_after_them():
    """Whatever runs between the send and the wait reads the table with the rows in, sent
    or not yet sent."""
    with transaction.atomic(), copying.in_background("default") as background:
        add_topics(background, "Sent")
        background.send()
        assert topics() == ["Sent"]
        add_topics(background, "Not sent")
        assert topics() == ["Not sent", "Sent"]


def test_the_block_writes_what_it_was_given():
    with transaction.atomic(), copying.in_background("default") as background:
        add_topics(background, "Given")
    assert topics() == ["Given"]


def test_a_refused_row_is_raised_by_wait_as_django_raises_it():
    Topic.objects.create(name="Taken", slug="taken")
    with transaction.atomic():
        savepoint = transaction.savepoint_create()
        with copying.in_background("default") as background:
            add_topics(background, "Fresh", "Taken")
            background.send(savepoint=savepoint)
            with pytest.raises(IntegrityError, match="topic_name"):
                background.wait()
            transaction.savepoint_rollback(savepoint)
            add_topics(background, "Fresh")
    assert topics() == ["Fresh", "Taken"]


def test_a_query_after_a_refusal_reads_the_transaction_as_it_was_at_the_savepoint():
    """The refusal is not raised into an unrelated query (a validation's look-up): the
    query runs on the transaction rolled back to the savepoint, and ``wait`` raises it."""
    Topic.objects.create(name="Taken", slug="taken")
    with transaction.atomic():
        Topic.objects.create(name="Before", slug="before")
        savepoint = transaction.savepoint_create()
        with copying.in_background("default") as background:
            add_topics(background, "Fresh", "Taken")
            background.send(savepoint=savepoint)
            assert topics() == ["Before", "Taken"]
            with pytest.raises(IntegrityError):
                background.wait()
            background.wait()  # raised once
    assert topics() == ["Before", "Taken"]


def test_discarded_rows_are_not_written():
    with transaction.atomic(), copying.in_background("default") as background:
        add_topics(background, "Dropped")
        background.discard()
        assert topics() == []
    assert topics() == []


def test_an_error_in_the_block_leaves_no_thread_and_no_rows():
    def fails_with_rows_sent():
        with transaction.atomic(), copying.in_background("default") as background:
            add_topics(background, "Half")
            background.send()
            raise ValueError("the import failed")

    with pytest.raises(ValueError, match="the import failed"):
        fails_with_rows_sent()
    assert topics() == []
    assert Topic.objects.count() == 0  # the connection is usable


def test_the_rows_are_counted_as_queries_where_queries_are_counted(django_assert_num_queries):
    with transaction.atomic(), copying.in_background("default") as background:
        add_topics(background, "One")
        with django_assert_num_queries(1) as captured:
            background.wait()
    assert captured.captured_queries[0]["sql"].startswith('COPY "claims_topic"')


def test_it_needs_a_transaction_and_gives_back_the_switch_interval():
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError, match="transaction"), copying.in_background("default"):
        pass
    with transaction.atomic(), copying.in_background("default"):
        assert sys.getswitchinterval() == copying.SWITCH_INTERVAL
    assert sys.getswitchinterval() == before


def writing_started(monkeypatch) -> threading.Event:
    """Set once a thread starts writing rows."""
    started = threading.Event()
    write = copying.BackgroundCopies._write

    def logged_write(self, raw, sending):
        started.set()
        return write(self, raw, sending)

    monkeypatch.setattr(copying.BackgroundCopies, "_write", logged_write)
    return started


def test_rows_added_while_streaming_are_written_without_being_sent(monkeypatch):
    started = writing_started(monkeypatch)
    with transaction.atomic(), copying.in_background("default") as background:
        ids = copying.draw_ids(Topic, 2, "default")  # its queries first, as a batch makes them
        background.stream(savepoint=transaction.savepoint_create())
        add_topics(background, "Streamed", ids=ids[:1])
        assert started.wait(timeout=10)  # no ``send``
        add_topics(background, "Then", ids=ids[1:])
        background.wait()
        assert topics() == ["Streamed", "Then"]
        add_topics(background, "After the batch", ids=copying.draw_ids(Topic, 1, "default"))
        assert background._queued  # the stream ended with the batch: sent by ``send`` again
    assert topics() == ["After the batch", "Streamed", "Then"]


def test_nothing_streamed_after_a_refused_row_is_written():
    Topic.objects.create(name="Taken", slug="taken")
    with transaction.atomic():
        ids = copying.draw_ids(Topic, 3, "default")
        savepoint = transaction.savepoint_create()
        with copying.in_background("default") as background:
            background.stream(savepoint=savepoint)
            add_topics(background, "Taken", ids=ids[:1])
            add_topics(background, "Later", ids=ids[1:2])
            with pytest.raises(IntegrityError, match="topic_name"):
                background.wait()
            transaction.savepoint_rollback(savepoint)
            add_topics(background, "Again", ids=ids[2:])
    assert topics() == ["Again", "Taken"]


def test_discarding_a_stream_writes_nothing_more_of_it(monkeypatch):
    release = threading.Event()
    write = copying.BackgroundCopies._write

    def held_write(self, raw, sending):
        release.wait(timeout=10)  # what is added meanwhile waits in the thread's queue
        return write(self, raw, sending)

    monkeypatch.setattr(copying.BackgroundCopies, "_write", held_write)
    with transaction.atomic():
        savepoint = transaction.savepoint_create()
        with copying.in_background("default") as background:
            background.stream(savepoint=savepoint)
            add_topics(background, "Dropped")
            add_topics(background, "Dropped too")
            threading.Timer(0.2, release.set).start()
            with CaptureQueriesContext(connection) as written:
                background.discard()
            transaction.savepoint_rollback(savepoint)
    assert written.captured_queries == []  # the thread wrote neither
    assert topics() == []
