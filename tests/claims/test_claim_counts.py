"""A claim's statement and denial counts, read as correlated subqueries."""

import pytest

from claims.choices import Stance
from claims.models import Claim
from tests.support.factories import ClaimFactory, StatementFactory

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
