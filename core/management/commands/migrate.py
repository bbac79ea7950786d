"""Django's ``migrate``, the one command allowed to create the SQLite database: the others
stop with a clear message when it is missing (``core.checks.sqlite_database_exists``)."""

from django.core.management.commands import migrate

from core.checks import creating_database


class Command(migrate.Command):
    def execute(self, *args, **options):
        with creating_database():
            return super().execute(*args, **options)
