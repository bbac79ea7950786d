"""The process's BM25 index of current claims, kept in step with the database.

The database is the record; the index is a cache of it, one per process. The first match in
a process reads every current claim's text (one streamed query) and indexes it. Every later
match first reads the claims written since the previous sync started, less a margin
(``SYNC_MARGIN``) that covers a transaction committing after the time it stamped: one
query, on the ``updated_at`` index, that returns nothing when nothing changed lately. Only
the claims stamped since the previous sync started come with their text; those of the margin
come as (id, ``updated_at``), and the few of them the previous syncs did not see (committed
late) have their text read by a second query. So a sync reads each written text about once,
however fast claims are written (a bulk load writing hundreds a second would otherwise make
every match read the margin's thousands of texts again). A claim whose text changed is
re-indexed; one withdrawn leaves the index; one reinstated comes back. A claim deleted
outright is noticed when it is a candidate and the database no longer has it.

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

Nothing here depends on the database: SQLite and PostgreSQL are read the same way.
"""

import datetime
import logging
import os
import threading

from django.db import connections
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.utils import timezone

from core.compiled import CompiledQuery

from . import cleaning, texts
from .bm25 import BM25Index

logger = logging.getLogger(__name__)

# How far before the previous sync's start each sync reads.
SYNC_MARGIN = datetime.timedelta(seconds=30)
# Rows read per round trip when the index is built.
CHUNK = 2000


class IndexBuilding(Exception):
    """The process's index is being built in the background: retry in a few seconds."""


class ClaimIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.index = BM25Index()
        # When the last sync started, by this process's clock (``updated_at`` is stamped
        # by the clocks of the processes that write, with ``auto_now``).
        self.synced_at: datetime.datetime | None = None
        # The claims read within the margin of the next sync: id -> ``updated_at``.
        self.seen: dict[int, datetime.datetime] = {}
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
            self.extras = {}
            self.builder = None

    def sync(self, *, wait: float = 0) -> None:
        """Bring the index up to date with the database: one query, or two when a claim of
        the margin committed after the previous sync read it.

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
        horizon = started - SYNC_MARGIN
        index, seen = BM25Index(), {}
        # Before the claims: a text added meanwhile stamps its claim, which the next sync reads.
        extras = texts.extra_texts()
        rows = Claim.objects.order_by().values_list("id", "updated_at", "withdrawn_at", "text")
        for claim_id, updated_at, withdrawn_at, text in rows.iterator(chunk_size=CHUNK):
            if updated_at >= horizon:
                seen[claim_id] = updated_at
            if withdrawn_at is None:
                more = extras.get(claim_id, ())
                index.put(claim_id, document_terms(text, more), signature=signature(text, more))
        index.refresh_impacts()
        with self.lock:
            if self.synced_at is None:
                self.index, self.seen, self.synced_at = index, seen, started
                self.extras = extras

    def _catch_up(self) -> None:
        """Read the claims written since the previous sync (the lock is held)."""
        from claims.models import Claim  # the models import this app's querysets

        started = timezone.now()
        rows = _changed_since_rows(self.synced_at - SYNC_MARGIN, self.synced_at)
        # The next sync's margin starts here: what it will read again is remembered.
        horizon = started - SYNC_MARGIN
        late, read = [], []
        for claim_id, updated_at, withdrawn_at, text, with_extras in rows:
            if text is None:  # stamped before the previous sync started
                if self.seen.get(claim_id) != updated_at:
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
            self._read(claim_id, updated_at, withdrawn_at, text, extras.get(claim_id, ()), horizon)
        self.seen = {pk: at for pk, at in self.seen.items() if at >= horizon}
        self.synced_at = started

    def _read(self, claim_id, updated_at, withdrawn_at, text, extras, horizon) -> None:
        """Bring one claim of the database into the index, with its extra texts, and
        remember it if it was stamped since ``horizon``."""
        if updated_at >= horizon:
            self.seen[claim_id] = updated_at
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


# A sync's one query, compiled once per connection (building it cost more than running it),
# for each set of text sources registered (their conditions are part of it).
_CHANGED_SINCE: dict[tuple[str, ...], CompiledQuery] = {}


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
