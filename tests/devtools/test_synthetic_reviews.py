"""Reviews on the synthetic record: every workflow state, spread up to the newest claim,
written by the review services, deterministic for the seed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from claims.choices import ClaimKind
from claims.models import Claim
from devtools.synthetic_reviews import review_specs, write_reviews
from reviews.choices import ReviewState
from reviews.models import PinnedRecordCheck, PinnedReference, Review, ReviewEvent

pytestmark = pytest.mark.django_db


def command(name: str, **options) -> str:
    out = StringIO()
    call_command(name, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_specs_take_one_claim_in_every_the_newest_first_and_repeat_for_a_seed():
    ids = list(range(1, 1001))
    specs = review_specs(ids, every=7, seed=3)
    assert [spec.claim_id for spec in specs] == ids[::-1][::7][::-1]
    assert specs[-1].claim_id == 1000
    assert specs == review_specs(ids, every=7, seed=3)
    assert [s.state for s in specs] != [s.state for s in review_specs(ids, every=7, seed=4)]
    assert {spec.state for spec in specs} == set(ReviewState.values)


def test_the_record_command_reviews_old_and_new_claims_in_every_state():
    """--reviews-every reviews old and new claims, with the events, authors, pinned
    documents, references and record checks of each state; no history with --no-history."""
    output = command(
        "generate_synthetic_record", claims=240, seed=2, reviews_every=2, no_history=True
    )
    assert "reviews" in output
    factual = list(
        Claim.objects.filter(kind=ClaimKind.FACTUAL).order_by("-pk").values_list("pk", flat=True)
    )
    reviewed = set(Review.objects.values_list("claim_id", flat=True))
    assert reviewed == set(factual[::2])
    assert factual[0] in reviewed
    assert min(reviewed) in factual[-2:]
    states = set(Review.objects.values_list("state", flat=True))
    assert states == set(ReviewState.values)

    pinned = Review.objects.filter(state__in=[*ReviewState.public(), ReviewState.APPROVED])
    assert pinned.exists()
    for review in pinned:
        assert review.pinned is not None
        assert review.pinned_sha256
        assert review.rating_id is not None
        assert review.approver_id != review.verdict_author_id
        assert PinnedReference.objects.filter(review=review).exists()
    watched = Review.objects.filter(state__in=[ReviewState.APPROVED, ReviewState.PUBLISHED])
    assert PinnedRecordCheck.objects.filter(review__in=watched, changed=False).count() == (
        watched.count()
    )
    published = Review.objects.filter(state=ReviewState.PUBLISHED)
    assert all(review.published_at and review.published_by_id for review in published)
    correction = Review.objects.filter(previous__state=ReviewState.CORRECTED).first()
    assert correction is not None
    assert correction.state == ReviewState.PUBLISHED
    for review in Review.objects.all():
        events = list(review.events.values_list("action", flat=True))
        assert events[0] == "open"
    assert not Review.history.exists()
    assert ReviewEvent.objects.filter(action="retract").count() == (
        Review.objects.filter(state=ReviewState.RETRACTED).count()
    )


def test_reviews_can_be_added_to_a_record_generated_without_them():
    """The command reviews the claims its seed picks, each in the state picked for it (or
    sent back for changes when a gate fails), and refuses to run twice."""
    command("generate_synthetic_record", claims=120, seed=1, reviews_every=0, no_history=True)
    assert not Review.objects.exists()
    factual = list(
        Claim.objects.filter(kind=ClaimKind.FACTUAL).order_by("pk").values_list("pk", flat=True)
    )
    output = command("generate_synthetic_reviews", every=4, seed=9)
    assert "Wrote" in output
    written = dict(Review.objects.filter(previous__isnull=True).values_list("claim_id", "state"))
    for spec in review_specs(factual, every=4, seed=9):
        assert written[spec.claim_id] in (spec.state, ReviewState.CHANGES_REQUESTED)
    assert len(written) == len(factual[::-1][::4])
    with pytest.raises(CommandError, match="reviews already"):
        command("generate_synthetic_reviews", every=4)


def test_refuses_a_database_without_a_synthetic_record():
    with pytest.raises(CommandError, match="no synthetic record"):
        command("generate_synthetic_reviews")
    with pytest.raises(CommandError, match="at least 1"):
        command("generate_synthetic_reviews", every=0)


def _name(user) -> str | None:
    return None if user is None else user.username


def written_reviews() -> dict:
    """Every review as comparable values: people by name, versions by claim and number."""
    rows = {}
    reviews = Review.objects.select_related(
        "previous", "assignee", "verdict_author", "approver", "published_by"
    ).prefetch_related(
        "authors", "evidence", "pinned_references", "events__actor", "events__assignee"
    )
    for review in reviews:
        check = getattr(review, "record_check", None)
        rows[(review.claim_id, review.version)] = {
            "state": review.state,
            "previous": review.previous and (review.previous.claim_id, review.previous.version),
            "people": [
                _name(review.assignee),
                _name(review.verdict_author),
                _name(review.approver),
                _name(review.published_by),
            ],
            "planning": (review.due_on, review.priority, review.scale_id),
            "verdict": (review.rating_id, review.explanation, review.write_up),
            "notes": (
                review.origin_unavailable_reason,
                review.correction_note,
                review.retraction_reason,
            ),
            "published": review.published_at is not None,
            "pinned": (review.pinned, review.pinned_sha256, review.pinned_at is not None),
            "authors": sorted(user.username for user in review.authors.all()),
            "evidence": sorted(citation.pk for citation in review.evidence.all()),
            "events": [
                (e.action, e.from_state, e.to_state, _name(e.actor), e.comment, _name(e.assignee))
                for e in sorted(review.events.all(), key=lambda e: e.pk)
            ],
            "references": sorted((r.model, r.object_id) for r in review.pinned_references.all()),
            "check": check and (check.live_sha256, check.changed),
        }
    return rows


def test_the_bulk_reviews_are_the_rows_the_services_write():
    """Written in bulk or taken step by step through the services, the same reviews have the
    same values, people, events, authors, evidence, pins, references and record checks."""
    command("generate_synthetic_record", claims=140, seed=6, reviews_every=0, no_history=True)
    with transaction.atomic():
        write_reviews(every=2, seed=6, through_services=True)
        through_services = written_reviews()
        transaction.set_rollback(True)
    assert not Review.objects.exists()
    write_reviews(every=2, seed=6)
    in_bulk = written_reviews()
    for review in Review.objects.all():
        assert review.history.filter(history_type="+").count() == 1
    assert {row["state"] for row in in_bulk.values()} == set(ReviewState.values)
    assert in_bulk == through_services
