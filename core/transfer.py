"""Bulk files of the record, whatever the app: a kind of object's columns, and how values
are written to and read from JSON Lines and CSV. The apps declare their kinds
(``sources.transfer``, ``claims.transfer``).

Every object is named by its ``uuid``; a reference to another object is that object's uuid
(``parent_uuid``), a list of them in ``…_uuids``. In CSV a list is a JSON array in one
cell, an empty cell is an absent value (no date, no reference), booleans are ``true`` and
``false``. Dates are ISO (``2020-07-01``) with their precision beside them, as stored: a
month is its first day with precision ``month``.
"""

import csv
import datetime
import decimal
import functools
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

FORMATS = ("jsonl", "csv")
# A CSV cell holds a whole snapshot's text (up to 2,000,000 characters), beyond the csv
# module's default limit of 131,072.
CSV_FIELD_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class Reference:
    """A column naming another object by its uuid: ``field`` is the foreign key."""

    column: str
    field: str
    model: type[models.Model]


@dataclass(frozen=True)
class ManyReference:
    """A column listing objects: uuids of ``model``, or the topics' names (``by="name"``)."""

    column: str
    field: str
    model: type[models.Model]
    by: str = "uuid"


@dataclass(frozen=True)
class Kind:
    """One bulk file: its model, plain columns, references and lists, in column order."""

    name: str
    model: type[models.Model]
    plain: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    many: tuple[ManyReference, ...] = ()
    # Plain columns that only exporting writes and importing takes as they are (no field
    # the admin edits: the withdrawal of a withdrawn object).
    withdrawal: bool = False
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        columns = ["uuid", *self.plain]
        columns += [reference.column for reference in self.references]
        columns += [many.column for many in self.many]
        if self.withdrawal:
            columns += ["withdrawn_at", "withdrawal_reason"]
        object.__setattr__(self, "columns", tuple(columns))

    @property
    def self_references(self) -> tuple[Reference, ...]:
        """References to objects of the same file (a parent, the link a citation derives from)."""
        return tuple(ref for ref in self.references if ref.model is self.model)

    def filename(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


# Writing ------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def jsonl_line(row: dict) -> str:
    """One object as a line of JSON Lines (no raw newline inside, whatever the text)."""
    return json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n"


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps([_json_value(item) for item in value], ensure_ascii=False)
    return str(_json_value(value))


class CsvLines:
    """CSV rows as strings, one call per row, for writing to a stream."""

    def __init__(self, columns):
        self.columns = list(columns)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def header(self) -> str:
        self._writer.writerow(self.columns)
        return self._take()

    def line(self, row: dict) -> str:
        self._writer.writerow([_csv_cell(row.get(column)) for column in self.columns])
        return self._take()


# Reading ------------------------------------------------------------------------------------


class RowError(Exception):
    """A row that cannot be read or written: ``errors`` maps a column (or "row") to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


def read_rows(handle, fmt: str, columns):
    """Yield ``(line number, row or RowError)`` for each object of an open text file.

    A JSON Lines row is an object per line; a blank line is skipped. A CSV file starts with
    its header, which must hold every column (extra ones are refused too).
    """
    if fmt == "jsonl":
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                yield number, RowError({"row": [f"Not valid JSON: {error}."]})
                continue
            if not isinstance(row, dict):
                yield number, RowError({"row": ["Each line must be a JSON object."]})
                continue
            yield number, row
        return
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        yield 1, RowError({"row": [f"Not valid CSV: {error}."]})
        return
    missing = [column for column in columns if column not in header]
    unknown = [column for column in header if column not in columns]
    if missing or unknown:
        errors = {column: ["This column is missing."] for column in missing}
        errors |= {column: ["No such column."] for column in unknown}
        yield 1, RowError(errors)
        return
    line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, RowError({"row": [f"Not valid CSV: {error}."]})
            return
        start, line = line + 1, reader.line_num
        if not cells:
            continue
        if len(cells) != len(header):
            yield start, RowError({"row": [f"{len(cells)} cells for {len(header)} columns."]})
            continue
        yield start, _from_csv(dict(zip(header, cells, strict=True)), columns)


def _from_csv(cells: dict, columns) -> dict | RowError:
    """A CSV row's cells as the values a JSON Lines row holds."""
    row: dict = {}
    errors = {}
    for column, text in cells.items():
        if column.endswith("_uuids") or column == "topics":
            try:
                row[column] = json.loads(text) if text else []
            except ValueError:
                errors[column] = ["Must be a JSON array."]
        elif column == "is_public":
            row[column] = {"true": True, "false": False}.get(text.lower(), text)
        else:
            row[column] = text
    return RowError(errors) if errors else row


def field_value(model, name: str, value):
    """``value`` from a file as the model field ``name`` holds it; ValidationError if not."""
    return value_reader(model, name)(value)


# The types a file's value must have for a field of each class, and the error otherwise.
_VALUE_TYPES = (
    (models.BooleanField, bool, "Must be true or false."),
    (models.CharField | models.TextField, str, "Must be text."),
    (models.DateTimeField, str, "Must be a date and time as text."),
    (models.DateField, str, "Must be a date as text."),
    (models.DecimalField, str | int | float, None),
)


@functools.cache
def value_reader(model, name: str) -> Callable:
    """``field_value`` for the field ``name`` of ``model``: a function of the value, made
    once per field (a file of a million rows reads each field a million times)."""
    model_field = model._meta.get_field(name)
    null = model_field.null
    to_python = model_field.to_python
    expected, message = object, ""
    for field_class, value_type, error in _VALUE_TYPES:
        if isinstance(model_field, field_class):
            expected, message = value_type, error or "Must be a string."
            break

    def read(value):
        if value is None or (null and value == ""):
            if not null:
                raise ValidationError("This field cannot be empty.")
            return None
        if not isinstance(value, expected):
            raise ValidationError(message)
        return to_python(value)

    return read


def parse_uuid(value) -> uuid.UUID:
    if not isinstance(value, str):
        raise ValidationError("Must be a UUID as text.")
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise ValidationError(f"“{value}” is not a UUID.") from error


# Reading the database -----------------------------------------------------------------------
# Rows are read in chunks of ``CHUNK_SIZE`` by primary key (keyset pagination over the
# queryset given, so its filters apply): one query for the chunk's rows and their
# references, and one per list column. Memory stays constant however many rows there are.

CHUNK_SIZE = 2000


def _value_names(kind: Kind) -> list[str]:
    names = ["pk", "uuid", *kind.plain]
    names += [f"{reference.field}__uuid" for reference in kind.references]
    if kind.withdrawal:
        names += ["withdrawn_at", "withdrawal_reason"]
    return names


def many_values(kind: Kind, pks: list[int]) -> dict[str, dict[int, list]]:
    """Each list column's values by the pk of the object that holds them."""
    lists = {}
    for many in kind.many:
        through = kind.model._meta.get_field(many.field).remote_field.through
        own = kind.model._meta.model_name
        target = many.model._meta.model_name
        by_pk = defaultdict(list)
        pairs = (
            through.objects.filter(**{f"{own}_id__in": pks})
            .order_by(f"{target}__{many.by}")
            .values_list(f"{own}_id", f"{target}__{many.by}")
        )
        for pk, value in pairs:
            by_pk[pk].append(str(value))
        lists[many.column] = by_pk
    return lists


def rows(kind: Kind, queryset=None, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    """Every object of ``queryset`` (all of the kind by default) as a row of its file."""
    queryset = kind.model._default_manager.all() if queryset is None else queryset
    queryset = queryset.order_by("pk")
    names = _value_names(kind)
    renames = {f"{reference.field}__uuid": reference.column for reference in kind.references}
    last = None
    while True:
        chunk_query = queryset if last is None else queryset.filter(pk__gt=last)
        chunk = list(chunk_query.values(*names)[:chunk_size])
        if not chunk:
            return
        last = chunk[-1]["pk"]
        lists = many_values(kind, [values["pk"] for values in chunk]) if kind.many else {}
        for values in chunk:
            pk = values.pop("pk")
            row = {renames.get(name, name): value for name, value in values.items()}
            for column, by_pk in lists.items():
                row[column] = by_pk.get(pk, [])
            yield row
        if len(chunk) < chunk_size:
            return


def lines(kind: Kind, fmt: str, queryset=None) -> Iterator[str]:
    """The file of ``kind`` in ``fmt`` ("jsonl" or "csv"), as text pieces to write in turn."""
    if fmt == "csv":
        writer = CsvLines(kind.columns)
        yield writer.header()
        for row in rows(kind, queryset):
            yield writer.line(row)
        return
    for row in rows(kind, queryset):
        yield jsonl_line(row)
