"""The review workflow's writes, and the rules the admin and the API ask about.

Each transition is one transaction: the review row is locked and read again, its state
checked against the step's sources (``reviews.workflow.TRANSITIONS``), then permissions, the
who-may-act rule and the gates; the state changes through the model's transition method, the
row is saved with attribution and a ``ReviewEvent`` records who moved it from which state to
which. The admin and the API never decide: they ask ``review_available_actions``,
``review_editable_fields``, ``review_can_open`` and ``review_gate_failures``, and call
``review_transition``.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django_fsm import ConcurrentTransition

from claims import matching
from claims.chains import leaf_chains
from claims.choices import CitationRole, ClaimKind
from claims.models import Citation, Claim, Statement
from core.history import acting_as, bulk_update_tracked
from core.services import instance_delete, instance_save

from .choices import Priority, ReviewState
from .models import (
    PINNED_STATES,
    ExternalFactCheck,
    ExternalRatingMapping,
    PinnedRecordCheck,
    PinnedReference,
    RatingScale,
    Review,
    ReviewComment,
    ReviewEvent,
)
from .pinning import (
    document_sha256,
    pinned_document,
    pinned_objects,
    record_changes,
    record_document,
)
from .workflow import CHECKER_PERMISSION, EDITOR_PERMISSION, TRANSITIONS, Transition

# Fields review_update() may change; the first four are the verdict (check_review).
VERDICT_FIELDS = ("rating", "explanation", "write_up", "evidence")
EDITABLE_FIELDS = (
    *VERDICT_FIELDS,
    "origin_unavailable_reason",
    "due_on",
    "priority",
    "correction_note",
)
# The words of a version's verdict: whoever changes one of them is an author of the version,
# and no author may approve it.
AUTHORED_FIELDS = ("rating", "explanation", "write_up", "correction_note")
# Planning fields stay editable once a verdict is approved; the verdict itself does not,
# or an approved rating could be changed after the second reader has seen it.
PLANNING_FIELDS = ("due_on", "priority")
EDITABLE_STATES = (
    ReviewState.DRAFT,
    ReviewState.SUBMITTED,
    ReviewState.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED,
)
# States whose version is pinned (reviews.pinning) and watched for changes of the record:
# approved (about to be published) and published. Corrected and retracted versions keep
# their pin but no longer speak for the desk.
WATCHED_STATES = (ReviewState.APPROVED, ReviewState.PUBLISHED)
FOUR_EYES_MESSAGE = "The approver cannot be an author of the verdict (four-eyes rule)."


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


# What the admin and the API ask


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
    # The record as it stands: withdrawn statements and citations back nothing.
    citations = Prefetch("citations", queryset=Citation.objects.current())
    # Not through claim.statements: a claim read with its statements prefetched would
    # carry that prefetch's citations into this query.
    statements = list(
        Statement.objects.filter(claim_id=claim.pk)
        .current()
        .select_related("actor")
        .prefetch_related(citations)
    )
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
    if approver is not None and review_is_author(review, approver):
        failures.append(FOUR_EYES_MESSAGE)
    return failures


def review_available_actions(review: Review, user) -> list[str]:
    """The workflow actions ``user`` may take on ``review`` now (for buttons).

    State, permission and who-may-act are checked; the gates are not, so an approval
    button can show what still blocks it (``review_gate_failures``). A verdict's author
    is never offered its approval.
    """
    available = []
    for transition in TRANSITIONS.values():
        if review.state not in transition.sources:
            continue
        try:
            _check_may_act(transition, review, user)
        except PermissionDenied:
            continue
        if transition.action == "approve" and review_is_author(review, user):
            continue
        available.append(transition.action)
    return available


def review_is_author(review: Review, user) -> bool:
    """Whether ``user`` wrote any word of this version's verdict (so may not approve it)."""
    if review.verdict_author_id is not None and review.verdict_author_id == user.pk:
        return True
    return any(author.pk == user.pk for author in review.authors.all())


def review_editable_fields(review: Review, user) -> list[str]:
    """The fields of ``review`` that ``review_update`` would let ``user`` change now."""
    return [name for name in EDITABLE_FIELDS if _edit_refusal(review, user, {name}) is None]


def review_can_open(*, claim: Claim, user, reviews=None) -> bool:
    """Whether ``review_open`` would let ``user`` open a review of ``claim`` now.

    ``reviews`` are the claim's reviews when the caller has them loaded already.
    """
    reviews = claim.reviews.all() if reviews is None else reviews
    return _open_refusal(claim, user, _current_review(reviews)) is None


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
    if not user.has_perm("reviews.add_review"):
        raise PermissionDenied("You may not open reviews.")
    # Locking the claim makes two simultaneous openings take turns.
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    current = _current_review(
        Review.objects.filter(claim=claim, state__in=[*ReviewState.open(), ReviewState.PUBLISHED])
    )
    refusal = _open_refusal(claim, user, current)
    if refusal is not None:
        raise refusal
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
    _record_event(review, user, "open", ReviewState.DRAFT, ReviewState.DRAFT, assignee=assignee)
    return review


@transaction.atomic
def review_update(*, review: Review, user, **fields) -> Review:
    """Change the content of a review; setting a rating makes ``user`` the verdict's author."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"review_update() cannot change {', '.join(sorted(unknown))}.")
    review = _locked(review)
    refusal = _edit_refusal(review, user, set(fields))
    if refusal is not None:
        raise refusal
    evidence = fields.pop("evidence", None)
    authored = [
        name for name in AUTHORED_FIELDS if name in fields and _changes(review, name, fields)
    ]
    for name, value in fields.items():
        setattr(review, name, value)
    if "rating" in authored:
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
    with acting_as(user):
        if evidence is not None:
            review.evidence.set(evidence)
        if authored:
            review.authors.add(user)
    return review


@transaction.atomic
def review_comment(*, review: Review, user, text: str) -> ReviewComment:
    if not user.has_perm("reviews.add_reviewcomment"):
        raise PermissionDenied("You may not comment on reviews.")
    return _save(ReviewComment(review=review, author=user, text=text), user)


# Pinning


def review_pin(review: Review) -> Review:
    """Freeze the record and the verdict of ``review`` into its pinned document (unsaved).

    Done once, at approval; an approved version accepts no change of its words, so the pin
    stays true to what the approver saw.
    """
    document = pinned_document(review)
    review.pinned = document
    review.pinned_sha256 = document_sha256(document)
    review.pinned_at = timezone.now()
    return review


def pinned_references_save(review: Review) -> None:
    """Record which rows of the record ``review``'s pinned document names (derived data)."""
    PinnedReference.objects.filter(review=review).delete()
    PinnedReference.objects.bulk_create(
        PinnedReference(review=review, model=model, object_id=pk)
        for model, pk in sorted(pinned_objects(review.pinned))
    )


def pinned_reference_of(instance) -> PinnedReference | None:
    """The approved or public version whose pin names ``instance``, if there is one."""
    return (
        PinnedReference.objects.filter(
            model=instance._meta.label_lower,
            object_id=instance.pk,
            review__state__in=PINNED_STATES,
        )
        .select_related("review")
        .order_by("-review__version")
        .first()
    )


def pinned_records_recheck(*, reviews) -> None:
    """Compare the record each of ``reviews`` pinned with the record now, and keep whether it
    changed (``PinnedRecordCheck``). Derived data: no history, no attribution."""
    now = timezone.now()
    for review in reviews:
        if review.pinned is None:
            continue
        live = document_sha256(record_document(review.claim_id))
        PinnedRecordCheck.objects.update_or_create(
            review=review,
            defaults={
                "live_sha256": live,
                "changed": live != document_sha256(review.pinned["record"]),
                "checked_at": now,
            },
        )


def review_record_changes(review: Review, *, claim: Claim | None = None) -> tuple[bool, list[dict]]:
    """Whether the record changed since ``review`` pinned it, and how, in words (``claim``:
    its claim as ``Claim.objects.for_detail()`` has just read it, if the caller has it)."""
    if review.pinned is None:
        return False, []
    pinned, live = review.pinned["record"], record_document(review.claim_id, claim=claim)
    changed = document_sha256(pinned) != document_sha256(live)
    changes = record_changes(pinned, live)
    if changed and not changes:
        # Only values readers are not shown differ (an id, the digits behind a display).
        changes = [{"what": "The record", "field": "details", "before": None, "after": None}]
    return changed, changes


# Transitions


def review_transition(*, review: Review, user, action: str, **arguments) -> Review:
    """Take the workflow step ``action`` (a key of ``TRANSITIONS``) with its arguments.

    The step's text goes by the name the table gives it (``comment``, ``note`` or
    ``reason``), and ``assign`` takes the ``assignee``. Returns the review in its new
    state, or for ``correct`` the new version.
    """
    if action not in TRANSITIONS:
        raise ValueError(f"No workflow step is called {action!r}.")
    return _SERVICES[action](review=review, user=user, **arguments)


@transaction.atomic
def review_submit(*, review: Review, user, comment: str = "") -> Review:
    """Draft → submitted: the record is ready to be checked."""
    review = _begin("submit", review, user)
    return _move(review, user, "submit", review.submit, comment)


@transaction.atomic
def review_assign(*, review: Review, user, assignee=None, comment: str = "") -> Review:
    """Give an open review to a fact-checker; the state does not change."""
    if assignee is None:
        raise ReviewRefused(
            "Choose whom to assign the review to.", code="invalid_assignee", field="assignee"
        )
    review = _begin("assign", review, user, assignee=assignee)
    _check_assignee(assignee)
    review.assignee = assignee
    _save(review, user)
    _record_event(review, user, "assign", review.state, review.state, comment, assignee=assignee)
    return review


@transaction.atomic
def review_start(*, review: Review, user, comment: str = "") -> Review:
    """Submitted or changes requested → in review; an unassigned review goes to ``user``."""
    review = _begin("start", review, user)
    assignee = None
    if review.assignee_id is None:
        review.assignee = assignee = user
    return _move(review, user, "start", review.start, comment, assignee=assignee)


@transaction.atomic
def review_request_changes(*, review: Review, user, comment: str = "") -> Review:
    """In review → changes requested; the comment says what to change."""
    _require_text("request_changes", comment)
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
    # Approval freezes what the verdict rests on; publication shows what was approved.
    review_pin(review)
    review = _move(review, user, "approve", lambda: review.approve(approver=user), comment)
    pinned_references_save(review)
    pinned_records_recheck(reviews=[review])
    return review


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
def review_correct(*, review: Review, user, note: str = "") -> Review:
    """Open the next version of a published review; it stays published until that one is."""
    _require_text("correct", note)
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
        # The words carried over stay their authors'; the note makes the corrector one.
        correction.authors.add(*review.authors.all(), user)
    _record_event(review, user, "correct", review.state, review.state, note)
    _record_event(
        correction, user, "open", ReviewState.IN_REVIEW, ReviewState.IN_REVIEW, note, assignee=user
    )
    return correction


@transaction.atomic
def review_retract(*, review: Review, user, reason: str = "") -> Review:
    """Published → retracted, with the reason shown to readers."""
    _require_text("retract", reason)
    review = _begin("retract", review, user)
    return _move(review, user, "retract", lambda: review.retract(reason=reason), reason)


# The service of each step of the table.
_SERVICES = {
    "submit": review_submit,
    "assign": review_assign,
    "start": review_start,
    "request_changes": review_request_changes,
    "approve": review_approve,
    "publish": review_publish,
    "correct": review_correct,
    "retract": review_retract,
}


# Rules


def _current_review(reviews) -> Review | None:
    """The review in progress or the published verdict among ``reviews``, if any."""
    for review in reviews:
        if review.state in ReviewState.open() or review.state == ReviewState.PUBLISHED:
            return review
    return None


def _open_refusal(claim: Claim, user, current: Review | None) -> Exception | None:
    """Why ``user`` may not open a review of ``claim`` (``current``: its review in
    progress or its published verdict); None when they may."""
    if not user.has_perm("reviews.add_review"):
        return PermissionDenied("You may not open reviews.")
    if claim.kind != ClaimKind.FACTUAL:
        return ReviewRefused(
            "A stated position is not rated: only a factual claim can be reviewed.",
            code="gate",
            field="claim",
        )
    if current is not None:
        message = (
            "This claim already has a published verdict: correct it instead."
            if current.state == ReviewState.PUBLISHED
            else "This claim already has a review in progress."
        )
        return ReviewRefused(message, code="conflict")
    return None


def _edit_refusal(review: Review, user, fields: set[str]) -> Exception | None:
    """Why ``user`` may not change ``fields`` of ``review`` now; None when they may."""
    if review.state not in (*EDITABLE_STATES, ReviewState.APPROVED) or (
        review.state == ReviewState.APPROVED and fields - set(PLANNING_FIELDS)
    ):
        return ReviewRefused(
            f"A review that is {review.get_state_display().lower()} cannot be edited.",
            code="invalid_transition",
        )
    if not user.has_perm("reviews.change_review"):
        return PermissionDenied("You may not edit reviews.")
    if fields & set(VERDICT_FIELDS) and not user.has_perm(CHECKER_PERMISSION):
        return PermissionDenied("Only a fact-checker or an editor may write the verdict.")
    try:
        _check_assignee_or_editor(review, user)
    except PermissionDenied as refusal:
        return refusal
    return None


def _require_text(action: str, text: str) -> None:
    transition = TRANSITIONS[action]
    if transition.text_required and not text.strip():
        raise ReviewRefused(
            transition.text_required, code="comment_required", field=transition.text
        )


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


def _begin(action: str, review: Review, user, *, assignee=None) -> Review:
    """Lock and re-read the review, then check its state and who may act; return it."""
    transition = TRANSITIONS[action]
    seen_state = review.state
    review = _locked(review)
    if review.state not in transition.sources:
        if seen_state in transition.sources:
            # The caller saw a state that allowed the action; someone moved it since.
            raise ReviewRefused(
                f"This review is already {review.get_state_display().lower()}; reload it.",
                code="conflict",
            )
        raise ReviewRefused(
            f"A review that is {review.get_state_display().lower()} cannot be {transition.past}.",
            code="invalid_transition",
        )
    _check_may_act(transition, review, user, assignee=assignee)
    return review


def _check_may_act(transition: Transition, review: Review, user, *, assignee=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may take ``transition`` on ``review``."""
    if transition.takes_assignee:
        if user.has_perm(transition.permission):
            return
        # A fact-checker may take an unassigned review for themselves.
        taking_it = assignee is None or assignee == user
        if user.has_perm(CHECKER_PERMISSION) and review.assignee_id is None and taking_it:
            return
        raise PermissionDenied(
            "Only an editor assigns reviews; a fact-checker may take an unassigned one."
        )
    if not user.has_perm(transition.permission):
        raise PermissionDenied(f"You may not {transition.phrase}.")
    if transition.assignee_only:
        _check_assignee_or_editor(review, user)


def _check_assignee_or_editor(review: Review, user) -> None:
    if review.assignee_id in (None, user.pk) or user.has_perm(EDITOR_PERMISSION):
        return
    raise PermissionDenied(
        f"This review is assigned to {review.assignee}; only they or an editor may act on it."
    )


def _check_assignee(assignee) -> None:
    if not assignee.is_active or not assignee.has_perm(CHECKER_PERMISSION):
        raise ReviewRefused(
            f"{assignee} is not a fact-checker.", code="invalid_assignee", field="assignee"
        )


def _changes(review: Review, name: str, fields: dict) -> bool:
    """Whether setting ``fields[name]`` changes the review's value of ``name``."""
    if name == "rating":
        rating = fields["rating"]
        return (rating.pk if rating is not None else None) != review.rating_id
    return getattr(review, name) != fields[name]


def _move(review: Review, user, action: str, transition, comment: str = "", assignee=None):
    from_state = review.state
    transition()
    _save(review, user)
    _record_event(review, user, action, from_state, review.state, comment, assignee=assignee)
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


def _record_event(
    review, user, action, from_state, to_state, comment: str = "", *, assignee=None
) -> ReviewEvent:
    """Append the event; ``assignee`` is whom it gave the review to, if it did."""
    event = ReviewEvent(
        review=review,
        actor=user,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        assignee=assignee,
    )
    event.full_clean()
    event.save()
    return event


# Fact-checks published elsewhere, and how their ratings read on the desk's scales


def _mapped_label_id(publisher_id, key: str):
    return (
        ExternalRatingMapping.objects.filter(publisher_id=publisher_id, rating_key=key)
        .values_list("label_id", flat=True)
        .first()
    )


@transaction.atomic
def external_fact_check_save(*, fact_check: ExternalFactCheck, user=None, reason: str = ""):
    """Validate and save a fact-check published elsewhere, labelled as its publisher's
    rating mappings read its rating (none when none maps). Its claim (and the claim it
    belonged to before, if it moved) is found by its texts from the next match on."""
    fact_check.prepare_for_save()
    fact_check.rating_label_id = _mapped_label_id(fact_check.publisher_id, fact_check.rating_key)
    before = None
    if fact_check.pk is not None:
        before = (
            ExternalFactCheck.objects.filter(pk=fact_check.pk)
            .values_list("claim_id", flat=True)
            .first()
        )
    instance_save(instance=fact_check, user=user, reason=reason)
    matching.texts_changed([fact_check.claim_id, before])
    return fact_check


@transaction.atomic
def external_fact_check_delete(*, fact_check: ExternalFactCheck, user=None, reason: str = ""):
    """Delete a fact-check published elsewhere: its claim is no longer found by its texts."""
    claim_id = fact_check.claim_id
    instance_delete(instance=fact_check, user=user, reason=reason)
    matching.texts_changed([claim_id])


def external_fact_check_texts(claim_ids):
    """(claim id, text) of the headlines and reviewed claims of fact-checks published
    elsewhere, for the claims of ``claim_ids`` (all when None): what matching finds a claim
    by besides its own text (registered by ``ReviewsConfig.ready``)."""
    rows = ExternalFactCheck.objects.order_by("claim_id", "-published_on", "id")
    if claim_ids is not None:
        rows = rows.filter(claim_id__in=claim_ids)
    for claim_id, headline, claim_reviewed in rows.values_list(
        "claim_id", "headline", "claim_reviewed"
    ).iterator(chunk_size=2000):
        yield claim_id, headline
        if claim_reviewed != headline:
            yield claim_id, claim_reviewed


def _relabel(publisher_id, key: str, label_id, *, user, reason: str) -> int:
    """Give ``label_id`` to the publisher's fact-checks rated ``key``; how many changed."""
    changed = list(
        ExternalFactCheck.objects.filter(publisher_id=publisher_id, rating_key=key).exclude(
            rating_label_id=label_id
        )
    )
    for fact_check in changed:
        fact_check.rating_label_id = label_id
    if changed:
        bulk_update_tracked(changed, ExternalFactCheck, ["rating_label"], user=user, reason=reason)
    return len(changed)


@transaction.atomic
def rating_mapping_save(*, mapping: ExternalRatingMapping, user=None, reason: str = ""):
    """Save a rating mapping and relabel the fact-checks it reads: those it now maps get
    its label; those it mapped before an edit of its publisher or rating lose it."""
    before = None
    if mapping.pk is not None:
        before = (
            ExternalRatingMapping.objects.filter(pk=mapping.pk)
            .values_list("publisher_id", "rating_key")
            .first()
        )
    instance_save(instance=mapping, user=user, reason=reason)
    why = reason or f"rating mapping “{mapping}”"
    if before is not None and before != (mapping.publisher_id, mapping.rating_key):
        _relabel(*before, None, user=user, reason=why)
    _relabel(mapping.publisher_id, mapping.rating_key, mapping.label_id, user=user, reason=why)
    return mapping


@transaction.atomic
def rating_mapping_delete(*, mapping: ExternalRatingMapping, user=None, reason: str = ""):
    """Delete a rating mapping: the fact-checks it read keep their rating, without a label."""
    publisher_id, key = mapping.publisher_id, mapping.rating_key
    why = reason or f"rating mapping “{mapping}” deleted"
    instance_delete(instance=mapping, user=user, reason=reason)
    _relabel(publisher_id, key, None, user=user, reason=why)
