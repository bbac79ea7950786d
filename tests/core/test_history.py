"""Every change to the record is kept in history, attributed to who made it and why."""

import copy
from dataclasses import dataclass
from typing import Any, NamedTuple

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simple_history.models import HistoricalRecords, registered_models

import core.copying
import core.history
from claims.models import Citation, Claim, ClaimRelation, Statement, Topic
from claims.services import (
    citation_save,
    claim_relation_save,
    claim_save,
    statement_save,
    topic_get_or_create,
)
from core.changes import current_transaction
from core.history import acting_as, bulk_create_tracked, bulk_update_tracked
from core.models import ChangeEvent, HistoryBypassError, TrackedQuerySet
from core.services import instance_delete, instance_save
from core.text import fold
from reviews.models import Review
from sources.models import Actor, Alias, ImmutableRecordError, Snapshot, Source
from sources.services import actor_save, alias_save, snapshot_capture, source_save
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
    UserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Tracked:
    """How to write one tracked model through its service, and how to build it unsaved."""

    model: type
    create: Any  # (user, reason) -> saved instance, through the service
    build: Any  # () -> unsaved instance, every derived field filled (bulk paths skip save())
    field: str | None = None  # a field an update changes, None when the model has no updates
    value: Any = None
    save: Any = None  # (instance, user, reason) -> instance, through the service


def _snapshot_build():
    snapshot = SnapshotFactory.build(source=SourceFactory())
    snapshot.sha256 = Snapshot.digest(snapshot.text)
    return snapshot


def _actor_build():
    actor = ActorFactory.build()
    actor.name_folded = fold(actor.name)
    return actor


def _alias_build():
    alias = AliasFactory.build(actor=ActorFactory())
    alias.name_folded = fold(alias.name)
    return alias


TRACKED = [
    Tracked(
        Actor,
        create=lambda user, reason: actor_save(
            actor=ActorFactory.build(), user=user, reason=reason
        ),
        build=_actor_build,
        field="description",
        value="The executive branch of the Russian Federation.",
        save=lambda obj, user, reason: actor_save(actor=obj, user=user, reason=reason),
    ),
    Tracked(
        Alias,
        create=lambda user, reason: alias_save(
            alias=Alias(actor=ActorFactory(), name="Moscow"), user=user, reason=reason
        ),
        build=_alias_build,
        field="name",
        value="Kremlin",
        save=lambda obj, user, reason: alias_save(alias=obj, user=user, reason=reason),
    ),
    Tracked(
        Source,
        create=lambda user, reason: source_save(
            source=SourceFactory.build(publisher=None), user=user, reason=reason
        ),
        build=lambda: SourceFactory.build(publisher=None),
        field="title",
        value="Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government",
        save=lambda obj, user, reason: source_save(source=obj, user=user, reason=reason),
    ),
    Tracked(
        Snapshot,
        create=lambda user, reason: snapshot_capture(
            source=SourceFactory(),
            text="Russia and Turkey have backed opposing sides in the Libyan conflict.",
            captured_by="editor",
            user=user,
            reason=reason,
        ),
        build=_snapshot_build,
    ),
    Tracked(
        Topic,
        create=lambda user, reason: topic_get_or_create(
            name="Libya conflict", user=user, reason=reason
        ),
        build=lambda: TopicFactory.build(),
        field="name",
        value="Foreign fighters",
        save=lambda obj, user, reason: instance_save(instance=obj, user=user, reason=reason),
    ),
    Tracked(
        Claim,
        create=lambda user, reason: claim_save(
            claim=ClaimFactory.build(), user=user, reason=reason
        ),
        build=lambda: ClaimFactory.build(),
        field="text",
        value="Turkey sent more than 3,500 Syrian fighters to Libya.",
        save=lambda obj, user, reason: claim_save(claim=obj, user=user, reason=reason),
    ),
    Tracked(
        Statement,
        create=lambda user, reason: statement_save(
            statement=StatementFactory.build(claim=ClaimFactory(), actor=ActorFactory()),
            user=user,
            reason=reason,
        ),
        build=lambda: StatementFactory.build(claim=ClaimFactory(), actor=ActorFactory()),
        field="note",
        value="Said at a briefing.",
        save=lambda obj, user, reason: statement_save(statement=obj, user=user, reason=reason),
    ),
    Tracked(
        Citation,
        create=lambda user, reason: citation_save(
            citation=CitationFactory.build(statement=StatementFactory(), source=SourceFactory()),
            user=user,
            reason=reason,
        ),
        build=lambda: CitationFactory.build(statement=StatementFactory(), source=SourceFactory()),
        field="locator",
        value="paragraph 2",
        save=lambda obj, user, reason: citation_save(citation=obj, user=user, reason=reason),
    ),
    Tracked(
        ClaimRelation,
        create=lambda user, reason: claim_relation_save(
            relation=ClaimRelationFactory.build(from_claim=ClaimFactory(), to_claim=ClaimFactory()),
            user=user,
            reason=reason,
        ),
        build=lambda: ClaimRelationFactory.build(
            from_claim=ClaimFactory(), to_claim=ClaimFactory()
        ),
        field="note",
        value="3,500 against about 1,000.",
        save=lambda obj, user, reason: claim_relation_save(relation=obj, user=user, reason=reason),
    ),
]
ALL = [pytest.param(case, id=case.model.__name__) for case in TRACKED]
UPDATABLE = [pytest.param(case, id=case.model.__name__) for case in TRACKED if case.field]


@pytest.fixture
def editor(db):
    return UserFactory(username="fact-checker")


def test_every_tracked_model_refuses_the_writes_that_skip_history():
    """Each model with history has the guarded queryset as its default manager."""
    for model in (case.model for case in TRACKED):
        assert hasattr(model, "history"), model
        assert isinstance(model._default_manager.all(), TrackedQuerySet), model


@pytest.mark.parametrize("case", ALL)
def test_create_through_a_service_writes_history(case, editor):
    """A created row has one "+" history row, by the acting user, with the reason given."""
    instance = case.create(editor, "from the RFE/RL article")
    rows = list(instance.history.all())
    assert [row.history_type for row in rows] == ["+"]
    assert rows[0].history_user == editor
    assert rows[0].history_change_reason == "from the RFE/RL article"
    assert rows[0].instance == instance


@pytest.mark.parametrize("case", UPDATABLE)
def test_update_through_a_service_writes_history(case, editor):
    """An update adds a "~" row holding the new value, by the acting user, with the reason."""
    instance = case.create(None, "")
    setattr(instance, case.field, case.value)
    case.save(instance, editor, "corrected wording")
    latest = instance.history.latest()
    assert instance.history.count() == 2
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.history_change_reason == "corrected wording"
    assert getattr(latest, case.field) == case.value
    assert getattr(latest.prev_record, case.field) != case.value


@pytest.mark.parametrize("case", ALL)
def test_delete_through_the_service_writes_history(case, editor):
    """A deleted row leaves a "-" history row, by the acting user, with the reason."""
    instance = case.create(None, "")
    pk = instance.pk
    instance_delete(instance=instance, user=editor, reason="entered twice")
    assert not case.model.objects.filter(pk=pk).exists()
    last = case.model.history.filter(id=pk).latest()
    assert last.history_type == "-"
    assert last.history_user == editor
    assert last.history_change_reason == "entered twice"


@pytest.mark.parametrize("case", ALL)
def test_write_without_a_user_is_recorded_unattributed(case):
    """A command or a migration that names no user still leaves history, with no user."""
    instance = case.create(None, "")
    assert instance.history.get().history_user is None


def test_claim_save_records_what_the_claim_is_about_and_its_topics(editor):
    """Changing a claim's actors or topics is a change of the claim, kept in its history."""
    turkey, russia = ActorFactory(name="Government of Turkey"), ActorFactory(name="Russia")
    libya = TopicFactory(name="Libya conflict")
    claim = claim_save(claim=ClaimFactory.build(), about=[turkey], topics=[libya], user=editor)
    latest = claim.history.latest()
    assert [row.actor for row in latest.about.all()] == [turkey]
    assert [row.topic for row in latest.topics.all()] == [libya]
    assert {row.history_user for row in claim.history.all()} == {editor}

    other = UserFactory(username="reviewer")
    claim_save(claim=claim, about=[russia], user=other, reason="the claim is about Russia")
    latest = claim.history.latest()
    assert [row.actor for row in latest.about.all()] == [russia]
    assert [row.topic for row in latest.topics.all()] == [libya]
    assert latest.history_user == other
    assert latest.history_change_reason == "the claim is about Russia"


def test_a_creation_with_links_is_one_history_row_holding_them(editor):
    """A claim created with actors and topics (given twice, as objects or ids) has one
    history row, its creation, with each link once; nothing reads links a new row cannot
    have yet, nor the creation's history row it has just written."""
    turkey, libya, war = ActorFactory(), TopicFactory(), TopicFactory()
    with CaptureQueriesContext(connection) as queries:
        claim = claim_save(
            claim=ClaimFactory.build(), about=[turkey], topics=[libya, war, libya], user=editor
        )
    [row] = claim.history.all()
    assert row.history_type == "+"
    assert [link.actor_id for link in row.about.all()] == [turkey.pk]
    assert sorted(link.topic_id for link in row.topics.all()) == sorted([libya.pk, war.pk])
    assert sorted(claim.topics.values_list("pk", flat=True)) == sorted([libya.pk, war.pk])
    assert ChangeEvent.objects.filter(object_id=claim.pk, resource="claims").count() == 1
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if '"claims_claim_about"' in sql or "_topics" in sql]
    assert not [sql for sql in reads if '"claims_historicalclaim"' in sql]


def test_a_change_copies_the_links_ids_into_history(editor):
    """A change's history row gets the links as they stand, read without their objects."""
    actor, topic = ActorFactory(), TopicFactory()
    claim = claim_save(claim=ClaimFactory.build(), about=[actor], topics=[topic])
    claim.text = "A reworded claim."
    with CaptureQueriesContext(connection) as queries:
        claim_save(claim=claim, user=editor)
    latest = claim.history.latest()
    assert latest.history_type == "~"
    assert [(link.claim_id, link.actor_id) for link in latest.about.all()] == [(claim.pk, actor.pk)]
    assert [link.topic_id for link in latest.topics.all()] == [topic.pk]
    link_reads = [q["sql"] for q in queries.captured_queries if '"claims_claim_topics"' in q["sql"]]
    assert link_reads
    assert not [sql for sql in link_reads if "JOIN" in sql]


def test_claim_save_leaves_actors_and_topics_alone_when_not_given(editor):
    """Saving a claim without about or topics keeps them as they were."""
    actor, topic = ActorFactory(), TopicFactory()
    claim = claim_save(claim=ClaimFactory.build(), about=[actor], topics=[topic])
    claim.text = "A reworded claim."
    claim_save(claim=claim, user=editor)
    assert list(claim.about.all()) == [actor]
    assert [row.actor for row in claim.history.latest().about.all()] == [actor]


class Refusal(NamedTuple):
    error: type[Exception]
    match: str


def refusal_of_update(model, match: str) -> Refusal:
    """Snapshots refuse every change outright; other models refuse changes that skip history."""
    if model is Snapshot:
        return Refusal(ImmutableRecordError, "Snapshots cannot be changed")
    return Refusal(HistoryBypassError, match)


@pytest.mark.parametrize("case", ALL)
def test_queryset_update_is_refused(case):
    """.update() would change rows without history: it raises, and nothing changes."""
    instance = case.create(None, "")
    field = case.field or "captured_by"
    before = getattr(case.model.objects.get(pk=instance.pk), field)
    refusal = refusal_of_update(case.model, r"update\(\) would skip history")
    with pytest.raises(refusal.error, match=refusal.match):
        case.model.objects.update(**{field: "changed"})
    with pytest.raises(refusal.error, match=refusal.match):
        case.model.objects.filter(pk=instance.pk).update(**{field: "changed"})
    assert getattr(case.model.objects.get(pk=instance.pk), field) == before


@pytest.mark.parametrize("case", ALL)
def test_bulk_create_is_refused(case):
    """.bulk_create() would insert rows without history: it raises, and nothing is inserted."""
    objs = [case.build(), case.build()]
    count = case.model.objects.count()
    with pytest.raises(HistoryBypassError, match="bulk_create_tracked"):
        case.model.objects.bulk_create(objs)
    assert case.model.objects.count() == count


@pytest.mark.parametrize("case", ALL)
def test_bulk_update_is_refused(case):
    """.bulk_update() would change rows without history: it raises."""
    instance = case.create(None, "")
    field = case.field or "captured_by"
    refusal = refusal_of_update(case.model, "bulk_update_tracked")
    with pytest.raises(refusal.error, match=refusal.match):
        case.model.objects.bulk_update([instance], [field])


def test_related_managers_are_guarded_too(editor):
    """actor.aliases.update() and claim.statements.update() skip history as much as the rest."""
    alias = AliasFactory()
    statement = StatementFactory()
    with pytest.raises(HistoryBypassError):
        alias.actor.aliases.update(name="x")
    with pytest.raises(HistoryBypassError):
        statement.claim.statements.update(note="x")


@pytest.mark.parametrize("case", ALL)
def test_bulk_create_tracked_writes_one_history_row_per_object(case, editor):
    """The sanctioned bulk insert writes the rows and a "+" history row for each."""
    objs = [case.build(), case.build(), case.build()]
    created = bulk_create_tracked(objs, case.model, user=editor, reason="bulk import")
    pks = {obj.pk for obj in created}
    assert None not in pks
    assert case.model.objects.filter(pk__in=pks).count() == 3
    history = case.model.history.filter(id__in=pks)
    assert history.count() == 3
    assert {(row.history_type, row.history_user_id) for row in history} == {("+", editor.pk)}
    assert set(history.values_list("history_change_reason", flat=True)) == {"bulk import"}


def _written(model, obj, since: int) -> dict:
    """What a bulk insert wrote for ``obj``: its row, its history rows and the change events
    after event ``since``, but for what two writes of the same object cannot share (ids,
    times)."""
    varying = {"id", "history_id", "history_date", "created_at", "updated_at"}
    row = model.objects.filter(pk=obj.pk).values().get()
    history = list(model.history.filter(id=obj.pk).values())
    assert row["created_at"] is not None
    assert [entry["created_at"] for entry in history] == [row["created_at"]]
    events = ChangeEvent.objects.filter(pk__gt=since).order_by("pk")
    return {
        "row": {name: value for name, value in row.items() if name not in varying},
        "history": [
            {name: value for name, value in entry.items() if name not in varying}
            for entry in history
        ],
        "events": [
            (
                event.resource,
                "itself" if event.object_id == obj.pk else event.object_id,
                event.action,
                event.user_id,
                event.username,
                event.transaction == current_transaction("default"),
            )
            for event in events
        ],
    }


def _last_event() -> int:
    return ChangeEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
@pytest.mark.parametrize("in_background", [False, True], ids=["copy", "copy-in-background"])
@pytest.mark.parametrize("case", ALL)
def test_bulk_create_tracked_copies_what_an_insert_writes(case, in_background, editor, monkeypatch):
    """On PostgreSQL the rows, their history and their events are written with COPY: the
    same values as simple-history's bulk insert of the same object writes (also when the
    rows are formatted first and sent by a thread, as the import writes them)."""
    assert core.history._copyable(case.model, case.model.history.model, "default")
    obj = case.build()
    twin = copy.deepcopy(obj)
    since = _last_event()
    with transaction.atomic():
        if in_background:
            with core.copying.in_background("default") as background:
                bulk_create_tracked(
                    [obj], case.model, user=editor, reason="bulk import", background=background
                )
                background.wait()
        else:
            bulk_create_tracked([obj], case.model, user=editor, reason="bulk import")
        copied = _written(case.model, obj, since)
        transaction.set_rollback(True)
    monkeypatch.setattr(core.copying, "available", lambda *args: False)
    since = _last_event()
    bulk_create_tracked([twin], case.model, user=editor, reason="bulk import")
    inserted = _written(case.model, twin, since)
    assert copied == inserted
    assert copied["history"][0]["history_type"] == "+"


# Any text a database stores: COPY's escapes (tab, newline, backslash, "\\N") included.
STORABLE = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=STORABLE.filter(str.strip),
    place=st.one_of(STORABLE, st.sampled_from(["\\N", "a\tb\nc\\d", "\r\n", " "])),
)
def test_bulk_created_text_reads_back_as_it_was_written(editor, text, place):
    """Whatever the text, the row and its history hold it to the character (formatted for
    COPY by the thread that sends it, on PostgreSQL)."""
    claim = ClaimFactory.build(text=text, place=place)
    with transaction.atomic(), core.copying.in_background("default") as background:
        (created,) = bulk_create_tracked([claim], Claim, user=editor, background=background)
    stored = Claim.objects.values_list("text", "place").get(pk=created.pk)
    assert stored == (text, place)
    assert Claim.history.values_list("text", "place").get(id=created.pk) == (text, place)


def test_a_bulk_insert_the_database_refuses_writes_nothing(editor):
    """A row that breaks a constraint (a uuid already taken) fails the whole insert: no row,
    no history, no event of the batch is kept."""
    taken = ClaimFactory()
    fresh = ClaimFactory.build()
    clash = ClaimFactory.build(uuid=taken.uuid)
    counts = (Claim.objects.count(), Claim.history.count(), ChangeEvent.objects.count())
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_create_tracked([fresh, clash], Claim, user=editor)
    assert (Claim.objects.count(), Claim.history.count(), ChangeEvent.objects.count()) == counts


@pytest.mark.parametrize("case", UPDATABLE)
def test_bulk_update_tracked_writes_one_history_row_per_object(case, editor):
    """The sanctioned bulk update changes the rows and writes a "~" history row for each."""
    objs = [case.create(None, ""), case.build(), case.build()]
    objs[1:] = bulk_create_tracked(objs[1:], case.model)
    for index, obj in enumerate(objs):
        setattr(obj, case.field, f"{case.value} ({index})")
    bulk_update_tracked(objs, case.model, [case.field], user=editor, reason="bulk fix")
    for index, obj in enumerate(objs):
        stored = case.model.objects.get(pk=obj.pk)
        assert getattr(stored, case.field) == f"{case.value} ({index})"
        latest = obj.history.latest()
        assert latest.history_type == "~"
        assert latest.history_user == editor
        assert latest.history_change_reason == "bulk fix"
    assert case.model.history.filter(history_type="~").count() == 3


def test_cascaded_deletes_are_attributed_to_the_acting_user(editor):
    """Statements, citations and relations deleted with their claim carry the user and reason."""
    claim = ClaimFactory()
    statement = StatementFactory(claim=claim)
    origin = CitationFactory(statement=statement)
    CitationFactory(statement=statement, role="reports", derived_from=origin)
    ClaimRelationFactory(from_claim=claim)

    instance_delete(instance=claim, user=editor, reason="duplicate claim")

    for model, expected in ((Claim, 1), (Statement, 1), (Citation, 2), (ClaimRelation, 1)):
        deletions = model.history.filter(history_type="-")
        assert deletions.count() == expected, model
        assert {row.history_user for row in deletions} == {editor}, model
        assert {row.history_change_reason for row in deletions} == {"duplicate claim"}, model


def test_cascaded_alias_deletes_are_attributed_to_the_acting_user(editor):
    """Aliases deleted with their actor are attributed to whoever deleted the actor."""
    actor = ActorFactory()
    AliasFactory(actor=actor)
    AliasFactory(actor=actor)
    instance_delete(instance=actor, user=editor)
    deletions = Alias.history.filter(history_type="-")
    assert deletions.count() == 2
    assert {row.history_user for row in deletions} == {editor}


def test_acting_as_attributes_writes_made_outside_services(editor):
    """Inside acting_as, even a plain save is attributed; outside, it is not."""
    with acting_as(editor, "load"):
        inside = ActorFactory()
    outside = ActorFactory()
    assert inside.history.get().history_user == editor
    assert inside.history.get().history_change_reason == "load"
    assert outside.history.get().history_user is None
    assert outside.history.get().history_change_reason is None


def test_a_reason_given_to_the_save_wins_over_the_blocks(editor):
    """The block's reason fills in only for rows that were given none of their own."""
    actor = ActorFactory.build()
    actor._change_reason = "renamed"
    with acting_as(editor, "reference article"):
        actor.save()
        other = ActorFactory()
    assert actor.history.get().history_change_reason == "renamed"
    assert other.history.get().history_change_reason == "reference article"


# What each history is read by beside the object's id: its rows of a claim, of statements.
READ_BY = {Statement: {"claim_id"}, Citation: {"statement_id"}, Review: {"claim_id"}}


@pytest.mark.parametrize(
    "model",
    [model for model in apps.get_models() if model in registered_models.values()],
    ids=lambda model: model.__name__,
)
def test_history_tables_index_only_what_history_is_read_by(model):
    """simple-history would copy every index of the model (and index each unique field):
    a write on every change for lookups history never makes."""
    history = model.history.model
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, history._meta.db_table)
    indexed = {
        column
        for constraint in constraints.values()
        if constraint["index"] and not constraint["primary_key"]
        for column in constraint["columns"]
    }
    assert indexed == {"id", "history_date", "history_user_id", *READ_BY.get(model, ())}


@pytest.mark.parametrize("write", ["create", "update"])
def test_bulk_writes_without_a_user_are_the_acting_users(editor, write):
    """Inside acting_as, bulk writes' history rows and change events name its user."""
    claims = [ClaimFactory.build(), ClaimFactory.build()]
    since = _last_event()
    with acting_as(editor, "load"):
        bulk_create_tracked(claims, Claim)
        if write == "update":
            for claim in claims:
                claim.place = "Tripoli"
            bulk_update_tracked(claims, Claim, ["place"])
    rows = Claim.history.filter(id__in=[claim.pk for claim in claims])
    assert {row.history_user for row in rows} == {editor}
    events = ChangeEvent.objects.filter(pk__gt=since)
    assert events.count() == (2 if write == "create" else 4)
    assert set(events.values_list("user_id", "username")) == {(editor.pk, "fact-checker")}


def test_acting_as_nests_and_restores_the_previous_user(editor):
    """An inner block's user applies inside it only; the outer user comes back after it."""
    reviewer = UserFactory(username="reviewer")
    with acting_as(editor):
        with acting_as(reviewer):
            inner = ActorFactory()
        outer = ActorFactory()
        with acting_as(None):
            kept = ActorFactory()
    assert inner.history.get().history_user == reviewer
    assert outer.history.get().history_user == editor
    assert kept.history.get().history_user == editor
    assert not hasattr(HistoricalRecords.context, "request")


def test_acting_as_restores_the_context_after_an_error(editor):
    """A failed write inside the block does not leave the user attributed to later writes."""
    with pytest.raises(ValueError, match="boom"), acting_as(editor):
        raise ValueError("boom")
    assert ActorFactory().history.get().history_user is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_links_written_in_the_background_are_what_bulk_link_tracked_inserts(editor):
    """The links of new claims, and their history rows attached to each claim's creation
    row, are the same written by COPY and one statement (after the claims' COPYs) as
    inserted after the claims are written."""
    topic, actor = TopicFactory(name="Libya"), ActorFactory()

    def linked(*, background: bool) -> dict:
        claims = [ClaimFactory.build(text=f"Claim {n}") for n in range(3)]
        with transaction.atomic():
            with core.copying.in_background("default") as copies:
                bulk_create_tracked(claims, Claim, user=editor, background=copies)
                for field, target in [(Claim.topics.field, topic), (Claim.about.field, actor)]:
                    through = field.remote_field.through
                    key = f"{field.m2m_reverse_field_name()}_id"
                    links = [through(claim_id=claim.pk, **{key: target.pk}) for claim in claims[1:]]
                    if not background:
                        copies.wait()
                    core.history.bulk_link_tracked(
                        field, links, background=copies if background else None
                    )
            text = dict(Claim.objects.values_list("pk", "text"))
            written = {}
            for field in (Claim.topics.field, Claim.about.field):
                key = f"{field.m2m_reverse_field_name()}_id"
                history = HistoricalRecords.m2m_models[field].objects.select_related("history")
                written[field.name] = sorted(
                    (
                        text[row.claim_id],
                        getattr(row, key),
                        row.history.text,
                        row.history.history_type,
                        row.id
                        == field.remote_field.through.objects.get(
                            claim_id=row.claim_id, **{key: getattr(row, key)}
                        ).pk,
                    )
                    for row in history
                )
            transaction.set_rollback(True)
        return written

    copied = linked(background=True)
    assert copied == linked(background=False)
    assert copied["topics"] == [
        ("Claim 1", topic.pk, "Claim 1", "+", True),
        ("Claim 2", topic.pk, "Claim 2", "+", True),
    ]


@pytest.mark.parametrize(
    "factory", [ClaimFactory, StatementFactory, CitationFactory, ActorFactory, SourceFactory]
)
def test_a_models_history_manager_class_is_made_once_and_reads_each_objects_rows(factory):
    one, other = factory(), factory()
    model = type(one)
    assert type(one.history) is type(other.history) is type(model.history)
    assert {row.id for row in one.history.all()} == {one.pk}
    assert {row.id for row in other.history.all()} == {other.pk}
    assert {one.pk, other.pk} <= {row.id for row in model.history.all()}
