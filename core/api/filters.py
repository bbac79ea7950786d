"""Filter building blocks shared by every resource's FilterSet."""

import datetime

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter

from .pagination import MAX_BIGINT

ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_BIGINT}
ID_LIST_SCHEMA = {"type": "string", "pattern": r"^\d+(,\d+)*$", "example": "1,2,3"}


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


@extend_schema_field(ID_SCHEMA)
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
            # ASCII digits only ("²".isdigit() is true), and the length checked before int(),
            # which refuses thousands of digits.
            if not (part.isascii() and part.isdigit()) or len(part) > 19:
                raise forms.ValidationError(f"“{part[:30]}” is not an id.")
            if not 0 < int(part) <= MAX_BIGINT:
                raise forms.ValidationError(f"“{part}” is not an id.")
            ids.append(int(part))
        return ids


@extend_schema_field(ID_LIST_SCHEMA)
class IdListFilter(django_filters.Filter):
    field_class = IdListField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


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


class LazyFilterBackend(DjangoFilterBackend):
    """django-filter's backend, which builds no FilterSet for a request that names no filter.

    A FilterSet and its form cost about a tenth of a plain list request; without any of its
    parameters it would return the queryset unchanged anyway.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or filterset_class.base_filters.keys().isdisjoint(
            request.query_params.keys()
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=name,-created_at`` over the view's ``ordering_fields`` (``id`` if unset).

    An unknown field answers 400 instead of being ignored, and ``-id`` breaks ties so that
    pages stay stable between requests.
    """

    ordering_description = "Comma-separated fields to order by, `-` for descending."

    def get_valid_fields(self, queryset, view, context=None):
        if getattr(view, "ordering_fields", None) is None:
            return [("id", "id")]
        return super().get_valid_fields(queryset, view, context)

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        fields = [term for term in fields if term]
        unknown = [term for term in fields if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {', '.join(unknown)}; "
                        f"choose from {', '.join(sorted(valid))}."
                    ]
                }
            )
        return fields

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering = (*ordering, "-id")
        return ordering

    def get_schema_operation_parameters(self, view):
        names = [
            name for name, _ in self.get_valid_fields(view.get_queryset(), view, {"request": None})
        ]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (f"{self.ordering_description} Default: newest first (`-id`)."),
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [f"{sign}{name}" for name in names for sign in ("", "-")],
                    },
                },
                "style": "form",
                "explode": False,
            }
        ]
