"""A claim's record history: every edit of the claim, its statements and its citations.

The reviews app merges these entries with its review events into the claim's whole history
(``reviews.timeline``). Each edit names the fields it changed, with their values before and
after (``core.diffs``), in a fixed number of queries whatever the number of entries.
"""

from core.diffs import HistoryDiff

from .models import Citation, Claim, Statement

# Where a quote sits in its snapshot is derived from the quote, not written by anyone.
DERIVED = ("quote_start", "quote_end", "quote_verified")


def history_entries(model, rows, describe, *, actions=("+", "~", "-"), fields=None, exclude=()):
    """One entry per write of ``rows`` (history rows of ``model``): when, who, what happened
    to which object (``describe(object_id)``), and the fields it changed.

    ``actions`` and ``fields``/``exclude`` narrow the writes and fields shown
    (``core.diffs.HistoryDiff``).
    """
    diff = HistoryDiff(model, rows, fields=fields, exclude=exclude)
    return [
        {
            "at": edit.at,
            "who": edit.who,
            "kind": f"{describe(edit.object_id)} {edit.action}",
            "detail": ", ".join(change.label for change in edit.changes),
            "changes": edit.changes,
            "object_id": edit.object_id,
        }
        for edit in diff.edits(actions=actions)
    ]


def claim_record_history(claim) -> list[dict]:
    """Edits of the claim, its statements and citations, in no particular order.

    Each entry is ``{"at", "who" (a user or None), "kind", "detail", "changes"}``; the
    changes are ``core.diffs.FieldChange`` (field, label, before, after).
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
        *history_entries(Claim, claim_rows, lambda pk: "Claim"),
        *history_entries(Statement, statement_rows, lambda pk: f"Statement #{pk}"),
        *history_entries(Citation, citation_rows, lambda pk: f"Citation #{pk}", exclude=DERIVED),
    ]
