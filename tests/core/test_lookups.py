"""``field__any_of``: what ``__in`` finds, as one array parameter on PostgreSQL."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Claim
from tests.support.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_ids(db) -> list[int]:
    return [claim.pk for claim in ClaimFactory.create_batch(6)]


def test_any_of_finds_what_in_finds(claim_ids):
    asked = [claim_ids[0], claim_ids[3], claim_ids[3], None, max(claim_ids) + 1000]
    found = Claim.objects.filter(pk__any_of=asked).order_by("pk")
    assert list(found) == list(Claim.objects.filter(pk__in=asked).order_by("pk"))
    assert [claim.pk for claim in found] == [claim_ids[0], claim_ids[3]]


@pytest.mark.parametrize("asked", [[], [None]])
def test_any_of_nothing_finds_nothing_without_a_query(claim_ids, asked):
    with CaptureQueriesContext(connection) as queries:
        assert list(Claim.objects.filter(pk__any_of=asked)) == []
    assert len(queries) == 0


def test_any_of_a_subquery_is_in_a_subquery(claim_ids):
    newest = Claim.objects.order_by("-pk").values("pk")[:2]
    assert set(Claim.objects.filter(pk__any_of=newest)) == set(Claim.objects.filter(pk__in=newest))


def test_any_of_is_one_array_parameter_on_postgresql(claim_ids):
    sql, params = Claim.objects.filter(pk__any_of=claim_ids).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert '"claims_claim"."id" = ANY(%s)' in sql
        assert params == (claim_ids,)
    else:
        assert sql.count("%s") == len(claim_ids)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=30))
def test_any_of_agrees_with_in_for_any_ids(claim_ids, asked):
    """The rows exist for a fixture's ids only; the ids asked are any 64-bit ones."""
    asked = asked + claim_ids[: len(asked) % 4]
    ours = set(Claim.objects.filter(pk__any_of=asked).values_list("pk", flat=True))
    assert ours == set(Claim.objects.filter(pk__in=asked).values_list("pk", flat=True))


def test_any_of_finds_uuids(claim_ids):
    """The bulk files name rows by uuid: the lookup takes uuids and their text alike."""
    claims = list(Claim.objects.filter(pk__in=claim_ids[:2]).order_by("pk"))
    asked = [claims[0].uuid, str(claims[1].uuid).upper(), uuid.uuid4(), None]
    found = Claim.objects.filter(uuid__any_of=asked).order_by("pk")
    assert list(found) == claims
    sql, params = Claim.objects.filter(uuid__any_of=asked).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert '"claims_claim"."uuid" = ANY(%s)' in sql
        assert len(params) == 1
