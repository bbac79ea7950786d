"""The plain claims list, served from SQL compiled once: the API's busiest page.

The general list path builds a queryset, model instances and a serializer on every request,
about ten times the work of fetching the page itself. A request for the list as it is (no
filter, ordering or ``fields``; brief rows; pages of any size, in either direction) gets the
same JSON from a ``CompiledQuery`` per page size and direction, its rows formatted here as
``ClaimListSerializer`` formats them. Tests hold both paths to the same output.
"""

import datetime
import functools

from django.utils import timezone
from rest_framework.response import Response

from claims.models import Claim
from core.api.pagination import StrictCursorPagination
from core.api.serializers import detail_url_prefix
from core.compiled import CompiledQuery

# The query parameters the plain list takes; any other sends the request down the general path.
PARAMETERS = frozenset({"cursor", "page_size", "brief"})
ORDERING = "-id"
COLUMNS = (
    "id",
    "text",
    "language",
    "kind",
    "quantity_value",
    "quantity_upper",
    "quantity_comparator",
    "quantity_unit",
    "statement_count",
    "denial_count",
    "created_at",
    "updated_at",
)
# A value no claim id takes, standing for the cursor's position in the compiled SQL.
_POSITION = -1


@functools.cache
def _page_query(limit: int, *, after: bool, reverse: bool) -> CompiledQuery:
    """Up to ``limit`` claims, newest first (oldest first when ``reverse``), past a position."""

    def build(**position):
        # Withdrawn claims are left out, as the list's filters leave them out by default.
        queryset = Claim.objects.current().with_counts().order_by("id" if reverse else "-id")
        if after:
            lookup = "id__gt" if reverse else "id__lt"
            queryset = queryset.filter(**{lookup: position["position"]})
        return queryset.values_list(*COLUMNS)[:limit]

    return CompiledQuery(build, **({"position": _POSITION} if after else {}))


def _representer(url_prefix: str):
    """``represent(row)``: a row of COLUMNS as the serializer shows it, in the current zone.

    Date-times stay datetimes (the renderer writes them as DRF does). Built once per page,
    with what every row needs looked up once.
    """
    zone = timezone.get_current_timezone()
    # The database gives UTC: when the current zone is UTC too, nothing needs converting (and
    # orjson writes the standard library's UTC faster than zoneinfo's).
    zone = None if getattr(zone, "key", None) == "UTC" else zone
    utc = datetime.UTC
    display_text, describe_quantity = Claim.display_text, Claim.describe_quantity

    def represent(row) -> dict:
        pk, text, language, kind, value, upper, comparator, unit, statements, denials = row[:10]
        created, updated = row[10], row[11]
        if zone is not None or created.tzinfo is not utc or updated.tzinfo is not utc:
            created, updated = created.astimezone(zone or utc), updated.astimezone(zone or utc)
        return {
            "id": pk,
            "url": f"{url_prefix}{pk}/",
            "display": display_text(text),
            "text": text,
            "language": language,
            "kind": kind,
            "quantity_display": describe_quantity(value, upper, comparator, unit),
            "statement_count": statements,
            "denial_count": denials,
            "created_at": created,
            "updated_at": updated,
            "highlight": None,  # an unsearched list
        }

    return represent


def _fetch(url_prefix: str):
    """``fetch(after, reverse, limit)`` for ``paginate_rows``: represented rows of a page."""
    represent = _representer(url_prefix)

    def fetch(position: str | None, reverse: bool, limit: int) -> list[dict]:
        if position is None:
            rows = _page_query(limit, after=False, reverse=reverse).rows()
        else:
            query = _page_query(limit, after=True, reverse=reverse)
            rows = query.rows(position=int(position))
        return [represent(row) for row in rows]

    return fetch


def plain_list_response(view, request) -> Response | None:
    """The list page for a plain list request, or None for the general path to answer."""
    paginator = view.paginator
    if (
        not PARAMETERS.issuperset(request.query_params.keys())
        or not view.wants_brief()
        or type(paginator) is not StrictCursorPagination
        or paginator.ordering != ORDERING
    ):
        return None
    url_prefix = detail_url_prefix("api:claim-detail", request)
    if url_prefix is None:
        return None
    rows = paginator.paginate_rows(request, view.queryset, _fetch(url_prefix))
    return None if rows is None else paginator.get_paginated_response(rows)
