"""A claim's whole history: its record edits (``claims.history``), the edits of its reviews'
content, and its review events.

Read by the admin's "Whole history" page and by ``GET /api/v1/claims/{id}/history/``, in a
fixed number of queries whatever the number of entries.
"""

from claims.history import claim_record_history, history_entries

from .models import Review, ReviewEvent
from .services import EDITABLE_FIELDS


def review_event_entries(claim) -> list[dict]:
    """The events of the claim's reviews as history entries, each with its ``review``."""
    entries = []
    events = ReviewEvent.objects.filter(review__claim=claim).select_related(
        "actor", "assignee", "review"
    )
    for event in events:
        moved = event.from_state != event.to_state
        detail = (
            f"{event.get_from_state_display()} → {event.get_to_state_display()}"
            if moved
            else event.get_to_state_display()
        )
        if event.assignee is not None:
            detail = f"{detail}; assigned to {event.assignee.get_username()}"
        if event.comment:
            detail = f"{detail}: {event.comment}"
        entries.append(
            {
                "at": event.at,
                "who": event.actor,
                "kind": f"Review v{event.review.version}: {event.action.replace('_', ' ')}",
                "detail": detail,
                "changes": [],
                "review": event.review,
            }
        )
    return entries


def review_edit_entries(claim) -> list[dict]:
    """Who changed the content of the claim's reviews (rating, explanation, write-up,
    evidence, planning…), field by field. Their workflow shows in their events."""
    rows = list(Review.history.filter(claim_id=claim.pk).select_related("history_user"))
    reviews = {review.pk: review for review in Review.objects.filter(claim=claim)}
    versions = {row.id: row.version for row in rows}
    entries = history_entries(
        Review,
        rows,
        lambda pk: f"Review v{versions[pk]}",
        actions=("~",),
        fields=EDITABLE_FIELDS,
    )
    for entry in entries:
        entry["review"] = reviews.get(entry["object_id"])
    return entries


def claim_timeline(claim) -> list[dict]:
    """Edits of the claim, its statements, citations and reviews, and its review events,
    newest first.

    Each entry is ``{"at", "who" (a user or None), "kind", "detail", "changes"}``; an entry
    about a review also has ``"review"``.
    """
    entries = [*claim_record_history(claim), *review_edit_entries(claim)]
    entries += review_event_entries(claim)
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    return entries
