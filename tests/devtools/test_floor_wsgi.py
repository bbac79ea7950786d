"""The floors served over HTTP answer with the rows the API's pages show."""

import orjson
import pytest
from django.urls import reverse

from devtools import floor_wsgi
from tests.support.api import client_with_permissions
from tests.support.factories import CitationFactory, ClaimFactory


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


def test_any_other_path_is_not_found(db):
    assert floor_page("/other/")[0] == "404 Not Found"
