"""The floors of the claims list and its search, served over HTTP as the app is.

A WSGI application that answers ``GET /claims/`` and ``GET /claims/?q=word`` with the page
the API answers (the newest 50 claims, or those the word finds, with their counts) by
one hand-written query dumped with orjson (``devtools.benchmark.ListFloor``): no middleware,
authentication, validation, URLs, display strings or highlights. ``devtools.serving.served``
runs it under the same gunicorn, settings and database as the app, so the two are measured
alike: what the app costs beyond the floor is its own.
"""

import os
from urllib.parse import parse_qs

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
django.setup()

from .benchmark import ListFloor, search_param, search_where  # noqa: E402

_LIST = ListFloor()


def application(environ, start_response):
    if environ.get("PATH_INFO") != "/claims/":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]
    word = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
    # The search's floor is built per request: a few strings, next to the query.
    body = ListFloor(search_where(), lambda: [search_param(word)] * 2)() if word else _LIST()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
