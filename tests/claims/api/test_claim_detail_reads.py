"""The compiled reads of a claim's detail (``claims.detail_reads``): what the prefetches
gave, query for query, whatever is written between its queries."""

import pytest
from django.db import connection
from django.db.models import signals
from django.db.models.manager import BaseManager
from django.test.utils import CaptureQueriesContext

from claims import detail_reads
from claims.choices import CitationRole, RelationKind
from claims.detail_reads import claim_for_detail
from claims.models import Claim
from core import rows
from sources.models import Actor, Snapshot
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    SnapshotFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_no_such_claim_is_none():
    assert claim_for_detail(ClaimFactory().pk + 1) is None
    assert claim_for_detail(0) is None
    assert claim_for_detail(2**63) is None


def test_six_queries_and_none_to_walk_what_they_read(django_assert_num_queries):
    claim = ClaimFactory()
    first = CitationFactory(statement=StatementFactory(claim=claim))
    CitationFactory(statement=first.statement, derived_from=first, role=CitationRole.REPUBLISHES)
    with django_assert_num_queries(6):
        loaded = claim_for_detail(claim.pk)
    with django_assert_num_queries(0):
        (statement,) = loaded.statements.all()
        assert statement.claim is loaded
        assert statement.actor.name
        citations = statement.citations.all()
        assert [c.pk for c in citations] == sorted(c.pk for c in citations)
        assert all(c.statement is statement and c.source.pk for c in citations)
        assert list(loaded.about.all()) == list(loaded.topics.all()) == []
        assert loaded.withdrawn_by is None


def test_relations_both_ways_are_read_as_their_prefetches_read_them(
    django_assert_num_queries,
):
    claim, others = ClaimFactory(), ClaimFactory.create_batch(3)
    ClaimRelationFactory(from_claim=others[2], to_claim=claim)
    ClaimRelationFactory(from_claim=claim, to_claim=others[1], kind=RelationKind.DUPLICATE_OF)
    ClaimRelationFactory(from_claim=others[0], to_claim=claim)
    ClaimRelationFactory(from_claim=claim, to_claim=others[0])
    ClaimRelationFactory(from_claim=others[1], to_claim=others[2])  # not the claim's
    prefetched = Claim.objects.for_detail().with_relations().get(pk=claim.pk)
    loaded = claim_for_detail(claim.pk)

    def ends(relations):
        return [(r.pk, r.kind, r.from_claim.pk, r.to_claim.pk) for r in relations.all()]

    with django_assert_num_queries(0):
        assert ends(loaded.relations_from) == ends(prefetched.relations_from)
        assert ends(loaded.relations_to) == ends(prefetched.relations_to)
        assert all(r.from_claim is loaded for r in loaded.relations_from.all())
        assert all(r.to_claim is loaded for r in loaded.relations_to.all())
        assert [r.to_claim.text for r in loaded.relations_from.all()] == [
            r.to_claim.text for r in prefetched.relations_from.all()
        ]
        assert [r.from_claim.text for r in loaded.relations_to.all()] == [
            r.from_claim.text for r in prefetched.relations_to.all()
        ]
    assert len(ends(loaded.relations_from)) == len(ends(loaded.relations_to)) == 2


def test_the_detail_reads_no_snapshot(django_assert_num_queries):
    """The detail shows a citation's snapshot by its id: the snapshots' table, the largest of
    the record (each row holds its text), is read by neither the compiled reads nor the
    queryset they stand for."""
    snapshot = SnapshotFactory()
    citation = CitationFactory(source=snapshot.source, snapshot=snapshot)
    claim_id = citation.statement.claim_id
    snapshots = Snapshot._meta.db_table
    with CaptureQueriesContext(connection) as compiled:
        claim_for_detail(claim_id)
    with CaptureQueriesContext(connection) as prefetched:
        Claim.objects.for_detail().with_relations().get(pk=claim_id)
    for queries in (compiled, prefetched):
        assert queries.captured_queries
        assert not [q for q in queries.captured_queries if snapshots in q["sql"]]


def test_a_citation_of_a_statement_written_between_the_reads_is_left_out(monkeypatch):
    claim = ClaimFactory()
    read = CitationFactory(statement=StatementFactory(claim=claim))
    together = detail_reads.rows_together

    def another_written_after_the_statements(runs, **options):
        """Each query reads its own snapshot: a write may land between two of them."""
        queries = [query for query, _ in runs]
        split = queries.index(detail_reads._STATEMENTS) + 1
        first = together(runs[:split], **options)
        CitationFactory(statement=StatementFactory(claim=claim))
        return first + together(runs[split:], **options)

    monkeypatch.setattr(detail_reads, "rows_together", another_written_after_the_statements)
    loaded = claim_for_detail(claim.pk)
    (statement,) = loaded.statements.all()
    assert [c.pk for c in statement.citations.all()] == [read.pk]


def _state_of(instance) -> dict:
    fields = {name: value for name, value in vars(instance).items() if name != "_state"}
    return {**fields, "adding": instance._state.adding, "db": instance._state.db}


@pytest.fixture
def related_claim():
    """A claim with a topic, an actor it is about, a cited statement and a relation each way."""
    claim = ClaimFactory()
    claim.topics.add(TopicFactory())
    claim.about.add(ActorFactory())
    CitationFactory(statement=StatementFactory(claim=claim))
    ClaimRelationFactory(from_claim=claim)
    ClaimRelationFactory(to_claim=claim)
    return claim


def test_instances_are_what_the_orm_reads(related_claim):
    loaded = claim_for_detail(related_claim.pk)
    (statement,) = loaded.statements.all()
    (citation,) = statement.citations.all()
    (relation,) = loaded.relations_from.all()
    (incoming,) = loaded.relations_to.all()
    read = [
        loaded,
        statement,
        statement.actor,
        citation,
        citation.source,
        *loaded.about.all(),
        *loaded.topics.all(),
        relation,
        relation.to_claim,
        incoming,
        incoming.from_claim,
    ]
    for instance in read:
        model = type(instance)
        from_orm = model._base_manager.get(pk=instance.pk)
        # Related objects are cached on the detail's instances: the fields alone compare.
        fields = {name: value for name, value in _state_of(instance).items() if name[0] != "_"}
        assert fields == {n: v for n, v in _state_of(from_orm).items() if n[0] != "_"}
    # A row read holds no uuid drawn for it: its uniqueness is checked as any other's.
    assert loaded._drawn_uuid is None
    loaded.validate_unique()


def test_what_listens_to_a_models_construction_still_hears_it(monkeypatch):
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance.pk)

    actor = ActorFactory()
    claim = ClaimFactory()
    StatementFactory(claim=claim, actor=actor)
    rows._made_without_init.cache_clear()
    signals.post_init.connect(listen, sender=Actor)
    try:
        loaded = claim_for_detail(claim.pk)
    finally:
        signals.post_init.disconnect(listen, sender=Actor)
        rows._made_without_init.cache_clear()
    assert loaded.statements.get().actor.pk == actor.pk
    assert heard == [actor.pk]


def test_each_relations_queryset_is_the_one_its_manager_makes(related_claim):
    claim = related_claim
    loaded = claim_for_detail(claim.pk)
    (statement,) = loaded.statements.all()
    fresh_claim = Claim.objects.get(pk=claim.pk)
    fresh_statement = fresh_claim.statements.get()
    relations = [
        # The instance read, the one made afresh, the relation, a further filter through the
        # relation's own join (a many-to-many joins it once).
        (loaded, fresh_claim, "statements", {"claim__text__contains": "Claim"}),
        (loaded, fresh_claim, "about", {"claims_about__text__contains": "Claim"}),
        (loaded, fresh_claim, "topics", {"claims__text__contains": "Claim"}),
        (loaded, fresh_claim, "relations_from", {"to_claim__text__contains": "Claim"}),
        (loaded, fresh_claim, "relations_to", {"from_claim__text__contains": "Claim"}),
        (statement, fresh_statement, "citations", {"statement__stance": "asserts"}),
    ]
    for read, fresh, name, further in relations:
        held, made = getattr(read, name).all(), getattr(fresh, name).get_queryset()
        assert held is getattr(read, name).all()  # the relation's rows, read already
        assert type(held) is type(made)
        assert held._hints == {"instance": read}
        assert set(held._known_related_objects) == set(made._known_related_objects)
        assert str(held.query) == str(made.query)
        assert str(held.filter(**further).query) == str(made.filter(**further).query), name
        assert list(held.filter(**further)) == list(made.filter(**further)) != []


def test_a_relation_whose_manager_reads_otherwise_is_read_through_its_manager(monkeypatch):
    manager_class = type(Actor._default_manager)
    monkeypatch.setattr(
        manager_class, "get_queryset", lambda self: BaseManager.get_queryset(self).order_by("-pk")
    )
    monkeypatch.setattr(rows, "_RELATIONS_READ", {})
    claim = ClaimFactory()
    claim.about.add(*ActorFactory.create_batch(2))
    held = claim_for_detail(claim.pk).about.all()
    made = Claim.objects.get(pk=claim.pk).about.get_queryset()
    assert str(held.filter(name__contains="Actor").query) == str(
        made.filter(name__contains="Actor").query
    )
    assert "DESC" in str(held.query)
