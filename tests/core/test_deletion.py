"""Deleting what others depend on is refused, not cascaded; owned children go with their parent."""

import pytest

from claims.choices import CitationRole, Stance
from claims.models import Citation, Claim, ClaimRelation, Statement
from core.services import DeletionRefused, instance_delete
from sources.models import Actor, Alias, Snapshot, Source
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def refused(instance) -> DeletionRefused:
    with pytest.raises(DeletionRefused) as caught:
        instance_delete(instance=instance)
    assert type(instance).objects.filter(pk=instance.pk).exists(), "it was deleted"
    return caught.value


def test_actor_with_statements_is_not_deleted():
    """An actor who made statements stays; the message names the actor and the statements."""
    actor = ActorFactory(name="Government of Russia")
    AliasFactory(actor=actor, name="Moscow")
    StatementFactory(actor=actor, stance=Stance.DENIES)
    StatementFactory(actor=actor)
    error = refused(actor)
    assert error.message == (
        "Cannot delete actor “Government of Russia”: it is used by 2 statements. "
        "Remove or reassign them first."
    )
    assert {type(obj) for obj in error.dependents} == {Statement}
    assert actor.aliases.count() == 1
    assert Statement.objects.count() == 2


@pytest.mark.parametrize(
    ("make_dependent", "named"),
    [
        (lambda actor: SourceFactory(publisher=actor), "1 source"),
        (lambda actor: ActorFactory(parent=actor), "1 actor"),
        (lambda actor: ActorFactory(leader=actor), "1 actor"),
    ],
    ids=["publisher-of-a-source", "parent-of-an-actor", "leader-of-an-actor"],
)
def test_actor_referenced_as_evidence_is_not_deleted(make_dependent, named):
    """A publisher, a parent organisation and a leader are all kept while referenced."""
    actor = ActorFactory(name="U.S. Department of Defense")
    make_dependent(actor)
    error = refused(actor)
    assert f"“U.S. Department of Defense”: it is used by {named}" in error.message


def test_source_with_citations_is_not_deleted():
    """A cited source stays, and so do its snapshots; the message names the citations."""
    source = SourceFactory(title="AP story")
    snapshot = SnapshotFactory(source=source)
    CitationFactory(source=source, snapshot=snapshot)
    error = refused(source)
    assert error.message.startswith("Cannot delete source “AP story”: it is used by 1 citation.")
    assert Snapshot.objects.filter(pk=snapshot.pk).exists()


def test_snapshot_with_citations_is_not_deleted():
    """A snapshot a quote was verified against stays."""
    snapshot = SnapshotFactory()
    CitationFactory(source=snapshot.source, snapshot=snapshot)
    error = refused(snapshot)
    assert error.message.startswith("Cannot delete snapshot")
    assert "it is used by 1 citation" in error.message


def test_citation_others_derive_from_is_not_deleted():
    """Deleting a link in the middle of a chain would break the chain: refused."""
    statement = StatementFactory()
    origin = CitationFactory(statement=statement, role=CitationRole.ORIGIN)
    derived = CitationFactory(statement=statement, role=CitationRole.REPORTS, derived_from=origin)
    error = refused(origin)
    assert "it is used by 1 citation" in error.message
    assert error.dependents == [derived]


def test_statement_others_respond_to_is_not_deleted():
    """An accusation that a denial answers stays while the denial does."""
    accusation = StatementFactory()
    StatementFactory(claim=accusation.claim, stance=Stance.DENIES, responds_to=accusation)
    error = refused(accusation)
    assert "it is used by 1 statement" in error.message


def test_claim_deletes_its_statements_and_citations():
    """Statements and citations belong to their claim, chains and responses included."""
    claim = ClaimFactory()
    actor = ActorFactory()
    accusation = StatementFactory(claim=claim, actor=actor)
    denial = StatementFactory(claim=claim, stance=Stance.DENIES, responds_to=accusation)
    origin = CitationFactory(statement=accusation, role=CitationRole.ORIGIN)
    reports = CitationFactory(statement=accusation, role=CitationRole.REPORTS, derived_from=origin)
    CitationFactory(statement=accusation, role=CitationRole.REPUBLISHES, derived_from=reports)
    CitationFactory(statement=denial, role=CitationRole.ORIGIN)
    ClaimRelationFactory(from_claim=claim)
    ClaimRelationFactory(to_claim=claim)
    sources = set(Citation.objects.values_list("source_id", flat=True))
    kept_claims = set(Claim.objects.exclude(pk=claim.pk).values_list("pk", flat=True))

    instance_delete(instance=claim)

    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not Statement.objects.exists()
    assert not Citation.objects.exists()
    assert not ClaimRelation.objects.exists()
    assert Actor.objects.filter(pk=actor.pk).exists()
    assert set(Source.objects.values_list("pk", flat=True)) >= sources
    assert set(Claim.objects.values_list("pk", flat=True)) == kept_claims


def test_claim_whose_statement_is_answered_from_another_claim_is_not_deleted():
    """A response recorded under another claim keeps the statement it answers."""
    accusation = StatementFactory()
    StatementFactory(stance=Stance.DENIES, responds_to=accusation)
    error = refused(accusation.claim)
    assert "it is used by 1 statement" in error.message
    assert Statement.objects.filter(pk=accusation.pk).exists()


def test_statement_deletes_its_citations():
    """A statement's citations go with it."""
    statement = StatementFactory()
    origin = CitationFactory(statement=statement, role=CitationRole.ORIGIN)
    CitationFactory(statement=statement, role=CitationRole.REPORTS, derived_from=origin)
    instance_delete(instance=statement)
    assert not Citation.objects.exists()


def test_actor_without_dependents_deletes_its_aliases():
    """Aliases belong to their actor and go with it."""
    actor = ActorFactory(name="Wagner Group")
    AliasFactory(actor=actor, name="Vagner Group")
    AliasFactory(actor=actor, name="PMC Wagner")
    other = AliasFactory(name="Moscow")
    instance_delete(instance=actor)
    assert not Actor.objects.filter(pk=actor.pk).exists()
    assert list(Alias.objects.all()) == [other]


def test_source_without_citations_deletes_its_snapshots():
    """Snapshots of an uncited source go with it."""
    source = SourceFactory()
    SnapshotFactory(source=source)
    instance_delete(instance=source)
    assert not Snapshot.objects.exists()
