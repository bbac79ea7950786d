"""Recording a labelled reference article (its text and its ``.expected.json``) in the database.

The labelled file says who is who (actors, aliases, parents, leaders), which sources relay what
(the chain), and which claims, statements and denials the article carries. The loader records
all of it through the services, in one transaction, with the change reason
"reference article: <file name>". A second load finds every record by its natural key and
writes nothing: records already present are used as they are, and only what is missing is added.
"""

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction

from claims.choices import AccessMode, CitationRole, ClaimKind, Comparator, Stance
from claims.models import Citation, Claim, Statement, Topic
from claims.services import citation_save, claim_save, statement_save, topic_get_or_create
from core.dates import DatePrecision
from core.history import acting_as
from core.text import fold
from devtools.conf import reference_dir
from sources.choices import ActorKind, SourceKind
from sources.models import Actor, Snapshot, Source
from sources.services import (
    ActorNameAmbiguous,
    ActorNotFound,
    actor_resolve,
    actor_save,
    alias_add,
    snapshot_capture,
    source_save,
)

DEFAULT_ARTICLE = "rferl-2020-07-libya-syrian-fighters.txt"
CAPTURED_BY = "reference article loader"
UNNAMED = "unnamed"

# "U.S. Department of Defense (the Pentagon)": a name with another of its names in brackets.
_PARENTHETICAL = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^()]+)\)\s*$")
# "2020-07 (exact day not in the text; …)": the date comes first, as precise as it is known.
_PARTIAL_DATE = re.compile(r"^\s*(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?\b")


class ReferenceArticleError(Exception):
    """The labelled file cannot be recorded as it stands; nothing was written."""


@dataclass(frozen=True)
class Editorial:
    """What the labelled file leaves to the editor: titles, wording, subjects and topics."""

    # Titles of the chain's sources that the article does not name, by chain id.
    source_titles: dict[str, str]
    # Canonical wording of each entry of ``statements_not_claims``, in order.
    position_texts: tuple[str, ...]
    # The actors each claim is about and its topics, by claim key ("C1"); "positions" for
    # the stated positions.
    about: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)


EDITORIAL = {
    "rferl-2020-07-libya-syrian-fighters.txt": Editorial(
        source_titles={
            "dod-report": "Defense Department report on the Turkish deployments in Libya",
            "ap-story": "Associated Press story on the Pentagon report on Syrian fighters in Libya",
        },
        position_texts=(
            "Germany, France and Italy are prepared to consider sanctions if infringements "
            "of the land, sea and air arms embargo on Libya continue.",
        ),
        about={
            "C1": ("Government of Turkey",),
            "C2": ("Government of Turkey",),
            "C4": ("Government of Russia",),
            "C5": ("Government of Russia", "Wagner Group"),
            "C6": ("Government of Russia", "Government of Turkey"),
        },
        topics={
            "C1": ("Libya conflict", "Foreign fighters"),
            "C2": ("Libya conflict", "Foreign fighters"),
            "C3": ("Libya conflict", "Foreign fighters"),
            "C4": ("Libya conflict",),
            "C5": ("Libya conflict", "Foreign fighters"),
            "C6": ("Libya conflict",),
            "positions": ("Libya conflict", "Arms embargo"),
        },
    ),
}

SUMMARY_KINDS = (
    "actors",
    "aliases",
    "sources",
    "snapshots",
    "topics",
    "claims",
    "statements",
    "citations",
)


@dataclass
class LoadSummary:
    """How many records of each kind the load created, and how many were already there."""

    article: str
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)

    def count(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.present)[kind] += 1

    def lines(self) -> list[str]:
        return [
            f"{kind}: {self.created[kind]} created, {self.present[kind]} already present"
            for kind in SUMMARY_KINDS
        ]


def default_article_path() -> Path:
    return reference_dir() / DEFAULT_ARTICLE


def expected_path(article_path: Path) -> Path:
    """The labelled description beside an article: ``x.txt`` → ``x.expected.json``."""
    return article_path.with_name(f"{article_path.stem}.expected.json")


def change_reason(article_path: Path) -> str:
    return f"reference article: {article_path.name}"


def reference_article_load(*, article_path: Path | None = None, user=None) -> LoadSummary:
    """Record the article at ``article_path`` and its ``.expected.json`` exactly as labelled.

    One transaction: an error anywhere (an unknown actor kind, a quote not in the text)
    raises and leaves the database as it was.
    """
    article_path = Path(article_path or default_article_path())
    labels_path = expected_path(article_path)
    for path in (article_path, labels_path):
        if not path.is_file():
            raise ReferenceArticleError(f"{path} does not exist.")
    editorial = EDITORIAL.get(article_path.name)
    if editorial is None:
        raise ReferenceArticleError(
            f"No editorial choices for {article_path.name}: "
            "add them to devtools.reference.EDITORIAL."
        )
    loader = _Loader(
        text=article_path.read_text(encoding="utf-8"),
        labels=json.loads(labels_path.read_text(encoding="utf-8")),
        editorial=editorial,
        user=user,
        reason=change_reason(article_path),
        summary=LoadSummary(article=article_path.name),
    )
    with transaction.atomic(), acting_as(user, loader.reason):
        loader.load()
    return loader.summary


def choice_for(choices: type[models.TextChoices], word: str, what: str) -> str:
    """The choice whose label (or value) reads as ``word``: "news agency" → NEWS_AGENCY."""
    folded = fold(word)
    for value, label in choices.choices:
        if folded in (fold(str(label)), fold(value.replace("_", " "))):
            return value
    known = ", ".join(f"“{label}”" for label in choices.labels)
    raise ReferenceArticleError(f"Unknown {what} “{word}”; known: {known}.")


def split_parenthetical(name: str) -> tuple[str, str]:
    """ "Western officials (unnamed)" → ("Western officials", "unnamed")."""
    match = _PARENTHETICAL.match(name)
    if match is None:
        return name.strip(), ""
    return match["name"].strip(), match["note"].strip()


def parse_partial_date(value: str) -> tuple[datetime.date | None, str]:
    """ "2020-07 (…)" → (2020-07-01, month); the date and how much of it is known."""
    match = _PARTIAL_DATE.match(value or "")
    if match is None:
        return None, DatePrecision.DAY
    year, month, day = match["year"], match["month"], match["day"]
    if day:
        return datetime.date(int(year), int(month), int(day)), DatePrecision.DAY
    if month:
        return datetime.date(int(year), int(month), 1), DatePrecision.MONTH
    return datetime.date(int(year), 1, 1), DatePrecision.YEAR


@dataclass
class _Loader:
    text: str
    labels: dict
    editorial: Editorial
    user: object
    reason: str
    summary: LoadSummary
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    asserting: dict[str, Statement] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    actor_specs: dict[str, dict] = field(default_factory=dict)
    chain_specs: dict[str, dict] = field(default_factory=dict)
    article_id: str = ""
    snapshot: Snapshot | None = None
    _in_progress: set[str] = field(default_factory=set)

    def load(self) -> None:
        self.actor_specs = {spec["name"]: spec for spec in self.labels.get("actors", [])}
        for spec in self.actor_specs.values():
            self.listed_actor(spec["name"])
        self.record_sources()
        for spec in self.labels.get("claims", []):
            self.record_claim(spec)
        for spec in self.labels.get("denials", []):
            self.record_denial(spec)
        for index, spec in enumerate(self.labels.get("statements_not_claims", [])):
            self.record_position(index, spec)

    # Actors

    def find_actor(self, name: str) -> Actor | None:
        try:
            return actor_resolve(name)
        except ActorNotFound:
            return None
        except ActorNameAmbiguous as error:
            raise ReferenceArticleError(str(error)) from error

    def listed_actor(self, name: str) -> Actor:
        """The actor the labelled file lists under ``name``, recorded with its parent first."""
        if name in self.actors:
            return self.actors[name]
        spec = self.actor_specs.get(name)
        if spec is None:
            raise ReferenceArticleError(f"“{name}” is not among the labelled actors.")
        if name in self._in_progress:
            raise ReferenceArticleError(f"The parents of “{name}” form a loop.")
        self._in_progress.add(name)
        kind = choice_for(ActorKind, spec["kind"], "actor kind")
        parent = self.listed_actor(spec["parent"]) if spec.get("parent") else None
        leader = self.person(spec["leader"]) if spec.get("leader") else None
        actor = self.find_actor(name)
        self.summary.count("actors", created=actor is None)
        if actor is None:
            actor = Actor(kind=kind, name=name, parent=parent, leader=leader)
            self.save_actor(actor)
        else:
            # Fill in links that are missing; values someone has set since are kept.
            missing = {"parent": parent, "leader": leader}
            missing = {
                attr: value
                for attr, value in missing.items()
                if value is not None and getattr(actor, f"{attr}_id") is None
            }
            for attr, value in missing.items():
                setattr(actor, attr, value)
            if missing:
                self.save_actor(actor)
        for alias in spec.get("aliases", []):
            self.add_alias(actor, alias)
        self._in_progress.discard(name)
        self.actors[name] = actor
        return actor

    def person(self, name: str) -> Actor:
        """A speaker or leader: the labelled actor if listed, else a person found or created."""
        if name in self.actor_specs:
            return self.listed_actor(name)
        if name not in self.actors:
            actor = self.find_actor(name)
            self.summary.count("actors", created=actor is None)
            if actor is None:
                actor = self.save_actor(Actor(kind=ActorKind.PERSON, name=name))
            self.actors[name] = actor
        return self.actors[name]

    def named_actor(self, name: str) -> Actor:
        """An actor the labels refer to by name, "Publisher (another name)" included."""
        if name in self.actor_specs or name in self.actors:
            return self.listed_actor(name) if name in self.actor_specs else self.actors[name]
        main, other = split_parenthetical(name)
        actor = self.listed_actor(main) if main in self.actor_specs else self.find_actor(main)
        if actor is None:
            raise ReferenceArticleError(f"No actor goes by “{name}”.")
        if other and self.find_actor(other) != actor:
            raise ReferenceArticleError(f"“{other}” is not another name of “{main}”.")
        return actor

    def save_actor(self, actor: Actor) -> Actor:
        return actor_save(actor=actor, user=self.user, reason=self.reason)

    def add_alias(self, actor: Actor, name: str) -> None:
        # "Vagner Group" and "Vagner group" fold to one alias: the second is already present.
        present = actor.aliases.filter(name_folded=fold(name)).exists()
        self.summary.count("aliases", created=not present)
        if not present:
            alias_add(actor=actor, name=name, user=self.user, reason=self.reason)

    # Sources

    def record_sources(self) -> None:
        chain = self.labels.get("sources_chain", [])
        self.chain_specs = {spec["id"]: spec for spec in chain}
        cited = {spec.get("cites") for spec in chain}
        leaves = [spec["id"] for spec in chain if spec["id"] not in cited]
        if len(leaves) != 1:
            raise ReferenceArticleError("The source chain must end in exactly one article.")
        self.article_id = leaves[0]
        for spec in chain:
            self.record_source(spec["id"])
        article = self.sources[self.article_id]
        present = article.snapshots.filter(sha256=Snapshot.digest(self.text)).exists()
        self.summary.count("snapshots", created=not present)
        self.snapshot = snapshot_capture(
            source=article,
            text=self.text,
            captured_by=CAPTURED_BY,
            user=self.user,
            reason=self.reason,
        )

    def record_source(self, chain_id: str) -> Source:
        if chain_id in self.sources:
            return self.sources[chain_id]
        spec = self.chain_specs.get(chain_id)
        if spec is None:
            raise ReferenceArticleError(f"The source chain has no “{chain_id}”.")
        kind = choice_for(SourceKind, spec["kind"], "source kind")
        publisher = self.named_actor(spec["publisher"])
        fields = {"is_public": spec.get("public", True), "access_note": spec.get("note", "")}
        if chain_id == self.article_id:
            article = self.labels["article"]
            if self.named_actor(article["publisher"]) != publisher:
                raise ReferenceArticleError("The chain's last source is not the article.")
            title = article["title"]
            published_on, precision = parse_partial_date(article.get("published", ""))
            fields.update(
                language=article.get("language", "en"),
                published_on=published_on,
                published_precision=precision,
            )
        else:
            title = self.editorial.source_titles.get(chain_id)
            if not title:
                raise ReferenceArticleError(f"No title chosen for the source “{chain_id}”.")
        source = Source.objects.filter(publisher=publisher, kind=kind, title=title).first()
        self.summary.count("sources", created=source is None)
        if source is None:
            source = Source(kind=kind, title=title, publisher=publisher, **fields)
            source_save(source=source, user=self.user, reason=self.reason)
        self.sources[chain_id] = source
        return source

    def path_from(self, origin_id: str) -> list[str]:
        """The chain ids from ``origin_id`` down to the article, origin first."""
        below = {spec["cites"]: spec["id"] for spec in self.chain_specs.values() if "cites" in spec}
        path = [origin_id]
        while path[-1] != self.article_id:
            if path[-1] not in below or len(path) > len(self.chain_specs):
                raise ReferenceArticleError(f"“{origin_id}” does not lead to the article.")
            path.append(below[path[-1]])
        return path

    # Claims, statements, citations

    def record_claim(self, spec: dict) -> None:
        key = spec["key"]
        fields = self.claim_structure(spec.get("quantity"))
        claim = self.claim(key, text=spec["text"], kind=ClaimKind.FACTUAL, **fields)
        stance = choice_for(Stance, spec.get("stance", "asserts"), "stance")
        speaker = self.named_actor(spec["attributed_to"])
        statement = self.statement(claim, actor=speaker, stance=stance)
        self.asserting[key] = statement
        if spec.get("via") or spec.get("origin_source"):
            self.cite_through_chain(statement, spec)
        else:
            self.cite_article(statement, spec["quote"])
        for name in spec.get("also_attributed_to", []):
            label, note = split_parenthetical(name)
            if note == UNNAMED:
                other = self.statement(claim, speaker_label=label, stance=stance)
            else:
                other = self.statement(claim, actor=self.named_actor(name), stance=stance)
            self.cite_article(other, spec["quote"])

    def claim_structure(self, quantity: dict | None) -> dict:
        if not quantity:
            return {}
        comparator = choice_for(Comparator, quantity.get("qualifier", "exactly"), "qualifier")
        fields = {
            "quantity_value": quantity["value"],
            "quantity_comparator": comparator,
            "quantity_unit": quantity.get("unit", ""),
            "place": quantity.get("place", ""),
        }
        for end in ("period_start", "period_end"):
            if quantity.get(end):
                fields[end], fields["period_precision"] = parse_partial_date(quantity[end])
        return fields

    def claim(self, key: str, *, text: str, kind: str, **fields) -> Claim:
        claim = Claim.objects.filter(text=text).first()
        self.summary.count("claims", created=claim is None)
        if claim is not None:
            # Loaded before: its topics are reported as present, not counted as nothing.
            for name in self.editorial.topics.get(key, ()):
                topic = self.topics.get(name) or Topic.objects.filter(name__iexact=name).first()
                if topic is not None and name not in self.topics:
                    self.topics[name] = topic
                    self.summary.count("topics", created=False)
        else:
            about = [self.named_actor(name) for name in self.editorial.about.get(key, ())]
            topics = [self.topic(name) for name in self.editorial.topics.get(key, ())]
            claim = claim_save(
                claim=Claim(text=text, kind=kind, **fields),
                about=about or None,
                topics=topics or None,
                user=self.user,
                reason=self.reason,
            )
        self.claims[key] = claim
        return claim

    def topic(self, name: str) -> Topic:
        if name not in self.topics:
            present = Topic.objects.filter(name__iexact=name).exists()
            self.summary.count("topics", created=not present)
            self.topics[name] = topic_get_or_create(name=name, user=self.user, reason=self.reason)
        return self.topics[name]

    def statement(
        self,
        claim: Claim,
        *,
        stance: str,
        actor: Actor | None = None,
        speaker_label: str = "",
        responds_to: Statement | None = None,
    ) -> Statement:
        found = Statement.objects.filter(
            claim=claim, actor=actor, speaker_label=speaker_label, stance=stance
        ).first()
        self.summary.count("statements", created=found is None)
        if found is not None:
            return found
        statement = Statement(
            claim=claim,
            actor=actor,
            speaker_label=speaker_label,
            stance=stance,
            responds_to=responds_to,
        )
        return statement_save(statement=statement, user=self.user, reason=self.reason)

    def citation(self, statement: Statement, source: Source, role: str, **fields) -> Citation:
        found = Citation.objects.filter(statement=statement, source=source, role=role).first()
        self.summary.count("citations", created=found is None)
        if found is not None:
            return found
        citation = Citation(statement=statement, source=source, role=role, **fields)
        return citation_save(citation=citation, user=self.user, reason=self.reason)

    def cite_article(self, statement: Statement, quote: str) -> Citation:
        """The article's own words; the article is the origin when its publisher is the speaker."""
        article = self.sources[self.article_id]
        own = statement.actor_id is not None and statement.actor_id == article.publisher_id
        return self.citation(
            statement,
            article,
            CitationRole.ORIGIN if own else CitationRole.REPORTS,
            access=AccessMode.DIRECT,
            quote=quote,
            snapshot=self.snapshot,
        )

    def cite_through_chain(self, statement: Statement, spec: dict) -> Citation:
        """Origin → each intermediary → the article, each derived from the one before."""
        origin_id = spec.get("origin_source")
        if not origin_id:
            raise ReferenceArticleError(f"{spec['key']} names intermediaries but no origin.")
        path = self.path_from(origin_id)
        intermediaries = [self.sources[chain_id].publisher for chain_id in path[1:-1]]
        via = [self.named_actor(name) for name in spec.get("via", [])]
        if intermediaries != via:
            raise ReferenceArticleError(
                f"{spec['key']}: the chain from “{origin_id}” does not pass through {via}."
            )
        previous = None
        for index, chain_id in enumerate(path):
            source = self.sources[chain_id]
            if index == 0:
                role, fields = CitationRole.ORIGIN, {"access": AccessMode.DIRECT}
            elif chain_id == self.article_id:
                role = CitationRole.REPUBLISHES
                fields = {
                    "access": AccessMode.DIRECT,
                    "quote": spec["quote"],
                    "snapshot": self.snapshot,
                }
            else:
                # An intermediary that relays a document nobody else can read has "seen" it.
                seen = not self.sources[path[index - 1]].is_public
                role = CitationRole.REPORTS
                fields = {"access": AccessMode.SEEN_BY if seen else AccessMode.DIRECT}
            previous = self.citation(statement, source, role, derived_from=previous, **fields)
        return previous

    def record_denial(self, spec: dict) -> None:
        target = spec["target"]
        if target not in self.asserting:
            raise ReferenceArticleError(f"The denial targets “{target}”, which is not a claim.")
        statement = self.statement(
            self.claims[target],
            actor=self.named_actor(spec["denier"]),
            stance=Stance.DENIES,
            responds_to=self.asserting[target],
        )
        self.cite_article(statement, spec["quote"])

    def record_position(self, index: int, spec: dict) -> None:
        texts = self.editorial.position_texts
        if index >= len(texts):
            raise ReferenceArticleError(f"No canonical wording for stated position #{index + 1}.")
        claim = self.claim("positions", text=texts[index], kind=ClaimKind.POSITION)
        for name in spec["speakers"]:
            statement = self.statement(claim, actor=self.person(name), stance=Stance.ASSERTS)
            self.cite_article(statement, spec["quote"])
