"""The plain claims list, served from SQL compiled once: the API's busiest page.

The general list path builds a queryset, model instances and a serializer on every request,
about ten times the work of fetching the page itself. A request for the list as it is (no
filter, ordering or ``fields``; brief rows; pages of any size, in either direction) gets the
same JSON from a ``CompiledQuery`` per page size and direction, its rows formatted here as
``ClaimListSerializer`` formats them. So does a search (``?q=``) on PostgreSQL, newest first,
when the query excludes no word (an excluded word changes the SQL's shape): its rows carry
their highlights. So do the claims of one actor (``?actor=`` with one id, or a name or alias
that one actor goes by, without a search): the actor's id is looked up first, and the page
selected by it; and so do the claims one actor denied (``?denied_by=``) and those under one
topic (``?topic=`` with one slug or name), one of the three at a time. Tests hold both paths
to the same output.
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from rest_framework.response import Response

from claims.filtersets import ClaimFilterSet
from claims.highlight import Highlighter
from claims.models import Claim, Statement, Topic
from claims.search import plain_terms
from core.api.pagination import StrictCursorPagination
from core.api.serializers import detail_url_prefix
from core.compiled import CompiledQuery
from core.text import fold
from sources.models import Actor

# The query parameters the plain list takes; any other sends the request down the general path.
PARAMETERS = frozenset({"cursor", "page_size", "brief", "q", "actor", "denied_by", "topic"})
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
# An actor's or topic's id standing for the one looked up in the compiled SQL.
_NARROWING = -2
# The ids of the topics a slug or name means (as ``ClaimFilterSet.filter_topic`` reads it).
_TOPICS_NAMED = CompiledQuery(
    lambda name: (
        Topic.objects.filter(Q(slug=name) | Q(name__iexact=name)).order_by("pk").values_list("pk")
    ),
    name="sample topic name",
)
# The ids of the actors a folded name or alias means (``ActorQuerySet.ids_referenced_by``).
_ACTORS_NAMED = CompiledQuery(
    lambda name: (
        Actor.objects.filter(pk__in=Actor.objects.ids_referenced_by(names=[name]))
        .order_by("pk")
        .values_list("pk")
    ),
    name="sample actor name",
)


# The filters of one actor or topic the plain path serves (one at a time), by the parameter
# that names it, and the statements or tags that select its claims, by the id looked up first.
NARROWING = {
    "actor": lambda pk: Statement.objects.filter(actor_id=pk).values("claim_id"),
    "denied_by": lambda pk: Statement.objects.denials().filter(actor_id=pk).values("claim_id"),
    "topic": lambda pk: Claim.topics.through.objects.filter(topic_id=pk).values("claim_id"),
}


@functools.cache
def _page_query(
    limit: int, *, after: bool, reverse: bool, search: bool = False, narrowed: str = ""
) -> CompiledQuery:
    """Up to ``limit`` claims, newest first (oldest first when ``reverse``), past a position;
    with ``search``, those a query matches; ``narrowed`` by a parameter of ``NARROWING``, those
    with a statement by one actor, denied by one actor, or under one topic: by its id, which
    PostgreSQL then plans with (a subquery resolving a name would have it guess how many
    statements the actor has, and walk every claim for one who has few)."""

    def build(**values):
        # Withdrawn claims are left out, as the list's filters leave them out by default.
        queryset = Claim.objects.current()
        if search:
            queryset = queryset.search(values["query"])
        if narrowed:
            queryset = queryset.filter(pk__in=NARROWING[narrowed](values["narrowing"]).order_by())
        queryset = queryset.with_counts().order_by("id" if reverse else "-id")
        if after:
            lookup = "id__gt" if reverse else "id__lt"
            queryset = queryset.filter(**{lookup: values["position"]})
        return queryset.values_list(*COLUMNS)[:limit]

    samples = {"position": _POSITION} if after else {}
    if search:
        samples["query"] = _QUERY
    if narrowed:
        samples["narrowing"] = _NARROWING
    # The id is written into the SQL: a plan kept for any actor would be wrong for most.
    return CompiledQuery(build, planned_with=("narrowing",) if narrowed else (), **samples)


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


def _actor_id(reference) -> int | None:
    """The id of the one actor a cleaned ``?actor=`` or ``?denied_by=`` names, by id or by a
    name or alias (looked up first); None for several actors or none."""
    if reference is None or len(reference.ids) + len(reference.names) != 1:
        return None
    if reference.ids:
        return reference.ids[0]
    folded = fold(reference.names[0])
    found = _ACTORS_NAMED.rows(name=folded) if folded else []
    return found[0][0] if len(found) == 1 else None


def _topic_id(names: list[str]) -> int | None:
    """The id of the one topic a cleaned ``?topic=`` names, by slug or name (looked up
    first); None for several topics or none."""
    if len(names) != 1:
        return None
    found = _TOPICS_NAMED.rows(name=names[0])
    return found[0][0] if len(found) == 1 else None


_LOOKUPS = {"actor": _actor_id, "denied_by": _actor_id, "topic": _topic_id}


def _narrowing(request) -> tuple[str, int] | None:
    """The one parameter of ``NARROWING`` the request names, and the id looked up for it;
    ("", 0) without any; None when the general path must answer: several of them, one with a
    search, or a value the lookup cannot resolve to one id."""
    named = NARROWING.keys() & request.query_params.keys()
    if not named:
        return "", 0
    if len(named) > 1 or "q" in request.query_params:
        return None
    (name,) = named
    values = request.query_params.getlist(name)
    if len(values) > 1:
        return None
    try:  # as the filter set reads it; what it refuses, it refuses with the field's error
        cleaned = ClaimFilterSet.base_filters[name].field.clean(values)
    except ValidationError:
        return None
    found = _LOOKUPS[name](cleaned)
    return None if found is None else (name, found)


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


def _fetch(url_prefix: str, query: str, narrowed: str, narrowing: int):
    """``fetch(after, reverse, limit)`` for ``paginate_rows``: represented rows of a page."""
    represent = _representer(url_prefix, query)
    values = {"query": query} if query else {}
    if narrowed:
        values["narrowing"] = narrowing

    def fetch(position: str | None, reverse: bool, limit: int) -> list[dict]:
        after = position is not None
        page = _page_query(
            limit,
            after=after,
            reverse=reverse,
            search=bool(query),
            narrowed=narrowed,
        )
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
    narrowing = _narrowing(request)
    if narrowing is None:
        return None
    url_prefix = detail_url_prefix("api:claim-detail", request)
    if url_prefix is None:
        return None
    fetch = _fetch(url_prefix, query, *narrowing)
    rows = paginator.paginate_rows(request, view.queryset, fetch)
    return None if rows is None else paginator.get_paginated_response(rows)
