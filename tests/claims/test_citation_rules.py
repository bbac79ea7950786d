"""Citation chains: an origin derives from nothing, links stay in one statement, no loops."""

import pytest

from claims.choices import AccessMode, CitationRole
from claims.models import Citation
from claims.services import citation_save
from tests.support.factories import (
    CitationFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)
from tests.support.refusals import refused_by_database, validation_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(db):
    return StatementFactory()


def link(statement, role=CitationRole.REPORTS, **fields) -> Citation:
    return CitationFactory(statement=statement, role=role, **fields)


def test_three_link_chain_is_accepted(statement):
    """Report (origin) → AP story (seen by) → RFE/RL article (republishes) saves."""
    origin = citation_save(
        citation=Citation(statement=statement, source=SourceFactory(), role=CitationRole.ORIGIN)
    )
    ap = citation_save(
        citation=Citation(
            statement=statement,
            source=SourceFactory(),
            role=CitationRole.REPORTS,
            access=AccessMode.SEEN_BY,
            derived_from=origin,
        )
    )
    rferl = citation_save(
        citation=Citation(
            statement=statement,
            source=SourceFactory(),
            role=CitationRole.REPUBLISHES,
            derived_from=ap,
        )
    )
    assert rferl.derived_from.derived_from == origin


def test_citation_cannot_derive_from_itself_in_validation(statement):
    """Pointing a citation at itself is reported on derived_from."""
    citation = link(statement)
    citation.derived_from = citation
    errors = validation_errors(lambda: citation_save(citation=citation))
    assert errors["derived_from"] == ["A citation cannot derive from itself."]


def test_citation_cannot_derive_from_itself_in_the_database(statement):
    """An update that makes a citation its own source is refused by a check constraint."""
    citation = link(statement)
    citation.derived_from = citation
    with refused_by_database("claims_citation_not_derived_from_itself"):
        citation.save()


def test_origin_derives_from_nothing_in_validation(statement):
    """An origin with a previous link is a contradiction, reported on derived_from."""
    earlier = link(statement, role=CitationRole.ORIGIN)
    citation = Citation(
        statement=statement, source=SourceFactory(), role=CitationRole.ORIGIN, derived_from=earlier
    )
    errors = validation_errors(lambda: citation_save(citation=citation))
    assert errors["derived_from"] == ["An origin citation derives from nothing."]


def test_origin_derives_from_nothing_in_the_database(statement):
    """The database refuses an origin that derives from another citation."""
    earlier = link(statement, role=CitationRole.ORIGIN)
    with refused_by_database("claims_citation_origin_derives_from_nothing"):
        Citation.objects.create(
            statement=statement,
            source=SourceFactory(),
            role=CitationRole.ORIGIN,
            derived_from=earlier,
        )


def test_chain_stays_within_one_statement(statement):
    """A citation cannot derive from a citation of another statement."""
    elsewhere = link(StatementFactory(), role=CitationRole.ORIGIN)
    citation = Citation(
        statement=statement,
        source=SourceFactory(),
        role=CitationRole.REPORTS,
        derived_from=elsewhere,
    )
    errors = validation_errors(lambda: citation_save(citation=citation))
    assert errors["derived_from"] == ["The chain must stay within this citation's statement."]


def test_chain_loop_of_two_is_refused(statement):
    """A derived from B, then B derived from A: the second link is refused."""
    b = link(statement)
    a = citation_save(
        citation=Citation(
            statement=statement, source=SourceFactory(), role=CitationRole.REPORTS, derived_from=b
        )
    )
    b.derived_from = a
    errors = validation_errors(lambda: citation_save(citation=b))
    assert errors["derived_from"] == ["This link would make the chain a loop."]
    b.refresh_from_db()
    assert b.derived_from_id is None


def test_chain_loop_of_three_is_refused(statement):
    """A loop through a third citation is found too."""
    c = link(statement)
    b = link(statement, derived_from=c)
    a = link(statement, derived_from=b)
    c.derived_from = a
    assert "derived_from" in validation_errors(lambda: citation_save(citation=c))


def test_snapshot_must_be_of_the_citations_source(statement):
    """A quote is checked against the cited source's own text, not another source's."""
    source = SourceFactory()
    other_snapshot = SnapshotFactory()
    citation = Citation(
        statement=statement,
        source=source,
        role=CitationRole.ORIGIN,
        snapshot=other_snapshot,
        quote="The minister said",
    )
    errors = validation_errors(lambda: citation_save(citation=citation))
    assert errors["snapshot"] == ["The snapshot must be of this citation's source."]
    assert not Citation.objects.exists()


def test_snapshot_of_the_citations_source_is_accepted(statement):
    """A snapshot of the same source passes."""
    snapshot = SnapshotFactory()
    citation = citation_save(
        citation=Citation(
            statement=statement,
            source=snapshot.source,
            role=CitationRole.ORIGIN,
            snapshot=snapshot,
        )
    )
    assert citation.snapshot == snapshot
