"""The process's BM25 index of current claims, kept in step with the database.

The database is the record; the index is a cache of it, one per process. The first match in
a process reads every current claim's text (one streamed query) and indexes it. Every later
match first reads the claims stamped (``updated_at``) since the previous sync started, with
their text, on the ``updated_at`` index: nothing when nothing changed lately.

A transaction can commit after a sync has started, with claims stamped before it: the next
sync must find those too. So each sync also looks back a margin (``SYNC_MARGIN``) before the
previous one started, but reads of it only what the claims stamped there add up to (how many,
the sums of their ids and of their stamps), sent with the first query in one round trip. The
index knows what those sums were when it read them (``seen``); only when the database's
differ (a claim of the margin committed late, or was edited or deleted meanwhile) does it
read the margin's (id, ``updated_at``), and the texts of the claims it had not seen. So the
margin's rows stay in the database, which adds them up on the ``updated_at`` index (a
fraction of a millisecond for a thousand claims), where sending them cost the process a
write rate's worth of rows to decode at every sync (a hundred claims a second: 3,000). A
claim whose text changed is re-indexed; one withdrawn leaves the index; one reinstated comes
back. A claim deleted outright is noticed when it is a candidate and the database no longer
has it.

A claim's document is its own text and the texts the apps above register for it
(``texts``: the headlines of fact-checks of it published elsewhere), kept in memory
(``extras``) for the few claims that have any. A fresh claim's row says whether it has such
texts, and the sync reads them for those claims only (one more query per source); a change
of them stamps the claim's ``updated_at`` (``texts.texts_changed``), so the sync sees it as it
sees an edit of the claim.

Building the index of a million claims takes tens of seconds, longer than a server lets one
request run (gunicorn's worker timeout is 30 s). With ``CLAIMS_MATCH_BUILD_WAIT`` (seconds),
a server's first match starts the build in a thread of its own and waits that long for it: a
match that comes while it is still building gets ``IndexBuilding`` (the API answers 503 with
``Retry-After``), and the worker keeps serving everything else. A server's process starts
that build when it loads the application (``config.wsgi``, ``CLAIMS_MATCH_BUILD_AT_START``),
so matches find the index ready once it has been up that long. Without a wait (0: tests,
commands, the match queue) the caller builds the index itself.

SQLite and PostgreSQL are read the same way; only a stamp's seconds and microseconds are
written in each one's SQL (``StampPart``).
"""

import datetime
import logging
import os
import threading
from typing import NamedTuple

from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Expression,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from core.compiled import CompiledQuery, rows_together

from . import cleaning, texts
from .bm25 import BM25Index

logger = logging.getLogger(__name__)

# How far before the previous sync's start each sync reads.
SYNC_MARGIN = datetime.timedelta(seconds=30)
# Rows read per round trip when the index is built.
CHUNK = 2000


class IndexBuilding(Exception):
    """The process's index is being built in the background: retry in a few seconds."""


class Margin(NamedTuple):
    """What the claims stamped within a sync's margin add up to."""

    count: int = 0
    ids: int = 0  # the sum of their ids
    seconds: int = 0  # the sum of their stamps' whole seconds since the epoch
    microseconds: int = 0  # the sum of their stamps' microseconds past the second


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)


def stamp(at: datetime.datetime) -> int:
    """An ``updated_at`` in microseconds since the epoch."""
    return (at - _EPOCH) // _MICROSECOND


class StampPart(Expression):
    """A date-time's whole seconds since the epoch, or its microseconds past the second,
    exactly (whole numbers: a margin's sums must equal those of ``stamp``'s)."""

    output_field = BigIntegerField()
    SQL = {
        ("postgresql", "seconds"): "FLOOR(EXTRACT(EPOCH FROM {}))::bigint",
        ("postgresql", "microseconds"): "EXTRACT(MICROSECONDS FROM {})::bigint %% 1000000",
        # Stored as text, "YYYY-MM-DD HH:MM:SS.ffffff", without the fraction when it is 0;
        # strftime would round the fraction into the seconds.
        ("sqlite", "seconds"): "CAST(strftime('%%s', substr({}, 1, 19)) AS INTEGER)",
        ("sqlite", "microseconds"): "CAST(substr({} || '.000000', 21, 6) AS INTEGER)",
    }

    def __init__(self, field: str, part: str):
        super().__init__()
        self.stamped, self.part = F(field), part

    def get_source_expressions(self):
        return [self.stamped]

    def set_source_expressions(self, exprs):
        (self.stamped,) = exprs

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.stamped)
        return self.SQL[connection.vendor, self.part].format(column), params


class ClaimIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.index = BM25Index()
        # When the last sync started, by this process's clock (``updated_at`` is stamped
        # by the clocks of the processes that write, with ``auto_now``).
        self.synced_at: datetime.datetime | None = None
        # The claims read within the margin of the next sync: id -> ``stamp(updated_at)``;
        # and what those stamped before the last sync started add up to.
        self.seen: dict[int, int] = {}
        self.margin = Margin()
        # The extra texts of the claims that have any (``texts.extra_texts``).
        self.extras: dict[int, texts.ExtraTexts] = {}
        self.builder: threading.Thread | None = None  # the background build, if any
        self.building = threading.Lock()  # one build at a time, in whichever thread
        os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        """In a forked process: fresh locks (a thread of the parent's may have held them, and
        no thread of the child's would ever release them) and no build in progress (the
        parent's build thread is not in the child). An index built already is kept."""
        self.lock = threading.Lock()
        self.building = threading.Lock()
        self.builder = None

    def reset(self) -> None:
        """Forget everything: the next sync rebuilds from the database."""
        with self.lock:
            self.index = BM25Index()
            self.synced_at = None
            self.seen = {}
            self.margin = Margin()
            self.extras = {}
            self.builder = None

    def sync(self, *, wait: float = 0) -> None:
        """Bring the index up to date with the database: two queries in one round trip, and
        two more when the margin's claims do not add up to what the index saw of them.

        The first sync builds the index: in the caller's thread, or with ``wait`` (seconds)
        in a thread of its own, waited for that long (``IndexBuilding`` past it).
        """
        if self.synced_at is None:
            if not wait:
                self._build()
            elif not self._built_within(wait):
                raise IndexBuilding
        with self.lock:
            if self.synced_at is None:  # reset while building
                raise IndexBuilding
            self._catch_up()

    def start_build(self) -> None:
        """Start building the index in a thread of its own, unless it is built or being
        built: a server's process calls this when it loads the application, so that its
        first match finds the index ready."""
        self._built_within(0)

    def _built_within(self, wait: float) -> bool:
        with self.lock:
            if self.synced_at is not None:
                return True
            if self.builder is None or not self.builder.is_alive():
                self.builder = threading.Thread(
                    target=self._build_in_thread, name="claim-index-build", daemon=True
                )
                self.builder.start()
            builder = self.builder
        builder.join(wait)
        return self.synced_at is not None

    def _build_in_thread(self) -> None:
        try:
            self._build()
        except Exception:  # the next match starts another build
            logger.exception("Building the claim index failed")
        finally:
            connections.close_all()  # this thread's own connections

    def _build(self) -> None:
        """Index every claim (streamed, not held in memory), then swap the index in; unless
        another thread built it meanwhile (a build takes seconds to a minute: one at a time)."""
        with self.building:
            if self.synced_at is None:
                self._build_now()

    def _build_now(self) -> None:
        from claims.models import Claim  # the models import this app's querysets

        started = timezone.now()
        horizon = stamp(started - SYNC_MARGIN)
        index, seen = BM25Index(), {}
        # Before the claims: a text added meanwhile stamps its claim, which the next sync reads.
        extras = texts.extra_texts()
        rows = Claim.objects.order_by().values_list("id", "updated_at", "withdrawn_at", "text")
        for claim_id, updated_at, withdrawn_at, text in rows.iterator(chunk_size=CHUNK):
            if (at := stamp(updated_at)) >= horizon:
                seen[claim_id] = at
            if withdrawn_at is None:
                more = extras.get(claim_id, ())
                index.put(claim_id, document_terms(text, more), signature=signature(text, more))
        index.refresh_impacts()
        with self.lock:
            if self.synced_at is None:
                self.index, self.seen, self.synced_at = index, seen, started
                self.extras = extras
                self._keep_margin(started)

    def _catch_up(self) -> None:
        """Read the claims written since the previous sync (the lock is held)."""
        from claims.models import Claim  # the models import this app's querysets

        started = timezone.now()
        since, fresh = self.synced_at - SYNC_MARGIN, self.synced_at
        rows, margin = _fresh_rows_and_margin(since, fresh)
        if margin != self.margin:
            # Some claim of the margin committed after the previous sync, or was edited or
            # deleted meanwhile: its rows, with the texts of those stamped since ``fresh``.
            rows = _changed_since_rows(since, fresh)
            self._forget_gone_from_margin(rows, since, fresh)
        late, read = [], []
        for claim_id, updated_at, withdrawn_at, text, with_extras in rows:
            if text is None:  # stamped before the previous sync started
                if self.seen.get(claim_id) != stamp(updated_at):
                    late.append(claim_id)
                continue
            read.append((claim_id, updated_at, withdrawn_at, text, with_extras))
        if late:
            late_rows = Claim.objects.filter(pk__in=late).order_by()
            fields = ("id", "updated_at", "withdrawn_at", "text")
            read.extend(late_rows.values_list(*fields, _flag(texts.has_extra_texts())))
        # The extra texts of the current claims that have any: a query per source, if any.
        extras = texts.extra_texts([row[0] for row in read if row[4] and row[2] is None])
        for claim_id, updated_at, withdrawn_at, text, _ in read:
            self._read(claim_id, updated_at, withdrawn_at, text, extras.get(claim_id, ()))
        self.synced_at = started
        self._keep_margin(started)

    def _keep_margin(self, started: datetime.datetime) -> None:
        """Remember the claims the next sync's margin holds, and what those stamped before
        ``started`` (this sync's start) add up to."""
        horizon, start = stamp(started - SYNC_MARGIN), stamp(started)
        seen, count, ids, seconds, microseconds = {}, 0, 0, 0, 0
        for claim_id, at in self.seen.items():
            if at >= horizon:
                seen[claim_id] = at
                if at < start:
                    count += 1
                    ids += claim_id
                    seconds += at // 1_000_000
                    microseconds += at % 1_000_000
        self.seen, self.margin = seen, Margin(count, ids, seconds, microseconds)

    def _forget_gone_from_margin(self, rows, since, fresh) -> None:
        """Forget the claims seen in the margin that no row stamped since ``since`` has
        (deleted): they would make every sync's margin differ until it passed them."""
        present = {row[0] for row in rows}
        low, high = stamp(since), stamp(fresh)
        self.seen = {
            claim_id: at
            for claim_id, at in self.seen.items()
            if claim_id in present or not low <= at < high
        }

    def _read(self, claim_id, updated_at, withdrawn_at, text, extras) -> None:
        """Bring one claim of the database into the index, with its extra texts, and
        remember its stamp for the margin of the syncs to come."""
        self.seen[claim_id] = stamp(updated_at)
        if withdrawn_at is not None:
            self.index.remove(claim_id)
            self.extras.pop(claim_id, None)
            return
        if extras:
            self.extras[claim_id] = extras
        else:
            self.extras.pop(claim_id, None)
        if not self.index.holds(claim_id, hashed := signature(text, extras)):
            self.index.put(claim_id, document_terms(text, extras), signature=hashed)

    def search(self, terms: dict[str, float], n: int) -> list[tuple[int, float]]:
        with self.lock:
            return self.index.search(terms, n)

    def knows(self, term: str) -> bool:
        """Whether some claim has ``term`` (a dictionary read: no lock needed)."""
        return term in self.index.postings

    def forget(self, claim_ids) -> None:
        """Drop claims the database no longer has (deleted since they were indexed)."""
        with self.lock:
            for claim_id in claim_ids:
                self.index.remove(claim_id)
                self.extras.pop(claim_id, None)

    def extras_of(self, claim_id: int) -> texts.ExtraTexts:
        """The claim's extra texts as last synced (a dictionary read: no lock needed)."""
        return self.extras.get(claim_id, ())


def document_terms(text: str, extras: texts.ExtraTexts = ()) -> list[str]:
    """The terms a claim is indexed by: its own text's, then its extra texts'."""
    terms = cleaning.terms(text)
    for _, extra in extras:
        terms.extend(cleaning.terms(extra))
    return terms


def signature(text: str, extras: texts.ExtraTexts = ()) -> int:
    """What tells an unchanged document: the hash of its text alone when it has no extra
    texts (as before there were any)."""
    return hash((text, extras)) if extras else hash(text)


def _changed_since(since, fresh):
    """The claims stamped since ``since``: (id, ``updated_at``, ``withdrawn_at``, the text if
    stamped since ``fresh`` else None, whether such a claim has extra texts)."""
    from claims.models import Claim  # the models import this app's querysets

    stamped = Q(updated_at__gte=fresh)
    has_extras = texts.has_extra_texts()
    return (
        Claim.objects.order_by()
        .filter(updated_at__gte=since)
        .values_list(
            "id",
            "updated_at",
            "withdrawn_at",
            Case(When(stamped, then=F("text")), default=Value(None)),
            _flag(None if has_extras is None else stamped & has_extras),
        )
    )


def _stamped_since(fresh):
    """The claims stamped since ``fresh``: (id, ``updated_at``, ``withdrawn_at``, text,
    whether the claim has extra texts)."""
    from claims.models import Claim  # the models import this app's querysets

    return (
        Claim.objects.order_by()
        .filter(updated_at__gte=fresh)
        .values_list("id", "updated_at", "withdrawn_at", "text", _flag(texts.has_extra_texts()))
    )


def _margin(since, fresh):
    """One row: what the claims stamped from ``since`` to ``fresh`` add up to (``Margin``)."""
    from claims.models import Claim  # the models import this app's querysets

    return (
        Claim.objects.order_by()
        .filter(updated_at__gte=since, updated_at__lt=fresh)
        .annotate(whole=Value(1, output_field=IntegerField()))
        .values("whole")  # a constant to group by: one row, even of none
        .annotate(
            count=Count("id"),
            ids=Sum("id"),
            seconds=Sum(StampPart("updated_at", "seconds")),
            microseconds=Sum(StampPart("updated_at", "microseconds")),
        )
        .values_list("count", "ids", "seconds", "microseconds")
    )


# A sync's queries, compiled once per connection (building them cost more than running them),
# for each set of text sources registered (their conditions are part of them).
_STAMPED_SINCE: dict[tuple[str, ...], CompiledQuery] = {}
_MARGIN = CompiledQuery(
    _margin,
    since=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    fresh=datetime.datetime(2000, 1, 2, tzinfo=datetime.UTC),
)
_CHANGED_SINCE: dict[tuple[str, ...], CompiledQuery] = {}


def _fresh_rows_and_margin(
    since: datetime.datetime, fresh: datetime.datetime
) -> tuple[list[tuple], Margin]:
    """The claims stamped since ``fresh`` (as ``_stamped_since``), and what those stamped
    from ``since`` to ``fresh`` add up to; in one round trip on PostgreSQL."""
    registered = tuple(source.name for source in texts.sources())
    if registered not in _STAMPED_SINCE:
        _STAMPED_SINCE[registered] = CompiledQuery(
            _stamped_since, fresh=datetime.datetime(2000, 1, 2, tzinfo=datetime.UTC)
        )
    rows, ((count, ids, seconds, microseconds),) = rows_together(
        [
            (_STAMPED_SINCE[registered], {"fresh": fresh}),
            (_MARGIN, {"since": since, "fresh": fresh}),
        ]
    )
    # Sums of no rows are NULL; PostgreSQL's sums of bigints are numeric (Decimal).
    return rows, Margin(count, int(ids or 0), int(seconds or 0), int(microseconds or 0))


def _changed_since_rows(since: datetime.datetime, fresh: datetime.datetime) -> list[tuple]:
    registered = tuple(source.name for source in texts.sources())
    if registered not in _CHANGED_SINCE:
        _CHANGED_SINCE[registered] = CompiledQuery(
            _changed_since,
            since=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
            fresh=datetime.datetime(2000, 1, 2, tzinfo=datetime.UTC),
        )
    return _CHANGED_SINCE[registered].rows(since=since, fresh=fresh)


def _flag(condition):
    """``condition`` as a boolean column of the row (false when there is none)."""
    if condition is None:
        return Value(False, output_field=BooleanField())
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


claim_index = ClaimIndex()
