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
        weight in the query), best first; never the claim ``exclude``."""
        live = len(self.slot_of)
        if not live or not terms:
            return []
        average = self.total_length / live or 1.0
        lengths = np.frombuffer(self.lengths, dtype=np.uint32).astype(np.float32)
        norm = K1 * (1 - B + B * lengths / average)
        scores = np.zeros(len(self.ids), dtype=np.float32)
        for term, query_weight in terms.items():
            if term not in self.postings:
                continue
            slots, counts = self.postings[term]
            s = np.frombuffer(slots, dtype=np.uint32)
            tf = np.frombuffer(counts, dtype=np.uint16).astype(np.float32)
            weight = self.idf(term) * query_weight
            scores[s] += weight * tf * (K1 + 1) / (tf + norm[s])
            del s, tf
        scores *= np.frombuffer(self.alive, dtype=np.int8)
        if exclude in self.slot_of:
            scores[self.slot_of[exclude]] = 0
        n = min(n, int(np.count_nonzero(scores)))
        if n <= 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        ids = np.frombuffer(self.ids, dtype=np.int64)
        return [(int(ids[slot]), float(scores[slot])) for slot in top]
