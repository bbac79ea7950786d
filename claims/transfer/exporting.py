"""Exporting the whole record: one file per kind, streamed in constant memory."""

from pathlib import Path

from core.transfer import CsvLines, jsonl_line, rows

from .formats import KINDS


def export_record(directory: Path, fmt: str, *, progress=None) -> dict[str, int]:
    """Write one file per kind into ``directory``; the number of objects in each.

    ``progress`` (a ``progress.Progress``) shows a bar per file.
    """
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind in KINDS:
        path = directory / kind.filename(fmt)
        advance = None
        if progress is not None and progress.enabled:
            advance = progress.start(path.name, kind.model._default_manager.count())
        count = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                writer = CsvLines(kind.columns)
                handle.write(writer.header())
                write_row = writer.line
            else:
                write_row = jsonl_line
            for row in rows(kind):
                handle.write(write_row(row))
                count += 1
                if advance is not None:
                    advance()
        if progress is not None:
            progress.close()
        counts[kind.name] = count
    return counts
