"""Django's SQLite backend, except that connecting never creates the database file.

SQLite creates a missing file on connection; every command then fails on a missing table,
and someone who forgot ``DATABASE_URL`` in a checkout migrated on PostgreSQL sees an empty
database and a traceback. Here only ``migrate`` creates the file (``core.checks``); anything
else is told which database is missing and how to get one.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

from core.checks import missing_sqlite_database


class MissingDatabase(ImproperlyConfigured, OperationalError):
    """The database file does not exist: a setting to correct (``manage.py`` says so in one
    line) and, for a running server, a database out of reach (503, ``core.database``)."""


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        problem = missing_sqlite_database(self.settings_dict)
        if problem is not None:
            raise MissingDatabase(f"{problem.msg} {problem.hint}")
        return super().get_new_connection(conn_params)
