"""Filters of the claims list: who said it, who denied it, where, when, how much, bad input."""

import datetime
from decimal import Decimal

import pytest

from claims.choices import ClaimKind, Stance
from claims.filtersets import ClaimFilterSet
from claims.models import Claim
from sources.models import Actor
from tests.support.api import client_with_permissions, count_queries, found
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)
from tests.support.reference import keys, reference_claims

URL = "/api/v1/claims/"


@pytest.fixture
def reader(db):
    return client_with_permissions("claims.view_claim")


@pytest.fixture
def reference(db):
    return reference_claims()


# The reference article


@pytest.mark.parametrize("name", ["Pentagon", "the pentagon", "PENTAGON", "U.S. military"])
def test_actor_by_any_alias_finds_the_department_of_defense_claims(reader, reference, name):
    """?actor=Pentagon (any alias, any case, with "the") finds the DoD's claims C1, C2, C3."""
    assert keys(reader.get(URL, {"actor": name}), reference) == {"C1", "C2", "C3"}


def test_actor_by_id_finds_the_same_claims_as_by_name(reader, reference):
    """An actor's id selects the same claims as its name."""
    dod = Actor.objects.get(name="U.S. Department of Defense")
    assert keys(reader.get(URL, {"actor": str(dod.pk)}), reference) == {"C1", "C2", "C3"}


def test_denied_by_moscow_finds_the_claims_russia_denied(reader, reference):
    """?denied_by=Moscow finds C4 and C5, the two claims the Russian government denied."""
    assert keys(reader.get(URL, {"denied_by": "Moscow"}), reference) == {"C4", "C5"}
    assert found(reader.get(URL, {"denied_by": "Pentagon"})) == set()


def test_include_sub_actors_adds_the_claims_of_organisations_below(reader, reference):
    """The U.S. government's own claim is C4; with its sub-organisations, the DoD's too."""
    params = {"actor": "United States government"}
    assert keys(reader.get(URL, params), reference) == {"C4"}
    params["include_sub_actors"] = "true"
    assert keys(reader.get(URL, params), reference) == {"C1", "C2", "C3", "C4"}
    params["include_sub_actors"] = "false"
    assert keys(reader.get(URL, params), reference) == {"C4"}


def test_actor_and_stance_must_match_the_same_statement(reader, reference):
    """Moscow denies C4 and C5 and asserts nothing: ?actor=Moscow&stance=asserts is empty."""
    denies = reader.get(URL, {"actor": "Moscow", "stance": "denies"})
    assert keys(denies, reference) == {"C4", "C5"}
    assert found(reader.get(URL, {"actor": "Moscow", "stance": "asserts"})) == set()


def test_publisher_of_a_cited_source_by_alias(reader, reference):
    """?publisher=AP finds the claims cited in the Associated Press story: C1, C2, C3."""
    assert keys(reader.get(URL, {"publisher": "AP"}), reference) == {"C1", "C2", "C3"}


# Actors


def test_an_unknown_actor_name_matches_nothing_and_is_not_an_error(reader):
    """A name nobody goes by gives an empty page, not an error."""
    StatementFactory()
    response = reader.get(URL, {"actor": "Nobody at all"})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_several_actors_comma_separated_or_repeated_are_ored(reader):
    """?actor=a,b and ?actor=a&actor=b both find the claims of either actor."""
    first, second, third = (StatementFactory() for _ in range(3))
    AliasFactory(actor=second.actor, name="Ankara")
    expected = {first.claim_id, second.claim_id}
    assert found(reader.get(URL, {"actor": f"{first.actor.name},Ankara"})) == expected
    assert found(reader.get(URL, {"actor": [str(first.actor_id), "ankara"]})) == expected
    assert third.claim_id not in found(reader.get(URL, {"actor": "Ankara"}))


def test_an_actor_name_containing_a_comma_still_finds_its_actor(reader):
    """A comma-separated value is also tried as a whole name."""
    statement = StatementFactory(actor=ActorFactory(name="Ministry of Defence, United Kingdom"))
    StatementFactory()
    params = {"actor": "Ministry of Defence, United Kingdom"}
    assert found(reader.get(URL, params)) == {statement.claim_id}


def test_include_sub_actors_follows_the_tree_however_deep(reader):
    """Statements by a grandchild organisation count; a sibling tree does not."""
    top = ActorFactory(name="Federal government")
    middle = ActorFactory(name="Ministry", parent=top)
    bottom = ActorFactory(name="Agency", parent=middle)
    unrelated = ActorFactory(name="Other government", parent=ActorFactory())
    deep = StatementFactory(actor=bottom)
    own = StatementFactory(actor=top)
    StatementFactory(actor=unrelated)
    params = {"actor": "Federal government", "include_sub_actors": "1"}
    assert found(reader.get(URL, params)) == {deep.claim_id, own.claim_id}
    params = {"actor": "Ministry", "include_sub_actors": "1"}
    assert found(reader.get(URL, params)) == {deep.claim_id}


def test_denied_by_with_include_sub_actors(reader):
    """A denial by a ministry counts as the government's with include_sub_actors."""
    government = ActorFactory(name="Government")
    ministry = ActorFactory(name="Foreign ministry", parent=government)
    denial = StatementFactory(actor=ministry, stance=Stance.DENIES)
    assert found(reader.get(URL, {"denied_by": "Government"})) == set()
    params = {"denied_by": "Government", "include_sub_actors": "true"}
    assert found(reader.get(URL, params)) == {denial.claim_id}


def test_actor_with_stance_needs_one_statement_with_both(reader):
    """A claim A asserts and B denies is not "denied by A"; a claim A denies is."""
    a, b = ActorFactory(name="Alpha"), ActorFactory(name="Beta")
    mixed = StatementFactory(actor=a, stance=Stance.ASSERTS).claim
    StatementFactory(claim=mixed, actor=b, stance=Stance.DENIES)
    denied_by_a = StatementFactory(actor=a, stance=Stance.DENIES).claim
    assert found(reader.get(URL, {"actor": "Alpha", "stance": "denies"})) == {denied_by_a.pk}
    assert found(reader.get(URL, {"actor": "Alpha", "stance": ["denies", "asserts"]})) == {
        mixed.pk,
        denied_by_a.pk,
    }
    assert found(reader.get(URL, {"actor": "Beta", "stance": "denies"})) == {mixed.pk}


# Stances and denials


def test_stance_alone_finds_claims_with_such_a_statement(reader):
    disputed = StatementFactory(stance=Stance.DISPUTES).claim
    StatementFactory(stance=Stance.ASSERTS)
    assert found(reader.get(URL, {"stance": "disputes"})) == {disputed.pk}


def test_has_denial_true_and_false_split_the_claims(reader):
    denied = StatementFactory(stance=Stance.DENIES).claim
    StatementFactory(claim=denied, stance=Stance.ASSERTS)
    undenied = StatementFactory(stance=Stance.ASSERTS).claim
    bare = ClaimFactory()
    assert found(reader.get(URL, {"has_denial": "true"})) == {denied.pk}
    assert found(reader.get(URL, {"has_denial": "false"})) == {undenied.pk, bare.pk}
    assert found(reader.get(URL, {"has_denial": "1"})) == {denied.pk}
    assert found(reader.get(URL, {"has_denial": "0"})) == {undenied.pk, bare.pk}


# Where it is recorded


def test_source_finds_the_claims_cited_in_it(reader):
    citation = CitationFactory()
    CitationFactory(statement=citation.statement)  # another source, same claim
    other = CitationFactory()
    assert found(reader.get(URL, {"source": citation.source_id})) == {citation.statement.claim_id}
    assert found(reader.get(URL, {"source": other.source_id})) == {other.statement.claim_id}
    assert found(reader.get(URL, {"source": 10**12})) == set()


def test_a_claim_cited_twice_in_a_source_is_listed_once(reader):
    citation = CitationFactory()
    CitationFactory(
        statement=StatementFactory(claim=citation.statement.claim), source=citation.source
    )
    response = reader.get(URL, {"source": citation.source_id})
    assert [row["id"] for row in response.json()["results"]] == [citation.statement.claim_id]


def test_publisher_by_id_or_alias(reader):
    outlet = ActorFactory(name="Daily Planet")
    AliasFactory(actor=outlet, name="The Planet")
    cited = CitationFactory(source=SourceFactory(publisher=outlet))
    CitationFactory()
    expected = {cited.statement.claim_id}
    assert found(reader.get(URL, {"publisher": "planet"})) == expected
    assert found(reader.get(URL, {"publisher": outlet.pk})) == expected


# What the claim is


def test_topic_by_slug_or_name(reader):
    topic = TopicFactory(name="Arms embargo", slug="arms-embargo")
    tagged = ClaimFactory()
    tagged.topics.add(topic)
    ClaimFactory().topics.add(TopicFactory(name="Elections"))
    assert found(reader.get(URL, {"topic": "arms-embargo"})) == {tagged.pk}
    assert found(reader.get(URL, {"topic": "arms EMBARGO"})) == {tagged.pk}
    assert found(reader.get(URL, {"topic": "unknown-topic"})) == set()


def test_language_and_kind(reader):
    arabic = ClaimFactory(language="ar")
    position = ClaimFactory(kind=ClaimKind.POSITION)
    assert found(reader.get(URL, {"language": "ar"})) == {arabic.pk}
    assert found(reader.get(URL, {"kind": "position"})) == {position.pk}
    assert position.pk in found(reader.get(URL, {"kind": ["position", "factual"]}))


def test_quantity_range(reader):
    def with_quantity(value):
        return ClaimFactory(quantity_value=Decimal(value), quantity_comparator="exactly")

    small, middle, large = with_quantity("10"), with_quantity("3500"), with_quantity("90000.5")
    ClaimFactory()  # no quantity: never in a quantity range
    assert found(reader.get(URL, {"quantity_min": "3500"})) == {middle.pk, large.pk}
    assert found(reader.get(URL, {"quantity_max": "3500"})) == {small.pk, middle.pk}
    assert found(reader.get(URL, {"quantity_min": "11", "quantity_max": "90000"})) == {middle.pk}


def test_period_overlapping_a_range(reader):
    """A period matches when it overlaps the range; a period with one end is that one day."""

    def period(start, end):
        return ClaimFactory(
            period_start=start and datetime.date.fromisoformat(start),
            period_end=end and datetime.date.fromisoformat(end),
        )

    q1 = period("2020-01-01", "2020-03-31")
    july = period("2020-07-17", None)
    until_may = period(None, "2020-05-01")
    ClaimFactory()  # no period: never in a period range
    params = {"period_after": "2020-03-31", "period_before": "2020-06-30"}
    assert found(reader.get(URL, params)) == {q1.pk, until_may.pk}
    assert found(reader.get(URL, {"period_after": "2020-04-01"})) == {july.pk, until_may.pk}
    assert found(reader.get(URL, {"period_before": "2019-12-31"})) == set()
    assert found(reader.get(URL, {"period_before": "2020-01-01"})) == {q1.pk}
    params = {"period_after": "2020-07-17", "period_before": "2020-07-17"}
    assert found(reader.get(URL, params)) == {july.pk}


def test_created_range_takes_any_offset_and_compares_in_utc(reader):
    """+20:14 is beyond what PostgreSQL accepts: it is converted to UTC, not refused with a 500."""
    claim = ClaimFactory()
    created = claim.created_at.astimezone(
        datetime.timezone(datetime.timedelta(hours=20, minutes=14))
    )
    just_before = (created - datetime.timedelta(seconds=1)).isoformat()
    just_after = (created + datetime.timedelta(seconds=1)).isoformat()
    assert "+20:14" in just_before
    assert found(reader.get(URL, {"created_after": just_before})) == {claim.pk}
    assert found(reader.get(URL, {"created_after": just_after})) == set()
    assert found(reader.get(URL, {"created_before": just_after})) == {claim.pk}


def test_filters_combine_with_and(reader):
    """Every filter given must hold: the actor's claim about the topic, not its other claims."""
    actor = ActorFactory(name="Spokesperson")
    topic = TopicFactory(name="Ceasefire")
    on_topic = StatementFactory(actor=actor).claim
    on_topic.topics.add(topic)
    StatementFactory(actor=actor)
    ClaimFactory().topics.add(topic)
    assert found(reader.get(URL, {"actor": "spokesperson", "topic": "ceasefire"})) == {on_topic.pk}


# Bad input: 400 with the message under the parameter's name, never a 500


HOSTILE = [
    ("actor", "99999999999999999999"),
    ("actor", "9223372036854775808"),
    ("actor", "-1"),
    ("actor", "0"),
    ("actor", "x" * 256),
    ("actor", ",".join(str(n) for n in range(1, 102))),
    ("denied_by", "-7"),
    ("publisher", "1" * 5000),
    ("include_sub_actors", "yes"),
    ("has_denial", "maybe"),
    ("has_denial", "2"),
    ("stance", "lies"),
    ("kind", "rumour"),
    ("source", "-1"),
    ("source", "0"),
    ("source", "9223372036854775808"),
    ("source", "abc"),
    ("source", "²"),
    ("id", "²"),
    ("id", "1" * 5000),
    ("id", "-3"),
    ("topic", "t" * 101),
    ("language", "english"),
    ("language", "e" * 36),
    ("quantity_min", "NaN"),
    ("quantity_min", "Infinity"),
    ("quantity_max", "1e400"),
    ("quantity_max", "ten"),
    ("period_after", "2020-02-30"),
    ("period_before", "yesterday"),
    ("period_after", "99999-01-01"),
    ("created_after", "2020-01-01T00:00+24:00"),
    ("created_before", "2020-13-01T00:00Z"),
    ("updated_after", "not a time"),
    ("q", "x" * 501),
]


@pytest.mark.parametrize(("name", "value"), HOSTILE)
def test_hostile_values_answer_400_under_the_parameter_name(reader, settings, name, value):
    # The filters refuse what no int() should read (over 4300 digits) on their own, whatever
    # the URL length the API takes.
    settings.API_MAX_URL_LENGTH = 10_000
    StatementFactory()
    response = reader.get(URL, {name: value})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [name]
    assert body["errors"][name][0]


@pytest.mark.parametrize("name", ["q", "actor", "topic", "language", "period_after"])
def test_nul_bytes_answer_400(reader, name):
    """Refused before any filter runs, so the database never sees them."""
    response = reader.get(URL, {name: "Moscow\x00"})
    assert response.status_code == 400
    assert "NUL" in str(response.json())


@pytest.mark.parametrize("name", ["q", "actor", "denied_by", "publisher", "topic"])
def test_lone_surrogates_are_refused_by_the_filter(name):
    """They cannot arrive over HTTP as text (the request is refused first), nor through the form."""
    filterset = ClaimFilterSet(data={name: "\ud800"}, queryset=Claim.objects.all())
    assert not filterset.is_valid()
    assert list(filterset.errors) == [name]


def test_a_percent_encoded_lone_surrogate_answers_400(reader):
    response = reader.get(f"{URL}?actor=%ED%A0%80")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "1,Pentagon, ,"},
        {"actor": "+5"},
        {"quantity_min": "-3.5"},
        {"id": "1,2,3"},
        {"include_sub_actors": "TRUE"},
        {"period_after": "2020-01-01", "period_before": "2019-01-01"},
    ],
)
def test_unusual_but_valid_values_answer_200(reader, params):
    assert reader.get(URL, params).status_code == 200


# Query counts


def test_a_filtered_list_runs_the_same_queries_for_2_and_20_claims(reader):
    """Actor names, aliases and sub-organisations are resolved inside the one list query."""
    government = ActorFactory(name="Government")
    ministry = ActorFactory(name="Ministry", parent=government)
    AliasFactory(actor=ministry, name="The Ministry of Truth")
    denier = ActorFactory(name="Denier")
    topic = TopicFactory(name="Borders")
    source = SourceFactory()

    def make():
        statement = StatementFactory(actor=ministry, stance=Stance.ASSERTS)
        StatementFactory(claim=statement.claim, actor=denier, stance=Stance.DENIES)
        CitationFactory(statement=statement, source=source, quote="Troops crossed the border.")
        statement.claim.topics.add(topic)

    params = {
        "actor": "Government",
        "include_sub_actors": "true",
        "stance": "asserts",
        "denied_by": "denier",
        "has_denial": "true",
        "topic": "borders",
        "source": source.pk,
        "publisher": source.publisher_id,
        "q": "troops border",
        "page_size": 50,
    }
    reader.get(URL)  # the token's first use records it; later ones do not
    for _ in range(2):
        make()
    small, _ = count_queries(lambda: reader.get(URL, params))
    assert len(found(reader.get(URL, params))) == 2
    for _ in range(18):
        make()
    large, sql = count_queries(lambda: reader.get(URL, params))
    assert len(found(reader.get(URL, params))) == 20
    assert large == small, f"{small} queries for 2 claims, {large} for 20:\n{sql}"
    plain, _ = count_queries(lambda: reader.get(URL, {"page_size": 50}))
    assert large == plain, f"filters added queries: {plain} unfiltered, {large} filtered:\n{sql}"
