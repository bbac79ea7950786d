"""What readers may see: the published fact-checks, one at a time and as a list.

Readers see a claim once a version of its review has been published, and then only the
versions that went public (published, and the ones corrected or retracted since); every
other state of the workflow stays inside the desk. What "published" means is the reviews
app's (``ReviewQuerySet.published`` and ``public``, ``Review.first_published_at``); this
module only reads it.

Every page shows what a version pinned when it was approved (``reviews.pinning``, read by
``publication.pinned``): the claim, its statements, quotes and chains, the rating and the
explanation as they stood then, never the live record, which the desk may go on editing.
``load_fact_check`` reads one claim's public fact-check in two queries, ``fact_check_page``
a page of the list in one.

The list is read from the published versions (a few per cent of the claims at most), newest
first (a walk of their partial index on ``first_published_at``), and reaches the claims
only by their ids (their topics, statements and searches as subqueries on ``claim_id``): a
join of the reviews with the claims table is planned by PostgreSQL as a walk of every claim,
or a scan of them all.

The fact-checks of the claim by other organisations (``FactCheck.by_others``) are the one
thing a page reads live, in one more query: they are not the desk's, never pinned, and shown
apart from its verdict.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Prefetch

from claims.choices import Stance
from claims.models import Claim, Topic
from reviews.choices import ReviewState
from reviews.models import ExternalFactCheck, RatingLabel, Review, ReviewEvent

from . import pinned

# Stances shown as "who claimed it" (and whose sources are the claim's appearances), as
# "who denied it", and the remaining ones as other responses.
ASSERTING_STANCES = (Stance.ASSERTS, Stance.CONFIRMS)
DENYING_STANCES = (Stance.DENIES,)
PAGE_SIZE = 20
MAX_PAGE = 10_000


# Published claims


def published_claims():
    """Claims whose verdict is published now (one of their reviews is)."""
    return Claim.objects.filter(pk__in=Review.objects.published().values("claim_id"))


# Sources as readers may see them


def public_url(source) -> str:
    """The source's address if readers may follow it: a public source with a URL."""
    return source.url if source.is_public and source.url else ""


def public_archive_url(source) -> str:
    return source.archive_url if source.is_public and source.archive_url else ""


def public_quote(citation) -> str:
    """The citation's quote if its source is public; a non-public document is not quoted."""
    return citation.quote if citation.source.is_public else ""


# Fact-checks of the claim by other organisations


@dataclass(frozen=True)
class OtherFactCheck:
    """A fact-check of the claim published by another organisation, as readers see it: its
    link only when it is a web address (``http``/``https``)."""

    publisher: str
    headline: str
    url: str
    textual_rating: str
    label: RatingLabel | None  # the desk's label its rating reads as, if one is mapped
    published_on: datetime.date | None
    language: str

    @classmethod
    def of(cls, fact_check: ExternalFactCheck) -> "OtherFactCheck":
        url = fact_check.url if fact_check.url.lower().startswith(("http://", "https://")) else ""
        return cls(
            publisher=fact_check.publisher.name,
            headline=fact_check.headline,
            url=url,
            textual_rating=fact_check.textual_rating,
            label=fact_check.rating_label,
            published_on=fact_check.published_on,
            language=fact_check.language,
        )


def fact_checks_by_others(claim_id: int) -> list[OtherFactCheck]:
    """The claim's fact-checks published elsewhere, newest first (undated last): one query."""
    rows = (
        ExternalFactCheck.objects.filter(claim_id=claim_id)
        .select_related("publisher", "rating_label")
        .order_by(F("published_on").desc(nulls_last=True), "-id")
    )
    return [OtherFactCheck.of(row) for row in rows]


# The claim's statements, as the page shows them


@dataclass(frozen=True)
class StatementEntry:
    """A statement on the claim with its quotes (public sources only) and its chains."""

    statement: pinned.Statement

    @property
    def speaker(self) -> str:
        return self.statement.speaker

    @property
    def date(self) -> str:
        return self.statement.date_display

    @property
    def quotes(self) -> list[pinned.Citation]:
        return [citation for citation in self.statement.citations if public_quote(citation)]

    @property
    def chains(self) -> list[pinned.Chain]:
        return self.statement.chains


def primary_assertion(statements) -> pinned.Statement | None:
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


# One public version


class PublicVersion:
    """A version readers may see: its verdict as pinned, its state and dates as they are now
    (a published version may since have been corrected or retracted)."""

    def __init__(self, review: Review):
        self.review = review
        self.pinned = pinned.read(review.pinned)

    # What the version says: pinned at approval.

    @property
    def rating(self) -> pinned.Rating | None:
        return self.pinned.verdict.rating

    @property
    def explanation(self) -> str:
        return self.pinned.verdict.explanation

    @property
    def write_up(self) -> str:
        return self.pinned.verdict.write_up

    @property
    def origin_unavailable_reason(self) -> str:
        return self.pinned.verdict.origin_unavailable_reason

    @property
    def correction_note(self) -> str:
        return self.pinned.verdict.correction_note

    @property
    def evidence(self) -> list[pinned.Citation]:
        return self.pinned.verdict.evidence

    # Where it stands: the live review.

    @property
    def pk(self) -> int:
        return self.review.pk

    @property
    def version(self) -> int:
        return self.review.version

    @property
    def state(self) -> str:
        return self.review.state

    def get_state_display(self) -> str:
        return self.review.get_state_display()

    @property
    def previous_id(self) -> int | None:
        return self.review.previous_id

    @property
    def published_at(self) -> datetime.datetime:
        return self.review.published_at

    @property
    def retraction_reason(self) -> str:
        return self.review.retraction_reason

    # Set by load_fact_check from the other versions and the retraction events.
    corrected_at: datetime.datetime | None = None
    retracted_at: datetime.datetime | None = None


# One public fact-check


@dataclass
class FactCheck:
    """A claim's public fact-check: its public versions, newest first, one of them shown.

    ``shown`` is the version the page reads (by default the latest); its pinned record gives
    the claim and its statements.
    """

    versions: list[PublicVersion]
    first_published_at: datetime.datetime
    shown: PublicVersion

    @property
    def current(self) -> PublicVersion:
        return self.versions[0]

    @property
    def is_current(self) -> bool:
        return self.shown is self.current

    @property
    def claim(self) -> pinned.Claim:
        return self.shown.pinned.claim

    @property
    def statements(self) -> list[StatementEntry]:
        return [StatementEntry(statement) for statement in self.shown.pinned.statements]

    @property
    def published(self) -> PublicVersion | None:
        """The verdict the page shows; None when the version shown was retracted."""
        shown = self.shown
        return shown if shown.state != ReviewState.RETRACTED else None

    @property
    def retracted(self) -> PublicVersion | None:
        shown = self.shown
        return shown if shown.state == ReviewState.RETRACTED else None

    @property
    def updated_at(self) -> datetime.datetime | None:
        """When the version shown, a correction, was published; None for an original."""
        published = self.published
        if published is None or published.previous_id is None:
            return None
        return published.published_at

    @property
    def history(self) -> list[PublicVersion]:
        """Every public version but the verdict shown, newest first (a retracted version
        shown has no verdict: it is in the history too)."""
        return [version for version in self.versions if version is not self.published]

    @property
    def evidence(self) -> list[pinned.Citation]:
        published = self.published
        return published.evidence if published else []

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
    def primary_assertion(self) -> pinned.Statement | None:
        return primary_assertion(self.shown.pinned.statements)

    @cached_property
    def appearances(self) -> list[pinned.Source]:
        """The sources carrying an assertion of the claim at a public URL, earliest first.

        Each source once; undated ones come last, in the order they were recorded.
        """
        sources, seen = [], set()
        for entry in self.asserted:
            for citation in entry.statement.citations:
                source = citation.source
                if public_url(source) and source.pk not in seen:
                    seen.add(source.pk)
                    sources.append(source)
        return sorted(
            sources, key=lambda s: (s.published_on is None, s.published_on or datetime.date.min)
        )

    @cached_property
    def by_others(self) -> list[OtherFactCheck]:
        """The claim's fact-checks published by other organisations (read live, when the
        page asks: not part of any version)."""
        return fact_checks_by_others(self.claim.pk)

    @property
    def first_appearance(self) -> pinned.Source | None:
        """The earliest appearance with a known date; None when none is dated."""
        appearances = self.appearances
        return appearances[0] if appearances and appearances[0].published_on else None


def load_fact_check(claim_id: int, *, version: int | None = None) -> FactCheck | None:
    """The public fact-check of a claim, or None if no version of its review went public.

    ``version`` picks the public version shown (None when the claim has no such public
    version); by default the latest. Two queries whatever the size of the record: the
    versions (with their pinned documents and when the verdict first went public), and
    their retraction events.
    """
    reviews = list(
        Review.objects.public()
        .filter(claim_id=claim_id)
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ReviewEvent.objects.filter(action="retract"),
                to_attr="retractions",
            )
        )
        .order_by("-version")
    )
    if not reviews:
        return None
    versions = [PublicVersion(review) for review in reviews]
    corrected_by = {version.previous_id: version for version in versions if version.previous_id}
    for entry in versions:
        correction = corrected_by.get(entry.pk)
        entry.corrected_at = correction.published_at if correction else None
        retractions = entry.review.retractions
        entry.retracted_at = retractions[0].at if retractions else None
    shown = versions[0]
    if version is not None:
        shown = next((entry for entry in versions if entry.version == version), None)
        if shown is None:
            return None
    return FactCheck(
        versions=versions, first_published_at=reviews[0].first_published_at, shown=shown
    )


# The list


@dataclass(frozen=True)
class ListedFactCheck:
    """A row of the public list: the claim, its published verdict and who claimed it."""

    review: PublicVersion
    published_at: datetime.datetime

    @property
    def claim(self) -> pinned.Claim:
        return self.review.pinned.claim

    @property
    def claimant(self) -> pinned.Statement | None:
        return primary_assertion(self.review.pinned.statements)

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
    """Topics with at least one published fact-check, by name: the tags of the published
    versions' claims, read by claim (a cost that follows the published fact-checks, not the
    claims)."""
    tagged = Claim.topics.through.objects.filter(
        claim_id__in=Review.objects.published().values("claim_id")
    )
    return Topic.objects.filter(pk__in=tagged.values("topic_id").distinct()).order_by("name")


PUBLISHED_TOPICS_KEY = "publication:published-topics"


def published_topic_choices(*, fresh: bool = False) -> list[tuple[str, str]]:
    """(slug, name) of ``published_topics()``, kept in the cache for
    ``PUBLIC_TOPICS_CACHE_SECONDS`` (the public list offers them on every page); ``fresh``
    reads them again (and keeps them)."""
    seconds = settings.PUBLIC_TOPICS_CACHE_SECONDS
    if seconds and not fresh:
        choices = cache.get(PUBLISHED_TOPICS_KEY)
        if choices is not None:
            return choices
    choices = list(published_topics().values_list("slug", "name"))
    if seconds:
        cache.set(PUBLISHED_TOPICS_KEY, choices, seconds)
    return choices


def fact_check_list():
    """The published versions, one per claim, newest first by ``first_published_at`` (when
    each claim's current verdict first went public), each with its pinned document: the
    public list and the DataFeed. One query, a walk of their partial index."""
    return Review.objects.published().order_by("-first_published_at", "-claim_id")


def fact_check_page(form, *, size: int = PAGE_SIZE) -> FactCheckPage:
    """The page of published fact-checks a valid ``FactCheckFilterForm`` asks for, newest
    first.

    One query whatever the page size; no ``COUNT``: one row beyond the page says whether
    there is a next one.
    """
    number = form.page_number
    versions = form.apply(fact_check_list())
    start = (number - 1) * size
    found = list(versions[start : start + size + 1])
    rows = [
        ListedFactCheck(review=PublicVersion(review), published_at=review.first_published_at)
        for review in found[:size]
    ]
    return FactCheckPage(rows=rows, number=number, has_next=len(found) > size)
