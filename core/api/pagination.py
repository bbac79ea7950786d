"""Cursor pagination for every collection: no COUNT(*), stable under concurrent inserts."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 200
# The largest value a 64-bit signed integer column holds.
MAX_BIGINT = 2**63 - 1


class RecordCursorPagination(CursorPagination):
    """Pages of ``page_size`` rows (default 50, at most 200) ordered newest first.

    A malformed cursor is a client error (400), not a missing page.
    """

    page_size = 50
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = (
        f"Rows per page (default 50, at most {MAX_PAGE_SIZE}; larger values are capped)."
    )
    ordering = "-id"

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._invalid() from None
        if cursor is not None and cursor.position is not None:
            self._check_position(cursor.position)
        return cursor

    def _check_position(self, position: str) -> None:
        """The cursor's position must be a valid value of the first ordering field."""
        field_name = self.ordering[0].lstrip("-")
        try:
            field = self._model._meta.get_field(field_name)
            value = field.to_python(position)
        except (FieldDoesNotExist, DjangoValidationError, ValueError, TypeError):
            raise self._invalid() from None
        if isinstance(value, int) and not -MAX_BIGINT <= value <= MAX_BIGINT:
            raise self._invalid()

    def _invalid(self):
        return exceptions.ValidationError({self.cursor_query_param: ["Invalid cursor."]})

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)
