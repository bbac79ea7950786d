"""Importing the record from bulk files: each row creates the object its uuid names, or
updates it; a row that changes nothing writes nothing.

Rows are validated as the admin validates them: an update is saved one by one through the
app's services. A new row is validated in Python (fields and the model's ``clean()``, with
the objects it names read once per batch), then inserted with its history rows in batches,
its lists (authors, actors a claim is about, topics) with theirs; the database's constraints
are checked on the insert, and a batch that breaks one is saved again row by row through the
services, so that each row's error is reported against its line. A file that refers to
itself (an actor's parent, a statement's answer, a citation's previous link) is read a batch
at a time too: a row that names a row not read yet waits for it, and each batch is put in an
order where each row comes after the row it names, a batch inserted early when a row names
one of its rows.

In a file whose rows name no row of their own file (claims, sources, snapshots, aliases,
relations), a batch's new rows and their lists are written while the next batch is
validated: on PostgreSQL their ``COPY``s are sent by a thread
(``core.copying.in_background``), the next batch having been looked up before, so that the
server reads one batch while Python validates the next. A batch naming an object of the
batch before it waits for that batch to be written, one validated while the database
refused the batch before it is validated again, and one that updates recorded objects is
imported row by row after it.

Each file is one transaction: a file with any error writes nothing, unless ``partial``,
where each good row is kept and each bad one reported.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, router, transaction

from core import copying
from core.history import acting_as, bulk_create_tracked, bulk_link_tracked
from core.rows import new_instance
from core.services import instance_save
from core.transfer import Kind, RowError, field_value, many_values, parse_uuid, read_rows
from sources.models import Snapshot
from sources.querysets import ImmutableRecordError
from sources.services import actor_save, alias_save, source_save

from ..services import (
    citation_save,
    claim_relation_save,
    claim_save,
    statement_save,
    topic_get_or_create,
)
from .formats import KINDS, kind_of_file

BATCH_SIZE = 1000


class _RollBack(Exception):
    """Leaves a file's transaction so that nothing of it is written."""


@dataclass
class FileReport:
    """What importing one file did: counts of objects, and its errors as
    ``file:line: column: message``."""

    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    written: bool = True

    def error(self, line: int, errors: dict[str, list[str]]) -> None:
        for column, messages in errors.items():
            for message in messages:
                self.errors.append(f"{self.name}:{line}: {column}: {message}")


@dataclass
class _Row:
    line: int
    instance: object
    adding: bool
    # Whether the object's own fields change (else only its lists do).
    changed: bool
    lists: dict[str, list] = field(default_factory=dict)


@dataclass
class _Checked:
    """A batch's rows with a uuid and known columns (``line, row``), and the others' errors."""

    rows: list = field(default_factory=list)
    uuids: dict = field(default_factory=dict)  # line -> uuid
    errors: list = field(default_factory=list)  # (line, errors)


@dataclass
class _Found:
    """What a batch's rows name in the database: their own objects, those objects' lists,
    and the objects their references name (by model, then uuid)."""

    existing: dict
    current_lists: dict
    references: dict


@dataclass
class _Validated:
    """A batch of new rows built and validated, to be written."""

    checked: _Checked
    references: dict
    errors: list = field(default_factory=list)  # (line, errors), reported when written
    inserts: list = field(default_factory=list)


@dataclass
class _Sent:
    """New rows whose ``COPY``s are being written in the background, after ``savepoint``."""

    savepoint: str
    kind: Kind
    rows: list
    references: dict
    background: copying.BackgroundCopies


def files_in_order(paths: Iterable[Path]) -> list[tuple[Path, Kind, str]]:
    """The bulk files among ``paths`` (files, or directories holding them) in dependency
    order, each with its kind and format; ValueError for a file no kind is named after."""
    found = []
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        for candidate in candidates:
            known = kind_of_file(candidate.name)
            if known is None:
                if path.is_dir():
                    continue
                names = ", ".join(f"{kind.name}.jsonl" for kind in KINDS)
                raise ValueError(f"{candidate.name}: not a bulk file ({names}, or .csv).")
            found.append((candidate, *known))
    order = {kind.name: index for index, kind in enumerate(KINDS)}
    return sorted(found, key=lambda item: (order[item[1].name], item[0].name))


class Importer:
    """Imports bulk files, attributing every write to ``user``."""

    def __init__(self, *, user=None, partial: bool = False, batch_size: int = BATCH_SIZE):
        self.user = user
        self.partial = partial
        self.batch_size = batch_size
        self._sent: _Sent | None = None  # new rows being written in the background

    def import_file(
        self, path: Path, kind: Kind, fmt: str, *, progress: Callable[[], None] | None = None
    ) -> FileReport:
        """Import one file in its own transaction; ``progress`` is called once per row."""
        report = FileReport(path.name)
        reason = f"Imported from {path.name}"
        try:
            with transaction.atomic(), path.open(encoding="utf-8", newline="") as handle:
                self._import(kind, read_rows(handle, fmt, kind.columns), report, reason, progress)
                if report.errors and not self.partial:
                    raise _RollBack
        except _RollBack:
            report.written = False
        except UnicodeDecodeError as error:
            report.errors.append(f"{path.name}: not UTF-8 text ({error.reason}).")
            report.written = False
        if not report.written:
            report.created = report.updated = 0
        return report

    # Reading rows -----------------------------------------------------------------------

    def _import(self, kind, rows, report, reason, progress):
        if not kind.self_references:
            self._import_overlapped(kind, rows, report, reason, progress)
            return
        # A batch of the file at a time, with the rows still waiting for a row they name.
        waiting: list = []
        for chunk in _chunks(rows, self.batch_size):
            ready, waiting = self._ready(kind, waiting + chunk)
            self._import_linked(kind, ready, report, reason, progress)
        # What these name is in no row of the file: each is imported (or reported) as it is.
        self._import_linked(kind, waiting, report, reason, progress)

    def _import_linked(self, kind, rows, report, reason, progress):
        for batch in _chunks(self._linked_order(kind, rows), self.batch_size):
            self._import_batch(kind, batch, report, reason, progress)

    @staticmethod
    def _ready(kind, rows: list) -> tuple[list, list]:
        """``rows`` split in those that can be imported now, each naming only objects of the
        database or rows among them that can, and those that name a row not read yet."""
        own: dict = {}  # uuid -> the index of its row
        named: dict[int, list] = {}  # index -> the uuids of the file's objects it names
        for index, (_, row) in enumerate(rows):
            if not isinstance(row, dict):
                continue
            with suppress(ValidationError):
                own.setdefault(parse_uuid(row.get("uuid")), index)
            named[index] = _self_named(kind, row)
        outside = {target for targets in named.values() for target in targets} - own.keys()
        known = set()
        if outside:
            found = kind.model._default_manager.filter(uuid__any_of=list(outside))
            known = set(found.values_list("uuid", flat=True))
        # A row naming what is neither here nor in the database waits, and so does every row
        # that names it, directly or through others.
        namers: dict[int, list[int]] = {}
        for index, targets in named.items():
            for target in targets:
                if target in own:
                    namers.setdefault(own[target], []).append(index)
        waiting = [
            index
            for index, targets in named.items()
            if any(target not in own and target not in known for target in targets)
        ]
        blocked = set(waiting)
        while waiting:
            for namer in namers.get(waiting.pop(), ()):
                if namer not in blocked:
                    blocked.add(namer)
                    waiting.append(namer)
        ready = [row for index, row in enumerate(rows) if index not in blocked]
        return ready, [row for index, row in enumerate(rows) if index in blocked]

    @staticmethod
    def _linked_order(kind, rows) -> list:
        """The rows, each after the rows it refers to (its parent, the link it derives
        from)."""
        rows = list(rows)
        by_uuid = {}
        for line, row in rows:
            if isinstance(row, dict):
                with suppress(ValidationError):
                    by_uuid.setdefault(parse_uuid(row.get("uuid")), (line, row))
        ordered, state = [], {}
        for item in rows:
            stack = [item]
            while stack:
                line, row = stack[-1]
                if state.get(line) == "done":
                    stack.pop()
                    continue
                state[line] = "open"
                waiting = None
                if isinstance(row, dict):
                    for named in _self_named(kind, row):
                        target = by_uuid.get(named)
                        if target is not None and state.get(target[0]) is None:
                            waiting = target
                            break
                if waiting is not None:
                    stack.append(waiting)
                    continue
                state[line] = "done"
                ordered.append(stack.pop())
        return ordered

    # One batch --------------------------------------------------------------------------

    def _import_batch(self, kind, batch, report, reason, progress):
        """Check, look up, validate and write one batch, in that order (a file whose rows
        name rows of their own file: a row naming a new row of the batch first has the rows
        before it inserted)."""
        checked = self._checked(kind, batch)
        self._import_checked(kind, checked, self._look_up(kind, checked), report, reason, progress)

    def _import_checked(self, kind, checked, found, report, reason, progress):
        """``_import_batch`` of a batch checked and looked up: each row validated, and saved
        before the next if it updates an object."""
        references = found.references
        for line, errors in checked.errors:
            report.error(line, errors)
        inserts: list[_Row] = []
        waiting: set = set()  # the uuids of ``inserts``
        for line, row in checked.rows:
            if waiting and _names_any(kind, row, waiting):
                self._insert(kind, inserts, report, reason, references)
                inserts, waiting = [], set()
            built = self._validated_row(kind, line, row, checked.uuids[line], found, progress)
            if isinstance(built, RowError):
                report.error(line, built.errors)
            elif built is None:
                report.unchanged += 1
            elif built.adding:
                inserts.append(built)
                waiting.add(built.instance.uuid)
            else:
                self._save_one(kind, built, report, reason, references)
        if inserts:
            self._insert(kind, inserts, report, reason, references)

    def _checked(self, kind, batch) -> _Checked:
        """The batch's rows that have a uuid and only known columns, with their uuids; the
        others' errors."""
        checked = _Checked()
        for line, row in batch:
            if isinstance(row, RowError):
                checked.errors.append((line, row.errors))
                continue
            unknown = [key for key in row if key not in kind.columns]
            if unknown:
                checked.errors.append((line, {key: ["No such column."] for key in unknown}))
            elif "uuid" not in row:
                checked.errors.append((line, {"uuid": ["This column is missing."]}))
            else:
                try:
                    checked.uuids[line] = parse_uuid(row["uuid"])
                except ValidationError as error:
                    checked.errors.append((line, {"uuid": error.messages}))
                    continue
                checked.rows.append((line, row))
        return checked

    def _look_up(self, kind, checked: _Checked) -> _Found:
        """What the rows' objects are in the database, and the objects they name."""
        found = kind.model._default_manager.filter(uuid__any_of=list(checked.uuids.values()))
        existing = {obj.uuid: obj for obj in found}
        current_lists = {}
        if kind.many and existing:
            current_lists = many_values(kind, [obj.pk for obj in existing.values()])
        references = self._prefetch_references(kind, checked.rows)
        return _Found(existing, current_lists, references)

    def _validated_row(self, kind, line, row, uuid, found: _Found, progress):
        """The row built and, if new, validated: a ``_Row``, a ``RowError``, or None when
        it changes nothing."""
        obj = found.existing.get(uuid)
        built = self._build(kind, line, row, obj, uuid, found.references, found.current_lists)
        if progress is not None:
            progress()
        if isinstance(built, _Row) and built.adding:
            errors = _python_errors(kind, built.instance)
            if errors:
                return RowError(errors)
        return built

    # Batches written while the next is validated -----------------------------------------

    def _import_overlapped(self, kind, rows, report, reason, progress):
        """A file whose rows name no row of their own file, a batch at a time, each batch's
        new rows written (by ``COPY`` in the background, on PostgreSQL) while the next batch
        is validated.

        The next batch's objects are looked up before the batch before it is written, so
        that its validation runs beside that write: a batch naming an object the batch
        before it writes (the same uuid twice) waits for that write instead, and is looked
        up after it, as if read alone; a batch naming a recorded object (an update) is
        imported row by row once the batch before it is written, as ``_import_batch`` does.
        """
        using = router.db_for_write(kind.model)
        try:
            with copying.in_background(using) as background:
                ahead = None  # the batch read before: validated, to be written
                for batch in _chunks(rows, self.batch_size):
                    checked = self._checked(kind, batch)
                    ahead = self._settled(kind, ahead, report, reason)
                    if ahead is not None and _names_same(ahead.checked, checked):
                        self._write(kind, ahead, report, reason, background)
                        self._settle(report, reason)
                        ahead = None
                    found = self._look_up(kind, checked)
                    if ahead is not None:
                        self._write(kind, ahead, report, reason, background)
                    if found.existing:
                        # Updates are saved one by one, each row after the row before it
                        # (two rows may update one object): the batch waits for the last.
                        self._settle(report, reason)
                        self._import_checked(kind, checked, found, report, reason, progress)
                        ahead = None
                    else:
                        ahead = self._validated(kind, checked, found, progress)
                ahead = self._settled(kind, ahead, report, reason)
                if ahead is not None:
                    self._write(kind, ahead, report, reason, background)
                self._settle(report, reason)
        finally:
            self._sent = None

    def _settled(self, kind, ahead: _Validated | None, report, reason) -> _Validated | None:
        """``_settle`` the rows sent; ``ahead``, validated while they were being written,
        validated again if the database refused them (its validation may have read the
        table as it was before the refused rows were saved one by one)."""
        if not self._settle(report, reason) or ahead is None:
            return ahead
        checked = ahead.checked
        found = self._look_up(kind, checked)
        if found.existing:
            self._import_checked(kind, checked, found, report, reason, None)
            return None
        return self._validated(kind, checked, found, None)

    def _validated(self, kind, checked: _Checked, found: _Found, progress) -> _Validated:
        """The rows of a batch that names no recorded object, built and validated; nothing
        written."""
        validated = _Validated(checked, found.references, errors=list(checked.errors))
        for line, row in checked.rows:
            built = self._validated_row(kind, line, row, checked.uuids[line], found, progress)
            if isinstance(built, RowError):
                validated.errors.append((line, built.errors))
            else:
                validated.inserts.append(built)
        return validated

    def _write(self, kind, validated: _Validated, report, reason, background):
        """Report a validated batch's errors and insert its rows: with ``background``, their
        ``COPY``s are sent and ``_settle`` finishes them."""
        for line, errors in validated.errors:
            report.error(line, errors)
        rows = validated.inserts
        if not rows:
            return
        if background is None:
            self._insert(kind, rows, report, reason, validated.references)
            return
        savepoint = transaction.savepoint_create()
        background.stream(savepoint=savepoint)
        try:
            targets = self._link_targets(kind, rows, reason)  # before the COPYs: it queries
            self._bulk_create(kind, rows, reason, background)
            self._link(kind, rows, reason, targets, background=background)
        except IntegrityError:
            background.discard()
            self._rolled_back(savepoint, kind, rows, report, reason, validated.references)
            return
        self._sent = _Sent(savepoint, kind, rows, validated.references, background)
        background.send(savepoint=savepoint)

    def _settle(self, report, reason) -> bool:
        """Wait for the rows sent in the background: counted once written; saved one by
        one, to report each refused row, if the database refused them (then True)."""
        sent, self._sent = self._sent, None
        if sent is None:
            return False
        try:
            sent.background.wait()
        except IntegrityError:
            self._rolled_back(sent.savepoint, sent.kind, sent.rows, report, reason, sent.references)
            return True
        transaction.savepoint_commit(sent.savepoint)
        report.created += len(sent.rows)
        return False

    def _rolled_back(self, savepoint, kind, rows, report, reason, references):
        transaction.savepoint_rollback(savepoint)
        transaction.set_rollback(False)  # back at the savepoint taken before the rows
        self._save_each(kind, rows, report, reason, references)

    def _prefetch_references(self, kind, rows) -> dict:
        """uuid → object of every object the rows refer to, by model: read once for the
        batch, they are given to the rows, whose validation then reads none of them again
        (a citation's snapshot, whose text its quote is verified against)."""
        wanted: dict = {}
        for _, row in rows:
            # Only text can be a uuid: other values are refused with their row (``_build``).
            for reference in kind.references:
                value = row.get(reference.column)
                if isinstance(value, str):
                    wanted.setdefault(reference.model, set()).add(value)
            for many in kind.many:
                values = row.get(many.column)
                if many.by == "uuid" and isinstance(values, list):
                    texts = (value for value in values if isinstance(value, str))
                    wanted.setdefault(many.model, set()).update(texts)
        found = {}
        for model, values in wanted.items():
            valid = []
            for value in values:
                try:
                    valid.append(parse_uuid(value))
                except ValidationError:
                    continue
            found[model] = {
                obj.uuid: obj for obj in model._default_manager.filter(uuid__any_of=valid)
            }
        return found

    def _build(self, kind, line, row, obj, uuid, references, current_lists):
        """The row as an instance with its changes; None when it changes nothing."""
        model = kind.model
        adding = obj is None
        if adding:
            obj = new_instance(model, uuid=uuid)
        errors, changed = {}, False
        plain = [*kind.plain, *(("withdrawn_at", "withdrawal_reason") if kind.withdrawal else ())]
        for name in plain:
            if name not in row:
                errors[name] = ["This column is missing."]
                continue
            try:
                value = field_value(model, name, row[name])
            except ValidationError as error:
                errors[name] = error.messages
                continue
            if adding or getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        for reference in kind.references:
            if reference.column not in row:
                errors[reference.column] = ["This column is missing."]
                continue
            value = row[reference.column]
            named = None
            if value not in (None, ""):
                try:
                    target = parse_uuid(value)
                except ValidationError as error:
                    errors[reference.column] = error.messages
                    continue
                named = references.get(reference.model, {}).get(target)
                if named is None:
                    name = reference.model._meta.verbose_name
                    errors[reference.column] = [f"No {name} has the UUID {target}."]
                    continue
            attribute = f"{reference.field}_id"
            pk = None if named is None else named.pk
            if adding or getattr(obj, attribute) != pk:
                setattr(obj, attribute, pk)
                changed = True
            if named is not None:
                model._meta.get_field(reference.field).set_cached_value(obj, named)
        lists = {}
        for many in kind.many:
            values = row.get(many.column)
            if many.column not in row:
                errors[many.column] = ["This column is missing."]
                continue
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                errors[many.column] = ["Must be a list of strings."]
                continue
            if many.by == "uuid":
                targets, missing = [], []
                for value in values:
                    try:
                        target = parse_uuid(value)
                    except ValidationError as error:
                        missing.extend(error.messages)
                        continue
                    named = references.get(many.model, {}).get(target)
                    if named is None:
                        name = many.model._meta.verbose_name
                        missing.append(f"No {name} has the UUID {target}.")
                        continue
                    targets.append(named.pk)
                if missing:
                    errors[many.column] = missing
                    continue
                now = sorted(str(value).lower() for value in values)
            else:
                targets, invalid = _names(many.model, values)
                if invalid:
                    errors[many.column] = invalid
                    continue
                now = sorted(targets)
            before = sorted(
                str(value).lower() if many.by == "uuid" else value
                for value in current_lists.get(many.column, {}).get(obj.pk, [])
            )
            if (adding and targets) or (not adding and now != before):
                lists[many.field] = targets
        if errors:
            return RowError(errors)
        if not changed and not lists:
            return None
        if not adding and isinstance(obj, Snapshot) and changed:
            return RowError({"text": ["A snapshot cannot be changed; capture a new one."]})
        return _Row(line, obj, adding, changed, lists)

    # Writing ----------------------------------------------------------------------------

    def _save_one(self, kind, built: _Row, report, reason, references):
        """Save one row through its service, in a savepoint; its error is reported."""
        try:
            with transaction.atomic():
                _SAVERS[kind.name](built, user=self.user, reason=reason)
        except ValidationError as error:
            report.error(built.line, _columns(kind, error))
            return
        except (ImmutableRecordError, DatabaseError) as error:
            report.error(built.line, {"row": [str(error)]})
            return
        if built.adding:
            report.created += 1
        else:
            report.updated += 1
        if kind.self_references:
            references.setdefault(kind.model, {})[built.instance.uuid] = built.instance

    def _insert(self, kind, rows: list[_Row], report, reason, references):
        """Insert validated new rows with their history; if the database refuses the batch,
        save each row through its service to find and report the ones it refuses."""
        try:
            with transaction.atomic():
                self._bulk_create(kind, rows, reason)
                self._link(kind, rows, reason)
        except IntegrityError:
            self._save_each(kind, rows, report, reason, references)
            return
        report.created += len(rows)
        if kind.self_references:  # the rows after them may name them
            references.setdefault(kind.model, {}).update(
                (row.instance.uuid, row.instance) for row in rows
            )

    def _bulk_create(self, kind, rows: list[_Row], reason, background=None):
        bulk_create_tracked(
            [row.instance for row in rows],
            kind.model,
            user=self.user,
            reason=reason,
            batch_size=len(rows),
            background=background,
        )

    def _save_each(self, kind, rows: list[_Row], report, reason, references):
        """Save rows the database refused as a batch one by one, reporting each refusal."""
        for row in rows:
            row.instance.pk = None
            row.instance._state.adding = True
            self._save_one(kind, row, report, reason, references)

    def _link(self, kind, rows: list[_Row], reason, targets=None, *, background=None):
        """The lists of rows just inserted, with their history, as a creation with them
        records them (``targets``: ``_link_targets``, read now if not given)."""
        if targets is None:
            targets = self._link_targets(kind, rows, reason)
        for many in kind.many:
            field = kind.model._meta.get_field(many.field)
            through = field.remote_field.through
            owner = f"{field.m2m_field_name()}_id"
            target = f"{field.m2m_reverse_field_name()}_id"
            links = [
                through(**{owner: row.instance.pk, target: pk})
                for row, pks in zip(rows, targets[many.field], strict=True)
                for pk in dict.fromkeys(pks)
            ]
            bulk_link_tracked(field, links, batch_size=self.batch_size, background=background)

    def _link_targets(self, kind, rows: list[_Row], reason) -> dict[str, list[list]]:
        """The ids each row's lists name, by list; a topic named for the first time is
        created."""
        topics: dict[str, int] = {}
        targets = {}
        for many in kind.many:
            targets[many.field] = [row.lists.get(many.field) or [] for row in rows]
            if many.by == "name":
                targets[many.field] = [
                    [self._topic(name, topics, reason) for name in names]
                    for names in targets[many.field]
                ]
        return targets

    def _topic(self, name: str, known: dict[str, int], reason) -> int:
        """The id of the topic called ``name`` (ignoring case), created if there is none."""
        key = name.strip().upper()
        if key not in known:
            topic = topic_get_or_create(name=name, user=self.user, reason=reason)
            known[key] = topic.pk
        return known[key]


def _python_errors(kind, instance) -> dict[str, list[str]]:
    """The admin's validation but for uniqueness and constraints, which the insert checks,
    and for the existence of the objects the row names, which the import has looked up by
    their uuids (Django's check would look each up again, a query a row)."""
    found = [
        reference.field
        for reference in kind.references
        if getattr(instance, f"{reference.field}_id") is not None
        and not instance._meta.get_field(reference.field).get_limit_choices_to()
    ]
    try:
        instance.full_clean(exclude=found, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return _columns(kind, error)
    return {}


def _columns(kind, error: ValidationError) -> dict[str, list[str]]:
    """A model's validation errors by the file's columns (a foreign key by its uuid column)."""
    columns = {reference.field: reference.column for reference in kind.references}
    columns |= {many.field: many.column for many in kind.many}
    columns[NON_FIELD_ERRORS] = "row"
    if not hasattr(error, "error_dict"):
        return {"row": error.messages}
    return {columns.get(name, name): messages for name, messages in error.message_dict.items()}


def _self_named(kind, row: dict) -> list:
    """The uuids of objects of its own file that the row names (what is no uuid left out)."""
    named = []
    for reference in kind.self_references:
        with suppress(ValidationError):
            named.append(parse_uuid(row.get(reference.column)))
    return named


def _names_same(first: _Checked, second: _Checked) -> bool:
    """Whether two batches have a row naming the same object."""
    return not set(first.uuids.values()).isdisjoint(second.uuids.values())


def _names_any(kind, row: dict, uuids: set) -> bool:
    """Whether the row refers to one of the objects ``uuids`` of its own file."""
    return any(target in uuids for target in _self_named(kind, row))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _save_actor(row: _Row, *, user, reason):
    actor_save(actor=row.instance, user=user, reason=reason)


def _save_alias(row: _Row, *, user, reason):
    alias_save(alias=row.instance, user=user, reason=reason)


def _save_snapshot(row: _Row, *, user, reason):
    instance_save(instance=row.instance, user=user, reason=reason)


def _save_source(row: _Row, *, user, reason):
    authors = row.lists.get("authors")
    if row.changed:
        source_save(source=row.instance, authors=authors, user=user, reason=reason)
        return
    with acting_as(user, reason):
        row.instance.authors.set(authors)


@transaction.atomic
def _save_claim(row: _Row, *, user, reason):
    topics = row.lists.get("topics")
    if topics is not None:
        topics = [topic_get_or_create(name=name, user=user, reason=reason) for name in topics]
    about = row.lists.get("about")
    if row.changed:
        claim_save(claim=row.instance, about=about, topics=topics, user=user, reason=reason)
        return
    # Only its lists change: the claim's own row (and history) stays as it is.
    with acting_as(user, reason):
        if about is not None:
            row.instance.about.set(about)
        if topics is not None:
            row.instance.topics.set(topics)


def _save_statement(row: _Row, *, user, reason):
    statement_save(statement=row.instance, user=user, reason=reason)


def _save_citation(row: _Row, *, user, reason):
    citation_save(citation=row.instance, user=user, reason=reason)


def _save_relation(row: _Row, *, user, reason):
    claim_relation_save(relation=row.instance, user=user, reason=reason)


_SAVERS = {
    "actors": _save_actor,
    "aliases": _save_alias,
    "sources": _save_source,
    "snapshots": _save_snapshot,
    "claims": _save_claim,
    "statements": _save_statement,
    "citations": _save_citation,
    "relations": _save_relation,
}


def _names(model, values: list[str]) -> tuple[list[str], list[str]]:
    """The names a list gives (blank ones left out), each as ``model``'s name field takes
    it, and the messages of those it refuses: a name to create is checked with the row."""
    field = model._meta.get_field("name")
    names, invalid = [], []
    for value in values:
        if not value.strip():
            continue
        try:
            names.append(field.clean(value.strip(), None))
        except ValidationError as error:
            invalid.extend(error.messages)
    return names, invalid
