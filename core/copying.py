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

import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from queue import SimpleQueue

from django.db import connections, models
from django.db.models.fields import AutoFieldMixin
from psycopg import adapt

# psycopg's formatter of COPY's text format, as ``Copy.write_row`` uses it: the rows of a
# ``COPY`` sent in the background are formatted before it starts (psycopg is pinned).
from psycopg._copy_base import TextFormatter

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


# How often the interpreter lets another thread run while ``COPY``s are in the background
# (seconds): the sending thread then waits at most this long for the interpreter lock.
SWITCH_INTERVAL = 0.0005


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
        # The sequence found once (the fence keeps the planner from finding it for each id),
        # the ids in one array.
        cursor.execute(
            "SELECT array_agg(nextval(sequence.id)) FROM"
            " (SELECT pg_get_serial_sequence(%s, %s)::regclass AS id OFFSET 0) AS sequence,"
            " generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return sorted(cursor.fetchone()[0])


class Columns:
    """The columns of ``fields`` and, for each, how a value becomes what it stores."""

    def __init__(self, fields: Sequence[models.Field], using: str):
        self.fields = list(fields)
        self.names = [field.column for field in self.fields]
        connection = connections[using]
        self._preparers = [_preparer(field, connection) for field in self.fields]
        # Whether each field's value is the instance's attribute as it is (``Field.pre_save``
        # not overridden), read without calling the field.
        self._as_set = [type(field).pre_save is models.Field.pre_save for field in self.fields]

    def prepared(self, values: Sequence) -> list:
        """``values`` (one per field, in order) as the columns store them."""
        return [
            value if prepare is None else prepare(value)
            for prepare, value in zip(self._preparers, values, strict=True)
        ]

    def of(self, obj, *, adding: bool) -> list:
        """The column values of a model instance, as saving it would set them."""
        return self.prepared(
            [
                getattr(obj, field.attname) if as_set else field.pre_save(obj, adding)
                for field, as_set in zip(self.fields, self._as_set, strict=True)
            ]
        )


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


def copy_rows(
    model,
    columns: Columns,
    rows: Iterable[Sequence],
    using: str,
    *,
    background: "BackgroundCopies | None" = None,
) -> None:
    """``COPY`` ``rows`` (each a sequence of prepared values) into ``model``'s table; with
    ``background``, the rows are formatted now and written when it sends them."""
    connection = connections[using]
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in columns.names)
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    if background is not None:
        background.add(sql, rows)
        return
    # Django's cursor logs the statement where queries are logged (counted as one query).
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


class BackgroundCopies:
    """``COPY``s written by a thread while the caller's Python goes on (``in_background``).

    The server reads a ``COPY`` on a core of its own while the client waits; here the rows
    are formatted by the caller (``add``), and a thread only hands the bytes to the
    connection (``send``), so that the caller can validate the next rows meanwhile. The
    thread runs little Python: the bytes are written, and the server's answer awaited,
    without the interpreter lock.

    Until ``wait`` returns, the connection is the thread's: every query made through Django
    on it first waits for the ``COPY``s (in the order they were added), so nothing reads the
    table before its rows are in, whatever runs in between. A refusal of the database
    (a unique value taken) is raised by ``wait``, as Django raises it; the caller rolls back
    to a savepoint taken before the rows were added.
    """

    def __init__(self, using: str):
        self.connection = connections[using]
        # (a COPY and its rows' bytes, or a statement and its parameters), in order, not sent
        self._queued: list[tuple[str, bytes | Sequence]] = []
        # What the thread writing is given, in order; None tells it to stop.
        self._sending: SimpleQueue | None = None
        self._thread: threading.Thread | None = None
        self._streaming = False
        self._dropped = False
        self._savepoint: str | None = None
        self._failure: BaseException | None = None
        self._written: list[tuple[str, float]] = []

    def add(self, sql: str, rows: Iterable[Sequence]) -> None:
        """Format ``rows`` for ``COPY … FROM STDIN`` (``sql``), to be sent by ``send``, or
        sent now while rows are streamed (``stream``)."""
        self.connection.ensure_connection()
        formatter = TextFormatter(adapt.Transformer(self.connection.connection))
        data = bytearray()
        for row in rows:
            data += formatter.write_row(row)
        data += formatter.end()
        self._push((sql, bytes(data)))

    def add_statement(self, sql: str, params: Sequence) -> None:
        """A statement to run after what was added before it, when it is sent."""
        self._push((sql, params))

    def _push(self, item: tuple[str, bytes | Sequence]) -> None:
        if self._thread is not None:
            self._sending.put(item)  # written after what the thread has been given
            return
        self._queued.append(item)
        if self._streaming:
            self._start()

    def stream(self, *, savepoint: str) -> None:
        """Until ``wait``, send each ``COPY`` as soon as it is added: the server writes a
        batch's first table while the caller formats the next. ``savepoint``: as for
        ``send``. A query made meanwhile waits for what was added before it, as always."""
        self._streaming = True
        self._savepoint = savepoint
        if self._queued:
            self._start()

    def send(self, *, savepoint: str | None = None) -> None:
        """Start writing what was added; ``wait`` for it. If the database refuses a row and
        a query comes first, the transaction is rolled back to ``savepoint`` (taken before
        the rows were added) for that query, and ``wait`` raises the refusal."""
        self._savepoint = savepoint
        if self._thread is None and self._queued:
            self._start()

    def _start(self) -> None:
        sending = SimpleQueue()
        for item in self._queued:
            sending.put(item)
        self._queued = []
        self._sending = sending
        self._thread = threading.Thread(
            target=self._write, args=(self.connection.connection, sending), daemon=True
        )
        self._thread.start()

    def _write(self, raw, sending: SimpleQueue) -> None:
        try:
            cursor = raw.cursor()
        except BaseException as error:  # raised again by ``wait``, in the caller's thread
            self._failure = error
            return
        with cursor:
            while (item := sending.get()) is not None:
                if self._failure is not None or self._dropped:
                    continue  # nothing more is written once the database has refused a row
                sql, data = item
                started = time.perf_counter()
                try:
                    if isinstance(data, bytes):
                        with cursor.copy(sql) as copy:
                            copy.write(data)
                    else:
                        cursor.execute(sql, data)
                except BaseException as error:  # raised again by ``wait``, in the caller's thread
                    self._failure = error
                    continue
                self._written.append((sql, time.perf_counter() - started))

    def wait(self) -> None:
        """Write what was added, and wait until all of it is written; the database's
        error, if it refused a row, as Django raises it."""
        if self._thread is None and self._queued:
            self._start()
        self._join()
        self._streaming = False
        failure, self._failure = self._failure, None
        if failure is not None:
            with self.connection.wrap_database_errors:
                raise failure

    def _join(self) -> None:
        if self._thread is None:
            return
        self._sending.put(None)
        self._thread.join()
        self._thread = self._sending = None
        written, self._written = self._written, []
        if self.connection.queries_logged:
            for sql, seconds in written:
                self.connection.queries_log.append({"sql": sql, "time": f"{seconds:.3f}"})

    def discard(self) -> None:
        """Forget what was added and not written; wait for what is being written, whatever
        came of it (the caller rolls it back)."""
        self._queued.clear()
        self._dropped = True
        try:
            self._join()
        finally:
            self._dropped = False
        self._streaming = False
        self._failure = None

    def _before_query(self, execute, sql, params, many, context):
        """A query made while ``COPY``s are pending runs after them; after a refused one,
        on the transaction as it was at the savepoint (``wait`` raises the refusal)."""
        if self._queued and self._thread is None:
            self.send()
        if self._thread is not None:
            self._join()
            if self._failure is not None:
                if self._savepoint is None:
                    self.wait()  # raises it: the transaction cannot go on
                self.connection.savepoint_rollback(self._savepoint)
        return execute(sql, params, many, context)


@contextmanager
def in_background(using: str) -> Iterator[BackgroundCopies | None]:
    """A ``BackgroundCopies`` for the block on PostgreSQL (None elsewhere), inside a
    transaction; all it was given is written (or its error raised) when the block ends."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield None
        return
    if not connection.in_atomic_block:
        raise RuntimeError("COPYs in the background need a transaction (atomic).")
    copies = BackgroundCopies(using)
    # The thread wants the interpreter lock for a moment whenever the server has read what
    # it was given; by default it would wait up to 5 ms for the caller to yield it.
    switching = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        with connection.execute_wrapper(copies._before_query):
            try:
                yield copies
            except BaseException:
                copies.discard()
                raise
            copies.wait()
    finally:
        sys.setswitchinterval(switching)
