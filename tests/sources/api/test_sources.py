"""The sources resource: documents with their publisher, authors and snapshots."""

from core.models import ChangeEvent
from sources.models import Source
from tests.support.api import APIMatrix, count_queries
from tests.support.factories import ActorFactory, CitationFactory, SnapshotFactory, SourceFactory


class TestSources(APIMatrix):
    basename = "source"
    model = Source
    brief_fields = [
        "id",
        "url",
        "display",
        "kind",
        "title",
        "publisher",
        "published_on",
        "published_precision",
    ]

    def make(self):
        source = SourceFactory(published_on="2020-07-17")
        source.authors.set([ActorFactory(kind="person"), ActorFactory(kind="person")])
        SnapshotFactory(source=source)
        return source

    def create_payload(self):
        return {
            "kind": "report",
            "title": "Lead Inspector General report",
            "publisher": ActorFactory(kind="government_body").pk,
            "authors": [ActorFactory(kind="person").pk],
            "web_url": "HTTPS://Example.ORG/reports/libya?utm_source=feed",
            "published_on": "2020-07-17",
            "published_precision": "month",
            "language": "en",
        }

    def invalid_payload(self):
        return {"kind": "scroll", "title": "", "language": "not a language tag"}

    def update_payload(self):
        return {"title": "Renamed through the API"}


def test_source_detail_shows_publisher_authors_and_snapshots_without_their_text(db):
    """The detail nests brief actors and lists snapshots by id, hash and time, never the text."""
    source = TestSources().make()
    snapshot = source.snapshots.get()
    body = TestSources().reader().get(f"/api/v1/sources/{source.pk}/").json()
    assert body["publisher"]["id"] == source.publisher_id
    assert set(body["publisher"]) == {"id", "url", "display", "name", "kind"}
    assert sorted(author["id"] for author in body["authors"]) == sorted(
        source.authors.values_list("pk", flat=True)
    )
    assert body["snapshots"] == [
        {
            "id": snapshot.pk,
            "url": f"http://testserver/api/v1/snapshots/{snapshot.pk}/",
            "sha256": snapshot.sha256,
            "captured_at": snapshot.captured_at.isoformat().replace("+00:00", "Z"),
        }
    ]
    assert body["web_url"] == source.url
    assert body["url"] == f"http://testserver/api/v1/sources/{source.pk}/"
    assert body["published_display"] == "17 July 2020"


def test_source_detail_never_reads_snapshot_text(db):
    """However long the snapshots, the detail's SQL selects no snapshot text."""
    source = TestSources().make()
    client = TestSources().reader()
    _, sql = count_queries(lambda: client.get(f"/api/v1/sources/{source.pk}/"))
    assert '"sources_snapshot"."text"' not in sql


def test_created_source_keeps_its_url_and_its_authors(db):
    """The URL is kept as entered beside its normalised form, the date is truncated to its
    precision, and the authors are set."""
    payload = TestSources().create_payload()
    client = TestSources().writer("add")
    response = client.post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["web_url"] == payload["web_url"]
    assert body["web_url_normalized"] == "https://example.org/reports/libya"
    assert body["published_on"] == "2020-07-01"
    assert body["published_display"] == "July 2020"
    assert [author["id"] for author in body["authors"]] == payload["authors"]
    source = Source.objects.get(pk=body["id"])
    assert list(source.authors.values_list("pk", flat=True)) == payload["authors"]


def test_authors_written_through_the_api_replace_the_list_with_history(db):
    """PATCH authors replaces them; the change is a history row attributed to the token's user."""
    source = TestSources().make()
    author = ActorFactory(kind="person")
    client = TestSources().writer("change")
    response = client.patch(
        f"/api/v1/sources/{source.pk}/", {"authors": [author.pk]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [a["id"] for a in response.json()["authors"]] == [author.pk]
    assert list(source.authors.all()) == [author]
    latest = source.history.latest()
    assert latest.history_user == client.user
    assert [row.actor_id for row in latest.authors.all()] == [author.pk]


def test_a_new_source_is_one_history_row_with_its_authors_and_one_change(db):
    """As a claim created with its actors and topics: the history shows the source created
    with its authors, and the change feed one create, by the writer."""
    authors = ActorFactory.create_batch(2, kind="person")
    client = TestSources().writer("add")
    payload = {**TestSources().create_payload(), "authors": [a.pk for a in authors]}
    response = client.post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 201, response.content
    source = Source.objects.get(pk=response.json()["id"])
    (created,) = source.history.all()
    assert (created.history_type, created.history_user) == ("+", client.user)
    assert sorted(row.actor_id for row in created.authors.all()) == sorted(payload["authors"])
    events = ChangeEvent.objects.filter(resource="sources", object_id=source.pk)
    assert [(event.action, event.user) for event in events] == [("create", client.user)]


def test_a_second_source_with_the_same_normalised_url_gets_400(db):
    """The unique-URL rule applies to the normalised URL, as in the admin; nothing is written."""
    SourceFactory(url="https://example.org/story")
    payload = {**TestSources().create_payload(), "web_url": "https://EXAMPLE.org/story/"}
    response = TestSources().writer("add").post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {
        "non_field_errors": ["Another source already has this URL."]
    }
    assert Source.objects.count() == 1


def test_an_invalid_web_url_is_reported_under_web_url(db):
    """The document's address is ``web_url`` in the API, and so are its errors."""
    payload = {**TestSources().create_payload(), "web_url": "http://[::1/story"}
    response = TestSources().writer("add").post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {"web_url"}


def test_deleting_a_source_with_citations_answers_409(db):
    """A source that records a statement cannot be deleted: the answer says what uses it."""
    citation = CitationFactory()
    client = TestSources().writer("delete")
    response = client.delete(f"/api/v1/sources/{citation.source_id}/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "protected"
    assert "1 citation" in body["detail"]
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_deleting_an_unused_source_deletes_its_snapshots_with_history(db):
    """A source nothing cites is deleted with its snapshots; the deletion is attributed."""
    source = TestSources().make()
    client = TestSources().writer("delete")
    response = client.delete(f"/api/v1/sources/{source.pk}/")
    assert response.status_code == 204
    assert not Source.objects.filter(pk=source.pk).exists()
    deleted = Source.history.filter(id=source.pk, history_type="-").get()
    assert deleted.history_user == client.user
