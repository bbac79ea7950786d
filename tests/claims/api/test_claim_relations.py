"""The claim-relations resource: how two claims relate."""

from claims.models import ClaimRelation
from tests.support.api import APIMatrix, client_with_permissions
from tests.support.factories import ClaimFactory, ClaimRelationFactory


class TestClaimRelations(APIMatrix):
    basename = "claimrelation"
    model = ClaimRelation
    brief_fields = ["id", "url", "display", "from_claim", "to_claim", "kind"]

    def make(self):
        return ClaimRelationFactory()

    def create_payload(self):
        return {
            "from_claim": ClaimFactory(text="More than 3,500 Syrian fighters.").pk,
            "to_claim": ClaimFactory(text="About 5,000 Syrian fighters.").pk,
            "kind": "contradicts",
            "note": "Competing figures for the same quarter.",
        }

    def invalid_payload(self):
        claim = ClaimFactory()
        return {"from_claim": claim.pk, "to_claim": claim.pk, "kind": "contradicts"}

    def update_payload(self):
        return {"note": "Both figures come from the same report."}


def writer(*actions):
    return client_with_permissions(
        "claims.view_claimrelation", *(f"claims.{action}_claimrelation" for action in actions)
    )


def test_detail_nests_both_claims_briefly(db):
    """Both ends are brief claims; the list gives their ids."""
    relation = ClaimRelationFactory()
    client = writer()
    body = client.get(f"/api/v1/claim-relations/{relation.pk}/").json()
    assert body["from_claim"] == {
        "id": relation.from_claim_id,
        "url": f"http://testserver/api/v1/claims/{relation.from_claim_id}/",
        "display": relation.from_claim.text,
        "text": relation.from_claim.text,
        "language": "en",
        "kind": "factual",
        "quantity_display": "",
    }
    assert body["to_claim"]["id"] == relation.to_claim_id
    (row,) = client.get("/api/v1/claim-relations/").json()["results"]
    assert (row["from_claim"], row["to_claim"]) == (relation.from_claim_id, relation.to_claim_id)


def test_a_claim_related_to_itself_gets_400_on_to_claim(db):
    """The model's rule answers, under the field it names."""
    response = writer("add").post(
        "/api/v1/claim-relations/", TestClaimRelations().invalid_payload(), format="json"
    )
    assert response.status_code == 400
    assert "to_claim" in response.json()["errors"]


def test_a_symmetric_relation_already_recorded_the_other_way_gets_400(db):
    """B contradicts A says what A contradicts B says: recording both is refused."""
    existing = ClaimRelationFactory(kind="contradicts")
    payload = {
        "from_claim": existing.to_claim_id,
        "to_claim": existing.from_claim_id,
        "kind": "contradicts",
    }
    response = writer("add").post("/api/v1/claim-relations/", payload, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]
    assert ClaimRelation.objects.count() == 1


def test_the_same_relation_twice_gets_400(db):
    """The unique constraint is checked by the service, not left to the database."""
    existing = ClaimRelationFactory(kind="refines")
    payload = {
        "from_claim": existing.from_claim_id,
        "to_claim": existing.to_claim_id,
        "kind": "refines",
    }
    response = writer("add").post("/api/v1/claim-relations/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["These claims are already related this way."]
    }


def test_a_relation_shows_on_both_claims(db):
    """Created here, the relation appears in both claims' details, with its direction."""
    payload = TestClaimRelations().create_payload()
    response = writer("add").post("/api/v1/claim-relations/", payload, format="json")
    assert response.status_code == 201, response.content
    relation_id = response.json()["id"]
    client = client_with_permissions("claims.view_claim")
    ends = {"from_claim": "outgoing", "to_claim": "incoming"}
    for end, direction in ends.items():
        other_end = "to_claim" if end == "from_claim" else "from_claim"
        body = client.get(f"/api/v1/claims/{payload[end]}/").json()
        (relation,) = body["relations"]
        assert relation["id"] == relation_id
        assert relation["direction"] == direction
        assert relation["other"]["id"] == payload[other_end]
        assert relation["kind"] == "contradicts"
