"""GET /api/v1/claims/{id}/annotations/: each verified quote of a claim as a W3C Web
Annotation whose selectors find the quote in the snapshot, read back offline."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF
from rest_framework.test import APIClient

from claims.choices import CitationRole
from claims.models import Citation
from claims.services import citation_save
from core.services import instance_withdraw
from sources.models import Snapshot
from tests.support.api import client_with_permissions, count_queries
from tests.support.desk import quoted_citation
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    SnapshotFactory,
    StatementFactory,
)
from tests.support.linked_data import expand, graph_from_jsonld
from tests.support.reference import reference_claims

pytestmark = pytest.mark.django_db

OA = Namespace("http://www.w3.org/ns/oa#")
AS = Namespace("http://www.w3.org/ns/activitystreams#")
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@pytest.fixture
def reader():
    return client_with_permissions("claims.view_claim")


def annotations_url(claim) -> str:
    return reverse("api:claim-annotations", args=[claim.pk])


def api_iri(name: str, pk: int) -> str:
    return f"http://testserver{reverse(f'api:{name}-detail', args=[pk])}"


def selectors(annotation: dict) -> dict:
    return {selector["type"]: selector for selector in annotation["target"]["selector"]}


def assert_selects(annotation: dict, text: str) -> None:
    """Both selectors find the same passage of ``text``, with its context around it."""
    chosen = selectors(annotation)
    quote, position = chosen["TextQuoteSelector"], chosen["TextPositionSelector"]
    start, end = position["start"], position["end"]
    assert text[start:end] == quote["exact"]
    assert text[:start].endswith(quote["prefix"])
    assert text[end:].startswith(quote["suffix"])
    assert len(quote["prefix"]) == min(32, start)
    assert len(quote["suffix"]) == min(32, len(text) - end)


def test_the_reference_quotes_are_annotations_of_the_snapshot(reader):
    claims = reference_claims()
    response = reader.get(annotations_url(claims["C1"]))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == PROFILE
    document = response.json()
    citations = Citation.objects.filter(
        statement__claim=claims["C1"], quote_verified=True
    ).select_related("snapshot")
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == len(citations) == len(document["first"]["items"])
    by_id = {api_iri("citation", c.pk) + "#quote": c for c in citations}
    for annotation in document["first"]["items"]:
        citation = by_id[annotation["id"]]
        assert annotation["motivation"] == "quoting"
        assert annotation["target"]["source"] == api_iri("snapshot", citation.snapshot_id)
        assert annotation["body"][0] == api_iri("statement", citation.statement_id)
        assert_selects(annotation, citation.snapshot.text)

    # As RDF: every annotation is an oa:Annotation quoting a passage of the snapshot.
    graph = graph_from_jsonld(document)
    annotations = set(graph.subjects(RDF.type, OA.Annotation))
    assert len(annotations) == len(citations)
    collection = URIRef(document["id"])
    assert (collection, RDF.type, AS.OrderedCollection) in graph
    assert graph.value(collection, AS.totalItems) == Literal(len(citations), datatype=NON_NEGATIVE)
    for node in annotations:
        assert (node, OA.motivatedBy, OA.quoting) in graph
        target = graph.value(node, OA.hasTarget)
        snapshot = graph.value(target, OA.hasSource)
        text = Snapshot.objects.get(pk=int(str(snapshot).rstrip("/").rsplit("/", 1)[1])).text
        selected = {graph.value(s, RDF.type): s for s in graph.objects(target, OA.hasSelector)}
        quote, position = selected[OA.TextQuoteSelector], selected[OA.TextPositionSelector]
        start, end = (
            graph.value(position, OA.start).toPython(),
            graph.value(position, OA.end).toPython(),
        )
        assert text[start:end] == str(graph.value(quote, OA.exact))
        assert text[:start].endswith(str(graph.value(quote, OA.prefix)))

    # pyld expands the terms to the Web Annotation vocabulary.
    (expanded,) = expand(document)
    assert expanded["@type"] == [str(AS.OrderedCollection)]
    page = expanded[str(AS.first)][0]
    items = page[str(AS.items)][0]["@list"]
    assert {item["@type"][0] for item in items} == {str(OA.Annotation)}


def test_only_current_verified_quotes_are_annotated(reader):
    claim = ClaimFactory()
    statement = StatementFactory(claim=claim)
    verified = quoted_citation(statement, "the bridge was closed")
    CitationFactory(statement=statement, role=CitationRole.REPORTS, quote="")
    withdrawn = quoted_citation(statement, "the bridge was open")
    instance_withdraw(instance=withdrawn, user=None, reason="Misread.")
    gone = StatementFactory(claim=claim)
    quoted_citation(gone, "it never was")
    instance_withdraw(instance=gone, user=None, reason="Misattributed.")
    document = reader.get(annotations_url(claim)).json()
    assert [item["id"] for item in document["first"]["items"]] == [
        api_iri("citation", verified.pk) + "#quote"
    ]


def test_a_claim_without_verified_quotes_has_an_empty_collection(reader):
    claim = ClaimFactory()
    document = reader.get(annotations_url(claim)).json()
    assert document["total"] == 0
    assert document["first"]["items"] == []
    assert len(graph_from_jsonld(document)) > 0


_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=0,
    max_size=60,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=_text, quote=_text.filter(lambda s: s.strip()), after=_text)
def test_selectors_find_any_quote_in_any_text(reader, before, quote, after):
    """Offsets count code points: astral characters and combining marks do not shift them."""
    text = f"{before}{quote}{after}"
    claim = ClaimFactory(text=f"Claim «{quote}»")
    statement = StatementFactory(claim=claim)
    snapshot = SnapshotFactory(text=text)
    citation = CitationFactory.build(
        statement=statement, source=snapshot.source, quote=quote, snapshot=snapshot
    )
    citation = citation_save(citation=citation)
    document = reader.get(annotations_url(claim)).json()
    (annotation,) = document["first"]["items"]
    assert_selects(annotation, text)
    assert annotation["body"][1]["value"] == claim.text
    graph = graph_from_jsonld(document)
    assert (None, OA.exact, Literal(citation.quote)) in graph


def test_anonymous_and_unpermitted_readers_are_refused(reader):
    claim = ClaimFactory()
    anonymous = APIClient().get(annotations_url(claim))
    assert anonymous.status_code == 401
    assert client_with_permissions().get(annotations_url(claim)).status_code == 403
    assert reader.get("/api/v1/claims/987654321/annotations/").status_code == 404
    assert reader.get(annotations_url(claim), {"page": "2"}).status_code == 400
    assert reader.get(annotations_url(claim), HTTP_ACCEPT="text/turtle").status_code == 406
    profiled = reader.get(annotations_url(claim), HTTP_ACCEPT=PROFILE)
    assert profiled.status_code == 200
    assert profiled["Content-Type"] == PROFILE
    plain = reader.get(annotations_url(claim), HTTP_ACCEPT="application/json")
    assert plain["Content-Type"] == "application/json"
    assert plain.json() == profiled.json()


def test_the_collection_costs_the_same_queries_for_n_quotes_as_for_2n(reader):
    def claim_with(quotes: int):
        claim = ClaimFactory()
        for index in range(quotes):
            quoted_citation(StatementFactory(claim=claim), f"the bridge was closed {index}")
        return claim

    few_claim, many_claim = claim_with(3), claim_with(6)
    few, _ = count_queries(lambda: reader.get(annotations_url(few_claim)))
    many, sql = count_queries(lambda: reader.get(annotations_url(many_claim)))
    assert many == few, sql
    assert reader.get(annotations_url(many_claim)).json()["total"] == 6
