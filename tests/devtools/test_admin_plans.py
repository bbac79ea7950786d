"""No admin page of the record reads the claims, statements or citations tables whole.

PostgreSQL only: the plans are PostgreSQL's, read with ``devtools.explain.admin_plans()``
on a synthetic record of a few thousand claims, vacuumed and analysed as autovacuum leaves a
live database (and as docs/performance.md has a benchmark record prepared), so that the
planner weighs the tables by their rows and uses index-only scans where it would at a
million claims. Sequential scans are not switched off: a plan the planner prefers is read.
"""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection

from devtools.explain import APPS, PagePlan, QueryPlan, admin_plans, explain, report

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)

CLAIMS = 4000


@pytest.fixture
def record(migration_data):
    call_command(
        "generate_synthetic_record",
        claims=CLAIMS,
        no_history=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def test_no_admin_page_scans_claims_statements_or_citations(record):
    """The changelist and a change page of each admin of the claims and sources apps."""
    plans = admin_plans()
    names = {page.name for page in plans}
    models = [m for m in admin.site._registry if m._meta.app_label in APPS]
    assert len(models) >= 8
    for model in models:
        assert {f"{model._meta.label} changelist", f"{model._meta.label} change"} <= names
    assert all(page.status == 200 and page.queries for page in plans), report(plans)
    assert [page.name for page in plans if page.seq_scans()] == [], report(plans)


def test_a_sequential_scan_is_reported(db):
    """The check sees a scan when there is one: a condition no index serves."""
    sql = "SELECT id FROM claims_claim WHERE quantity_unit = 'fighters'"
    plan = QueryPlan(sql=sql, plan=explain(sql))
    assert plan.seq_scans() == ["claims_claim"]
    page = PagePlan(name="unindexed", url="/", status=200, queries=[plan])
    assert page.seq_scans() == [("claims_claim", sql)]
    assert "seq scans of big tables: claims_claim" in report([page])
