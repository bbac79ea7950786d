"""Cursor pagination for every collection: no COUNT(*), stable under concurrent inserts."""

import binascii
import datetime
import decimal
import math
from urllib import parse

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models.constants import LOOKUP_SEP
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination

from core.text import has_forbidden_characters
from core.validators import MAX_BIGINT

MAX_PAGE_SIZE = 200


def ordering_field(queryset, name: str):
    """The model field (or annotation's output field) that ``name`` orders by, or None."""
    annotation = queryset.query.annotations.get(name)
    if annotation is not None:
        return annotation.output_field
    model = queryset.model
    field = None
    for part in name.split(LOOKUP_SEP):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    if field is not None and field.is_relation:
        field = field.target_field
    return field


class StrictCursorPagination(CursorPagination):
    """Pages of ``page_size`` rows (default 50, at most 200) ordered newest first.

    A malformed cursor is a client error (400), not a missing page: the cursor's position
    must be a value of the field the list is ordered by, one the database can compare.
    """

    page_size = 50
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = (
        f"Rows per page: a whole number from 1 (default 50, at most {MAX_PAGE_SIZE}; larger "
        "values are capped). Anything else (0, a negative or fractional number, text) "
        "answers 400."
    )
    cursor_query_description = (
        "The opaque cursor from the `next` or `previous` link of the page before; "
        "a malformed cursor answers 400."
    )
    ordering = "-id"

    def paginate_queryset(self, queryset, request, view=None):
        self._queryset = queryset
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request) -> int:
        """``page_size`` as asked, capped at ``max_page_size``; absent or empty, the default.

        DRF ignores a value that is not a positive integer and serves the default page,
        which hides the client's mistake: here it is a 400.
        """
        value = request.query_params.get(self.page_size_query_param, "").strip()
        if not value:
            return self.page_size
        # ASCII digits only ("٣".isdigit() is true); a long number is capped unread.
        if not (value.isascii() and value.isdigit()) or not value.lstrip("0"):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size} "
                        f"(larger ones are capped at {self.max_page_size})."
                    ]
                }
            )
        if len(value.lstrip("0")) > len(str(self.max_page_size)):
            return self.max_page_size
        return min(int(value), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters

    def paginate_rows(self, request, queryset, fetch) -> list | None:
        """The page ``paginate_queryset()`` would give, its rows got from ``fetch``.

        For lists served without building a queryset per request, in the default ordering
        (on a unique field): ``fetch(after, reverse, limit)`` returns up to ``limit`` rows
        (dictionaries) beyond the position ``after`` (None: from the start), in the default
        ordering, or the opposite one when ``reverse``. None when the cursor has an offset,
        which only ties in a non-unique ordering produce: ``paginate_queryset()`` handles it.
        """
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = (self.ordering,) if isinstance(self.ordering, str) else self.ordering
        self._queryset = queryset
        self.cursor = self.decode_cursor(request)
        offset, reverse, position = self.cursor or (0, False, None)
        if offset:
            return None
        rows = fetch(position, reverse, self.page_size + 1)
        self.page = rows[: self.page_size]
        following = None
        if len(rows) > len(self.page):
            following = self._get_position_from_instance(rows[-1], self.ordering)
        if reverse:
            self.page.reverse()
            self.has_next, self.next_position = position is not None, position
            self.has_previous, self.previous_position = following is not None, following
        else:
            self.has_next, self.next_position = following is not None, following
            self.has_previous, self.previous_position = position is not None, position
        self.display_page_controls = self.has_previous or self.has_next
        return self.page

    def decode_cursor(self, request):
        """The cursor, decoded strictly: DRF's own decoding skips what is not base64."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            querystring = binascii.a2b_base64(encoded.encode("ascii"), strict_mode=True)
            tokens = (
                parse.parse_qs(
                    querystring.decode("ascii"), keep_blank_values=True, strict_parsing=True
                )
                if querystring
                else {}
            )
            if set(tokens) - {"o", "r", "p"} or any(len(v) != 1 for v in tokens.values()):
                raise ValueError("unexpected cursor tokens")
            offset = tokens.get("o", ["0"])[0]
            if not offset.isdigit():
                raise ValueError("offset")
            reverse = tokens.get("r", ["0"])[0]
            if reverse not in ("0", "1"):
                raise ValueError("reverse")
            position = tokens.get("p", [None])[0]
        except (ValueError, UnicodeError, binascii.Error):
            raise self._invalid() from None
        if position is not None:
            position = self._checked_position(position)
        return Cursor(
            offset=min(int(offset), self.offset_cutoff), reverse=reverse == "1", position=position
        )

    def _checked_position(self, position: str) -> str:
        """The position, validated against the ordering field and normalised for the database."""
        if has_forbidden_characters(position) or len(position) > 1000:
            raise self._invalid()
        field = ordering_field(self._queryset, self.ordering[0].lstrip("-"))
        if field is None:
            return position
        try:
            value = field.to_python(position)
            if isinstance(value, int | float | decimal.Decimal):
                field.run_validators(value)
        except (DjangoValidationError, ValueError, TypeError, ArithmeticError):
            raise self._invalid() from None
        if isinstance(value, bool) or value is None:
            return position
        if isinstance(value, int) and not -MAX_BIGINT <= value <= MAX_BIGINT:
            raise self._invalid()
        if isinstance(value, float | decimal.Decimal) and not math.isfinite(value):
            raise self._invalid()
        if isinstance(value, datetime.datetime):
            # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts.
            if value.tzinfo is None:
                value = value.replace(tzinfo=datetime.UTC)
            try:
                return value.astimezone(datetime.UTC).isoformat()
            except OverflowError:
                raise self._invalid() from None
        return position

    def _get_position_from_instance(self, instance, ordering):
        # Orderings may follow relations (``source__published_at``).
        value = instance
        for part in ordering[0].lstrip("-").split(LOOKUP_SEP):
            value = value[part] if isinstance(value, dict) else getattr(value, part, None)
            if value is None:
                return None
        return str(value)

    def _invalid(self):
        return exceptions.ValidationError({self.cursor_query_param: ["Invalid cursor."]})
