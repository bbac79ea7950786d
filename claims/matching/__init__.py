"""Has this been checked before? Claims ranked by how closely they match a text.

``match_claims(text, limit)`` cleans ``text`` (a tweet, a post, a quote), takes BM25
candidates from the process's index of current claims (``store``) and re-ranks them
(``ranking``). It runs two queries whatever ``limit`` is: the index's sync, and the read of
the candidates. See docs/matching.md.
"""

from dataclasses import dataclass

from . import cleaning
from .ranking import CANDIDATES, Candidate, parse, rerank
from .store import claim_index

MAX_LIMIT = CANDIDATES


@dataclass
class Match:
    claim: object  # a Claim
    score: float
    signals: dict


def has_terms(text: str) -> bool:
    """Whether ``text`` has anything to match once cleaned."""
    return bool(cleaning.terms(cleaning.clean(text)))


def match_claims(text: str, limit: int = 10, *, claims=None) -> list[Match]:
    """The current claims that best match ``text``, best first, at most ``limit``.

    ``claims`` is the queryset the candidates are read from (its shape is the caller's: what
    its representation needs); by default ``Claim.objects.all()``.
    """
    from claims.models import Claim  # the models import this app's querysets

    claim_index.sync()
    query = parse(text, known=claim_index.knows)
    if not query.terms:
        return []
    hits = claim_index.search(query.terms, CANDIDATES)
    if not hits:
        return []
    claims = (Claim.objects.all() if claims is None else claims).current()
    found = {claim.pk: claim for claim in claims.filter(pk__in=[pk for pk, _ in hits])}
    gone = [pk for pk, _ in hits if pk not in found]
    if gone:  # deleted since they were indexed
        claim_index.forget(gone)
    candidates = [Candidate(pk, found[pk].text, bm25) for pk, bm25 in hits if pk in found]
    ranked = rerank(query, candidates)[:limit]
    return [Match(found[c.claim_id], c.score, c.signals) for c in ranked]


def similar_claims(claim, limit: int = 5, *, claims=None) -> list[Match]:
    """The other current claims that best match ``claim``'s text: its duplicate candidates."""
    if not has_terms(claim.text):
        return []
    matches = match_claims(claim.text, limit + 1, claims=claims)
    return [match for match in matches if match.claim.pk != claim.pk][:limit]
