"""Write the whole record as bulk files, one per kind of object."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.transfer.exporting import export_record
from claims.transfer.formats import FORMATS
from claims.transfer.progress import Progress


class Command(BaseCommand):
    help = (
        "Write actors, aliases, sources, snapshots, claims, statements, citations and "
        "relations into DIR, one file per kind (actors.jsonl, …), each object named by its UUID."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the files (made if missing).")
        parser.add_argument("--format", choices=FORMATS, default="jsonl", dest="fmt")

    def handle(self, *args, directory: str, fmt: str, **options):
        target = Path(directory)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        try:
            counts = export_record(target, fmt, progress=Progress(self.stderr._out))
        except OSError as error:
            raise CommandError(f"Cannot write into {directory}: {error.strerror}") from error
        for name, count in counts.items():
            self.stdout.write(f"{name}.{fmt}: {count}")
