"""Lookups of the project's own, registered when the core app is ready."""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, UUIDField
from django.db.models.lookups import In


@IntegerField.register_lookup
class AnyOf(In):
    """``field__any_of=values``: what ``__in`` finds, sent to PostgreSQL as ``field =
    ANY(%s)`` with the values as one array. Registered on integers (ids) and uuids.

    ``__in`` writes a ``%s`` a value: for the thousand ids of a search's window, the ORM
    prepares a thousand parameters and the driver splits a query with a thousand ``%s``
    (too long for its cache) every time, some milliseconds of a request. Other
    databases get ``__in``'s SQL.
    """

    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


UUIDField.register_lookup(AnyOf)
