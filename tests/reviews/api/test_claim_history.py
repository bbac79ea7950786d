"""GET /api/v1/claims/{id}/history/: record edits and review events, merged, newest first."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.services import claim_save, statement_save
from reviews import admin as reviews_admin
from reviews import timeline
from reviews.choices import ReviewState
from reviews.services import review_request_changes, review_update
from tests.support.api import client_with_permissions, count_queries
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    TopicFactory,
    UserFactory,
    role_user,
)
from tests.support.reviews import review_in
from tests.support.routes import client_for

ENTRY_KEYS = {"at", "who", "kind", "detail", "changes", "review"}


@pytest.fixture
def people(db):
    return {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "editor": role_user("Editor", username="editor-one"),
        "viewer": role_user("Viewer", username="viewer"),
    }


def history_url(claim) -> str:
    return reverse("api:claim-history", args=[claim.pk])


def edit(claim, user, times: int):
    for index in range(times):
        claim.place = f"Place {index}"
        claim_save(claim=claim, user=user)


def test_the_history_merges_record_edits_and_review_events_newest_first(people):
    review = review_in(ReviewState.IN_REVIEW, people)
    claim = review.claim
    review_request_changes(review=review, user=people["checker"], comment="Need a snapshot.")
    before = claim.text
    claim.text = "Turkey sent more than 3,500 fighters."
    claim_save(claim=claim, user=people["editor"])

    response = client_for(people["viewer"]).get(history_url(claim))

    assert response.status_code == 200, response.content
    entries = response.json()
    assert all(set(entry) == ENTRY_KEYS for entry in entries)
    assert entries[0] == {
        "at": entries[0]["at"],
        "who": "editor-one",
        "kind": "Claim changed",
        "detail": "text",
        "changes": [
            {
                "field": "text",
                "label": "text",
                "before": before,
                "after": "Turkey sent more than 3,500 fighters.",
            }
        ],
        "review": None,
    }
    about_review = [entry for entry in entries if entry["review"] is not None]
    assert [entry["kind"] for entry in about_review] == [
        "Review v1: request changes",
        "Review v1 changed",
        "Review v1: start",
        "Review v1: submit",
        "Review v1: open",
    ]
    events = [entry for entry in about_review if ":" in entry["kind"]]
    assert {entry["review"] for entry in events} == {review.pk}
    assert events[0]["who"] == "checker"
    assert events[0]["detail"] == "In review → Changes requested: Need a snapshot."
    kinds = [entry["kind"] for entry in entries]
    assert any(kind.startswith("Statement #") for kind in kinds)
    assert any(kind.startswith("Citation #") for kind in kinds)
    added = next(entry for entry in entries if entry["kind"] == "Claim added")
    assert added["who"] is None  # made by a factory, outside any attributed change
    dates = [entry["at"] for entry in entries]
    assert dates == sorted(dates, reverse=True)


def test_the_admin_and_the_api_read_the_same_timeline(people):
    """The merging lives in reviews/timeline.py; the admin's whole-history page calls it."""
    assert reviews_admin.claim_timeline is timeline.claim_timeline
    claim = review_in(ReviewState.SUBMITTED, people).claim
    entries = timeline.claim_timeline(claim)
    body = client_for(people["viewer"]).get(history_url(claim)).json()
    assert [entry["kind"] for entry in body] == [entry["kind"] for entry in entries]


def test_a_claim_with_no_review_has_its_record_edits_only(people):
    claim = ClaimFactory()
    edit(claim, people["editor"], 2)
    body = client_for(people["viewer"]).get(history_url(claim)).json()
    assert [(entry["kind"], entry["detail"]) for entry in body] == [
        ("Claim changed", "place"),
        ("Claim changed", "place"),
        ("Claim added", ""),
    ]


def test_the_history_has_an_etag_and_answers_304_until_it_changes(people):
    claim = ClaimFactory()
    client = client_for(people["viewer"])
    etag = client.get(history_url(claim))["ETag"]
    assert etag.startswith('"')
    assert client.get(history_url(claim), HTTP_IF_NONE_MATCH=etag).status_code == 304
    edit(claim, people["editor"], 1)
    changed = client.get(history_url(claim), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_fields_keeps_only_the_named_keys(people):
    claim = ClaimFactory()
    client = client_for(people["viewer"])
    full = client.get(history_url(claim))
    shaped = client.get(history_url(claim), {"fields": "kind,who"})
    assert shaped.json() == [{"kind": "Claim added", "who": None}]
    assert shaped["ETag"] == full["ETag"]
    refused = client.get(history_url(claim), {"fields": "kind,colour"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["fields"]


def test_reading_the_history_needs_to_view_the_claim_and_its_reviews(people):
    claim = ClaimFactory()
    assert APIClient().get(history_url(claim)).status_code == 401
    claims_only = client_with_permissions("claims.view_claim")
    response = claims_only.get(history_url(claim))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    everything = client_with_permissions(
        "claims.view_claim", "claims.view_statement", "claims.view_citation", "reviews.view_review"
    )
    assert everything.get(history_url(claim)).status_code == 200


def test_an_unknown_claim_gets_404(people):
    client = client_for(people["viewer"])
    response = client.get(reverse("api:claim-history", args=[987654321]))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/claims/abc/history/").status_code == 404


def edit_everything(claim, statement, review, people, times: int):
    """Edits of every kind the history names: fields, sets, related rows, review content."""
    for index in range(times):
        claim.place = f"Place {index}"
        claim_save(claim=claim, topics=[TopicFactory()], user=people["editor"])
        statement.actor = ActorFactory()
        statement_save(statement=statement, user=UserFactory())
        review_update(review=review, user=people["checker"], explanation=f"Reason {index}.")


def test_the_history_runs_the_same_queries_for_2_and_10_edits(people):
    review = review_in(ReviewState.IN_REVIEW, people)
    claim = review.claim
    statement = claim.statements.first()
    client = client_for(people["viewer"])
    client.get(history_url(claim))  # the token's first use records it
    edit_everything(claim, statement, review, people, 2)
    small, _ = count_queries(lambda: client.get(history_url(claim)))
    size = len(client.get(history_url(claim)).json())
    edit_everything(claim, statement, review, people, 8)
    assert len(client.get(history_url(claim)).json()) == size + 3 * 8
    large, sql = count_queries(lambda: client.get(history_url(claim)))
    assert large == small, f"{small} queries for 2 edits, {large} for 10:\n{sql}"
