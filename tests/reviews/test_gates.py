"""The gates on approval: each blocks alone with its own message, and all are listed together."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from claims.choices import CitationRole, ClaimKind
from claims.models import Claim
from claims.services import citation_save, claim_save
from core.services import instance_delete
from reviews.choices import ReviewState
from reviews.models import RatingLabel, Review
from reviews.services import (
    ReviewRefused,
    review_approve,
    review_available_actions,
    review_correct,
    review_gate_failures,
    review_open,
    review_publish,
    review_start,
    review_submit,
    review_update,
)
from tests.support.factories import (
    CitationFactory,
    SnapshotFactory,
    StatementFactory,
    checkable_claim,
    role_user,
)

pytestmark = pytest.mark.django_db

FIGHTERS = (
    "Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020."
)
JETS = "Russia deployed military jets to Libya to support Russian mercenaries."

NO_RATING = "Choose a rating."
NO_EXPLANATION = "Write the explanation of the verdict."
POSITION = "A stated position is not rated: only a factual claim can be."
UNVERIFIED = "has no citation whose quote is verified against a snapshot."
NO_ORIGIN = "reaches an origin citation: record the origin, or say why"
FOUR_EYES = "The approver cannot be an author of the verdict (four-eyes rule)."


@pytest.fixture
def people(db):
    return {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "editor": role_user("Editor", username="editor-one"),
    }


def label(name: str = "False") -> RatingLabel:
    return RatingLabel.objects.get(scale__is_default=True, label=name)


def in_review(claim: Claim, people, **content) -> Review:
    """A review of ``claim`` in review, rated by the fact-checker with ``content``."""
    review = review_open(claim=claim, user=people["contributor"])
    review = review_submit(review=review, user=people["contributor"])
    review = review_start(review=review, user=people["checker"])
    if content:
        review = review_update(review=review, user=people["checker"], **content)
    return review


def ready(claim: Claim, people) -> Review:
    return in_review(claim, people, rating=label(), explanation="The report says otherwise.")


def refused_approval(review: Review, user) -> ReviewRefused:
    with pytest.raises(ReviewRefused) as refused:
        review_approve(review=review, user=user)
    assert Review.objects.get(pk=review.pk).state == ReviewState.IN_REVIEW
    assert not review.events.filter(action="approve").exists()
    return refused.value


def add_statement_without_origin(claim: Claim):
    """A statement whose only citation has a verified quote but no chain to an origin."""
    snapshot = SnapshotFactory(text="A spokesman confirmed that the bridge was closed.")
    citation = CitationFactory(
        statement=StatementFactory(claim=claim),
        source=snapshot.source,
        role=CitationRole.REPORTS,
        snapshot=snapshot,
        quote="the bridge was closed",
    )
    return citation_save(citation=citation)


def test_a_review_that_passes_every_gate_is_approved(people):
    review = ready(checkable_claim(), people)
    assert review_gate_failures(review, approver=people["editor"]) == []

    review = review_approve(review=review, user=people["editor"], comment="Agreed.")

    assert (review.state, review.approver) == (ReviewState.APPROVED, people["editor"])


def test_a_rating_is_required(people):
    review = in_review(checkable_claim(), people, explanation="Explained.")

    refused = refused_approval(review, people["editor"])

    assert refused.code == "gate"
    assert review_gate_failures(review) == [NO_RATING]
    assert NO_RATING in refused.message


def test_an_explanation_is_required(people):
    review = in_review(checkable_claim(), people, rating=label())

    refused = refused_approval(review, people["editor"])

    assert review_gate_failures(review) == [NO_EXPLANATION]
    assert NO_EXPLANATION in refused.message


def test_a_stated_position_is_not_rated(people):
    """A claim turned into a stated position after its review opened cannot be approved."""
    review = ready(checkable_claim(), people)
    claim = review.claim
    claim.kind = ClaimKind.POSITION
    claim_save(claim=claim)

    refused = refused_approval(Review.objects.get(pk=review.pk), people["editor"])

    assert review_gate_failures(Review.objects.get(pk=review.pk)) == [POSITION]
    assert POSITION in refused.message


def test_every_statement_needs_a_verified_quote(people):
    """A second statement cited only by an unquoted origin blocks approval, naming its speaker."""
    claim = checkable_claim()
    statement = StatementFactory(claim=claim, actor__name="Ministry of Transport")
    CitationFactory(statement=statement, role=CitationRole.ORIGIN)
    review = ready(claim, people)

    refused = refused_approval(review, people["editor"])

    failures = review_gate_failures(review)
    assert len(failures) == 1
    assert failures[0].startswith("“Ministry of Transport” (asserts)")
    assert UNVERIFIED in failures[0]
    assert failures[0] in refused.message


def test_every_statement_needs_a_chain_to_an_origin(people):
    """A statement known only from a report with no origin blocks approval, alone."""
    claim = checkable_claim()
    add_statement_without_origin(claim)
    review = ready(claim, people)

    refused = refused_approval(review, people["editor"])

    failures = review_gate_failures(review)
    assert len(failures) == 1
    assert NO_ORIGIN in failures[0]
    assert failures[0] in refused.message


def test_the_origin_gate_passes_with_the_reason_the_origin_is_unavailable(people):
    claim = checkable_claim()
    add_statement_without_origin(claim)
    review = ready(claim, people)

    review = review_update(
        review=review,
        user=people["checker"],
        origin_unavailable_reason="The spokesman's briefing was not recorded.",
    )

    assert review_gate_failures(review) == []
    assert review_approve(review=review, user=people["editor"]).state == ReviewState.APPROVED


def test_the_verdict_author_cannot_approve_it(people):
    """Four-eyes: an editor who rated the claim needs another editor to approve."""
    review = in_review(checkable_claim(), people)
    review = review_update(
        review=review, user=people["editor"], rating=label(), explanation="Explained."
    )

    refused = refused_approval(review, people["editor"])

    assert refused.code == "four_eyes"
    assert FOUR_EYES in refused.message
    other = role_user("Editor", username="editor-two")
    assert review_approve(review=review, user=other).approver == other


@pytest.mark.parametrize(
    "words",
    [
        {"explanation": "A sharper explanation."},
        {"write_up": "The check, rewritten."},
        {"correction_note": "A note of mine."},
    ],
    ids=["explanation", "write_up", "correction_note"],
)
def test_an_editor_who_rewrote_any_word_of_the_verdict_cannot_approve_it(people, words):
    """Four-eyes covers every word: rewriting the explanation, the write-up or the note of a
    verdict someone else rated makes the editor one of its authors."""
    review = ready(checkable_claim(), people)
    review = review_update(review=review, user=people["editor"], **words)

    refused = refused_approval(review, people["editor"])

    assert refused.code == "four_eyes"
    assert set(review.authors.all()) == {people["checker"], people["editor"]}
    assert "approve" not in review_available_actions(review, people["editor"])
    other = role_user("Editor", username="editor-two")
    assert review_approve(review=review, user=other).approver == other


def test_an_edit_that_changes_no_word_makes_no_author(people):
    review = ready(checkable_claim(), people)
    review = review_update(
        review=review,
        user=people["editor"],
        rating=review.rating,
        explanation=review.explanation,
        priority="high",
    )
    assert list(review.authors.all()) == [people["checker"]]
    assert review_approve(review=review, user=people["editor"]).state == ReviewState.APPROVED


def test_a_correction_needs_a_second_editor_whatever_it_rewrites(people):
    """An editor who corrects a published verdict writes its note: another editor approves."""
    review = ready(checkable_claim(), people)
    review = review_approve(review=review, user=people["editor"])
    review = review_publish(review=review, user=people["editor"])
    other = role_user("Editor", username="editor-two")
    correction = review_correct(review=review, user=other, note="The figure was 3,800.")
    correction = review_update(review=correction, user=other, explanation="Now 3,800.")

    refused = refused_approval(correction, other)

    assert refused.code == "four_eyes"
    # The words it carries over keep their author (the fact-checker), and the corrector joins.
    assert set(correction.authors.all()) == {people["checker"], other}
    assert review_approve(review=correction, user=people["editor"]).approver == people["editor"]


def test_the_database_refuses_an_approver_who_wrote_the_verdict(people):
    """The four-eyes check constraint holds even for a write that skips the services."""
    review = ready(checkable_claim(), people)
    review.approver = people["checker"]

    with pytest.raises(IntegrityError), transaction.atomic():
        review.save()

    assert Review.objects.get(pk=review.pk).approver is None


def test_every_failing_gate_is_listed_together(people):
    """With nothing done, the refusal names each missing piece in one message."""
    claim = checkable_claim()
    CitationFactory(statement=StatementFactory(claim=claim), role=CitationRole.REPORTS)
    review = in_review(claim, people, write_up="Notes so far.")

    refused = refused_approval(review, people["editor"])

    failures = review_gate_failures(review, approver=people["editor"])
    assert failures[:2] == [NO_RATING, NO_EXPLANATION]
    assert UNVERIFIED in failures[2]
    assert NO_ORIGIN in failures[3]
    assert len(failures) == 4
    assert refused.code == "gate"
    for failure in failures:
        assert failure in refused.message


def test_a_claim_without_statements_cannot_be_approved(people):
    """Nothing to check is not a pass: a claim needs someone who asserts it."""
    review = ready(checkable_claim(), people)
    instance_delete(instance=review.claim.statements.get(), user=people["editor"])

    refused = refused_approval(review, people["editor"])

    assert "The claim has no statement" in refused.message


# The reference article


@pytest.fixture
def reference(db):
    call_command("load_reference_article", stdout=StringIO())


def test_the_fighters_claim_goes_from_draft_to_published(reference, people):
    """C1 rests on a verified quote and a chain from the DoD report: it passes every gate."""
    claim = Claim.objects.get(text=FIGHTERS)
    review = review_open(claim=claim, user=people["contributor"])
    review = review_submit(review=review, user=people["contributor"])
    review = review_start(review=review, user=people["checker"])
    review = review_update(
        review=review,
        user=people["checker"],
        rating=label("Unproven"),
        explanation="Only the Pentagon's summary of a report that was never made public.",
        evidence=list(claim.statements.get().citations.all()),
    )
    assert review_gate_failures(review, approver=people["editor"]) == []
    review = review_approve(review=review, user=people["editor"])
    review = review_publish(review=review, user=people["editor"])

    assert review.state == ReviewState.PUBLISHED
    assert review.published_by == people["editor"]
    assert review.published_at is not None
    assert [(e.action, e.actor.username) for e in review.events.all()] == [
        ("open", "contributor"),
        ("submit", "contributor"),
        ("start", "checker"),
        ("approve", "editor-one"),
        ("publish", "editor-one"),
    ]


def test_the_military_jets_claim_needs_the_reason_its_origin_is_missing(reference, people):
    """C4 is known only from the article: no chain reaches an origin until the reason is given."""
    claim = Claim.objects.get(text=JETS)
    review = ready(claim, people)

    refused = refused_approval(review, people["editor"])

    assert NO_ORIGIN in refused.message
    assert all(NO_ORIGIN in failure for failure in review_gate_failures(review))
    review = review_update(
        review=review,
        user=people["checker"],
        origin_unavailable_reason="The U.S. accusation was made without publishing evidence.",
    )
    assert review_approve(review=review, user=people["editor"]).state == ReviewState.APPROVED
