"""The match queue: pairs of current claims the matcher finds alike, for someone to decide.

``find_match_candidates`` walks every current claim in chunks of ids (memory stays the same
whatever the size of the record), matches each chunk against the claim index
(``claims.matching.match_claims_of``) and records the pairs scoring at least the threshold
that are neither related as duplicates already (either way round) nor in the queue already,
whatever their status: a dismissed pair is never suggested again. ``confirm_match`` records
the pair as the same claim (a ``duplicate_of`` relation from the newer claim to the older
one) and ``dismiss_match`` sets it aside; each is one transaction, attributed in history.
"""

import gc
import multiprocessing
import queue
import traceback
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, reset_queries, transaction
from django.db.models import Q
from django.utils import timezone

from claims.choices import RelationKind
from claims.matching import SIMILAR_CANDIDATES, cleaning, embedding, match_claims_of
from claims.matching.store import claim_index
from claims.models import Claim, ClaimRelation
from claims.services import claim_relation_save
from core.history import acting_as, bulk_create_tracked
from core.services import instance_save

from .choices import MatchStatus
from .models import MatchCandidate

# The lowest score a pair is queued at. The score is the matcher's (a post against claims):
# between two claims, 0.9 and up are mostly the same claim reworded or dated differently,
# and from 0.7 to 0.9 mostly claims of the same kind about other places, numbers or dates.
# Pairs worded the same are queued whatever their score (``same_wording``).
THRESHOLD = 0.9
# The least similarity of the two claims' embeddings for a pair to be queued. Among the
# CheckThat! 2022 verified claims (Snopes' and others' wording of what they checked), the
# pairs scoring 0.9 and more were mostly the same topic told of someone else ("Amazon is
# giving out $200 gift cards" against "Macy's is giving out…": 0.73) below 0.85, and the
# same claim reworded above 0.88 ("hand dryers" against "hand blowers": 0.93).
MIN_SIMILARITY = 0.88
# The most candidates one claim contributes: a claim like many others (a template of the
# same claim about different people) must not flood the queue.
PER_CLAIM = 5
# Claims matched per batch: one read of their texts, one of their candidates' texts.
CHUNK = 500
FOUND_REASON = "found by matching"


@dataclass
class FindResult:
    claims: int = 0  # claims matched
    found: int = 0  # pairs at or above the threshold
    recorded: int = 0  # new candidates
    known: int = 0  # already in the queue, whatever their status
    related: int = 0  # already related as duplicates

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def find_match_candidates(
    *,
    threshold: float = THRESHOLD,
    progress=None,
    user=None,
    chunk: int = CHUNK,
    first_id: int | None = None,
    last_id: int | None = None,
    processes: int = 1,
) -> FindResult:
    """Queue every new pair of current claims scoring at least ``threshold``.

    Each claim from ``first_id`` to ``last_id`` (all by default) is matched against every
    current claim: runs over separate id ranges, in separate workers, share the work, and
    ``processes`` above 1 shares it out here (``_find_in_processes``). ``progress(done,
    total)`` is called after each chunk. Chunks are committed one by one: a run stopped
    halfway keeps what it found, and the next run skips it.
    """
    if not 0 <= threshold <= 1:
        raise ValidationError({"threshold": "The threshold lies between 0 and 1."})
    if processes < 1:
        raise ValidationError({"processes": "At least one process."})
    claims = _claims_between(first_id, last_id)
    if processes > 1 and not _in_memory_database():
        return _find_in_processes(
            claims, processes, threshold=threshold, progress=progress, user=user, chunk=chunk
        )
    total = claims.count()
    result = FindResult()
    after = 0
    while True:
        texts = dict(claims.filter(pk__gt=after).values_list("pk", "text")[:chunk])
        if not texts:
            break
        after = max(texts)
        _record_chunk(texts, threshold=threshold, user=user, result=result)
        # With DEBUG on, Django keeps each connection's last 9,000 queries: over a long run,
        # hundreds of megabytes of candidates' reads and the queue's inserts.
        reset_queries()
        result.claims += len(texts)
        if progress is not None:
            progress(result.claims, max(total, result.claims))
    return result


def _claims_between(first_id: int | None, last_id: int | None):
    claims = Claim.objects.current().order_by("pk")
    if first_id is not None:
        claims = claims.filter(pk__gte=first_id)
    if last_id is not None:
        claims = claims.filter(pk__lte=last_id)
    return claims


def _in_memory_database() -> bool:
    """An in-memory SQLite database (the tests'): a process of its own would not see it."""
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _find_in_processes(claims, processes: int, *, progress, user, **options) -> FindResult:
    """``find_match_candidates`` over ``claims`` shared out between ``processes`` forked
    processes, each matching a range of ids of about the same number of claims.

    The claim index is built (and the embeddings loaded) once, here, before forking: the
    processes share its memory, copy-on-write, rather than each building its own (some
    600 MB at a million claims). ``gc.freeze`` keeps the collector from writing to what is
    shared. Each process commits its own chunks and reports its progress; a process that
    fails stops the others, and its error is raised here.
    """
    total = claims.count()
    if not total:
        return FindResult()
    ids = claims.values_list("pk", flat=True)
    processes = min(processes, total)
    starts = [ids[total * part // processes] for part in range(1, processes)]
    lasts = [start - 1 for start in starts] + [ids.last()]
    ranges = list(zip([ids.first(), *starts], lasts, strict=True))
    claim_index.sync()
    embedding.unit_vectors()
    connections.close_all()  # each process opens its own
    gc.freeze()
    context = multiprocessing.get_context("fork")
    reports = context.Queue()
    workers = [
        context.Process(
            target=_find_in_process,
            args=(part, first, last, user.pk if user else None, options, reports),
            name=f"match-queue-{part}",
            daemon=True,
        )
        for part, (first, last) in enumerate(ranges)
    ]
    for worker in workers:
        worker.start()
    done, results = [0] * len(workers), {}
    try:
        while len(results) < len(workers):
            try:
                kind, part, value = reports.get(timeout=1)
            except queue.Empty:
                lost = [
                    w.name for n, w in enumerate(workers) if n not in results and not w.is_alive()
                ]
                if lost:
                    raise RuntimeError(f"{', '.join(lost)} ended without a result") from None
                continue
            if kind == "error":
                raise RuntimeError(f"match-queue-{part} failed:\n{value}")
            if kind == "result":
                results[part] = value
            else:
                done[part] = value
                if progress is not None:
                    progress(sum(done), max(total, sum(done)))
    finally:
        for worker in workers:
            if worker.is_alive() and len(results) < len(workers):
                worker.terminate()
            worker.join()
        gc.unfreeze()
    combined = FindResult()
    for counts in results.values():
        for name, value in counts.items():
            setattr(combined, name, getattr(combined, name) + value)
    return combined


def _find_in_process(part, first_id, last_id, user_id, options, reports) -> None:
    """A forked process's share of ``_find_in_processes``: its results, or its error, are
    sent back on ``reports``."""
    try:
        user = get_user_model().objects.get(pk=user_id) if user_id else None
        result = find_match_candidates(
            first_id=first_id,
            last_id=last_id,
            user=user,
            progress=lambda done, total: reports.put(("progress", part, done)),
            **options,
        )
        reports.put(("result", part, result.as_dict()))
    except BaseException:
        reports.put(("error", part, traceback.format_exc()))
    finally:
        connections.close_all()


def same_wording(text: str, other: str) -> bool:
    """The same words and numbers, once cleaned (case, accents, stopwords, links aside)."""
    text, other = cleaning.clean(text), cleaning.clean(other)
    return Counter(cleaning.terms(text)) == Counter(cleaning.terms(other)) and (
        cleaning.numbers(text) == cleaning.numbers(other)
    )


def alike(text: str, other: str, score: float, signals: dict, *, threshold: float) -> bool:
    """Whether two claims the matcher scored ``score`` may be the same claim: the score at
    the threshold, their embeddings close, and neither their amounts nor their years at
    odds (both state some, none in common: the same claim of another year is another)."""
    if score < threshold:
        return False
    if signals.get("stages", {}).get("embedding", 0.0) < MIN_SIMILARITY:
        return False
    numbers, others = cleaning.numbers(text), cleaning.numbers(other)
    amounts, other_amounts = cleaning.quantities(numbers), cleaning.quantities(others)
    return not (
        _at_odds(amounts, other_amounts) or _at_odds(numbers - amounts, others - other_amounts)
    )


def _at_odds(values: set, others: set) -> bool:
    return bool(values and others and not values & others)


def _record_chunk(texts: dict[int, str], *, threshold: float, user, result: FindResult) -> None:
    best: dict[tuple[int, int], tuple[float, dict]] = {}
    for claim_id, matches in match_claims_of(
        texts, limit=PER_CLAIM, candidates=SIMILAR_CANDIDATES
    ).items():
        for other_id, score, signals, other_text in matches:
            # The matcher's model was fitted on posts against claims: it scores two claims
            # worded the same as low as 0.8 when they are short and common. The same
            # wording is queued whatever the score.
            if same_wording(texts[claim_id], other_text):
                signals = {**signals, "same_wording": True}
            elif not alike(texts[claim_id], other_text, score, signals, threshold=threshold):
                continue
            pair = _pair(claim_id, other_id)
            if pair not in best or best[pair][0] < score:
                best[pair] = (score, signals)
    result.found += len(best)
    if not best:
        return
    for attempt in range(2):
        try:
            with transaction.atomic():
                _insert_new(best, user=user, result=result)
            return
        except IntegrityError:
            # Another run queued some of these pairs meanwhile: read them again, once.
            if attempt:
                raise


def _insert_new(best, *, user, result: FindResult) -> None:
    ids = {claim_id for pair in best for claim_id in pair}
    known = set()
    related = set()
    for start in range(0, len(ids), 1000):
        part = sorted(ids)[start : start + 1000]
        known.update(
            MatchCandidate.objects.filter(
                Q(first_claim__in=part) | Q(second_claim__in=part)
            ).values_list("first_claim_id", "second_claim_id")
        )
        related.update(
            _pair(a, b)
            for a, b in ClaimRelation.objects.filter(
                Q(from_claim__in=part) | Q(to_claim__in=part), kind=RelationKind.DUPLICATE_OF
            ).values_list("from_claim_id", "to_claim_id")
        )
    now = timezone.now()
    new = []
    for (first, second), (score, signals) in best.items():
        if (first, second) in known:
            result.known += 1
        elif (first, second) in related:
            result.related += 1
        else:
            new.append(
                MatchCandidate(
                    first_claim_id=first,
                    second_claim_id=second,
                    score=min(max(float(score), 0.0), 1.0),
                    signals=signals,
                    found_at=now,
                )
            )
    if new:
        bulk_create_tracked(new, MatchCandidate, user=user, reason=FOUND_REASON)
    result.recorded += len(new)


def _locked_open(candidate: MatchCandidate) -> MatchCandidate:
    """The candidate read again under a row lock; refused unless it is still open."""
    locked = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
    if locked.status != MatchStatus.OPEN:
        who = f" by {locked.decided_by}" if locked.decided_by else ""
        raise ValidationError(
            f"This pair was already {locked.get_status_display().lower()}{who}.",
            code="decided",
        )
    return locked


@transaction.atomic
def confirm_match(*, candidate: MatchCandidate, user, reason: str = "") -> MatchCandidate:
    """The two claims are the same claim: record the newer as a duplicate of the older."""
    locked = _locked_open(candidate)
    reason = reason.strip() or "confirmed in the match queue"
    relation = ClaimRelation(
        from_claim_id=locked.second_claim_id,
        to_claim_id=locked.first_claim_id,
        kind=RelationKind.DUPLICATE_OF,
        note=f"Confirmed from the match queue (score {locked.score:.2f}).",
    )
    with acting_as(user, reason):
        relation = claim_relation_save(relation=relation, user=user, reason=reason)
        return _decide(locked, MatchStatus.CONFIRMED, user=user, reason=reason, relation=relation)


@transaction.atomic
def dismiss_match(*, candidate: MatchCandidate, user, reason: str = "") -> MatchCandidate:
    """The two claims are not the same claim: never suggest the pair again."""
    locked = _locked_open(candidate)
    reason = reason.strip() or "dismissed in the match queue"
    return _decide(locked, MatchStatus.DISMISSED, user=user, reason=reason)


def _decide(candidate, status, *, user, reason, relation=None) -> MatchCandidate:
    candidate.status = status
    candidate.decided_by = user if getattr(user, "is_authenticated", False) else None
    candidate.decided_at = timezone.now()
    candidate.relation = relation
    return instance_save(instance=candidate, user=user, reason=reason)
