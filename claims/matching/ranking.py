"""Ranking claims against a text: BM25 candidates, then a re-ranking stage.

1. The query: the cleaned text's terms (a term repeated counts a little more), and the
   terms of an embedded tweet's signature at half weight (who tweeted is often who the
   claim is about: "Newt Gingrich tweeted…").
2. BM25 over the claims' texts (``store.claim_index``) gives ``CANDIDATES`` candidates.
3. Each candidate is re-scored by a logistic model over its signals: BM25 (absolute and
   relative to the best candidate), the embeddings' cosine similarity, the numbers (a claim
   whose numbers differ from the text's, 3,500 against 35,000, scores lower) and the names
   (both naming someone and no one in common lowers the score, a little: BM25 and the
   embeddings weigh names already).
   Relative features (to the best candidate's BM25 and similarity) let the model compare
   the candidates of one query with each other.
   The model's probability is the score, in 0–1; its weights were fitted on the CheckThat!
   2022 training split (docs/matching.md).
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from . import cleaning, embedding

CANDIDATES = 50
AUTHOR_WEIGHT = 0.5

# The logistic model: the intercept, then one weight per feature (``assess``), fitted by
# logistic regression on the top-50 candidates of the training split's tweets. The actor
# veto's weight is set, not fitted: given BM25 and the embeddings, which weigh names already,
# the fit gave it none; -0.5 changes neither split's MAP@5 and keeps the veto meaningful.
INTERCEPT = -14.169
WEIGHTS = {
    "bm25_relative": 7.741,
    "bm25_log": 1.953,
    "embedding": 2.117,
    "embedding_relative": 5.785,
    "number_conflict": -0.48,
    "number_agreement": 0.567,
    "actor_conflict": -0.5,
}


_SPLITTABLE = re.compile(r"\b[a-z]{6,40}\b")


def _split(word: str, known) -> str:
    if known(cleaning.stem(word)):
        return word
    pieces = cleaning.segment(word, known)
    return word if pieces is None else " ".join(pieces)


@dataclass
class Query:
    text: str  # cleaned
    terms: dict[str, float]
    numbers: set
    names: set


def parse(raw: str, known=None) -> Query:
    """The query of a raw text; ``known(term)``, the index's vocabulary, splits the words
    written as one ("sixflags") that it does not know but knows the parts of."""
    text = cleaning.clean(raw)
    if known is not None:
        text = _SPLITTABLE.sub(lambda m: _split(m.group(), known), text)
    weights = {term: 1 + 0.5 * (count - 1) for term, count in Counter(cleaning.terms(text)).items()}
    for term in cleaning.terms(cleaning.author(raw)):
        weights[term] = weights.get(term, 0.0) + AUTHOR_WEIGHT
    return Query(text, weights, cleaning.numbers(text), cleaning.names(text))


@dataclass
class Candidate:
    claim_id: int
    text: str
    bm25: float
    features: dict[str, float] = field(default_factory=dict)
    signals: dict = field(default_factory=dict)
    logit: float = 0.0

    @property
    def score(self) -> float:
        return 1 / (1 + math.exp(-self.logit))


def _number_list(values) -> list[str]:
    return sorted((format(value, "f") for value in values), key=lambda s: (len(s), s))


def assess(query: Query, candidates: list[Candidate], similarities) -> None:
    """Fill in each candidate's features, signals and logit."""
    best = max((c.bm25 for c in candidates), default=0.0) or 1.0
    closest = max((float(s) for s in similarities), default=0.0)
    for candidate, similarity in zip(candidates, similarities, strict=True):
        claim_terms = set(cleaning.terms(candidate.text))
        shared_terms = set(query.terms) & claim_terms
        numbers = cleaning.numbers(candidate.text)
        names = cleaning.names(candidate.text)
        shared_numbers = query.numbers & numbers
        # The veto: amounts (years aside) on both sides, and none the same.
        amounts, query_amounts = cleaning.quantities(numbers), cleaning.quantities(query.numbers)
        conflict = bool(query_amounts and amounts and not query_amounts & amounts)
        shared_names = query.names & names
        unshared_names = names - query.names if query.names else set()
        # Both name someone, and no one in common.
        actor_conflict = bool(query.names and names and not shared_names)
        candidate.features = {
            "bm25_relative": candidate.bm25 / best,
            "bm25_log": math.log1p(candidate.bm25),
            "embedding": float(similarity),
            "embedding_relative": float(similarity) - closest,
            "number_conflict": float(conflict),
            "number_agreement": float(bool(shared_numbers)),
            "actor_conflict": float(actor_conflict),
        }
        candidate.logit = INTERCEPT + sum(
            WEIGHTS[name] * value for name, value in candidate.features.items()
        )
        candidate.signals = {
            "shared_terms": sorted(shared_terms),
            "numbers": {
                "text": _number_list(query.numbers),
                "claim": _number_list(numbers),
                "agree": None if not (query_amounts and amounts) else not conflict,
            },
            "actors": {
                "shared": sorted(shared_names),
                "claim_only": sorted(unshared_names),
                "agree": None if not (query.names and names) else not actor_conflict,
            },
            "stages": {
                "bm25": round(candidate.bm25, 4),
                "bm25_relative": round(candidate.features["bm25_relative"], 4),
                "embedding": round(float(similarity), 4),
            },
        }


def rerank(query: Query, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` re-scored and sorted, best first."""
    if not candidates:
        return []
    similarities = embedding.similarities(query.text, [c.text for c in candidates])
    assess(query, candidates, similarities)
    return sorted(candidates, key=lambda c: -c.logit)
