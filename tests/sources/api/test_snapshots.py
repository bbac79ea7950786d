"""The snapshots resource: captured texts, immutable, deduplicated by their SHA-256."""

import datetime
import hashlib

from django.urls import reverse

from sources.models import Snapshot
from tests.support.api import APIMatrix, client_with_permissions, count_queries
from tests.support.factories import CitationFactory, SnapshotFactory, SourceFactory

TEXT = "Moscow has denied the Russian state is responsible for any deployments."


class TestSnapshots(APIMatrix):
    basename = "snapshot"
    model = Snapshot
    brief_fields = ["id", "url", "display", "source", "sha256", "captured_at"]

    # Snapshots cannot be updated: test_put_and_patch_answer_405 replaces the ETag update test.
    test_update_with_current_etag_succeeds_and_stale_etag_gets_412 = None

    def make(self):
        return SnapshotFactory()

    def create_payload(self):
        return {
            "source": SourceFactory().pk,
            "text": TEXT,
            "captured_by": "newsroom archiver",
            "captured_from": "https://example.org/story",
        }

    def invalid_payload(self):
        return {"source": 2**70, "text": "", "captured_by": ""}


def test_a_new_text_answers_201_and_the_same_text_again_answers_200_with_that_snapshot(db):
    """Capturing is idempotent per source and text: 201 once, then 200 with the same snapshot."""
    client = TestSnapshots().writer("add")
    payload = TestSnapshots().create_payload()
    first = client.post("/api/v1/snapshots/", payload, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["text"] == TEXT
    assert body["sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert body["source"]["id"] == payload["source"]
    again = client.post(
        "/api/v1/snapshots/", {**payload, "captured_by": "someone else"}, format="json"
    )
    assert again.status_code == 200, again.content
    assert again.json() == body
    assert Snapshot.objects.count() == 1
    changed = client.post(
        "/api/v1/snapshots/", {**payload, "text": f"{TEXT} Updated."}, format="json"
    )
    assert changed.status_code == 201
    assert Snapshot.objects.count() == 2


def test_capture_time_defaults_to_now_and_is_stored_in_utc(db):
    """Without ``captured_at`` the capture is dated now; a given offset is converted to UTC."""
    client = TestSnapshots().writer("add")
    before = datetime.datetime.now(datetime.UTC)
    now = client.post("/api/v1/snapshots/", TestSnapshots().create_payload(), format="json")
    assert now.status_code == 201, now.content
    captured = Snapshot.objects.get(pk=now.json()["id"]).captured_at
    assert before <= captured <= datetime.datetime.now(datetime.UTC)
    dated = client.post(
        "/api/v1/snapshots/",
        {**TestSnapshots().create_payload(), "captured_at": "2020-07-17T23:30:00+14:00"},
        format="json",
    )
    assert dated.status_code == 201, dated.content
    assert dated.json()["captured_at"] == "2020-07-17T09:30:00Z"


def test_put_and_patch_answer_405_and_change_nothing(db):
    """A snapshot is never changed: PUT and PATCH are not offered."""
    snapshot = SnapshotFactory()
    client = TestSnapshots().writer("change")
    url = f"/api/v1/snapshots/{snapshot.pk}/"
    for method in (client.put, client.patch):
        response = method(url, {"text": "Rewritten.", "captured_by": "x"}, format="json")
        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"
    assert "PATCH" not in client.options(url)["Allow"]
    snapshot.refresh_from_db()
    assert snapshot.text.startswith("Snapshot ")


def test_the_list_never_reads_the_text(db):
    """Lists of snapshots (which hold whole articles) select no text column."""
    SnapshotFactory()
    client = TestSnapshots().reader()
    _, sql = count_queries(lambda: client.get("/api/v1/snapshots/"))
    assert "sources_snapshot" in sql
    assert '"sources_snapshot"."text"' not in sql


def test_deleting_a_snapshot_that_citations_use_answers_409(db):
    """A snapshot a quote was verified against is evidence: deleting it is refused."""
    snapshot = SnapshotFactory(text="The minister said the bridge was closed.")
    CitationFactory(source=snapshot.source, snapshot=snapshot, quote="the bridge was closed")
    client = TestSnapshots().writer("delete")
    response = client.delete(f"/api/v1/snapshots/{snapshot.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "protected"
    assert Snapshot.objects.filter(pk=snapshot.pk).exists()


def test_deleting_an_unused_snapshot_answers_204(db):
    """A snapshot nothing uses can be deleted; the deletion is in its history."""
    snapshot = SnapshotFactory()
    client = TestSnapshots().writer("delete")
    assert client.delete(f"/api/v1/snapshots/{snapshot.pk}/").status_code == 204
    assert not Snapshot.objects.filter(pk=snapshot.pk).exists()
    assert Snapshot.history.get(id=snapshot.pk, history_type="-").history_user == client.user


def test_brief_and_full_rows_give_the_source_in_the_same_form(db):
    """A list row's source is the brief source object, with or without ?brief=false."""
    snapshot = SnapshotFactory()
    client = client_with_permissions("sources.view_snapshot")
    for brief in ("true", "false"):
        (row,) = client.get(reverse("api:snapshot-list"), {"brief": brief}).json()["results"]
        assert row["source"]["id"] == snapshot.source_id
        assert row["source"]["title"] == snapshot.source.title
