"""A claim's statement and denial counts, read as correlated subqueries."""

import pytest

from claims.choices import Stance
from claims.models import Claim, Statement
from core.services import instance_withdraw
from tests.support.admin import changelist_rows
from tests.support.factories import CitationFactory, ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_counts_are_zero_for_a_claim_without_statements_and_exact_otherwise():
    bare, stated = ClaimFactory(), ClaimFactory()
    StatementFactory(claim=stated, stance=Stance.ASSERTS)
    StatementFactory.create_batch(2, claim=stated, stance=Stance.DENIES)
    counts = dict(Claim.objects.with_counts().values_list("pk", "statement_count").order_by("pk"))
    denials = dict(Claim.objects.with_counts().values_list("pk", "denial_count"))
    assert counts == {bare.pk: 0, stated.pk: 3}
    assert denials == {bare.pk: 0, stated.pk: 2}
    # Zero is a value the counts can be filtered on, not a missing one.
    assert list(Claim.objects.with_counts().filter(statement_count=0)) == [bare]


def test_the_statement_list_shows_and_sorts_by_each_statements_citations(admin_client, superuser):
    """The statement changelist's citation count: every citation of the statement, withdrawn
    ones too, and zero for a statement without any; sorting by it orders the rows."""
    bare, cited = StatementFactory(), StatementFactory()
    citations = CitationFactory.create_batch(3, statement=cited)
    instance_withdraw(instance=citations[0], user=superuser, reason="A duplicate.")
    rows = changelist_rows(admin_client, Statement, {"o": "5"})
    assert [(row.pk, row.citation_count) for row in rows] == [(bare.pk, 0), (cited.pk, 3)]
    rows = changelist_rows(admin_client, Statement, {"o": "-5"})
    assert [row.pk for row in rows] == [cited.pk, bare.pk]
