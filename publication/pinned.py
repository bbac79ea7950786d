"""A pinned document (``reviews.pinning``) read back as the objects the public pages show.

The public pages and ClaimReview render what a version pinned at approval, never the live
rows. These classes carry the pinned values under the names the templates and
``publication.claimreview`` use (``source.title``, ``statement.get_stance_display()``…), with
dates and numbers as Python values again.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@dataclass(frozen=True)
class Actor:
    pk: int
    name: str
    kind: str
    wikidata_id: str

    @classmethod
    def read(cls, document: dict | None) -> "Actor | None":
        if document is None:
            return None
        return cls(document["id"], document["name"], document["kind"], document["wikidata_id"])

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Source:
    pk: int
    kind: str
    kind_display: str
    title: str
    publisher: Actor | None
    url: str
    archive_url: str
    is_public: bool
    access_note: str
    published_on: datetime.date | None
    published_precision: str
    published_display: str

    @classmethod
    def read(cls, document: dict) -> "Source":
        return cls(
            pk=document["id"],
            kind=document["kind"],
            kind_display=document["kind_display"],
            title=document["title"],
            publisher=Actor.read(document["publisher"]),
            url=document["url"],
            archive_url=document["archive_url"],
            is_public=document["is_public"],
            access_note=document["access_note"],
            published_on=_date(document["published_on"]),
            published_precision=document["published_precision"],
            published_display=document["published_display"],
        )

    @property
    def publisher_id(self) -> int | None:
        return self.publisher.pk if self.publisher else None

    def get_kind_display(self) -> str:
        return self.kind_display

    def __str__(self):
        return self.title


@dataclass(frozen=True)
class StatementReference:
    """The statement another one answers."""

    pk: int
    speaker: str
    stance: str
    stance_display: str


@dataclass
class Citation:
    pk: int
    role: str
    access: str
    derived_from_id: int | None
    quote: str
    quote_verified: bool
    locator: str
    source: Source
    statement: "Statement | None" = None


@dataclass(frozen=True)
class ChainLink:
    """One link of a chain: how the statement reached this source, and the source."""

    text: str
    citation: Citation

    @property
    def source(self) -> Source:
        return self.citation.source


@dataclass(frozen=True)
class Chain:
    """A chain from the origin to where the record read the statement, in words and links."""

    summary: str
    links: list[ChainLink]
    origin_known: bool


@dataclass
class Statement:
    pk: int
    stance: str
    stance_display: str
    speaker: str
    actor: Actor | None
    stated_on: datetime.date | None
    stated_precision: str
    date_display: str
    confidence: str
    responds_to: StatementReference | None
    citations: list[Citation] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)

    @property
    def actor_id(self) -> int | None:
        return self.actor.pk if self.actor else None

    def get_stance_display(self) -> str:
        return self.stance_display


@dataclass(frozen=True)
class Topic:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Claim:
    pk: int
    text: str
    language: str
    kind: str
    quantity_display: str
    period_display: str
    place: str
    about: list[Actor]
    topics: list[Topic]


@dataclass(frozen=True)
class Scale:
    pk: int
    name: str
    slug: str
    best_value: Decimal
    worst_value: Decimal


@dataclass(frozen=True)
class Rating:
    pk: int
    label: str
    value: Decimal | None
    description: str
    colour: str
    scale: Scale

    @classmethod
    def read(cls, document: dict | None) -> "Rating | None":
        if document is None:
            return None
        scale = document["scale"]
        return cls(
            pk=document["id"],
            label=document["label"],
            value=_decimal(document["value"]),
            description=document["description"],
            colour=document["colour"],
            scale=Scale(
                scale["id"],
                scale["name"],
                scale["slug"],
                _decimal(scale["best"]),
                _decimal(scale["worst"]),
            ),
        )


@dataclass(frozen=True)
class Verdict:
    version: int
    rating: Rating | None
    explanation: str
    write_up: str
    origin_unavailable_reason: str
    correction_note: str
    evidence: list[Citation]


@dataclass(frozen=True)
class Pinned:
    """A version's pinned document: the claim, its statements, and the verdict."""

    claim: Claim
    statements: list[Statement]
    verdict: Verdict


def read(document: dict) -> Pinned:
    """The pinned ``document`` as objects; citations and their statements point at each other."""
    record = document["record"]
    claim = record["claim"]
    statements, citations = [], {}
    for entry in record["statements"]:
        statement = Statement(
            pk=entry["id"],
            stance=entry["stance"],
            stance_display=entry["stance_display"],
            speaker=entry["speaker"],
            actor=Actor.read(entry["actor"]),
            stated_on=_date(entry["stated_on"]),
            stated_precision=entry["stated_precision"],
            date_display=entry["date_display"],
            confidence=entry["confidence"],
            responds_to=None
            if entry["responds_to"] is None
            else StatementReference(
                entry["responds_to"]["id"],
                entry["responds_to"]["speaker"],
                entry["responds_to"]["stance"],
                entry["responds_to"]["stance_display"],
            ),
        )
        for item in entry["citations"]:
            citation = Citation(
                pk=item["id"],
                role=item["role"],
                access=item["access"],
                derived_from_id=item["derived_from"],
                quote=item["quote"],
                quote_verified=item["quote_verified"],
                locator=item["locator"],
                source=Source.read(item["source"]),
                statement=statement,
            )
            statement.citations.append(citation)
            citations[citation.pk] = citation
        statement.chains = [
            Chain(
                summary=chain["summary"],
                origin_known=chain["origin_known"],
                links=[
                    ChainLink(link["text"], citations[link["citation"]]) for link in chain["links"]
                ],
            )
            for chain in entry["chains"]
        ]
        statements.append(statement)
    verdict = document["verdict"]
    return Pinned(
        claim=Claim(
            pk=claim["id"],
            text=claim["text"],
            language=claim["language"],
            kind=claim["kind"],
            quantity_display=claim["quantity_display"],
            period_display=claim["period_display"],
            place=claim["place"],
            about=[Actor.read(actor) for actor in claim["about"]],
            topics=[Topic(topic["id"], topic["name"], topic["slug"]) for topic in claim["topics"]],
        ),
        statements=statements,
        verdict=Verdict(
            version=verdict["version"],
            rating=Rating.read(verdict["rating"]),
            explanation=verdict["explanation"],
            write_up=verdict["write_up"],
            origin_unavailable_reason=verdict["origin_unavailable_reason"],
            correction_note=verdict["correction_note"],
            evidence=[citations[pk] for pk in verdict["evidence"] if pk in citations],
        ),
    )
