"""The floor served over HTTP answers the claims list's pages with the API's own bytes, and a
claim's detail with the same data."""

from io import StringIO
from urllib.parse import urlencode, urlsplit

import orjson
import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, Statement
from devtools import floor_wsgi
from devtools.benchmark import busiest_alias
from tests.support.api import client_with_permissions
from tests.support.factories import CitationFactory, ClaimFactory


def floor(path: str, query: str = "") -> tuple[str, bytes]:
    answer = {}

    def start_response(status, headers):
        answer["status"] = status

    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
    body = b"".join(floor_wsgi.application(environ, start_response))
    return answer["status"], body


@pytest.fixture
def record(db):
    call_command(
        "generate_synthetic_record",
        claims=120,
        no_history=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )


def api_and_floor(url: str) -> tuple[bytes, bytes]:
    response = client_with_permissions("claims.view_claim").get(url)
    assert response.status_code == 200
    parts = urlsplit(url)
    status, body = floor(parts.path, parts.query)
    assert status == "200 OK"
    return response.content, body


def test_the_floor_answers_the_list_with_the_apis_bytes(record):
    api, body = api_and_floor(reverse("api:claim-list"))
    assert body == api
    assert len(orjson.loads(body)["results"]) == 50


def test_the_floor_answers_pages_by_cursor_with_the_apis_bytes(record):
    client = client_with_permissions("claims.view_claim")
    second = client.get(reverse("api:claim-list")).json()["next"]
    third = client.get(second).json()["next"]
    for url in (second, third):
        parts = urlsplit(url)
        api, body = api_and_floor(f"{parts.path}?{parts.query}")
        assert body == api
    assert orjson.loads(body)["previous"] is not None


@pytest.mark.parametrize("name", ["actor", "denied_by", "topic"])
def test_the_floor_answers_the_filters_with_the_apis_bytes(record, name):
    if name == "topic":
        value = Claim.topics.through.objects.values_list("topic__slug", flat=True).first()
    else:
        value = busiest_alias(denials=name == "denied_by")
    api, body = api_and_floor(f"{reverse('api:claim-list')}?{urlencode({name: value})}")
    assert body == api
    assert orjson.loads(body)["results"]


def test_the_floor_search_finds_the_apis_rows(db):
    ClaimFactory.create_batch(2)
    ClaimFactory(text="Mercenaries arrived in Sirte by air.")
    CitationFactory(quote="The mercenaries were flown in overnight.")
    api, body = api_and_floor(f"{reverse('api:claim-list')}?q=mercenaries")
    ids = [row["id"] for row in orjson.loads(body)["results"]]
    assert ids == [row["id"] for row in orjson.loads(api)["results"]]
    assert len(ids) == 2


def test_the_floor_detail_has_what_the_api_detail_shows(record):
    statement = Statement.objects.filter(citations__isnull=False).order_by("-pk").first()
    api, body = api_and_floor(reverse("api:claim-detail", args=[statement.claim_id]))
    detail, document = orjson.loads(api), orjson.loads(body)
    assert document["id"] == detail["id"]
    assert [s["id"] for s in document["statements"]] == [s["id"] for s in detail["statements"]]
    assert sorted(c["id"] for s in document["statements"] for c in s["citations"]) == sorted(
        c["id"] for s in detail["statements"] for c in s["citations"]
    )


@pytest.mark.parametrize(
    "path", ["/other/", "/claims/", "/api/v1/claims/999999/", "/api/v1/claims/x/"]
)
def test_any_other_path_is_not_found(db, path):
    assert floor(path)[0] == "404 Not Found"
