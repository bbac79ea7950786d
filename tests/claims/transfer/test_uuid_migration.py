"""The migrations that add ``uuid`` give every existing row a distinct one, and each history
row its object's."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("sources", "0007_uuid_add"), ("claims", "0013_uuid_add")]
AFTER = [("sources", "0009_uuid_unique"), ("claims", "0015_uuid_unique")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_distinct_uuids_and_history_their_objects(migration_data):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Actor = apps.get_model("sources", "Actor")
    HistoricalActor = apps.get_model("sources", "HistoricalActor")
    Claim = apps.get_model("claims", "Claim")
    actors = [Actor.objects.create(name=f"Actor {n}", kind="government") for n in range(25)]
    for actor in actors[:3]:
        for change in range(2):
            HistoricalActor.objects.create(
                id=actor.pk, name=f"{actor.name} v{change}", kind="government",
                history_date="2020-01-01T00:00Z", history_type="~",
                created_at=actor.created_at, updated_at=actor.updated_at,
            )  # fmt: skip
    for gone in range(2):  # the history of an actor deleted since
        HistoricalActor.objects.create(
            id=10_000, name="Gone", kind="government", history_date="2020-01-01T00:00Z",
            history_type="~" if gone else "+", created_at=actors[0].created_at,
            updated_at=actors[0].updated_at,
        )  # fmt: skip
    Claim.objects.create(text="A claim")
    assert Actor.objects.filter(uuid__isnull=True).count() == 25

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from claims.models import Claim as CurrentClaim
    from sources.models import Actor as CurrentActor

    uuids = list(CurrentActor.objects.values_list("uuid", flat=True))
    assert len(uuids) == 25
    assert None not in uuids
    assert len(set(uuids)) == 25
    assert all(uuid.version == 4 for uuid in uuids)
    by_id = dict(CurrentActor.objects.values_list("pk", "uuid"))
    for row in CurrentActor.history.all():
        if row.id in by_id:
            assert row.uuid == by_id[row.id]
    gone = set(CurrentActor.history.filter(id=10_000).values_list("uuid", flat=True))
    assert len(gone) == 1
    assert None not in gone
    assert gone.isdisjoint(uuids)
    assert CurrentClaim.objects.get().uuid is not None
