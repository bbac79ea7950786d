"""The record as bulk files carry it: objects of every kind, compared object by object."""

import datetime
from decimal import Decimal

from django.utils import timezone

from claims.choices import CitationRole, Comparator, RelationKind, Stance
from claims.models import Citation, Claim, ClaimRelation, Statement
from claims.services import citation_save
from core.dates import DatePrecision
from core.models import history_written_separately
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
    TopicFactory,
    citation_chain,
)
from tests.support.reference import reference_claims

MODELS = [Actor, Alias, Source, Snapshot, Claim, Statement, Citation, ClaimRelation]
# Kept by the database, not by the files: row ids, write times, the user who withdrew.
NOT_TRANSFERRED = {"id", "created_at", "updated_at", "withdrawn_by"}


def make_record() -> Claim:
    """The reference article, and factory-made objects of every kind around it: a parent
    recorded after its child, a leader, unicode names and aliases, authors, a partial period,
    a quantity, a long snapshot, a reply, a four-link chain with a verified quote, relations
    and a withdrawn claim."""
    reference_claims()
    child = ActorFactory(name="Ministère de la Défense", country="FR")
    parent = ActorFactory(name="Gouvernement français", wikidata_id="Q2973475")
    child.parent = parent
    child.leader = ActorFactory(name="Zoë Ærøskøbing", kind="person")
    child.save()
    AliasFactory(actor=child, name="Le ministère")
    AliasFactory(actor=parent, name="Парижский кабинет")
    source = SourceFactory(
        title="Rapport « annuel » — 2020",
        published_on=datetime.date(2020, 7, 1),
        published_precision=DatePrecision.MONTH,
        language="fr",
    )
    source.authors.set([child, parent])
    snapshot = SnapshotFactory(
        source=source, text="Le ministre a dit : « le pont était fermé » 🌉 le lundi."
    )
    # Longer than a CSV cell may be by default.
    SnapshotFactory(source=source, text="Un texte très long. " * 10_000)
    claim = ClaimFactory(
        text="Plus de 3 500 combattants — « déployés » en Libye",
        quantity_value=Decimal("3500"),
        quantity_comparator=Comparator.MORE_THAN,
        quantity_unit="combattants",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 3, 1),
        period_precision=DatePrecision.MONTH,
        place="Libye",
    )
    claim.about.set([child])
    claim.topics.set([TopicFactory(name="Conflit libyen"), TopicFactory(name="Défense")])
    accusation = StatementFactory(claim=claim, actor=child, stated_on=datetime.date(2020, 7, 2))
    StatementFactory(
        claim=claim, actor=None, speaker_label="des responsables", stance=Stance.DENIES,
        responds_to=accusation, note="Ligne 1\nligne 2",
    )  # fmt: skip
    chain = citation_chain(statement=accusation, length=4)
    quoted = CitationFactory.build(
        statement=accusation,
        source=source,
        snapshot=snapshot,
        role=CitationRole.QUOTES,
        derived_from=chain[1],
        quote="le pont était fermé",
    )
    citation_save(citation=quoted)
    assert quoted.quote_verified
    other = ClaimFactory(text="The bridge was open", language="en")
    ClaimRelationFactory(from_claim=claim, to_claim=other, kind=RelationKind.CONTRADICTS)
    ClaimRelationFactory(from_claim=other, to_claim=claim, kind=RelationKind.REFINES, note="é")
    withdrawn = ClaimFactory(text="Withdrawn claim")
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.withdrawal_reason = "Duplicate, see the other one."
    withdrawn.save()
    return claim


def record_state() -> dict:
    """Every object of the record by model and uuid: its fields, references by uuid, lists."""
    state = {}
    for model in MODELS:
        objects = {}
        for obj in model._default_manager.all():
            values = {}
            for field in model._meta.concrete_fields:
                if field.name in NOT_TRANSFERRED:
                    continue
                if field.is_relation:
                    related = getattr(obj, field.name)
                    values[field.name] = related.uuid if related is not None else None
                else:
                    values[field.name] = getattr(obj, field.attname)
            for field in model._meta.many_to_many:
                values[field.name] = sorted(
                    str(getattr(item, "uuid", None) or item.name)
                    for item in getattr(obj, field.name).all()
                )
            objects[obj.uuid] = values
        state[model._meta.label] = objects
    return state


def history_count() -> int:
    return sum(model.history.count() for model in MODELS)


def delete_record() -> None:
    """Every object of the record's models, deleted: links between actors first."""
    with history_written_separately():
        Actor.objects.update(parent=None, leader=None)
    ClaimRelation.objects.all().delete()
    for citation in Citation.objects.order_by("-pk"):
        citation.delete()
    Statement.objects.filter(responds_to__isnull=False).delete()
    Statement.objects.all().delete()
    Claim.objects.all().delete()
    Snapshot.objects.all().delete()
    Source.objects.all().delete()
    Alias.objects.all().delete()
    Actor.objects.all().delete()
    for model in MODELS:
        assert not model._default_manager.exists()
