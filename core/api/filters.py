"""Filter building blocks shared by every resource's FilterSet."""

import datetime

import django_filters
from django import forms

from .pagination import MAX_BIGINT


class UTCDateTimeField(forms.DateTimeField):
    """An ISO 8601 date-time, converted to UTC.

    PostgreSQL refuses offsets beyond ±15:59 that Python accepts; in UTC every accepted
    value is one it can compare.
    """

    input_formats = ["iso-8601"]

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=datetime.UTC)
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Enter a date-time within the supported range.") from None

    def prepare_value(self, value):
        return value


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class IdField(forms.IntegerField):
    """A primary key: a positive 64-bit integer."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_BIGINT)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class IdListField(forms.CharField):
    """Comma-separated primary keys: ``?id=1,2,3``."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        ids = []
        for part in value.split(","):
            part = part.strip()
            if not part.isdigit() or not 0 < int(part) <= MAX_BIGINT or len(part) > 19:
                raise forms.ValidationError(f"“{part}” is not an id.")
            ids.append(int(part))
        return ids


class IdListFilter(django_filters.Filter):
    field_class = IdListField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class RecordFilterSet(django_filters.FilterSet):
    """Filters every recorded resource has: ids and creation/update ranges."""

    id = IdListFilter(field_name="id", help_text="Comma-separated ids.")
    created_after = UTCDateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="Created at or after (ISO 8601)."
    )
    created_before = UTCDateTimeFilter(
        field_name="created_at", lookup_expr="lt", help_text="Created before (ISO 8601)."
    )
    updated_after = UTCDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Updated at or after (ISO 8601)."
    )
    updated_before = UTCDateTimeFilter(
        field_name="updated_at", lookup_expr="lt", help_text="Updated before (ISO 8601)."
    )
