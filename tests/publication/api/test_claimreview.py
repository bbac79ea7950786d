"""GET /api/v1/claims/{id}/claimreview/: the ClaimReview the public page embeds, and nothing
for a claim without a published verdict."""

import datetime

import jsonschema
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.choices import Stance
from tests.support.api import client_with_permissions, count_queries
from tests.support.desk import (
    UNPUBLISHED_STATES,
    Desk,
    asserted_through_chain,
    at,
    simple_claim,
    stated_directly,
    utc,
)
from tests.support.factories import ActorFactory, ClaimFactory, role_user
from tests.support.pages import parse
from tests.support.routes import superuser_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db) -> Desk:
    return Desk(
        contributor=role_user("Contributor", username="contributor"),
        checker=role_user("Fact-checker", username="checker"),
        editor=role_user("Editor", username="editor-one"),
        other_editor=role_user("Editor", username="editor-two"),
    )


@pytest.fixture
def reader():
    return client_with_permissions("claims.view_claim")


def claimreview_url(claim) -> str:
    return reverse("api:claim-claimreview", args=[claim.pk])


def corrected_fact_check(desk):
    """A claim asserted through a chain and denied, published, then corrected."""
    claim = ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya.")
    assertion = asserted_through_chain(
        claim,
        ActorFactory(name="U.S. Department of Defense", wikidata_id="Q11209"),
        "more than 3,500 Syrian fighters",
        article_fields={"published_on": datetime.date(2020, 7, 17)},
    )
    stated_directly(
        claim, ActorFactory(), "no fighters", stance=Stance.DENIES, responds_to=assertion
    )
    with at(utc(2024, 7, 20)):
        review = desk.publish(claim, rating="True", explanation="The first verdict.")
    with at(utc(2024, 8, 1)):
        desk.correct(review, note="Sharper.", rating="Mostly true", explanation="Corrected.")
    return claim


def test_the_api_returns_exactly_the_document_the_page_embeds(client, desk, reader):
    claim = corrected_fact_check(desk)
    response = reader.get(claimreview_url(claim))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    (embedded,) = parse(client.get(reverse("public:detail", args=[claim.pk]))).json_ld
    assert document == embedded
    assert document["url"] == f"http://testserver/fact-checks/{claim.pk}/"
    assert document["datePublished"] == "2024-07-20T12:00:00+00:00"
    assert document["dateModified"] == "2024-08-01T12:00:00+00:00"
    assert document["reviewRating"]["alternateName"] == "Mostly true"
    assert document["reviewRating"]["ratingValue"] == 4
    assert document["itemReviewed"]["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q11209"
    assert document["itemReviewed"]["datePublished"] == "2020-07-17"


def test_the_document_conforms_to_its_documented_schema(desk, reader):
    claim = corrected_fact_check(desk)
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/claims/{id}/claimreview/"]["get"]
    documented = operation["responses"]["200"]["content"]["application/json"]["schema"]
    document = reader.get(claimreview_url(claim)).json()
    jsonschema.validate(document, documented)
    assert set(documented["required"]) <= set(document)
    assert {"400", "401", "403", "404", "406", "429"} <= set(operation["responses"])
    parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
    assert not parameters & {"fields", "brief", "cursor", "page_size", "q"}


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_a_claim_without_a_published_verdict_is_a_404_in_the_error_format(desk, reader, state):
    claim = simple_claim()
    desk.review_to(claim, state)
    response = reader.get(claimreview_url(claim))
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "This claim has no published fact-check.",
    }


def test_never_reviewed_retracted_and_unknown_claims_are_404s(desk, reader):
    retracted = simple_claim()
    desk.retract(desk.publish(retracted))
    for url in (
        claimreview_url(simple_claim()),
        claimreview_url(retracted),
        "/api/v1/claims/987654321/claimreview/",
        "/api/v1/claims/99999999999999999999/claimreview/",
    ):
        response = reader.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_the_api_needs_credentials_and_the_permission_to_read_claims(desk):
    claim = simple_claim()
    desk.publish(claim)
    anonymous = APIClient().get(claimreview_url(claim))
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    assert client_with_permissions().get(claimreview_url(claim)).status_code == 403
    assert client_with_permissions("claims.view_claim").get(claimreview_url(claim)).json()


def test_the_endpoint_only_reads(desk):
    claim = simple_claim()
    desk.publish(claim)
    api = superuser_client()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api, method)(claimreview_url(claim), {}, format="json")
        assert response.status_code == 405, method
        assert response.json()["code"] == "method_not_allowed"


def test_the_document_costs_the_same_queries_however_large_the_record(desk, reader):
    small = simple_claim()
    desk.publish(small)
    large = ClaimFactory()
    for _ in range(6):
        assertion = asserted_through_chain(large, ActorFactory(), "the bridge was closed")
        stated_directly(
            large, ActorFactory(), "it was not", stance=Stance.DENIES, responds_to=assertion
        )
    desk.correct(desk.publish(large), note="One.", explanation="Two.")
    reader.get(claimreview_url(small))  # the token's first use records it; later ones do not
    few, _ = count_queries(lambda: reader.get(claimreview_url(small)))
    many, sql = count_queries(lambda: reader.get(claimreview_url(large)))
    assert many == few, sql
    assert len(reader.get(claimreview_url(large)).json()["itemReviewed"]["appearance"]) == 6
