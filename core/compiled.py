"""Querysets compiled to SQL once per database connection, then run with new values.

Building and compiling a queryset costs more than running a simple indexed query. The hottest
reads (a token's lookup, a user's permissions, the first pages of the claims list) run the same
SQL on every request but for one or two values. A ``CompiledQuery`` builds its queryset once
with sample values, keeps the SQL, and on each run puts the real values where those stood.
The rows come back as the ORM would give them: the same converters turn database values into
Python ones (datetimes on SQLite, for instance).
"""

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    positions: dict[str, tuple[int, ...]]
    # Columns beyond these are the ordering's, added for DISTINCT: not the queryset's.
    columns: int
    converters: tuple


class CompiledQuery:
    """``build(**samples)`` returns the queryset; ``rows(**values)`` runs its SQL.

    Sample values must be integers or strings the queryset passes to the database unchanged
    (a primary key, a ``CharField``), distinct from every other value in the query: they are
    found in the compiled parameters by value. A sample may occur several times.
    """

    def __init__(self, build: Callable[..., QuerySet], **samples: int | str):
        for name, value in samples.items():
            if type(value) not in (int, str):
                raise ImproperlyConfigured(f"The sample value of {name} must be an int or a str.")
        self.build = build
        self.samples = samples
        # One compilation per connection: connections are per thread, and hold the
        # database's dialect and converters.
        self._by_connection = weakref.WeakKeyDictionary()

    def _compile(self, connection) -> _Compiled:
        queryset = self.build(**self.samples)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = {}
        for name, value in self.samples.items():
            found = tuple(
                i for i, param in enumerate(params) if type(param) is type(value) and param == value
            )
            if not found:
                raise ImproperlyConfigured(
                    f"The sample value of {name} is not among the query's values."
                )
            positions[name] = found
        fields = [column for column, _, _ in compiler.select[: compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            positions=positions,
            columns=compiler.col_count,
            converters=tuple(compiler.get_converters(fields).items()),
        )

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        """The query's rows, as tuples, with ``values`` where the samples stood."""
        if values.keys() != self.samples.keys():
            raise TypeError(f"Expected values for {', '.join(sorted(self.samples))}.")
        connection = connections[using]
        compiled = self._by_connection.get(connection)
        if compiled is None:
            compiled = self._by_connection[connection] = self._compile(connection)
        params = list(compiled.params)
        for name, value in values.items():
            for position in compiled.positions[name]:
                params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
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
