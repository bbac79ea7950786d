"""The plain claims list, served from SQL compiled once: the API's busiest page.

The general list path builds a queryset, model instances and a serializer on every request,
about ten times the work of fetching the page itself. A request for the list as it is (no
filter, ordering or ``fields``; brief rows; pages of any size, in either direction) gets the
same JSON from a ``CompiledQuery`` per page size and direction, its rows formatted here as
``ClaimListSerializer`` formats them. Tests hold both paths to the same output.
"""

import functools

from django.utils import timezone
from rest_framework.response import Response

from claims.models import Claim
from core.api.pagination import RecordCursorPagination
from core.api.serializers import record_url_prefix
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
        queryset = Claim.objects.with_counts().order_by("id" if reverse else "-id")
        if after:
            lookup = "id__gt" if reverse else "id__lt"
            queryset = queryset.filter(**{lookup: position["position"]})
        return queryset.values_list(*COLUMNS)[:limit]

    return CompiledQuery(build, **({"position": _POSITION} if after else {}))


def _fetch(position: str | None, reverse: bool, limit: int) -> list[dict]:
    if position is None:
        rows = _page_query(limit, after=False, reverse=reverse).rows()
    else:
        rows = _page_query(limit, after=True, reverse=reverse).rows(position=int(position))
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def _datetime(value, zone) -> str:
    """As DRF's DateTimeField writes it: ISO 8601 in the current time zone, UTC as ``Z``."""
    text = value.astimezone(zone).isoformat()
    return f"{text[:-6]}Z" if text.endswith("+00:00") else text


def _represent(row: dict, url_prefix: str, zone) -> dict:
    return {
        "id": row["id"],
        "url": f"{url_prefix}{row['id']}/",
        "display": Claim.display_text(row["text"]),
        "text": row["text"],
        "language": row["language"],
        "kind": row["kind"],
        "quantity_display": Claim.describe_quantity(
            row["quantity_value"],
            row["quantity_upper"],
            row["quantity_comparator"],
            row["quantity_unit"],
        ),
        "statement_count": row["statement_count"],
        "denial_count": row["denial_count"],
        "created_at": _datetime(row["created_at"], zone),
        "updated_at": _datetime(row["updated_at"], zone),
    }


def plain_list_response(view, request) -> Response | None:
    """The list page for a plain list request, or None for the general path to answer."""
    paginator = view.paginator
    if (
        not PARAMETERS.issuperset(request.query_params.keys())
        or not view.wants_brief()
        or type(paginator) is not RecordCursorPagination
        or paginator.ordering != ORDERING
    ):
        return None
    url_prefix = record_url_prefix("api:claim-detail", request)
    if url_prefix is None:
        return None
    rows = paginator.paginate_rows(request, view.queryset, _fetch)
    if rows is None:
        return None
    zone = timezone.get_current_timezone()
    return paginator.get_paginated_response([_represent(row, url_prefix, zone) for row in rows])
