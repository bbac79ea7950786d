"""The citations list filtered by a rare role, access or an unverified quote reads its page
and its capped count from an index of those citations in the list's order, instead of
walking every citation for the few that match."""

import pytest
from django.db import connection
from django.urls import reverse

from claims.choices import AccessMode, CitationRole
from tests.support.factories import (
    CitationFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is PostgreSQL's"
)


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def citations(db):
    """Many reported citations seen directly, their quotes verified, and two rare ones: a
    translation obtained by the source, its quote not found in a snapshot."""
    statements = StatementFactory.create_batch(20)
    source = SourceFactory()
    common = [
        CitationFactory(
            statement=statement, source=source, role=CitationRole.REPORTS, access=AccessMode.DIRECT
        )
        for statement in statements
        for _ in range(20)
    ]
    rare = [
        CitationFactory(
            statement=statements[index], role=CitationRole.TRANSLATES, access=AccessMode.OBTAINED
        )
        for index in (3, 11)
    ]
    snapshot = SnapshotFactory(text="Turkey sent fighters.")
    with connection.cursor() as cursor:
        # Only the planner's view of the table is under test: the common quotes are marked
        # verified directly rather than each checked against its snapshot.
        cursor.execute(
            "UPDATE claims_citation SET quote = 'Turkey', snapshot_id = %s, quote_start = 0, "
            "quote_end = 6, quote_verified = true WHERE id = ANY(%s)",
            [snapshot.pk, [citation.pk for citation in common]],
        )
        cursor.execute("ANALYZE claims_citation")
    return rare


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("role__exact=translates", "claims_citation_role_list"),
        ("access__exact=obtained", "claims_citation_access_list"),
        ("quote_verified__exact=0", "claims_citation_unverified"),
    ],
)
def test_a_filter_of_few_citations_reads_them_from_its_index(admin_client, citations, query, index):
    page = admin_client.get(f"{reverse('admin:claims_citation_changelist')}?{query}")
    assert page.status_code == 200
    changelist = page.context["cl"]
    assert {row.pk for row in changelist.result_list} == {c.pk for c in citations}
    rows = plan_of(changelist.queryset[: changelist.list_per_page])
    assert index in rows, rows
    count = plan_of(changelist.queryset.order_by().values("pk")[:10_001])
    assert index in count, count
