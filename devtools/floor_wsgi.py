"""The floors of the claims API, served over HTTP as the app is.

A WSGI application that answers what the API's claims list and detail answer, by hand-written
queries dumped with orjson (``devtools.benchmark.ListFloor`` and ``DetailFloor``): no
middleware, authentication, validation, URLs, display strings or highlights.

- ``GET /claims/``: the newest 50 claims with their counts; ``?before=ID`` the 50 below an id
  (a page by cursor); ``?q=word``, ``?actor=name``, ``?denied_by=name``, ``?topic=slug`` the
  newest 50 the search or filter finds;
- ``GET /claims/ID/``: the claim with its actors, topics, statements, citations and relations.

``devtools.serving.served`` runs it under the same gunicorn, settings and database as the app,
so the two are measured alike: what the app costs beyond the floor is its own.
"""

import os
import re
from urllib.parse import parse_qs

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django.setup()

from claims.choices import Stance  # noqa: E402
from core.text import fold  # noqa: E402

from .benchmark import (  # noqa: E402
    DetailFloor,
    ListFloor,
    by_actor_where,
    search_param,
    search_where,
    topic_where,
)

_LIST = ListFloor()
_DETAIL = DetailFloor()
DETAIL_PATH = re.compile(r"^/claims/([0-9]{1,18})/$")


def _page(params: dict[str, str]) -> bytes:
    """The list page the one parameter given asks for (the plain list without one)."""
    # Each filtered floor is built per request: a few strings, next to the query.
    if word := params.get("q"):
        return ListFloor(search_where(), lambda: [search_param(word)] * 2)()
    if actor := params.get("actor"):
        return ListFloor(by_actor_where(), lambda: [fold(actor)] * 2)()
    if denied_by := params.get("denied_by"):
        where = by_actor_where(stance=Stance.DENIES)
        return ListFloor(where, lambda: [fold(denied_by)] * 2 + [Stance.DENIES])()
    if topic := params.get("topic"):
        return ListFloor(topic_where(), lambda: [topic])()
    if (before := params.get("before", "")).isdigit():
        return ListFloor("WHERE c.id < %s", lambda: [int(before)])()
    return _LIST()


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/claims/":
        query = parse_qs(environ.get("QUERY_STRING", ""))
        body = _page({name: values[0] for name, values in query.items()})
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
