"""History helpers: attribution of writes, and bulk writes that still keep history."""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import history_written_separately

_MISSING = object()


@contextmanager
def acting_as(user, reason: str = ""):
    """Attribute every history row written inside the block to ``user``.

    simple-history reads the acting user from the current request; services and commands
    run outside one, and deletions cascade to rows the caller never sees, so the block
    stands in for the request. An existing request's user wins when ``user`` is None.
    """
    context = HistoricalRecords.context
    previous = getattr(context, "request", _MISSING)
    if user is not None:
        context.request = SimpleNamespace(user=user, change_reason=reason)
    try:
        yield
    finally:
        if user is not None:
            if previous is _MISSING:
                del context.request
            else:
                context.request = previous


def attribute(instance, *, user=None, reason: str = ""):
    """Mark who made the next save of ``instance`` and why; simple-history records both."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    return instance


def bulk_create_tracked(objs, model, *, user=None, reason: str = "", batch_size: int = 1000):
    """Insert many rows of a tracked model and their history rows in one go."""
    with history_written_separately():
        return bulk_create_with_history(
            objs,
            model,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason or None,
        )


def bulk_update_tracked(objs, model, fields, *, user=None, reason: str = ""):
    """Update many rows of a tracked model and write a history row for each."""
    with history_written_separately():
        return bulk_update_with_history(
            objs,
            model,
            fields,
            default_user=user,
            default_change_reason=reason or None,
        )
