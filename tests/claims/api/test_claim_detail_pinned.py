"""The claim detail's JSON, pinned: the reference article's claims read exactly as recorded in
``claim_detail_reference.json``, field order and formatting included.

What changes from one database to another (ids, UUIDs, times) is replaced by stable labels:
an id by its model and rank (``citations#3``), so the pinned document holds which object each
link and number points to. The detail is written by ``PlainRepresentations`` where it can be,
by the serializers' fields otherwise: both must give the pinned bytes.
"""

import contextlib
import datetime
import hashlib
import json
import re
from pathlib import Path
from unittest import mock

import pytest
from rest_framework.generics import GenericAPIView

from claims.api.serializers import PlainRepresentations
from claims.api.views import ClaimViewSet
from claims.detail_reads import claim_for_detail
from claims.models import Citation, Claim, ClaimRelation, Statement
from core.api.renderers import FastJSONRenderer
from sources.models import Actor, Snapshot, Source
from tests.support.api import client_with_permissions
from tests.support.reference import add_structure, reference_claims

PINNED = Path(__file__).with_name("claim_detail_reference.json")
HOST = "http://testserver"
RESOURCES = {
    "claims": Claim,
    "statements": Statement,
    "citations": Citation,
    "claim-relations": ClaimRelation,
    "actors": Actor,
    "sources": Source,
    "snapshots": Snapshot,
}
# Fields holding the bare id of an object of a known resource.
ID_FIELDS = {
    "citation": "citations",
    "derived_from": "citations",
    "snapshot": "snapshots",
    "responds_to": "statements",
}
URL = re.compile(r"^http://testserver/api/v1/([a-z-]+)/([0-9]+)/$")
TIME_FIELDS = {"created_at", "updated_at", "withdrawn_at"}


class Labels:
    """Stable names of the objects of the test database: resource and rank by id."""

    def __init__(self):
        self.ranks = {
            resource: {
                pk: rank
                for rank, pk in enumerate(
                    model.objects.order_by("pk").values_list("pk", flat=True), 1
                )
            }
            for resource, model in RESOURCES.items()
        }

    def of(self, resource: str, pk: int) -> str:
        return f"{resource}#{self.ranks[resource][pk]}"

    def normalized(self, value, key: str | None = None, resource: str | None = None):
        if isinstance(value, dict):
            match = URL.match(value.get("url") or "")
            own = match.group(1) if match else None
            return {name: self.normalized(item, name, own) for name, item in value.items()}
        if isinstance(value, list):
            return [self.normalized(item) for item in value]
        if value is None:
            return None
        if key == "url":
            match = URL.match(value)
            assert match, value
            return f"{HOST}/api/v1/{self.of(match.group(1), int(match.group(2)))}/"
        if key == "id":
            assert resource is not None, "an id without the URL that says what it is"
            return self.of(resource, value)
        if key in ID_FIELDS and isinstance(value, int):
            return self.of(ID_FIELDS[key], value)
        if key == "uuid":
            return "<uuid>"
        if key in TIME_FIELDS:
            datetime.datetime.fromisoformat(value)
            return "<time>"
        return value


def etag_of_body(body: dict) -> str:
    """The ETag a detail must carry: its URLs without scheme and host, hashed."""

    def without_host(value, key=None):
        if isinstance(value, dict):
            return {name: without_host(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [without_host(item) for item in value]
        if key == "url" and isinstance(value, str):
            return value.removeprefix(HOST)
        return value

    rendered = FastJSONRenderer().render(without_host(body))
    return f'"{hashlib.sha256(rendered).hexdigest()}"'


@pytest.fixture
def claims(db) -> dict[str, Claim]:
    return add_structure(reference_claims())


@pytest.fixture(params=["plain", "serializers", "queryset"])
def details(request, claims):
    """The details as ``PlainRepresentations`` write them from the compiled queries' objects
    (``claims.detail_reads``), as the serializers' fields write them, and as they read
    from the queryset's prefetches (a request with a filter goes that way)."""
    client = client_with_permissions("claims.view_claim")
    patches = {
        "plain": contextlib.nullcontext(),
        "serializers": mock.patch.object(PlainRepresentations, "of", return_value=None),
        "queryset": mock.patch.object(ClaimViewSet, "get_object", GenericAPIView.get_object),
    }
    compiled = mock.patch("claims.api.views.claim_for_detail", wraps=claim_for_detail)
    with patches[request.param], compiled as read:
        responses = {
            key: client.get(f"/api/v1/claims/{claim.pk}/") for key, claim in claims.items()
        }
    assert read.called == (request.param != "queryset")
    return responses, Labels()


def test_the_reference_claims_read_as_pinned(details):
    responses, labels = details
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert list(responses) == list(pinned)
    for key, response in responses.items():
        assert response.status_code == 200, response.content
        body = json.loads(response.content)
        # Ordered comparison: the pinned document's field order is the answer's.
        assert json.dumps(labels.normalized(body)) == json.dumps(pinned[key]), key


def test_the_pinned_answers_are_the_renderers_bytes_with_the_etag_of_their_content(details):
    responses, _ = details
    for key, response in responses.items():
        body = json.loads(response.content)
        assert response.content == FastJSONRenderer().render(body), key
        assert response["ETag"] == etag_of_body(body), key


def test_a_detail_shaped_by_fields_reads_as_the_pinned_ones_fields(claims):
    client = client_with_permissions("claims.view_claim")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    labels = Labels()
    wanted = ["id", "url", "relations", "statements", "denials"]
    for key, claim in claims.items():
        response = client.get(f"/api/v1/claims/{claim.pk}/", {"fields": ",".join(wanted)})
        assert response.status_code == 200, response.content
        expected = {name: value for name, value in pinned[key].items() if name in wanted}
        assert json.dumps(labels.normalized(response.json())) == json.dumps(expected), key
