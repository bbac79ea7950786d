"""Validation comes to Django's outcome in fewer queries (``core.models.FewQueryValidation``):
the check constraints of a model in Python where they can be, the others in one query, and
no second look-up of a related object the instance holds as read from the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from claims.models import Citation, Claim, Statement
from tests.support.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

# Claims each breaking several of the model's check constraints at once.
BROKEN_CLAIMS = [
    pytest.param(
        {"kind": "rumour", "quantity_value": 5, "language": "English"}, id="choice-value-language"
    ),
    pytest.param(
        {
            "quantity_unit": "fighters",
            "period_start": date(2020, 3, 1),
            "period_end": date(2020, 1, 1),
        },
        id="unit-period",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": "between", "withdrawal_reason": "no"},
        id="between-withdrawal",
    ),
    pytest.param({}, id="none"),
]


def errors_of(validate) -> dict:
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return {}


def check_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "_check" in query["sql"]]


@pytest.mark.parametrize("fields", BROKEN_CLAIMS)
def test_the_check_constraints_of_a_claim_are_validated_without_a_query_with_djangos_errors(
    fields,
):
    claim = Claim(text="The bridge was closed.", **fields)
    with CaptureQueriesContext(connection) as django_queries:
        expected = errors_of(lambda: models.Model.validate_constraints(claim))
    with CaptureQueriesContext(connection) as ours:
        assert errors_of(claim.validate_constraints) == expected
    assert len(check_queries(django_queries)) == len(Claim._meta.constraints)
    assert check_queries(ours) == []


def test_a_citations_constraints_offsets_and_quote_length_included_take_no_query():
    citation = Citation(
        quote="twelve chars",
        quote_verified=True,
        quote_start=3,
        quote_end=4,
        role="origin",
        derived_from_id=1,
        withdrawal_reason="no",
    )
    expected = errors_of(lambda: models.Model.validate_constraints(citation))
    with CaptureQueriesContext(connection) as ours:
        assert errors_of(citation.validate_constraints) == expected
    assert len(expected["__all__"]) == 3
    assert check_queries(ours) == []


@pytest.mark.parametrize("language", ["ｅｎ", "en\n", "ENGLISH"])
def test_what_python_cannot_tell_as_surely_the_database_decides(language):
    """Non-ASCII text or a newline under a regular expression: the database's reading."""
    claim = Claim(text="The bridge was closed.", language=language)
    expected = errors_of(lambda: models.Model.validate_constraints(claim))
    with CaptureQueriesContext(connection) as ours:
        assert errors_of(claim.validate_constraints) == expected
    assert "language" in str(expected) or expected == {}
    assert len(check_queries(ours)) == (0 if language.isascii() and "\n" not in language else 1)


def test_constraints_on_excluded_fields_are_left_out_as_django_leaves_them():
    claim = Claim(text="The bridge was closed.", quantity_value=5, language="English")
    exclude = {"quantity_value"}
    expected = errors_of(lambda: models.Model.validate_constraints(claim, exclude=exclude))
    assert errors_of(lambda: claim.validate_constraints(exclude=exclude)) == expected
    assert expected  # the language's rule still holds


def test_a_related_object_read_from_the_database_is_not_looked_up_again():
    statement = Statement(claim=ClaimFactory(), actor=ActorFactory(), stance="denies")
    with CaptureQueriesContext(connection) as captured:
        statement.clean_fields()
    assert captured.captured_queries == []


def test_a_related_object_given_by_its_key_alone_is_looked_up_as_django_does():
    gone = ClaimFactory()
    gone_id = gone.pk
    gone.delete()
    statement = Statement(claim_id=gone_id, actor=ActorFactory(), stance="sideways")
    expected = errors_of(lambda: models.Model.clean_fields(statement))
    assert list(expected) == ["claim", "stance"]  # the missing claim, in the fields' order
    assert errors_of(statement.clean_fields) == expected


def test_a_related_object_not_saved_yet_is_refused_as_django_refuses_it():
    statement = Statement(claim=ClaimFactory(), actor=ActorFactory.build(), stance="denies")
    statement.actor.pk = 987654  # an id no saved actor has
    statement.actor_id = statement.actor.pk
    expected = errors_of(lambda: models.Model.clean_fields(statement))
    assert list(expected) == ["actor"]
    assert errors_of(statement.clean_fields) == expected


def test_a_uuid_drawn_for_a_new_row_is_not_looked_up():
    claim = Claim(text="The bridge was closed.")
    with CaptureQueriesContext(connection) as captured:
        claim.validate_unique()
    assert not [query for query in captured if '"uuid"' in query["sql"]]


@pytest.mark.parametrize("how", ["given", "set"])
def test_a_uuid_given_or_set_is_looked_up_as_django_does(how):
    taken = ClaimFactory().uuid
    claim = Claim(text="The bridge was closed.", uuid=taken) if how == "given" else Claim()
    if how == "set":
        claim.uuid = taken
    expected = errors_of(lambda: models.Model.validate_unique(claim))
    assert list(expected) == ["uuid"]
    assert errors_of(claim.validate_unique) == expected


def test_a_row_read_from_the_database_checks_its_uuid_as_django_does():
    claim = Claim.objects.get(pk=ClaimFactory().pk)
    claim.uuid = ClaimFactory().uuid
    assert list(errors_of(claim.validate_unique)) == ["uuid"]
