"""Match results are written as dictionaries (``PlainRepresentations.match_result``), the
same bytes as the result serializers write, for the match endpoint and a new claim's
duplicate candidates alike."""

from unittest import mock

import pytest

from claims import matching
from claims.api.serializers import PlainRepresentations
from claims.matching.store import claim_index
from reviews.services import external_fact_check_save
from tests.support.api import client_with_permissions
from tests.support.factories import ActorFactory, ClaimFactory, ExternalFactCheckFactory

TEXTS = [
    "Turkey sent more than 3,500 Syrian fighters to Libya in the first quarter of 2020.",
    "Were the Everglades pythons released by a hurricane?",
    "Moscow denied sending fighters to Libya, the Kremlin said on Friday.",
    "The city council approved a budget of 12 million dollars.",
]


@pytest.fixture
def claims(db):
    claim_index.reset()
    made = [
        ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya in Q1 2020.", language="en"),
        ClaimFactory(text="Turkey sent 35,000 Syrian fighters to Libya.", language="en"),
        ClaimFactory(text="The Kremlin denied that Russia sent fighters to Libya.", language="en"),
        ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992."),
        ClaimFactory(text="The council approved the new budget of 12 million dollars."),
    ]
    fact_check = ExternalFactCheckFactory.build(
        claim=made[3],
        publisher=ActorFactory(),
        headline="Hurricane Andrew released pythons into the Everglades",
        claim_reviewed="",
    )
    external_fact_check_save(fact_check=fact_check)
    yield made
    claim_index.reset()


def answers(client) -> list[bytes]:
    bodies = []
    for text in TEXTS:
        response = client.post("/api/v1/claims/match/", {"text": text, "limit": 5}, format="json")
        assert response.status_code == 200, response.content
        bodies.append(response.content)
    return bodies


def test_match_results_read_as_the_serializers_write_them(claims):
    client = client_with_permissions("claims.view_claim")
    plain = answers(client)
    with mock.patch.object(PlainRepresentations, "of", return_value=None):
        fields = answers(client)
    assert plain == fields
    together = b"".join(plain)
    assert b'"found_through":{"kind":"external_fact_check"' in together
    assert b'"agree":false' in together  # 3,500 against 35,000
    assert b'"agree":null' in together


def test_a_new_claim_s_candidates_read_as_the_serializers_write_them(claims):
    """Two creations given the same candidates, one answered each way."""
    client = client_with_permissions("claims.view_claim", "claims.add_claim")
    text = "Turkey sent 3,500 Syrian fighters to Libya."
    candidates = matching.match_claims(text, 5)
    assert len(candidates) >= 3

    def create() -> list:
        with mock.patch.object(matching, "similar_claims", return_value=candidates):
            response = client.post("/api/v1/claims/", {"text": text}, format="json")
        assert response.status_code == 201, response.content
        return response.json()["similar"]

    plain = create()
    with mock.patch.object(PlainRepresentations, "of", return_value=None):
        fields = create()
    assert plain == fields
    assert [match["claim"]["id"] for match in plain] == [m.claim.pk for m in candidates]
