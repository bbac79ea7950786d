"""An in-memory BM25 index of claim texts: compact postings, updated in place.

Each term has three growing arrays, one entry per document holding it: the document's slot
(``array('q')``, the integer type numpy indexes with, so a query never converts them), how
often the term occurs there (``array('B')``, capped at 255) and its *impact*, the BM25 weight
of those occurrences in a document of that length, idf aside (``array('f')``). A query adds
``idf × impact`` over its terms' postings into one array of scores and keeps the best: some
thirteen bytes and a few nanoseconds a posting, with no per-query arithmetic over the lengths.

The impacts depend on the average document length; they are computed with the average of
when they were written and all computed again, in one pass, when the average has moved by
more than ``IMPACT_DRIFT`` (at the first search after the index is built, rarely after).

A document has a slot; changing a document retires its slot (``alive``) and gives it a new
one, and the index compacts itself when a fifth of its slots are retired.

The index is not thread-safe by itself: ``claims.matching.store`` holds a lock around it.
"""

import math
from array import array
from collections import Counter

import numpy as np

# Chosen on the CheckThat! training split (docs/matching.md): claims and posts are short,
# and a long claim is rarely less about its subject than a short one.
K1 = 0.9
B = 0.5
# How far (a share of it) the average length may move before the impacts are recomputed.
IMPACT_DRIFT = 0.01
# A slot's signature when none was given: a value Python's ``hash`` never returns.
NO_SIGNATURE = -1


def _impacts(counts, lengths, average):
    """The BM25 weight, idf aside, of ``counts`` occurrences in documents of ``lengths``."""
    counts = np.asarray(counts, dtype=np.float32)
    return counts * (K1 + 1) / (counts + K1 * (1 - B + B * np.asarray(lengths) / average))


class BM25Index:
    def __init__(self):
        self.postings: dict[str, tuple[array, array, array]] = {}
        self.ids = array("q")  # slot -> claim id
        self.lengths = array("I")  # slot -> number of terms
        self.alive = array("b")  # slot -> 1 while current
        # slot -> hash of what was indexed (NO_SIGNATURE: none given): 8 bytes a claim, where
        # a dictionary of a million took 40 MB more.
        self.signatures = array("q")
        self.retired_slots = array("q")
        self.slot_of: dict[int, int] = {}  # claim id -> its live slot
        self.total_length = 0
        self.impact_average = 0.0  # the average length the impacts were computed with

    def __len__(self) -> int:
        return len(self.slot_of)

    @property
    def average_length(self) -> float:
        return self.total_length / len(self.slot_of) if self.slot_of else 0.0

    def holds(self, claim_id: int, signature: int) -> bool:
        """Whether the claim is indexed, as it was when it had ``signature``."""
        slot = self.slot_of.get(claim_id)
        return slot is not None and signature != NO_SIGNATURE and self.signatures[slot] == signature

    def put(self, claim_id: int, terms: list[str], signature: int | None = None) -> bool:
        """Index ``terms`` as the claim's text (replacing what it had); False if unchanged.

        ``signature`` (a hash of the text, never -1, which Python's ``hash`` never gives)
        tells an unchanged text without comparing terms."""
        if signature is not None and self.holds(claim_id, signature):
            return False
        self.remove(claim_id)
        slot = len(self.ids)
        self.ids.append(claim_id)
        self.lengths.append(len(terms))
        self.alive.append(1)
        self.signatures.append(NO_SIGNATURE if signature is None else signature)
        self.slot_of[claim_id] = slot
        self.total_length += len(terms)
        counted = {term: min(count, 255) for term, count in Counter(terms).items()}
        # Before the first search (while the index is built) the impacts wait for it.
        average = self.impact_average
        weights = (
            _impacts(list(counted.values()), len(terms), average).tolist()
            if average
            else [0.0] * len(counted)
        )
        for (term, count), impact in zip(counted.items(), weights, strict=True):
            slots, counts, impacts = self.postings.get(term) or self.postings.setdefault(
                term, (array("q"), array("B"), array("f"))
            )
            slots.append(slot)
            counts.append(count)
            impacts.append(impact)
        return True

    def remove(self, claim_id: int) -> None:
        slot = self.slot_of.pop(claim_id, None)
        if slot is None:
            return
        self.alive[slot] = 0
        self.retired_slots.append(slot)
        self.total_length -= self.lengths[slot]
        retired = len(self.retired_slots)
        if retired > 1000 and retired * 5 > len(self.ids):
            self.compact()

    def compact(self) -> None:
        """Drop the retired slots from every posting list, renumbering the live ones."""
        alive = np.frombuffer(self.alive, dtype=np.int8).astype(bool)
        renumber = np.cumsum(alive) - 1
        postings = {}
        for term, (slots, counts, impacts) in self.postings.items():
            s = np.frombuffer(slots, dtype=np.int64)
            keep = alive[s]
            if keep.any():
                postings[term] = (
                    array("q", renumber[s[keep]].astype(np.int64).tobytes()),
                    array("B", np.frombuffer(counts, dtype=np.uint8)[keep].tobytes()),
                    array("f", np.frombuffer(impacts, dtype=np.float32)[keep].tobytes()),
                )
        ids = np.frombuffer(self.ids, dtype=np.int64)[alive]
        lengths = np.frombuffer(self.lengths, dtype=np.uint32)[alive]
        signatures = np.frombuffer(self.signatures, dtype=np.int64)[alive]
        self.postings = postings
        self.ids = array("q", ids.tobytes())
        self.lengths = array("I", lengths.tobytes())
        self.signatures = array("q", signatures.tobytes())
        self.alive = array("b", bytes([1]) * len(ids))
        self.slot_of = {int(claim_id): slot for slot, claim_id in enumerate(ids)}
        self.retired_slots = array("q")

    def refresh_impacts(self) -> None:
        """Compute every impact again if the average length has moved too far since."""
        average = self.average_length
        if not average or abs(average - self.impact_average) <= IMPACT_DRIFT * average:
            return
        lengths = np.frombuffer(self.lengths, dtype=np.uint32).astype(np.float32)
        for slots, counts, impacts in self.postings.values():
            s = np.frombuffer(slots, dtype=np.int64)
            fresh = _impacts(np.frombuffer(counts, dtype=np.uint8), lengths[s], average)
            np.frombuffer(impacts, dtype=np.float32)[:] = fresh
        self.impact_average = average

    def idf(self, term: str) -> float:
        """Robertson–Spärck Jones idf, floored at 0. Until the next compaction the retired
        slots count, as documents and in the postings: a small bias, and a consistent one."""
        n = len(self.ids)
        df = len(self.postings[term][0]) if term in self.postings else 0
        return max(0.0, math.log(1 + (n - df + 0.5) / (df + 0.5)))

    def search(
        self, terms: dict[str, float], n: int, *, exclude: int | None = None
    ) -> list[tuple[int, float]]:
        """The ``n`` best (claim id, BM25 score) for the query ``terms`` (each with its
        weight in the query), best first; never the claim ``exclude``."""
        if not self.slot_of or not terms or n <= 0:
            return []
        self.refresh_impacts()
        scores = np.zeros(len(self.ids), dtype=np.float32)
        rarest = None  # the slots of the query's rarest term held by more than n documents
        for term, query_weight in terms.items():
            postings = self.postings.get(term)
            if postings is None:
                continue
            weight = np.float32(self.idf(term) * query_weight)
            slots = np.frombuffer(postings[0], dtype=np.int64)
            scores[slots] += weight * np.frombuffer(postings[2], dtype=np.float32)
            if len(slots) > n and (rarest is None or len(slots) < len(rarest)):
                rarest = slots
        if self.retired_slots:
            scores[np.frombuffer(self.retired_slots, dtype=np.int64)] = 0
        if exclude in self.slot_of:
            scores[self.slot_of[exclude]] = 0
        return self._best(scores, n, rarest)

    def _best(self, scores, n: int, rarest) -> list[tuple[int, float]]:
        """The ``n`` best slots' (claim id, score), best first, leaving out zeros.

        The ``n``-th best score among the documents of one term (``rarest``) is at most the
        ``n``-th best of all, so only the documents scoring at least that are sorted: a
        comparison over the array instead of a partition of it.
        """
        floor = 0.0
        if rarest is not None:
            among = scores[rarest]
            floor = float(np.partition(among, len(among) - n)[len(among) - n])
        contenders = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores)
        n = min(n, len(contenders))
        if n <= 0:
            return []
        values = scores[contenders]
        top = np.argpartition(-values, n - 1)[:n]
        top = top[np.argsort(-values[top], kind="stable")]
        ids = np.frombuffer(self.ids, dtype=np.int64)
        return [(int(ids[contenders[i]]), float(values[i])) for i in top]
