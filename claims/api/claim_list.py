"""The plain claims list, served from SQL compiled once: the API's busiest page.

The general list path builds a queryset, model instances and a serializer on every request,
about ten times the work of fetching the page itself. A request for the list as it is (no
filter, ordering or ``fields``; brief rows; pages of any size, in either direction) gets the
same JSON from a ``CompiledQuery`` per page size and direction, its rows formatted here as
``ClaimListSerializer`` formats them. So does a search (``?q=``) on PostgreSQL, newest first,
when the query excludes no word (an excluded word changes the SQL's shape): its rows carry
their highlights. Tests hold both paths to the same output.
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from rest_framework.response import Response

from claims.filtersets import ClaimFilterSet
from claims.highlight import Highlighter
from claims.models import Claim
from claims.search import plain_terms
from core.api.pagination import StrictCursorPagination
from core.api.serializers import detail_url_prefix
from core.compiled import CompiledQuery

# The query parameters the plain list takes; any other sends the request down the general path.
PARAMETERS = frozenset({"cursor", "page_size", "brief", "q"})
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
# A query standing for the searched words in the compiled SQL.
_QUERY = "sample search words"


@functools.cache
def _page_query(limit: int, *, after: bool, reverse: bool, search: bool = False) -> CompiledQuery:
    """Up to ``limit`` claims, newest first (oldest first when ``reverse``), past a position;
    with ``search``, those a query matches."""

    def build(**values):
        # Withdrawn claims are left out, as the list's filters leave them out by default.
        queryset = Claim.objects.current()
        if search:
            queryset = queryset.search(values["query"])
        queryset = queryset.with_counts().order_by("id" if reverse else "-id")
        if after:
            lookup = "id__gt" if reverse else "id__lt"
            queryset = queryset.filter(**{lookup: values["position"]})
        return queryset.values_list(*COLUMNS)[:limit]

    samples = {"position": _POSITION} if after else {}
    if search:
        samples["query"] = _QUERY
    return CompiledQuery(build, **samples)


def _search_query(request) -> str | None:
    """The request's search query, stripped, if the plain path can serve it; "" when there is
    none; None when the general path must (to refuse it, or to exclude words)."""
    query = request.query_params.get("q")
    if query is None:
        return ""
    try:  # as the filter set reads it; what it refuses, it refuses with the field's error
        query = ClaimFilterSet.base_filters["q"].field.clean(query)
    except ValidationError:
        return None
    if not query or connection.vendor != "postgresql" or plain_terms(query)[1]:
        return None
    return query


def _representer(url_prefix: str, query: str):
    """``represent(row)``: a row of COLUMNS as the serializer shows it, in the current zone,
    with where ``query`` matched its text if searched.

    Date-times stay datetimes (the renderer writes them as DRF does). Built once per page,
    with what every row needs looked up once.
    """
    zone = timezone.get_current_timezone()
    # The database gives UTC: when the current zone is UTC too, nothing needs converting (and
    # orjson writes the standard library's UTC faster than zoneinfo's).
    zone = None if getattr(zone, "key", None) == "UTC" else zone
    utc = datetime.UTC
    display_text, describe_quantity = Claim.display_text, Claim.describe_quantity
    highlight = Highlighter(query) if query else None

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
            "highlight": highlight(text, language) if highlight else None,
        }

    return represent


def _fetch(url_prefix: str, query: str):
    """``fetch(after, reverse, limit)`` for ``paginate_rows``: represented rows of a page."""
    represent = _representer(url_prefix, query)
    values = {"query": query} if query else {}

    def fetch(position: str | None, reverse: bool, limit: int) -> list[dict]:
        after = position is not None
        page = _page_query(limit, after=after, reverse=reverse, search=bool(query))
        rows = page.rows(**values, **({"position": int(position)} if after else {}))
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
    query = _search_query(request)
    if query is None:
        return None
    url_prefix = detail_url_prefix("api:claim-detail", request)
    if url_prefix is None:
        return None
    rows = paginator.paginate_rows(request, view.queryset, _fetch(url_prefix, query))
    return None if rows is None else paginator.get_paginated_response(rows)
