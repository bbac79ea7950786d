"""History helpers: attribution of writes, and bulk writes that still keep history (and
write their change events, ``core.changes``)."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .changes import record_bulk
from .models import ChangeAction, history_written_separately

_MISSING = object()

# Set on an object while ``core.services.instance_create_with_related`` creates it: its next
# history row records its creation.
CREATION_PENDING = "_creation_pending"


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


def creation_row(sender, instance, history_instance, **kwargs):
    """The row written while an object's creation is pending is its creation ("+"), though
    simple-history writes it for an addition to a many-to-many field ("~")."""
    if getattr(instance, CREATION_PENDING, False):
        history_instance.history_type = "+"


def bulk_create_tracked(objs, model, *, user=None, reason: str = "", batch_size: int = 1000):
    """Insert many rows of a tracked model and their history rows in one go.

    Like ``save()``, it derives each object's stored fields (``prepare_for_save``); unlike a
    service, it does not validate: callers pass objects they built correctly.
    """
    objs = list(objs)
    for obj in objs:
        if hasattr(obj, "prepare_for_save"):
            obj.prepare_for_save()
    with transaction.atomic(), history_written_separately():
        created = bulk_create_with_history(
            objs,
            model,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason or None,
        )
        record_bulk(created, model, ChangeAction.CREATE, user=user)
    return created


def bulk_update_tracked(objs, model, fields, *, user=None, reason: str = ""):
    """Update many rows of a tracked model and write a history row for each."""
    objs = list(objs)
    for obj in objs:
        if hasattr(obj, "prepare_for_save"):
            obj.prepare_for_save()
    with transaction.atomic(), history_written_separately():
        updated = bulk_update_with_history(
            objs,
            model,
            fields,
            default_user=user,
            default_change_reason=reason or None,
        )
        record_bulk(objs, model, ChangeAction.UPDATE, user=user)
    return updated
