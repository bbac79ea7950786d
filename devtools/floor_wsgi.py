"""The floors of the claims API, served over HTTP as the app is.

A WSGI application that answers the API's claims list pages with the same bytes the API
answers, by one hand-written query and orjson: no middleware, authentication, validation,
URL routing, serializers or renderer of the framework.

- ``GET /api/v1/claims/``: the newest 50 claims with their counts, the page a ``cursor``
  names, or the newest 50 that ``actor``, ``denied_by``, ``topic`` (a slug) or ``q`` (one
  word) finds, each with its ``next`` and ``previous`` links (a search's rows carry no
  highlight: the floor does less than the app there);
- ``GET /api/v1/claims/ID/``: the claim with its actors, topics, statements, citations and
  relations (``devtools.benchmark.DetailFloor``: the same data, not formatted as the API's
  document is).

``devtools.serving.served`` runs it under the same gunicorn, settings and database as the app,
so the two are measured alike: what the app costs beyond the floor is its own.
"""

import base64
import datetime
import os
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django.setup()

import orjson  # noqa: E402
from django.db import connection  # noqa: E402

from claims.choices import Stance  # noqa: E402
from claims.models import Claim  # noqa: E402
from core.text import fold  # noqa: E402

from .benchmark import (  # noqa: E402
    PAGE_SIZE,
    DetailFloor,
    by_actor_where,
    list_sql,
    search_param,
    search_where,
    topic_where,
)

LIST_PATH = "/api/v1/claims/"
DETAIL_PATH = re.compile(r"^/api/v1/claims/([0-9]{1,18})/$")
_DETAIL = DetailFloor()
_display, _quantity = Claim.display_text, Claim.describe_quantity


def _conditions(params: dict[str, str]) -> tuple[list[str], list]:
    """The SQL conditions and parameters of the one filter given (none for the plain list)."""
    if word := params.get("q"):
        return [search_where().removeprefix("WHERE ")], [search_param(word)] * 2
    if actor := params.get("actor"):
        return [by_actor_where().removeprefix("WHERE ")], [fold(actor)] * 2
    if denied_by := params.get("denied_by"):
        where = by_actor_where(stance=Stance.DENIES).removeprefix("WHERE ")
        return [where], [fold(denied_by)] * 2 + [Stance.DENIES]
    if topic := params.get("topic"):
        return [topic_where().removeprefix("WHERE ")], [topic]
    return [], []


def _cursor(params: dict[str, str]) -> tuple[bool, int | None]:
    """(reverse, position) of the page's cursor: ``p=ID`` or ``r=1&p=ID`` in base64."""
    if "cursor" not in params:
        return False, None
    tokens = parse_qs(base64.b64decode(params["cursor"]).decode("ascii"))
    return tokens.get("r") == ["1"], int(tokens["p"][0])


def _link(base: str, params: dict[str, str], tokens: str) -> str:
    cursor = base64.b64encode(tokens.encode("ascii")).decode("ascii")
    query = urlencode(sorted({**params, "cursor": cursor}.items()))
    return f"{base}?{query}"


def _sqlite_values(row: tuple) -> tuple:
    """SQLite's raw values as PostgreSQL's: decimals and aware date-times, not text."""
    pk, text, language, kind, value, upper, comparator, unit, created, updated = row[:10]
    value, upper = (None if v is None else Decimal(str(v)) for v in (value, upper))
    created, updated = (
        (datetime.datetime.fromisoformat(v) if isinstance(v, str) else v).replace(
            tzinfo=datetime.UTC
        )
        for v in (created, updated)
    )
    return (pk, text, language, kind, value, upper, comparator, unit, created, updated, *row[10:])


def _row(row: tuple, url_prefix: str) -> dict:
    if connection.vendor == "sqlite":
        row = _sqlite_values(row)
    pk, text, language, kind, value, upper, comparator, unit, created, updated = row[:10]
    return {
        "id": pk,
        "url": f"{url_prefix}{pk}/",
        "display": _display(text),
        "text": text,
        "language": language,
        "kind": kind,
        "quantity_display": _quantity(value, upper, comparator, unit),
        "statement_count": row[10],
        "denial_count": row[11],
        "created_at": created,
        "updated_at": updated,
        "highlight": None,
    }


def list_page(host: str, params: dict[str, str]) -> bytes:
    conditions, values = _conditions(params)
    reverse, position = _cursor(params)
    if position is not None:
        conditions.append("c.id > %s" if reverse else "c.id < %s")
        values.append(position)
    sql = list_sql(" AND ".join(conditions), limit=PAGE_SIZE + 1, ascending=reverse)
    with connection.cursor() as cursor:
        cursor.execute(sql, [Stance.DENIES, *values])
        rows = cursor.fetchall()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if reverse:
        rows.reverse()
    base = f"http://{host}{LIST_PATH}"
    results = [_row(row, base) for row in rows]
    has_next = more if not reverse else True
    has_previous = position is not None if not reverse else more
    return orjson.dumps(
        {
            "next": _link(base, params, f"p={rows[-1][0]}") if rows and has_next else None,
            "previous": (
                _link(base, params, f"r=1&p={rows[0][0]}") if rows and has_previous else None
            ),
            "results": results,
        },
        option=orjson.OPT_UTC_Z,
        default=str,
    )


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == LIST_PATH:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        params = {name: values[0] for name, values in query.items()}
        body = list_page(environ.get("HTTP_HOST", "localhost"), params)
    elif match := DETAIL_PATH.match(path):
        try:
            body = _DETAIL(int(match[1]))
        except ValueError:  # no such claim
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found"]
    else:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
