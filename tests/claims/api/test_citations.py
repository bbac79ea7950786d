"""The citations resource: quotes verified against snapshots, and chains of intermediaries."""

from claims.models import Citation
from tests.support.api import APIMatrix, client_with_permissions, count_queries
from tests.support.factories import (
    ActorFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
    citation_chain,
)

TEXT = (
    "The United States has accused Moscow of deploying military jets to Libya.\n\n"
    "Moscow has denied the Russian state is responsible for any deployments of the Vagner "
    "group and denied sending aircraft to Libya."
)
QUOTE = "denied sending aircraft to Libya"


class TestCitations(APIMatrix):
    basename = "citation"
    model = Citation
    brief_fields = [
        "id",
        "url",
        "display",
        "statement",
        "source",
        "role",
        "quote_verified",
        "highlight",
    ]

    def make(self):
        return citation_chain(length=2)[-1]

    def create_payload(self):
        snapshot = SnapshotFactory(text=TEXT)
        return {
            "statement": StatementFactory().pk,
            "source": snapshot.source_id,
            "role": "reports",
            "access": "direct",
            "quote": QUOTE,
            "snapshot": snapshot.pk,
            "locator": "paragraph 2",
            "retrieved_on": "2020-07-20",
        }

    def invalid_payload(self):
        return {**self.create_payload(), "quote": "Moscow admitted sending aircraft"}

    def update_payload(self):
        return {"locator": "paragraph 3"}


def writer(*actions):
    return client_with_permissions(
        "claims.view_citation", *(f"claims.{action}_citation" for action in actions)
    )


def test_the_quote_is_located_in_the_snapshot_on_create(db):
    """Offsets, context and the verified flag are computed by the model, never taken from
    input: sending them is refused, field by field."""
    payload = TestCitations().create_payload()
    computed = {"quote_verified": False, "quote_start": 0, "quote_end": 3}
    client = writer("add")
    refused = client.post("/api/v1/citations/", {**payload, **computed}, format="json")
    assert refused.status_code == 400, refused.content
    assert sorted(refused.json()["errors"]) == sorted(computed)
    assert not Citation.objects.exists()
    response = client.post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    start = TEXT.index(QUOTE)
    assert (body["quote_verified"], body["quote_start"], body["quote_end"]) == (
        True,
        start,
        start + len(QUOTE),
    )
    assert TEXT[: body["quote_start"]].endswith(body["quote_prefix"])
    assert body["quote_prefix"]
    citation = Citation.objects.get(pk=body["id"])
    assert citation.quote_in_snapshot == QUOTE


def test_a_quote_not_in_its_snapshot_gets_400_on_quote(db):
    """A quote that does not stand verbatim in the snapshot is refused with the error on quote."""
    response = writer("add").post(
        "/api/v1/citations/", TestCitations().invalid_payload(), format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["quote"]
    assert errors["quote"][0].startswith("The quote is not found in the snapshot")
    assert not Citation.objects.exists()


def test_changing_the_quote_to_words_not_in_the_snapshot_gets_400_and_keeps_the_old_one(db):
    """An update is verified like a creation; a refused one changes nothing."""
    client = writer("add", "change")
    created = client.post(
        "/api/v1/citations/", TestCitations().create_payload(), format="json"
    ).json()
    response = client.patch(
        f"/api/v1/citations/{created['id']}/", {"quote": "admitted everything"}, format="json"
    )
    assert response.status_code == 400
    assert "quote" in response.json()["errors"]
    citation = Citation.objects.get(pk=created["id"])
    assert (citation.quote, citation.quote_verified) == (QUOTE, True)


def test_a_snapshot_of_another_source_gets_400(db):
    """The snapshot must be of the citation's own source."""
    payload = {**TestCitations().create_payload(), "source": SourceFactory().pk}
    response = writer("add").post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 400
    assert "snapshot" in response.json()["errors"]


def test_detail_shows_the_chain_from_the_origin(db):
    """A republished citation's detail lists the chain from the origin, and says it in words."""
    statement = StatementFactory(actor=ActorFactory(name="U.S. Department of Defense"))
    origin, seen, republished = citation_chain(statement=statement)
    body = writer().get(f"/api/v1/citations/{republished.pk}/").json()
    assert body["statement"]["id"] == statement.pk
    assert body["statement"]["claim"] == statement.claim_id
    assert body["derived_from"] == seen.pk
    assert [link["citation"] for link in body["chain"]] == [origin.pk, seen.pk, republished.pk]
    assert [link["source"]["id"] for link in body["chain"]] == [
        origin.source_id,
        seen.source_id,
        republished.source_id,
    ]
    assert body["chain_display"] == (
        "U.S. Department of Defense — report (not public) → "
        f"seen by {seen.source.publisher.name} → "
        f"republished by {republished.source.publisher.name}"
    )


def test_deriving_from_a_citation_of_another_statement_gets_400(db):
    """A chain stays within one statement."""
    (elsewhere,) = citation_chain(length=1)
    payload = {**TestCitations().create_payload(), "derived_from": elsewhere.pk}
    response = writer("add").post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 400
    assert "derived_from" in response.json()["errors"]


def test_deleting_a_citation_others_derive_from_answers_409(db):
    """A link in the middle of a chain cannot be deleted; the last link can."""
    _origin, seen, republished = citation_chain()
    client = writer("delete")
    response = client.delete(f"/api/v1/citations/{seen.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "protected"
    assert Citation.objects.filter(pk=seen.pk).exists()
    assert client.delete(f"/api/v1/citations/{republished.pk}/").status_code == 204
    assert client.delete(f"/api/v1/citations/{seen.pk}/").status_code == 204


def test_create_is_attributed_to_the_token_user(db):
    """The history row of a citation created through the API names the token's user."""
    client = writer("add")
    response = client.post("/api/v1/citations/", TestCitations().create_payload(), format="json")
    citation = Citation.objects.get(pk=response.json()["id"])
    record = citation.history.get()
    assert (record.history_user, record.quote_verified) == (client.user, True)


def test_detail_runs_the_same_queries_for_a_chain_of_2_and_of_8(db):
    """A chain is read from its statement's prefetched citations, however long."""
    client = writer()
    short = citation_chain(length=2)[-1]
    long = citation_chain(length=8)[-1]
    client.get(f"/api/v1/citations/{short.pk}/")
    small, _ = count_queries(lambda: client.get(f"/api/v1/citations/{short.pk}/"))
    large, sql = count_queries(lambda: client.get(f"/api/v1/citations/{long.pk}/"))
    assert large == small, f"{small} queries for 2 links, {large} for 8:\n{sql}"


def test_a_quote_typed_with_other_spaces_is_stored_as_the_snapshot_has_it(db):
    """A paragraph break in the snapshot typed as one space: found, and the stored quote is
    the snapshot's characters, with their offsets."""
    payload = {**TestCitations().create_payload(), "quote": "to Libya. Moscow has denied"}
    response = writer("add").post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quote"] == "to Libya.\n\nMoscow has denied"
    assert body["quote_verified"] is True
    assert TEXT[body["quote_start"] : body["quote_end"]] == body["quote"]


def test_a_wrong_quote_is_answered_with_the_closest_passage(db):
    payload = {
        **TestCitations().create_payload(),
        "quote": "Moscow denied sending aircraft to Libya",
    }
    response = writer("add").post("/api/v1/citations/", payload, format="json")
    assert response.status_code == 400
    [message] = response.json()["errors"]["quote"]
    assert "The closest passage, at characters" in message
    assert "denied sending aircraft to Libya" in message
