"""Suggestions of reported statements from a news article, by rules, offline.

``extract(text)`` finds the sentences that report what someone said, denied or confirmed,
with the speaker, the intermediaries, the stance and the claim's structure. A suggestion is
for a person to check: nothing here writes to the database. See docs/extraction.md.
"""

from core.text import fold
from sources.models import Actor, Alias

from .suggest import ClaimDraft, Suggestion, extract


def as_json(suggestions: list[Suggestion]) -> dict:
    """The suggestions as plain data, keys in a stable order."""
    return {
        "items": [
            {
                "quote": s.quote,
                "char_start": s.char_start,
                "char_end": s.char_end,
                "speaker": s.speaker,
                "via": list(s.via),
                "stance": s.stance,
                "responds_to": s.responds_to,
                "claim": {
                    "text": s.claim.text,
                    "quantity": s.claim.quantity,
                    "period": s.claim.period,
                    "place": s.claim.place,
                },
            }
            for s in suggestions
        ]
    }


def resolve_speakers(suggestions: list[Suggestion]) -> list:
    """The actor each suggestion's speaker names, or None when unknown or ambiguous.

    Names match an actor's name or alias ignoring case and accents; a leading "the" is
    dropped ("the Pentagon" finds the actor aliased "Pentagon"). Two queries, whatever the
    number of suggestions.
    """
    names = [fold(suggestion.speaker or "") for suggestion in suggestions]
    wanted = set(names) - {""}
    if not wanted:
        return [None] * len(suggestions)
    candidates: dict[str, dict[int, Actor]] = {}
    for actor in Actor.objects.filter(name_folded__in=wanted):
        candidates.setdefault(actor.name_folded, {})[actor.pk] = actor
    for alias in Alias.objects.filter(name_folded__in=wanted).select_related("actor"):
        candidates.setdefault(alias.name_folded, {})[alias.actor_id] = alias.actor
    resolved = []
    for name in names:
        found = candidates.get(name, {})
        resolved.append(next(iter(found.values())) if len(found) == 1 else None)
    return resolved


__all__ = ["ClaimDraft", "Suggestion", "as_json", "extract", "resolve_speakers"]
