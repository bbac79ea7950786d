"""A claim's record history: every edit of the claim, its statements and its citations.

The reviews app merges these entries with its review events into the claim's whole history
(``reviews.timeline``). A fixed number of queries (one per kind of row), whatever the number
of entries.
"""

from itertools import pairwise

from .models import Citation, Claim, Statement

HISTORY_TYPES = {"+": "added", "~": "changed", "-": "deleted"}
# Bookkeeping columns: every save changes them, and they say nothing about the record.
UNTRACKED = {"id", "updated_at", "created_at", "quote_start", "quote_end", "quote_verified"}


def history_entries(model, rows, describe) -> list[dict]:
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


def claim_record_history(claim) -> list[dict]:
    """Edits of the claim, its statements and citations, in no particular order.

    Each entry is ``{"at", "who" (a user or None), "kind", "detail"}``.
    """
    claim_rows = Claim.history.filter(id=claim.pk).select_related("history_user")
    statement_rows = list(
        Statement.history.filter(claim_id=claim.pk).select_related("history_user")
    )
    statement_ids = {row.id for row in statement_rows}
    citation_rows = Citation.history.filter(statement_id__in=statement_ids).select_related(
        "history_user"
    )
    return [
        *history_entries(Claim, claim_rows, lambda row: "Claim"),
        *history_entries(Statement, statement_rows, lambda row: f"Statement #{row.id}"),
        *history_entries(Citation, citation_rows, lambda row: f"Citation #{row.id}"),
    ]
