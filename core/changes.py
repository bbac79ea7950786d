"""The change feed: every create, update and delete of the API's objects, in a resumable order.

Each history row simple-history writes (admin, API, services, commands, and the bulk helpers
of ``core.history``) becomes a ``ChangeEvent`` in the same transaction, when its model is
registered here. Apps register their models from their ``AppConfig.ready()``, under the name
of their API collection; a model shown inside another's representation (an actor's aliases)
is registered as a change of that other object.

Order. On PostgreSQL ids come from a sequence, which is not commit order: a transaction
holding id 10 may commit after one holding 11, and a reader that has seen 11 would skip 10.
So each event keeps its transaction's id (``xid8``), the feed is ordered by (transaction,
id), and it only shows transactions older than every transaction still running
(``pg_snapshot_xmin``): nothing can later appear before a position the feed has shown. On
SQLite one writer at a time makes ids follow commits: the transaction is 0 and the id orders.
"""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.apps import apps
from django.db import connections, router, transaction
from django.db.models import Expression, Q
from django.db.models.fields import BigIntegerField
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from . import copying
from .models import ChangeAction, ChangeEvent

ACTIONS = {"+": ChangeAction.CREATE, "~": ChangeAction.UPDATE, "-": ChangeAction.DELETE}


@dataclass(frozen=True)
class Resource:
    """How the writes of a model show in the feed."""

    name: str  # the API collection: "claims"
    model: type  # the model whose objects the collection lists
    route: str  # the URL name of an object of the collection: "api:claim-detail"
    parent_field: str = ""  # on a model shown inside another: the field naming that object


_by_model: dict[type, Resource] = {}
_by_name: dict[str, Resource] = {}


def register(model_label: str, name: str, *, route: str = "", parent: str = "") -> None:
    """Record the writes of ``model_label`` as changes of the API collection ``name``.

    ``route`` defaults to the router's name for the model's objects (``api:claim-detail``).
    ``parent``: the model is shown inside the objects of ``name`` (an actor's aliases); its
    writes are changes (updates) of the object this foreign key names.
    """
    model = apps.get_model(model_label)
    if parent:
        owner = _by_name[name]
        _by_model[model] = Resource(name, owner.model, owner.route, parent_field=parent)
        return
    resource = Resource(name, model, route or f"api:{model._meta.model_name}-detail")
    _by_model[model] = resource
    _by_name[name] = resource


def resources() -> dict[str, Resource]:
    """The registered collections by name."""
    return dict(_by_name)


def resource_named(name: str) -> Resource | None:
    return _by_name.get(name)


# PostgreSQL's transaction ids (xid8) as bigints: the only SQL of a single database here.
CURRENT_TRANSACTION_SQL = "pg_current_xact_id()::text::bigint"
OWN_TRANSACTION_SQL = "pg_current_xact_id_if_assigned()::text::bigint"
OLDEST_RUNNING_SQL = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


class TransactionId(Expression):
    """The id of the current transaction; the one place that knows each database's SQL."""

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection):
        return "0", []

    def as_postgresql(self, compiler, connection):
        return CURRENT_TRANSACTION_SQL, []


class FinishedBelow(Expression):
    """The lowest transaction id still running: every one below it has ended (PostgreSQL)."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection):
        return OLDEST_RUNNING_SQL, []


class OwnTransaction(Expression):
    """The current transaction's id if it has written anything, else NULL (PostgreSQL)."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection):
        return OWN_TRANSACTION_SQL, []


def settled(queryset):
    """The events no transaction still running can come before.

    A reader also sees what its own transaction wrote: nothing it has not seen can commit
    before it, and a transaction that writes and then reads (a test) sees its own changes.
    """
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    return queryset.filter(Q(transaction__lt=FinishedBelow()) | Q(transaction=OwnTransaction()))


def record_change(sender, history_instance, history_user=None, using=None, **kwargs):
    """Write the event of a history row (``post_create_historical_record``)."""
    resource = _by_model.get(history_instance.instance_type)
    if resource is None:
        return
    event = _event(resource, history_instance, history_user)
    if event is not None:
        event.transaction = TransactionId()
        event.save(using=using or router.db_for_write(ChangeEvent))
        _after_commit(event.pk, using or router.db_for_write(ChangeEvent))


def record_bulk(objs, model, action: str, *, user=None, background=None) -> None:
    """Write the events of objects created or updated in bulk (``core.history``), whose
    history rows send no signal; their ``COPY`` left to ``background`` if given."""
    bulk_events(objs, model, action, user=user)(background)


def bulk_events(objs, model, action: str, *, user=None) -> Callable:
    """``record_bulk`` in two steps: its queries now (the events' ids, the transaction's),
    and a function that writes the events (given the ``background``, if any), so that a
    caller leaving ``COPY``s to the background can make every query of a batch first."""
    resource = _by_model.get(model)
    if resource is None:
        return _nothing_to_write
    at = timezone.now()
    # What ``_event`` reads of a history row: the object's id, or its parent's.
    named = [model._meta.pk.attname]
    if resource.parent_field:
        named.append(f"{resource.parent_field}_id")
    events = []
    for obj in objs:
        row = SimpleNamespace(
            history_type="+" if action == ChangeAction.CREATE else "~",
            history_date=getattr(obj, "_history_date", at),
            instance_type=model,
            **{name: getattr(obj, name) for name in named},
        )
        values = _event_values(resource, row, getattr(obj, "_history_user", None) or user)
        if values is not None:
            events.append(values)
    if not events:
        return _nothing_to_write
    using = router.db_for_write(ChangeEvent)
    xid = current_transaction(using)
    if copying.available(ChangeEvent, using):
        ids = copying.draw_ids(ChangeEvent, len(events), using)

        def write(background=None) -> None:
            _copy_events(events, ids, xid, using, background)
            for pk in ids:
                _after_commit(pk, using)

        return write

    def write_by_insert(background=None) -> None:
        written = ChangeEvent.objects.using(using).bulk_create(
            ChangeEvent(**values, transaction=xid) for values in events
        )
        for event in written:
            _after_commit(event.pk, using)

    return write_by_insert


def _nothing_to_write(background=None) -> None:
    return None


def _copy_events(events: list[dict], ids: list[int], xid: int, using: str, background=None):
    """Write the events (``_event_values``) of transaction ``xid`` with their ids."""
    fields = list(ChangeEvent._meta.concrete_fields)
    columns = copying.Columns(fields, using)
    rows = []
    for values, pk in zip(events, ids, strict=True):
        values = {**values, "id": pk, "transaction": xid}
        rows.append(columns.prepared([values.get(field.attname) for field in fields]))
    copying.copy_rows(ChangeEvent, columns, rows, using, background=background)


def current_transaction(using: str) -> int:
    """The current transaction's id (0 where ids follow commits)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {CURRENT_TRANSACTION_SQL}")
        return cursor.fetchone()[0]


def _event(resource: Resource, row, user) -> ChangeEvent | None:
    values = _event_values(resource, row, user)
    return None if values is None else ChangeEvent(**values)


def _event_values(resource: Resource, row, user) -> dict | None:
    """The fields of the event of a history row (``row``) written by ``user``; None for a
    row of a shown-inside model whose parent is not set."""
    action = ACTIONS[row.history_type]
    if resource.parent_field:
        object_id = getattr(row, f"{resource.parent_field}_id", None)
        if object_id is None:
            return None
        action = ChangeAction.UPDATE
    else:
        object_id = getattr(row, row.instance_type._meta.pk.attname)
    user = user if getattr(user, "pk", None) is not None else None
    return {
        "resource": resource.name,
        "object_id": object_id,
        "action": action,
        "user_id": user.pk if user is not None else None,
        "username": user.get_username() if user is not None else "",
        "at": row.history_date,
    }


# Sent once a transaction that wrote events has committed, with their ids (``event_ids``)
# and the database (``using``): webhooks are scheduled from it (``core.webhooks``).
changes_committed = Signal()


class _Batch:
    """The events of one transaction, whose webhooks are scheduled once it commits."""

    def __init__(self, using: str):
        self.using = using
        self.ids: list[int] = []
        self.sent = False

    def send(self):
        self.sent = True
        changes_committed.send(sender=ChangeEvent, event_ids=self.ids, using=self.using)


def _after_commit(event_id: int, using: str) -> None:
    connection = connections[using]
    batch = getattr(connection, "_change_batch", None)
    # The batch of this transaction is the one whose callback is still waiting for its
    # commit: a rollback (of the transaction or of the savepoint it was made in) drops it.
    if (
        batch is None
        or batch.sent
        or not any(entry[1] == batch.send for entry in connection.run_on_commit)
    ):
        batch = _Batch(using)
        connection._change_batch = batch
        batch.ids.append(event_id)
        transaction.on_commit(batch.send, using=using, robust=True)
        return
    batch.ids.append(event_id)


# Items


def event_item(event: ChangeEvent, url: str) -> dict:
    """An event as the feed and the deliveries show it."""
    return {
        "cursor": encode_cursor(event.transaction, event.pk),
        "resource": event.resource,
        "id": event.object_id,
        "action": event.action,
        "url": url,
        "actor": {"id": event.user_id, "username": event.username} if event.username else None,
        "at": event.at.isoformat().replace("+00:00", "Z"),
    }


def object_path(event: ChangeEvent) -> str:
    resource = resource_named(event.resource)
    return reverse(resource.route, kwargs={"pk": event.object_id}) if resource else ""


# Cursors


def encode_cursor(transaction_id: int, event_id: int) -> str:
    """An opaque position in the feed: after the event ``event_id`` of ``transaction_id``."""
    raw = f"{transaction_id}.{event_id}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int]:
    """The (transaction, event) of a cursor; ``ValueError`` when it is not one."""
    if not cursor or len(cursor) > 64 or not cursor.isascii():
        raise ValueError("not a cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError("not a cursor") from None
    parts = raw.split(".")
    if len(parts) != 2 or not all(part.isdigit() and len(part) <= 18 for part in parts):
        raise ValueError("not a cursor")
    position = int(parts[0]), int(parts[1])
    if encode_cursor(*position) != cursor:  # one spelling per position
        raise ValueError("not a cursor")
    return position


def feed(*, after: tuple[int, int] | None, names, actions=(), limit: int) -> list[ChangeEvent]:
    """Up to ``limit`` settled events of the collections ``names``, after ``after``."""
    events = ChangeEvent.objects.filter(resource__in=list(names))
    if actions:
        events = events.filter(action__in=list(actions))
    if after is not None:
        xid, event_id = after
        events = events.filter(Q(transaction__gt=xid) | Q(transaction=xid, id__gt=event_id))
    return list(settled(events).in_feed_order()[:limit])


def baseline(*, chunk: int = 5000) -> dict[str, int]:
    """Write a create event for every object of the feed's collections that has none: the
    rows written before the feed began (by earlier versions, or by migrations). Run once after
    upgrading; running it again writes nothing. Returns the count per collection."""
    written = {}
    using = router.db_for_write(ChangeEvent)
    for name, resource in _by_name.items():
        model = resource.model
        missing = model._base_manager.using(using).exclude(
            pk__in=ChangeEvent.objects.filter(resource=name).values("object_id")
        )
        count = 0
        ids = missing.order_by("pk").values_list("pk", flat=True)
        batch: list[int] = []
        for pk in ids.iterator(chunk_size=chunk):
            batch.append(pk)
            if len(batch) == chunk:
                count += _baseline_events(name, batch, using)
                batch = []
        if batch:
            count += _baseline_events(name, batch, using)
        written[name] = count
    return written


def _baseline_events(name: str, ids: list[int], using: str) -> int:
    with transaction.atomic(using=using):
        xid = current_transaction(using)
        at = timezone.now()
        ChangeEvent.objects.using(using).bulk_create(
            ChangeEvent(
                resource=name,
                object_id=pk,
                action=ChangeAction.CREATE,
                at=at,
                transaction=xid,
            )
            for pk in ids
        )
    return len(ids)
