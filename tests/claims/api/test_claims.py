"""The claims resource: brief lists with counts, and details with the whole structure."""

import pytest

from claims.choices import Stance
from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from core.models import ChangeEvent
from tests.support.api import APIMatrix, client_with_permissions, count_queries
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    ClaimRelationFactory,
    StatementFactory,
    TopicFactory,
    citation_chain,
)


class TestClaims(APIMatrix):
    basename = "claim"
    model = Claim
    brief_fields = [
        "id",
        "url",
        "display",
        "text",
        "language",
        "kind",
        "quantity_display",
        "statement_count",
        "denial_count",
        "created_at",
        "updated_at",
        "highlight",
    ]

    def make(self):
        claim = ClaimFactory()
        claim.about.set([ActorFactory()])
        claim.topics.set([TopicFactory(name="Libya conflict")])
        assertion = StatementFactory(claim=claim)
        citation_chain(statement=assertion)
        denial = StatementFactory(claim=claim, stance=Stance.DENIES, responds_to=assertion)
        citation_chain(statement=denial, length=1)
        ClaimRelationFactory(from_claim=claim)
        ClaimRelationFactory(to_claim=claim)
        return claim

    def create_payload(self):
        return {
            "text": "Turkey sent more than 3,500 Syrian fighters to Libya in Q1 2020.",
            "language": "en",
            "kind": "factual",
            "quantity_value": "3500",
            "quantity_comparator": "more_than",
            "quantity_unit": "Syrian fighters",
            "period_start": "2020-01-01",
            "period_end": "2020-03-31",
            "place": "Libya",
            "about": [ActorFactory(name="Government of Turkey").pk],
            "topics": ["Libya conflict", "Foreign fighters"],
        }

    def invalid_payload(self):
        return {"text": "", "kind": "rumour", "language": "English, mostly"}

    def update_payload(self):
        return {"place": "Tripoli"}


def reader():
    return client_with_permissions("claims.view_claim")


def test_list_counts_statements_and_denials(db):
    """Each brief claim says how many statements it has and how many of them deny it."""
    denied = TestClaims().make()
    StatementFactory(claim=denied, stance=Stance.DENIES)
    quiet = ClaimFactory()
    rows = {row["id"]: row for row in reader().get("/api/v1/claims/").json()["results"]}
    assert (rows[denied.pk]["statement_count"], rows[denied.pk]["denial_count"]) == (3, 2)
    assert (rows[quiet.pk]["statement_count"], rows[quiet.pk]["denial_count"]) == (0, 0)


def test_detail_holds_statements_citations_chains_denials_and_relations(db):
    """The detail nests statements, their citations with chains, the denials and relations."""
    claim = TestClaims().make()
    assertion, denial = claim.statements.order_by("id")
    origin, seen, republished = assertion.citations.order_by("id")
    body = reader().get(f"/api/v1/claims/{claim.pk}/").json()

    assert [actor["id"] for actor in body["about"]] == [claim.about.get().pk]
    assert body["topics"] == ["Libya conflict"]
    first = body["statements"][0]
    assert first["id"] == assertion.pk
    assert first["actor"]["id"] == assertion.actor_id
    assert first["speaker"] == assertion.actor.name
    assert first["responds_to"] is None
    assert body["statements"][1]["responds_to"] == {
        "id": assertion.pk,
        "url": f"http://testserver/api/v1/statements/{assertion.pk}/",
        "speaker": assertion.actor.name,
        "stance": "asserts",
    }
    assert [c["id"] for c in first["citations"]] == [origin.pk, seen.pk, republished.pk]
    last = first["citations"][2]
    assert last["derived_from"] == seen.pk
    assert last["source"]["id"] == republished.source_id
    assert last["source"]["publisher"]["id"] == republished.source.publisher_id
    # A nested source says how precise its date is, as the source's own detail does.
    assert last["source"]["published_precision"] == republished.source.published_precision
    assert [(link["citation"], link["role"], link["access"]) for link in last["chain"]] == [
        (origin.pk, "origin", "direct"),
        (seen.pk, "reports", "seen_by"),
        (republished.pk, "republishes", "direct"),
    ]
    assert last["chain_display"] == (
        f"{assertion.actor.name} — report (not public) → seen by {seen.source.publisher.name} "
        f"→ republished by {republished.source.publisher.name}"
    )
    assert body["denials"] == [
        {
            "id": denial.pk,
            "url": f"http://testserver/api/v1/statements/{denial.pk}/",
            "actor": body["statements"][1]["actor"],
            "speaker": denial.actor.name,
            "stated_on": None,
            "responds_to": assertion.pk,
            "quotes": [],
        }
    ]
    outgoing, incoming = claim.relations_from.get(), claim.relations_to.get()
    relations = {relation["id"]: relation for relation in body["relations"]}
    assert relations[outgoing.pk]["direction"] == "outgoing"
    assert relations[outgoing.pk]["other"]["id"] == outgoing.to_claim_id
    assert relations[incoming.pk]["direction"] == "incoming"
    assert relations[incoming.pk]["other"]["id"] == incoming.from_claim_id
    assert relations[incoming.pk]["kind"] == "contradicts"


def test_denials_carry_the_quotes_of_their_citations(db):
    """A denial lists the words its citations recorded."""
    claim = ClaimFactory()
    denial = StatementFactory(claim=claim, stance=Stance.DENIES)
    (citation,) = citation_chain(statement=denial, length=1)
    citation.quote = "Moscow has denied sending aircraft."
    citation.save()
    body = reader().get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["denials"][0]["quotes"] == ["Moscow has denied sending aircraft."]


def add_statements(claim, count):
    """``count`` statements of three chained citations; every other one denies the first."""
    first = claim.statements.order_by("id").first()
    for index in range(count):
        denies = first is not None and index % 2 == 1
        statement = StatementFactory(
            claim=claim,
            stance=Stance.DENIES if denies else Stance.ASSERTS,
            responds_to=first if denies else None,
        )
        first = first or statement
        citation_chain(statement=statement)


def test_detail_runs_the_same_queries_for_2_and_10_statements_with_chains(db):
    """Statements, citations, chains, denials and relations are prefetched, never per row."""
    client = reader()
    claim = ClaimFactory()
    claim.about.set([ActorFactory()])
    add_statements(claim, 2)
    ClaimRelationFactory(from_claim=claim)
    url = f"/api/v1/claims/{claim.pk}/"
    client.get(url)  # the token's first use is recorded once
    small, _ = count_queries(lambda: client.get(url))
    add_statements(claim, 8)
    ClaimRelationFactory(to_claim=claim)
    body = client.get(url).json()
    assert len(body["statements"]) == 10
    assert all(len(s["citations"]) == 3 for s in body["statements"])
    assert len(body["denials"]) == 5
    large, sql = count_queries(lambda: client.get(url))
    assert large == small, f"{small} queries for 2 statements, {large} for 10:\n{sql}"


def test_topics_are_written_as_names_and_reuse_existing_topics(db):
    """Names of existing topics (any case) reuse them; new names create topics."""
    existing = TopicFactory(name="Libya conflict")
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {**TestClaims().create_payload(), "topics": ["libya CONFLICT", "Arms embargo"]}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 201, response.content
    assert sorted(response.json()["topics"]) == ["Arms embargo", "Libya conflict"]
    claim = Claim.objects.get(pk=response.json()["id"])
    assert existing in claim.topics.all()
    created = Topic.objects.get(name="Arms embargo")
    assert created.history.get().history_user == client.user


def test_a_topic_name_that_cannot_be_recorded_gets_400_on_topics_and_writes_nothing(db):
    """A new name a topic cannot have (longer than its 100 characters) is refused under
    ``topics``; no claim is made, nor the other new topic."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {**TestClaims().create_payload(), "topics": ["Arms embargo", "Libya " * 20]}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {"topics"}
    assert not Claim.objects.exists()
    assert not Topic.objects.filter(name="Arms embargo").exists()


def test_writes_replace_about_and_topics_with_history(db):
    """PATCH about and topics replaces them; each write is a history row of the token's user."""
    claim = TestClaims().make()
    actor = ActorFactory()
    client = client_with_permissions("claims.view_claim", "claims.change_claim")
    response = client.patch(
        f"/api/v1/claims/{claim.pk}/", {"about": [actor.pk], "topics": []}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [a["id"] for a in response.json()["about"]] == [actor.pk]
    assert response.json()["topics"] == []
    assert list(claim.about.all()) == [actor]
    assert not claim.topics.exists()
    latest = claim.history.latest()
    assert latest.history_user == client.user
    assert [row.actor_id for row in latest.about.all()] == [actor.pk]


def test_the_quantity_rules_of_the_model_answer_400(db):
    """A value without a comparator is refused by the service's validation, as in the admin."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {"text": "Thousands of fighters.", "quantity_value": "3500"}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert any("comparator" in message for message in errors["non_field_errors"])
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", 42, "Not a valid string."),
        ("quantity_unit", 1.5, "Not a valid string."),
        ("quantity_value", 3500, 'Send the number as a string, such as "3500" or "0.25".'),
        ("quantity_value", 0.1, 'Send the number as a string, such as "3500" or "0.25".'),
    ],
)
def test_text_and_decimals_sent_as_json_numbers_answer_400(db, field, value, message):
    """The schema says string, the API answers strings: a number is refused on its field,
    never turned into digits (text) or rounded through a binary float (decimals)."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {"text": "Thousands of fighters.", "quantity_comparator": "more_than", field: value}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][field] == [message]
    assert not Claim.objects.exists()


def test_an_unknown_actor_in_about_answers_400(db):
    """``about`` takes ids of existing actors."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {**TestClaims().create_payload(), "about": [2**62]}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400
    assert "about" in response.json()["errors"]


def test_deleting_a_claim_deletes_its_statements_citations_and_relations(db):
    """Statements (a denial answering an assertion), chains and relations go with the claim."""
    claim = TestClaims().make()
    statements = list(claim.statements.all())
    relations = [*claim.relations_from.all(), *claim.relations_to.all()]
    client = client_with_permissions("claims.view_claim", "claims.delete_claim")
    response = client.delete(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 204, response.content
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not Statement.objects.filter(pk__in=[s.pk for s in statements]).exists()
    assert not Citation.objects.filter(statement__in=statements).exists()
    assert not ClaimRelation.objects.filter(pk__in=[r.pk for r in relations]).exists()


@pytest.mark.parametrize(
    "without",
    [pytest.param((), id="actors-and-topics"), ("about",), ("about", "topics")],
)
def test_a_new_claim_is_one_history_row_with_its_relations_and_one_change(db, without):
    """The history shows the claim created with all its actors and topics (no row without
    some of them, which never left the transaction), whichever it has; the change feed one
    create, by the writer."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = {**TestClaims().create_payload(), **{key: [] for key in without}}
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 201, response.content
    claim = Claim.objects.get(pk=response.json()["id"])
    (created,) = claim.history.all()
    assert created.history_type == "+"
    assert created.history_user == client.user
    assert created.text == payload["text"]
    assert [row.actor_id for row in created.about.all()] == payload["about"]
    assert sorted(row.topic.name for row in created.topics.all()) == sorted(payload["topics"])
    events = ChangeEvent.objects.filter(resource="claims", object_id=claim.pk).in_feed_order()
    assert [(event.action, event.user) for event in events] == [("create", client.user)]


def test_a_claim_whose_creation_fails_in_its_relations_leaves_nothing(db, monkeypatch):
    """The creation is one transaction: an addition that fails takes the claim, its history
    and its change event with it."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    payload = TestClaims().create_payload()
    before = (Claim.objects.count(), Claim.history.count(), ChangeEvent.objects.count())

    def refuse(*args, **kwargs):
        raise RuntimeError("the topics cannot be added")

    monkeypatch.setattr(Claim.topics.through.objects, "bulk_create", refuse)
    client.raise_request_exception = False
    response = client.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 500
    assert (Claim.objects.count(), Claim.history.count(), ChangeEvent.objects.count()) == before
