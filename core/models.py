"""Base classes of models saved through services: timestamps, and querysets keeping history."""

import contextvars
import functools
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models.expressions import DatabaseDefault
from django.db.models.functions import Now
from simple_history import utils as history_utils
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_m2m_records,
    pre_create_historical_m2m_records,
)

from .cleaning import field_cleaners
from .constraints import validate_constraints_at_once

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

    def related(self, name: str):
        """Every object of the model that this model's relation ``name`` leads to.

        Querysets build their subqueries on related models through it, so that a
        ``querysets`` module never imports the ``models`` module that imports it.
        """
        return self.model._meta.get_field(name).related_model._default_manager.all()

    def indexed_values(self, field: str) -> list:
        """Every distinct value of the column of ``field`` in the whole table (the
        queryset's filters do not apply), in order, NULL aside.

        Read by skipping through the column's index, one lookup per value (a "loose index
        scan"), instead of ``SELECT DISTINCT``, which reads every row: for a column of a few
        dozen values over a million rows, a fraction of a millisecond against tens. The
        column must be indexed.
        """
        column = self.model._meta.get_field(field).column
        table = self.model._meta.db_table
        connection = connections[self.db]
        quote = connection.ops.quote_name
        column, table = quote(column), quote(table)
        # Quoted names of the model's own table and column: nothing of a user's.
        sql = (
            f"WITH RECURSIVE found(value) AS (SELECT MIN({column}) FROM {table} "  # noqa: S608
            f"UNION ALL SELECT (SELECT MIN(t.{column}) FROM {table} t "
            f"WHERE t.{column} > found.value) FROM found WHERE found.value IS NOT NULL) "
            "SELECT value FROM found WHERE value IS NOT NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [value for (value,) in cursor.fetchall()]

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


class HistoryRowsManager(HistoryManager):
    """simple-history's manager of a model's history rows, its class made once per kind of
    rows: the model's ``history`` attribute makes the manager's class afresh on every read
    (``from_queryset``), and every change reads it to write its history row."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class History(HistoricalRecords):
    """simple-history's records of a model, with a history table that indexes only what
    history is read by: the object's id, the date and the user of each row, and the fields
    named in ``read_by`` (a statement's history is read by its claim).

    simple-history copies every index of the model (and makes one of each unique field),
    which history is never searched by; each would cost a write on every change.
    """

    def __init__(self, *args, read_by: tuple[str, ...] = (), **kwargs):
        self.read_by = set(read_by)
        kwargs.setdefault("history_manager", HistoryRowsManager)
        super().__init__(*args, **kwargs)

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if name != model._meta.pk.name and name not in self.read_by:
                field.db_index = False
        return fields

    def create_historical_record_m2ms(self, history_instance, instance):
        """Copy the object's links into its history row, as simple-history does, reading
        their ids only (simple-history read each link with its two objects whole, to copy
        their ids), and nothing for a creation: a row just inserted has no links yet, and
        ``core.history.bulk_link_tracked`` attaches those a creation is given (to the
        creation's row, whose id the instance keeps as ``_creation_history_id``)."""
        if history_instance.history_type == "+":
            # Its links' history rows attach to this one (core.history.bulk_link_tracked).
            instance._creation_history_id = history_instance.pk
            return
        for field in history_instance._history_m2m_fields:
            history_model = self.m2m_models[field]
            through = getattr(history_instance.instance, field.name).through
            names = [f.attname for f in through._meta.fields]
            links = through.objects.filter(**{history_utils.get_m2m_field_name(field): instance})
            rows = [
                history_model(history=history_instance, **dict(zip(names, values, strict=True)))
                for values in links.values_list(*names)
            ]
            signal = {"history_instance": history_instance, "instance": instance, "field": field}
            pre_create_historical_m2m_records.send(sender=history_model, rows=rows, **signal)
            created = history_model.objects.bulk_create(rows)
            post_create_historical_m2m_records.send(
                sender=history_model, created_rows=created, **signal
            )


class WithdrawableQuerySet(TrackedQuerySet):
    """Rows of a withdrawable model: the current ones, or the withdrawn ones."""

    def current(self):
        """Not withdrawn: what lists show by default."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


class Withdrawable(models.Model):
    """A row that is withdrawn rather than deleted once anything published rests on it.

    A withdrawn row stays in the database and at its address, with who withdrew it, when and
    why; lists leave it out unless asked (``WithdrawableQuerySet.current``). Withdrawing and
    reinstating go through ``core.services.instance_withdraw`` and ``instance_reinstate``;
    each concrete model adds ``core.constraints.withdrawal_check()`` to its constraints.
    """

    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawal_reason = models.TextField(
        blank=True, editable=False, help_text="Why it was withdrawn, shown beside it."
    )

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class FewQueryValidation(models.Model):
    """A model whose validation (``full_clean``) comes to Django's outcome in fewer queries.

    Its check constraints are evaluated in Python where they are comparisons, the others in
    one query rather than one each (``core.constraints``); a uuid drawn for a new row is not
    looked up (``ExternallyIdentified``).
    A foreign key whose object the instance holds as read from the database (the form or
    serializer that took the key has just looked it up) is not looked up again: Django's
    check would ask the database whether that row exists, once per key.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Django's ``clean_fields``, by each field's prepared cleaning (``core.cleaning``)."""
        exclude = set(exclude or ())
        errors = {}
        for cleaner in field_cleaners(type(self)):
            if cleaner.name in exclude:
                continue
            field = cleaner.field
            value = getattr(self, cleaner.attname)
            if cleaner.blank and value in cleaner.empty_values:
                continue
            if isinstance(value, DatabaseDefault):
                continue
            try:
                if field.many_to_one and self._holds_read_object(field):
                    value = field.to_python(value)
                    models.Field.validate(field, value, self)  # not ForeignKey's look-up
                    field.run_validators(value)
                else:
                    value = cleaner.clean(value, self)
                setattr(self, cleaner.attname, value)
            except ValidationError as error:
                errors[cleaner.name] = error.error_list
        if errors:
            raise ValidationError(errors)

    def _holds_read_object(self, field) -> bool:
        """Whether ``field`` is a foreign key whose object this instance holds, with the key's
        value, as read from (or saved to) the database, and without limits on its choices."""
        if not field.is_relation or not field.many_to_one or field.remote_field.parent_link:
            return False
        if not field.is_cached(self) or field.get_limit_choices_to():
            return False
        related = field.get_cached_value(self)
        value = getattr(self, field.attname)
        return (
            related is not None
            and value is not None
            and not related._state.adding
            and related._state.db == router.db_for_read(field.related_model, instance=self)
            and getattr(related, field.target_field.attname) == value
        )

    def validate_constraints(self, exclude=None):
        validate_constraints_at_once(self, exclude)


class ExternallyIdentified(FewQueryValidation):
    """A row with a stable identifier of its own, by which bulk files name it and refer to it.

    Unlike the primary key, it is the same in every database the record is copied to: a file
    exported from one database re-imported into another updates the rows it names.
    """

    uuid = models.UUIDField(
        "UUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identifier, the same in every copy of the record.",
    )

    # The uuid drawn for a new row by the field's default; None for a row read or given its
    # uuid (a row read without ``__init__``, as ``core.rows`` reads it, has this None).
    _drawn_uuid = None

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row made here (not read, not given its uuid) holds a uuid4 drawn for it.
        drawn = not args and "uuid" not in kwargs and self._state.adding
        self._drawn_uuid = self.uuid if drawn else None

    def validate_unique(self, exclude=None):
        """Django's checks, but the uniqueness of a uuid drawn for this new row: a random
        122-bit value is not looked up (the unique index still stands behind it)."""
        if self._state.adding and self.uuid is not None and self.uuid == self._drawn_uuid:
            exclude = {*(exclude or ()), "uuid"}
        super().validate_unique(exclude)


class TimestampedModel(FewQueryValidation):
    """A model with creation and update times, saved through services that keep its history."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens neither revoked nor expired, by the database's clock."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=Now())
        )


class ApiToken(models.Model):
    """A named credential for the REST API; only its SHA-256 is stored, never the token."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for (“newsroom CMS”).")
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to recognise it."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The token whose request created this one (None: made in the admin, by the command or
    # in a session). A token never outlives its parent: its expiry is at most the parent's,
    # revoking the parent revokes it, and deleting the parent deletes it.
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="children",
        help_text="The token that created this one; it is revoked with it.",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="%(app_label)s_%(class)s_unique_active_name_per_user",
                violation_error_message="You already have an active token with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class ChangeAction(models.TextChoices):
    CREATE = "create", "created"
    UPDATE = "update", "updated"
    DELETE = "delete", "deleted"


class ChangeEventQuerySet(models.QuerySet):
    def in_feed_order(self):
        """Transaction by transaction, and in each in the order of its writes (``core.changes``)."""
        return self.order_by("transaction", "id")


class ChangeEvent(models.Model):
    """One write to an object of the API: its creation, a change, or its deletion.

    Written in the same transaction as the write (``core.changes``), from the history row
    simple-history writes for it; read through ``GET /api/v1/changes/``.
    """

    resource = models.CharField(max_length=50, help_text="The API collection: “claims”.")
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=6, choices=ChangeAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept beside the user: the attribution outlives the account.
    username = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()
    # The database transaction that wrote it (PostgreSQL's xid8; 0 on SQLite, where one
    # writer at a time makes ids follow commits).
    transaction = models.BigIntegerField(default=0)

    objects = ChangeEventQuerySet.as_manager()

    class Meta:
        verbose_name = "change"
        indexes = [models.Index(fields=["transaction", "id"], name="core_change_feed_order")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ChangeAction.values), name="core_change_action"
            )
        ]

    def __str__(self):
        return f"{self.resource} {self.object_id} {self.get_action_display()}"


class WebhookSubscription(TimestampedModel):
    """An address that receives the changes it asks for, signed with its secret."""

    url = models.URLField(
        max_length=500, help_text="Where the changes are POSTed: an http or https address."
    )
    events = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "What to send: “claims”, “claims.delete”, “*.delete”…; empty sends every change."
        ),
    )
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(
        max_length=100, editable=False, help_text="Signs every delivery (HMAC-SHA256)."
    )
    active = models.BooleanField(
        default=True, help_text="Cleared to stop deliveries; changes meanwhile are not sent."
    )
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_reason = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # The secret is left out of the history: it is shown where it is needed, not copied.
    history = History(excluded_fields=["secret"])

    class Meta:
        verbose_name = "webhook subscription"
        ordering = ["-id"]

    def __str__(self):
        return self.url

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "pending"
    SUCCEEDED = "succeeded", "succeeded"
    FAILED = "failed", "failed"
    SKIPPED = "skipped", "skipped (subscription inactive or paused)"


class WebhookDeliveryQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-id")


class WebhookDelivery(models.Model):
    """One attempt to POST a batch of changes to a subscription; a retry is a new row with
    the same ``delivery`` and body, and the next ``attempt``."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery = models.UUIDField(default=uuid.uuid4, help_text="The same for every retry.")
    attempt = models.PositiveSmallIntegerField(default=1)
    events = models.CharField(
        max_length=500, blank=True, help_text="What the body holds: “claims.create, …”."
    )
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a pending attempt is due."
    )

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_delivery_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="core_delivery_status"
            )
        ]

    def __str__(self):
        return f"{self.delivery} attempt {self.attempt}"
