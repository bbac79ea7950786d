"""A statement's and a citation's own detail: written without a field object per value
(``PlainRepresentations``) where it can be, and then the same bytes as the serializers'."""

from unittest import mock

import pytest

from claims.api.serializers import PlainRepresentations
from claims.models import Citation, Statement
from core.services import instance_withdraw
from tests.support.api import client_with_permissions
from tests.support.factories import UserFactory
from tests.support.reference import add_structure, reference_claims

READ = ("claims.view_claim", "claims.view_statement", "claims.view_citation")


@pytest.fixture
def record(db):
    """The reference article with its structure, a withdrawn citation among its citations."""
    add_structure(reference_claims())
    citation = Citation.objects.filter(derived_from__isnull=False).order_by("pk").first()
    instance_withdraw(instance=citation, user=UserFactory(username="desk"), reason="A copy.")
    return {
        "statements": list(Statement.objects.order_by("pk").values_list("pk", flat=True)),
        "citations": list(Citation.objects.order_by("pk").values_list("pk", flat=True)),
    }


def read_all(record, client) -> dict[str, tuple[bytes, str]]:
    answers = {}
    for resource, pks in record.items():
        for pk in pks:
            response = client.get(f"/api/v1/{resource}/{pk}/")
            assert response.status_code == 200, response.content
            answers[f"{resource}/{pk}"] = (response.content, response["ETag"])
    return answers


def test_every_detail_reads_as_the_serializers_write_it(record):
    client = client_with_permissions(*READ)
    plain = read_all(record, client)
    with mock.patch.object(PlainRepresentations, "of", return_value=None):
        fields = read_all(record, client)
    assert len(plain) == len(record["statements"]) + len(record["citations"]) > 20
    assert plain == fields
    bodies = [body for body, _ in plain.values()]
    assert any(b'"withdrawn_by":"desk"' in body for body in bodies)
    assert any(b'"withdrawn_by":null' in body for body in bodies)
    assert any(b'"responds_to":{' in body for body in bodies)


def test_the_details_are_written_without_the_serializers_fields(record):
    """The plain path is the one taken: the serializers' own representation is not run."""
    client = client_with_permissions(*READ)
    statement, citation = record["statements"][0], record["citations"][0]
    with mock.patch(
        "rest_framework.serializers.Serializer.to_representation",
        side_effect=AssertionError("a field-by-field representation"),
    ):
        for url in (f"/api/v1/statements/{statement}/", f"/api/v1/citations/{citation}/"):
            assert client.get(url).status_code == 200


def test_a_detail_shaped_by_fields_keeps_only_those(record):
    client = client_with_permissions(*READ)
    citation = record["citations"][0]
    response = client.get(f"/api/v1/citations/{citation}/", {"fields": "id,chain_display"})
    assert response.status_code == 200
    assert list(response.json()) == ["id", "chain_display"]
