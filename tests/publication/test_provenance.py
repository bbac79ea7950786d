"""GET /api/v1/claims/{id}/provenance/: a claim's attribution chains as W3C PROV-O, read back
as JSON-LD (pyld, rdflib) and Turtle, offline, and queried with SPARQL."""

import pytest
from django.urls import reverse
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS
from rest_framework.test import APIClient

from claims.choices import CitationRole
from claims.models import Citation
from core.services import instance_withdraw
from sources.choices import ActorKind
from sources.models import Snapshot
from tests.support.api import client_with_permissions, count_queries
from tests.support.desk import asserted_through_chain, quoted_citation, stated_directly
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
)
from tests.support.linked_data import (
    expand,
    graph_from_jsonld,
    graph_from_nquads,
    graph_from_turtle,
    to_nquads,
)
from tests.support.reference import reference_claims

pytestmark = pytest.mark.django_db

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
CHAIN_NAMES = (
    "U.S. Department of Defense",
    "Associated Press",
    "Radio Free Europe/Radio Liberty",
)
# Every chain of three hops: the origin (which derives from nothing), the one derived from
# it and the last, which nothing derives from, with the names of their agents.
THREE_HOPS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?first ?second ?third WHERE {
  ?statement dcterms:subject ?claim .
  ?last prov:specializationOf ?statement ;
        prov:wasDerivedFrom ?middle ;
        prov:hadPrimarySource ?origin ;
        prov:wasAttributedTo/foaf:name ?third .
  ?middle prov:wasDerivedFrom ?origin ;
          prov:hadPrimarySource ?origin ;
          prov:wasAttributedTo/foaf:name ?second .
  ?origin prov:wasAttributedTo/foaf:name ?first .
  FILTER NOT EXISTS { ?origin prov:wasDerivedFrom ?before }
  FILTER NOT EXISTS { ?after prov:wasDerivedFrom ?last }
}
"""


@pytest.fixture
def reader():
    return client_with_permissions("claims.view_claim")


def provenance_url(claim, suffix: str = "/") -> str:
    return reverse("api:claim-provenance", args=[claim.pk]).removesuffix("/") + suffix


def iri(name: str, pk: int) -> URIRef:
    return URIRef(f"http://testserver{reverse(f'api:{name}-detail', args=[pk])}")


def test_the_reference_chain_reads_back_from_the_rdf_with_sparql(reader):
    claims = reference_claims()
    response = reader.get(provenance_url(claims["C1"]))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()

    graph = graph_from_jsonld(document)
    rows = [tuple(str(name) for name in row) for row in graph.query(THREE_HOPS)]
    assert rows == [CHAIN_NAMES]

    # The same chain from the Turtle, and from pyld's reading of the JSON-LD.
    turtle = reader.get(provenance_url(claims["C1"]), HTTP_ACCEPT="text/turtle")
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    from_turtle = graph_from_turtle(turtle.content.decode())
    assert [tuple(map(str, row)) for row in from_turtle.query(THREE_HOPS)] == [CHAIN_NAMES]
    assert from_turtle.isomorphic(graph)
    # pyld expands every term to its PROV-O IRI and reads the same triples.
    (claim_node,) = [n for n in expand(document) if n["@id"] == str(iri("claim", claims["C1"].pk))]
    assert str(PROV.Entity) in claim_node["@type"]
    assert graph_from_nquads(to_nquads(document)).isomorphic(graph)


def test_the_reference_hops_their_snapshot_and_agents(reader):
    claims = reference_claims()
    graph = graph_from_jsonld(reader.get(provenance_url(claims["C1"])).json())
    citations = {
        citation.source.publisher.name: citation
        for citation in Citation.objects.filter(statement__claim=claims["C1"]).select_related(
            "source__publisher", "snapshot"
        )
        if citation.statement.actor.name == "U.S. Department of Defense"
    }
    dod, ap, rferl = (citations[name] for name in CHAIN_NAMES)
    assert dod.role == CitationRole.ORIGIN
    assert (iri("citation", ap.pk), PROV.wasDerivedFrom, iri("citation", dod.pk)) in graph
    assert (iri("citation", rferl.pk), PROV.wasDerivedFrom, iri("citation", ap.pk)) in graph
    assert (iri("citation", rferl.pk), PROV.hadPrimarySource, iri("citation", dod.pk)) in graph
    assert (iri("citation", dod.pk), PROV.hadPrimarySource, None) not in graph
    # No hop of this chain is a quotation of the one before.
    assert (None, PROV.wasQuotedFrom, None) not in graph

    # The article's hop carries the quote, and is part of the snapshot it was checked in.
    snapshot = rferl.snapshot
    assert (iri("citation", rferl.pk), PROV.value, Literal(rferl.quote, lang="en")) in graph
    assert (iri("citation", rferl.pk), DCTERMS.isPartOf, iri("snapshot", snapshot.pk)) in graph
    source = iri("source", rferl.source_id)
    assert (iri("snapshot", snapshot.pk), PROV.specializationOf, source) in graph
    (checksum,) = graph.objects(iri("snapshot", snapshot.pk), SPDX.checksum)
    assert graph.value(checksum, RDF.type) == SPDX.Checksum
    assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    assert str(graph.value(checksum, SPDX.checksumValue)) == Snapshot.digest(snapshot.text)

    # Agents: the actors, typed by kind; the hop's words name how the agency had access.
    agent = iri("actor", ap.source.publisher_id)
    assert (agent, RDF.type, PROV.Agent) in graph
    assert (agent, RDF.type, PROV.Organization) in graph
    assert str(graph.value(agent, FOAF.name)) == "Associated Press"
    assert str(graph.value(iri("citation", ap.pk), RDFS.label)) == "seen by Associated Press"


def test_each_role_maps_to_its_prov_relation_and_people_have_their_wikidata(reader):
    claim = ClaimFactory()
    speaker = ActorFactory(kind=ActorKind.PERSON, name="Jane Speaker", wikidata_id="Q42")
    statement = StatementFactory(claim=claim, actor=speaker)
    origin = CitationFactory(statement=statement, source=SourceFactory(publisher=speaker))
    quoting = CitationFactory(statement=statement, role=CitationRole.QUOTES, derived_from=origin)
    translating = CitationFactory(
        statement=statement,
        role=CitationRole.TRANSLATES,
        derived_from=quoting,
        source=SourceFactory(language="fr"),
    )
    graph = graph_from_jsonld(reader.get(provenance_url(claim)).json())
    hop = lambda citation: iri("citation", citation.pk)  # noqa: E731
    assert (hop(quoting), PROV.wasQuotedFrom, hop(origin)) in graph
    assert (hop(quoting), PROV.wasDerivedFrom, hop(origin)) in graph
    assert (hop(translating), PROV.wasDerivedFrom, hop(quoting)) in graph
    assert (hop(translating), PROV.wasQuotedFrom, None) not in graph
    assert (hop(translating), PROV.hadPrimarySource, hop(origin)) in graph
    person = iri("actor", speaker.pk)
    assert (person, RDF.type, PROV.Person) in graph
    assert (person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")) in graph
    assert (iri("statement", statement.pk), PROV.wasAttributedTo, person) in graph


def test_a_chain_without_its_origin_has_no_primary_source_and_withdrawn_links_are_left_out(
    reader,
):
    claim = ClaimFactory()
    statement = StatementFactory(claim=claim)
    first = CitationFactory(statement=statement, role=CitationRole.REPORTS)
    second = CitationFactory(statement=statement, role=CitationRole.REPUBLISHES, derived_from=first)
    gone = StatementFactory(claim=claim)
    withdrawn = CitationFactory(statement=gone)
    instance_withdraw(instance=gone, user=None, reason="Misattributed.")
    graph = graph_from_jsonld(reader.get(provenance_url(claim)).json())
    assert (iri("citation", second.pk), PROV.wasDerivedFrom, iri("citation", first.pk)) in graph
    assert (None, PROV.hadPrimarySource, None) not in graph
    assert (iri("statement", gone.pk), None, None) not in graph
    assert (iri("citation", withdrawn.pk), None, None) not in graph


def test_the_turtle_suffix_and_json_ld_suffix_choose_the_format(reader):
    claim = ClaimFactory()
    stated_directly(claim, ActorFactory(), "the bridge was closed")
    turtle = reader.get(provenance_url(claim, ".ttl"))
    assert turtle.status_code == 200
    assert turtle["Content-Type"].startswith("text/turtle")
    assert b"@prefix prov: <http://www.w3.org/ns/prov#>" in turtle.content
    jsonld = reader.get(provenance_url(claim, ".jsonld"))
    assert jsonld["Content-Type"] == "application/ld+json"
    assert graph_from_turtle(turtle.content.decode()).isomorphic(graph_from_jsonld(jsonld.json()))
    plain = reader.get(provenance_url(claim), HTTP_ACCEPT="application/json")
    assert plain["Content-Type"] == "application/json"
    assert plain.json() == jsonld.json()
    assert reader.get(provenance_url(claim), HTTP_ACCEPT="image/png").status_code == 406


def test_text_with_quotes_markup_and_unicode_survives_both_formats(reader):
    text = 'Il a dit « non » — <script>alert("x")</script> \\ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 """ \'\'\''
    claim = ClaimFactory(text=text)
    actor = ActorFactory(name="Ærøskøbing “Radio” <b>")
    statement = StatementFactory(claim=claim, actor=actor)
    quote = 'il a dit « non » """'
    citation = quoted_citation(statement, quote, source_fields={"publisher": actor})
    document = reader.get(provenance_url(claim)).json()
    for graph in (
        graph_from_jsonld(document),
        graph_from_turtle(reader.get(provenance_url(claim, ".ttl")).content.decode()),
    ):
        assert str(graph.value(iri("claim", claim.pk), URIRef("https://schema.org/text"))) == text
        assert str(graph.value(iri("actor", actor.pk), FOAF.name)) == actor.name
        assert str(graph.value(iri("citation", citation.pk), PROV.value)) == quote


def test_anonymous_and_unpermitted_readers_are_refused_and_unknown_claims_are_404s(reader):
    claim = ClaimFactory()
    anonymous = APIClient().get(provenance_url(claim))
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "not_authenticated"
    assert client_with_permissions().get(provenance_url(claim)).status_code == 403
    missing = reader.get("/api/v1/claims/987654321/provenance/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    as_turtle = reader.get("/api/v1/claims/987654321/provenance.ttl")
    assert as_turtle.status_code == 404
    assert len(graph_from_turtle(as_turtle.content.decode())) == 0
    assert reader.get(provenance_url(claim), {"nope": "1"}).status_code == 400
    assert reader.post(provenance_url(claim), {}, format="json").status_code == 405


def test_the_document_costs_the_same_queries_however_many_chains(reader):
    small, large = ClaimFactory(), ClaimFactory()
    asserted_through_chain(small, ActorFactory(), "the bridge was closed")
    for _ in range(6):
        asserted_through_chain(large, ActorFactory(), "the bridge was closed")
        stated_directly(large, ActorFactory(), "it was not")
    few, _ = count_queries(lambda: reader.get(provenance_url(small)))
    many, sql = count_queries(lambda: reader.get(provenance_url(large)))
    assert many == few, sql
    turtle_few, _ = count_queries(lambda: reader.get(provenance_url(small, ".ttl")))
    turtle_many, _ = count_queries(lambda: reader.get(provenance_url(large, ".ttl")))
    assert turtle_few == turtle_many == few
