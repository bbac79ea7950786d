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

Building the index of a million claims takes tens of seconds, longer than a server lets one
request run (gunicorn's worker timeout is 30 s). With ``CLAIMS_MATCH_BUILD_WAIT`` (seconds),
a server's first match starts the build in a thread of its own and waits that long for it: a
match that comes while it is still building gets ``IndexBuilding`` (the API answers 503 with
``Retry-After``), and the worker keeps serving everything else. Without it (0: tests,
commands, the match queue) the caller builds the index itself.

Nothing here depends on the database: SQLite and PostgreSQL are read the same way.
"""

import datetime
import logging
import threading

from django.db import connections
from django.db.models import Case, F, Value, When
from django.utils import timezone

from . import cleaning
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
        self.builder: threading.Thread | None = None  # the background build, if any
        self.building = threading.Lock()  # one build at a time, in whichever thread

    def reset(self) -> None:
        """Forget everything: the next sync rebuilds from the database."""
        with self.lock:
            self.index = BM25Index()
            self.synced_at = None
            self.seen = {}
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
        rows = Claim.objects.order_by().values_list("id", "updated_at", "withdrawn_at", "text")
        for claim_id, updated_at, withdrawn_at, text in rows.iterator(chunk_size=CHUNK):
            if updated_at >= horizon:
                seen[claim_id] = updated_at
            if withdrawn_at is None:
                index.put(claim_id, cleaning.terms(text), signature=hash(text))
        index.refresh_impacts()
        with self.lock:
            if self.synced_at is None:
                self.index, self.seen, self.synced_at = index, seen, started

    def _catch_up(self) -> None:
        """Read the claims written since the previous sync (the lock is held)."""
        from claims.models import Claim  # the models import this app's querysets

        started = timezone.now()
        claims = Claim.objects.order_by().filter(updated_at__gte=self.synced_at - SYNC_MARGIN)
        # The text of the claims stamped since the previous sync started only.
        fresh = When(updated_at__gte=self.synced_at, then=F("text"))
        rows = claims.values_list(
            "id", "updated_at", "withdrawn_at", Case(fresh, default=Value(None))
        )
        # The next sync's margin starts here: what it will read again is remembered.
        horizon = started - SYNC_MARGIN
        late = []
        for claim_id, updated_at, withdrawn_at, text in rows:
            if text is None:  # stamped before the previous sync started
                if self.seen.get(claim_id) != updated_at:
                    late.append(claim_id)
                continue
            self._read(claim_id, updated_at, withdrawn_at, text, horizon)
        if late:
            late_rows = Claim.objects.filter(pk__in=late).order_by()
            fields = ("id", "updated_at", "withdrawn_at", "text")
            for row in late_rows.values_list(*fields):
                self._read(*row, horizon)
        self.seen = {pk: at for pk, at in self.seen.items() if at >= horizon}
        self.synced_at = started

    def _read(self, claim_id, updated_at, withdrawn_at, text, horizon) -> None:
        """Bring one claim of the database into the index, and remember it if it was
        stamped since ``horizon``."""
        if updated_at >= horizon:
            self.seen[claim_id] = updated_at
        if withdrawn_at is not None:
            self.index.remove(claim_id)
        elif not self.index.holds(claim_id, signature := hash(text)):
            self.index.put(claim_id, cleaning.terms(text), signature=signature)

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


claim_index = ClaimIndex()
