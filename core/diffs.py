"""What each history row changed: field-level diffs with names, in a fixed number of queries.

simple-history's ``diff_against`` compares two rows and fetches each related object and each
many-to-many set on its own, a query or two per row and field. Here the rows of a page or a
timeline are diffed together: their many-to-many sets in one query per field, and the names
of everything they point at in one query per related model, whatever the number of rows.

Two readers: the admin's history page of every service admin (``core.admin``) and the
whole history of a claim (``claims.history``, ``reviews.timeline``).
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.utils import timezone
from django.utils.text import capfirst

# Columns every save changes, which say nothing about the record.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})
HISTORY_TYPES = {"+": "added", "~": "changed", "-": "deleted"}
# A service writes an object and then its many-to-many sets, and simple-history records the
# sets as a second row: a row that only changes sets, by the same user this soon after the
# object's previous row, is the rest of that same write.
SAME_WRITE = timedelta(seconds=5)


@dataclass(frozen=True)
class FieldChange:
    """One field of one history row: its value before and after, as readers see them."""

    field: str
    label: str
    before: str | None
    after: str | None


@dataclass
class RecordEdit:
    """One write of one object, as its history rows tell it."""

    object_id: int
    at: datetime
    who: object
    action: str
    changes: list[FieldChange]
    reason: str = ""


class _Reference:
    """A related row a change points at, named once every reference is known."""

    __slots__ = ("model", "pk")

    def __init__(self, model, pk):
        self.model = model
        self.pk = pk


def reference_label(obj) -> str:
    """How a diff names a related row: its ``history_label`` if the model has one, else
    ``str()``. Models whose ``str()`` reads further rows define ``history_label``."""
    label = getattr(obj, "history_label", None)
    return label if label is not None else str(obj)


class HistoryDiff:
    """The changes of history rows of ``model`` against each one's previous row.

    ``rows`` are history rows of any number of objects (a queryset or a list). Each row is
    compared with the previous row of the same object among ``rows``; the oldest row of each
    object has no changes. ``fields`` narrows the fields compared; ``exclude`` drops some.
    """

    def __init__(self, model, rows, *, fields=None, exclude=()):
        self.model = model
        self.rows = sorted(rows, key=lambda row: (row.history_date, row.history_id))
        excluded = BOOKKEEPING | set(exclude)
        history_model = model.history.model
        tracked = {field.name for field in history_model.tracked_fields}
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if field.name in tracked
            and field.name not in excluded
            and (fields is None or field.name in fields)
        ]
        self.many_to_many = [
            field
            for field in history_model._history_m2m_fields
            if field.name not in excluded and (fields is None or field.name in fields)
        ]
        self._sets = self._load_sets()
        raw = self._raw_changes()
        self._labels = self._load_labels(raw)
        self.changes = {
            history_id: [self._render(change) for change in changes]
            for history_id, changes in raw.items()
        }

    def of(self, row) -> list[FieldChange]:
        """What ``row`` changed against the previous row of its object."""
        return self.changes.get(row.history_id, [])

    def edits(self, *, actions=("+", "~", "-")) -> list[RecordEdit]:
        """One edit per write, oldest first: rows that change nothing are left out, and the
        set-only row a write adds after its object's row is folded into that write.

        ``actions`` keeps the history types wanted ("+" added, "~" changed, "-" deleted).
        """
        edits = []
        latest = {}  # object id → (its edit so far or None, its latest row)
        for row in self.rows:
            changes = self.of(row)
            edit, previous_row = latest.get(row.id, (None, None))
            folds = (edit is not None or not changes) and self._same_write(
                previous_row, row, changes
            )
            if folds:
                # An addition stands for the object as first written, its sets included.
                if edit is not None and edit.action != "added":
                    edit.changes = _merged(edit.changes, changes)
                latest[row.id] = (edit, row)
                continue
            edit = None
            if row.history_type in actions and (row.history_type != "~" or changes):
                edit = RecordEdit(
                    object_id=row.id,
                    at=row.history_date,
                    who=row.history_user,
                    action=_action(row.history_type, changes),
                    changes=changes,
                    reason=row.history_change_reason or "",
                )
                edits.append(edit)
            latest[row.id] = (edit, row)
        # A write whose folded rows undid each other changed nothing.
        return [edit for edit in edits if edit.action != "changed" or edit.changes]

    # Loading

    def _load_sets(self) -> dict[str, dict[int, frozenset]]:
        """For each many-to-many field, the set of related ids each row recorded."""
        sets = {}
        history_ids = [row.history_id for row in self.rows]
        history_model = self.model.history.model
        for field in self.many_to_many:
            # simple-history keeps each row's set in a model named after the history model.
            through = history_model._meta.apps.get_model(
                history_model._meta.app_label, f"{history_model.__name__}_{field.name}"
            )
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            by_row = {history_id: set() for history_id in history_ids}
            if history_ids:
                pairs = through.objects.filter(history_id__in=history_ids).values_list(
                    "history_id", target
                )
                for history_id, related_id in pairs:
                    by_row[history_id].add(related_id)
            sets[field.name] = {key: frozenset(value) for key, value in by_row.items()}
        return sets

    def _raw_changes(self) -> dict[int, list[FieldChange]]:
        by_object = {}
        for row in self.rows:
            by_object.setdefault(row.id, []).append(row)
        raw = {}
        for versions in by_object.values():
            for before, after in pairwise(versions):
                raw[after.history_id] = self._compare(before, after)
        return raw

    def _compare(self, before, after) -> list[FieldChange]:
        changes = []
        for field in self.fields:
            old, new = getattr(before, field.attname), getattr(after, field.attname)
            if old != new:
                changes.append(
                    FieldChange(
                        field.name,
                        _label(field),
                        self._value(field, old),
                        self._value(field, new),
                    )
                )
        for field in self.many_to_many:
            old = self._sets[field.name][before.history_id]
            new = self._sets[field.name][after.history_id]
            if old != new:
                related = field.related_model
                changes.append(
                    FieldChange(
                        field.name,
                        _label(field),
                        [_Reference(related, pk) for pk in sorted(old)],
                        [_Reference(related, pk) for pk in sorted(new)],
                    )
                )
        return changes

    def _value(self, field, value):
        if value is None or value == "":
            return None
        if field.is_relation:
            return _Reference(field.related_model, value)
        return value

    def _load_labels(self, raw) -> dict[tuple, str]:
        """Names of every related row the changes point at: one query per related model."""
        wanted = {}
        for changes in raw.values():
            for change in changes:
                for value in (change.before, change.after):
                    for reference in value if isinstance(value, list) else [value]:
                        if isinstance(reference, _Reference):
                            wanted.setdefault(reference.model, set()).add(reference.pk)
        labels = {}
        for related, pks in wanted.items():
            for obj in related._base_manager.filter(pk__in=pks):
                labels[related, obj.pk] = reference_label(obj)
        return labels

    # Rendering

    def _render(self, change: FieldChange) -> FieldChange:
        field = self._field(change.field)
        return replace(
            change,
            before=self._text(field, change.before),
            after=self._text(field, change.after),
        )

    def _field(self, name):
        return self.model._meta.get_field(name)

    def _text(self, field, value) -> str | None:
        if value is None:
            return None
        if isinstance(value, list):
            return ", ".join(self._name(reference) for reference in value) or None
        if isinstance(value, _Reference):
            return self._name(value)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime):
            return timezone.localtime(value).isoformat(timespec="seconds")
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def _name(self, reference: _Reference) -> str:
        label = self._labels.get((reference.model, reference.pk))
        if label is None:
            return f"{capfirst(reference.model._meta.verbose_name)} #{reference.pk} (deleted)"
        return label

    def _same_write(self, previous_row, row, changes) -> bool:
        set_names = {field.name for field in self.many_to_many}
        return (
            previous_row is not None
            and row.history_type == "~"
            and row.history_user_id == previous_row.history_user_id
            and row.history_date - previous_row.history_date <= SAME_WRITE
            and all(change.field in set_names for change in changes)
        )


def _label(field) -> str:
    return str(field.verbose_name)


def _action(history_type: str, changes: list[FieldChange]) -> str:
    """What a row did: added, changed, deleted, or withdrawn and reinstated (a change of
    ``withdrawn_at``, ``core.models.Withdrawable``)."""
    for change in changes:
        if change.field == "withdrawn_at":
            return "withdrawn" if change.after is not None else "reinstated"
    return HISTORY_TYPES.get(history_type, "changed")


def _merged(first: list[FieldChange], then: list[FieldChange]) -> list[FieldChange]:
    """The changes of two rows of one write: a field changed twice keeps its first before."""
    merged = {change.field: change for change in first}
    for change in then:
        earlier = merged.get(change.field)
        merged[change.field] = change if earlier is None else replace(earlier, after=change.after)
    return [change for change in merged.values() if change.before != change.after]
