"""Texts a claim is found by besides its own, recorded by the apps above this one.

The claims app knows nothing of what the apps above it record about a claim. One that
records texts a claim should be found by (``reviews``: the headlines of fact-checks of it
published elsewhere, and the claim in their publishers' words) registers a ``TextSource`` in
its ``AppConfig.ready``. The index (``store``) indexes a claim's own text and its sources'
texts as one document, and a candidate is re-ranked on whichever of its texts matches the
query best (``signals["found_through"]`` says which, when it is not the claim's own).

Whoever adds, changes or deletes such a text calls ``texts_changed`` with the claims concerned,
in the same transaction: the index of every process syncs on the claims' ``updated_at``, and
reads a claim's texts again on the next match after it moves.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.db.models import Expression, Q
from django.utils import timezone


@dataclass(frozen=True)
class TextSource:
    """Where extra texts of claims come from.

    ``name`` is what ``signals["found_through"]["kind"]`` calls it; ``texts(claim_ids)``
    yields (claim id, text) for those claims (every claim when None), empty texts aside;
    ``exists()`` is a boolean expression on a claim row (``OuterRef("pk")``): whether the
    source has any text of it, so that the index reads texts only for the claims that have
    some.
    """

    name: str
    texts: Callable[[Collection[int] | None], Iterable[tuple[int, str]]]
    exists: Callable[[], Expression]


_sources: dict[str, TextSource] = {}


def register(source: TextSource) -> None:
    """Add (or replace, by name) a source of claims' texts."""
    _sources[source.name] = source


def sources() -> list[TextSource]:
    return list(_sources.values())


# A claim's extra texts: (the source's name, the text), in the source's order.
ExtraTexts = tuple[tuple[str, str], ...]


def extra_texts(claim_ids: Collection[int] | None = None) -> dict[int, ExtraTexts]:
    """The registered sources' texts of ``claim_ids`` (every claim when None), by claim:
    one query per source, none when ``claim_ids`` is empty."""
    if claim_ids is not None and not claim_ids:
        return {}
    found: dict[int, list[tuple[str, str]]] = {}
    for source in sources():
        for claim_id, text in source.texts(claim_ids):
            if text:
                found.setdefault(claim_id, []).append((source.name, text))
    return {claim_id: tuple(texts) for claim_id, texts in found.items()}


def has_extra_texts() -> Q | None:
    """A condition on claim rows: some source has a text of the claim; None without sources."""
    condition = None
    for source in sources():
        condition = Q(source.exists()) if condition is None else condition | Q(source.exists())
    return condition


def texts_changed(claim_ids: Iterable[int]) -> None:
    """Some source's texts of these claims were added, changed or deleted: stamp the claims'
    ``updated_at`` so that every process's index reads their texts again.

    Only the stamp moves, nothing of the claim: no history row is written (the text's own
    record has the change), no signal is sent, and the pinned versions are not rechecked.
    """
    from claims.models import Claim  # the models import this app's querysets

    ids = sorted({claim_id for claim_id in claim_ids if claim_id is not None})
    if ids:
        # The plain manager: the claims' own refuses a write that skips history.
        Claim._base_manager.filter(pk__in=ids).update(updated_at=timezone.now())
