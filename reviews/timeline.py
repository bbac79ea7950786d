"""A claim's whole history: its record edits (``claims.history``) and its review events.

Read by the admin's "Whole history" page and by ``GET /api/v1/claims/{id}/history/``, in a
fixed number of queries whatever the number of entries.
"""

from claims.history import claim_record_history

from .models import ReviewEvent


def review_event_entries(claim) -> list[dict]:
    """The events of the claim's reviews as history entries, each with its ``review``."""
    entries = []
    events = ReviewEvent.objects.filter(review__claim=claim).select_related("actor", "review")
    for event in events:
        moved = event.from_state != event.to_state
        states = (
            f"{event.get_from_state_display()} → {event.get_to_state_display()}"
            if moved
            else event.get_to_state_display()
        )
        detail = f"{states}: {event.comment}" if event.comment else states
        entries.append(
            {
                "at": event.at,
                "who": event.actor,
                "kind": f"Review v{event.review.version}: {event.action.replace('_', ' ')}",
                "detail": detail,
                "review": event.review,
            }
        )
    return entries


def claim_timeline(claim) -> list[dict]:
    """Edits of the claim, its statements and citations, and its review events, newest first.

    Each entry is ``{"at", "who" (a user or None), "kind", "detail"}``; a review event's
    entry also has ``"review"``, the review it moved.
    """
    entries = [*claim_record_history(claim), *review_event_entries(claim)]
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    return entries
