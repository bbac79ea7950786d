"""Assertions for the two paths every integrity rule has: validation and the database."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

__all__ = ["NON_FIELD_ERRORS", "refused_by_database", "validation_errors"]


@contextmanager
def refused_by_database(*names: str):
    """Expect the database to refuse the write made inside the block.

    ``names`` are the constraint's name (PostgreSQL and SQLite name a failed check) and,
    for a unique constraint, its columns (SQLite names those instead); one must appear in
    the error. The block runs in a savepoint, so the test can go on using the database.
    """
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        yield caught
    if names:
        message = str(caught.value)
        assert any(name in message for name in names), f"{names} not in: {message}"


def validation_errors(write) -> dict[str, list[str]]:
    """Call ``write`` and return the ValidationError's messages by field (it must raise).

    ``write`` runs in a savepoint, as any caller that goes on after a service's refusal holds
    one (core.services), so the test can go on using the database.
    """
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        write()
    return caught.value.message_dict
