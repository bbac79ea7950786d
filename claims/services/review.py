"""The review workflow: who may move a review, the gates on approval, and the event trail.

Each transition is one transaction: the review row is locked and read again, its state
checked against the transition's sources, then permissions, the who-may-act rule and the
gates; the state changes through the model's transition method, the row is saved with
attribution and a ``ReviewEvent`` records who moved it from which state to which.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django_fsm import ConcurrentTransition

from core.history import acting_as
from core.services import instance_save

from ..chains import leaf_chains
from ..choices import CitationRole, ClaimKind, Priority, ReviewState
from ..models import Claim, RatingScale, Review, ReviewComment, ReviewEvent

# Fields review_update() may change; the first four are the verdict (check_review).
VERDICT_FIELDS = ("rating", "explanation", "write_up", "evidence")
EDITABLE_FIELDS = (
    *VERDICT_FIELDS,
    "origin_unavailable_reason",
    "due_on",
    "priority",
    "correction_note",
)
# Planning fields stay editable once a verdict is approved; the verdict itself does not,
# or an approved rating could be changed after the second reader has seen it.
PLANNING_FIELDS = ("due_on", "priority")
EDITABLE_STATES = (
    ReviewState.DRAFT,
    ReviewState.SUBMITTED,
    ReviewState.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED,
)

# action: (source states, permission, whether only the assignee or an editor may act)
ACTIONS = {
    "submit": ((ReviewState.DRAFT,), "claims.submit_review", False),
    "assign": (tuple(ReviewState.open()), None, False),
    "start": (
        (ReviewState.SUBMITTED, ReviewState.CHANGES_REQUESTED),
        "claims.check_review",
        True,
    ),
    "request_changes": ((ReviewState.IN_REVIEW,), "claims.check_review", True),
    "approve": ((ReviewState.IN_REVIEW,), "claims.approve_review", False),
    "publish": ((ReviewState.APPROVED,), "claims.publish_review", False),
    "correct": ((ReviewState.PUBLISHED,), "claims.publish_review", False),
    "retract": ((ReviewState.PUBLISHED,), "claims.publish_review", False),
}
# How a refusal names each action: "You may not <phrase>."
ACTION_PHRASES = {
    "submit": "submit reviews",
    "assign": "assign reviews",
    "start": "start reviews",
    "request_changes": "request changes to reviews",
    "approve": "approve reviews",
    "publish": "publish reviews",
    "correct": "correct published reviews",
    "retract": "retract published reviews",
}
EDITOR_PERMISSION = "claims.approve_review"
FOUR_EYES_MESSAGE = "The approver cannot be the author of the verdict (four-eyes rule)."


class ReviewRefused(Exception):
    """A workflow step that cannot happen now; ``message`` says why, ``code`` what kind.

    ``field`` names the argument at fault when the refusal is about the input (a missing
    comment, an assignee who is not a fact-checker), so a form or the API can show it there.
    """

    def __init__(self, message: str, *, code: str = "invalid_transition", field: str = ""):
        self.message = message
        self.code = code
        self.field = field
        super().__init__(message)


# Reads


def review_gate_failures(review: Review, *, approver=None) -> list[str]:
    """What blocks the approval of ``review``, one message per failing gate.

    With ``approver``, the four-eyes rule is checked for that user as well.
    """
    failures = []
    if review.rating_id is None:
        failures.append("Choose a rating.")
    if not review.explanation.strip():
        failures.append("Write the explanation of the verdict.")
    claim = review.claim
    if claim.kind != ClaimKind.FACTUAL:
        failures.append("A stated position is not rated: only a factual claim can be.")
    statements = list(claim.statements.select_related("actor").prefetch_related("citations"))
    if not statements:
        failures.append("The claim has no statement: record who asserts it first.")
    for statement in statements:
        citations = list(statement.citations.all())
        if not any(citation.quote_verified for citation in citations):
            failures.append(
                f"“{statement.speaker}” ({statement.get_stance_display()}) has no citation "
                "whose quote is verified against a snapshot."
            )
        reaches_origin = any(
            chain and chain[0].role == CitationRole.ORIGIN for chain in leaf_chains(citations)
        )
        if not reaches_origin and not review.origin_unavailable_reason.strip():
            failures.append(
                f"No chain of “{statement.speaker}” ({statement.get_stance_display()}) "
                "reaches an origin citation: record the origin, or say why the primary "
                "source is unavailable."
            )
    if approver is not None and _is_verdict_author(review, approver):
        failures.append(FOUR_EYES_MESSAGE)
    return failures


def review_available_actions(review: Review, user) -> list[str]:
    """The workflow actions ``user`` may take on ``review`` now (for buttons).

    State, permission and who-may-act are checked; the gates are not, so an approval
    button can show what still blocks it (``review_gate_failures``). A verdict's author
    is never offered its approval.
    """
    available = []
    for action, (sources, _, _) in ACTIONS.items():
        if review.state not in sources:
            continue
        try:
            _check_may_act(action, review, user)
        except PermissionDenied:
            continue
        if action == "approve" and _is_verdict_author(review, user):
            continue
        available.append(action)
    return available


# Opening and editing


@transaction.atomic
def review_open(
    *,
    claim: Claim,
    user,
    scale: RatingScale | None = None,
    assignee=None,
    due_on=None,
    priority: str = Priority.NORMAL,
) -> Review:
    """Open a draft review of ``claim``, on the default scale unless ``scale`` is given."""
    if not user.has_perm("claims.add_review"):
        raise PermissionDenied("You may not open reviews.")
    # Locking the claim makes two simultaneous openings take turns.
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.kind != ClaimKind.FACTUAL:
        raise ReviewRefused(
            "A stated position is not rated: only a factual claim can be reviewed.",
            code="gate",
            field="claim",
        )
    current = Review.objects.filter(
        claim=claim, state__in=[*ReviewState.open(), ReviewState.PUBLISHED]
    ).first()
    if current is not None:
        message = (
            "This claim already has a published verdict: correct it instead."
            if current.state == ReviewState.PUBLISHED
            else "This claim already has a review in progress."
        )
        raise ReviewRefused(message, code="conflict")
    if scale is None:
        scale = RatingScale.objects.filter(is_default=True).first()
        if scale is None:
            raise ReviewRefused(
                "No rating scale is the default: choose one.", code="gate", field="scale"
            )
    if assignee is not None:
        _check_assignee(assignee)
    latest = Review.objects.filter(claim=claim).aggregate(latest=Max("version"))["latest"]
    review = Review(
        claim=claim,
        version=(latest or 0) + 1,
        scale=scale,
        assignee=assignee,
        due_on=due_on,
        priority=priority,
    )
    _save(review, user)
    _record_event(review, user, "open", ReviewState.DRAFT, ReviewState.DRAFT)
    return review


@transaction.atomic
def review_update(*, review: Review, user, **fields) -> Review:
    """Change the content of a review; setting a rating makes ``user`` the verdict's author."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"review_update() cannot change {', '.join(sorted(unknown))}.")
    review = _locked(review)
    if review.state not in (*EDITABLE_STATES, ReviewState.APPROVED) or (
        review.state == ReviewState.APPROVED and set(fields) - set(PLANNING_FIELDS)
    ):
        raise ReviewRefused(
            f"A review that is {review.get_state_display().lower()} cannot be edited.",
            code="invalid_transition",
        )
    if not user.has_perm("claims.change_review"):
        raise PermissionDenied("You may not edit reviews.")
    if set(fields) & set(VERDICT_FIELDS) and not user.has_perm("claims.check_review"):
        raise PermissionDenied("Only a fact-checker or an editor may write the verdict.")
    _check_assignee_or_editor(review, user)
    evidence = fields.pop("evidence", None)
    for name, value in fields.items():
        setattr(review, name, value)
    if "rating" in fields:
        review.verdict_author = user if fields["rating"] is not None else None
    if evidence is not None:
        evidence = list(evidence)
        foreign = [c for c in evidence if c.statement.claim_id != review.claim_id]
        if foreign:
            raise ReviewRefused(
                "Evidence must be citations of this claim's statements.",
                code="gate",
                field="evidence",
            )
    _save(review, user)
    if evidence is not None:
        with acting_as(user):
            review.evidence.set(evidence)
    return review


# Transitions


@transaction.atomic
def review_submit(*, review: Review, user, comment: str = "") -> Review:
    """Draft → submitted: the record is ready to be checked."""
    review = _begin("submit", review, user)
    return _move(review, user, "submit", review.submit, comment)


@transaction.atomic
def review_assign(*, review: Review, user, assignee, comment: str = "") -> Review:
    """Give an open review to a fact-checker; the state does not change."""
    review = _begin("assign", review, user, assignee=assignee)
    _check_assignee(assignee)
    review.assignee = assignee
    _save(review, user)
    _record_event(review, user, "assign", review.state, review.state, comment)
    return review


@transaction.atomic
def review_start(*, review: Review, user, comment: str = "") -> Review:
    """Submitted or changes requested → in review; an unassigned review goes to ``user``."""
    review = _begin("start", review, user)
    if review.assignee_id is None:
        review.assignee = user
    return _move(review, user, "start", review.start, comment)


@transaction.atomic
def review_request_changes(*, review: Review, user, comment: str) -> Review:
    """In review → changes requested; the comment says what to change."""
    if not comment.strip():
        raise ReviewRefused("Say what needs to change.", code="comment_required", field="comment")
    review = _begin("request_changes", review, user)
    return _move(review, user, "request_changes", review.request_changes, comment)


@transaction.atomic
def review_approve(*, review: Review, user, comment: str = "") -> Review:
    """In review → approved, once every gate passes and ``user`` did not write the verdict."""
    review = _begin("approve", review, user)
    failures = review_gate_failures(review, approver=user)
    if failures:
        code = "four_eyes" if failures == [FOUR_EYES_MESSAGE] else "gate"
        raise ReviewRefused("Cannot approve: " + " ".join(failures), code=code)
    return _move(review, user, "approve", lambda: review.approve(approver=user), comment)


@transaction.atomic
def review_publish(*, review: Review, user, comment: str = "") -> Review:
    """Approved → published; the version it corrects, if any, becomes corrected."""
    review = _begin("publish", review, user)
    if review.previous_id is not None:
        previous = Review.objects.select_for_update().get(pk=review.previous_id)
        if previous.state == ReviewState.PUBLISHED:
            # Stepped down first: a claim has one published verdict at a time.
            _move(
                previous,
                user,
                "supersede",
                previous.supersede,
                f"Corrected by version {review.version}.",
            )
    return _move(review, user, "publish", lambda: review.publish(publisher=user), comment)


@transaction.atomic
def review_correct(*, review: Review, user, note: str) -> Review:
    """Open the next version of a published review; it stays published until that one is."""
    if not note.strip():
        raise ReviewRefused(
            "Say what the correction changes.", code="comment_required", field="note"
        )
    review = _begin("correct", review, user)
    if Review.objects.filter(claim_id=review.claim_id, state__in=ReviewState.open()).exists():
        raise ReviewRefused("This claim already has a review in progress.", code="conflict")
    correction = Review(
        claim_id=review.claim_id,
        version=review.version + 1,
        previous=review,
        state=ReviewState.IN_REVIEW,
        assignee=user,
        due_on=review.due_on,
        priority=review.priority,
        scale_id=review.scale_id,
        rating_id=review.rating_id,
        verdict_author_id=review.verdict_author_id,
        explanation=review.explanation,
        write_up=review.write_up,
        origin_unavailable_reason=review.origin_unavailable_reason,
        correction_note=note,
    )
    _save(correction, user)
    with acting_as(user):
        correction.evidence.set(review.evidence.all())
    _record_event(review, user, "correct", review.state, review.state, note)
    _record_event(correction, user, "open", ReviewState.IN_REVIEW, ReviewState.IN_REVIEW, note)
    return correction


@transaction.atomic
def review_retract(*, review: Review, user, reason: str) -> Review:
    """Published → retracted, with the reason shown to readers."""
    if not reason.strip():
        raise ReviewRefused(
            "Give the reason for the retraction.", code="comment_required", field="reason"
        )
    review = _begin("retract", review, user)
    return _move(review, user, "retract", lambda: review.retract(reason=reason), reason)


@transaction.atomic
def review_comment(*, review: Review, user, text: str) -> ReviewComment:
    if not user.has_perm("claims.add_reviewcomment"):
        raise PermissionDenied("You may not comment on reviews.")
    return _save(ReviewComment(review=review, author=user, text=text), user)


# Internals


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


def _begin(action: str, review: Review, user, *, assignee=None) -> Review:
    """Lock and re-read the review, then check its state and who may act; return it."""
    seen_state = review.state
    review = _locked(review)
    sources = ACTIONS[action][0]
    if review.state not in sources:
        if seen_state in sources:
            # The caller saw a state that allowed the action; someone moved it since.
            raise ReviewRefused(
                f"This review is already {review.get_state_display().lower()}; reload it.",
                code="conflict",
            )
        raise ReviewRefused(
            f"A review that is {review.get_state_display().lower()} cannot be "
            f"{ACTION_PAST[action]}.",
            code="invalid_transition",
        )
    _check_may_act(action, review, user, assignee=assignee)
    return review


ACTION_PAST = {
    "submit": "submitted",
    "assign": "assigned",
    "start": "started",
    "request_changes": "sent back for changes",
    "approve": "approved",
    "publish": "published",
    "correct": "corrected",
    "retract": "retracted",
}


def _check_may_act(action: str, review: Review, user, *, assignee=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may take ``action`` on ``review``."""
    _, permission, assignee_only = ACTIONS[action]
    if action == "assign":
        if user.has_perm("claims.assign_review"):
            return
        # A fact-checker may take an unassigned review for themselves.
        taking_it = assignee is None or assignee == user
        if user.has_perm("claims.check_review") and review.assignee_id is None and taking_it:
            return
        raise PermissionDenied(
            "Only an editor assigns reviews; a fact-checker may take an unassigned one."
        )
    if not user.has_perm(permission):
        raise PermissionDenied(f"You may not {ACTION_PHRASES[action]}.")
    if assignee_only:
        _check_assignee_or_editor(review, user)


def _check_assignee_or_editor(review: Review, user) -> None:
    if review.assignee_id in (None, user.pk) or user.has_perm(EDITOR_PERMISSION):
        return
    raise PermissionDenied(
        f"This review is assigned to {review.assignee}; only they or an editor may act on it."
    )


def _check_assignee(assignee) -> None:
    if not assignee.is_active or not assignee.has_perm("claims.check_review"):
        raise ReviewRefused(
            f"{assignee} is not a fact-checker.", code="invalid_assignee", field="assignee"
        )


def _is_verdict_author(review: Review, user) -> bool:
    return review.verdict_author_id is not None and review.verdict_author_id == user.pk


def _move(review: Review, user, action: str, transition, comment: str = "") -> Review:
    from_state = review.state
    transition()
    _save(review, user)
    _record_event(review, user, action, from_state, review.state, comment)
    return review


def _save(instance, user):
    try:
        with transaction.atomic():
            return instance_save(instance=instance, user=user)
    except ConcurrentTransition as error:
        # Only reachable without the row lock (a caller's own transaction); same answer.
        raise ReviewRefused(
            "Someone else moved this review at the same time; reload it.", code="conflict"
        ) from error
    except IntegrityError as error:
        # A constraint another transaction satisfied first (one open review per claim).
        raise ReviewRefused(
            "Someone else changed this claim's review at the same time; reload it.",
            code="conflict",
        ) from error


def _record_event(review, user, action, from_state, to_state, comment: str = "") -> ReviewEvent:
    event = ReviewEvent(
        review=review,
        actor=user,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )
    event.full_clean()
    event.save()
    return event


__all__ = [
    "ReviewRefused",
    "review_approve",
    "review_assign",
    "review_available_actions",
    "review_comment",
    "review_correct",
    "review_gate_failures",
    "review_open",
    "review_publish",
    "review_request_changes",
    "review_retract",
    "review_start",
    "review_submit",
    "review_update",
]
