"""Building published fact-checks through the review services, and reading the pages back."""

import datetime
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

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
from tests.factories import (
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


# Reading pages


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text and its descendants', with whitespace collapsed."""
        return " ".join("".join(self._texts()).split())

    def _texts(self):
        for part in self.parts:
            yield part.text if isinstance(part, Element) else part

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> in the page"
        return found[0]

    def texts(self, tag: str | None = None, **attrs) -> list[str]:
        return [element.text for element in self.find_all(tag, **attrs)]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.scripts: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        parent = self.stack[-1]
        parent.children.append(element)
        parent.parts.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        current = self.stack[-1]
        current.parts.append(data)
        if current.tag == "script":
            self.scripts.append((current.attrs, data))


@dataclass
class Page:
    html: str
    root: Element
    scripts: list[tuple[dict, str]]

    def find_all(self, tag=None, **attrs):
        return self.root.find_all(tag, **attrs)

    def find(self, tag=None, **attrs):
        return self.root.find(tag, **attrs)

    def texts(self, tag=None, **attrs):
        return self.root.texts(tag, **attrs)

    def testid(self, name: str) -> list[str]:
        return self.root.texts(data_testid=name)

    @property
    def json_ld(self) -> list:
        """Every JSON-LD block of the page, parsed."""
        return [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]


def parse(response) -> Page:
    html = response.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return Page(html=html, root=builder.root, scripts=builder.scripts)


def at(moment: datetime.datetime):
    """Run the services as if it were ``moment`` (publication dates are ``timezone.now()``)."""
    from unittest import mock

    return mock.patch("django.utils.timezone.now", return_value=moment)


def utc(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)
