"""The review queue's order is an index's order: a page of the queue (any of its filters, or
all reviews) reads its rows in order instead of sorting every review."""

from datetime import date, timedelta

import pytest
from django.db import connection

from reviews.choices import Priority
from reviews.models import Review
from reviews.querysets import QUEUE_ORDERING
from tests.support.factories import ReviewFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plan is PostgreSQL's"
)


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Sorting made expensive and scans of the table too: the index must serve the order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "queue", [Review.objects.all, Review.objects.open, Review.objects.unassigned]
)
def test_a_page_of_the_queue_reads_the_rank_index_in_order(db, queue):
    for days, priority in enumerate(Priority.values * 2):
        due = None if days % 3 == 0 else date(2026, 12, 1) + timedelta(days=days % 4)
        ReviewFactory(priority=priority, due_on=due)
    page = queue().with_queue_rank().order_by(*QUEUE_ORDERING)[:50]
    plan = plan_of(page)
    assert "reviews_review_rank_idx" in plan, plan
    assert "Sort" not in plan, plan
    urgency = Priority.values[::-1]
    assert list(page) == sorted(
        page,
        key=lambda r: (urgency.index(r.priority), r.due_on or date.max, r.created_at, r.id),
    )
