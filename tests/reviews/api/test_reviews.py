"""The reviews resource: opening, editing, every workflow step, refusals, the queue and filters.

The rules are the review services' (tests/claims/test_review_workflow.py); these tests check
that the API takes each step through them and answers each refusal with the right status,
code and reason: a wrong state is a 409 ``invalid_transition``, a wrong role or someone
else's review a 403 with the reason, a failing gate a 409 ``gate`` listing the gates, the
verdict's author approving a 409 ``four_eyes``, a missing comment or a bad assignee a 400.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from claims.choices import ClaimKind
from reviews.choices import Priority, ReviewState
from reviews.models import RatingLabel, Review, ReviewComment, ReviewEvent
from reviews.services import (
    review_assign,
    review_open,
    review_start,
    review_submit,
    review_update,
)
from reviews.workflow import TRANSITIONS
from tests.support.api import APIMatrix, count_queries
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    RatingLabelFactory,
    ReviewCommentFactory,
    ReviewFactory,
    UserFactory,
    checkable_claim,
    role_user,
)
from tests.support.reviews import (
    EXPECTED_TARGET as TARGET,
)
from tests.support.reviews import (
    ILLEGAL,
    LEGAL,
    ROLE_MAY,
    SOURCE,
    review_in,
    true_label,
)
from tests.support.routes import client_for

REVIEWS = "/api/v1/reviews/"
QUEUE = "/api/v1/reviews/queue/"
PATH = {action: transition.path for action, transition in TRANSITIONS.items()}


@pytest.fixture
def people(db):
    """One user per role, and a second fact-checker and editor (as the workflow tests have)."""
    return {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "other_checker": role_user("Fact-checker", username="other-checker"),
        "editor": role_user("Editor", username="editor-one"),
        "other_editor": role_user("Editor", username="editor-two"),
        "viewer": role_user("Viewer", username="viewer"),
    }


@pytest.fixture
def api(people):
    """An API client per person, authenticated by a bearer token."""
    return {name: client_for(user) for name, user in people.items()}


def detail_url(review) -> str:
    """The URL of ``review`` (a review or its id)."""
    return reverse("api:review-detail", args=[getattr(review, "pk", review)])


def action_url(review, action: str) -> str:
    return f"{detail_url(review)}{PATH[action]}/"


def body_for(action: str, people) -> dict:
    """The body each action needs to succeed."""
    match action:
        case "assign":
            return {"assignee": people["other_checker"].pk, "comment": "Yours."}
        case "request_changes":
            return {"comment": "Add the snapshot."}
        case "correct":
            return {"note": "Clearer explanation."}
        case "retract":
            return {"reason": "The report was withdrawn."}
    return {"comment": "Checked."}


def post(client, review, action: str, body: dict | None = None, **headers):
    return client.post(action_url(review, action), body or {}, format="json", **headers)


def state_of(review) -> str:
    return Review.objects.get(pk=review.pk).state


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code, body
    return body


# The generic matrix: 401, 403, brief lists, ETags, If-Match, 400s, query counts


class TestReviews(APIMatrix):
    basename = "review"
    model = Review
    brief_fields = [
        "id",
        "url",
        "display",
        "claim",
        "version",
        "state",
        "assignee",
        "due_on",
        "priority",
        "scale",
        "rating",
        "record_changed",
        "published_at",
        "updated_at",
    ]

    def make(self):
        review = ReviewFactory(priority=Priority.HIGH)
        ReviewCommentFactory(review=review)
        return review

    def create_payload(self):
        return {"claim": ClaimFactory().pk, "priority": "urgent", "due_on": "2026-06-01"}

    def invalid_payload(self):
        return {"claim": "the bridge claim", "priority": "whenever"}

    def update_payload(self):
        return {"priority": "low", "due_on": "2026-07-01"}

    def test_delete_with_stale_etag_gets_412_and_deletes_nothing(self, db):
        """Reviews are never deleted: DELETE is not an operation of the resource (405)."""
        obj = self.make()
        client = self.writer("delete")
        response = client.delete(self.detail_url(obj), HTTP_IF_MATCH='"stale"')
        assert_error(response, 405, "method_not_allowed")
        assert self.model.objects.filter(pk=obj.pk).exists()


# The whole flow


def test_a_claim_goes_from_draft_to_retracted_through_the_api(api, people):
    """Contributor opens and submits; fact-checker starts and rates; editor approves and
    publishes; editor corrects (a new version), which is approved and published (the first
    becomes corrected); the correction is retracted. Each answer is the review in its new
    state, with its ETag."""
    claim = checkable_claim()
    opened = api["contributor"].post(REVIEWS, {"claim": claim.pk}, format="json")
    assert opened.status_code == 201, opened.content
    review = Review.objects.get(pk=opened.json()["id"])
    assert opened.json()["state"] == "draft"
    assert opened.json()["available_actions"] == ["submit"]
    assert opened.json()["scale"]["slug"] == "six-step"

    def step(who, action, body=None, expected=200):
        response = post(api[who], review, action, body)
        assert response.status_code == expected, response.content
        assert response["ETag"] == api[who].get(detail_url(response.json()["id"]))["ETag"]
        return response.json()

    assert step("contributor", "submit")["state"] == "submitted"
    started = step("checker", "start")
    assert (started["state"], started["assignee"]["username"]) == ("in_review", "checker")
    label = true_label()
    rated = api["checker"].patch(
        detail_url(review),
        {"rating": label.pk, "explanation": "The report says so.", "write_up": "Long."},
        format="json",
    )
    assert rated.status_code == 200, rated.content
    assert rated.json()["rating"]["label"] == "True"
    assert rated.json()["verdict_author"]["username"] == "checker"
    assert api["editor"].get(detail_url(review)).json()["blocking"] == []
    approved = step("editor", "approve", {"comment": "Two sources agree."})
    assert (approved["state"], approved["approver"]["username"]) == ("approved", "editor-one")
    published = step("editor", "publish")
    assert published["state"] == "published"
    assert published["published_by"]["username"] == "editor-one"
    assert published["published_at"]

    correction = step("editor", "correct", {"note": "Clearer explanation."}, expected=201)
    assert (correction["version"], correction["state"]) == (2, "in_review")
    assert correction["previous"] == review.pk
    assert correction["correction_note"] == "Clearer explanation."
    assert api["editor"].get(detail_url(review)).json()["correction"] == correction["id"]
    assert state_of(review) == ReviewState.PUBLISHED  # until the correction is published
    review = Review.objects.get(pk=correction["id"])
    assert step("other_editor", "approve")["state"] == "approved"
    assert step("other_editor", "publish")["state"] == "published"
    assert state_of(Review.objects.get(version=1, claim=claim)) == ReviewState.CORRECTED
    retracted = step("editor", "retract", {"reason": "The report was withdrawn."})
    assert (retracted["state"], retracted["retraction_reason"]) == (
        "retracted",
        "The report was withdrawn.",
    )
    actions = [event["action"] for event in retracted["events"]]
    assert actions == ["open", "approve", "publish", "retract"]
    first = api["viewer"].get(detail_url(correction["previous"]))
    assert [event["action"] for event in first.json()["events"]] == [
        "open",
        "submit",
        "start",
        "approve",
        "publish",
        "correct",
        "supersede",
    ]
    last = retracted["events"][-1]
    assert last["actor"]["username"] == "editor-one"
    assert (last["from_state"], last["to_state"]) == ("published", "retracted")


# Every legal step, every illegal one


@pytest.mark.parametrize(("state", "action"), LEGAL)
def test_each_legal_step_is_taken_by_an_editor(api, people, state, action):
    """An editor may take every legal step: offered in available_actions, and answered with
    the review in its new state (the new version, 201, for a correction)."""
    review = review_in(state, people)
    before = api["editor"].get(detail_url(review)).json()
    assert PATH[action] in before["available_actions"]

    response = post(api["editor"], review, action, body_for(action, people))

    if action == "correct":
        assert response.status_code == 201, response.content
        assert response.json()["previous"] == review.pk
        assert response.json()["state"] == ReviewState.IN_REVIEW
        return
    assert response.status_code == 200, response.content
    assert response.json()["state"] == TARGET.get(action, state) == state_of(review)
    event = ReviewEvent.objects.filter(review=review).latest("id")
    assert (event.action, event.actor) == (action, people["editor"])
    if action == "assign":
        assert response.json()["assignee"]["username"] == "other-checker"


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_each_illegal_step_gets_409_invalid_transition(api, people, state, action):
    """A step from a state it does not start from: 409, the reason, nothing changed."""
    review = review_in(state, people)
    events = ReviewEvent.objects.count()

    response = post(api["editor"], review, action, body_for(action, people))

    body = assert_error(response, 409, "invalid_transition")
    assert body["detail"].startswith(f"A review that is {ReviewState(state).label.lower()} ")
    assert state_of(review) == state
    assert ReviewEvent.objects.count() == events


@pytest.mark.parametrize("role", ["Viewer", "Contributor", "Fact-checker", "Editor"])
@pytest.mark.parametrize("action", list(ROLE_MAY))
def test_each_role_takes_only_its_own_steps_and_gets_403_with_the_reason(people, action, role):
    """A fact-checker acts on a review assigned to them, so only the role decides."""
    actor = role_user(role, username=f"acting-{role.lower()}")
    checker = actor if role == "Fact-checker" and action != "start" else None
    review = review_in(SOURCE[action], people, checker=checker)
    if role == "Fact-checker" and action == "start":
        review = review_assign(review=review, user=people["editor"], assignee=actor)
    client = client_for(actor)

    response = post(client, review, action, body_for(action, people))

    if role in ROLE_MAY[action]:
        assert response.status_code in (200, 201), response.content
        return
    body = assert_error(response, 403, "permission_denied")
    assert body["detail"].startswith(("You may not ", "Only an editor assigns reviews"))
    assert state_of(review) == SOURCE[action]


def test_someone_elses_review_gets_403_naming_the_assignee(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)

    response = post(api["other_checker"], review, "request_changes", {"comment": "No."})

    body = assert_error(response, 403, "permission_denied")
    assert body["detail"] == (
        "This review is assigned to checker; only they or an editor may act on it."
    )
    assert state_of(review) == ReviewState.IN_REVIEW
    edit = api["other_checker"].patch(detail_url(review), {"explanation": "Mine."}, format="json")
    assert_error(edit, 403, "permission_denied")


def test_approving_ones_own_verdict_gets_409_four_eyes(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    rewritten = {"explanation": "Rewritten by the editor."}
    rated = api["editor"].patch(detail_url(review), rewritten, format="json")
    assert rated.status_code == 200, rated.content
    assert {author["username"] for author in rated.json()["authors"]} == {"checker", "editor-one"}
    detail = api["editor"].get(detail_url(review)).json()
    assert "approve" not in detail["available_actions"]
    assert detail["blocking"] == [
        "The approver cannot be an author of the verdict (four-eyes rule)."
    ]

    body = assert_error(post(api["editor"], review, "approve"), 409, "four_eyes")

    assert "four-eyes" in body["detail"]
    assert state_of(review) == ReviewState.IN_REVIEW
    assert post(api["other_editor"], review, "approve").status_code == 200


def test_failing_gates_get_409_gate_listing_every_one(api, people):
    """A claim with no statement, a review with no rating and no explanation: each gate is
    named in the refusal, as in ``blocking``."""
    review = review_open(claim=ClaimFactory(), user=people["contributor"])
    review = review_submit(review=review, user=people["contributor"])
    review = review_start(review=review, user=people["checker"])
    blocking = api["editor"].get(detail_url(review)).json()["blocking"]
    assert blocking == [
        "Choose a rating.",
        "Write the explanation of the verdict.",
        "The claim has no statement: record who asserts it first.",
    ]

    body = assert_error(post(api["editor"], review, "approve"), 409, "gate")

    assert body["detail"] == "Cannot approve: " + " ".join(blocking)
    assert state_of(review) == ReviewState.IN_REVIEW


def test_blocking_is_null_outside_in_review_and_in_lists(api, people):
    draft = review_in(ReviewState.DRAFT, people)
    assert api["editor"].get(detail_url(draft)).json()["blocking"] is None
    review_in(ReviewState.IN_REVIEW, people)
    rows = api["editor"].get(REVIEWS, {"brief": "false"}).json()["results"]
    assert {row["state"] for row in rows} == {"draft", "in_review"}
    assert all(row["blocking"] is None for row in rows)


# Bodies of the steps


@pytest.mark.parametrize(
    ("state", "action", "field", "body"),
    [
        (ReviewState.IN_REVIEW, "request_changes", "comment", {}),
        (ReviewState.IN_REVIEW, "request_changes", "comment", {"comment": "   "}),
        (ReviewState.PUBLISHED, "correct", "note", {"note": ""}),
        (ReviewState.PUBLISHED, "retract", "reason", {}),
        (ReviewState.SUBMITTED, "assign", "assignee", {}),
        (ReviewState.SUBMITTED, "assign", "assignee", {"assignee": "checker"}),
        (ReviewState.SUBMITTED, "assign", "assignee", {"assignee": 987654321}),
        (ReviewState.SUBMITTED, "assign", "assignee", {"assignee": 2**63}),
        (ReviewState.SUBMITTED, "assign", "assignee", {"assignee": [1]}),
        (ReviewState.SUBMITTED, "submit", "comment", {"comment": ["a list"]}),
        (ReviewState.DRAFT, "submit", "comment", {"comment": "x" * 10_001}),
    ],
)
def test_a_missing_or_bad_argument_gets_400_on_its_field(api, people, state, action, field, body):
    review = review_in(state, people)
    events = ReviewEvent.objects.count()

    response = post(api["editor"], review, action, body)

    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == [field]
    assert state_of(review) == state
    assert ReviewEvent.objects.count() == events


def test_assigning_someone_who_is_not_a_fact_checker_gets_400_with_the_reason(api, people):
    review = review_in(ReviewState.SUBMITTED, people)

    response = post(api["editor"], review, "assign", {"assignee": people["contributor"].pk})

    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {"assignee": ["contributor is not a fact-checker."]}
    assert Review.objects.get(pk=review.pk).assignee is None


def test_a_fact_checker_takes_an_unassigned_review_for_themselves(api, people):
    review = review_in(ReviewState.SUBMITTED, people)
    taken = post(api["checker"], review, "assign", {"assignee": people["checker"].pk})
    assert taken.status_code == 200, taken.content
    assert taken.json()["assignee"] == {"id": people["checker"].pk, "username": "checker"}
    again = post(api["other_checker"], review, "assign", {"assignee": people["other_checker"].pk})
    assert_error(again, 403, "permission_denied")


# ETags on the steps


def test_readers_with_other_actions_read_the_same_etag_and_it_passes_if_match(api, people):
    """available_actions and blocking depend on who reads: the ETag leaves them out, so an
    editor may approve with the ETag the fact-checker read, through another host."""
    review = review_in(ReviewState.IN_REVIEW, people)
    checker = api["checker"].get(detail_url(review), HTTP_HOST="localhost")
    editor = api["editor"].get(detail_url(review))
    viewer = api["viewer"].get(detail_url(review))
    assert checker.json()["available_actions"] != editor.json()["available_actions"]
    assert checker.json()["blocking"] != editor.json()["blocking"]
    assert checker["ETag"] == editor["ETag"] == viewer["ETag"]
    approved = post(api["editor"], review, "approve", {}, HTTP_IF_MATCH=checker["ETag"])
    assert approved.status_code == 200, approved.content
    assert approved["ETag"] == api["viewer"].get(detail_url(review))["ETag"] != checker["ETag"]


def test_a_step_with_a_stale_if_match_gets_412_and_changes_nothing(api, people):
    review = review_in(ReviewState.SUBMITTED, people)
    client = api["editor"]
    etag = client.get(detail_url(review))["ETag"]
    assigned = post(client, review, "assign", body_for("assign", people), HTTP_IF_MATCH=etag)
    assert assigned.status_code == 200, assigned.content
    assert assigned["ETag"] != etag

    stale = post(client, review, "start", {}, HTTP_IF_MATCH=etag)

    assert_error(stale, 412, "precondition_failed")
    assert state_of(review) == ReviewState.SUBMITTED
    current = post(client, review, "start", {}, HTTP_IF_MATCH=assigned["ETag"])
    assert current.status_code == 200, current.content
    assert current.json()["state"] == "in_review"


def test_a_review_detail_answers_304_to_its_etag(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    response = api["viewer"].get(detail_url(review))
    assert (
        api["viewer"].get(detail_url(review), HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


# Who may read, who may act


def test_anonymous_requests_to_the_queue_and_the_steps_get_401(people):
    review = review_in(ReviewState.DRAFT, people)
    client = APIClient()
    for response in (
        client.get(QUEUE),
        post(client, review, "submit"),
        client.post(f"{detail_url(review)}comments/", {"text": "Hi"}, format="json"),
    ):
        assert_error(response, 401, "not_authenticated")
    assert state_of(review) == ReviewState.DRAFT


def test_a_viewer_reads_reviews_and_the_queue_but_takes_no_step(api, people):
    review = review_in(ReviewState.DRAFT, people)
    viewer = api["viewer"]
    assert viewer.get(REVIEWS).status_code == 200
    assert viewer.get(QUEUE).status_code == 200
    detail = viewer.get(detail_url(review)).json()
    assert detail["available_actions"] == []

    body = assert_error(post(viewer, review, "submit"), 403, "permission_denied")
    assert body["detail"] == "You may not submit reviews."
    assert_error(
        viewer.post(REVIEWS, {"claim": ClaimFactory().pk}, format="json"), 403, "permission_denied"
    )
    assert_error(
        viewer.patch(detail_url(review), {"priority": "high"}, format="json"),
        403,
        "permission_denied",
    )
    comment = viewer.post(f"{detail_url(review)}comments/", {"text": "Hi"}, format="json")
    assert_error(comment, 403, "permission_denied")
    assert comment.json()["detail"] == "You may not comment on reviews."
    assert state_of(review) == ReviewState.DRAFT


def test_without_the_view_permission_no_step_is_reached(people):
    """The steps need the permission to view reviews before any service is asked."""
    review = review_in(ReviewState.DRAFT, people)
    stranger = client_for(UserFactory(username="stranger"))
    assert_error(post(stranger, review, "submit"), 403, "permission_denied")
    assert_error(stranger.get(QUEUE), 403, "permission_denied")


def test_reviews_are_never_deleted_or_replaced(api, people):
    review = review_in(ReviewState.DRAFT, people)
    superuser = client_for(UserFactory(username="boss", is_staff=True, is_superuser=True))
    assert_error(superuser.delete(detail_url(review)), 405, "method_not_allowed")
    assert_error(superuser.put(detail_url(review), {}, format="json"), 405, "method_not_allowed")
    assert Review.objects.filter(pk=review.pk).exists()


# Opening


def test_opening_a_review_takes_its_scale_assignee_due_date_and_priority(api, people):
    three_step = RatingLabel.objects.get(label="Accurate").scale
    response = api["editor"].post(
        REVIEWS,
        {
            "claim": ClaimFactory().pk,
            "scale": three_step.pk,
            "assignee": people["checker"].pk,
            "due_on": "2026-06-01",
            "priority": "urgent",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["scale"]["slug"] == "three-step"
    assert body["assignee"]["username"] == "checker"
    assert (body["due_on"], body["priority"], body["version"]) == ("2026-06-01", "urgent", 1)
    review = Review.objects.get(pk=body["id"])
    assert review.history.earliest().history_user == people["editor"]
    assert review.events.get().action == "open"


def test_opening_a_second_review_of_a_claim_gets_409_conflict(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    response = api["editor"].post(REVIEWS, {"claim": review.claim_id}, format="json")
    body = assert_error(response, 409, "conflict")
    assert body["detail"] == "This claim already has a review in progress."
    published = review_in(ReviewState.PUBLISHED, people)
    response = api["editor"].post(REVIEWS, {"claim": published.claim_id}, format="json")
    assert assert_error(response, 409, "conflict")["detail"].startswith(
        "This claim already has a published verdict"
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "claim"),
        ({"claim": "abc"}, "claim"),
        ({"claim": 987654321}, "claim"),
        ({"claim": True}, "claim"),
        ({"claim": 2**64}, "claim"),
        ({"scale": 987654321}, "scale"),
        ({"assignee": 987654321}, "assignee"),
        ({"due_on": "tomorrow"}, "due_on"),
        ({"priority": "asap"}, "priority"),
    ],
)
def test_opening_with_bad_input_gets_400_on_the_field(api, people, payload, field):
    body = payload if field == "claim" else {"claim": ClaimFactory().pk, **payload}
    response = api["editor"].post(REVIEWS, body, format="json")
    body = assert_error(response, 400, "invalid")
    assert field in body["errors"]
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"kind": ClaimKind.POSITION}, "claim", "A stated position is not rated"),
        ({"assignee": "contributor"}, "assignee", "contributor is not a fact-checker."),
    ],
)
def test_opening_refused_by_the_service_gets_400_on_the_field(api, people, payload, field, message):
    claim = ClaimFactory(kind=payload.get("kind", ClaimKind.FACTUAL))
    body = {"claim": claim.pk}
    if "assignee" in payload:
        body["assignee"] = people[payload["assignee"]].pk
    response = api["editor"].post(REVIEWS, body, format="json")
    errors = assert_error(response, 400, "invalid")["errors"]
    assert list(errors) == [field]
    assert errors[field][0].startswith(message)
    assert not Review.objects.exists()


# Editing


def test_a_rating_of_another_scale_gets_400_on_rating(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    foreign = RatingLabelFactory()

    response = api["checker"].patch(detail_url(review), {"rating": foreign.pk}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {"rating": ["The rating must be a label of the review's scale."]}
    assert Review.objects.get(pk=review.pk).rating == true_label()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"rating": 987654321}, "rating"),
        ({"rating": "True"}, "rating"),
        ({"rating": 2**63}, "rating"),
        ({"evidence": [987654321]}, "evidence"),
        ({"evidence": "1"}, "evidence"),
        ({"explanation": "x" * 501}, "explanation"),
        ({"due_on": "2026-02-30"}, "due_on"),
        ({"priority": "soon"}, "priority"),
        ({"state": "published"}, "state"),
        ({"assignee": 1}, "assignee"),
        ({"version": 7}, "version"),
    ],
)
def test_editing_with_bad_input_gets_400_on_the_field(api, people, payload, field):
    review = review_in(ReviewState.IN_REVIEW, people)
    before = api["checker"].get(detail_url(review)).json()

    response = api["checker"].patch(detail_url(review), payload, format="json")

    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == [field]
    assert api["checker"].get(detail_url(review)).json() == before


def test_evidence_from_another_claim_gets_400_on_evidence(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    own = CitationFactory(statement=review.claim.statements.first())
    foreign = CitationFactory()

    response = api["checker"].patch(
        detail_url(review), {"evidence": [own.pk, foreign.pk]}, format="json"
    )

    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {
        "evidence": ["Evidence must be citations of this claim's statements."]
    }
    accepted = api["checker"].patch(detail_url(review), {"evidence": [own.pk]}, format="json")
    assert accepted.json()["evidence"] == [own.pk]


def test_a_contributor_cannot_write_the_verdict(api, people):
    review = review_in(ReviewState.DRAFT, people)
    response = api["contributor"].patch(
        detail_url(review), {"rating": true_label().pk}, format="json"
    )
    body = assert_error(response, 403, "permission_denied")
    assert body["detail"] == "Only a fact-checker or an editor may write the verdict."
    planned = api["contributor"].patch(detail_url(review), {"priority": "high"}, format="json")
    assert planned.status_code == 200, planned.content


def test_a_published_review_cannot_be_edited(api, people):
    review = review_in(ReviewState.PUBLISHED, people)
    response = api["editor"].patch(detail_url(review), {"explanation": "Later."}, format="json")
    body = assert_error(response, 409, "invalid_transition")
    assert body["detail"] == "A review that is published cannot be edited."


# The representation


def test_the_detail_shows_the_verdict_events_comments_and_the_actions_of_each_user(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    review_update(review=review, user=people["checker"], due_on=datetime.date(2026, 6, 1))
    ReviewCommentFactory(review=review, author=people["editor"], text="Check the date.")

    body = api["checker"].get(detail_url(review)).json()

    assert body["claim"]["id"] == review.claim_id
    assert body["rating"] == {
        "id": true_label().pk,
        "label": "True",
        "value": "5.00",
        "normalized_score": 1.0,
        "description": true_label().description,
        "colour": "#1e8449",
        "order": 1,
    }
    assert body["scale"]["best_value"] == "5.00"
    assert body["verdict_author"]["username"] == "checker"
    assert body["explanation"] == "The report says so."
    assert [event["action"] for event in body["events"]] == ["open", "submit", "start"]
    assert body["events"][-1]["actor"]["username"] == "checker"
    assert body["comments"] == [
        {
            "id": ReviewComment.objects.get().pk,
            "author": {"id": people["editor"].pk, "username": "editor-one"},
            "text": "Check the date.",
            "created_at": body["comments"][0]["created_at"],
        }
    ]
    assert body["available_actions"] == ["request-changes"]
    assert api["editor"].get(detail_url(review)).json()["available_actions"] == [
        "assign",
        "request-changes",
        "approve",
    ]
    assert api["other_checker"].get(detail_url(review)).json()["available_actions"] == []


def test_a_comment_is_added_and_attributed(api, people):
    review = review_in(ReviewState.IN_REVIEW, people)
    url = f"{detail_url(review)}comments/"

    response = api["checker"].post(url, {"text": "Snapshot added."}, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["author"]["username"] == "checker"
    comment = ReviewComment.objects.get(pk=response.json()["id"])
    assert (comment.review, comment.author, comment.text) == (
        review,
        people["checker"],
        "Snapshot added.",
    )
    assert comment.history.earliest().history_user == people["checker"]
    for bad in ({}, {"text": ""}, {"text": ["a"]}, {"text": "x" * 10_001}):
        assert_error(api["checker"].post(url, bad, format="json"), 400, "invalid")
    assert ReviewComment.objects.count() == 1


# Filters and the queue


@pytest.fixture
def queue(people):
    """Open reviews of every priority, one late and assigned, and a published one."""
    checker = people["checker"]
    today = timezone.localdate()
    return {
        "urgent_late": ReviewFactory(
            priority=Priority.URGENT, due_on=today - datetime.timedelta(days=3), assignee=checker
        ),
        "normal": ReviewFactory(
            priority=Priority.NORMAL, due_on=today + datetime.timedelta(days=10)
        ),
        "low": ReviewFactory(priority=Priority.LOW),
        "high_undated": ReviewFactory(priority=Priority.HIGH, assignee=people["other_checker"]),
        "normal_undated": ReviewFactory(priority=Priority.NORMAL),
        "published": review_in(ReviewState.PUBLISHED, people),
    }


QUEUE_NAMES = ["urgent_late", "normal", "low", "high_undated", "normal_undated", "published"]


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_queue_holds_open_reviews_most_urgent_first(api, queue):
    order = ["urgent_late", "high_undated", "normal", "normal_undated", "low"]
    assert ids(api["viewer"].get(QUEUE)) == [queue[name].pk for name in order]
    assert set(api["viewer"].get(QUEUE).json()["results"][0]) == set(TestReviews.brief_fields)


def test_the_queue_pages_keep_its_order(api, queue):
    """Cursor pages of two: the same order as one page, nothing repeated or lost."""
    client = api["viewer"]
    seen, url = [], f"{QUEUE}?page_size=2"
    while url:
        response = client.get(url)
        seen += ids(response)
        url = response.json()["next"]
    assert seen == ids(client.get(QUEUE))
    back = client.get(client.get(f"{QUEUE}?page_size=2").json()["next"]).json()["previous"]
    assert ids(client.get(back)) == seen[:2]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"mine": "true"}, ["urgent_late"]),
        ({"mine": "false"}, ["high_undated", "normal", "normal_undated", "low"]),
        ({"unassigned": "true"}, ["normal", "normal_undated", "low"]),
        ({"overdue": "true"}, ["urgent_late"]),
        ({"priority": ["normal", "low"]}, ["normal", "normal_undated", "low"]),
        ({"state": "published"}, []),
        ({"assignee": "other"}, ["high_undated"]),
    ],
)
def test_the_queue_filters(api, people, queue, params, expected):
    if params.get("assignee") == "other":
        params = {"assignee": people["other_checker"].pk}
    assert ids(api["checker"].get(QUEUE, params)) == [queue[name].pk for name in expected]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": ["published", "draft"]}, set(QUEUE_NAMES)),
        ({"state": "published"}, {"published"}),
        ({"overdue": "false"}, {"normal", "low", "high_undated", "normal_undated", "published"}),
        ({"unassigned": "false"}, {"urgent_late", "high_undated", "published"}),
        ({"priority": "urgent"}, {"urgent_late"}),
        ({"published_after": "2000-01-01T00:00Z"}, {"published"}),
        ({"published_before": "2000-01-01T00:00Z"}, set()),
    ],
)
def test_the_list_filters(api, queue, params, expected):
    found = set(ids(api["viewer"].get(REVIEWS, {**params, "page_size": 50})))
    assert found == {queue[name].pk for name in expected}


def test_full_rows_of_a_list_keep_every_brief_field_as_it_is(api, queue):
    """?brief=false adds fields to each row and changes none, so the documented brief shape
    still holds (the queue likewise)."""
    client = api["viewer"]
    for url in (REVIEWS, QUEUE):
        brief = client.get(url).json()["results"]
        full = client.get(url, {"brief": "false"}).json()["results"]
        assert [{key: row[key] for key in brief[0]} for row in full] == brief


def test_the_list_filters_by_claim_rating_and_scale(api, queue):
    published = queue["published"]
    client = api["viewer"]
    assert ids(client.get(REVIEWS, {"claim": published.claim_id})) == [published.pk]
    assert ids(client.get(REVIEWS, {"rating": published.rating_id})) == [published.pk]
    assert len(ids(client.get(REVIEWS, {"scale": published.scale_id}))) == 6
    assert ids(client.get(REVIEWS, {"scale": RatingLabelFactory().scale_id})) == []


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"mine": "maybe"}, "mine"),
        ({"overdue": "2"}, "overdue"),
        ({"priority": "critical"}, "priority"),
        ({"assignee": "me"}, "assignee"),
        ({"cursor": "garbage"}, "cursor"),
    ],
)
def test_the_queue_refuses_bad_parameters_with_400(api, queue, params, name):
    body = assert_error(api["viewer"].get(QUEUE, params), 400, "invalid")
    assert list(body["errors"]) == [name]


# Query counts


def _reviews(count: int, people):
    for index in range(count):
        review = ReviewFactory(
            priority=list(Priority)[index % 4],
            assignee=people["checker"] if index % 2 else None,
        )
        ReviewCommentFactory(review=review)


@pytest.mark.parametrize("brief", ["true", "false"])
def test_the_queue_runs_the_same_queries_for_2_and_20_rows(api, people, brief):
    client = api["editor"]
    client.get(QUEUE)  # the token's first use records it
    _reviews(2, people)
    params = {"page_size": 50, "brief": brief, "mine": "false"}
    small, _ = count_queries(lambda: client.get(QUEUE, params))
    _reviews(18, people)
    assert len(client.get(QUEUE, params).json()["results"]) == 20
    large, sql = count_queries(lambda: client.get(QUEUE, params))
    assert large == small, f"{small} queries for 2 rows, {large} for 20:\n{sql}"


def test_a_detail_runs_the_same_queries_for_2_and_12_events_and_comments(api, people):
    review = review_in(ReviewState.SUBMITTED, people)
    client = api["editor"]
    client.get(detail_url(review))
    small, _ = count_queries(lambda: client.get(detail_url(review)))
    for index in range(5):
        review_assign(review=review, user=people["editor"], assignee=people["checker"])
        ReviewCommentFactory(review=review, text=f"Note {index}")
    assert len(client.get(detail_url(review)).json()["events"]) == 7
    large, sql = count_queries(lambda: client.get(detail_url(review)))
    assert large == small, f"{small} queries, then {large}:\n{sql}"


# Two editors at once (PostgreSQL: SQLite serialises writers)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
@pytest.mark.parametrize(("if_match", "refusal"), [(True, 412), (False, 409)])
def test_two_simultaneous_approvals_through_the_api_one_wins(if_match, refusal):
    """The row lock lets one approval through; the other sees the approved review: 412 when
    it sent the ETag it read, else 409 (an approved review cannot be approved)."""
    people = {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "editor": role_user("Editor", username="editor"),
    }
    review = review_in(ReviewState.IN_REVIEW, people)
    editors = [client_for(role_user("Editor", username=f"editor-{n}")) for n in (1, 2)]
    headers = {"HTTP_IF_MATCH": editors[0].get(detail_url(review))["ETag"]} if if_match else {}
    barrier = threading.Barrier(len(editors))
    responses = []

    def approve(client):
        try:
            barrier.wait(timeout=10)
            responses.append(post(client, review, "approve", {}, **headers))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(client,)) for client in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(response.status_code for response in responses) == [200, refusal]
    assert state_of(review) == ReviewState.APPROVED
    assert ReviewEvent.objects.filter(review=review, action="approve").count() == 1
