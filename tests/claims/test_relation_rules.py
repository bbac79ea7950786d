"""Claim relations: never a claim to itself, never the same relation twice."""

import pytest

from claims.choices import RelationKind
from claims.models import ClaimRelation
from claims.services import claim_relation_save
from tests.support.factories import ClaimFactory
from tests.support.refusals import NON_FIELD_ERRORS, refused_by_database, validation_errors

pytestmark = pytest.mark.django_db

SYMMETRIC = sorted(RelationKind.symmetric())
DIRECTED = sorted(set(RelationKind.values) - RelationKind.symmetric())


@pytest.fixture
def claims(db):
    return (
        ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya in Q1 2020."),
        ClaimFactory(text="Turkey sent about 1,000 Syrian fighters to Libya in Q1 2020."),
    )


def relate(from_claim, to_claim, kind) -> ClaimRelation:
    return claim_relation_save(
        relation=ClaimRelation(from_claim=from_claim, to_claim=to_claim, kind=kind)
    )


def test_symmetric_kinds_are_the_undirected_ones():
    """Contradicting, duplicating and describing the same event read the same both ways."""
    assert set(SYMMETRIC) == {"contradicts", "duplicate_of", "same_event"}


def test_competing_figures_contradict_each_other(claims):
    """Two claims with different counts are related as contradicting."""
    relation = relate(*claims, RelationKind.CONTRADICTS)
    assert list(claims[0].relations_from.all()) == [relation]
    assert list(claims[1].relations_to.all()) == [relation]


@pytest.mark.parametrize("kind", RelationKind.values)
def test_claim_cannot_relate_to_itself_in_validation(claims, kind):
    """A claim related to itself is reported on to_claim, whatever the kind."""
    errors = validation_errors(lambda: relate(claims[0], claims[0], kind))
    assert errors["to_claim"] == ["A claim cannot relate to itself."]
    assert not ClaimRelation.objects.exists()


def test_claim_cannot_relate_to_itself_in_the_database(claims):
    """The database refuses a relation from a claim to the same claim."""
    with refused_by_database("claims_claimrelation_not_to_itself"):
        ClaimRelation.objects.create(
            from_claim=claims[0], to_claim=claims[0], kind=RelationKind.SUPPORTS
        )


@pytest.mark.parametrize("kind", RelationKind.values)
def test_the_same_relation_twice_is_refused_in_validation(claims, kind):
    """Relating the same two claims the same way again is refused with a readable message."""
    relate(*claims, kind)
    errors = validation_errors(lambda: relate(*claims, kind))
    assert errors[NON_FIELD_ERRORS] == ["These claims are already related this way."]
    assert ClaimRelation.objects.count() == 1


def test_the_same_relation_twice_is_refused_by_the_database(claims):
    """The unique constraint holds for writes that skip validation."""
    ClaimRelation.objects.create(
        from_claim=claims[0], to_claim=claims[1], kind=RelationKind.SUPPORTS
    )
    with refused_by_database(
        "claims_claimrelation_unique_from_to_kind", "claims_claimrelation.from_claim_id"
    ):
        ClaimRelation.objects.create(
            from_claim=claims[0], to_claim=claims[1], kind=RelationKind.SUPPORTS
        )


def test_the_same_claims_may_be_related_in_different_ways(claims):
    """One relation per kind: a claim may both refine and supersede another."""
    relate(*claims, RelationKind.REFINES)
    relate(*claims, RelationKind.SUPERSEDES)
    assert ClaimRelation.objects.count() == 2


@pytest.mark.parametrize("kind", SYMMETRIC)
def test_mirror_of_a_symmetric_relation_is_refused(claims, kind):
    """B contradicts A says nothing new once A contradicts B: refused on kind."""
    relate(claims[0], claims[1], kind)
    errors = validation_errors(lambda: relate(claims[1], claims[0], kind))
    assert errors["kind"] == ["These claims are already related this way, the other way round."]
    assert ClaimRelation.objects.count() == 1


@pytest.mark.parametrize("kind", DIRECTED)
def test_mirror_of_a_directed_relation_is_accepted(claims, kind):
    """A supports B and B supports A are two different statements of fact."""
    relate(claims[0], claims[1], kind)
    relate(claims[1], claims[0], kind)
    assert ClaimRelation.objects.filter(kind=kind).count() == 2


def test_resaving_a_symmetric_relation_is_not_its_own_mirror(claims):
    """Saving a relation again (to change its note) does not clash with itself."""
    relation = relate(*claims, RelationKind.CONTRADICTS)
    relation.note = "3,500 against about 1,000."
    claim_relation_save(relation=relation)
    relation.refresh_from_db()
    assert relation.note == "3,500 against about 1,000."
