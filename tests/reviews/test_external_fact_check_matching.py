"""Matching finds a claim by the headlines of its fact-checks published elsewhere: the
match endpoint says so in its signals, and every change of them reaches the index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import matching
from claims.matching.store import claim_index
from reviews.services import external_fact_check_delete, external_fact_check_save
from tests.support.api import client_with_permissions
from tests.support.factories import ActorFactory, ClaimFactory, ExternalFactCheckFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/match/"
QUERY = "Were the Everglades pythons released by a hurricane?"


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test starts from an empty index: the process's index outlives the rollback."""
    claim_index.reset()
    yield
    claim_index.reset()


def record(claim, **fields):
    fact_check = ExternalFactCheckFactory.build(claim=claim, publisher=ActorFactory(), **fields)
    return external_fact_check_save(fact_check=fact_check)


def matched(text=QUERY, limit=5):
    return {match.claim.pk: match for match in matching.match_claims(text, limit)}


def test_the_match_endpoint_finds_a_claim_through_a_fact_check_by_others(db):
    claim = ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992.")
    ClaimFactory(text="The city council approved the new budget.")
    record(
        claim,
        headline="Hurricane Andrew released pythons into the Everglades",
        claim_reviewed="",
    )
    client = client_with_permissions("claims.view_claim")
    response = client.post(URL, {"text": QUERY, "limit": 5}, format="json")
    assert response.status_code == 200, response.content
    (result,) = response.json()["results"]
    assert result["claim"]["id"] == claim.pk
    assert result["claim"]["text"] == claim.text  # the claim, not the headline
    signals = result["signals"]
    assert signals["found_through"] == {
        "kind": "external_fact_check",
        "text": "Hurricane Andrew released pythons into the Everglades",
    }
    assert {"everglad", "hurrican", "python"} <= set(signals["shared_terms"])


def test_a_claim_matched_by_its_own_text_says_so(db):
    claim = ClaimFactory(text="Hurricane Andrew released pythons into the Everglades.")
    record(claim, headline="A claim about snakes, checked", claim_reviewed="")
    client = client_with_permissions("claims.view_claim")
    (result,) = client.post(URL, {"text": QUERY}, format="json").json()["results"]
    assert result["claim"]["id"] == claim.pk
    assert result["signals"]["found_through"] is None


def test_adding_editing_and_deleting_a_fact_check_reaches_the_index(db):
    claim = ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992.")
    assert claim.pk not in matched()  # builds the index
    fact_check = record(claim, headline="Hurricane Andrew released pythons", claim_reviewed="")
    assert claim.pk in matched()

    fact_check.headline = "A flood of misinformation about reptiles"
    external_fact_check_save(fact_check=fact_check)
    assert claim.pk not in matched()

    fact_check.claim_reviewed = "The Everglades pythons came with a hurricane"
    external_fact_check_save(fact_check=fact_check)
    found = matched()[claim.pk]
    assert found.signals["found_through"]["text"] == fact_check.claim_reviewed

    external_fact_check_delete(fact_check=fact_check)
    assert claim.pk not in matched()


def test_moving_a_fact_check_to_another_claim_moves_its_texts(db):
    first = ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992.")
    second = ClaimFactory(text="Reptiles were seen on the highway.")
    fact_check = record(first, headline="Hurricane Andrew released pythons", claim_reviewed="")
    assert set(matched()) == {first.pk}
    fact_check.claim = second
    external_fact_check_save(fact_check=fact_check)
    assert set(matched()) == {second.pk}


def test_a_fact_check_stamps_its_claim_without_a_history_row(db):
    claim = ClaimFactory()
    before, rows = claim.updated_at, claim.history.count()
    record(claim)
    claim.refresh_from_db()
    assert claim.updated_at > before
    assert claim.history.count() == rows


def test_a_claim_without_extra_texts_costs_the_sync_no_more_query(db):
    """A fresh claim's row says whether it has extra texts: they are read for those only."""
    ClaimFactory(text="Penguins live in Antarctica.")
    claim_index.sync()
    ClaimFactory(text="Polar bears live in the Arctic.")
    with CaptureQueriesContext(connection) as plain:
        claim_index.sync()
    record(ClaimFactory(text="Snakes."), headline="Hurricane pythons")
    with CaptureQueriesContext(connection) as with_texts:
        claim_index.sync()
    # The claims written since, and the sums of the margin's.
    assert len(plain.captured_queries) == 2
    # The same, then the fresh claim's fact-checks' texts.
    assert len(with_texts.captured_queries) == 3


def test_a_withdrawn_claim_is_not_found_through_its_fact_checks(db):
    from core.services import instance_withdraw

    claim = ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992.")
    record(claim, headline="Hurricane Andrew released pythons", claim_reviewed="")
    assert claim.pk in matched()
    instance_withdraw(instance=claim, reason="A duplicate.")
    assert claim.pk not in matched()
    assert claim_index.extras_of(claim.pk) == ()


def test_deleting_in_the_admin_goes_through_the_service(admin_client):
    from django.urls import reverse

    claim = ClaimFactory(text="Burmese snakes escaped from a breeding facility in 1992.")
    fact_check = record(claim, headline="Hurricane Andrew released pythons", claim_reviewed="")
    assert claim.pk in matched()
    response = admin_client.post(
        reverse("admin:reviews_externalfactcheck_delete", args=[fact_check.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert claim.pk not in matched()
