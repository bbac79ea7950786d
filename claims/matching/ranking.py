"""Ranking claims against a text: BM25 candidates, then a re-ranking stage.

1. The query: the cleaned text's terms (a term repeated counts a little more), and the
   terms of an embedded tweet's signature at half weight (who tweeted is often who the
   claim is about: "Newt Gingrich tweeted…").
2. BM25 over the claims' texts (``store.claim_index``) gives ``CANDIDATES`` candidates.
3. Each candidate is re-scored by a logistic model over its signals: BM25 (absolute and
   relative to the best candidate), the embeddings' cosine similarity and token match
   (``embedding``), the numbers (a claim
   whose numbers differ from the text's, 3,500 against 35,000, scores lower) and the names
   (both naming someone and no one in common lowers the score, a little: BM25 and the
   embeddings weigh names already).
   Relative features (to the best candidate's BM25 and similarity) let the model compare
   the candidates of one query with each other.
   The model's probability is the score, in 0–1; its weights were fitted on the CheckThat!
   2022 training split (docs/matching.md).
"""

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from . import cleaning, embedding

CANDIDATES = 50
AUTHOR_WEIGHT = 0.5

# The logistic model: the intercept, then one weight per feature (``assess``), fitted by
# logistic regression on the top-50 candidates of the training split's tweets
# (``manage.py fit_matching_weights``). The actor veto's weight is set, not fitted: given
# BM25 and the embeddings, which weigh names already, the fit gives it almost none (-0.04);
# -0.3 is the strongest (in steps of 0.1) that costs the training split less than one tweet
# of MAP@5, and keeps the veto meaningful.
INTERCEPT = -15.155
WEIGHTS = {
    "bm25_relative": 7.971,
    "bm25_log": 1.916,
    "embedding": 1.362,
    "embedding_relative": 7.036,
    "number_conflict": -0.668,
    "number_agreement": 0.566,
    "actor_conflict": -0.3,
    "token_match": 3.036,
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


@dataclass(frozen=True)
class Profile:
    """What the re-ranker reads of a claim's text, worked out once per text. Its terms are
    worked out when asked: only the signals of the candidates shown name them."""

    text: str
    numbers: frozenset
    amounts: frozenset
    names: frozenset

    @classmethod
    def of(cls, text: str) -> "Profile":
        numbers = cleaning.numbers(text)
        return cls(
            text,
            frozenset(numbers),
            frozenset(cleaning.quantities(numbers)),
            frozenset(cleaning.names(text)),
        )

    @functools.cached_property
    def terms(self) -> frozenset:
        return frozenset(cleaning.terms(self.text))


@dataclass
class Candidate:
    claim_id: int
    text: str
    bm25: float
    features: dict[str, float] = field(default_factory=dict)
    logit: float = 0.0
    # Set by ``assess``, for ``signals``.
    query: Query | None = None
    profile: Profile | None = None
    # When ``text`` is not the claim's own but one of its extra texts (``texts``) that
    # matches the query better: {"kind": its source's name, "text": it}.
    found_through: dict | None = None

    @property
    def score(self) -> float:
        return 1 / (1 + math.exp(-self.logit))

    @property
    def signals(self) -> dict:
        """Why the candidate scored what it did: worked out when asked, for the candidates
        shown (a handful of the fifty assessed)."""
        query, profile, features = self.query, self.profile, self.features
        query_amounts = cleaning.quantities(query.numbers)
        both_amounts = bool(query_amounts and profile.amounts)
        both_names = bool(query.names and profile.names)
        return {
            "shared_terms": sorted(set(query.terms) & profile.terms),
            "numbers": {
                "text": _number_list(query.numbers),
                "claim": _number_list(profile.numbers),
                "agree": not features["number_conflict"] if both_amounts else None,
            },
            "actors": {
                "shared": sorted(query.names & profile.names),
                "claim_only": sorted(profile.names - query.names if query.names else set()),
                "agree": not features["actor_conflict"] if both_names else None,
            },
            "stages": {
                "bm25": round(self.bm25, 4),
                "bm25_relative": round(features["bm25_relative"], 4),
                "embedding": round(features["embedding"], 4),
                "token_match": round(features["token_match"], 4),
            },
            "found_through": self.found_through,
        }


def _number_list(values) -> list[str]:
    return sorted((format(value, "f") for value in values), key=lambda s: (len(s), s))


def assess(
    query: Query, candidates: list[Candidate], similarities, token_matches, profiles=None
) -> None:
    """Fill in each candidate's features and logit, given the query's similarity and token
    match to each (``embedding.compare``). ``profiles`` ({claim id: Profile}), when given,
    keeps each text's profile for the next call (a batch meets a claim many times)."""
    best = max((c.bm25 for c in candidates), default=0.0) or 1.0
    closest = max((float(s) for s in similarities), default=0.0)
    query_amounts = cleaning.quantities(query.numbers)
    for candidate, similarity, token_match in zip(
        candidates, similarities, token_matches, strict=True
    ):
        profile = profiles.get(candidate.claim_id) if profiles is not None else None
        if profile is None:
            profile = Profile.of(candidate.text)
            if profiles is not None:
                profiles[candidate.claim_id] = profile
        # The veto: amounts (years aside) on both sides, and none the same.
        conflict = bool(query_amounts and profile.amounts and not query_amounts & profile.amounts)
        # Both name someone, and no one in common.
        actor_conflict = bool(query.names and profile.names and not query.names & profile.names)
        candidate.query, candidate.profile = query, profile
        candidate.features = {
            "bm25_relative": candidate.bm25 / best,
            "bm25_log": math.log1p(candidate.bm25),
            "embedding": float(similarity),
            "embedding_relative": float(similarity) - closest,
            "number_conflict": float(conflict),
            "number_agreement": float(bool(query.numbers & profile.numbers)),
            "actor_conflict": float(actor_conflict),
            "token_match": float(token_match),
        }
        candidate.logit = INTERCEPT + sum(
            WEIGHTS[name] * value for name, value in candidate.features.items()
        )


def rerank(query: Query, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` re-scored and sorted, best first."""
    if not candidates:
        return []
    assess(query, candidates, *embedding.compare_texts(query.text, [c.text for c in candidates]))
    return sorted(candidates, key=lambda c: -c.logit)
