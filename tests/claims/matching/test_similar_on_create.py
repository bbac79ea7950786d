"""POST /api/v1/claims/ answers the new claim with the claims that may say the same."""

import pytest

from claims import matching
from claims.models import Claim
from tests.support.api import client_with_permissions, count_queries
from tests.support.factories import ClaimFactory
from tests.support.reference import reference_claims

URL = "/api/v1/claims/"


@pytest.fixture
def writer(db):
    return client_with_permissions("claims.add_claim", "claims.view_claim")


def create(client, text):
    return client.post(URL, {"text": text, "language": "en", "kind": "factual"}, format="json")


def test_the_reference_claim_is_the_first_candidate(writer):
    reference = reference_claims()

    response = create(writer, "Turkey sent 3500 Syrian mercenaries to Libya")

    assert response.status_code == 201, response.content
    body = response.json()
    similar = body["similar"]
    assert similar[0]["claim"]["id"] == reference["C1"].pk
    assert similar[0]["claim"]["text"] == reference["C1"].text
    assert similar[0]["score"] > similar[-1]["score"] or len(similar) == 1
    assert "3500" in similar[0]["signals"]["numbers"]["claim"]
    assert body["id"] not in [candidate["claim"]["id"] for candidate in similar]
    assert len(similar) <= 5


def test_a_differing_amount_ranks_lower_than_the_same_one(writer):
    same = ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")
    other = ClaimFactory(text="Turkey sent 35,000 Syrian fighters to Libya.")

    similar = create(writer, "Turkey sent 3500 Syrian fighters to Libya").json()["similar"]

    scores = {candidate["claim"]["id"]: candidate["score"] for candidate in similar}
    assert scores[same.pk] > scores[other.pk]


def test_the_write_is_never_blocked(writer):
    ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")

    response = create(writer, "Turkey sent 3,500 Syrian fighters to Libya.")

    assert response.status_code == 201
    assert Claim.objects.filter(text="Turkey sent 3,500 Syrian fighters to Libya.").count() == 2


def test_nothing_similar_is_an_empty_list(writer):
    ClaimFactory(text="Volcanic eruptions on Io are visible from Earth.")

    response = create(writer, "Turkey sent 3,500 Syrian fighters to Libya.")

    assert response.json()["similar"] == []


def test_a_failing_matcher_still_answers_the_saved_claim(writer, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the index is gone")

    monkeypatch.setattr(matching, "match_claims", broken)

    response = create(writer, "Turkey sent 3,500 Syrian fighters to Libya.")

    assert response.status_code == 201
    assert response.json()["similar"] is None
    assert Claim.objects.filter(pk=response.json()["id"]).exists()
    assert "Claim matching failed" in caplog.text


def test_updates_do_not_carry_candidates(writer):
    claim = ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")
    writer_too = client_with_permissions("claims.change_claim", "claims.view_claim")

    response = writer_too.patch(
        f"{URL}{claim.pk}/", {"text": "Turkey sent fighters."}, format="json"
    )

    assert response.status_code == 200
    assert "similar" not in response.json()


def test_candidates_cost_a_fixed_number_of_queries(writer):
    for n in range(3):
        ClaimFactory(text=f"Turkey sent {n} Syrian fighters to Libya.")
    few, sql = count_queries(lambda: create(writer, "Turkey sent Syrian fighters to Libya"))
    for n in range(3, 30):
        ClaimFactory(text=f"Turkey sent {n} Syrian fighters to Libya.")
    many, _ = count_queries(lambda: create(writer, "Turkey sent Syrian fighters to Libya"))
    assert few == many, sql


def test_the_answer_is_in_the_schema(db):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    answer = schema["paths"][URL]["post"]["responses"]["201"]["content"]["application/json"]
    assert answer["schema"]["$ref"].endswith("/ClaimCreated")
    similar = schema["components"]["schemas"]["ClaimCreated"]["properties"]["similar"]
    assert similar["nullable"] is True
    assert similar["items"]["$ref"].endswith("/ClaimMatchResult")


def test_candidates_can_be_turned_off_for_bulk_loads(writer, settings):
    settings.CLAIMS_SIMILAR_ON_CREATE = False
    ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")

    response = create(writer, "Turkey sent 3,500 Syrian fighters to Libya.")

    assert response.status_code == 201
    assert response.json()["similar"] is None
