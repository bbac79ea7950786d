"""A text search is planned with its words every time: never prepared on the server, where
PostgreSQL may give a statement one generic plan for every value (core.backends.postgresql)."""

import pytest
from django.db import connection

from claims.models import Citation, Claim
from tests.support.api import client_with_permissions
from tests.support.factories import CitationFactory, ClaimFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statements prepared on the PostgreSQL server"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def threshold(db) -> int:
    """How many runs of a statement on a connection prepare it."""
    connection.ensure_connection()
    runs = connection.connection.prepare_threshold
    if runs is None:
        pytest.skip("parameters are bound in the client (DATABASE_PREPARE_THRESHOLD empty)")
    return runs


def test_searches_run_unprepared_however_often_while_other_queries_are_prepared(threshold):
    claim = ClaimFactory(text="Syrian fighters crossed the border.")
    citation = CitationFactory(quote="the bridge was closed to jets")
    for _ in range(threshold + 3):
        assert list(Claim.objects.search("fighters").values_list("pk", flat=True)) == [claim.pk]
        assert list(Citation.objects.search("jets").values_list("pk", flat=True)) == [citation.pk]
        assert list(Claim.objects.filter(text="Nothing").values_list("pk", flat=True)) == []
    prepared = prepared_statements()
    assert not [statement for statement in prepared if "tsquery(" in statement]
    assert [statement for statement in prepared if '"claims_claim"."text" = $1' in statement]


def test_a_search_through_the_api_is_not_prepared_either(threshold):
    api = client_with_permissions("claims.view_claim")
    ClaimFactory(text="Syrian fighters crossed the border.")
    for _ in range(threshold + 3):
        assert api.get("/api/v1/claims/", {"q": "fighters"}).status_code == 200
    assert not [statement for statement in prepared_statements() if "tsquery(" in statement]
