"""Time importing claims from JSON Lines beside COPY of the same rows; see
devtools.record_import_benchmark."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools import record_import_benchmark as bench


class Command(BaseCommand):
    help = (
        "Write N synthetic claims as claims.jsonl, then time import_record of them and COPY of "
        "the same rows into the claims table (PostgreSQL; both rolled back). Prints rows per "
        "second for both, their ratio and the peak resident memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=20_000, help="Claims (20,000).")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, claims: int, seed: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("COPY needs PostgreSQL: set DATABASE_URL.")
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        with tempfile.TemporaryDirectory() as folder:
            directory = Path(folder)
            written = bench.write_files(directory, claims, seed)
            self.stdout.write(
                f"{written:,} claims written; peak RSS {bench.peak_rss_mib():.0f} MiB"
            )
            copy = bench.time_copy(directory)
            self.stdout.write(
                f"COPY:   {copy.rows:,} rows in {copy.seconds:.2f} s, {copy.rate:,.0f} rows/s"
            )
            imported, report = bench.time_import(directory)
            if report.errors:
                raise CommandError("The import refused rows:\n" + "\n".join(report.errors[:10]))
            self.stdout.write(
                f"import: {imported.rows:,} rows in {imported.seconds:.2f} s, "
                f"{imported.rate:,.0f} rows/s"
            )
        ratio = imported.rate / copy.rate if copy.rate else 0.0
        self.stdout.write(f"ratio:  {ratio:.2f}× COPY; peak RSS {bench.peak_rss_mib():.0f} MiB")
