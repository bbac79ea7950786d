"""The answer to a statement's or a citation's write is read by compiled queries
(``claims.detail_reads``): it must be the detail a GET answers, byte for byte, with the
same ETag, for every statement and citation of the reference article and its additions (a
withdrawn statement and citation, answers between statements, speakers without an actor).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims.api.serializers import CitationSerializer, StatementSerializer
from claims.detail_reads import citation_for_detail, statement_for_detail
from claims.models import Citation, Statement
from core.services import instance_withdraw
from tests.support.api import client_with_permissions
from tests.support.factories import UserFactory
from tests.support.reference import add_structure, reference_claims


@pytest.fixture
def record(db):
    add_structure(reference_claims())
    citation = Citation.objects.order_by("pk").last()
    instance_withdraw(instance=citation, user=UserFactory(), reason="Wrong page.")


# Each resource, the change its writes make, and what its objects must include.
WRITES = [
    pytest.param(
        Statement,
        "statements",
        lambda pk: {"note": f"Checked {pk}."},
        ("withdrawn_at", "responds_to_id"),
        id="statement",
    ),
    pytest.param(
        Citation,
        "citations",
        lambda pk: {"locator": f"p. {pk}"},
        ("withdrawn_at", "derived_from_id"),
        id="citation",
    ),
]


@pytest.mark.parametrize(("model", "resource", "change", "cases"), WRITES)
def test_a_write_answers_the_objects_detail(record, model, resource, change, cases):
    name = model._meta.model_name
    client = client_with_permissions(f"claims.view_{name}", f"claims.change_{name}")
    objects = list(model.objects.order_by("pk"))
    for field in cases:
        assert any(getattr(obj, field) for obj in objects), field
    for obj in objects:
        written = client.patch(f"/api/v1/{resource}/{obj.pk}/", change(obj.pk), format="json")
        assert written.status_code == 200, written.content
        read = client.get(f"/api/v1/{resource}/{obj.pk}/")
        assert read.status_code == 200, read.content
        assert written.content == read.content, obj.pk
        assert written["ETag"] == read["ETag"], obj.pk


def test_the_compiled_reads_take_two_queries_written_out_and_know_missing_ids(record):
    """Two queries read everything the representation shows: writing it out runs none."""
    request = Request(APIRequestFactory().get("/"))
    statement = Statement.objects.filter(citations__isnull=False).first()
    citation = statement.citations.first()
    for read, serializer, pk in (
        (statement_for_detail, StatementSerializer, statement.pk),
        (citation_for_detail, CitationSerializer, citation.pk),
    ):
        with CaptureQueriesContext(connection) as queries:
            data = serializer(read(pk), context={"request": request}).data
        assert data["id"] == pk
        assert len(queries) == 2, "\n".join(query["sql"][:200] for query in queries)
    for missing in (0, -1, 2**63, Statement.objects.order_by("pk").last().pk + 1000):
        assert statement_for_detail(missing) is None
        assert citation_for_detail(missing) is None
