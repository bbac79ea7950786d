"""The answer to a statement's or a citation's write is read by compiled queries
(``claims.api.claim_detail``): it must be the detail a GET answers, byte for byte, with the
same ETag, for every statement and citation of the reference article and its additions (a
withdrawn statement and citation, answers between statements, speakers without an actor).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims.api.claim_detail import citation_for_detail, statement_for_detail
from claims.api.serializers import CitationSerializer, StatementSerializer
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


def _written_and_read(client, resource: str, pk: int, change: dict):
    written = client.patch(f"/api/v1/{resource}/{pk}/", change, format="json")
    assert written.status_code == 200, written.content
    read = client.get(f"/api/v1/{resource}/{pk}/")
    assert read.status_code == 200, read.content
    return written, read


def test_a_statements_write_answers_its_detail(record):
    client = client_with_permissions("claims.view_statement", "claims.change_statement")
    statements = list(Statement.objects.order_by("pk"))
    assert any(s.withdrawn_at for s in statements)
    assert any(s.responds_to_id for s in statements)
    for statement in statements:
        written, read = _written_and_read(
            client, "statements", statement.pk, {"note": f"Checked {statement.pk}."}
        )
        assert written.content == read.content, statement.pk
        assert written["ETag"] == read["ETag"], statement.pk


def test_a_citations_write_answers_its_detail(record):
    client = client_with_permissions("claims.view_citation", "claims.change_citation")
    citations = list(Citation.objects.order_by("pk"))
    assert any(c.withdrawn_at for c in citations)
    assert any(c.derived_from_id for c in citations)
    for citation in citations:
        written, read = _written_and_read(
            client, "citations", citation.pk, {"locator": f"p. {citation.pk}"}
        )
        assert written.content == read.content, citation.pk
        assert written["ETag"] == read["ETag"], citation.pk


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
