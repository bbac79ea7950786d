"""Fact-checks published elsewhere, recorded from what others publish (ClaimReview).

``import_claimreviews(content, name=..., user=...)`` reads a file (``claimreview_reader``)
and records each fact-check it could read, each in a transaction of its own: one that cannot
be recorded is a problem of the report and leaves nothing of itself behind, and the others
are recorded all the same. The report says of each item whether it was created, updated
(which fields) or unchanged, and where, in which field and why what could not be read or
recorded was not. ``dry_run`` runs the same and rolls it all back.

A fact-check is identified by its URL (normalised, as the model compares them): one already
recorded is updated, its claim and publisher kept as recorded (an editor may have linked them
otherwise), each field the markup gives replacing the recorded one, each it leaves out kept.
Importing the same file again changes nothing and writes no history.

A new fact-check's publisher and claimant are actors found by their Wikidata ID (``sameAs``),
then by name or alias (``sources.services.actor_resolve``), else created: a person when the
markup says so, otherwise a news outlet for a publisher and an actor of kind "other" for a
claimant (the markup's organisation types are not the record's kinds). Its claim is the
current claim of the same text, else the matcher's best candidate when it is alike enough to
be queued as a duplicate (``reviews.match_queue.alike`` at ``THRESHOLD``, or worded the
same), else a new claim of the reviewed text, whose statement records the claimant as its
speaker (asserting it, on the claim's date). Its rating reads as its publisher's rating
mappings say (``external_fact_check_save``).

The pages where the claim appeared (the markup's ``appearance``) are recorded with that
statement: each a source (the one of the same normalised URL when there is one, else a new
public source titled by its address, a social media post on the known platforms' hosts) and a
citation of the statement on it, without a quote (none is known). The citation "reports" the
statement, of unknown access: the markup does not say whether a page is the claimant's own
first publication, and an origin citation would stand for the primary source when a review
is published (``reviews.services``); an editor who checks it says so.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from claims.choices import AccessMode, CitationRole, Stance
from claims.matching import SIMILAR_CANDIDATES, match_claims
from claims.matching.store import IndexBuilding
from claims.models import Citation, Claim, Statement
from claims.services import citation_save, claim_save, statement_save
from core.text import fold, has_forbidden_characters, shorten
from sources.choices import ActorKind, SourceKind
from sources.links import normalize_url
from sources.models import Actor, Source
from sources.services import (
    ActorNameAmbiguous,
    ActorNotFound,
    actor_resolve,
    actor_save,
    source_save,
)

from .claimreview_reader import Problem, ReadActor, Reading, ReadReview, read
from .match_queue import THRESHOLD, alike, same_wording
from .models import ExternalFactCheck
from .services import external_fact_check_save

# What a user needs to import: what an import may write.
IMPORT_PERMISSIONS = (
    "reviews.add_externalfactcheck",
    "reviews.change_externalfactcheck",
    "claims.add_claim",
    "claims.add_statement",
    "sources.add_actor",
    "sources.add_source",
    "claims.add_citation",
)

# The largest file the admin and the API take in (the command reads any size).
MAX_UPLOAD = 10 * 1024 * 1024

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# The fields of a recorded fact-check that an import updates.
UPDATED_FIELDS = ("headline", "claim_reviewed", "textual_rating", "published_on", "language")
# The markup's name of each field, as problems name them.
FACT_CHECK_FIELDS = {
    "url": "url",
    "url_normalized": "url",
    "headline": "headline",
    "claim_reviewed": "claimReviewed",
    "textual_rating": "reviewRating",
    "published_on": "datePublished",
    "language": "inLanguage",
}
CLAIM_FIELDS = {"text": "claimReviewed", "language": "inLanguage"}
PUBLISHER, CLAIMANT = "author", "itemReviewed.author"
# Fact-checks looked up per query by their URL.
LOOKUP_CHUNK = 500
# The most appearances of one claim recorded as sources; the others are left out (a note).
MAX_APPEARANCES = 10
APPEARANCE = "itemReviewed.appearance"
# Hosts (and their subdomains) whose pages are social media posts; any other is "other".
SOCIAL_HOSTS = (
    "bsky.app",
    "facebook.com",
    "fb.watch",
    "instagram.com",
    "linkedin.com",
    "mastodon.social",
    "reddit.com",
    "t.me",
    "threads.net",
    "tiktok.com",
    "truthsocial.com",
    "twitter.com",
    "vk.com",
    "weibo.com",
    "x.com",
    "youtube.com",
    "youtu.be",
)
INDEX_BUILDING = (
    "The claims are still being indexed for matching: import the file again in a minute "
    "(what is recorded stays as it is)."
)


@dataclass
class ImportedItem:
    """A fact-check the import recorded, updated or found unchanged."""

    where: str
    url: str
    outcome: str  # CREATED, UPDATED or UNCHANGED
    fact_check_id: int | None = None  # None in a dry run's new items
    claim_id: int | None = None
    # How the claim was found: "new", "same text", "matched (0.93)", "as recorded".
    claim: str = ""
    # For an update: each changed field's value before and after.
    changes: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # new actors, a claimant left out

    def __str__(self):
        text = f"{self.where}: {self.url}"
        if self.outcome == UPDATED:
            changed = "; ".join(
                f"{name} {_shown(before)} → {_shown(after)}"
                for name, (before, after) in self.changes.items()
            )
            text = f"{text} ({changed})"
        elif self.outcome == CREATED:
            claim = f"claim #{self.claim_id}" if self.claim_id else "claim"
            claim = f"new {claim}" if self.claim == "new" else f"{claim}, {self.claim}"
            text = f"{text} ({claim})"
        if self.notes:
            text = f"{text}; {'; '.join(self.notes)}"
        return text


@dataclass
class ImportReport:
    name: str
    dry_run: bool = False
    items: list[ImportedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count(CREATED)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def summary(self) -> str:
        problems = len(self.problems)
        text = (
            f"{self.name}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {problems} problem{'' if problems == 1 else 's'}"
        )
        return f"{text} (dry run: nothing was written)." if self.dry_run else f"{text}."


class _Refused(Exception):
    """An item that cannot be recorded: its problems."""

    def __init__(self, *problems: tuple[str, str]):
        super().__init__(problems)
        self.problems = problems  # (field, reason) pairs


class _Ambiguous(_Refused):
    """Several actors go by the name, and none by the markup's Wikidata ID."""


def import_claimreviews(
    content: bytes | str | Reading,
    *,
    name: str = "",
    user=None,
    dry_run: bool = False,
    wait: float | None = None,
) -> ImportReport:
    """Record the fact-checks of ``content`` (a file's content, or what the reader read of
    it), attributed in history to ``user`` with the reason "Imported from <name>".

    ``wait`` is how long a first match waits for the claim index to be built
    (``claims.matching.match_claims``); past it, a new item is a problem (import again).
    """
    name = _printable(PurePath(name).name if name else "") or "ClaimReview"
    reading = content if isinstance(content, Reading) else read(content, name)
    report = ImportReport(name=name, dry_run=dry_run, problems=list(reading.problems))
    run = _Run(user=user, reason=f"Imported from {name}", wait=wait, dry_run=dry_run)
    if not dry_run:
        run.record(reading.reviews, report)
        return report
    with transaction.atomic():
        run.record(reading.reviews, report)
        transaction.set_rollback(True)
    for item in report.items:  # what the run wrote is gone: it has no address
        if item.fact_check_id in run.new_fact_checks:
            item.fact_check_id = None
        if item.claim_id in run.new_claims:
            item.claim_id = None
    return report


@dataclass
class _Run:
    user: object
    reason: str
    wait: float | None
    dry_run: bool
    # The fact-checks recorded, by normalised URL: those of the file read before, and
    # those the run created (a file may hold a review twice).
    recorded: dict = field(default_factory=dict)
    # The ids of the fact-checks and claims the run created.
    new_fact_checks: set = field(default_factory=set)
    new_claims: set = field(default_factory=set)
    # The claim index was still being built at a match: the run's other new items wait
    # for it no more.
    index_building: bool = False

    def record(self, reviews: list[ReadReview], report: ImportReport) -> None:
        self.recorded = _recorded(reviews)
        for review in reviews:
            try:
                item = self.record_one(review)
            except _Refused as refusal:
                report.problems.extend(
                    Problem(review.where, name, reason) for name, reason in refusal.problems
                )
            else:
                report.items.append(item)

    def record_one(self, review: ReadReview) -> ImportedItem:
        _refuse_unstorable(review)
        key = normalize_url(review.url)
        recorded = self.recorded.get(key)
        if recorded is None:
            item, fact_check = self.create(review)
        else:
            item, fact_check = self.update(recorded, review)
        self.recorded[key] = fact_check
        return item

    # Updating a recorded fact-check

    def update(self, recorded: ExternalFactCheck, review: ReadReview):
        item = ImportedItem(
            review.where,
            review.url,
            UNCHANGED,
            fact_check_id=recorded.pk,
            claim_id=recorded.claim_id,
            claim="as recorded",
        )
        changes = _changes(recorded, review)
        if not changes:
            return item, recorded
        fact_check = copy.copy(recorded)  # the recorded one stays as it was if refused
        for name, (_before, after) in changes.items():
            setattr(fact_check, name, after)
        with _refusals(FACT_CHECK_FIELDS), transaction.atomic():
            external_fact_check_save(fact_check=fact_check, user=self.user, reason=self.reason)
        item.outcome, item.changes = UPDATED, changes
        return item, fact_check

    # Recording a new fact-check

    def create(self, review: ReadReview):
        fact_check = ExternalFactCheck(
            url=review.url,
            headline=review.headline,
            claim_reviewed=review.claim_reviewed,
            textual_rating=review.textual_rating,
            published_on=review.reviewed_on,
            language=review.language,
        )
        with _refusals(FACT_CHECK_FIELDS):  # validation first: nothing is written yet
            fact_check.full_clean(exclude=["claim", "publisher"])
        if review.publisher is None:
            raise _Refused((PUBLISHER, "No publisher: the review names none."))
        notes: list[str] = []
        publisher = self.actor(review.publisher, PUBLISHER, notes)
        claim, how = self.claim(review)
        claimant = None
        if review.claimant is not None and claim is None:
            claimant = self.claimant(review.claimant, notes, publisher)
        elif review.claimant is not None:
            notes.append(
                f"claimant “{review.claimant.name}” not recorded: the claim was in the record"
            )
        appearances = []
        if claim is None:
            claim = Claim(text=review.claim_reviewed)
            if review.language:
                claim.language = review.language
            with _refusals(CLAIM_FIELDS):
                claim.full_clean()
            if claimant is not None:
                appearances = _appearances(review, notes)
            elif review.appearances:
                notes.append("appearances not recorded: the review names no claimant")
        elif review.appearances:
            notes.append("appearances not recorded: the claim was in the record")
        with _refusals(FACT_CHECK_FIELDS), transaction.atomic():
            for actor, name in ((publisher, PUBLISHER), (claimant, CLAIMANT)):
                if isinstance(actor, Actor) and actor.pk is None:
                    with _refusals({}, name):
                        actor_save(actor=actor, user=self.user, reason=self.reason)
            if claim.pk is None:
                claim_save(claim=claim, user=self.user, reason=self.reason)
                if claimant is not None:
                    statement = self.record_claimant(claim, claimant, review)
                    self.record_appearances(statement, appearances)
            fact_check.claim, fact_check.publisher = claim, publisher
            if fact_check.claim_reviewed == claim.text:
                fact_check.claim_reviewed = ""  # the claim's words: nothing to add
            external_fact_check_save(fact_check=fact_check, user=self.user, reason=self.reason)
        self.new_fact_checks.add(fact_check.pk)
        if how == "new":
            self.new_claims.add(claim.pk)
        item = ImportedItem(
            review.where,
            review.url,
            CREATED,
            fact_check_id=fact_check.pk,
            claim_id=claim.pk,
            claim=how,
            notes=notes,
        )
        return item, fact_check

    def actor(self, written: ReadActor, name: str, notes: list[str]) -> Actor:
        """The actor the markup names; a new (unsaved) one when none is found. Refused
        when several go by the name and none by its Wikidata ID."""
        wikidata_id = written.wikidata_id
        if wikidata_id:
            actor = Actor.objects.filter(wikidata_id=wikidata_id).first()
            if actor is not None:
                return actor
        try:
            actor = actor_resolve(written.name)
        except ActorNotFound:
            actor = None
        except ActorNameAmbiguous as ambiguous:
            # Those with another Wikidata ID are others of the same name.
            candidates = [a for a in ambiguous.candidates if not a.wikidata_id]
            if not wikidata_id or len(candidates) != 1:
                raise _Ambiguous((name, str(ambiguous))) from ambiguous
            actor = candidates[0]
        if actor is not None and not (wikidata_id and actor.wikidata_id):
            return actor
        kind = _kind(written, name)
        actor = Actor(name=written.name, kind=kind, wikidata_id=wikidata_id)
        with _refusals({}, name):
            actor.full_clean()
        actor.prepare_for_save()
        notes.append(f"new actor “{actor.name}” ({actor.get_kind_display().lower()})")
        return actor

    def claimant(self, written: ReadActor, notes: list[str], publisher: Actor):
        """The claimant's actor (the publisher, new as well, when the markup names it so),
        or its name alone when several actors go by it."""
        if (
            publisher.pk is None
            and fold(written.name) == publisher.name_folded
            and written.wikidata_id in ("", publisher.wikidata_id)
        ):
            return publisher
        try:
            return self.actor(written, CLAIMANT, notes)
        except _Ambiguous as refusal:
            _name, reason = refusal.problems[0]
            notes.append(f"claimant recorded by name only: {reason}")
            return written.name

    def record_claimant(self, claim: Claim, claimant, review: ReadReview) -> Statement:
        statement = Statement(
            claim=claim,
            stance=Stance.ASSERTS,
            stated_on=review.claim_date,
            note=f"The claimant, as the fact-check at {review.url} names them.",
        )
        if isinstance(claimant, Actor):
            statement.actor = claimant
            if fold(claimant.name) != fold(review.claimant.name):
                statement.speaker_label = review.claimant.name  # as written: an alias
        else:
            statement.speaker_label = claimant
        with _refusals({}, "itemReviewed"):
            return statement_save(statement=statement, user=self.user, reason=self.reason)

    def record_appearances(self, statement: Statement, sources: list[Source]) -> None:
        """Record the new sources among ``sources`` (validated already) and a citation of
        ``statement`` on each."""
        with _refusals({}, APPEARANCE):
            for source in sources:
                if source.pk is None:
                    source_save(source=source, user=self.user, reason=self.reason)
                citation = Citation(
                    statement=statement,
                    source=source,
                    role=CitationRole.REPORTS,
                    access=AccessMode.UNKNOWN,
                )
                citation_save(citation=citation, user=self.user, reason=self.reason)

    def claim(self, review: ReadReview) -> tuple[Claim | None, str]:
        """The current claim of the same text, or the matcher's confident candidate; None
        (and "new") when there is none.

        The claim of the same text is looked for among the matcher's candidates (its index
        holds every current claim's terms), not by a scan of every claim's text.
        """
        text = review.claim_reviewed
        if self.index_building:
            raise _Refused(("claimReviewed", INDEX_BUILDING))
        try:
            matches = match_claims(
                text, SIMILAR_CANDIDATES, wait=self.wait, candidates=SIMILAR_CANDIDATES
            )
        except IndexBuilding:
            self.index_building = True
            raise _Refused(("claimReviewed", INDEX_BUILDING)) from None
        wanted = " ".join(text.split())
        for match in matches:
            if " ".join(match.claim.text.split()) == wanted:
                return match.claim, "same text"
        if matches:
            best = matches[0]
            if same_wording(text, best.claim.text) or alike(
                text, best.claim.text, best.score, best.signals, threshold=THRESHOLD
            ):
                return best.claim, f"matched ({best.score:.2f})"
        return None, "new"


def _recorded(reviews: list[ReadReview]) -> dict:
    """The recorded fact-checks of these reviews by normalised URL, with their claims."""
    keys = sorted({normalize_url(review.url) for review in reviews} - {""})
    recorded = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        fact_checks = ExternalFactCheck.objects.filter(url_normalized__in=chunk)
        for fact_check in fact_checks.select_related("claim"):
            recorded[fact_check.url_normalized] = fact_check
    return recorded


def _changes(fact_check: ExternalFactCheck, review: ReadReview) -> dict:
    """The fields the review changes: ``{name: (recorded, new)}``. A field the review leaves
    out keeps its recorded value."""
    claim_reviewed = review.claim_reviewed
    if claim_reviewed == fact_check.claim.text:
        claim_reviewed = ""
    wanted = {
        "headline": review.headline,
        "claim_reviewed": claim_reviewed,
        "textual_rating": review.textual_rating,
        "published_on": review.reviewed_on,
        "language": review.language,
    }
    changes = {}
    for name in UPDATED_FIELDS:
        before, after = getattr(fact_check, name), wanted[name]
        if after in ("", None) and name != "claim_reviewed":
            continue
        if before != after:
            changes[name] = (before, after)
    return changes


def _appearances(review: ReadReview, notes: list[str]) -> list[Source]:
    """The sources of the review's appearances: those recorded (one query), and new ones
    validated but not saved. One that cannot be recorded is left out with a note, as are
    those past ``MAX_APPEARANCES``; the same page twice is one source."""
    wanted: dict[str, str] = {}
    for url in review.appearances:
        if has_forbidden_characters(url):
            notes.append(
                f"appearance {_shown(_printable(url))} not recorded: "
                "Text may not contain NUL bytes or unpaired surrogates."
            )
            continue
        key = normalize_url(url)
        if key and key not in wanted:
            wanted[key] = url
    if not wanted:
        return []
    keys = list(wanted)
    if len(keys) > MAX_APPEARANCES:
        left_out = len(keys) - MAX_APPEARANCES
        notes.append(
            f"{left_out} more appearance{'' if left_out == 1 else 's'} not recorded "
            f"(at most {MAX_APPEARANCES})"
        )
        keys = keys[:MAX_APPEARANCES]
    recorded = {s.url_normalized: s for s in Source.objects.filter(url_normalized__in=keys)}
    sources = []
    for key in keys:
        source = recorded.get(key)
        if source is None:
            source = _new_source(wanted[key], review.language)
            try:
                source.full_clean(exclude=["url_normalized"], validate_constraints=False)
            except ValidationError as error:
                reasons = " ".join(m for ms in _messages(error).values() for m in ms)
                notes.append(f"appearance {_shown(wanted[key])} not recorded: {reasons}")
                continue
        sources.append(source)
    if sources:
        count, known = len(sources), sum(1 for source in sources if source.pk is not None)
        text = (
            "1 appearance recorded as a source"
            if count == 1
            else f"{count} appearances recorded as sources"
        )
        notes.append(f"{text} ({known} already in the record)" if known else text)
    return sources


def _new_source(url: str, language: str) -> Source:
    """A page where a claim appeared, as a source: titled by its address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    social = any(host == name or host.endswith(f".{name}") for name in SOCIAL_HOSTS)
    title = _printable(shorten(f"{host}{parts.path.rstrip('/')}", 500))
    source = Source(
        kind=SourceKind.SOCIAL_POST if social else SourceKind.OTHER, title=title, url=url
    )
    if language:
        source.language = language
    return source


def _kind(written: ReadActor, name: str) -> str:
    if written.kind == "person":
        return ActorKind.PERSON
    return ActorKind.NEWS_OUTLET if name == PUBLISHER else ActorKind.OTHER


def _refuse_unstorable(review: ReadReview) -> None:
    """Refuse text no database stores before any query carries it."""
    texts = {
        "url": review.url,
        "claimReviewed": review.claim_reviewed,
        "headline": review.headline,
        "reviewRating": review.textual_rating,
        PUBLISHER: review.publisher.name if review.publisher else "",
        CLAIMANT: review.claimant.name if review.claimant else "",
    }
    bad = [name for name, text in texts.items() if has_forbidden_characters(text)]
    if bad:
        raise _Refused(
            *((name, "Text may not contain NUL bytes or unpaired surrogates.") for name in bad)
        )


@contextmanager
def _refusals(names: dict, field: str = ""):
    """Turn a validation error (or a constraint another write met first) into a refusal,
    naming the fields as the markup does (``names``), or all as ``field``."""
    try:
        yield
    except ValidationError as error:
        problems = []
        for name, messages in _messages(error).items():
            where = field or names.get(name, "" if name == "__all__" else name)
            problems.append((where, " ".join(messages)))
        raise _Refused(*problems) from error
    except (IntegrityError, DataError) as error:
        raise _Refused(
            (
                field,
                "Another write got there first (the same fact-check imported at the same "
                "time?): import the file again.",
            )
        ) from error


def _messages(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def _shown(value) -> str:
    if value in ("", None):
        return "(none)"
    return f"“{shorten(str(value), 60)}”"


def _printable(name: str) -> str:
    """A file name as history and the report can hold it (no lone surrogates, no NUL)."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "")
