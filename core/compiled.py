"""Querysets compiled to SQL once per database connection, then run with new values.

Building and compiling a queryset costs more than running a simple indexed query. The hottest
reads (a token's lookup, a user's permissions, the first pages of the claims list) run the same
SQL on every request but for one or two values. A ``CompiledQuery`` builds its queryset once
with sample values, keeps the SQL, and on each run puts the real values where those stood.
The rows come back as the ORM would give them: the same converters turn database values into
Python ones (datetimes on SQLite, for instance).

On PostgreSQL a query run again on a kept connection is prepared, and after five runs may be
given one plan for every value. A query whose best plan depends on a value (how many
statements an actor has) names it in ``planned_with``: that value is written into the SQL
instead of bound, so each value has a statement, and a plan, of its own.

Queries that do not wait for each other's rows (a claim's detail: the claim, its statements,
their citations…) are sent together by ``rows_together``: one wait for the database instead of
one a query.
"""

import datetime
import re
import weakref
from collections.abc import Callable, Collection, Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Manager, QuerySet

# Where a compiled query takes a parameter (%s), or an escaped percent sign (%%, no parameter).
_PARAMETER_MARK = re.compile(r"%%|%s")


def _as_parameter(value, connection):
    """``value`` as the query's parameters hold it: a date-time as the database takes it
    (text on SQLite)."""
    if type(value) is datetime.datetime:
        return connection.ops.adapt_datetimefield_value(value)
    return value


@dataclass(frozen=True)
class _Compiled:
    # The SQL cut where the values written into it go (one piece when none is), and the
    # names of those values, in order.
    pieces: tuple[str, ...]
    written: tuple[str, ...]
    params: tuple
    positions: dict[str, tuple[int, ...]]
    # Columns beyond these are the ordering's, added for DISTINCT: not the queryset's.
    columns: int
    converters: tuple


class CompiledQuery:
    """``build(**samples)`` returns the queryset; ``rows(**values)`` runs its SQL.

    Sample values must be integers or strings the queryset passes to the database unchanged
    (a primary key, a ``CharField``), or aware date-times compared with a ``DateTimeField``
    (passed as the database takes them), distinct from every other value in the query: they
    are found in the compiled parameters by value. A sample may occur several times.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        planned_with: Collection[str] = (),
        **samples: int | str | datetime.datetime,
    ):
        for name, value in samples.items():
            aware = type(value) is datetime.datetime and value.tzinfo is not None
            if type(value) not in (int, str) and not aware:
                raise ImproperlyConfigured(
                    f"The sample value of {name} must be an int, a str or an aware datetime."
                )
        for name in planned_with:
            if type(samples.get(name)) is not int:
                raise ImproperlyConfigured(
                    f"Only an int sample can be written into the SQL, not {name}."
                )
        self.build = build
        self.samples = samples
        self.planned_with = frozenset(planned_with)
        # One compilation per connection: connections are per thread, and hold the
        # database's dialect and converters.
        self._by_connection = weakref.WeakKeyDictionary()

    def _compile(self, connection) -> _Compiled:
        queryset = self.build(**self.samples)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = {}
        for name, value in self.samples.items():
            value = _as_parameter(value, connection)
            found = tuple(
                i for i, param in enumerate(params) if type(param) is type(value) and param == value
            )
            if not found:
                raise ImproperlyConfigured(
                    f"The sample value of {name} is not among the query's values."
                )
            positions[name] = found
        # Where each value written into the SQL stands, by the index of its parameter.
        writes = {i: name for name in self.planned_with for i in positions[name]}
        pieces, start, index = [], 0, 0
        for match in _PARAMETER_MARK.finditer(sql):
            if match.group() == "%s":
                if index in writes:
                    pieces.append(sql[start : match.start()])
                    start = match.end()
                index += 1
        pieces.append(sql[start:])
        kept = [i for i in range(len(params)) if i not in writes]
        positions = {
            name: tuple(kept.index(i) for i in found)
            for name, found in positions.items()
            if name not in self.planned_with
        }
        fields = [column for column, _, _ in compiler.select[: compiler.col_count]]
        return _Compiled(
            pieces=tuple(pieces),
            written=tuple(writes[i] for i in sorted(writes)),
            params=tuple(params[i] for i in kept),
            positions=positions,
            columns=compiler.col_count,
            converters=tuple(compiler.get_converters(fields).items()),
        )

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        """The query's rows, as tuples, with ``values`` where the samples stood."""
        connection = connections[using]
        sql, params, compiled = self._statement(connection, values)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return self._finished(rows, compiled, connection)

    def _statement(self, connection, values: dict) -> tuple[str, list, _Compiled]:
        """The SQL and parameters that run the query with ``values``."""
        if values.keys() != self.samples.keys():
            raise TypeError(f"Expected values for {', '.join(sorted(self.samples))}.")
        compiled = self._by_connection.get(connection)
        if compiled is None:
            compiled = self._by_connection[connection] = self._compile(connection)
        params = list(compiled.params)
        for name, positions in compiled.positions.items():
            value = _as_parameter(values[name], connection)
            for position in positions:
                params[position] = value
        sql = compiled.pieces[0]
        for name, piece in zip(compiled.written, compiled.pieces[1:], strict=True):
            value = values[name]
            if type(value) is not int:
                raise TypeError(f"{name} is written into the SQL: it must be an int.")
            sql += f"{value}{piece}"
        return sql, params, compiled

    def _finished(self, rows: list[tuple], compiled: _Compiled, connection) -> list[tuple]:
        if not compiled.converters and (not rows or len(rows[0]) == compiled.columns):
            # The driver's rows as they are: the hottest queries convert nothing.
            return rows
        return [self._converted(row, compiled, connection) for row in rows]

    @staticmethod
    def _converted(row, compiled: _Compiled, connection) -> tuple:
        row = list(row[: compiled.columns])
        for position, (converters, expression) in compiled.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)


def rows_together(
    runs: Sequence[tuple[CompiledQuery, dict]], using: str = DEFAULT_DB_ALIAS
) -> list[list[tuple]]:
    """The rows of each ``(query, values)``, as ``CompiledQuery.rows`` gives them, the
    queries sent together: on PostgreSQL in one round trip (psycopg's pipeline mode), so that
    the time they take is the database's, not one wait for each; elsewhere one by one.

    Each query still takes its own snapshot (at PostgreSQL's READ COMMITTED, even in the one
    implicit transaction a pipeline's queries share), as it would alone.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return [query.rows(using, **values) for query, values in runs]
    statements = [query._statement(connection, values) for query, values in runs]
    with ExitStack() as cursors_open:
        cursors = [cursors_open.enter_context(connection.cursor()) for _ in statements]
        with connection.connection.pipeline():
            for cursor, (sql, params, _) in zip(cursors, statements, strict=True):
                cursor.execute(sql, params)
            fetched = [cursor.fetchall() for cursor in cursors]
    return [
        query._finished(rows, compiled, connection)
        for (query, _), rows, (_, _, compiled) in zip(runs, fetched, statements, strict=True)
    ]


# The sample primary key of ``object_by_pk``'s queries.
_SAMPLE_PK = 7_700_011
_BY_PK: dict[tuple[type, str], tuple[CompiledQuery, list[str]]] = {}


def object_by_pk(manager: Manager, pk: int):
    """``manager.get(pk=pk)`` from a query compiled once per manager, or None when there is
    no such object: a foreign key's object, read on every write that names one.

    For models with an integer primary key; the object is the one the ORM would build (every
    concrete field loaded, nothing deferred, read from the manager's database).
    """
    model = manager.model
    key = (model, manager.name)
    if key not in _BY_PK:
        names = [field.attname for field in model._meta.concrete_fields]

        def build(pk):
            return manager.filter(pk=pk).order_by().values_list(*names)

        _BY_PK[key] = (CompiledQuery(build, pk=_SAMPLE_PK), names)
    query, names = _BY_PK[key]
    using = manager.db
    rows = query.rows(using=using, pk=pk)
    return model.from_db(using, names, rows[0]) if rows else None
