"""What every list request goes through: row URLs and the filter backend."""

from unittest import mock

from django.urls import reverse

from claims.filtersets import ClaimFilterSet
from tests.support.api import client_with_permissions, found
from tests.support.factories import ClaimFactory, StatementFactory


def test_every_row_links_to_its_own_detail(db):
    """Row URLs are built from one reversed prefix per page; each still names its row."""
    claims = [ClaimFactory() for _ in range(3)]
    for claim in claims:
        StatementFactory(claim=claim)
    client = client_with_permissions("claims.view_claim", "claims.view_statement")
    detail = client.get(reverse("api:statement-detail", args=[claims[0].statements.get().pk]))
    assert detail.json()["claim"]["url"] == f"http://testserver/api/v1/claims/{claims[0].pk}/"
    rows = client.get(reverse("api:claim-list")).json()["results"]
    assert {row["url"] for row in rows} == {
        f"http://testserver{reverse('api:claim-detail', args=[claim.pk])}" for claim in claims
    }
    statement_rows = client.get(reverse("api:statement-list")).json()["results"]
    for row in statement_rows:
        assert row["url"] == f"http://testserver/api/v1/statements/{row['id']}/"


def test_a_list_without_filter_parameters_builds_no_filterset(db):
    """Paging parameters alone do not filter: the FilterSet is skipped, the rows are all there."""
    claims = {ClaimFactory().pk for _ in range(3)}
    client = client_with_permissions("claims.view_claim")
    with mock.patch.object(ClaimFilterSet, "__init__", side_effect=AssertionError):
        response = client.get(reverse("api:claim-list"), {"page_size": 10})
    assert found(response) == claims


def test_a_filter_parameter_still_filters_and_validates(db):
    """Any of the FilterSet's parameters brings it back, with its validation."""
    kept, other = ClaimFactory(), ClaimFactory()
    client = client_with_permissions("claims.view_claim")
    assert found(client.get(reverse("api:claim-list"), {"id": str(kept.pk)})) == {kept.pk}
    refused = client.get(reverse("api:claim-list"), {"id": "not-an-id"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["id"]
    assert other.pk not in found(client.get(reverse("api:claim-list"), {"id": str(kept.pk)}))
