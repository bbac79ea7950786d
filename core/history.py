"""History helpers: attribution of writes, and bulk writes that still keep history (and
write their change events, ``core.changes``)."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.db import connections, router, transaction
from django.dispatch import Signal
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import copying
from .changes import bulk_events, record_bulk
from .models import ChangeAction, history_written_separately

_MISSING = object()

# Sent in the transaction once ``bulk_create_tracked`` or ``bulk_update_tracked`` has written
# ``objs`` of ``sender`` (``created`` tells which): no ``post_save`` is sent for them, so what
# listens to each save of a model (``reviews.signals``) listens here for rows written in bulk.
bulk_written = Signal()


@contextmanager
def acting_as(user, reason: str = ""):
    """Attribute every history row written inside the block to ``user``, with ``reason``.

    simple-history reads the acting user from the current request; services and commands
    run outside one, and deletions cascade to rows the caller never sees, so the block
    stands in for the request. With no ``user``, the enclosing request's user is kept.
    """
    context = HistoricalRecords.context
    previous = getattr(context, "request", _MISSING)
    if user is None and not reason:
        yield
        return
    outer = None if previous is _MISSING else previous
    context.request = SimpleNamespace(
        user=user if user is not None else getattr(outer, "user", None),
        change_reason=reason or getattr(outer, "change_reason", ""),
    )
    try:
        yield
    finally:
        if previous is _MISSING:
            del context.request
        else:
            context.request = previous


def reason_from_context(sender, history_instance, **kwargs):
    """Give a history row the reason of the enclosing ``acting_as`` block when it has none.

    simple-history takes the reason from the saved object only, so rows of objects the
    caller never held (children deleted by cascade) would otherwise have none.
    """
    if history_instance.history_change_reason:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    reason = getattr(request, "change_reason", "")
    if reason:
        history_instance.history_change_reason = reason


def bulk_create_tracked(
    objs,
    model,
    *,
    user=None,
    reason: str = "",
    batch_size: int = 1000,
    background: copying.BackgroundCopies | None = None,
):
    """Insert many rows of a tracked model and their history rows in one go.

    Like ``save()``, it derives each object's stored fields (``prepare_for_save``); unlike a
    service, it does not validate: callers pass objects they built correctly. On PostgreSQL
    the rows, their history rows and their change events are written with ``COPY``
    (``core.copying``), one ``COPY`` per table whatever ``batch_size``; elsewhere by
    simple-history's bulk insert, in batches of ``batch_size``.

    With ``background`` (``copying.in_background``), the ``COPY``s are left to it: the
    objects have their ids when this returns, their rows are written when it sends them,
    and the caller holds the savepoint to roll back to if the database refuses them.
    """
    objs = list(objs)
    for obj in objs:
        if hasattr(obj, "prepare_for_save"):
            obj.prepare_for_save()
    using = router.db_for_write(model)
    history = _history_model(model)
    user = user or _acting_user(history)
    if _copyable(model, history, using):
        with transaction.atomic(using=using, savepoint=background is None):
            # The queries first (ids, the transaction's), then the COPYs: a query made
            # after a COPY given to ``background`` would wait for it.
            for obj, pk in zip(objs, copying.draw_ids(model, len(objs), using), strict=True):
                obj.pk = pk
            write_events = bulk_events(objs, model, ChangeAction.CREATE, user=user)
            # The rows first: while the server writes them (``background.stream``), their
            # history rows and events are made.
            _copy_with_history(
                objs, model, history, user=user, reason=reason, using=using, background=background
            )
            write_events(background)
            bulk_written.send(sender=model, objs=objs, created=True)
        return objs
    with transaction.atomic(), history_written_separately():
        created = bulk_create_with_history(
            objs,
            model,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason or None,
        )
        record_bulk(created, model, ChangeAction.CREATE, user=user)
        bulk_written.send(sender=model, objs=created, created=True)
    return created


def bulk_link_tracked(
    field,
    links,
    *,
    batch_size: int = 1000,
    background: copying.BackgroundCopies | None = None,
    creations: dict | None = None,
) -> None:
    """Insert ``links`` (rows of the through model of the many-to-many ``field``) of
    objects that ``bulk_create_tracked`` has just created, with their history: where the
    owner's history tracks the field, each link gets its row attached to its owner's
    creation row, as simple-history records the links of an object created with them (an
    owner created without history gets none). ``creations``: the owners' creation rows' ids
    by owner id where the caller knows them all (an object it has just saved): then they are
    not read.

    With ``background`` (the one the owners were created with), nothing is read or written
    now: the links' ``COPY`` and the statement writing their history rows (which finds each
    owner's creation row itself, and takes every link of the owners: give each owner's
    links of ``field`` in one call) are left to it, after the owners' rows."""
    links = list(links)
    if not links:
        return
    through = field.remote_field.through
    history = HistoricalRecords.m2m_models.get(field)
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        history = None
    using = router.db_for_write(through)
    if background is not None and copying.available(through, using):
        _copy_links(field, links, history, using, background)
        return
    through.objects.bulk_create(links, batch_size=batch_size)
    if history is None:
        return
    owner = f"{field.m2m_field_name()}_id"
    owners = {getattr(link, owner) for link in links}
    if creations is not None and owners <= creations.keys():
        creation = creations
    else:
        creation = dict(
            _history_model(field.model)
            .objects.filter(id__in=owners, history_type="+")
            .values_list("id", "history_id")
        )
    names = [f.attname for f in through._meta.fields]
    history.objects.bulk_create(
        [
            history(history_id=row, **{name: getattr(link, name) for name in names})
            for link in links
            if (row := creation.get(getattr(link, owner))) is not None
        ],
        batch_size=batch_size,
    )


def _copy_links(field, links, history, using: str, background) -> None:
    """``bulk_link_tracked``'s writes, left to ``background``: the links by ``COPY`` (their
    ids from the table's default), then their history rows by one statement."""
    through = field.remote_field.through
    fields = [f for f in through._meta.concrete_fields if not f.primary_key]
    columns = copying.Columns(fields, using)
    rows = [columns.prepared([getattr(link, f.attname) for f in fields]) for link in links]
    copying.copy_rows(through, columns, rows, using, background=background)
    if history is None:
        return
    quote = connections[using].ops.quote_name
    owner = field.model
    owner_history = _history_model(owner)._meta
    owner_column = through._meta.get_field(field.m2m_field_name()).column
    # Table and column names of the models, quoted: nothing in the SQL comes from a row.
    linked = [quote(f.column) for f in through._meta.concrete_fields]
    owner_id = quote(owner_history.get_field(owner._meta.pk.attname).column)
    row = quote(history._meta.get_field("history").column)  # the owner's history row
    created = quote(owner_history.pk.column)
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(linked)}, {row}) "  # noqa: S608
        f"SELECT {', '.join(f'link.{name}' for name in linked)}, created.{created} "
        f"FROM {quote(through._meta.db_table)} link "
        f"JOIN {quote(owner_history.db_table)} created ON created.{owner_id} = "
        f"link.{quote(owner_column)} AND created.history_type = '+' "
        f"WHERE link.{quote(owner_column)} = ANY(%s)"
    )
    owners = sorted({getattr(link, f"{field.m2m_field_name()}_id") for link in links})
    background.add_statement(sql, [owners])


def _history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def _acting_user(history):
    """The user of an ``acting_as`` block (or the request), to whom simple-history gives a
    history row without a user of its own: its change events name that user too."""
    return history.get_default_history_user(SimpleNamespace())


# The columns simple-history adds to a history table, beside the tracked model's own.
_HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _copyable(model, history, using: str) -> bool:
    """Whether ``model`` and its history can be written with ``COPY``: its history table
    holds the tracked columns and simple-history's own, and nothing else to fill."""
    if not (copying.available(model, using) and copying.available(history, using)):
        return False
    known = {field.attname for field in history.tracked_fields}
    known |= {history._meta.pk.attname, *_HISTORY_COLUMNS}
    return all(field.attname in known for field in history._meta.concrete_fields)


def _copy_with_history(objs, model, history, *, user, reason: str, using: str, background) -> None:
    """Insert ``objs`` (their ids drawn) and a creation row of history for each with
    ``COPY``, as simple-history's bulk insert writes them (the same user, reason and date
    per object)."""
    fields = list(model._meta.concrete_fields)
    columns = copying.Columns(fields, using)
    rows = [columns.of(obj, adding=True) for obj in objs]
    copying.copy_rows(model, columns, rows, using, background=background)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    # A history row repeats its object's values (each tracked column from the row's
    # position) and adds simple-history's columns.
    position = {field.attname: index for index, field in enumerate(fields)}
    tracked = [position[field.attname] for field in history.tracked_fields]
    extra = copying.Columns([history._meta.get_field(name) for name in _HISTORY_COLUMNS], using)
    history_columns = copying.Columns(
        [history._meta.get_field(field.attname) for field in history.tracked_fields] + extra.fields,
        using,
    )
    now = timezone.now()
    history_rows = []
    for obj, row in zip(objs, rows, strict=True):
        who = getattr(obj, "_history_user", None) or user
        values = [
            getattr(obj, "_history_date", now),
            getattr(obj, "_change_reason", None) or reason or None,
            "+",
            getattr(who, "pk", None),
        ]
        history_rows.append([row[index] for index in tracked] + extra.prepared(values))
    copying.copy_rows(history, history_columns, history_rows, using, background=background)


def bulk_update_tracked(objs, model, fields, *, user=None, reason: str = ""):
    """Update many rows of a tracked model and write a history row for each."""
    objs = list(objs)
    for obj in objs:
        if hasattr(obj, "prepare_for_save"):
            obj.prepare_for_save()
    user = user or _acting_user(_history_model(model))
    with transaction.atomic(), history_written_separately():
        updated = bulk_update_with_history(
            objs,
            model,
            fields,
            default_user=user,
            default_change_reason=reason or None,
        )
        record_bulk(objs, model, ChangeAction.UPDATE, user=user)
        bulk_written.send(sender=model, objs=objs, created=False)
    return updated
