"""Reading a citation chain back in words: from the origin to where the record read it."""

import pytest

from claims.chains import chain_to, describe_chain, leaf_chains
from claims.choices import AccessMode, CitationRole
from claims.models import Claim
from sources.choices import ActorKind, SourceKind
from tests.support.factories import ActorFactory, CitationFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_chain(db):
    """The reference article's chain: DoD report (not public) → AP story → RFE/RL article."""
    statement = StatementFactory(
        actor=ActorFactory(name="U.S. Department of Defense", kind=ActorKind.GOVERNMENT_BODY)
    )
    report = CitationFactory(
        statement=statement,
        role=CitationRole.ORIGIN,
        source=SourceFactory(
            kind=SourceKind.REPORT,
            title="Lead Inspector General report",
            publisher=statement.actor,
            url="",
            is_public=False,
            access_note="seen by the Associated Press",
        ),
    )
    ap = CitationFactory(
        statement=statement,
        role=CitationRole.REPORTS,
        access=AccessMode.SEEN_BY,
        derived_from=report,
        source=SourceFactory(
            kind=SourceKind.AGENCY_STORY,
            publisher=ActorFactory(name="Associated Press", kind=ActorKind.NEWS_AGENCY),
        ),
    )
    rferl = CitationFactory(
        statement=statement,
        role=CitationRole.REPUBLISHES,
        derived_from=ap,
        source=SourceFactory(
            publisher=ActorFactory(
                name="Radio Free Europe/Radio Liberty", kind=ActorKind.NEWS_OUTLET
            )
        ),
    )
    return report, ap, rferl


def test_describe_a_three_link_chain(reference_chain):
    """Origin (not public) → the agency that saw it → the outlet that republished it."""
    assert describe_chain(chain_to(reference_chain[-1])) == (
        "U.S. Department of Defense — report (not public) → seen by Associated Press "
        "→ republished by Radio Free Europe/Radio Liberty"
    )


def test_describe_a_public_origin(reference_chain):
    """A public origin is not marked."""
    report = reference_chain[0]
    report.source.is_public = True
    assert describe_chain([report]) == "U.S. Department of Defense — report"


def test_describe_a_chain_without_an_origin(db):
    """A chain whose first link is not an origin says the origin is not recorded."""
    statement = StatementFactory()
    ap = CitationFactory(
        statement=statement,
        role=CitationRole.REPORTS,
        source=SourceFactory(publisher=ActorFactory(name="Associated Press")),
    )
    rferl = CitationFactory(
        statement=statement,
        role=CitationRole.QUOTES,
        derived_from=ap,
        source=SourceFactory(publisher=ActorFactory(name="RFE/RL")),
    )
    assert describe_chain(chain_to(rferl)) == (
        "origin not recorded → reported by Associated Press → quoted by RFE/RL"
    )


def test_a_source_without_a_publisher_is_named_by_its_title(db):
    """When no publisher is recorded, the source's title stands in for it."""
    citation = CitationFactory(
        role=CitationRole.REPORTS,
        access=AccessMode.OBTAINED,
        source=SourceFactory(publisher=None, title="Leaked memo"),
    )
    assert describe_chain([citation]) == "origin not recorded → obtained by Leaked memo"


def test_empty_chain_is_described_as_nothing():
    """No links, no words."""
    assert describe_chain([]) == ""


def test_chain_to_runs_no_query_with_the_statements_citations(
    reference_chain, django_assert_num_queries
):
    """With the statement's citations prefetched, walking a chain touches no database."""
    claim = Claim.objects.for_detail().get(pk=reference_chain[0].statement.claim_id)
    citations = list(claim.statements.all()[0].citations.all())
    by_id = {citation.pk: citation for citation in citations}
    leaf = by_id[reference_chain[-1].pk]
    with django_assert_num_queries(0):
        chain = chain_to(leaf, by_id)
        text = describe_chain(chain)
    assert [link.pk for link in chain] == [link.pk for link in reference_chain]
    assert text.startswith("U.S. Department of Defense — report (not public)")


def test_leaf_chains_gives_one_chain_per_end(reference_chain):
    """A second outlet republishing the AP story makes a second chain sharing the start."""
    report, ap, rferl = reference_chain
    other = CitationFactory(
        statement=report.statement, role=CitationRole.REPUBLISHES, derived_from=ap
    )
    chains = leaf_chains(report.statement.citations.all())
    assert sorted([link.pk for link in chain] for chain in chains) == sorted(
        [[report.pk, ap.pk, rferl.pk], [report.pk, ap.pk, other.pk]]
    )
