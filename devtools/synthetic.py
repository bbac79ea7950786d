"""A synthetic record for benchmarks: the shape of a real one, deterministic for a seed.

The record is first described as plain specifications (``SyntheticRecord``): a world of actors
and topics, then claims in blocks of ``BLOCK_SIZE``. Each block depends only on the seed and
its number, so a seed gives the same record whatever the batch size, and a block can be
built alone. Sources belong to the block that cites them, which keeps memory bounded: a
block's snapshots are written from the quotes its citations need, so every stored offset is
true to the text by construction.

``write_record`` then inserts the blocks, a batch at a time, through the bulk paths: with
history (``core.history.bulk_create_tracked``, plus the many-to-many history rows) or without
it. Every row carries a mark (see ``record_contents``), so a database holding a real record is
recognised and left alone.
"""

import datetime
import importlib
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.db import connection, reset_queries, transaction
from django.utils.text import slugify

from claims.choices import (
    AccessMode,
    CitationRole,
    ClaimKind,
    Comparator,
    Confidence,
    RelationKind,
    Stance,
)
from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from claims.quotes import CONTEXT_LENGTH
from core.dates import DatePrecision, truncate
from core.history import bulk_create_tracked, bulk_link_tracked
from core.models import history_written_separately
from core.text import fold
from sources.choices import ActorKind, SourceKind
from sources.links import normalize_url
from sources.models import Actor, Alias, Snapshot, Source

BLOCK_SIZE = 100
DEFAULT_DENIAL_SHARE = 0.15

# The marks of synthetic rows. Actors and sources carry one in a note, snapshots in who
# captured them, claims in a topic.
MARK = "Synthetic record"
SNAPSHOT_CAPTURED_BY = "synthetic record generator"
MARK_TOPIC = "Synthetic record"
MARK_TOPIC_SLUG = "synthetic-record"

# ISO 3166-1 reserves these alpha-2 codes for private use: no real country has them, which
# suits fictional countries.
COUNTRY_CODES = [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [
    f"Q{c}" for c in "MNOPQRSTUVWXYZ"
]

SYLLABLES = (  # noqa: SIM905 (a word list reads better as text)
    "val dor kar than mer lis tor van bel sar ost ren cal mor zan tel ard vel nor esk lun "
    "pra gal dun hel ros tam ber sol kir ash mon ter quin fal ori bra cor del fen gor hal "
    "ist jor kel lor mar nev pol rav sel tir ul vor wen yar zel"
).split()
COUNTRY_ENDINGS = [
    ("ia", "ian"),
    ("a", "an"),
    ("istan", "istani"),
    ("ova", "ovan"),
    ("eria", "erian"),
    ("ania", "anian"),
    ("ir", "iri"),
]
CITY_ENDINGS = ["burg", "grad", "port", "ville", "abad", " City", "ford", "haven", "polis", "mar"]
GIVEN_NAMES = (  # noqa: SIM905 (a word list reads better as text)
    "Amina Boris Carla Dmitri Elena Farid Greta Hassan Ines Jonas Karim Lena Marco Nadia "
    "Omar Petra Rafael Sara Tomas Ulla Viktor Yasmin Zoran Aisha Bruno Chen Dalia Emil "
    "Fatima Goran Hana Ivan Jamal Katya Luis Maya Nikolai Olga Pavel Rania Samir Tanya Umar "
    "Vera Walid Ximena Youssef Zara Anton Bilal Cyrus Daria Erik Farah Gustav Helena Idris "
    "Julia Kemal Leila"
).split()
SURNAME_ENDINGS = ["er", "ov", "son", "ez", "i", "ek", "ani", "elli", "man", "escu", "idis", ""]

THEMATIC_TOPICS = [
    "Arms transfers",
    "Foreign fighters",
    "Civilian casualties",
    "Displacement",
    "Air strikes",
    "Sanctions",
    "Ceasefire",
    "Mercenaries",
    "Peace talks",
    "Arms embargo",
    "Drones",
    "Humanitarian access",
]

UNNAMED_SPEAKERS = [
    "Western officials",
    "diplomatic sources",
    "a senior official",
    "security sources",
    "local residents",
    "intelligence officials",
]

LEADS = [
    "According to the document,",
    "In a statement released on the day,",
    "Speaking to reporters,",
    "The text reads:",
    "Officials said:",
    "In its summary, it said:",
    "The report says:",
    "As the briefing put it,",
]
FILLERS = [
    "The claim could not be independently verified.",
    "Fighting in the area has continued for several months.",
    "The figures were not broken down by region.",
    "Aid agencies have repeatedly called for a ceasefire.",
    "The government has not commented on the latest figures.",
    "Observers say access to the region remains restricted.",
    "Previous estimates varied widely.",
    "The statement did not say how the figures were obtained.",
    "Diplomats are expected to discuss the matter next week.",
    "Local media reported heavy traffic at the border crossing.",
    "Several rounds of talks have ended without agreement.",
    "The conflict has drawn in a number of regional powers.",
    "Analysts said the numbers were consistent with earlier reports.",
    "Journalists were not allowed to visit the sites mentioned.",
    "The United Nations envoy has warned of further escalation.",
    "Officials declined to give further details.",
]
UPDATE_NOTE = "Update: this story has been updated with additional reporting and reactions."

# (weight, key) tables: claims are mostly quantities, as in conflict reporting.
CLAIM_TEMPLATES = [
    (14, "sent"),
    (12, "delivered"),
    (10, "killed"),
    (8, "strikes"),
    (6, "displaced"),
    (6, "recruited"),
    (7, "jets"),
    (6, "embargo"),
    (5, "shot_down"),
    (4, "shelled"),
    (4, "supplied"),
    (4, "sanctions"),
    (3, "withdraw"),
    (3, "talks"),
]
SENT_UNITS = ["fighters", "troops", "military advisers", "mercenaries"]
DELIVERED_UNITS = [
    "armed drones",
    "tanks",
    "armoured vehicles",
    "tonnes of ammunition",
    "air-defence systems",
]
COMPARATORS = [
    (20, Comparator.MORE_THAN),
    (20, Comparator.ABOUT),
    (15, Comparator.EXACTLY),
    (12, Comparator.AT_LEAST),
    (10, Comparator.BETWEEN),
    (8, Comparator.FEWER_THAN),
    (5, Comparator.AT_MOST),
]
STATEMENT_COUNTS = [(40, 1), (30, 2), (20, 3), (10, 4)]
CITATION_COUNTS = [(35, 1), (35, 2), (30, 3)]
FOLLOW_UP_STANCES = [
    (45, Stance.CONFIRMS),
    (35, Stance.ASSERTS),
    (10, Stance.DISPUTES),
    (10, Stance.DECLINES),
]
CONFIDENCES = [(70, Confidence.HIGH), (25, Confidence.MEDIUM), (5, Confidence.LOW)]
CONTRADICTION_SHARE = 0.03
# The kinds of source that can relay a statement in each role of a chain.
RELAY_KINDS = {
    CitationRole.REPORTS: {SourceKind.AGENCY_STORY, SourceKind.NEWS_ARTICLE, SourceKind.BROADCAST},
    CitationRole.REPUBLISHES: {SourceKind.NEWS_ARTICLE, SourceKind.BROADCAST},
    CitationRole.QUOTES: {SourceKind.NEWS_ARTICLE, SourceKind.BROADCAST},
}
START_YEAR, END_YEAR = 2015, 2025


class Weighted:
    """A weighted choice, with the cumulative weights computed once."""

    def __init__(self, pairs: Sequence[tuple[float, object]]):
        self.values = [value for _, value in pairs]
        self.cumulative = list(accumulate(weight for weight, _ in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


# Specifications: plain data, compared in tests to prove determinism.


@dataclass(slots=True)
class ActorSpec:
    kind: str
    name: str
    description: str
    country: str = ""
    parent: int | None = None
    leader: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class SnapshotSpec:
    text: str
    captured_at: datetime.datetime
    captured_from: str


@dataclass(slots=True)
class SourceSpec:
    kind: str
    title: str
    publisher: int
    url: str
    published_on: datetime.date
    published_precision: str
    is_public: bool
    access_note: str
    authors: tuple[int, ...] = ()
    snapshots: list[SnapshotSpec] = field(default_factory=list)
    # The distinct quotes the source carries, in the order they appear in its text.
    quotes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CitationSpec:
    source: int  # index into the block's sources
    role: str
    access: str
    quote: str
    derived_from: int | None = None  # index into the statement's citations
    snapshot: int | None = None  # index into the source's snapshots
    quote_start: int | None = None
    quote_end: int | None = None
    quote_prefix: str = ""
    quote_suffix: str = ""
    locator: str = ""
    retrieved_on: datetime.date | None = None

    @property
    def quote_verified(self) -> bool:
        return self.quote_start is not None


@dataclass(slots=True)
class StatementSpec:
    actor: int | None
    speaker_label: str
    stance: str
    stated_on: datetime.date
    confidence: str
    responds_to: int | None = None  # index into the claim's statements
    citations: list[CitationSpec] = field(default_factory=list)


@dataclass(slots=True)
class ClaimSpec:
    text: str
    kind: str
    place: str
    about: tuple[int, ...]
    topics: tuple[int, ...]
    period_start: datetime.date | None
    period_end: datetime.date | None
    period_precision: str
    quantity_value: Decimal | None = None
    quantity_upper: Decimal | None = None
    quantity_comparator: str = ""
    quantity_unit: str = ""
    contradicts: int | None = None  # index of an earlier claim of the block
    statements: list[StatementSpec] = field(default_factory=list)


@dataclass(slots=True)
class BlockSpec:
    number: int
    claims: list[ClaimSpec]
    sources: list[SourceSpec]


@dataclass(slots=True)
class Country:
    name: str
    adjective: str
    code: str
    cities: tuple[str, ...]
    weight: float
    government: int = 0
    defence: int = 0
    foreign: int = 0
    military: int = 0
    head: int = 0
    armed_group: int = 0
    spokespeople: list[int] = field(default_factory=list)
    officials: list[int] = field(default_factory=list)
    outlets: list[int] = field(default_factory=list)


@dataclass(slots=True)
class World:
    """The actors and topics every block draws on."""

    actors: list[ActorSpec]
    topics: list[str]
    countries: list[Country]
    agencies: list[int]
    intergovernmental: list[int]
    ngos: list[int]
    companies: list[int]
    journalists: dict[int, list[int]]  # publisher → its journalists
    conflict_topic: dict[str, int]  # country name → topic index
    thematic_topic: dict[str, int]
    mark_topic: int


class _Names:
    """Fresh fictional names.

    Place names never repeat, and no two actor names or aliases fold alike, so that every
    alias resolves to one actor.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.places: set[str] = set()
        self.taken: set[str] = set()

    def claim(self, name: str) -> bool:
        """Reserve an actor name or alias; False when another actor goes by it."""
        key = fold(name)
        if not key or key in self.taken:
            return False
        self.taken.add(key)
        return True

    def place(self, make: Callable[[], str]) -> str:
        while True:
            name = make()
            if name not in self.places:
                self.places.add(name)
                return name

    def stem(self) -> str:
        count = 3 if self.rng.random() < 0.25 else 2
        return "".join(self.rng.choice(SYLLABLES) for _ in range(count)).capitalize()

    def unique(self, make: Callable[[], str]) -> str:
        while True:
            name = make()
            if self.claim(name):
                return name

    def person(self) -> str:
        return self.unique(
            lambda: (
                f"{self.rng.choice(GIVEN_NAMES)} {self.stem()}{self.rng.choice(SURNAME_ENDINGS)}"
            )
        )


def _acronym(name: str) -> str:
    skip = {"of", "for", "the", "and", "on"}
    return "".join(word[0] for word in name.split() if word.lower() not in skip).upper()


class _WorldBuilder:
    def __init__(self, seed: int, claims: int):
        world_seed = f"claimtrack-synthetic:{seed}:world"
        self.rng = random.Random(world_seed)  # noqa: S311 (reproducible data, not a secret)
        self.names = _Names(self.rng)
        self.actors: list[ActorSpec] = []
        # Scale with the record, up to the 40 private-use country codes; a few thousand
        # actors at 100,000 claims and more.
        self.country_count = max(6, min(len(COUNTRY_CODES), claims // 2500))
        self.scale = self.country_count / len(COUNTRY_CODES)

    def add(self, kind: str, name: str, note: str, *, aliases=(), **fields) -> int:
        self.names.claim(name)  # reserved already when it was made up, else now
        kept = tuple(alias for alias in aliases if alias and self.names.claim(alias))
        self.actors.append(
            ActorSpec(kind=kind, name=name, description=f"{MARK}: {note}", aliases=kept, **fields)
        )
        return len(self.actors) - 1

    def build(self) -> World:
        countries = [self.country(rank, code) for rank, code in enumerate(self._codes())]
        journalists: dict[int, list[int]] = {}
        agencies = [self.agency() for _ in range(max(3, round(12 * self.scale)))]
        for publisher in agencies + [o for c in countries for o in c.outlets]:
            journalists[publisher] = [self.journalist(publisher) for _ in range(10)]
        intergovernmental = [self.intergovernmental() for _ in range(max(2, round(8 * self.scale)))]
        ngos = [self.ngo() for _ in range(max(3, round(24 * self.scale)))]
        companies = [self.company() for _ in range(max(2, round(10 * self.scale)))]
        topics = [*THEMATIC_TOPICS, *(f"{c.name} conflict" for c in countries), MARK_TOPIC]
        return World(
            actors=self.actors,
            topics=topics,
            countries=countries,
            agencies=agencies,
            intergovernmental=intergovernmental,
            ngos=ngos,
            companies=companies,
            journalists=journalists,
            conflict_topic={c.name: topics.index(f"{c.name} conflict") for c in countries},
            thematic_topic={name: topics.index(name) for name in THEMATIC_TOPICS},
            mark_topic=topics.index(MARK_TOPIC),
        )

    def _codes(self) -> list[str]:
        return COUNTRY_CODES[: self.country_count]

    def country(self, rank: int, code: str) -> Country:
        ending, adjective_ending = self.rng.choice(COUNTRY_ENDINGS)
        while True:
            stem = self.names.stem()
            name, adjective = stem + ending, stem + adjective_ending
            if not {stem, name, adjective} & self.names.places:
                break
        self.names.places.update((stem, name, adjective))
        cities = tuple(
            self.names.place(lambda: self.names.stem() + self.rng.choice(CITY_ENDINGS))
            for _ in range(3)
        )
        # A few countries make most of the news, as in a real record.
        country = Country(name, adjective, code, cities, weight=1 / (rank + 1) ** 0.9)
        head = self.names.person()
        country.head = self.add(ActorKind.PERSON, head, f"head of state of {name}.", country=code)
        country.government = self.add(
            ActorKind.GOVERNMENT,
            f"Government of {name}",
            f"the national government of {name}.",
            country=code,
            leader=country.head,
            aliases=(name, cities[0], f"{adjective} government"),
        )
        country.defence = self.add(
            ActorKind.GOVERNMENT_BODY,
            f"{adjective} Ministry of Defence",
            f"the defence ministry of {name}.",
            country=code,
            parent=country.government,
            aliases=(f"{adjective} Defence Ministry", f"{name} MoD"),
        )
        country.foreign = self.add(
            ActorKind.GOVERNMENT_BODY,
            f"{adjective} Ministry of Foreign Affairs",
            f"the foreign ministry of {name}.",
            country=code,
            parent=country.government,
            aliases=(f"{adjective} Foreign Ministry",),
        )
        country.military = self.add(
            ActorKind.MILITARY,
            f"{adjective} Armed Forces",
            f"the armed forces of {name}.",
            country=code,
            parent=country.defence,
            aliases=(f"{adjective} military", f"{adjective} army"),
        )
        for parent in (country.defence, country.foreign, country.government):
            country.spokespeople.append(
                self.add(
                    ActorKind.PERSON,
                    self.names.person(),
                    f"spokesperson of the {self.actors[parent].name}.",
                    country=code,
                    parent=parent,
                )
            )
        for _ in range(8):
            parent = self.rng.choice((country.defence, country.foreign, country.military))
            country.officials.append(
                self.add(
                    ActorKind.PERSON,
                    self.names.person(),
                    f"official of the {self.actors[parent].name}.",
                    country=code,
                    parent=parent,
                )
            )
        broadcaster = f"{adjective} Broadcasting Corporation"
        for outlet, aliases in (
            (f"The {cities[0]} Herald", ()),
            (broadcaster, (_acronym(broadcaster),)),
            (f"{name} Daily", ()),
        ):
            if self.names.claim(outlet):
                country.outlets.append(
                    self.add(
                        ActorKind.NEWS_OUTLET,
                        outlet,
                        f"a news outlet based in {name}.",
                        country=code,
                        aliases=aliases,
                    )
                )
        front = f"{adjective} Liberation Front"
        country.armed_group = self.add(
            ActorKind.ARMED_GROUP,
            front,
            f"an armed group active in {name}.",
            country=code,
            aliases=(_acronym(front),),
        )
        return country

    def journalist(self, publisher: int) -> int:
        return self.add(
            ActorKind.PERSON,
            self.names.person(),
            f"journalist at {self.actors[publisher].name}.",
            parent=publisher,
        )

    def agency(self) -> int:
        name = self.names.unique(
            lambda: (
                f"{self.names.stem()} "
                + self.rng.choice(("Press Agency", "News Service", "Wire", "Press"))
            )
        )
        return self.add(
            ActorKind.NEWS_AGENCY, name, "an international news agency.", aliases=(_acronym(name),)
        )

    def intergovernmental(self) -> int:
        name = self.names.unique(
            lambda: self.rng.choice(
                (
                    "{} Union",
                    "Council of {} States",
                    "{} Security Organisation",
                    "{} Cooperation Council",
                )
            ).format(self.names.stem())
        )
        return self.add(
            ActorKind.INTERGOVERNMENTAL,
            name,
            "an intergovernmental organisation.",
            aliases=(_acronym(name),),
        )

    def ngo(self) -> int:
        name = self.names.unique(
            lambda: self.rng.choice(
                ("{} Observatory for Human Rights", "{} Conflict Monitor", "{} Watch")
            ).format(self.names.stem())
        )
        return self.add(
            ActorKind.NGO, name, "a non-governmental monitoring group.", aliases=(_acronym(name),)
        )

    def company(self) -> int:
        name = self.names.unique(lambda: f"{self.names.stem()} Group")
        # The same company under another spelling, as with Wagner and Vagner.
        variant = name.translate(str.maketrans("VvKkCc", "WwCcKk"))
        return self.add(
            ActorKind.PRIVATE_MILITARY_COMPANY,
            name,
            "a private military company.",
            aliases=(variant,) if variant != name else (),
        )


# Wording


def _number(value: int) -> str:
    return f"{value:,}"


def _quantity_phrase(comparator: str, value: int, upper: int | None) -> str:
    if comparator == Comparator.BETWEEN:
        return f"between {_number(value)} and {_number(upper)}"
    if comparator == Comparator.EXACTLY:
        return _number(value)
    return f"{Comparator(comparator).label} {_number(value)}"


def _sentence_start(text: str) -> str:
    return text[0].upper() + text[1:]


def _in_sentence(text: str) -> str:
    """The claim as it reads inside a sentence ("More than 300 …" → "more than 300 …")."""
    first = text.split(" ", 1)[0]
    if first in {"More", "About", "At", "Fewer", "Between", "The"}:
        return text[0].lower() + text[1:]
    return text


@dataclass(slots=True)
class _Frame:
    """A quantity claim without its figure, so a competing figure can reuse it."""

    pattern: str  # with "{q}" where the figure goes
    unit: str
    magnitude: int
    claim: ClaimSpec


class _BlockBuilder:
    """Builds one block of claims with their statements, citations and sources."""

    def __init__(self, record: "SyntheticRecord", number: int, size: int):
        self.record = record
        self.world = record.world
        self.number = number
        self.size = size
        seed = f"claimtrack-synthetic:{record.seed}:block:{number}"
        self.rng = random.Random(seed)  # noqa: S311 (reproducible data, not a secret)
        self.sources: list[SourceSpec] = []
        self.by_publisher: dict[tuple[int, str], list[int]] = {}
        self.frames: list[_Frame] = []
        self.claim_sources: list[int] = []  # the stories of the claim being built

    # Helpers

    def country(self) -> Country:
        return self.record.pick_country(self.rng)

    def other_country(self, than: Country) -> Country:
        while True:
            country = self.country()
            if country is not than:
                return country

    def place(self, country: Country) -> str:
        if self.rng.random() < 0.6:
            return country.name
        return f"{self.rng.choice(country.cities)}, {country.name}"

    def period(self) -> tuple[str, datetime.date, datetime.date, str]:
        rng = self.rng
        year = rng.randint(START_YEAR, END_YEAR)
        roll = rng.random()
        if roll < 0.3:
            quarter = rng.randint(0, 3)
            start = datetime.date(year, 3 * quarter + 1, 1)
            end = datetime.date(year, 3 * quarter + 3, 1)
            words = ("first", "second", "third", "last")[quarter]
            return f"during the {words} three months of {year}", start, end, DatePrecision.MONTH
        if roll < 0.7:
            start = datetime.date(year, rng.randint(1, 12), 1)
            return f"in {start:%B %Y}", start, start, DatePrecision.MONTH
        if roll < 0.85:
            start = datetime.date(year, 1, 1)
            return f"in {year}", start, start, DatePrecision.YEAR
        first = rng.randint(1, 10)
        last = rng.randint(first + 1, 12)
        start, end = datetime.date(year, first, 1), datetime.date(year, last, 1)
        return (
            f"between {start:%B} and {end:%B %Y}",
            start,
            end,
            DatePrecision.MONTH,
        )

    def figure(self, magnitude: int) -> tuple[str, int, int | None]:
        """A round figure near ``magnitude``: a comparator, a value and an upper bound."""
        comparator = self.record.comparators.pick(self.rng)
        value = max(2, int(magnitude * self.rng.uniform(0.2, 3.0)))
        digits = len(str(value))
        step = 10 ** max(0, digits - 2)
        value = max(step, value // step * step)
        upper = None
        if comparator == Comparator.BETWEEN:
            upper = value + step * self.rng.randint(1, 9)
        return comparator, value, upper

    def topics(self, *names: str, conflict: Country) -> tuple[int, ...]:
        ids = [self.world.thematic_topic[name] for name in names]
        ids.append(self.world.conflict_topic[conflict.name])
        ids.append(self.world.mark_topic)
        return tuple(dict.fromkeys(ids))

    # Claims

    def build(self) -> BlockSpec:
        claims: list[ClaimSpec] = []
        for _ in range(self.size):
            competing = bool(self.frames) and self.rng.random() < CONTRADICTION_SHARE
            claim = self.competing_claim(claims) if competing else self.claim()
            self.statements(claim)
            claims.append(claim)
        self.write_snapshots(claims)
        return BlockSpec(number=self.number, claims=claims, sources=self.sources)

    def claim(self) -> ClaimSpec:
        key = self.record.templates.pick(self.rng)
        subject = self.country()
        where = self.other_country(subject)
        period_words, start, end, precision = self.period()
        place = self.place(where)
        world = self.world
        government = world.actors[subject.government]

        def quantity(pattern, unit, magnitude, about, topics):
            comparator, value, upper = self.figure(magnitude)
            claim = ClaimSpec(
                text=_sentence_start(pattern.format(q=_quantity_phrase(comparator, value, upper))),
                kind=ClaimKind.FACTUAL,
                place=place,
                about=about,
                topics=topics,
                period_start=start,
                period_end=end,
                period_precision=precision,
                quantity_value=Decimal(value),
                quantity_upper=Decimal(upper) if upper is not None else None,
                quantity_comparator=comparator,
                quantity_unit=unit,
            )
            self.frames.append(_Frame(pattern, unit, magnitude, claim))
            return claim

        def factual(text, about, topics, kind=ClaimKind.FACTUAL, dated=True):
            return ClaimSpec(
                text=text,
                kind=kind,
                place=place,
                about=about,
                topics=topics,
                period_start=start if dated else None,
                period_end=end if dated else None,
                period_precision=precision,
            )

        about_government = (subject.government,)
        if key == "sent":
            unit = self.rng.choice(SENT_UNITS)
            if unit == "fighters":
                unit = f"{self.other_country(where).adjective} fighters"
            return quantity(
                f"{subject.name} sent {{q}} {unit} to {place} {period_words}",
                unit,
                2000,
                about_government,
                self.topics("Foreign fighters", conflict=where),
            )
        if key == "delivered":
            unit = self.rng.choice(DELIVERED_UNITS)
            recipient = where.armed_group if self.rng.random() < 0.5 else where.government
            themes = ("Arms transfers", "Drones") if unit == "armed drones" else ("Arms transfers",)
            return quantity(
                f"{subject.name} delivered {{q}} {unit} to the {world.actors[recipient].name} "
                f"{period_words}",
                unit,
                60,
                (subject.government, recipient),
                self.topics(*themes, conflict=where),
            )
        if key == "killed":
            attacker = subject.armed_group if self.rng.random() < 0.4 else subject.military
            return quantity(
                f"{{q}} civilians were killed in {place} in attacks by the "
                f"{world.actors[attacker].name} {period_words}",
                "civilians",
                150,
                (attacker,),
                self.topics("Civilian casualties", conflict=where),
            )
        if key == "strikes":
            return quantity(
                f"The {subject.adjective} Armed Forces carried out {{q}} air strikes in {place} "
                f"{period_words}",
                "air strikes",
                80,
                (subject.military,),
                self.topics("Air strikes", conflict=where),
            )
        if key == "displaced":
            return quantity(
                f"{{q}} people were displaced from {place} by fighting {period_words}",
                "people",
                20000,
                (where.government,),
                self.topics("Displacement", "Humanitarian access", conflict=where),
            )
        if key == "recruited":
            company = self.rng.choice(world.companies)
            return quantity(
                f"The {world.actors[company].name} recruited {{q}} fighters in {subject.name} "
                f"for the war in {where.name} {period_words}",
                "fighters",
                900,
                (company,),
                self.topics("Mercenaries", "Foreign fighters", conflict=where),
            )
        if key == "jets":
            company = self.rng.choice(world.companies)
            return factual(
                f"{subject.name} deployed military jets to {place} to support the "
                f"{world.actors[company].name} {period_words}",
                (subject.government, company),
                self.topics("Mercenaries", conflict=where),
            )
        if key == "embargo":
            return factual(
                f"{subject.name} violated the arms embargo on {where.name} {period_words}",
                about_government,
                self.topics("Arms embargo", "Arms transfers", conflict=where),
            )
        if key == "shot_down":
            return factual(
                f"The {subject.adjective} Armed Forces shot down a drone operated by the "
                f"{world.actors[where.armed_group].name} over {place} {period_words}",
                (subject.military, where.armed_group),
                self.topics("Drones", "Air strikes", conflict=where),
            )
        if key == "shelled":
            return factual(
                f"The {world.actors[subject.armed_group].name} shelled a hospital in {place} "
                f"{period_words}",
                (subject.armed_group,),
                self.topics("Civilian casualties", conflict=where),
            )
        if key == "supplied":
            return factual(
                f"{subject.name} supplied weapons to the "
                f"{world.actors[where.armed_group].name} through {self.other_country(where).name} "
                f"{period_words}",
                (subject.government, where.armed_group),
                self.topics("Arms transfers", conflict=where),
            )
        if key == "sanctions":
            target = self.other_country(subject)
            return factual(
                f"The {government.name} is prepared to consider sanctions against "
                f"{target.name} if attacks on {place} continue",
                (subject.government, target.government),
                self.topics("Sanctions", conflict=where),
                kind=ClaimKind.POSITION,
                dated=False,
            )
        if key == "withdraw":
            return factual(
                f"{subject.name} will not withdraw its forces from {place}",
                about_government,
                self.topics("Ceasefire", conflict=where),
                kind=ClaimKind.POSITION,
                dated=False,
            )
        return factual(
            f"{subject.name} is ready to host peace talks on {where.name}",
            about_government,
            self.topics("Peace talks", "Ceasefire", conflict=where),
            kind=ClaimKind.POSITION,
            dated=False,
        )

    def competing_claim(self, claims: list[ClaimSpec]) -> ClaimSpec:
        """Another figure for an earlier claim of the block: the two contradict each other."""
        frame = self.rng.choice(self.frames)
        earlier = frame.claim
        comparator, value, upper = self.figure(frame.magnitude)
        while Decimal(value) == earlier.quantity_value and upper is None:
            comparator, value, upper = self.figure(frame.magnitude)
        return ClaimSpec(
            text=_sentence_start(
                frame.pattern.format(q=_quantity_phrase(comparator, value, upper))
            ),
            kind=ClaimKind.FACTUAL,
            place=earlier.place,
            about=earlier.about,
            topics=earlier.topics,
            period_start=earlier.period_start,
            period_end=earlier.period_end,
            period_precision=earlier.period_precision,
            quantity_value=Decimal(value),
            quantity_upper=Decimal(upper) if upper is not None else None,
            quantity_comparator=comparator,
            quantity_unit=frame.unit,
            contradicts=next(i for i, c in enumerate(claims) if c is earlier),
        )

    # Statements

    def subject_country(self, claim: ClaimSpec) -> Country:
        code = self.world.actors[claim.about[0]].country
        return self.record.country_by_code.get(code) or self.country()

    def official_speaker(self, country: Country) -> int:
        return self.rng.choice(
            (
                country.government,
                country.government,
                country.defence,
                country.defence,
                country.military,
                country.foreign,
                *country.spokespeople,
            )
        )

    def asserter(self, subject: Country) -> tuple[int | None, str]:
        roll = self.rng.random()
        if roll < 0.07:
            return None, self.rng.choice(UNNAMED_SPEAKERS)
        if roll < 0.15:
            return self.rng.choice(self.world.ngos), ""
        if roll < 0.2:
            return self.rng.choice(self.world.intergovernmental), ""
        return self.official_speaker(self.other_country(subject)), ""

    def denier(self, claim: ClaimSpec, subject: Country) -> int:
        target = self.world.actors[claim.about[0]]
        if target.kind in {ActorKind.ARMED_GROUP, ActorKind.PRIVATE_MILITARY_COMPANY}:
            return claim.about[0]
        return self.rng.choice(
            (
                subject.government,
                subject.government,
                subject.foreign,
                subject.defence,
                subject.spokespeople[1],
            )
        )

    def statements(self, claim: ClaimSpec) -> None:
        rng = self.rng
        self.claim_sources = []
        record = self.record
        subject = self.subject_country(claim)
        base = claim.period_end or datetime.date(rng.randint(START_YEAR, END_YEAR), 1, 1)
        stated = base + datetime.timedelta(days=rng.randint(20, 90))
        actor, label = self.asserter(subject)
        statements = [
            StatementSpec(actor, label, Stance.ASSERTS, stated, record.confidences.pick(rng))
        ]
        count = record.statement_counts.pick(rng)
        denied = rng.random() < record.denial_share
        if denied:
            count = max(count, 2)
        for _ in range(count - 1 - int(denied)):
            stance = record.follow_ups.pick(rng)
            if stance == Stance.DECLINES:
                speaker = self.official_speaker(subject)
            else:
                speaker, _ = self.asserter(subject)
                speaker = speaker if speaker is not None else self.rng.choice(self.world.ngos)
            statements.append(
                StatementSpec(
                    speaker,
                    "",
                    stance,
                    stated + datetime.timedelta(days=rng.randint(0, 10)),
                    record.confidences.pick(rng),
                    responds_to=0 if stance in {Stance.DISPUTES, Stance.DECLINES} else None,
                )
            )
        if denied:
            statements.append(
                StatementSpec(
                    self.denier(claim, subject),
                    "",
                    Stance.DENIES,
                    stated + datetime.timedelta(days=rng.randint(0, 7)),
                    Confidence.HIGH,
                    responds_to=0,
                )
            )
        for statement in statements:
            self.citations(claim, statement)
        claim.statements = statements

    # Citations and their sources

    def speaker_reference(self, statement: StatementSpec) -> str:
        if statement.actor is None:
            return _sentence_start(statement.speaker_label)
        actor = self.world.actors[statement.actor]
        if actor.kind == ActorKind.PERSON:
            return actor.name
        return actor.name if actor.name.startswith("Government") else f"The {actor.name}"

    def own_words(self, claim: ClaimSpec, statement: StatementSpec) -> str:
        text = _in_sentence(claim.text)
        stance = statement.stance
        if stance == Stance.DENIES:
            return f"The allegation that {text} is groundless."
        if stance == Stance.CONFIRMS:
            return f"We can confirm that {text}."
        if stance == Stance.DISPUTES:
            return f"There is no evidence that {text}."
        if stance == Stance.DECLINES:
            return "We do not comment on operational matters."
        return f"{_sentence_start(claim.text)}."

    def reported_words(self, claim: ClaimSpec, statement: StatementSpec) -> str:
        who = self.speaker_reference(statement)
        text = _in_sentence(claim.text)
        verb = {
            Stance.DENIES: "denied that",
            Stance.CONFIRMS: "confirmed that",
            Stance.DISPUTES: "disputed reports that",
            Stance.DECLINES: "declined to comment on reports that",
        }.get(statement.stance, "says")
        if statement.actor is None:
            return f"{who}, speaking on condition of anonymity, said {text}"
        return f"{who} {verb} {text}"

    def citations(self, claim: ClaimSpec, statement: StatementSpec) -> None:
        rng = self.rng
        count = self.record.citation_counts.pick(rng)
        named = statement.actor is not None
        if count == 1:
            roles = [CitationRole.ORIGIN if named and rng.random() < 0.5 else CitationRole.REPORTS]
        elif count == 2:
            roles = (
                [CitationRole.ORIGIN, CitationRole.REPORTS]
                if named and rng.random() < 0.6
                else [CitationRole.REPORTS, CitationRole.REPUBLISHES]
            )
        elif named:
            roles = [
                CitationRole.ORIGIN,
                CitationRole.REPORTS,
                CitationRole.QUOTES if rng.random() < 0.2 else CitationRole.REPUBLISHES,
            ]
        else:
            roles = [CitationRole.REPORTS, CitationRole.REPUBLISHES, CitationRole.REPUBLISHES]
        chain_sources: set[int] = set()
        date = statement.stated_on
        for position, role in enumerate(roles):
            previous = statement.citations[-1] if statement.citations else None
            if role == CitationRole.ORIGIN:
                source = self.origin_source(claim, statement, chain_sources)
                access = AccessMode.DIRECT
                quote = self.own_words(claim, statement)
            else:
                source = self.relay_source(claim, statement, role, chain_sources, date)
                if previous is None:
                    access = rng.choice((AccessMode.INTERVIEW, AccessMode.BRIEFED))
                elif role == CitationRole.REPORTS:
                    public = self.sources[previous.source].is_public
                    access = (
                        AccessMode.DIRECT
                        if public
                        else rng.choice(
                            (AccessMode.SEEN_BY, AccessMode.SEEN_BY, AccessMode.OBTAINED)
                        )
                    )
                else:
                    access = AccessMode.DIRECT
                if previous is not None and previous.role != CitationRole.ORIGIN:
                    quote = previous.quote  # a republication keeps the words it took
                else:
                    quote = self.reported_words(claim, statement)
            chain_sources.add(source)
            spec = self.sources[source]
            if not spec.snapshots and spec.is_public is False and rng.random() < 0.5:
                quote = ""  # a document nobody can read is often cited without its words
            if quote and quote not in spec.quotes:
                spec.quotes.append(quote)
            statement.citations.append(
                CitationSpec(
                    source=source,
                    role=role,
                    access=access,
                    quote=quote,
                    derived_from=position - 1 if position else None,
                )
            )
            date = max(date, spec.published_on)

    def new_source(self, **fields) -> int:
        self.sources.append(SourceSpec(**fields))
        index = len(self.sources) - 1
        self.by_publisher.setdefault((fields["publisher"], fields["kind"]), []).append(index)
        return index

    def reuse(self, publisher: int, kind: str, exclude: set[int], chance: float) -> int | None:
        candidates = [i for i in self.by_publisher.get((publisher, kind), ()) if i not in exclude]
        if candidates and self.rng.random() < chance:
            return self.rng.choice(candidates)
        return None

    def url(self, publisher: int, section: str, day: datetime.date, title: str) -> str:
        domain = slugify(self.world.actors[publisher].name)[:50] + ".example"
        slug = slugify(title)[:60].strip("-")
        index = len(self.sources)
        return normalize_url(
            f"https://{domain}/{section}/{day:%Y/%m/%d}/{slug}-{self.number}-{index}"
        )

    def origin_source(self, claim: ClaimSpec, statement: StatementSpec, exclude) -> int:
        rng = self.rng
        speaker = self.world.actors[statement.actor]
        publisher = statement.actor
        if speaker.kind == ActorKind.PERSON:
            kind = rng.choice((SourceKind.STATEMENT, SourceKind.SOCIAL_POST, SourceKind.TRANSCRIPT))
            if kind != SourceKind.SOCIAL_POST and speaker.parent is not None:
                publisher = speaker.parent
        elif speaker.kind in {ActorKind.NGO, ActorKind.INTERGOVERNMENTAL}:
            kind = rng.choice((SourceKind.REPORT, SourceKind.REPORT, SourceKind.PRESS_RELEASE))
        else:
            kind = rng.choice(
                (
                    SourceKind.REPORT,
                    SourceKind.REPORT,
                    SourceKind.PRESS_RELEASE,
                    SourceKind.STATEMENT,
                    SourceKind.SOCIAL_POST,
                )
            )
        reused = self.reuse(publisher, kind, exclude, 0.4)
        if reused is not None:
            return reused
        name = self.world.actors[publisher].name
        public = kind != SourceKind.REPORT or rng.random() < 0.5
        day = statement.stated_on
        precision = DatePrecision.DAY
        if not public and rng.random() < 0.3:
            precision = DatePrecision.MONTH
        title = {
            SourceKind.REPORT: f"{name} report on {claim.place}",
            SourceKind.PRESS_RELEASE: f"{name} press release on {claim.place}",
            SourceKind.STATEMENT: f"Statement by the {name} on {claim.place}",
            SourceKind.SOCIAL_POST: f"Post by {name} on {claim.place}",
            SourceKind.TRANSCRIPT: f"Transcript: {name} briefing on {claim.place}",
        }[kind]
        return self.new_source(
            kind=kind,
            title=title,
            publisher=publisher,
            url=self.url(publisher, kind.replace("_", "-"), day, title) if public else "",
            published_on=truncate(day, precision),
            published_precision=precision,
            is_public=public,
            access_note=(
                f"{MARK}; published."
                if public
                else f"{MARK}; not made public, known from the news organisations that saw it."
            ),
            snapshots=self.capture(public, day),
        )

    def relay_source(self, claim, statement, role, exclude, day: datetime.date) -> int:
        rng = self.rng
        world = self.world
        # A story on a claim usually carries its other sides too (the accusation and the
        # denial), so a claim's statements share the stories that report them.
        taken = {self.sources[i].publisher for i in exclude}
        kinds = RELAY_KINDS[role]
        shared = [
            i
            for i in self.claim_sources
            if i not in exclude
            and self.sources[i].kind in kinds
            and self.sources[i].publisher not in taken
        ]
        if shared and rng.random() < 0.6:
            return rng.choice(shared)
        if role == CitationRole.REPORTS and rng.random() < 0.65:
            publisher = rng.choice(world.agencies)
            kind = SourceKind.AGENCY_STORY
        else:
            country = self.country()
            publisher = rng.choice(country.outlets)
            kind = SourceKind.BROADCAST if rng.random() < 0.15 else SourceKind.NEWS_ARTICLE
        if publisher in taken:
            publisher = rng.choice([a for a in world.agencies if a not in taken] or [publisher])
            kind = SourceKind.AGENCY_STORY
        reused = self.reuse(publisher, kind, exclude, 0.5)
        if reused is not None:
            self.claim_sources.append(reused)
            return reused
        day = day + datetime.timedelta(days=rng.randint(0, 2))
        title = _sentence_start(self.reported_words(claim, statement))[:300]
        staff = world.journalists.get(publisher, [])
        authors = tuple(sorted(rng.sample(staff, k=min(len(staff), rng.randint(1, 2)))))
        index = self.new_source(
            kind=kind,
            title=title,
            publisher=publisher,
            url=self.url(publisher, "news", day, title),
            published_on=day,
            published_precision=DatePrecision.DAY,
            is_public=True,
            access_note=f"{MARK}; published.",
            authors=authors,
            snapshots=self.capture(True, day),
        )
        self.claim_sources.append(index)
        return index

    def capture(self, public: bool, day: datetime.date) -> list[SnapshotSpec]:
        """Snapshot slots; the texts are written once the block knows every quote."""
        rng = self.rng
        if not public or rng.random() < 0.05:
            return []
        moment = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        times = [moment + datetime.timedelta(hours=rng.randint(1, 48))]
        if rng.random() < 0.1:
            times.append(times[0] + datetime.timedelta(days=rng.randint(1, 5)))
        return [SnapshotSpec("", at, "") for at in times]

    def write_snapshots(self, claims: list[ClaimSpec]) -> None:
        """Write each source's text around its quotes, then locate every citation's quote."""
        located: dict[int, dict[str, tuple[int, int]]] = {}
        for index, source in enumerate(self.sources):
            if not source.snapshots:
                continue
            text, where = self.article(source)
            located[index] = where
            for number, snapshot in enumerate(source.snapshots):
                if number:
                    text = f"{text}\n\n{UPDATE_NOTE} {self.rng.choice(FILLERS)}"
                snapshot.text = text
                snapshot.captured_from = source.url
        for claim in claims:
            for statement in claim.statements:
                for citation in statement.citations:
                    source = self.sources[citation.source]
                    citation.retrieved_on = source.published_on + datetime.timedelta(days=1)
                    if not source.snapshots:
                        continue
                    citation.snapshot = len(source.snapshots) - 1
                    citation.retrieved_on = source.snapshots[-1].captured_at.date()
                    if not citation.quote:
                        continue
                    text = source.snapshots[-1].text
                    start, paragraph = located[citation.source][citation.quote]
                    end = start + len(citation.quote)
                    citation.quote_start, citation.quote_end = start, end
                    citation.quote_prefix = text[max(0, start - CONTEXT_LENGTH) : start]
                    citation.quote_suffix = text[end : end + CONTEXT_LENGTH]
                    citation.locator = f"paragraph {paragraph}"

    def article(self, source: SourceSpec) -> tuple[str, dict[str, tuple[int, int]]]:
        """A source's text: a headline, a dateline, one paragraph per quote and a closing one."""
        rng = self.rng
        parts = [source.title, "", f"{source.published_on:%d %B %Y}", ""]
        text = "\n".join(parts)
        where: dict[str, tuple[int, int]] = {}
        for paragraph, quote in enumerate(source.quotes, start=1):
            lead = rng.choice(LEADS)
            opening = f"{text}\n{lead} “"
            where[quote] = (len(opening), paragraph)
            text = f"{opening}{quote}” {rng.choice(FILLERS)}\n"
        text = f"{text}\n{rng.choice(FILLERS)} {rng.choice(FILLERS)}"
        return text, where


class SyntheticRecord:
    """The specification of a synthetic record of ``claims`` claims for ``seed``."""

    def __init__(self, *, claims: int, seed: int = 1, denial_share: float = DEFAULT_DENIAL_SHARE):
        if claims < 0:
            raise ValueError("The number of claims cannot be negative.")
        if not 0 <= denial_share <= 1:
            raise ValueError("The denial share is a fraction between 0 and 1.")
        self.claims = claims
        self.seed = seed
        self.denial_share = denial_share
        self.world = _WorldBuilder(seed, claims).build()
        self.country_by_code = {country.code: country for country in self.world.countries}
        self._countries = Weighted([(c.weight, c) for c in self.world.countries])
        self.templates = Weighted(CLAIM_TEMPLATES)
        self.comparators = Weighted(COMPARATORS)
        self.statement_counts = Weighted(STATEMENT_COUNTS)
        self.citation_counts = Weighted(CITATION_COUNTS)
        self.follow_ups = Weighted(FOLLOW_UP_STANCES)
        self.confidences = Weighted(CONFIDENCES)

    def pick_country(self, rng: random.Random) -> Country:
        return self._countries.pick(rng)

    @property
    def block_count(self) -> int:
        return -(-self.claims // BLOCK_SIZE)

    def block(self, number: int) -> BlockSpec:
        size = min(BLOCK_SIZE, self.claims - number * BLOCK_SIZE)
        if not 0 <= number < self.block_count:
            raise IndexError(f"Block {number} is outside the record.")
        return _BlockBuilder(self, number, size).build()

    def blocks(self) -> Iterator[BlockSpec]:
        for number in range(self.block_count):
            yield self.block(number)


# Writing


@dataclass(frozen=True)
class RecordContents:
    """What a database already holds, as far as the generator cares."""

    synthetic: bool
    real: tuple[str, ...]  # the kinds of rows that are not synthetic


def record_contents() -> RecordContents:
    """Whether the record holds synthetic rows, and which kinds of rows are not synthetic.

    Claims are marked by a topic, actors and sources by their notes; statements, citations,
    aliases and snapshots belong to those.
    """
    synthetic = Actor.objects.filter(description__startswith=MARK).exists()
    real = []
    if Actor.objects.exclude(description__startswith=MARK).exists():
        real.append("actors")
    if Source.objects.exclude(access_note__startswith=MARK).exists():
        real.append("sources")
    if Claim.objects.exclude(topics__slug=MARK_TOPIC_SLUG).exists():
        real.append("claims")
    return RecordContents(synthetic=synthetic, real=tuple(real))


@dataclass
class WriteSummary:
    """How many rows of each kind were written, and how long it took."""

    history: bool
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, kind: str, count: int) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + count

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class _Inserter:
    """Bulk inserts with or without history, counted in a summary.

    With history, rows go through ``core.history.bulk_create_tracked`` (one history row
    each) and many-to-many links get their history rows too, attached to the history row
    of their owner's creation, as simple-history records them. Without, rows are inserted
    as they are, inside ``history_written_separately()``.
    """

    def __init__(self, summary: WriteSummary, *, reason: str, batch_size: int):
        self.summary = summary
        self.history = summary.history
        self.reason = reason
        self.batch_size = batch_size

    def create(self, model, objs: list) -> list:
        if not objs:
            return objs
        if self.history:
            bulk_create_tracked(objs, model, reason=self.reason, batch_size=self.batch_size)
            self.summary.add(f"{model._meta.model_name} history", len(objs))
        else:
            for obj in objs:
                if hasattr(obj, "prepare_for_save"):
                    obj.prepare_for_save()
            with history_written_separately():
                model.objects.bulk_create(objs, batch_size=self.batch_size)
        self.summary.add(model._meta.model_name, len(objs))
        return objs

    def link(self, m2m_field, rows: list) -> None:
        """Insert through-model rows of ``m2m_field`` (and their history rows)."""
        if not rows:
            return
        through = m2m_field.remote_field.through
        if self.history:
            bulk_link_tracked(m2m_field, rows, batch_size=self.batch_size)
            self.summary.add(f"{through._meta.model_name} history", len(rows))
        else:
            through.objects.bulk_create(rows, batch_size=self.batch_size)
        self.summary.add(through._meta.model_name, len(rows))


def _by_depth(parents: Sequence[int | None]) -> list[list[int]]:
    """Indices grouped so that each one comes after the one it points to (a forest)."""
    depth: dict[int, int] = {}

    def depth_of(index: int) -> int:
        if index not in depth:
            parent = parents[index]
            depth[index] = 0 if parent is None else depth_of(parent) + 1
        return depth[index]

    levels: dict[int, list[int]] = {}
    for index in range(len(parents)):
        levels.setdefault(depth_of(index), []).append(index)
    return [levels[level] for level in sorted(levels)]


def _write_world(world: World, inserter: _Inserter) -> tuple[list[int], list[int]]:
    """Insert the actors (parents and leaders first), their aliases and the topics."""
    specs = world.actors
    # Leaders are people without parents, so "the row it points to" is the parent, else
    # the leader; both come before.
    pointers = [spec.parent if spec.parent is not None else spec.leader for spec in specs]
    actors: list[Actor | None] = [None] * len(specs)
    for level in _by_depth(pointers):
        batch = []
        for index in level:
            spec = specs[index]
            actor = Actor(
                kind=spec.kind,
                name=spec.name,
                description=spec.description,
                country=spec.country,
                parent_id=actors[spec.parent].pk if spec.parent is not None else None,
                leader_id=actors[spec.leader].pk if spec.leader is not None else None,
            )
            actors[index] = actor
            batch.append(actor)
        inserter.create(Actor, batch)
    inserter.create(
        Alias,
        [
            Alias(actor_id=actors[index].pk, name=name)
            for index, spec in enumerate(specs)
            for name in spec.aliases
        ],
    )
    existing = {topic.name: topic for topic in Topic.objects.filter(name__in=world.topics)}
    missing = [
        Topic(name=name, slug=slugify(name)) for name in world.topics if name not in existing
    ]
    inserter.create(Topic, missing)
    existing.update((topic.name, topic) for topic in missing)
    return [actor.pk for actor in actors], [existing[name].pk for name in world.topics]


def _write_blocks(
    blocks: list[BlockSpec], inserter: _Inserter, actor_ids: list[int], topic_ids: list[int]
) -> None:
    """Insert some blocks: sources, snapshots, claims, statements, citations, relations."""
    sources, snapshots, author_rows = [], [], []
    claims, about_rows, topic_rows = [], [], []
    source_objs_of: list[list[Source]] = []
    snapshot_objs_of: list[list[list[Snapshot]]] = []
    for block in blocks:
        objs, shots = [], []
        for spec in block.sources:
            source = Source(
                kind=spec.kind,
                title=spec.title,
                publisher_id=actor_ids[spec.publisher],
                url=spec.url,
                published_on=spec.published_on,
                published_precision=spec.published_precision,
                is_public=spec.is_public,
                access_note=spec.access_note,
            )
            objs.append(source)
            shots.append(
                [
                    Snapshot(
                        text=s.text,
                        captured_at=s.captured_at,
                        captured_by=SNAPSHOT_CAPTURED_BY,
                        captured_from=s.captured_from,
                    )
                    for s in spec.snapshots
                ]
            )
        sources.extend(objs)
        source_objs_of.append(objs)
        snapshot_objs_of.append(shots)
    inserter.create(Source, sources)
    through = Source.authors.through
    for block, objs, shots in zip(blocks, source_objs_of, snapshot_objs_of, strict=True):
        for spec, source, source_shots in zip(block.sources, objs, shots, strict=True):
            author_rows.extend(
                through(source_id=source.pk, actor_id=actor_ids[a]) for a in spec.authors
            )
            for snapshot in source_shots:
                snapshot.source_id = source.pk
                snapshots.append(snapshot)
    inserter.link(Source._meta.get_field("authors"), author_rows)
    inserter.create(Snapshot, snapshots)

    claim_objs_of: list[list[Claim]] = []
    for block in blocks:
        objs = [
            Claim(
                text=spec.text,
                kind=spec.kind,
                place=spec.place,
                period_start=spec.period_start,
                period_end=spec.period_end,
                period_precision=spec.period_precision,
                quantity_value=spec.quantity_value,
                quantity_upper=spec.quantity_upper,
                quantity_comparator=spec.quantity_comparator,
                quantity_unit=spec.quantity_unit,
            )
            for spec in block.claims
        ]
        claims.extend(objs)
        claim_objs_of.append(objs)
    inserter.create(Claim, claims)
    about_through, topics_through = Claim.about.through, Claim.topics.through
    relations = []
    for block, objs in zip(blocks, claim_objs_of, strict=True):
        for spec, claim in zip(block.claims, objs, strict=True):
            about_rows.extend(
                about_through(claim_id=claim.pk, actor_id=actor_ids[a]) for a in spec.about
            )
            topic_rows.extend(
                topics_through(claim_id=claim.pk, topic_id=topic_ids[t]) for t in spec.topics
            )
            if spec.contradicts is not None:
                relations.append(
                    ClaimRelation(
                        from_claim_id=claim.pk,
                        to_claim_id=objs[spec.contradicts].pk,
                        kind=RelationKind.CONTRADICTS,
                        note="Competing figures for the same events.",
                    )
                )
    inserter.link(Claim._meta.get_field("about"), about_rows)
    inserter.link(Claim._meta.get_field("topics"), topic_rows)
    inserter.create(ClaimRelation, relations)

    # Statements: the ones that respond to another come after it.
    statement_specs: list[tuple[StatementSpec, Statement, list[Statement]]] = []
    first, responding = [], []
    for block, objs in zip(blocks, claim_objs_of, strict=True):
        for spec, claim in zip(block.claims, objs, strict=True):
            own: list[Statement] = []
            for s in spec.statements:
                statement = Statement(
                    claim_id=claim.pk,
                    actor_id=actor_ids[s.actor] if s.actor is not None else None,
                    speaker_label=s.speaker_label,
                    stance=s.stance,
                    stated_on=s.stated_on,
                    confidence=s.confidence,
                )
                own.append(statement)
                statement_specs.append((s, statement, own))
                (responding if s.responds_to is not None else first).append(statement)
    inserter.create(Statement, first)
    for s, statement, own in statement_specs:
        if s.responds_to is not None:
            statement.responds_to_id = own[s.responds_to].pk
    inserter.create(Statement, responding)

    # Citations: each link of a chain after the one it derives from.
    levels: list[list[tuple[Citation, Citation | None]]] = []
    statements = iter(statement_specs)
    for block, objs, shots in zip(blocks, source_objs_of, snapshot_objs_of, strict=True):
        for spec in block.claims:
            for s in spec.statements:
                _, statement, _ = next(statements)
                chain: list[tuple[Citation, int]] = []
                for c in s.citations:
                    snapshot = shots[c.source][c.snapshot] if c.snapshot is not None else None
                    citation = Citation(
                        statement_id=statement.pk,
                        source_id=objs[c.source].pk,
                        role=c.role,
                        access=c.access,
                        quote=c.quote,
                        quote_prefix=c.quote_prefix,
                        quote_suffix=c.quote_suffix,
                        snapshot_id=snapshot.pk if snapshot is not None else None,
                        quote_start=c.quote_start,
                        quote_end=c.quote_end,
                        quote_verified=c.quote_verified,
                        locator=c.locator,
                        retrieved_on=c.retrieved_on,
                    )
                    parent, depth = None, 0
                    if c.derived_from is not None:
                        parent, parent_depth = chain[c.derived_from]
                        depth = parent_depth + 1
                    chain.append((citation, depth))
                    while len(levels) <= depth:
                        levels.append([])
                    levels[depth].append((citation, parent))
    for level in levels:
        for citation, parent in level:
            if parent is not None:
                citation.derived_from_id = parent.pk
        inserter.create(Citation, [citation for citation, _ in level])


ProgressCallback = Callable[[int, int], None]


def write_record(
    record: SyntheticRecord,
    *,
    history: bool = True,
    batch_size: int = 2000,
    progress: ProgressCallback | None = None,
) -> WriteSummary:
    """Insert ``record`` in batches of about ``batch_size`` claims, each in one transaction.

    Memory stays bounded by the batch: the specification of a block is built just before it
    is written and dropped after.
    """
    started = time.monotonic()
    summary = WriteSummary(history=history)
    inserter = _Inserter(summary, reason=f"synthetic record, seed {record.seed}", batch_size=1000)
    with transaction.atomic():
        actor_ids, topic_ids = _write_world(record.world, inserter)
    blocks_per_batch = max(1, batch_size // BLOCK_SIZE)
    done = 0
    if progress:
        progress(0, record.claims)
    with quote_documents_deferred():
        for first in range(0, record.block_count, blocks_per_batch):
            numbers = range(first, min(first + blocks_per_batch, record.block_count))
            blocks = [record.block(number) for number in numbers]
            with transaction.atomic():
                _write_blocks(blocks, inserter, actor_ids, topic_ids)
            # With DEBUG on, Django keeps the SQL of every query; bulk inserts are large.
            reset_queries()
            done += sum(len(block.claims) for block in blocks)
            if progress:
                progress(done, record.claims)
    analyze()
    summary.seconds = time.monotonic() - started
    return summary


# The triggers that keep claims' quote documents in step with citations and statements
# (PostgreSQL only; migration claims 0011).
QUOTE_DOCUMENT_TRIGGERS = {
    "claims_citation": (
        "claims_citation_quote_documents_insert",
        "claims_citation_quote_documents_update",
        "claims_citation_quote_documents_delete",
    ),
    "claims_statement": ("claims_statement_quote_documents_update",),
}


@contextmanager
def quote_documents_deferred() -> Iterator[None]:
    """Fill claims' quote documents once after a bulk load instead of batch by batch.

    The triggers refresh every claim a batch of citations touches, which made the load about
    five times slower; the migration's own fill statement does all claims in one pass. The
    triggers are switched back on even when the load fails (the documents are then filled
    for what was written).
    """
    if connection.vendor != "postgresql":
        yield
        return
    migration = importlib.import_module("claims.migrations.0011_claim_quote_document")
    _switch_quote_document_triggers("DISABLE")
    try:
        yield
    finally:
        with transaction.atomic():
            _switch_quote_document_triggers("ENABLE")
            with connection.cursor() as cursor:
                cursor.execute(migration.FILL)


def _switch_quote_document_triggers(action: str) -> None:
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Deferred foreign key checks of the enclosing transaction are pending trigger
            # events, which ALTER TABLE refuses: check them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, triggers in QUOTE_DOCUMENT_TRIGGERS.items():
            for trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")
        if connection.in_atomic_block:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


RECORD_MODELS = (Actor, Alias, Source, Snapshot, Topic, Claim, Statement, Citation, ClaimRelation)


def analyze() -> None:
    """Refresh PostgreSQL's statistics of the record's tables after a bulk load.

    Until autovacuum gets to them, the planner would plan for the empty tables of before the
    load (and scan where an index serves).
    """
    if connection.vendor != "postgresql":
        return
    tables = {model._meta.db_table for model in RECORD_MODELS}
    for model in (Source, Claim):
        for m2m in model._meta.many_to_many:
            tables.add(m2m.remote_field.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
