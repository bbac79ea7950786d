"""The review workflow driven through its services: people in every role, a review taken to
any state, and the expected outcome of each step."""

from reviews.choices import ReviewState
from reviews.models import RatingLabel, Review
from reviews.services import (
    review_approve,
    review_assign,
    review_correct,
    review_open,
    review_publish,
    review_request_changes,
    review_retract,
    review_start,
    review_submit,
    review_update,
)
from reviews.workflow import TRANSITIONS
from tests.support.factories import checkable_claim, role_user

COMMENT = "Checked against the snapshot."


def desk_people() -> dict:
    """One user per role, and a second fact-checker and editor."""
    return {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "other_checker": role_user("Fact-checker", username="other-checker"),
        "editor": role_user("Editor", username="editor-one"),
        "other_editor": role_user("Editor", username="editor-two"),
        "viewer": role_user("Viewer", username="viewer"),
    }


def true_label() -> RatingLabel:
    return RatingLabel.objects.get(scale__is_default=True, label="True")


def review_in(state: str, people, *, checker=None) -> Review:
    """A review of a checkable claim, taken to ``state`` through the services.

    ``checker`` (the fact-checker by default) starts it, so it is the assignee, and rates it.
    """
    checker = checker or people["checker"]
    editor = people["editor"]
    review = review_open(claim=checkable_claim(), user=people["contributor"])
    if state == ReviewState.DRAFT:
        return review
    review = review_submit(review=review, user=people["contributor"])
    if state == ReviewState.SUBMITTED:
        return review
    review = review_start(review=review, user=checker)
    review = review_update(
        review=review, user=checker, rating=true_label(), explanation="The report says so."
    )
    if state == ReviewState.IN_REVIEW:
        return review
    if state == ReviewState.CHANGES_REQUESTED:
        return review_request_changes(review=review, user=checker, comment="Add a snapshot.")
    review = review_approve(review=review, user=editor)
    if state == ReviewState.APPROVED:
        return review
    review = review_publish(review=review, user=editor)
    if state == ReviewState.PUBLISHED:
        return review
    if state == ReviewState.RETRACTED:
        return review_retract(review=review, user=editor, reason="The report was withdrawn.")
    correction = review_correct(review=review, user=editor, note="Clearer explanation.")
    # The corrector wrote the note: a second editor approves the correction.
    correction = review_approve(review=correction, user=people["other_editor"])
    review_publish(review=correction, user=editor)
    return Review.objects.get(pk=review.pk)


def act(action: str, review: Review, user, people):
    """Take ``action`` on ``review`` as ``user`` with the arguments each action needs."""
    match action:
        case "submit":
            return review_submit(review=review, user=user, comment=COMMENT)
        case "assign":
            assignee = people["other_checker"]
            return review_assign(review=review, user=user, assignee=assignee, comment=COMMENT)
        case "start":
            return review_start(review=review, user=user, comment=COMMENT)
        case "request_changes":
            return review_request_changes(review=review, user=user, comment=COMMENT)
        case "approve":
            return review_approve(review=review, user=user, comment=COMMENT)
        case "publish":
            return review_publish(review=review, user=user, comment=COMMENT)
        case "correct":
            return review_correct(review=review, user=user, note=COMMENT)
        case "retract":
            return review_retract(review=review, user=user, reason=COMMENT)
    raise AssertionError(action)


EXPECTED_TARGET = {
    "submit": ReviewState.SUBMITTED,
    "start": ReviewState.IN_REVIEW,
    "request_changes": ReviewState.CHANGES_REQUESTED,
    "approve": ReviewState.APPROVED,
    "publish": ReviewState.PUBLISHED,
    "retract": ReviewState.RETRACTED,
}
LEGAL = [(state, action) for action, spec in TRANSITIONS.items() for state in spec.sources]
ILLEGAL = [
    (state, action)
    for action, spec in TRANSITIONS.items()
    for state in ReviewState.values
    if state not in spec.sources
]


# Who may take each step (by role), and a state each step may start from.
ROLE_MAY = {
    "submit": {"Contributor", "Fact-checker", "Editor"},
    "start": {"Fact-checker", "Editor"},
    "request_changes": {"Fact-checker", "Editor"},
    "approve": {"Editor"},
    "publish": {"Editor"},
    "correct": {"Editor"},
    "retract": {"Editor"},
    "assign": {"Editor"},
}
SOURCE = {
    "submit": ReviewState.DRAFT,
    "start": ReviewState.SUBMITTED,
    "request_changes": ReviewState.IN_REVIEW,
    "approve": ReviewState.IN_REVIEW,
    "publish": ReviewState.APPROVED,
    "correct": ReviewState.PUBLISHED,
    "retract": ReviewState.PUBLISHED,
    "assign": ReviewState.SUBMITTED,
}
ROLES = ["Viewer", "Contributor", "Fact-checker", "Editor"]
