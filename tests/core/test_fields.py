"""``core.fields.DocumentField`` reads what Django's ``JSONField`` reads, faster."""

import json

import pytest
from django.db import connection, models

from core.fields import DocumentField
from reviews.models import Review
from tests.support.factories import ReviewFactory

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    {"record": {"claim": {"text": "Turkey sent “3,500” fighters — é ü 中文", "id": 7}}},
    {"numbers": [0, -1, 1.5, 1e-7, 2**63 - 1, 12345678901234567890], "empty": {}, "none": None},
    ["a list", True, False, None],
    "a string",
    3.25,
]


def stored_text(review) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pinned FROM reviews_review WHERE id = %s", [review.pk])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_document_reads_back_as_djangos_json_field_reads_it(document):
    """The same values, types and key order (the database's: PostgreSQL orders a jsonb's
    keys its own way) as Django's ``JSONField`` reads from the same stored text."""
    review = ReviewFactory(pinned=document)
    read = Review.objects.get(pk=review.pk).pinned
    assert read == document
    djangos = models.JSONField().from_db_value(stored_text(review), None, connection)
    assert json.dumps(read) == json.dumps(djangos)
    stored = Review.objects.filter(pk=review.pk).values_list("pinned", flat=True).get()
    assert json.dumps(stored) == json.dumps(djangos)


def test_what_is_not_json_is_given_back_as_django_gives_it():
    field = DocumentField()
    expected = models.JSONField().from_db_value("not json", None, None)
    assert field.from_db_value("not json", None, None) == expected
    assert field.from_db_value(None, None, None) is None
