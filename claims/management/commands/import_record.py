"""Read bulk files into the record: create the objects they name, update the ones that differ."""

from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.transfer.importing import Importer, files_in_order
from claims.transfer.progress import Progress


class _DryRun(Exception):
    """Leaves the run's transaction: a dry run writes nothing."""


class Command(BaseCommand):
    help = (
        "Import bulk files (a directory of them, or files named actors.jsonl, claims.csv, …) "
        "in dependency order. A row whose UUID exists updates that object; a row that changes "
        "nothing writes nothing. A file with any error writes nothing unless --partial."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="A directory of bulk files, or files.")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Keep the good rows of a file that has bad ones (reported all the same).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and count, then write nothing."
        )
        parser.add_argument("--user", help="The username the writes and history are attributed to.")

    def handle(self, *args, paths, partial: bool, dry_run: bool, user: str | None, **options):
        acting = None
        if user:
            try:
                acting = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user is called “{user}”.") from error
        missing = [path for path in paths if not Path(path).exists()]
        if missing:
            raise CommandError(f"No such file or directory: {', '.join(missing)}")
        try:
            files = files_in_order(Path(path) for path in paths)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not files:
            raise CommandError("No bulk files found (actors.jsonl, claims.csv, …).")
        importer = Importer(user=acting, partial=partial)
        progress = Progress(self.stderr._out)
        reports = []
        try:
            with transaction.atomic() if dry_run else nullcontext():
                for path, kind, fmt in files:
                    advance = progress.start(path.name) if progress.enabled else None
                    reports.append(importer.import_file(path, kind, fmt, progress=advance))
                    progress.close()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        failed = False
        for report in reports:
            for error in report.errors:
                self.stderr.write(error)
            state = "" if report.written else " (nothing written)"
            if dry_run:
                state = " (dry run: nothing written)"
            self.stdout.write(
                f"{report.name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged, {len(report.errors)} errors{state}"
            )
            failed = failed or bool(report.errors)
        if failed:
            raise CommandError("Some rows were refused; see the errors above.")
