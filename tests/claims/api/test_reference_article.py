"""The reference article through the API: the questions a fact-checker asks of it.

Expectations come from the vendored ``.expected.json``, independently of the loader.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Claim
from devtools.conf import reference_dir
from tests.support.api import client_with_permissions

ARTICLE = "rferl-2020-07-libya-syrian-fighters"
LABELS = json.loads((reference_dir() / f"{ARTICLE}.expected.json").read_text(encoding="utf-8"))
CLAIMS = {spec["key"]: spec for spec in LABELS["claims"]}


@pytest.fixture
def client(db):
    call_command("load_reference_article", stdout=StringIO())
    return client_with_permissions("claims.view_claim")


def claim_id(key: str) -> int:
    return Claim.objects.get(text=CLAIMS[key]["text"]).pk


def listed(client, **params) -> set[int]:
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["next"] is None
    return {row["id"] for row in body["results"]}


def test_claims_of_the_pentagon_are_the_department_of_defense_claims(client):
    """?actor=Pentagon resolves the alias and returns exactly the DoD's claims: C1, C2, C3."""
    dod = {
        key for key, spec in CLAIMS.items() if spec["attributed_to"] == "U.S. Department of Defense"
    }
    assert dod == {"C1", "C2", "C3"}
    assert listed(client, actor="Pentagon") == {claim_id(key) for key in dod}


def test_claims_moscow_denied(client):
    """?denied_by=Moscow returns the claims the Government of Russia denied: C4 and C5."""
    denied = {denial["target"] for denial in LABELS["denials"]}
    assert denied == {"C4", "C5"}
    assert listed(client, denied_by="Moscow") == {claim_id(key) for key in denied}


def test_the_3500_fighters_claim_shows_the_three_link_chain(client):
    """The DoD's statement is cited at the end of the chain report → AP → RFE/RL."""
    body = client.get(f"/api/v1/claims/{claim_id('C1')}/").json()
    assert body["quantity_display"] == "more than 3,500 Syrian fighters"
    (statement,) = [s for s in body["statements"] if s["speaker"] == "U.S. Department of Defense"]
    assert statement["stance"] == "asserts"
    assert statement["actor"]["name"] == "U.S. Department of Defense"
    (leaf,) = [c for c in statement["citations"] if len(c["chain"]) == 3]
    assert [
        (link["source"]["publisher"]["name"], link["source"]["kind"], link["role"], link["access"])
        for link in leaf["chain"]
    ] == [
        ("U.S. Department of Defense", "report", "origin", "direct"),
        ("Associated Press", "agency_story", "reports", "seen_by"),
        ("Radio Free Europe/Radio Liberty", "news_article", "republishes", "direct"),
    ]
    assert leaf["chain_display"] == (
        "U.S. Department of Defense — report (not public) → seen by Associated Press → "
        "republished by Radio Free Europe/Radio Liberty"
    )
    assert leaf["quote"] == CLAIMS["C1"]["quote"]
    assert leaf["quote_verified"] is True


def test_the_military_jets_claim_holds_russias_denial_of_the_us_accusation(client):
    """C4's denials hold the Government of Russia's, answering the United States government."""
    body = client.get(f"/api/v1/claims/{claim_id('C4')}/").json()
    (accusation,) = [s for s in body["statements"] if s["stance"] == "asserts"]
    assert accusation["speaker"] == CLAIMS["C4"]["attributed_to"] == "United States government"
    (denial,) = body["denials"]
    assert denial["actor"]["name"] == "Government of Russia"
    assert denial["responds_to"] == accusation["id"]
    (quote,) = {d["quote"] for d in LABELS["denials"] if d["target"] == "C4"}
    assert denial["quotes"] == [quote]
