"""Building published fact-checks through the review services, as a desk of four does."""

import datetime
from dataclasses import dataclass

from claims.choices import AccessMode, CitationRole, Stance
from claims.models import Claim, Statement
from claims.services import citation_save
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
from sources.choices import ActorKind, SourceKind
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

EXPLANATION = "The report says so, and two other sources confirm it."
UNPUBLISHED_STATES = [
    ReviewState.DRAFT,
    ReviewState.SUBMITTED,
    ReviewState.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED,
    ReviewState.APPROVED,
]


def label(name: str, scale: str = "six-step") -> RatingLabel:
    return RatingLabel.objects.get(scale__slug=scale, label=name)


@dataclass
class Desk:
    """The people of a fact-check desk, taking claims through the workflow by the services."""

    contributor: object
    checker: object
    editor: object
    other_editor: object

    def review_to(self, claim: Claim, state: str, **verdict) -> Review:
        """A review of ``claim`` taken to ``state`` (up to published) by the right people.

        ``verdict`` holds the fields the fact-checker writes: ``rating`` (a label name or a
        ``RatingLabel``), ``explanation``, ``write_up``, ``evidence``,
        ``origin_unavailable_reason``; ``scale`` chooses the scale.
        """
        scale = verdict.pop("scale", None)
        review = review_open(claim=claim, user=self.contributor, scale=scale)
        if state == ReviewState.DRAFT:
            return review
        review = review_submit(review=review, user=self.contributor)
        if state == ReviewState.SUBMITTED:
            return review
        review = review_start(review=review, user=self.checker)
        rating = verdict.pop("rating", "True")
        if isinstance(rating, str):
            rating = label(rating, scale.slug if scale else "six-step")
        review = review_update(
            review=review,
            user=self.checker,
            rating=rating,
            explanation=verdict.pop("explanation", EXPLANATION),
            **verdict,
        )
        if state == ReviewState.IN_REVIEW:
            return review
        if state == ReviewState.CHANGES_REQUESTED:
            return review_request_changes(review=review, user=self.checker, comment="More.")
        review = review_approve(review=review, user=self.editor)
        if state == ReviewState.APPROVED:
            return review
        return review_publish(review=review, user=self.editor)

    def publish(self, claim: Claim, **verdict) -> Review:
        return self.review_to(claim, ReviewState.PUBLISHED, **verdict)

    def correct(self, review: Review, *, note: str, **verdict) -> Review:
        """Correct a published review: the fact-checker rewrites, an editor publishes."""
        correction = review_correct(review=review, user=self.editor, note=note)
        correction = review_assign(review=correction, user=self.editor, assignee=self.checker)
        rating = verdict.pop("rating", None)
        if isinstance(rating, str):
            rating = label(rating, correction.scale.slug)
        if rating is not None:
            verdict["rating"] = rating
        if verdict:
            correction = review_update(review=correction, user=self.checker, **verdict)
        correction = review_approve(review=correction, user=self.other_editor)
        return review_publish(review=correction, user=self.other_editor)

    def retract(self, review: Review, reason: str = "The report was withdrawn.") -> Review:
        return review_retract(review=review, user=self.editor, reason=reason)


# The record behind a fact-check


def quoted_citation(statement: Statement, quote: str, *, role=CitationRole.ORIGIN, **fields):
    """A citation of ``statement`` whose quote is verified against a snapshot of its source."""
    source = fields.pop("source", None) or SourceFactory(**fields.pop("source_fields", {}))
    snapshot = SnapshotFactory(source=source, text=f"Earlier text. {quote} Later text.")
    citation = CitationFactory.build(
        statement=statement, source=source, role=role, quote=quote, snapshot=snapshot, **fields
    )
    return citation_save(citation=citation)


def asserted_through_chain(
    claim: Claim,
    actor,
    quote: str,
    *,
    article_fields: dict | None = None,
    stated_on: datetime.date | None = None,
) -> Statement:
    """``actor`` asserts ``claim`` in a report nobody may read, seen by a news agency and
    republished by a public article that quotes it (verified)."""
    statement = StatementFactory(claim=claim, actor=actor, stated_on=stated_on)
    report = SourceFactory(kind=SourceKind.REPORT, publisher=actor, url="", is_public=False)
    origin = CitationFactory(statement=statement, source=report, role=CitationRole.ORIGIN)
    agency = ActorFactory(kind=ActorKind.NEWS_AGENCY)
    story = SourceFactory(kind=SourceKind.AGENCY_STORY, publisher=agency, url="")
    seen = CitationFactory(
        statement=statement,
        source=story,
        role=CitationRole.REPORTS,
        access=AccessMode.SEEN_BY,
        derived_from=origin,
    )
    quoted_citation(
        statement,
        quote,
        role=CitationRole.REPUBLISHES,
        derived_from=seen,
        source_fields=article_fields or {},
    )
    return statement


def stated_directly(
    claim: Claim,
    actor,
    quote: str,
    *,
    stance=Stance.ASSERTS,
    responds_to=None,
    source_fields: dict | None = None,
    stated_on: datetime.date | None = None,
) -> Statement:
    """``actor`` takes ``stance`` on ``claim`` in a public source of its own (the origin)."""
    statement = StatementFactory(
        claim=claim, actor=actor, stance=stance, responds_to=responds_to, stated_on=stated_on
    )
    quoted_citation(statement, quote, source_fields={"publisher": actor, **(source_fields or {})})
    return statement


def simple_claim(text: str | None = None, **fields) -> Claim:
    """A claim one actor asserts in a public statement of its own, ready to be published."""
    claim = ClaimFactory(**({"text": text} if text else {}), **fields)
    stated_directly(claim, ActorFactory(), "the bridge was closed on Monday")
    return claim


def at(moment: datetime.datetime):
    """Run the services as if it were ``moment`` (publication dates are ``timezone.now()``)."""
    from unittest import mock

    return mock.patch("django.utils.timezone.now", return_value=moment)


def utc(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)
