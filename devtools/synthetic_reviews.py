"""Reviews on a synthetic record: every workflow state, spread over old and recent claims.

One factual claim in ``every`` gets a review, counted from the newest claim (so the newest is
always among them), whatever else the database holds. Which claims, and the state, rating,
priority and due date of each review, depend only on the seed and the claims' order, so the
same record and seed give the same reviews.

A small synthetic desk (a contributor, fact-checkers and editors in the role groups) takes
each review to its state. Through the services (``reviews.services``) that costs a few hundred
queries a review, hours at a million claims; so by default the reviews are written in bulk, in
their final state, with the rows the services would have left: the same field values, events
(who moved it, from which state to which, with which comment), authors, evidence, pinned
documents (built by ``reviews.pinning`` itself), pinned references and record checks. Only
their history differs: a creation row per review (and one for the pin), as the synthetic
record's own rows have, where the services write one per step; none with ``history=False``.
``through_services=True`` takes the slow, exact path (the tests compare the two).

A review meant to be approved whose claim fails an evidence gate (``review_gate_failures``)
is sent back for changes instead, as a fact-checker would; a failing origin gate is first
answered with a reason why the primary source is unavailable.
"""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from claims.choices import ClaimKind
from claims.models import Citation, Claim
from core.history import bulk_update_tracked
from core.models import history_written_separately
from reviews.choices import Priority, ReviewState
from reviews.models import (
    PinnedRecordCheck,
    PinnedReference,
    RatingLabel,
    RatingScale,
    Review,
    ReviewEvent,
)
from reviews.pinning import document_sha256, pinned_document, pinned_objects
from reviews.services import (
    review_approve,
    review_assign,
    review_correct,
    review_gate_failures,
    review_open,
    review_publish,
    review_request_changes,
    review_retract,
    review_start,
    review_submit,
    review_update,
)

from .synthetic import WriteSummary, _Inserter

DEFAULT_REVIEWS_EVERY = 50

# The states reviews end in, and how often. "corrected" is a published version corrected by
# a second one, published in its place (two rows).
STATE_WEIGHTS = (
    (ReviewState.DRAFT, 8),
    (ReviewState.SUBMITTED, 8),
    (ReviewState.IN_REVIEW, 8),
    (ReviewState.CHANGES_REQUESTED, 5),
    (ReviewState.APPROVED, 5),
    (ReviewState.PUBLISHED, 50),
    (ReviewState.CORRECTED, 10),
    (ReviewState.RETRACTED, 6),
)
PRIORITY_WEIGHTS = (
    (Priority.LOW, 2),
    (Priority.NORMAL, 6),
    (Priority.HIGH, 2),
    (Priority.URGENT, 1),
)
# The synthetic desk: username → role group.
DESK = {
    "synthetic-contributor": "Contributor",
    "synthetic-checker-1": "Fact-checker",
    "synthetic-checker-2": "Fact-checker",
    "synthetic-checker-3": "Fact-checker",
    "synthetic-editor-1": "Editor",
    "synthetic-editor-2": "Editor",
}
ORIGIN_UNAVAILABLE = "The primary source was not made public; the chain stops at its relay."


@dataclass(frozen=True)
class ReviewSpec:
    """The review a claim gets: its final state and what the desk writes on the way."""

    claim_id: int
    state: str
    priority: str
    due_in_days: int | None
    checker: int  # which fact-checker of the desk
    rating: int  # which label of the default scale
    assigned_first: bool  # an editor assigns it before anyone starts it


def review_specs(claim_ids: list[int], *, every: int, seed: int) -> list[ReviewSpec]:
    """The reviews of one claim in ``every`` of ``claim_ids`` (ascending), newest first
    counted, oldest first returned."""
    rng = random.Random(f"synthetic reviews {seed}")  # noqa: S311 (reproducible, not secret)
    states, state_weights = zip(*STATE_WEIGHTS, strict=True)
    priorities, priority_weights = zip(*PRIORITY_WEIGHTS, strict=True)
    chosen = claim_ids[::-1][::every]
    specs = [
        ReviewSpec(
            claim_id=claim_id,
            state=rng.choices(states, state_weights)[0],
            priority=rng.choices(priorities, priority_weights)[0],
            due_in_days=None if rng.random() < 0.3 else rng.randint(-20, 40),
            checker=rng.randrange(3),
            rating=rng.randrange(1_000),
            assigned_first=rng.random() < 0.5,
        )
        for claim_id in chosen
    ]
    return specs[::-1]


@dataclass
class ReviewsSummary:
    """How many reviews ended in each state, and how long it took."""

    states: dict[str, int] = field(default_factory=dict)
    sent_back: int = 0  # meant to be approved, but a gate failed
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.states.values())


def desk_people() -> dict[str, object]:
    """The synthetic desk's users, created once (no usable password)."""
    User = get_user_model()
    people = {}
    for username, role in DESK.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.invalid"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
        people[username] = user
    return people


def reviewable_claim_ids() -> list[int]:
    """The factual claims without a review, in order of id."""
    return list(
        Claim.objects.filter(kind=ClaimKind.FACTUAL)
        .exclude(pk__in=Review.objects.values("claim_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


class _Desk:
    """Takes a claim's review to the state of its spec, through the services."""

    def __init__(self, people: dict, labels: list[RatingLabel], today: datetime.date):
        self.contributor = people["synthetic-contributor"]
        self.checkers = [people[f"synthetic-checker-{n}"] for n in (1, 2, 3)]
        self.editor = people["synthetic-editor-1"]
        self.other_editor = people["synthetic-editor-2"]
        self.labels = labels
        self.today = today

    def review(self, spec: ReviewSpec, summary: ReviewsSummary) -> None:
        state = spec.state
        checker = self.checkers[spec.checker]
        due_on = None
        if spec.due_in_days is not None:
            due_on = self.today + datetime.timedelta(days=spec.due_in_days)
        claim = Claim(pk=spec.claim_id, kind=ClaimKind.FACTUAL)
        review = review_open(
            claim=claim, user=self.contributor, due_on=due_on, priority=spec.priority
        )
        if state == ReviewState.DRAFT:
            return self.done(summary, state)
        review = review_submit(review=review, user=self.contributor)
        if spec.assigned_first:
            review = review_assign(review=review, user=self.editor, assignee=checker)
        if state == ReviewState.SUBMITTED:
            return self.done(summary, state)
        review = review_start(review=review, user=checker)
        label = self.labels[spec.rating % len(self.labels)]
        evidence = evidence_of([spec.claim_id]).get(spec.claim_id, [])
        review = review_update(
            review=review,
            user=checker,
            rating=label,
            explanation=_explanation(label),
            evidence=Citation.objects.filter(pk__in=evidence).select_related("statement"),
        )
        if state == ReviewState.IN_REVIEW:
            return self.done(summary, state)
        if state == ReviewState.CHANGES_REQUESTED:
            review_request_changes(review=review, user=checker, comment=CHANGES_COMMENT)
            return self.done(summary, state)
        failures = review_gate_failures(review, approver=self.editor)
        if failures and any("origin" in failure for failure in failures):
            review = review_update(
                review=review, user=checker, origin_unavailable_reason=ORIGIN_UNAVAILABLE
            )
            failures = review_gate_failures(review, approver=self.editor)
        if failures:
            review_request_changes(review=review, user=checker, comment=" ".join(failures))
            summary.sent_back += 1
            return self.done(summary, ReviewState.CHANGES_REQUESTED)
        review = review_approve(review=review, user=self.editor)
        if state == ReviewState.APPROVED:
            return self.done(summary, state)
        review = review_publish(review=review, user=self.editor)
        if state == ReviewState.PUBLISHED:
            return self.done(summary, state)
        if state == ReviewState.RETRACTED:
            review_retract(review=review, user=self.editor, reason=RETRACTION_REASON)
            return self.done(summary, state)
        correction = review_correct(review=review, user=self.editor, note=CORRECTION_NOTE)
        # The corrector wrote the note: the other editor approves the correction.
        correction = review_approve(review=correction, user=self.other_editor)
        review_publish(review=correction, user=self.editor)
        self.done(summary, ReviewState.CORRECTED)
        self.done(summary, ReviewState.PUBLISHED)

    @staticmethod
    def done(summary: ReviewsSummary, state: str) -> None:
        summary.states[state] = summary.states.get(state, 0) + 1


EXPLANATION = "Rated “{label}”: the record's sources say so."
CHANGES_COMMENT = "Add a snapshot."
RETRACTION_REASON = "The report was withdrawn."
CORRECTION_NOTE = "Clearer explanation."


def _explanation(label: RatingLabel) -> str:
    return EXPLANATION.format(label=label.label)


def evidence_of(claim_ids) -> dict[int, list[int]]:
    """The evidence a fact-checker picks for each claim: its first two verified citations."""
    found: dict[int, list[int]] = {}
    rows = (
        Citation.objects.filter(statement__claim_id__in=claim_ids, quote_verified=True)
        .order_by("pk")
        .values_list("statement__claim_id", "pk")
    )
    for claim_id, pk in rows:
        picked = found.setdefault(claim_id, [])
        if len(picked) < 2:
            picked.append(pk)
    return found


@dataclass
class _Version:
    """A version of a review as the services would leave it: its fields, events, authors
    and evidence, and whether approval pinned it."""

    fields: dict
    state: str = ReviewState.DRAFT
    events: list[dict] = field(default_factory=list)
    authors: list = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)
    pinned: bool = False
    review: Review | None = None

    def event(self, actor, action, from_state, to_state, comment="", assignee=None) -> None:
        self.events.append(
            {
                "actor": actor,
                "action": action,
                "from_state": from_state,
                "to_state": to_state,
                "comment": comment,
                "assignee": assignee,
            }
        )
        self.state = to_state


class _BulkDesk(_Desk):
    """Writes reviews in their final state, a batch at a time, with the rows the services
    would have left (see the module)."""

    def __init__(self, people, labels, today, inserter: _Inserter):
        super().__init__(people, labels, today)
        self.inserter = inserter

    def plan(self, spec: ReviewSpec, claim: Claim, evidence: list[int], now, summary):
        """The versions ``spec`` ends with, as ``_Desk.review`` would take them there."""
        S = ReviewState
        checker = self.checkers[spec.checker]
        due_on = None
        if spec.due_in_days is not None:
            due_on = self.today + datetime.timedelta(days=spec.due_in_days)
        fields = {
            "claim": claim,
            "version": 1,
            "scale_id": self.labels[0].scale_id,
            "due_on": due_on,
            "priority": spec.priority,
        }
        first = _Version(fields)
        first.event(self.contributor, "open", S.DRAFT, S.DRAFT)
        if spec.state == S.DRAFT:
            return self.planned(summary, first)
        first.event(self.contributor, "submit", S.DRAFT, S.SUBMITTED)
        if spec.assigned_first:
            fields["assignee"] = checker
            first.event(self.editor, "assign", S.SUBMITTED, S.SUBMITTED, assignee=checker)
        if spec.state == S.SUBMITTED:
            return self.planned(summary, first)
        fields["assignee"] = checker
        taken = None if spec.assigned_first else checker
        first.event(checker, "start", S.SUBMITTED, S.IN_REVIEW, assignee=taken)
        label = self.labels[spec.rating % len(self.labels)]
        fields.update(rating=label, verdict_author=checker, explanation=_explanation(label))
        first.authors, first.evidence = [checker], evidence
        if spec.state == S.IN_REVIEW:
            return self.planned(summary, first)
        if spec.state == S.CHANGES_REQUESTED:
            first.event(
                checker, "request_changes", S.IN_REVIEW, S.CHANGES_REQUESTED, CHANGES_COMMENT
            )
            return self.planned(summary, first)
        failures = review_gate_failures(Review(**fields))
        if failures and any("origin" in failure for failure in failures):
            fields["origin_unavailable_reason"] = ORIGIN_UNAVAILABLE
            failures = review_gate_failures(Review(**fields))
        if failures:
            comment = " ".join(failures)
            first.event(checker, "request_changes", S.IN_REVIEW, S.CHANGES_REQUESTED, comment)
            summary.sent_back += 1
            return self.planned(summary, first)
        fields["approver"], first.pinned = self.editor, True
        first.event(self.editor, "approve", S.IN_REVIEW, S.APPROVED)
        if spec.state == S.APPROVED:
            return self.planned(summary, first)
        fields.update(published_at=now, first_published_at=now, published_by=self.editor)
        first.event(self.editor, "publish", S.APPROVED, S.PUBLISHED)
        if spec.state == S.PUBLISHED:
            return self.planned(summary, first)
        if spec.state == S.RETRACTED:
            fields["retraction_reason"] = RETRACTION_REASON
            first.event(self.editor, "retract", S.PUBLISHED, S.RETRACTED, RETRACTION_REASON)
            return self.planned(summary, first)
        first.event(self.editor, "correct", S.PUBLISHED, S.PUBLISHED, CORRECTION_NOTE)
        correction = _Version(
            {
                **{name: fields.get(name, "") for name in ("explanation", "write_up")},
                "claim": claim,
                "version": 2,
                "assignee": self.editor,
                "due_on": due_on,
                "priority": spec.priority,
                "scale_id": fields["scale_id"],
                "rating": label,
                "verdict_author": checker,
                "origin_unavailable_reason": fields.get("origin_unavailable_reason", ""),
                "correction_note": CORRECTION_NOTE,
                "approver": self.other_editor,
                "published_at": now,
                "first_published_at": now,
                "published_by": self.editor,
            },
            authors=[checker, self.editor],
            evidence=evidence,
            pinned=True,
        )
        correction.event(
            self.editor, "open", S.IN_REVIEW, S.IN_REVIEW, CORRECTION_NOTE, assignee=self.editor
        )
        correction.event(self.other_editor, "approve", S.IN_REVIEW, S.APPROVED)
        first.event(self.editor, "supersede", S.PUBLISHED, S.CORRECTED, "Corrected by version 2.")
        correction.event(self.editor, "publish", S.APPROVED, S.PUBLISHED)
        return self.planned(summary, first, correction)

    def planned(self, summary, *versions: _Version) -> list[_Version]:
        for version in versions:
            self.done(summary, version.state)
        return list(versions)

    def write(self, specs: list[ReviewSpec], summary: ReviewsSummary) -> None:
        claims = Claim.objects.in_bulk([spec.claim_id for spec in specs])
        evidence = evidence_of(list(claims))
        now = timezone.now()
        planned = [
            self.plan(spec, claims[spec.claim_id], evidence.get(spec.claim_id, []), now, summary)
            for spec in specs
        ]
        # The corrected versions first: their corrections point to them.
        for generation in (0, 1):
            versions = [p[generation] for p in planned if len(p) > generation]
            for version in versions:
                if generation:
                    version.fields["previous_id"] = planned_first(planned, version).review.pk
                version.review = Review(state=version.state, **version.fields)
            self.inserter.create(Review, [version.review for version in versions])
        versions = [version for p in planned for version in p]
        Through = Review.authors.through
        self.inserter.link(
            Review._meta.get_field("authors"),
            [Through(review_id=v.review.pk, user_id=u.pk) for v in versions for u in v.authors],
        )
        Through = Review.evidence.through
        self.inserter.link(
            Review._meta.get_field("evidence"),
            [Through(review_id=v.review.pk, citation_id=c) for v in versions for c in v.evidence],
        )
        ReviewEvent.objects.bulk_create(
            [
                ReviewEvent(review=version.review, at=now, **event)
                for version in versions
                for event in version.events
            ],
            batch_size=1000,
        )
        self.pin([version for version in versions if version.pinned], now)

    def pin(self, versions: list[_Version], now) -> None:
        """Pin what approval pinned, and record its references and record checks."""
        references, checks = [], []
        for version in versions:
            review = version.review
            document = pinned_document(review)
            review.pinned = document
            review.pinned_sha256 = document_sha256(document)
            review.pinned_at = now
            references += [
                PinnedReference(review=review, model=model, object_id=pk)
                for model, pk in sorted(pinned_objects(document))
            ]
            checks.append(
                PinnedRecordCheck(
                    review=review,
                    live_sha256=document_sha256(document["record"]),
                    changed=False,
                    checked_at=now,
                )
            )
        reviews = [version.review for version in versions]
        fields = ["pinned", "pinned_sha256", "pinned_at"]
        if self.inserter.history:
            bulk_update_tracked(reviews, Review, fields, reason=self.inserter.reason)
        else:
            with history_written_separately():
                Review.objects.bulk_update(reviews, fields, batch_size=200)
        PinnedReference.objects.bulk_create(references, batch_size=1000)
        PinnedRecordCheck.objects.bulk_create(checks, batch_size=1000)


def planned_first(planned: list[list[_Version]], version: _Version) -> _Version:
    """The first version of the review whose later ``version`` this is."""
    return next(p[0] for p in planned if len(p) > 1 and p[1] is version)


def write_reviews(
    *,
    every: int = DEFAULT_REVIEWS_EVERY,
    seed: int = 1,
    history: bool = True,
    through_services: bool = False,
    batch_size: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> ReviewsSummary:
    """Review one factual claim in ``every`` that has none (see the module), ``batch_size``
    reviews per transaction: in bulk, or one step at a time ``through_services``. Refuses
    when no rating scale is the default."""
    started = time.monotonic()
    scale = RatingScale.objects.filter(is_default=True).first()
    if scale is None:
        raise ValueError("No rating scale is the default: the reviews need one.")
    labels = list(RatingLabel.objects.filter(scale=scale).order_by("order"))
    specs = review_specs(reviewable_claim_ids(), every=every, seed=seed)
    summary = ReviewsSummary()
    with transaction.atomic():
        people = desk_people()
    today = timezone.localdate()
    if through_services:
        desk = _Desk(people, labels, today)
    else:
        inserter = _Inserter(
            WriteSummary(history=history), reason=f"synthetic reviews, seed {seed}", batch_size=1000
        )
        desk = _BulkDesk(people, labels, today, inserter)
    if progress:
        progress(0, len(specs))
    for first in range(0, len(specs), batch_size):
        batch = specs[first : first + batch_size]
        with transaction.atomic():
            if through_services:
                for spec in batch:
                    desk.review(spec, summary)
            else:
                desk.write(batch, summary)
        reset_queries()
        if progress:
            progress(first + len(batch), len(specs))
    analyze_reviews()
    summary.seconds = time.monotonic() - started
    return summary


def analyze_reviews() -> None:
    """Refresh PostgreSQL's statistics of the reviews' tables after writing many of them."""
    if connection.vendor != "postgresql":
        return
    models = [
        Review,
        Review.history.model,
        Review.evidence.through,
        Review.authors.through,
        ReviewEvent,
        PinnedReference,
        PinnedRecordCheck,
    ]
    tables = {model._meta.db_table for model in models}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
