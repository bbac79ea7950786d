"""What readers may see: the published fact-checks, one at a time and as a list.

Readers see a claim once a version of its review has been published, and then only the
versions that went public (published, and the ones corrected or retracted since); every
other state of the workflow stays inside the desk. What "published" means is the reviews
app's (``ReviewQuerySet.published``, ``public`` and ``first_published_at``); this module
only reads it. ``load_fact_check`` reads one claim's public fact-check in a fixed number of
queries, ``fact_check_page`` a page of the list.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef, Prefetch

from claims.chains import describe_chain, describe_link, leaf_chains
from claims.choices import CitationRole, Stance
from claims.models import Citation, Claim, Statement, Topic
from core import dates
from reviews.choices import ReviewState
from reviews.models import RatingLabel, Review, ReviewEvent

# Stances shown as "who claimed it" (and whose sources are the claim's appearances), as
# "who denied it", and the remaining ones as other responses.
ASSERTING_STANCES = (Stance.ASSERTS, Stance.CONFIRMS)
DENYING_STANCES = (Stance.DENIES,)
PAGE_SIZE = 20
MAX_PAGE = 10_000


# Published claims


def published_claims():
    """Claims whose verdict is published now (one of their reviews is)."""
    return Claim.objects.filter(Exists(Review.objects.published().of_claim(OuterRef("pk"))))


def with_first_publication(claims):
    """``claims`` annotated with ``first_published_at``: when each one's current verdict first
    went public."""
    return claims.annotate(first_published_at=Review.objects.first_published_at(OuterRef("pk")))


# Sources as readers may see them


def public_url(source) -> str:
    """The source's address if readers may follow it: a public source with a URL."""
    return source.url if source.is_public and source.url else ""


def public_archive_url(source) -> str:
    return source.archive_url if source.is_public and source.archive_url else ""


def public_quote(citation) -> str:
    """The citation's quote if its source is public; a non-public document is not quoted."""
    return citation.quote if citation.source.is_public else ""


# The claim's statements, as the page shows them


@dataclass(frozen=True)
class ChainLink:
    """One link of a chain: how the statement reached this source, and the source."""

    text: str
    citation: Citation

    @property
    def source(self):
        return self.citation.source

    @property
    def url(self) -> str:
        return public_url(self.citation.source)


@dataclass(frozen=True)
class Chain:
    """A chain from the origin to where the record read the statement, in words and links."""

    summary: str
    links: list[ChainLink]
    origin_known: bool


def chain_view(chain: list[Citation]) -> Chain:
    links = [ChainLink(describe_link(c, first=i == 0), c) for i, c in enumerate(chain)]
    return Chain(
        summary=describe_chain(chain),
        links=links,
        origin_known=bool(chain) and chain[0].role == CitationRole.ORIGIN,
    )


@dataclass(frozen=True)
class StatementEntry:
    """A statement on the claim with its quotes (public sources only) and its chains."""

    statement: Statement
    quotes: list[Citation]
    chains: list[Chain]

    @property
    def speaker(self) -> str:
        return self.statement.speaker

    @property
    def date(self) -> str:
        return dates.display(self.statement.stated_on, self.statement.stated_precision)


def statement_entry(statement: Statement) -> StatementEntry:
    citations = list(statement.citations.all())
    return StatementEntry(
        statement=statement,
        quotes=[citation for citation in citations if public_quote(citation)],
        chains=[chain_view(chain) for chain in leaf_chains(citations)],
    )


def primary_assertion(statements) -> Statement | None:
    """The statement whose actor is the claim's author in ClaimReview; None if there is none.

    The rule: among the statements that assert the claim and name an actor, the earliest
    one (by its date, undated statements after dated ones), and of those made the same day,
    the one recorded first. A claim asserted only by unnamed speakers has no author.
    """
    candidates = [s for s in statements if s.stance == Stance.ASSERTS and s.actor_id is not None]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda s: (s.stated_on is None, s.stated_on or datetime.date.min, s.pk),
    )


# One public fact-check


@dataclass
class FactCheck:
    """A claim's public fact-check: the claim, its public versions and its statements."""

    claim: Claim
    versions: list[Review]  # the public versions, newest first
    statements: list[StatementEntry] = field(default_factory=list)

    @property
    def current(self) -> Review:
        return self.versions[0]

    @property
    def published(self) -> Review | None:
        """The verdict readers get now; None when the latest version was retracted."""
        current = self.current
        return current if current.state == ReviewState.PUBLISHED else None

    @property
    def retracted(self) -> Review | None:
        current = self.current
        return current if current.state == ReviewState.RETRACTED else None

    @property
    def first_published_at(self) -> datetime.datetime:
        """When the verdict first went public (``ReviewQuerySet.first_published_at``, read
        with the claim)."""
        return self.claim.first_published_at

    @property
    def updated_at(self) -> datetime.datetime | None:
        """When the current verdict, a correction, was published; None for an original."""
        published = self.published
        if published is None or published.previous_id is None:
            return None
        return published.published_at

    @property
    def history(self) -> list[Review]:
        """Every public version but the verdict readers get now, newest first."""
        return [review for review in self.versions if review is not self.published]

    @property
    def evidence(self) -> list[Citation]:
        published = self.published
        return list(published.evidence.all()) if published else []

    def _by_stance(self, stances) -> list[StatementEntry]:
        return [entry for entry in self.statements if entry.statement.stance in stances]

    @property
    def asserted(self) -> list[StatementEntry]:
        return self._by_stance(ASSERTING_STANCES)

    @property
    def denied(self) -> list[StatementEntry]:
        return self._by_stance(DENYING_STANCES)

    @property
    def other_responses(self) -> list[StatementEntry]:
        shown = {*ASSERTING_STANCES, *DENYING_STANCES}
        return [entry for entry in self.statements if entry.statement.stance not in shown]

    @cached_property
    def primary_assertion(self) -> Statement | None:
        return primary_assertion(entry.statement for entry in self.statements)

    @cached_property
    def appearances(self) -> list:
        """The sources carrying an assertion of the claim at a public URL, earliest first.

        Each source once; undated ones come last, in the order they were recorded.
        """
        sources, seen = [], set()
        for entry in self.asserted:
            for citation in entry.statement.citations.all():
                source = citation.source
                if public_url(source) and source.pk not in seen:
                    seen.add(source.pk)
                    sources.append(source)
        return sorted(
            sources, key=lambda s: (s.published_on is None, s.published_on or datetime.date.min)
        )

    @property
    def first_appearance(self):
        """The earliest appearance with a known date; None when none is dated."""
        appearances = self.appearances
        return appearances[0] if appearances and appearances[0].published_on else None


def load_fact_check(claim_id: int) -> FactCheck | None:
    """The public fact-check of a claim, or None if no version of its review went public.

    Eight queries whatever the number of statements, citations and versions: the versions
    (with rating, scale, evidence and retraction events), then the claim (with when its
    verdict first went public) with its statements, citations, sources, actors, subjects
    and topics.
    """
    evidence = Citation.objects.select_related("source__publisher", "statement__actor").defer(
        "snapshot__text"
    )
    versions = list(
        Review.objects.public()
        .filter(claim_id=claim_id)
        .select_related("rating", "scale")
        .prefetch_related(
            Prefetch("evidence", queryset=evidence),
            Prefetch(
                "events",
                queryset=ReviewEvent.objects.filter(action="retract"),
                to_attr="retractions",
            ),
        )
        .order_by("-version")
    )
    if not versions:
        return None
    claim = with_first_publication(Claim.objects.for_detail()).get(pk=claim_id)
    corrected_by = {review.previous_id: review for review in versions if review.previous_id}
    for review in versions:
        correction = corrected_by.get(review.pk)
        review.corrected_at = correction.published_at if correction else None
        review.retracted_at = review.retractions[0].at if review.retractions else None
    return FactCheck(
        claim=claim,
        versions=versions,
        statements=[statement_entry(statement) for statement in claim.statements.all()],
    )


# The list


@dataclass(frozen=True)
class ListedFactCheck:
    """A row of the public list: the claim, its published verdict and who claimed it."""

    claim: Claim
    review: Review
    published_at: datetime.datetime
    claimant: Statement | None

    @property
    def updated(self) -> bool:
        return self.review.previous_id is not None


@dataclass(frozen=True)
class FactCheckPage:
    rows: list[ListedFactCheck]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def rating_names() -> list[str]:
    """The rating labels readers can filter on: each name once, default scale first."""
    labels = RatingLabel.objects.order_by("-scale__is_default", "scale__name", "order")
    return list(dict.fromkeys(labels.values_list("label", flat=True)))


def published_topics():
    """Topics with at least one published fact-check."""
    tagged = Claim.topics.through.objects.filter(
        topic_id=OuterRef("pk"), claim__in=published_claims().values("pk")
    )
    return Topic.objects.filter(Exists(tagged)).order_by("name")


def fact_check_list():
    """Claims with a published verdict now, newest first, shaped for the public list.

    Each claim carries ``first_published_at`` (when its verdict first went public),
    ``published_reviews`` (a list holding its published review, with the rating and scale)
    and ``asserting_statements`` (its "asserts" statements with their actors). Three queries
    whatever the number of claims.
    """
    asserting = Statement.objects.filter(stance=Stance.ASSERTS).select_related("actor")
    return (
        with_first_publication(published_claims())
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.published().select_related("rating__scale"),
                to_attr="published_reviews",
            ),
            Prefetch("statements", queryset=asserting, to_attr="asserting_statements"),
        )
        .order_by("-first_published_at", "-pk")
    )


def fact_check_page(form, *, size: int = PAGE_SIZE) -> FactCheckPage:
    """The page of published fact-checks a valid ``FactCheckFilterForm`` asks for, newest
    first.

    Three queries whatever the page size (rows, their verdicts, their assertions); no
    ``COUNT``: one row beyond the page says whether there is a next one.
    """
    number = form.page_number
    claims = form.apply(fact_check_list())
    start = (number - 1) * size
    found = list(claims[start : start + size + 1])
    rows = [
        ListedFactCheck(
            claim=claim,
            review=claim.published_reviews[0],
            published_at=claim.first_published_at,
            claimant=primary_assertion(claim.asserting_statements),
        )
        for claim in found[:size]
    ]
    return FactCheckPage(rows=rows, number=number, has_next=len(found) > size)
