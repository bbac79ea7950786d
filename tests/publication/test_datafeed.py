"""GET /claimreview/feed.json: every published fact-check as a schema.org DataFeed of the
ClaimReview its page embeds, newest first, a page at a time, for anyone."""

import pytest
from django.urls import reverse
from rdflib import Namespace, URIRef
from rdflib.namespace import RDF

from claims.choices import Stance
from tests.support.api import client_with_permissions
from tests.support.desk import (
    UNPUBLISHED_STATES,
    asserted_through_chain,
    at,
    simple_claim,
    stated_directly,
    utc,
)
from tests.support.factories import ActorFactory, ClaimFactory
from tests.support.linked_data import expand, graph_from_jsonld, with_schema_org_inline
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

SCHEMA = Namespace("https://schema.org/")
HYDRA = "http://www.w3.org/ns/hydra/core#"
FEED = "/claimreview/feed.json"


def feed(client, **params):
    response = client.get(FEED, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/ld+json"
    return response.json()


def reviewed(document) -> list[str]:
    return [element["item"][0]["claimReviewed"] for element in document["dataFeedElement"]]


def published(desk, text: str, moment):
    claim = simple_claim(text)
    with at(moment):
        review = desk.publish(claim)
    return claim, review


def test_the_feed_lists_published_fact_checks_only_newest_first(client, desk):
    published(desk, "Oldest", utc(2024, 1, 1))
    _, corrected = published(desk, "Corrected", utc(2024, 2, 1))
    with at(utc(2024, 5, 1)):
        desk.correct(corrected, note="Sharper.", explanation="Corrected.")
    published(desk, "Newest", utc(2024, 3, 1))
    _, retracted = published(desk, "Retracted", utc(2024, 4, 1))
    desk.retract(retracted)
    for state in UNPUBLISHED_STATES:
        desk.review_to(simple_claim(f"Still {state}"), state)
    simple_claim("Never reviewed")

    document = feed(client)
    assert document["@type"] == "DataFeed"
    assert reviewed(document) == ["Newest", "Corrected", "Oldest"]
    corrected_item = document["dataFeedElement"][1]
    assert corrected_item["@type"] == "DataFeedItem"
    assert corrected_item["dateCreated"] == "2024-02-01T12:00:00+00:00"
    assert corrected_item["dateModified"] == "2024-05-01T12:00:00+00:00"
    assert "dateModified" not in document["dataFeedElement"][0]


def test_each_item_is_the_claimreview_of_the_page_and_the_api(client, desk):
    claim = ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya.")
    assertion = asserted_through_chain(
        claim, ActorFactory(name="U.S. Department of Defense", wikidata_id="Q11209"), "3,500"
    )
    stated_directly(
        claim, ActorFactory(), "no fighters", stance=Stance.DENIES, responds_to=assertion
    )
    desk.publish(claim, rating="Unproven")
    (element,) = feed(client)["dataFeedElement"]
    (embedded,) = parse(client.get(reverse("public:detail", args=[claim.pk]))).json_ld
    api = client_with_permissions("claims.view_claim")
    assert element["item"] == [embedded]
    assert element["item"][0] == api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()


def test_the_feed_parses_as_json_ld_and_as_rdf(client, desk):
    for index in range(2):
        published(desk, f"Claim {index}", utc(2024, 1, 1 + index))
    document = with_schema_org_inline(feed(client))
    graph = graph_from_jsonld(document)
    (datafeed,) = graph.subjects(RDF.type, SCHEMA.DataFeed)
    items = list(graph.objects(datafeed, SCHEMA.dataFeedElement))
    assert len(items) == 2
    reviews = [graph.value(item, SCHEMA.item) for item in items]
    assert {graph.value(review, RDF.type) for review in reviews} == {SCHEMA.ClaimReview}
    assert {str(graph.value(review, SCHEMA.claimReviewed)) for review in reviews} == {
        "Claim 0",
        "Claim 1",
    }
    first = URIRef(f"{HYDRA}first")
    assert graph.value(datafeed, first) == URIRef(f"http://testserver{FEED}")
    (expanded,) = expand(document)
    assert expanded["@type"] == [str(SCHEMA.DataFeed)]


def test_pages_link_to_each_other_in_the_document_and_the_headers(client, desk, monkeypatch):
    monkeypatch.setattr("publication.datafeed.FEED_PAGE_SIZE", 2)
    for index in range(5):
        published(desk, f"Claim {index}", utc(2024, 1, 1 + index))
    base = f"http://testserver{FEED}"
    first = feed(client)
    assert reviewed(first) == ["Claim 4", "Claim 3"]
    assert first[f"{HYDRA}next"] == {"@id": f"{base}?page=2"}
    assert f"{HYDRA}previous" not in first
    response = client.get(FEED, {"page": 2})
    assert response["Link"] == (
        f'<{base}>; rel="first", <{base}>; rel="prev", <{base}?page=3>; rel="next"'
    )
    assert reviewed(response.json()) == ["Claim 2", "Claim 1"]
    last = feed(client, page=3)
    assert reviewed(last) == ["Claim 0"]
    assert f"{HYDRA}next" not in last
    assert last[f"{HYDRA}previous"] == {"@id": f"{base}?page=2"}
    assert last["url"] == f"{base}?page=3"
    assert reviewed(feed(client, page=4)) == []


def test_a_page_costs_the_same_queries_whatever_its_size(
    client, desk, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("publication.datafeed.FEED_PAGE_SIZE", 10)
    for index in range(2):
        published(desk, f"Claim {index}", utc(2024, 1, 1 + index))
    with django_assert_num_queries(1):
        assert len(feed(client)["dataFeedElement"]) == 2
    for index in range(2, 6):
        claim, review = published(desk, f"Claim {index}", utc(2024, 1, 1 + index))
        asserted_through_chain(claim, ActorFactory(), "the bridge was closed")
    desk.correct(review, note="One.", explanation="Two.")
    with django_assert_num_queries(1):
        assert len(feed(client)["dataFeedElement"]) == 6


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"cursor": "x"}, "cursor"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, params, name):
    response = client.get(FEED, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [name]


def test_the_feed_only_reads(client):
    assert client.post(FEED).status_code == 405
    assert client.head(FEED).status_code == 200


def test_markup_and_unicode_survive(client, desk):
    text = 'Он сказал «нет» </script><script>alert("x")</script> & 𝔘 \u2028'
    published(desk, text, utc(2024, 1, 1))
    document = feed(client)
    assert reviewed(document) == [text]
    assert b"</script>" in client.get(FEED).content
    graph = graph_from_jsonld(with_schema_org_inline(document))
    assert [str(value) for value in graph.objects(None, SCHEMA.claimReviewed)] == [text]
