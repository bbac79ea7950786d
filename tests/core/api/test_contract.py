"""What the schema states is what the API takes: JSON types as declared, every form of an
object described, empty query values as absent, and formats the schema can check."""

import pytest
from rest_framework.test import APIClient

from claims.models import Statement
from sources.models import Source
from tests.support.api import client_with_permissions
from tests.support.factories import ClaimFactory, StatementFactory
from tests.support.routes import superuser_client

PREFIX = "/api/v1/"


@pytest.fixture
def api(db):
    """A superuser's API client."""
    return superuser_client()


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get(f"{PREFIX}schema/", {"format": "json"})
    return response.json()


@pytest.mark.parametrize(
    ("value", "message"), [(0, "Must be true or false."), ("true", "Must be true or false.")]
)
def test_a_boolean_is_true_or_false_never_a_number_or_a_word(api, value, message):
    body = {"kind": "other", "title": "A report", "is_public": value}
    response = api.post(f"{PREFIX}sources/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["is_public"] == [message]
    assert not Source.objects.exists()


@pytest.mark.parametrize("claim", ["{id}", 1.0, True])
def test_a_related_id_is_a_json_integer(api, claim):
    """Digits in a string, a float and a boolean are refused, never read as an id."""
    target = ClaimFactory()
    value = claim.format(id=target.pk) if isinstance(claim, str) else claim
    body = {"claim": value, "speaker_label": "A spokesman", "stance": "asserts"}
    response = api.post(f"{PREFIX}statements/", body, format="json")
    assert response.status_code == 400, response.content
    assert "claim" in response.json()["errors"]
    assert not Statement.objects.exists()


def test_a_related_id_as_an_integer_is_taken(api):
    target = ClaimFactory()
    body = {"claim": target.pk, "speaker_label": "A spokesman", "stance": "asserts"}
    response = api.post(f"{PREFIX}statements/", body, format="json")
    assert response.status_code == 201, response.content


def test_fields_may_name_a_field_of_either_form(db):
    """``citations`` is in the full form only: a brief list asked for it answers without
    it, not 400; a name neither form has is refused."""
    statement = StatementFactory()
    reader = client_with_permissions("claims.view_statement")
    response = reader.get(f"{PREFIX}statements/", {"fields": "citations,stance"})
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [{"id": statement.pk, "stance": statement.stance}]
    full = reader.get(f"{PREFIX}statements/{statement.pk}/", {"fields": "citations"})
    assert full.json() == {"id": statement.pk, "citations": []}
    for bad, named in (("nope", "nope"), ("stance,", '""'), ("stance, id", " id")):
        refused = reader.get(f"{PREFIX}statements/", {"fields": bad})
        assert refused.status_code == 400
        assert refused.json()["errors"]["fields"] == [f"Unknown field(s): {named}."]


def test_empty_query_values_mean_the_parameter_is_not_given(db):
    StatementFactory.create_batch(2)
    reader = client_with_permissions("claims.view_statement")
    plain = reader.get(f"{PREFIX}statements/")
    empty = dict.fromkeys(
        ("updated_before", "created_after", "withdrawn", "fields", "brief", "id"), ""
    )
    response = reader.get(f"{PREFIX}statements/", empty)
    assert response.status_code == 200, response.content
    assert response.json() == plain.json()


@pytest.mark.parametrize(
    ("value", "status"),
    [("12.5", 200), ("-3500", 200), ("1e3", 400), ("+1", 400), (" 1", 400), ("1.23456", 400)],
)
def test_a_decimal_filter_takes_plain_digits_as_its_pattern_says(db, value, status):
    reader = client_with_permissions("claims.view_claim")
    response = reader.get(f"{PREFIX}claims/", {"quantity_max": value})
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("value", "status"),
    [("1,2", 200), ("000001", 200), ("999999999999999999", 200), ("1000000000000000000", 400)],
)
def test_an_id_list_takes_at_most_18_significant_digits(db, value, status):
    reader = client_with_permissions("claims.view_statement")
    response = reader.get(f"{PREFIX}statements/", {"id": value})
    assert response.status_code == status, response.content


def test_every_form_of_an_object_is_described(schema):
    """Full or brief, whole or cut by ``?fields=``: the list's items and the detail."""
    components = schema["components"]["schemas"]
    representation = components["StatementRepresentation"]
    assert [ref["$ref"].rsplit("/", 1)[1] for ref in representation["anyOf"]] == [
        "Statement",
        "StatementFields",
        "StatementBrief",
        "StatementBriefFields",
    ]
    assert components["StatementFields"]["required"] == ["id"]
    detail = schema["paths"]["/api/v1/statements/{id}/"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["$ref"].endswith(
        "/StatementRepresentation"
    )
    listed = components["PaginatedStatementBriefList"]["properties"]["results"]["items"]
    assert listed["$ref"].endswith("/StatementRepresentation")


def test_query_parameters_state_their_formats(schema):
    claims = {p["name"]: p for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert claims["quantity_max"]["schema"]["pattern"] == r"^-?[0-9]{1,16}(\.[0-9]{1,4})?$"
    assert claims["language"]["schema"]["pattern"].startswith("^[a-z]{2,3}")
    assert all(p["allowEmptyValue"] for p in claims.values() if p["in"] == "query")
    fields = claims["fields"]["schema"]
    assert fields["type"] == "array"
    assert {"text", "statements", "statement_count"} <= set(fields["items"]["enum"])


@pytest.mark.parametrize("authors", [{}, "1", 1])
def test_a_list_field_takes_a_json_list(api, authors):
    """An object or a string is not read as its keys or characters."""
    body = {"kind": "other", "title": "A report", "authors": authors}
    response = api.post(f"{PREFIX}sources/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["authors"] == ["Expected a list of items."]


def test_a_body_that_is_not_json_is_a_400_even_with_a_stale_if_match(api):
    statement = StatementFactory()
    response = api.generic(
        "PATCH",
        f"{PREFIX}statements/{statement.pk}/",
        b"\xff\x15{",
        content_type="application/json",
        HTTP_IF_MATCH='"stale"',
    )
    assert response.status_code == 400, response.content


def test_a_review_without_a_correction_is_described_with_a_null_one(schema):
    correction = schema["components"]["schemas"]["Review"]["properties"]["correction"]
    assert correction["type"] == "integer"
    assert correction["nullable"] is True


def test_an_unknown_field_is_a_400_even_to_a_conditional_read(db):
    statement = StatementFactory()
    reader = client_with_permissions("claims.view_statement")
    response = reader.get(
        f"{PREFIX}statements/{statement.pk}/", {"fields": "nope"}, HTTP_IF_NONE_MATCH="*"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["fields"] == ["Unknown field(s): nope."]
