"""Cursor pagination: stable pages without COUNT(*), a capped page size, strict cursors."""

import base64
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.api.pagination import MAX_PAGE_SIZE
from tests.support.factories import ActorFactory
from tests.support.routes import ROUTES, superuser_client

ACTORS = "/api/v1/actors/"


@pytest.fixture
def api(db):
    return superuser_client()


def cursor_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


def walk(api, url, params, direction="next"):
    """Every page from ``url`` following ``direction`` links: the ids, page by page."""
    pages = []
    response = api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        if not body[direction]:
            return pages, body
        response = api.get(body[direction])


def test_pages_follow_each_other_newest_first_without_gaps_or_repeats(api):
    ids = [ActorFactory().pk for _ in range(7)]
    pages, last = walk(api, ACTORS, {"page_size": 3})
    assert pages == [sorted(ids, reverse=True)[i : i + 3] for i in (0, 3, 6)]
    back, _ = walk(api, last["previous"], {}, direction="previous")
    assert [row for page in reversed(back) for row in page] == sorted(ids, reverse=True)[:6]


def test_a_row_inserted_while_paging_neither_repeats_nor_shifts_rows(api):
    ids = [ActorFactory().pk for _ in range(4)]
    first = api.get(ACTORS, {"page_size": 2}).json()
    ActorFactory()  # newer than every row: it belongs before the first page
    second = api.get(first["next"]).json()
    assert [row["id"] for row in second["results"]] == sorted(ids, reverse=True)[2:4]


def test_ordering_by_a_field_with_ties_pages_through_every_row_once(api):
    """Ties are broken by id, so rows sharing a name are neither repeated nor skipped."""
    names = ["b", "a", "b", "c", "a", "b", "a"]
    actors = [ActorFactory(name=name) for name in names]
    for ordering, reverse in (("name", False), ("-name", True)):
        pages, _ = walk(api, ACTORS, {"page_size": 2, "ordering": ordering})
        seen = [pk for page in pages for pk in page]
        expected = sorted(actors, key=lambda a: (a.name, -a.pk) if not reverse else (a.name, a.pk))
        expected = [a.pk for a in (reversed(expected) if reverse else expected)]
        assert seen == expected, ordering


def test_ordering_by_a_date_time_pages_through_every_row(api):
    actors = [ActorFactory() for _ in range(5)]
    pages, _ = walk(api, ACTORS, {"page_size": 2, "ordering": "created_at"})
    assert [pk for page in pages for pk in page] == [a.pk for a in actors]


def test_page_size_is_capped_at_200(api):
    for _ in range(MAX_PAGE_SIZE + 1):
        ActorFactory()
    for page_size in (MAX_PAGE_SIZE + 1, 10**30):
        body = api.get(ACTORS, {"page_size": page_size}).json()
        assert len(body["results"]) == MAX_PAGE_SIZE
        assert body["next"]
    assert len(api.get(ACTORS).json()["results"]) == 50


def test_an_empty_page_size_gives_the_default(api):
    for _ in range(51):
        ActorFactory()
    assert len(api.get(ACTORS, {"page_size": ""}).json()["results"]) == 50


@pytest.mark.parametrize("page_size", ["0", "-5", "abc", "2.0"])
def test_a_page_size_that_is_not_a_positive_integer_gets_400(api, page_size):
    """Not the default page in silence: the client asked for something else."""
    ActorFactory()
    response = api.get(ACTORS, {"page_size": page_size})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "page_size": ["Enter a whole number from 1 to 200 (larger ones are capped at 200)."]
    }


@pytest.mark.parametrize("route", [r for r in ROUTES if "get" in r.methods(detail=False)], ids=str)
def test_no_list_counts_its_rows(api, route):
    for _ in range(3):
        route.make(user=api.user)
    with CaptureQueriesContext(connection) as queries:
        response = api.get(route.list_url(), {"page_size": 2})
    assert response.status_code == 200
    assert set(response.json()) == {"next", "previous", "results"}
    counts = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT COUNT(")]
    assert not counts


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _position(position: str) -> str:
    """A cursor at ``position``, encoded as the pagination encodes its own."""
    return _cursor(urlencode({"p": position}))


@pytest.mark.parametrize(
    ("ordering", "position"),
    [
        ("created_at", "2020-01-01T00:00:00+20:14"),  # PostgreSQL refuses this offset
        ("created_at", "2020-01-01 00:00:00"),  # naive: read as UTC
        ("-created_at", "2020-01-01T00:00:00-15:59"),
        ("name", "Actor 1"),
        ("-id", "3"),
    ],
)
def test_cursor_positions_are_normalised_for_the_database(api, ordering, position):
    for _ in range(3):
        ActorFactory()
    response = api.get(ACTORS, {"ordering": ordering, "cursor": _position(position)})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("ordering", "position"),
    [
        ("created_at", "yesterday"),
        ("created_at", "0001-01-01T00:00:00+05:00"),  # before year 1 once in UTC
        ("name", "nul\x00byte"),
        ("-id", "1.5"),
        ("-id", str(2**63)),
        ("id", "-" + str(2**63)),
    ],
)
def test_cursor_positions_that_the_ordering_field_cannot_hold_get_400(api, ordering, position):
    response = api.get(ACTORS, {"ordering": ordering, "cursor": _position(position)})
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize("tokens", ["o=1&o=2", "x=1", "r=2", "o=-1", "o=1.5", "p"])
def test_cursors_with_unexpected_tokens_get_400(api, tokens):
    response = api.get(ACTORS, {"cursor": _cursor(tokens)})
    assert response.status_code == 400, response.content


def test_an_empty_cursor_is_the_first_page(api):
    ActorFactory()
    assert api.get(ACTORS, {"cursor": ""}).status_code == 200


def test_the_offset_of_a_cursor_is_capped(api):
    """A huge offset cannot make the database skip millions of rows."""
    ActorFactory()
    response = api.get(ACTORS, {"cursor": _cursor("o=" + "9" * 30)})
    assert response.status_code == 200
    assert response.json()["results"] == []
