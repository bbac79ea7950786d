"""Has this been checked before? Claims ranked by how closely they match a text.

``match_claims(text, limit)`` cleans ``text`` (a tweet, a post, a quote), takes BM25
candidates from the process's index of current claims (``store``) and re-ranks them
(``ranking``). It runs two queries whatever ``limit`` is: the index's sync, and the read of
the candidates. A claim is also found by the texts the apps above register for it
(``texts``: the headlines of fact-checks of it published elsewhere); a candidate is then
re-ranked on whichever of its texts shares most with the query. See docs/matching.md.
"""

from dataclasses import dataclass

from django.conf import settings

from . import cleaning, embedding
from .ranking import CANDIDATES, Candidate, Query, assess, parse, rerank
from .store import claim_index

# What the apps above use to register a claim's extra texts, and to say they changed.
from .texts import TextSource as TextSource
from .texts import register as register
from .texts import texts_changed as texts_changed

# Claims read per query when ``match_claims_of`` reads its candidates' texts.
READ_CHUNK = 2000

MAX_LIMIT = CANDIDATES
# BM25 candidates re-ranked for a claim's duplicate candidates (``similar_claims``, the match
# queue): a duplicate is among a claim's closest few, and the re-ranker's relative features
# need only the best of them.
SIMILAR_CANDIDATES = 20


@dataclass
class Match:
    claim: object  # a Claim
    score: float
    signals: dict


def has_terms(text: str) -> bool:
    """Whether ``text`` has anything to match once cleaned."""
    return bool(cleaning.terms(cleaning.clean(text)))


def match_claims(
    text: str,
    limit: int = 10,
    *,
    claims=None,
    exclude=frozenset(),
    wait: float | None = None,
    candidates: int = CANDIDATES,
) -> list[Match]:
    """The current claims that best match ``text``, best first, at most ``limit``.

    ``wait``: how long a first match waits for the index to be built in the background
    (``store.ClaimIndex.sync``; ``CLAIMS_MATCH_BUILD_WAIT`` by default, 0 to build it here);
    past it, ``IndexBuilding``.

    ``claims`` is the queryset the candidates are read from (its shape is the caller's: what
    its representation needs); by default ``Claim.objects.all()``. The claims of ``exclude``
    (ids) are left out before the candidates are re-ranked: a claim matched against its own
    text would otherwise be the best candidate, and every other one would score as second
    best to it. ``candidates`` is how many BM25 candidates are re-ranked.
    """
    from claims.models import Claim  # the models import this app's querysets

    claim_index.sync(wait=settings.CLAIMS_MATCH_BUILD_WAIT if wait is None else wait)
    query = parse(text, known=claim_index.knows)
    if not query.terms:
        return []
    hits = claim_index.search(query.terms, candidates + len(exclude))
    hits = [(pk, score) for pk, score in hits if pk not in exclude][:candidates]
    if not hits:
        return []
    claims = (Claim.objects.all() if claims is None else claims).current()
    found = {claim.pk: claim for claim in claims.filter(pk__in=[pk for pk, _ in hits])}
    gone = [pk for pk, _ in hits if pk not in found]
    if gone:  # deleted since they were indexed
        claim_index.forget(gone)
    candidates = [candidate(query, pk, found[pk].text, bm25) for pk, bm25 in hits if pk in found]
    ranked = rerank(query, candidates)[:limit]
    return [Match(found[c.claim_id], c.score, c.signals) for c in ranked]


def candidate(query: Query, claim_id: int, text: str, bm25: float) -> Candidate:
    """The claim as a candidate of ``query``: re-ranked on its own text, or on the extra text
    of it that shares more of the query's terms (weighed as the query weighs them)."""
    extras = claim_index.extras_of(claim_id)
    if not extras:
        return Candidate(claim_id, text, bm25)

    def shared(other: str) -> float:
        return sum(query.terms.get(term, 0.0) for term in set(cleaning.terms(other)))

    best, through = shared(text), None
    for source, extra in extras:
        if (score := shared(extra)) > best:
            best, through = score, {"kind": source, "text": extra}
    if through is None:
        return Candidate(claim_id, text, bm25)
    return Candidate(claim_id, through["text"], bm25, found_through=through)


def similar_claims(claim, limit: int = 5, *, claims=None, wait: float | None = None) -> list[Match]:
    """The other current claims that best match ``claim``'s text: its duplicate candidates,
    from the best ``SIMILAR_CANDIDATES`` by BM25 (a claim's duplicate is among its closest few,
    as for the match queue; this runs on every write)."""
    if not has_terms(claim.text):
        return []
    return match_claims(
        claim.text,
        limit,
        claims=claims,
        exclude={claim.pk},
        wait=wait,
        candidates=SIMILAR_CANDIDATES,
    )


def match_claims_of(
    texts: dict[int, str], limit: int = 10, *, candidates: int = CANDIDATES
) -> dict[int, list[tuple]]:
    """For each claim of ``texts`` (its id and text), the other current claims that best
    match it, best first, at most ``limit``: ``{id: [(other id, score, signals, other's
    text), ...]}``.

    Each claim is left out of its own candidates before they are re-ranked, so the
    re-ranker's relative features compare the others with each other, not with the claim
    itself. The candidates' texts are read in a few queries for the whole batch (not one per
    claim), and every text is embedded once per batch. ``candidates`` is how many BM25
    candidates each claim re-ranks (the relative features need only the best of them).
    A candidate found through its extra texts is re-ranked on its own text: the pairs are
    of claims that say the same.
    """
    from claims.models import Claim  # the models import this app's querysets

    claim_index.sync()
    queries, hits_of = {}, {}
    with claim_index.lock:
        index = claim_index.index
        for claim_id, text in texts.items():
            query = parse(text, known=lambda term: term in index.postings)
            if not query.terms:
                continue
            hits = index.search(query.terms, candidates, exclude=claim_id)
            if hits:
                queries[claim_id], hits_of[claim_id] = query, hits
    wanted = sorted({pk for hits in hits_of.values() for pk, _ in hits})
    found = {}
    for start in range(0, len(wanted), READ_CHUNK):
        chunk = wanted[start : start + READ_CHUNK]
        found.update(Claim.objects.current().filter(pk__in=chunk).values_list("pk", "text"))
    gone = [pk for pk in wanted if pk not in found]
    if gone:  # deleted or withdrawn since they were indexed
        claim_index.forget(gone)
    if not queries:
        return {}
    encoded = dict(zip(found, embedding.encode(list(found.values())), strict=True))
    asked = embedding.encode([query.text for query in queries.values()])
    results, profiles = {}, {}
    for (claim_id, query), query_encoded in zip(queries.items(), asked, strict=True):
        ranking = [
            Candidate(pk, found[pk], score) for pk, score in hits_of[claim_id] if pk in found
        ]
        if not ranking:
            results[claim_id] = []
            continue
        compared = embedding.compare(query_encoded, [encoded[c.claim_id] for c in ranking])
        assess(query, ranking, *compared, profiles)
        ranked = sorted(ranking, key=lambda c: -c.logit)[:limit]
        results[claim_id] = [(c.claim_id, c.score, c.signals, c.text) for c in ranked]
    return results
