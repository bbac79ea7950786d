"""POST /api/v1/claims/match/ through HTTP: answers, permissions, errors, query counts."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.support.api import assert_refused, client_with_permissions, count_queries
from tests.support.factories import ClaimFactory

URL = "/api/v1/claims/match/"
TWEET = (
    "In Alabama you won't be able to own a car & get food stamps. https://t.co/MpkbqrEdsn "
    "— Amy Jo Cousins (@_AJCousins) March 18, 2016"
)


@pytest.fixture
def reader(db):
    return client_with_permissions("claims.view_claim")


@pytest.fixture
def claims(db):
    return [
        ClaimFactory(text="Republicans in Alabama want to deny food stamps to car owners."),
        ClaimFactory(text="A Kentucky food stamp recipient has $5,000 in unused benefits."),
        ClaimFactory(text="McDonald's restaurants are offering $1 any size fries."),
    ]


def test_the_best_match_comes_first_with_its_signals(reader, claims):
    response = reader.post(URL, {"text": TWEET, "limit": 5}, format="json")
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["claim"]["id"] for r in results] == [claims[0].pk, claims[1].pk]
    first = results[0]
    assert first["claim"]["url"].endswith(f"/api/v1/claims/{claims[0].pk}/")
    assert first["claim"]["text"] == claims[0].text
    assert 0 < results[1]["score"] < first["score"] < 1
    signals = first["signals"]
    assert {"alabama", "food", "stamp", "car"} <= set(signals["shared_terms"])
    assert signals["numbers"] == {"text": [], "claim": [], "agree": None}
    assert set(signals["stages"]) == {"bm25", "bm25_relative", "embedding", "token_match"}
    assert 0 < signals["stages"]["token_match"] <= 1
    assert signals["stages"]["bm25_relative"] == 1.0


def test_the_limit_cuts_the_answer(reader, claims):
    response = reader.post(URL, {"text": TWEET, "limit": 1}, format="json")
    assert len(response.json()["results"]) == 1


def test_the_limit_defaults_to_ten(reader, db):
    for n in range(12):
        ClaimFactory(text=f"Food stamps were cut in state number {n}.")
    response = reader.post(URL, {"text": "food stamps cut"}, format="json")
    assert len(response.json()["results"]) == 10


def test_withdrawn_claims_are_not_matched(reader, claims, user):
    from core.services import instance_withdraw

    instance_withdraw(instance=claims[0], reason="a duplicate")
    response = reader.post(URL, {"text": TWEET}, format="json")
    assert claims[0].pk not in [r["claim"]["id"] for r in response.json()["results"]]


def test_excluded_claims_are_left_out_before_ranking(reader, claims):
    """A claim's page matches its own text without it: the next best is then the best, and
    scored as the best, not as second to the claim itself."""
    text = claims[0].text
    alone = reader.post(URL, {"text": text}, format="json").json()["results"]
    without = reader.post(URL, {"text": text, "exclude": [claims[0].pk, 10**9]}, format="json")
    assert without.status_code == 200, without.content
    results = without.json()["results"]
    assert claims[0].pk not in [r["claim"]["id"] for r in results]
    assert results[0]["claim"]["id"] == alone[1]["claim"]["id"]
    assert results[0]["signals"]["stages"]["bm25_relative"] == 1.0
    assert results[0]["score"] > alone[1]["score"]


def test_no_match_is_an_empty_list(reader, claims):
    response = reader.post(URL, {"text": "Volcanic eruptions on Io"}, format="json")
    assert response.status_code == 200
    assert response.json() == {"results": []}


# Who may


def test_anonymous_requests_get_401(db):
    assert APIClient().post(URL, {"text": TWEET}, format="json").status_code == 401


def test_reading_claims_is_what_it_takes(db, claims):
    no_permission = client_with_permissions()
    assert no_permission.post(URL, {"text": TWEET}, format="json").status_code == 403
    writer_only = client_with_permissions("claims.add_claim")
    assert writer_only.post(URL, {"text": TWEET}, format="json").status_code == 403


def test_a_logged_in_user_may_match(admin_client, claims):
    response = admin_client.post(URL, {"text": TWEET}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["results"][0]["claim"]["id"] == claims[0].pk


# Bad input: 400 naming the field, never 500


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": None}, "text"),
        ({"text": 42}, "text"),
        ({"text": ["food", "stamps"]}, "text"),
        ({"text": "https://t.co/MpkbqrEdsn"}, "text"),
        ({"text": "!!! ... ???"}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"text": "food " * 20_000}, "text"),  # 100 KB
        ({"text": "food", "limit": 0}, "limit"),
        ({"text": "food", "limit": 51}, "limit"),
        ({"text": "food", "limit": -1}, "limit"),
        ({"text": "food", "limit": "5"}, "limit"),
        ({"text": "food", "limit": 2.5}, "limit"),
        ({"text": "food", "limit": True}, "limit"),
        ({"text": "food", "limit": None}, "limit"),
        ({"text": "food", "colour": "red"}, "colour"),
        ({"text": "food", "exclude": 12}, "exclude"),
        ({"text": "food", "exclude": {}}, "exclude"),
        ({"text": "food", "exclude": ["12"]}, "exclude"),
        ({"text": "food", "exclude": [1.5]}, "exclude"),
        ({"text": "food", "exclude": [0]}, "exclude"),
        ({"text": "food", "exclude": [2**63]}, "exclude"),
        ({"text": "food", "exclude": [None]}, "exclude"),
        ({"text": "food", "exclude": list(range(1, 52))}, "exclude"),
    ],
)
def test_bad_input_is_refused(reader, claims, body, field):
    assert_refused(reader.post(URL, body, format="json"), field)


def test_a_body_that_is_not_json_is_a_400(reader, claims):
    response = reader.post(URL, "text=food stamps", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_json_list_is_a_400(reader, claims):
    response = reader.post(URL, ["food stamps"], format="json")
    assert response.status_code == 400


def test_a_limit_of_fifty_is_taken(reader, claims):
    response = reader.post(URL, {"text": "food", "limit": 50}, format="json")
    assert response.status_code == 200


def test_get_is_not_allowed(reader):
    assert reader.get(URL).status_code == 405


# Queries


def test_a_fixed_number_of_queries_whatever_the_limit_and_the_record(reader, db):
    def match(limit):
        return lambda: reader.post(URL, {"text": "food stamps cut", "limit": limit}, format="json")

    for n in range(3):
        ClaimFactory(text=f"Food stamps were cut in state number {n}.")
    few, sql = count_queries(match(1))
    for n in range(3, 40):
        ClaimFactory(text=f"Food stamps were cut in state number {n}.")
    many, _ = count_queries(match(50))
    assert few == many, sql
    # The token's identity is cached; the index's sync and the candidates' read remain.
    assert many <= 3, sql


# The schema


def test_the_operation_is_in_the_schema(db):
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/claims/match/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/ClaimMatchRequest")
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert answer.endswith("/ClaimMatchResults")
    assert "400" in operation["responses"]
    request = schema["components"]["schemas"]["ClaimMatchRequest"]
    assert request["properties"]["limit"]["maximum"] == 50
    assert request["required"] == ["text"]


def test_nul_bytes_are_refused(reader, claims):
    """Refused by the API's JSON parser, as in every body (the database could not store them)."""
    response = reader.post(URL, {"text": "food\x00stamps"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "text",
    [
        "Турция отправила 3500 сирийских боевиков в Ливию",
        "تركيا أرسلت 3500 مقاتل سوري إلى ليبيا",
        "土耳其向利比亚派遣了3500名叙利亚战士",
        "La Turquie a envoyé 3 500 combattants syriens en Libye 🇱🇾",
        "Türkiye Libya'ya 3.500 Suriyeli savaşçı gönderdi",
    ],
)
def test_texts_in_any_language_and_script_are_answered(reader, claims, text):
    response = reader.post(URL, {"text": text}, format="json")
    assert response.status_code == 200, response.content
    assert isinstance(response.json()["results"], list)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), limit=st.integers(min_value=-5, max_value=60))
def test_any_text_is_an_answer_or_a_400_on_its_field(reader, claims, text, limit):
    response = reader.post(URL, {"text": text, "limit": limit}, format="json")
    assert response.status_code in (200, 400), response.content
    body = response.json()
    if response.status_code == 400 and body["code"] == "parse_error":
        assert "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    elif response.status_code == 400:
        assert set(body["errors"]) <= {"text", "limit"}, response.content
