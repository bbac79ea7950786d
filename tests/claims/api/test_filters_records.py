"""Filters of the statements, citations and claim relations lists."""

import datetime

import pytest
from django.utils.module_loading import import_string
from drf_spectacular.generators import SchemaGenerator

from claims.choices import AccessMode, CitationRole, Confidence, RelationKind, Stance
from claims.services import citation_save
from core.filtersets import BaseFilterSet
from tests.support.api import assert_refused, client_with_permissions, count_queries, found
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

STATEMENTS = "/api/v1/statements/"
CITATIONS = "/api/v1/citations/"
RELATIONS = "/api/v1/claim-relations/"


@pytest.fixture
def reader(db):
    return client_with_permissions(
        "claims.view_statement", "claims.view_citation", "claims.view_claimrelation"
    )


# Statements


def test_statements_by_claim_and_stance(reader):
    claim = ClaimFactory()
    asserts = StatementFactory(claim=claim, stance=Stance.ASSERTS)
    denies = StatementFactory(claim=claim, stance=Stance.DENIES)
    StatementFactory(stance=Stance.DENIES)
    assert found(reader.get(STATEMENTS, {"claim": claim.pk})) == {asserts.pk, denies.pk}
    assert found(reader.get(STATEMENTS, {"claim": claim.pk, "stance": "denies"})) == {denies.pk}
    params = {"stance": ["asserts", "denies"], "claim": claim.pk}
    assert found(reader.get(STATEMENTS, params)) == {asserts.pk, denies.pk}


def test_statements_by_actor_alias_and_sub_actors(reader):
    government = ActorFactory(name="Government of Russia")
    AliasFactory(actor=government, name="Moscow")
    ministry = ActorFactory(name="Ministry of Foreign Affairs", parent=government)
    own = StatementFactory(actor=government)
    below = StatementFactory(actor=ministry)
    StatementFactory()
    assert found(reader.get(STATEMENTS, {"actor": "moscow"})) == {own.pk}
    params = {"actor": "moscow", "include_sub_actors": "true"}
    assert found(reader.get(STATEMENTS, params)) == {own.pk, below.pk}
    assert found(reader.get(STATEMENTS, {"actor": ministry.pk})) == {below.pk}


def test_statements_by_response(reader):
    accusation = StatementFactory()
    denial = StatementFactory(claim=accusation.claim, stance=Stance.DENIES, responds_to=accusation)
    unanswered = StatementFactory()
    assert found(reader.get(STATEMENTS, {"responds_to": accusation.pk})) == {denial.pk}
    assert found(reader.get(STATEMENTS, {"has_response": "true"})) == {accusation.pk}
    assert found(reader.get(STATEMENTS, {"has_response": "false"})) == {denial.pk, unanswered.pk}


def test_statements_by_confidence_date_and_speaker(reader):
    low = StatementFactory(confidence=Confidence.LOW, stated_on=datetime.date(2020, 7, 17))
    unnamed = StatementFactory(
        actor=None, speaker_label="Western officials", stated_on=datetime.date(2020, 7, 18)
    )
    assert found(reader.get(STATEMENTS, {"confidence": "low"})) == {low.pk}
    params = {"stated_after": "2020-07-17", "stated_before": "2020-07-17"}
    assert found(reader.get(STATEMENTS, params)) == {low.pk}
    assert found(reader.get(STATEMENTS, {"stated_after": "2020-07-18"})) == {unnamed.pk}
    assert found(reader.get(STATEMENTS, {"speaker_label": "WESTERN"})) == {unnamed.pk}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("claim", "-1"),
        ("claim", "9223372036854775808"),
        ("actor", "0"),
        ("actor", "a" * 256),
        ("stance", "whispers"),
        ("responds_to", "one"),
        ("has_response", "perhaps"),
        ("include_sub_actors", "2"),
        ("confidence", "certain"),
        ("stated_after", "2020-02-30"),
        ("stated_before", "20200101"),
        ("speaker_label", "s" * 256),
        ("created_before", "2020-01-01T00:00+24:00"),
    ],
)
def test_hostile_statement_filters_answer_400(reader, name, value):
    assert_refused(reader.get(STATEMENTS, {name: value}), name)


def test_a_filtered_statement_list_runs_the_same_queries_for_2_and_20_rows(reader):
    actor = ActorFactory(name="Spokesman")
    AliasFactory(actor=actor, name="The Voice")
    params = {"actor": "voice", "stance": "denies", "has_response": "false"}
    reader.get(STATEMENTS)  # the token's first use records it; later ones do not

    def make(count):
        for _ in range(count):
            StatementFactory(actor=actor, stance=Stance.DENIES)

    make(2)
    small, _ = count_queries(lambda: reader.get(STATEMENTS, params))
    make(18)
    large, sql = count_queries(lambda: reader.get(STATEMENTS, params))
    assert len(found(reader.get(STATEMENTS, params))) == 20
    assert large == small, f"{small} queries for 2 statements, {large} for 20:\n{sql}"


# Citations


def test_citations_by_statement_claim_and_source(reader):
    origin = CitationFactory()
    statement = origin.statement
    report = CitationFactory(statement=statement, role=CitationRole.REPORTS, derived_from=origin)
    elsewhere = CitationFactory(source=origin.source)
    assert found(reader.get(CITATIONS, {"statement": statement.pk})) == {origin.pk, report.pk}
    assert found(reader.get(CITATIONS, {"claim": statement.claim_id})) == {origin.pk, report.pk}
    assert found(reader.get(CITATIONS, {"source": origin.source_id})) == {origin.pk, elsewhere.pk}


def test_citations_along_the_chain(reader):
    origin = CitationFactory()
    relay = CitationFactory(
        statement=origin.statement,
        role=CitationRole.REPORTS,
        access=AccessMode.SEEN_BY,
        derived_from=origin,
    )
    assert found(reader.get(CITATIONS, {"derived_from": origin.pk})) == {relay.pk}
    assert found(reader.get(CITATIONS, {"is_origin": "true"})) == {origin.pk}
    assert found(reader.get(CITATIONS, {"is_origin": "false"})) == {relay.pk}
    assert found(reader.get(CITATIONS, {"role": "reports"})) == {relay.pk}
    assert found(reader.get(CITATIONS, {"role": ["reports", "origin"]})) == {origin.pk, relay.pk}
    assert found(reader.get(CITATIONS, {"access": "seen_by"})) == {relay.pk}


def test_citations_by_publisher_alias(reader):
    agency = ActorFactory(name="Associated Press")
    AliasFactory(actor=agency, name="AP")
    wire = CitationFactory(source=SourceFactory(publisher=agency))
    CitationFactory()
    assert found(reader.get(CITATIONS, {"publisher": "AP"})) == {wire.pk}
    assert found(reader.get(CITATIONS, {"publisher": "UPI"})) == set()


def test_citations_by_snapshot_and_verification(reader):
    snapshot = SnapshotFactory(text="The minister said the bridge was closed on Monday.")
    verified = citation_save(
        citation=CitationFactory.build(
            statement=StatementFactory(),
            source=snapshot.source,
            snapshot=snapshot,
            quote="the bridge was closed",
        )
    )
    unverified = CitationFactory(quote="Words never captured.")
    assert verified.quote_verified
    assert found(reader.get(CITATIONS, {"snapshot": snapshot.pk})) == {verified.pk}
    assert found(reader.get(CITATIONS, {"verified": "true"})) == {verified.pk}
    assert found(reader.get(CITATIONS, {"verified": "false"})) == {unverified.pk}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("statement", "-1"),
        ("claim", "99999999999999999999"),
        ("source", "0"),
        ("publisher", "-4"),
        ("role", "inventor"),
        ("access", "telepathy"),
        ("verified", "yes"),
        ("snapshot", "1.5"),
        ("derived_from", "x"),
        ("is_origin", "nope"),
        ("q", "q" * 501),
        ("updated_before", "2020-01-01T00:00Z+01:00"),
    ],
)
def test_hostile_citation_filters_answer_400(reader, name, value):
    assert_refused(reader.get(CITATIONS, {name: value}), name)


def test_a_filtered_citation_list_runs_the_same_queries_for_2_and_20_rows(reader):
    agency = ActorFactory(name="Agency")
    AliasFactory(actor=agency, name="The Agency")
    source = SourceFactory(publisher=agency)
    params = {"publisher": "agency", "is_origin": "true", "q": "bridge closed"}
    reader.get(CITATIONS)  # the token's first use records it; later ones do not

    def make(count):
        for _ in range(count):
            CitationFactory(source=source, quote="The bridge was closed.")

    make(2)
    small, _ = count_queries(lambda: reader.get(CITATIONS, params))
    make(18)
    large, sql = count_queries(lambda: reader.get(CITATIONS, params))
    assert len(found(reader.get(CITATIONS, params))) == 20
    assert large == small, f"{small} queries for 2 citations, {large} for 20:\n{sql}"


# Claim relations


def test_relations_by_either_side_and_kind(reader):
    claim = ClaimFactory()
    outgoing = ClaimRelationFactory(from_claim=claim, kind=RelationKind.CONTRADICTS)
    incoming = ClaimRelationFactory(to_claim=claim, kind=RelationKind.SUPPORTS)
    ClaimRelationFactory()
    assert found(reader.get(RELATIONS, {"claim": claim.pk})) == {outgoing.pk, incoming.pk}
    assert found(reader.get(RELATIONS, {"from_claim": claim.pk})) == {outgoing.pk}
    assert found(reader.get(RELATIONS, {"to_claim": claim.pk})) == {incoming.pk}
    params = {"claim": claim.pk, "kind": "supports"}
    assert found(reader.get(RELATIONS, params)) == {incoming.pk}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("claim", "-1"),
        ("from_claim", "18446744073709551616"),
        ("to_claim", "²"),
        ("kind", "rhymes_with"),
    ],
)
def test_hostile_relation_filters_answer_400(reader, name, value):
    assert_refused(reader.get(RELATIONS, {name: value}), name)


# Documentation


@pytest.mark.parametrize(
    ("path", "filterset"),
    [
        ("/api/v1/claims/", "claims.filtersets.ClaimFilterSet"),
        ("/api/v1/statements/", "claims.filtersets.StatementFilterSet"),
        ("/api/v1/citations/", "claims.filtersets.CitationFilterSet"),
        ("/api/v1/claim-relations/", "claims.filtersets.ClaimRelationFilterSet"),
        ("/api/v1/sources/", "sources.filtersets.SourceFilterSet"),
        ("/api/v1/snapshots/", "sources.filtersets.SnapshotFilterSet"),
        ("/api/v1/actors/", "sources.filtersets.ActorFilterSet"),
    ],
)
def test_every_filter_is_documented_in_the_openapi_schema(openapi_schema, path, filterset):
    """Each filter of the resource appears as a query parameter with its help text."""
    filters = import_string(filterset).base_filters
    parameters = {
        parameter["name"]: parameter
        for parameter in openapi_schema["paths"][path]["get"]["parameters"]
        if parameter["in"] == "query"
    }
    own = set(filters) - set(BaseFilterSet.base_filters)
    assert own <= set(parameters)
    for name in own:
        assert parameters[name].get("description"), f"{path}?{name} has no description"


@pytest.fixture(scope="module")
def openapi_schema():
    return SchemaGenerator().get_schema(request=None, public=True)
