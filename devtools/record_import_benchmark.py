"""Importing claims from JSON Lines against COPY of the same rows into the same table.

Both run on PostgreSQL, one after the other, each in a transaction that is rolled back, so
the database is left as it was. COPY reads a CSV file of exactly the columns and values
the import writes (made beforehand, not timed); the import reads ``claims.jsonl`` and does
all it always does: parses, validates each row (fields and ``clean()``), looks the uuids
up, and writes the rows with their history rows. Peak resident memory is the process's
(``resource.getrusage``), which includes the generation of the files.
"""

import csv
import json
import resource
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from claims.transfer.formats import CLAIMS
from claims.transfer.importing import Importer
from devtools.synthetic import SyntheticRecord

# Text columns whose empty value is "", not NULL, in the CSV COPY reads.
NOT_NULL = ["text", "language", "kind", "quantity_comparator", "quantity_unit", "place"]
NOT_NULL += ["period_precision", "withdrawal_reason"]
# The claim columns COPY writes: the file's, and the times the import sets.
COPY_COLUMNS = [
    "uuid",
    *CLAIMS.plain,
    "withdrawn_at",
    "withdrawal_reason",
    "created_at",
    "updated_at",
]


class _RollBack(Exception):
    pass


@dataclass
class Timing:
    rows: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def write_files(directory: Path, claims: int, seed: int = 1) -> int:
    """``claims.jsonl`` and ``claims.copy.csv`` of the same ``claims`` synthetic claims."""
    record = SyntheticRecord(claims=claims, seed=seed)
    now = timezone.now().isoformat()
    written = 0
    with (
        (directory / "claims.jsonl").open("w", encoding="utf-8") as jsonl,
        (directory / "claims.copy.csv").open("w", encoding="utf-8", newline="") as copy,
    ):
        table = csv.writer(copy)
        for block in record.blocks():
            for spec in block.claims:
                row = {
                    "uuid": str(uuid.uuid4()),
                    "text": spec.text,
                    "language": "en",
                    "kind": spec.kind,
                    "quantity_value": _text(spec.quantity_value),
                    "quantity_upper": _text(spec.quantity_upper),
                    "quantity_comparator": spec.quantity_comparator,
                    "quantity_unit": spec.quantity_unit,
                    "period_start": _text(spec.period_start),
                    "period_end": _text(spec.period_end),
                    "period_precision": spec.period_precision,
                    "place": spec.place,
                    "about_uuids": [],
                    "topics": [],
                    "withdrawn_at": None,
                    "withdrawal_reason": "",
                }
                jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
                cells = [row[column] for column in COPY_COLUMNS[:-2]] + [now, now]
                table.writerow(["" if cell is None else cell for cell in cells])
                written += 1
    return written


def _text(value):
    return None if value is None else str(value)


def time_copy(directory: Path) -> Timing:
    """COPY the CSV into ``claims_claim``, then roll back."""
    columns = ", ".join(COPY_COLUMNS)
    rows = 0
    started = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor, (directory / "claims.copy.csv").open("rb") as data:
                options = f"FORMAT csv, FORCE_NOT_NULL ({', '.join(NOT_NULL)})"
                with cursor.copy(
                    f"COPY claims_claim ({columns}) FROM STDIN WITH ({options})"
                ) as copy:
                    while chunk := data.read(1 << 20):
                        copy.write(chunk)
                rows = cursor.rowcount
            elapsed = time.perf_counter() - started
            raise _RollBack
    except _RollBack:
        pass
    return Timing(rows, elapsed)


def time_import(directory: Path, user=None) -> tuple[Timing, object]:
    """Import ``claims.jsonl`` as ``import_record`` does in production, then roll back (with
    ``DEBUG`` off, whatever the settings: with it on, Django would log each query's SQL)."""
    started = time.perf_counter()
    try:
        with override_settings(DEBUG=False), transaction.atomic():
            report = Importer(user=user).import_file(directory / "claims.jsonl", CLAIMS, "jsonl")
            elapsed = time.perf_counter() - started
            raise _RollBack
    except _RollBack:
        pass
    return Timing(report.created, elapsed), report


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
