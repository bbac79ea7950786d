"""The process's BM25 index of current claims, kept in step with the database.

The database is the record; the index is a cache of it, one per process. The first match in
a process reads every current claim's text (one streamed query) and indexes it. Every later
match first reads the claims written since the previous sync started, less a margin
(``SYNC_MARGIN``) that covers a transaction committing after the time it stamped: one
query, on the ``updated_at`` index, that returns nothing when nothing changed lately. A claim
whose text changed is re-indexed; one withdrawn leaves the index; one reinstated comes back.
A claim deleted outright is noticed when it is a candidate and the database no longer has it.

Nothing here depends on the database: SQLite and PostgreSQL are read the same way.
"""

import datetime
import threading

from django.utils import timezone

from . import cleaning
from .bm25 import BM25Index

# How far before the previous sync's start each sync reads.
SYNC_MARGIN = datetime.timedelta(seconds=30)
# Rows read per round trip when the index is built.
CHUNK = 2000


class ClaimIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.index = BM25Index()
        # When the last sync started, by this process's clock (``updated_at`` is stamped
        # by the clocks of the processes that write, with ``auto_now``).
        self.synced_at: datetime.datetime | None = None

    def reset(self) -> None:
        """Forget everything: the next sync rebuilds from the database."""
        with self.lock:
            self.index = BM25Index()
            self.synced_at = None

    def sync(self) -> None:
        """Bring the index up to date with the database: one query."""
        from claims.models import Claim  # the models import this app's querysets

        with self.lock:
            started = timezone.now()
            claims = Claim.objects.order_by()
            if self.synced_at is not None:
                claims = claims.filter(updated_at__gte=self.synced_at - SYNC_MARGIN)
            rows = claims.values_list("id", "text", "withdrawn_at")
            if self.synced_at is None:  # the whole record: streamed, not held in memory
                rows = rows.iterator(chunk_size=CHUNK)
            index = self.index
            for claim_id, text, withdrawn_at in rows:
                if withdrawn_at is not None:
                    index.remove(claim_id)
                elif not index.holds(claim_id, signature := hash(text)):
                    index.put(claim_id, cleaning.terms(text), signature=signature)
            self.synced_at = started

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
