"""An in-memory BM25 index of claim texts: compact postings, updated in place.

Each term has two growing arrays: the slots of the documents holding it and how often it
occurs there (``array('I')`` and ``array('H')``, six bytes a posting). A document has a slot;
changing a document retires its slot (``alive``) and gives it a new one, and the index
compacts itself when a fifth of its slots are retired. Searching scores, with numpy, only the
postings of the query's terms: on a million claims of some twenty terms each the index
holds about 20M postings (some 120 MB) and a query touches a few thousand of them.

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
# A term with more postings than this is scored only for the documents that can still
# reach the top (``BM25Index.search``); rarer terms are cheaper to score outright.
PRUNE_FROM = 4096
# Looking a document up in a posting list costs about as much as reading this many postings.
LOOKUP_COST = 16


class BM25Index:
    def __init__(self):
        self.postings: dict[str, tuple[array, array]] = {}
        self.ids = array("q")  # slot -> claim id
        self.lengths = array("I")  # slot -> number of terms
        self.alive = array("b")  # slot -> 1 while current
        self.slot_of: dict[int, int] = {}  # claim id -> its live slot
        self.signature: dict[int, int] = {}  # claim id -> hash of what was indexed
        self.total_length = 0
        self.retired = 0

    def __len__(self) -> int:
        return len(self.slot_of)

    def holds(self, claim_id: int, signature: int) -> bool:
        """Whether the claim is indexed, as it was when it had ``signature``."""
        return self.signature.get(claim_id) == signature

    def put(self, claim_id: int, terms: list[str], signature: int | None = None) -> bool:
        """Index ``terms`` as the claim's text (replacing what it had); False if unchanged."""
        if signature is not None and self.signature.get(claim_id) == signature:
            return False
        self.remove(claim_id)
        slot = len(self.ids)
        self.ids.append(claim_id)
        self.lengths.append(len(terms))
        self.alive.append(1)
        self.slot_of[claim_id] = slot
        if signature is not None:
            self.signature[claim_id] = signature
        self.total_length += len(terms)
        for term, count in Counter(terms).items():
            slots, counts = self.postings.get(term) or self.postings.setdefault(
                term, (array("I"), array("H"))
            )
            slots.append(slot)
            counts.append(min(count, 65535))
        return True

    def remove(self, claim_id: int) -> None:
        slot = self.slot_of.pop(claim_id, None)
        self.signature.pop(claim_id, None)
        if slot is None:
            return
        self.alive[slot] = 0
        self.total_length -= self.lengths[slot]
        self.retired += 1
        if self.retired > 1000 and self.retired * 5 > len(self.ids):
            self.compact()

    def compact(self) -> None:
        """Drop the retired slots from every posting list, renumbering the live ones."""
        alive = np.frombuffer(self.alive, dtype=np.int8).astype(bool)
        renumber = np.cumsum(alive) - 1
        postings = {}
        for term, (slots, counts) in self.postings.items():
            s = np.frombuffer(slots, dtype=np.uint32)
            keep = alive[s]
            if keep.any():
                postings[term] = (
                    array("I", renumber[s[keep]].astype(np.uint32).tobytes()),
                    array("H", np.frombuffer(counts, dtype=np.uint16)[keep].tobytes()),
                )
        ids = np.frombuffer(self.ids, dtype=np.int64)[alive]
        lengths = np.frombuffer(self.lengths, dtype=np.uint32)[alive]
        self.postings = postings
        self.ids = array("q", ids.tobytes())
        self.lengths = array("I", lengths.tobytes())
        self.alive = array("b", bytes([1]) * len(ids))
        self.slot_of = {int(claim_id): slot for slot, claim_id in enumerate(ids)}
        self.retired = 0

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
        weight in the query), best first; never the claim ``exclude``.

        Exact, but most of a common term's postings are never read (the "MaxScore" idea):
        the terms are scored rarest first into a dense array of partial scores; once the
        ``n``-th best partial score is at least the most the remaining (common) terms could
        add to a document, no document they alone hold can reach the top ``n``, so they are
        only looked up, by binary search in their sorted postings, for the documents that
        can still get there.
        """
        live = len(self.slot_of)
        if not live or not terms or n <= 0:
            return []
        average = self.total_length / live or 1.0
        lengths = np.frombuffer(self.lengths, dtype=np.uint32)
        alive = np.frombuffer(self.alive, dtype=np.int8)
        excluded = self.slot_of.get(exclude, -1) if exclude is not None else -1
        known = sorted(
            (len(self.postings[term][0]), term, self.idf(term) * weight)
            for term, weight in terms.items()
            if term in self.postings and weight > 0
        )
        known = [(term, weight) for _, term, weight in known if weight > 0]
        if not known:
            return []
        # ceiling[i]: the most the terms from the i-th on can add to any document's score
        ceiling = np.cumsum([weight * (K1 + 1) for _, weight in reversed(known)])[::-1]
        scores = np.zeros(len(self.ids), dtype=np.float32)
        best = 0.0  # the best partial score so far: the n-th best is at most that
        retry_below = math.inf  # after a failed check, wait for the ceiling to fall
        for i, (term, weight) in enumerate(known):
            slots = np.frombuffer(self.postings[term][0], dtype=np.uint32)
            if len(slots) > PRUNE_FROM and ceiling[i] <= min(best, retry_below):
                candidates = self._live(np.flatnonzero(scores), alive, excluded)
                if len(candidates) >= n:
                    floor = -np.partition(-scores[candidates], n - 1)[n - 1]
                    if floor >= ceiling[i]:
                        reachable = candidates[scores[candidates] + ceiling[i] >= floor]
                        for rest, rest_weight in known[i:]:
                            self._add(scores, rest, rest_weight, lengths, average, reachable)
                        return self._best(scores, reachable, n)
                retry_below = ceiling[i] * 0.75
            self._add(scores, term, weight, lengths, average)
            best = max(best, float(scores[slots].max()))
        candidates = self._live(np.flatnonzero(scores), alive, excluded)
        return self._best(scores, candidates, n)

    @staticmethod
    def _contribution(weight, counts, lengths, average):
        tf = counts.astype(np.float32)
        return weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths / average))

    @staticmethod
    def _live(slots, alive, excluded):
        slots = slots[alive[slots] == 1]
        return slots[slots != excluded] if excluded >= 0 else slots

    def _add(self, scores, term, weight, lengths, average, among=None):
        """Add ``term``'s share to the scores of the documents holding it; with ``among``
        (sorted slots), of those of them only, when looking them up costs less than
        reading all the term's postings."""
        postings, counts = self.postings[term]
        postings = np.frombuffer(postings, dtype=np.uint32)
        counts = np.frombuffer(counts, dtype=np.uint16)
        if among is not None and len(among) * LOOKUP_COST < len(postings):
            at = np.minimum(np.searchsorted(postings, among), len(postings) - 1)
            held = postings[at] == among
            postings, counts = among[held], counts[at[held]]
        scores[postings] += self._contribution(weight, counts, lengths[postings], average)

    def _best(self, scores, slots, n):
        values = scores[slots]
        n = min(n, int(np.count_nonzero(values)))
        if n <= 0:
            return []
        top = np.argpartition(-values, n - 1)[:n]
        top = top[np.argsort(-values[top], kind="stable")]
        ids = np.frombuffer(self.ids, dtype=np.int64)
        return [(int(ids[slots[i]]), float(values[i])) for i in top]
