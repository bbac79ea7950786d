"""No page of the review desk or of the public site reads the claims, statements or
citations tables whole, with reviews spread over old and recent claims.

PostgreSQL only: the plans are PostgreSQL's, read with ``devtools.explain`` on a synthetic
record with its reviews, vacuumed and analysed as autovacuum leaves a live database, so that
the planner weighs the tables by their rows. Sequential scans are not switched off.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from devtools.explain import admin_plans, public_pages, report, review_pages

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)


@pytest.fixture
def record(migration_data):
    call_command(
        "generate_synthetic_record",
        claims=4000,
        reviews_every=8,
        no_history=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def test_no_review_or_public_page_scans_claims_statements_or_citations(record):
    pages = review_pages() + public_pages()
    names = {name for name, _ in pages}
    assert {
        "reviews.Review changelist",
        "review queue queue=all&q=fighters",
        "published review change",
        "API review queue",
        "public list of a topic",
        "public fact-check (newest)",
        "ClaimReview feed",
    } <= names
    plans = admin_plans(pages=pages)
    assert all(page.status == 200 and page.queries for page in plans), report(plans)
    assert [page.name for page in plans if page.seq_scans()] == [], report(plans)
