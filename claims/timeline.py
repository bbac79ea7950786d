"""A claim's whole history: edits of the claim, its statements and citations, and review events.

Read by the admin's "Whole history" page and by ``GET /api/v1/claims/{id}/history/``. It runs
a fixed number of queries (one per kind of row) whatever the number of entries.
"""

from itertools import pairwise

from .models import Citation, Claim, ReviewEvent, Statement

HISTORY_TYPES = {"+": "added", "~": "changed", "-": "deleted"}
# Bookkeeping columns: every save changes them, and they say nothing about the record.
UNTRACKED = {"id", "updated_at", "created_at", "quote_start", "quote_end", "quote_verified"}


def history_entries(model, rows, describe):
    """One entry per history row: when, who, what happened, and the fields that changed."""
    fields = [f for f in model._meta.concrete_fields if f.attname not in UNTRACKED]
    by_object = {}
    for row in rows:
        by_object.setdefault(row.id, []).append(row)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda row: (row.history_date, row.history_id))
        for before, row in pairwise([None, *versions]):
            changed = []
            if before is not None and row.history_type == "~":
                changed = [
                    f.verbose_name
                    for f in fields
                    if getattr(before, f.attname) != getattr(row, f.attname)
                ]
            entries.append(
                {
                    "at": row.history_date,
                    "who": row.history_user,
                    "kind": f"{describe(row)} {HISTORY_TYPES.get(row.history_type, '')}",
                    "detail": ", ".join(changed) if changed else "",
                }
            )
    return entries


def claim_timeline(claim) -> list[dict]:
    """Edits of the claim, its statements and citations, and its review events, newest first.

    Each entry is ``{"at", "who" (a user or None), "kind", "detail"}``; a review event's
    entry also has ``"review"``, the review it moved.
    """
    claim_rows = Claim.history.filter(id=claim.pk).select_related("history_user")
    statement_rows = list(
        Statement.history.filter(claim_id=claim.pk).select_related("history_user")
    )
    statement_ids = {row.id for row in statement_rows}
    citation_rows = Citation.history.filter(statement_id__in=statement_ids).select_related(
        "history_user"
    )
    events = ReviewEvent.objects.filter(review__claim=claim).select_related("actor", "review")
    entries = [
        *history_entries(Claim, claim_rows, lambda row: "Claim"),
        *history_entries(Statement, statement_rows, lambda row: f"Statement #{row.id}"),
        *history_entries(Citation, citation_rows, lambda row: f"Citation #{row.id}"),
    ]
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
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    return entries
