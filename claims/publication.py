"""Publication: the public fact-checks (what readers may see of them) and their ClaimReview.

Readers see a claim once a version of its review has been published, and then only the
versions that went public (published, and the ones corrected or retracted since); every
other state of the workflow stays inside the desk. ``load_fact_check`` reads one claim's
public fact-check in a fixed number of queries, ``fact_check_page`` a page of the list, and
``claimreview_document`` builds the schema.org ClaimReview the public page embeds and the API
returns (the same function, so the two cannot differ).

The ClaimReview mapping (see also the README's "Publication" section):

- ``url``: the absolute URL of the public page; ``claimReviewed``: the claim's text;
- ``datePublished``: when the verdict first went public (the version a chain of corrections
  starts from); ``dateModified``: when the current correction was published, if it is one;
- ``author``: the publishing organisation (``CLAIMTRACK_PUBLISHER_NAME`` and ``_URL``);
- ``reviewRating``: the label as ``alternateName``, the explanation as ``ratingExplanation``
  and, for a label on the scale, ``ratingValue`` with the scale's ``bestRating`` and
  ``worstRating``. A label off the scale ("Unproven", no value) has no number: following
  Google's guidance (``alternateName`` is what search shows; the numbers are optional), the
  three numeric keys are left out rather than given a made-up value;
- ``itemReviewed``: a ``Claim`` whose ``author`` is the primary asserting actor (the rule is
  ``primary_assertion``), ``appearance`` the sources that carry an assertion of the claim and
  can be read at a public URL, ``firstAppearance`` the earliest dated one, and
  ``datePublished`` its date (else the date of the primary assertion).

Keys whose value is unknown are left out, never given as null. A retracted fact-check has no
ClaimReview at all: the desk no longer stands by its rating.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core import dates
from core.dates import DatePrecision
from core.validators import validate_storable_text
from sources.choices import ActorKind
from sources.models import Actor

from .chains import describe_chain, describe_link, leaf_chains
from .choices import CitationRole, ReviewState, Stance
from .models import Citation, Claim, RatingLabel, Review, ReviewEvent, Statement, Topic
from .search import MAX_QUERY_LENGTH

# Stances shown as "who claimed it" (and whose sources are the claim's appearances), as
# "who denied it", and the remaining ones as other responses.
ASSERTING_STANCES = (Stance.ASSERTS, Stance.CONFIRMS)
DENYING_STANCES = (Stance.DENIES,)
PAGE_SIZE = 20
MAX_PAGE = 10_000
SCHEMA_ORG = "https://schema.org"
# What ``json_script`` escapes: no text of the record can close the element or open another.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/{}"


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
        """When the verdict first went public (the rule of ``querysets.first_publication``)."""
        originals = [review for review in self.versions if review.previous_id is None]
        return (originals or self.versions)[0].published_at

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
    (with rating, scale, evidence and retraction events), then the claim with its
    statements, citations, sources, actors, subjects and topics.
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
    claim = Claim.objects.for_detail().get(pk=claim_id)
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
        topic_id=OuterRef("pk"), claim__reviews__state=ReviewState.PUBLISHED
    )
    return Topic.objects.filter(Exists(tagged)).order_by("name")


class FactCheckFilterForm(forms.Form):
    """The list's search and filters; a value that cannot be used is a form error (400)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_storable_text],
        help_text="Words of the claim or of a quote.",
    )
    rating = forms.ChoiceField(label="Rating", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    actor = forms.CharField(
        label="Said by",
        required=False,
        max_length=255,
        validators=[validate_storable_text],
        help_text="Who asserted or denied the claim, by any of their names.",
    )
    published_after = forms.DateField(
        label="Published from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = forms.DateField(
        label="Published until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [
            ("", "Any rating"),
            *((name, name) for name in rating_names()),
        ]
        self.fields["topic"].choices = [
            ("", "Any topic"),
            *((topic.slug, topic.name) for topic in published_topics()),
        ]

    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:
            self.add_error("published_before", "The end of the range is before its start.")
        return data

    def apply(self, claims):
        """``claims`` (published fact-checks) narrowed by the valid filters."""
        data = self.cleaned_data
        if data.get("q"):
            claims = claims.search(data["q"])
        if data.get("rating"):
            rated = Review.objects.filter(
                claim=OuterRef("pk"), state=ReviewState.PUBLISHED, rating__label=data["rating"]
            )
            claims = claims.filter(Exists(rated))
        if data.get("topic"):
            tagged = Claim.topics.through.objects.filter(topic__slug=data["topic"])
            claims = claims.filter(pk__in=tagged.values("claim_id"))
        if data.get("actor"):
            actors = Actor.objects.ids_referenced_by(names=[data["actor"]])
            claims = claims.with_statements_among(Statement.objects.filter(actor_id__in=actors))
        if data.get("published_after"):
            claims = claims.filter(first_published_at__gte=_day_start(data["published_after"]))
        if data.get("published_before"):
            next_day = data["published_before"] + datetime.timedelta(days=1)
            claims = claims.filter(first_published_at__lt=_day_start(next_day))
        return claims

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1


def _day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def fact_check_page(form: FactCheckFilterForm, *, size: int = PAGE_SIZE) -> FactCheckPage:
    """The page of published fact-checks a valid filter form asks for, newest first.

    Three queries whatever the page size (rows, their verdicts, their assertions); no
    ``COUNT``: one row beyond the page says whether there is a next one.
    """
    number = form.page_number
    claims = form.apply(Claim.objects.published_fact_checks())
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


# schema.org ClaimReview


def _compact(thing: dict) -> dict:
    """``thing`` without the keys whose value is unknown (None, empty text or list)."""
    return {key: value for key, value in thing.items() if value not in (None, "", [], {})}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _instant(value: datetime.datetime | None) -> str | None:
    """An ISO 8601 date and time in UTC, to the second."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _partial_date(value: datetime.date | None, precision: str) -> str | None:
    """An ISO 8601 date only as precise as it is known: "2020", "2020-07", "2020-07-17"."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def actor_thing(actor) -> dict:
    """An actor as a schema.org Person or Organization, with its Wikidata entity if known."""
    return _compact(
        {
            "@type": "Person" if actor.kind == ActorKind.PERSON else "Organization",
            "name": actor.name,
            "sameAs": WIKIDATA_ENTITY.format(actor.wikidata_id) if actor.wikidata_id else None,
        }
    )


def creative_work(source) -> dict:
    return _compact(
        {
            "@type": "CreativeWork",
            "url": public_url(source),
            "headline": source.title,
            "datePublished": _partial_date(source.published_on, source.published_precision),
            "publisher": actor_thing(source.publisher) if source.publisher_id else None,
        }
    )


def review_rating(review: Review) -> dict:
    label = review.rating
    rating = {"@type": "Rating", "alternateName": label.label}
    if label.value is not None:
        # Off the scale ("Unproven"): no number rather than an invented one.
        scale = review.scale
        rating["ratingValue"] = _number(label.value)
        rating["bestRating"] = _number(scale.best_value)
        rating["worstRating"] = _number(scale.worst_value)
    rating["ratingExplanation"] = review.explanation
    return _compact(rating)


def item_reviewed(fact_check: FactCheck) -> dict:
    primary = fact_check.primary_assertion
    first = fact_check.first_appearance
    if first is not None:
        date = _partial_date(first.published_on, first.published_precision)
    elif primary is not None:
        date = _partial_date(primary.stated_on, primary.stated_precision)
    else:
        date = None
    return _compact(
        {
            "@type": "Claim",
            "author": actor_thing(primary.actor) if primary is not None else None,
            "datePublished": date,
            "appearance": [creative_work(source) for source in fact_check.appearances],
            "firstAppearance": creative_work(first) if first is not None else None,
        }
    )


def claimreview_document(fact_check: FactCheck, *, url: str, publisher: dict) -> dict:
    """The schema.org ClaimReview of a published fact-check.

    ``url`` is the absolute URL of its public page; ``publisher`` the organisation that
    publishes it (``name``, and ``url`` if known). A fact-check whose latest version was
    retracted has none: ``ValueError``.
    """
    review = fact_check.published
    if review is None:
        raise ValueError("Only a published verdict has a ClaimReview.")
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": fact_check.claim.text,
            "datePublished": _instant(fact_check.first_published_at),
            "dateModified": _instant(fact_check.updated_at),
            "author": _compact(
                {
                    "@type": "Organization",
                    "name": publisher.get("name"),
                    "url": publisher.get("url"),
                }
            ),
            "reviewRating": review_rating(review),
            "itemReviewed": item_reviewed(fact_check),
        }
    )


def publisher_for(request) -> dict:
    """The publishing organisation from the settings; its URL defaults to this site's home."""
    return {
        "name": settings.CLAIMTRACK_PUBLISHER_NAME,
        "url": settings.CLAIMTRACK_PUBLISHER_URL
        or request.build_absolute_uri(reverse("public:list")),
    }


def page_url(fact_check: FactCheck, request) -> str:
    return request.build_absolute_uri(reverse("public:detail", args=[fact_check.claim.pk]))


def claimreview_for_request(fact_check: FactCheck, request) -> dict:
    """The ClaimReview with absolute URLs as ``request`` reaches the site (page and API)."""
    return claimreview_document(
        fact_check, url=page_url(fact_check, request), publisher=publisher_for(request)
    )


def json_ld_script(document: dict) -> SafeString:
    """``document`` as a JSON-LD data block, safe inside HTML.

    ``<``, ``>`` and ``&`` become ``\\u003C``, ``\\u003E`` and ``\\u0026`` (Django's escapes
    for ``json_script``), so no text of the record can close the element or open another.
    """
    data = json.dumps(document).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data),  # noqa: S308 (escaped just above)
    )
