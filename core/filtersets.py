"""Filter types every app's FilterSets are built from, and the base FilterSet.

Every filter validates its value before any SQL is built: an invalid value answers 400 with
the message under the parameter's name, never a database error. The OpenAPI schema of each
parameter comes from its type (``extend_schema_field``) and its ``help_text``
(``core.api.schema.ApiFilterExtension``).
"""

import datetime
import re

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from .validators import MAX_BIGINT, validate_storable_text

ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_BIGINT}
# An id of a list: at most 18 significant digits (leading zeros aside), never 0. Ids are
# 64-bit, and a database sequence reaches 10**18 in no lifetime, so the schema can say
# exactly what is accepted.
ID_PATTERN = r"0*[1-9][0-9]{0,17}"
ID_LIST_SCHEMA = {
    "type": "string",
    "pattern": rf"^{ID_PATTERN}(,{ID_PATTERN})*$",
    "example": "1,2,3",
}
TEXT_LIST_SCHEMA = {"type": "array", "items": {"type": "string"}}
# A name is at most this long (an actor's), so no longer value can name anything.
MAX_NAME_LENGTH = 255
# Values of one list parameter (``?actor=a,b,c``): enough for any real query.
MAX_LIST_VALUES = 100


# Ids


class IdField(forms.IntegerField):
    """A primary key: a positive 64-bit integer."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_BIGINT)
        super().__init__(*args, **kwargs)


@extend_schema_field(ID_SCHEMA)
class IdFilter(django_filters.NumberFilter):
    """A positive 64-bit id."""

    field_class = IdField


class IdListField(forms.CharField):
    """Comma-separated primary keys: ``?id=1,2,3``.

    What the client sent goes into the message as a parameter, never into the message
    itself: django-filter formats every message with ``%``, so a ``%`` of the client's would
    break the formatting (a 500) or be read as a format directive.
    """

    default_error_messages = {"not_an_id": "“%(value)s” is not an id."}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        ids = []
        for part in value.split(","):
            # ASCII digits only ("²".isdigit() is true), matched before int(), which would
            # read thousands of digits.
            if not re.fullmatch(ID_PATTERN, part, flags=re.ASCII):
                raise forms.ValidationError(
                    self.error_messages["not_an_id"], code="invalid", params={"value": part[:30]}
                )
            ids.append(int(part))
        return ids


@extend_schema_field(ID_LIST_SCHEMA)
class IdListFilter(django_filters.Filter):
    """Comma-separated positive 64-bit ids."""

    field_class = IdListField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


# Dates and times


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


# Booleans and text


class StrictBooleanField(forms.Field):
    """``true``/``false``/``1``/``0`` (any case); anything else is an error, not "no filter"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": "Enter true, false, 1 or 0."}
    TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip().lower()
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class TextFilter(django_filters.CharFilter):
    """Text that can be stored (no NUL bytes, no lone surrogates), at most ``max_length``.

    A value with a format (``validators``, a pattern the schema states) is taken as sent,
    surrounding spaces included: what the pattern refuses, the filter refuses.
    """

    def __init__(self, *args, max_length=MAX_NAME_LENGTH, validators=(), **kwargs):
        kwargs["max_length"] = max_length
        kwargs["validators"] = [validate_storable_text, *validators]
        if validators:
            kwargs["strip"] = False
        super().__init__(*args, **kwargs)


def decimal_pattern(max_digits: int, decimal_places: int) -> str:
    """A plain decimal (``-12.5``) of at most these digits: what ``DecimalFilter`` accepts."""
    return rf"^-?[0-9]{{1,{max_digits - decimal_places}}}(\.[0-9]{{1,{decimal_places}}})?$"


class DecimalField(forms.DecimalField):
    """A plain decimal number as digits (no exponent, sign ``+`` or spaces), within the
    digits of the column it is compared with."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(
            decimal_pattern(self.max_digits, self.decimal_places), str(value), flags=re.ASCII
        ):
            places = self.max_digits - self.decimal_places
            raise forms.ValidationError(
                f"Enter a number such as -12.5: up to {places} digits, then up to "
                f"{self.decimal_places} after the point.",
                code="invalid",
            )
        return super().to_python(value)


class DecimalFilter(django_filters.NumberFilter):
    """A decimal compared with a ``DecimalField`` column of ``max_digits`` and
    ``decimal_places`` (both required): its schema is a string of that pattern."""

    field_class = DecimalField

    def __init__(self, *args, max_digits: int, decimal_places: int, **kwargs):
        super().__init__(*args, max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    @property
    def schema(self) -> dict:
        extra = self.extra
        pattern = decimal_pattern(extra["max_digits"], extra["decimal_places"])
        return {"type": "string", "pattern": pattern, "example": "3500"}


class RepeatableInput(forms.TextInput):
    """Every value of a repeated parameter: ``?actor=a&actor=b``."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return [] if value is None else [value]


class TextListField(forms.Field):
    """One or more text values, given by repeating the parameter."""

    widget = RepeatableInput

    def __init__(self, *args, max_length=MAX_NAME_LENGTH, **kwargs):
        self.max_length = max_length
        super().__init__(*args, **kwargs)

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        cleaned = [str(item).strip() for item in values if str(item).strip()]
        if len(cleaned) > MAX_LIST_VALUES:
            raise forms.ValidationError(f"At most {MAX_LIST_VALUES} values.")
        for item in cleaned:
            validate_storable_text(item)
            if len(item) > self.max_length:
                raise forms.ValidationError(
                    f"Each value has at most {self.max_length} characters (one has {len(item)})."
                )
        return cleaned


@extend_schema_field(TEXT_LIST_SCHEMA)
class TextListFilter(django_filters.Filter):
    """Text values, by repeating the parameter: ``?topic=a&topic=b``."""

    field_class = TextListField


# The base FilterSet


class BaseFilterSet(django_filters.FilterSet):
    """Filters every resource has: ids and creation/update ranges."""

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
