"""Base classes shared by every recorded model."""

import contextvars
from contextlib import contextmanager

from django.db import models

_bulk_writes_allowed = contextvars.ContextVar("bulk_writes_allowed", default=False)


class HistoryBypassError(RuntimeError):
    """A write path that would change tracked rows without writing their history."""


@contextmanager
def history_written_separately():
    """Allow bulk writes inside this block: the caller writes the history rows itself.

    Only ``core.history`` uses it, around simple-history's ``*_with_history`` helpers.
    """
    token = _bulk_writes_allowed.set(True)
    try:
        yield
    finally:
        _bulk_writes_allowed.reset(token)


class TrackedQuerySet(models.QuerySet):
    """A queryset that refuses the write paths which skip history.

    ``update()``, ``bulk_create()`` and ``bulk_update()`` write rows without signals, so
    simple-history would record nothing. Use the services (or ``core.history`` for bulk
    writes, which also writes the history rows).
    """

    def update(self, **kwargs):
        # bulk_update() is built on update(), so the bulk helpers need it as well.
        if not _bulk_writes_allowed.get():
            raise HistoryBypassError(
                f"{self.model.__name__}.objects.update() would skip history; "
                "save through a service."
            )
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        if not _bulk_writes_allowed.get():
            raise HistoryBypassError(
                f"{self.model.__name__}.objects.bulk_create() would skip history; "
                "use core.history.bulk_create_tracked()."
            )
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        if not _bulk_writes_allowed.get():
            raise HistoryBypassError(
                f"{self.model.__name__}.objects.bulk_update() would skip history; "
                "use core.history.bulk_update_tracked()."
            )
        return super().bulk_update(objs, *args, **kwargs)


class RecordModel(models.Model):
    """A row of the record: timestamped, and saved only through services that keep history."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
