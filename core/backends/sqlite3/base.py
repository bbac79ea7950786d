"""Django's SQLite backend, except that connecting never creates the database file.

SQLite creates a missing file on connection; every command then fails on a missing table,
and someone who forgot ``DATABASE_URL`` in a checkout migrated on PostgreSQL sees an empty
database and a traceback. Here only ``migrate`` creates the file (``core.checks``); anything
else is told which database is missing and how to get one.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3 import base

from core.checks import missing_sqlite_database


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        problem = missing_sqlite_database(self.settings_dict)
        if problem is not None:
            raise ImproperlyConfigured(f"{problem.msg} {problem.hint}")
        return super().get_new_connection(conn_params)
