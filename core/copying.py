"""Inserting many rows with PostgreSQL's ``COPY``: the bulk helpers' way in on PostgreSQL.

``COPY`` takes rows as values, with no SQL to compile and no parameters to bind, and the
server reads them while the client builds the next: several times the rows per second of
an ``INSERT`` of the same rows. It returns no ids, so the ids are drawn from the table's
sequence first, as an insert would draw them. Values are what the fields would store:
each field prepares its value (``get_db_prep_save``), except Django's own plain fields,
whose Python values the driver writes as they are.

The database checks its constraints and runs its triggers as for an insert; an error
(a unique value taken, a missing reference) is raised as Django's ``IntegrityError`` or
``DatabaseError``, and nothing of the ``COPY`` is written.
"""

from collections.abc import Iterable, Sequence

from django.db import connections, models
from django.db.models.fields import AutoFieldMixin

# Fields whose Python value, once the field has cleaned it, is what the column stores.
_PLAIN = {
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DecimalField,
    models.EmailField,
    models.FloatField,
    models.ForeignKey,
    models.IntegerField,
    models.OneToOneField,
    models.PositiveBigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.SmallIntegerField,
    models.TextField,
    models.URLField,
    models.UUIDField,
}


def available(model, using: str) -> bool:
    """Whether rows of ``model`` can be copied on ``using``: PostgreSQL, ids from a
    sequence, and no column the database computes."""
    if connections[using].vendor != "postgresql":
        return False
    if not isinstance(model._meta.pk, AutoFieldMixin):
        return False
    return not any(field.generated for field in model._meta.concrete_fields)


def draw_ids(model, count: int, using: str) -> list[int]:
    """``count`` new ids from the sequence of ``model``'s table, in increasing order."""
    if count == 0:
        return []
    meta = model._meta
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return sorted(value for (value,) in cursor.fetchall())


class Columns:
    """The columns of ``fields`` and, for each, how a value becomes what it stores."""

    def __init__(self, fields: Sequence[models.Field], using: str):
        self.fields = list(fields)
        self.names = [field.column for field in self.fields]
        connection = connections[using]
        self._preparers = [_preparer(field, connection) for field in self.fields]

    def prepared(self, values: Sequence) -> list:
        """``values`` (one per field, in order) as the columns store them."""
        return [
            value if prepare is None else prepare(value)
            for prepare, value in zip(self._preparers, values, strict=True)
        ]

    def of(self, obj, *, adding: bool) -> list:
        """The column values of a model instance, as saving it would set them."""
        return self.prepared([field.pre_save(obj, adding) for field in self.fields])


def _preparer(field, connection):
    """How a value of ``field`` becomes what its column stores; None: as it is."""
    if type(field) in _PLAIN:
        return None

    def prepare(value):
        return field.get_db_prep_save(value, connection)

    if type(field) is models.DateTimeField:
        # An aware time is stored as it is; Django prepares a naive one (its time zone).
        return lambda value: value if getattr(value, "tzinfo", None) else prepare(value)
    return prepare


def copy_rows(model, columns: Columns, rows: Iterable[Sequence], using: str) -> None:
    """``COPY`` ``rows`` (each a sequence of prepared values) into ``model``'s table."""
    connection = connections[using]
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns.names)
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    # Django's cursor logs the statement where queries are logged (counted as one query).
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
