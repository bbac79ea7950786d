"""The floors served over HTTP answer with the rows the API's pages show."""

from urllib.parse import urlencode

import orjson
import pytest
from django.urls import reverse

from claims.choices import Stance

from devtools import floor_wsgi
from tests.support.api import client_with_permissions
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
)


def floor_page(path: str, query: str = "") -> tuple[str, list[dict]]:
    answer = {}

    def start_response(status, headers):
        answer["status"] = status

    body = b"".join(
        floor_wsgi.application({"PATH_INFO": path, "QUERY_STRING": query}, start_response)
    )
    return answer["status"], orjson.loads(body)["results"] if answer["status"] == "200 OK" else []


@pytest.fixture
def record(db):
    ClaimFactory.create_batch(3)
    ClaimFactory(text="Mercenaries arrived in Sirte by air.")
    CitationFactory(quote="The mercenaries were flown in overnight.")
    ClaimFactory.create_batch(2)


@pytest.mark.parametrize("query", ["", "q=mercenaries"])
def test_the_floor_lists_the_rows_of_the_api_page(record, query):
    api = client_with_permissions("claims.view_claim")
    page = api.get(f"{reverse('api:claim-list')}?{query}").json()["results"]
    status, rows = floor_page("/claims/", query)
    assert status == "200 OK"
    assert [row["id"] for row in rows] == [row["id"] for row in page]
    if query:
        assert len(rows) == 2


def test_the_floor_pages_by_id_like_the_cursor(record):
    """``?before=ID``: the page below an id, as the API's next page by cursor."""
    api = client_with_permissions("claims.view_claim")
    first = api.get(f"{reverse('api:claim-list')}?page_size=2").json()
    following = api.get(first["next"]).json()["results"]
    status, rows = floor_page("/claims/", f"before={first['results'][-1]['id']}")
    assert status == "200 OK"
    assert [row["id"] for row in rows][:2] == [row["id"] for row in following]


def test_the_floor_filters_by_actor_denials_and_topic(db):
    denial = StatementFactory(stance=Stance.DENIES)
    StatementFactory()  # someone else's
    topic = TopicFactory()
    tagged = ClaimFactory()
    tagged.topics.add(topic)
    assert ids_of("actor", denial.actor.name) == [denial.claim_id]
    assert ids_of("denied_by", denial.actor.name) == [denial.claim_id]
    assert ids_of("topic", topic.slug) == [tagged.pk]


def ids_of(name: str, value: str) -> list[int]:
    status, rows = floor_page("/claims/", urlencode({name: value}))
    assert status == "200 OK"
    return [row["id"] for row in rows]


def test_the_floor_detail_has_what_the_api_detail_shows(db):
    citation = CitationFactory(quote="The mercenaries were flown in overnight.")
    claim_id = citation.statement.claim_id
    api = client_with_permissions("claims.view_claim")
    detail = api.get(reverse("api:claim-detail", args=[claim_id])).json()
    answer = {}
    body = b"".join(
        floor_wsgi.application(
            {"PATH_INFO": f"/claims/{claim_id}/", "QUERY_STRING": ""},
            lambda status, headers: answer.update(status=status),
        )
    )
    floor = orjson.loads(body)
    assert answer["status"] == "200 OK"
    assert floor["id"] == detail["id"]
    assert [s["id"] for s in floor["statements"]] == [s["id"] for s in detail["statements"]]
    assert floor["statements"][0]["citations"][0]["quote"] == citation.quote


@pytest.mark.parametrize("path", ["/other/", "/claims/999999/", "/claims/x/"])
def test_any_other_path_is_not_found(db, path):
    assert floor_page(path)[0] == "404 Not Found"
