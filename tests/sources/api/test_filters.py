"""Filters of the sources, snapshots and actors lists."""

import datetime

import pytest

from sources.choices import SourceKind
from sources.filtersets import ActorReferenceField, SnapshotFilterSet
from tests.support.api import assert_refused, client_with_permissions, count_queries, found
from tests.support.factories import ActorFactory, AliasFactory, SnapshotFactory, SourceFactory

SOURCES = "/api/v1/sources/"
SNAPSHOTS = "/api/v1/snapshots/"
ACTORS = "/api/v1/actors/"


@pytest.fixture
def reader(db):
    return client_with_permissions(
        "sources.view_source", "sources.view_snapshot", "sources.view_actor"
    )


# Sources


def test_kind_takes_several_values(reader):
    report = SourceFactory(kind=SourceKind.REPORT)
    post = SourceFactory(kind=SourceKind.SOCIAL_POST)
    SourceFactory(kind=SourceKind.NEWS_ARTICLE)
    assert found(reader.get(SOURCES, {"kind": "report"})) == {report.pk}
    assert found(reader.get(SOURCES, {"kind": ["report", "social_post"]})) == {report.pk, post.pk}
    assert_refused(reader.get(SOURCES, {"kind": "rumour"}), "kind")


def test_publisher_by_id_name_or_alias(reader):
    agency = ActorFactory(name="Associated Press")
    AliasFactory(actor=agency, name="AP")
    story = SourceFactory(publisher=agency)
    SourceFactory()
    for value in ("AP", "ap", "associated press", str(agency.pk)):
        assert found(reader.get(SOURCES, {"publisher": value})) == {story.pk}, value
    assert found(reader.get(SOURCES, {"publisher": "Reuters"})) == set()


def test_author(reader):
    reporter = ActorFactory(name="A reporter")
    signed = SourceFactory()
    signed.authors.add(reporter, ActorFactory())
    SourceFactory().authors.add(ActorFactory())
    assert [
        row["id"] for row in reader.get(SOURCES, {"author": reporter.pk}).json()["results"]
    ] == [signed.pk]


def test_language_and_is_public(reader):
    french = SourceFactory(language="fr")
    hidden = SourceFactory(is_public=False)
    assert found(reader.get(SOURCES, {"language": "fr"})) == {french.pk}
    assert found(reader.get(SOURCES, {"is_public": "false"})) == {hidden.pk}
    assert hidden.pk not in found(reader.get(SOURCES, {"is_public": "true"}))
    assert french.pk in found(reader.get(SOURCES, {"is_public": "1"}))


def test_published_range_is_inclusive(reader):
    july = SourceFactory(published_on=datetime.date(2020, 7, 17))
    SourceFactory(published_on=datetime.date(2020, 8, 1))
    SourceFactory(published_on=None)
    params = {"published_after": "2020-07-17", "published_before": "2020-07-31"}
    assert found(reader.get(SOURCES, params)) == {july.pk}
    assert found(reader.get(SOURCES, {"published_before": "2020-07-16"})) == set()


def test_url_is_compared_in_normalised_form(reader):
    source = SourceFactory(url="https://www.rferl.org/a/libya-fighters/30735577.html")
    SourceFactory()
    messy = "HTTPS://WWW.RFERL.ORG/a/libya-fighters/30735577.html/?utm_source=x#top"
    assert found(reader.get(SOURCES, {"web_url": messy})) == {source.pk}
    assert found(reader.get(SOURCES, {"web_url": "https://www.rferl.org/"})) == set()
    # Kept as pasted, found by its canonical form.
    pasted = SourceFactory(url="https://example.org/story/?utm_source=feed#comments")
    assert found(reader.get(SOURCES, {"web_url": "https://EXAMPLE.org/story"})) == {pasted.pk}


def test_has_snapshot(reader):
    captured = SnapshotFactory().source
    bare = SourceFactory()
    assert found(reader.get(SOURCES, {"has_snapshot": "true"})) == {captured.pk}
    assert found(reader.get(SOURCES, {"has_snapshot": "false"})) == {bare.pk}


def test_q_searches_titles(reader):
    source = SourceFactory(title="Pentagon Says Turkey Sent 3,500 Syrian Fighters")
    SourceFactory(title="Elections")
    assert found(reader.get(SOURCES, {"q": "syrian fighters"})) == {source.pk}
    assert found(reader.get(SOURCES, {"q": "%"})) == set()


SOURCE_HOSTILE = [
    ("publisher", "-1"),
    ("publisher", "9223372036854775808"),
    ("author", "-1"),
    ("author", "99999999999999999999"),
    ("language", "French"),
    ("is_public", "yes"),
    ("has_snapshot", "none"),
    ("published_after", "2020-02-30"),
    ("published_before", "July"),
    ("created_after", "2020-01-01T25:00Z"),
    ("web_url", "u" * 2001),
    ("q", "q" * 501),
    ("id", "1,x"),
]


@pytest.mark.parametrize(("name", "value"), SOURCE_HOSTILE)
def test_hostile_source_filters_answer_400(reader, name, value):
    assert_refused(reader.get(SOURCES, {name: value}), name)


def test_a_filtered_source_list_runs_the_same_queries_for_2_and_20_sources(reader):
    agency = ActorFactory(name="Wire service")
    AliasFactory(actor=agency, name="The Wire")
    params = {"publisher": "wire", "has_snapshot": "true", "kind": "agency_story"}
    reader.get(SOURCES)  # the token's first use records it; later ones do not

    def make(count):
        for _ in range(count):
            SnapshotFactory(source=SourceFactory(publisher=agency, kind=SourceKind.AGENCY_STORY))

    make(2)
    small, _ = count_queries(lambda: reader.get(SOURCES, params))
    make(18)
    large, sql = count_queries(lambda: reader.get(SOURCES, params))
    assert len(found(reader.get(SOURCES, params))) == 20
    assert large == small, f"{small} queries for 2 sources, {large} for 20:\n{sql}"


# Snapshots


def test_snapshots_by_source_and_digest(reader):
    snapshot = SnapshotFactory()
    other = SnapshotFactory()
    assert found(reader.get(SNAPSHOTS, {"source": snapshot.source_id})) == {snapshot.pk}
    assert found(reader.get(SNAPSHOTS, {"sha256": snapshot.sha256})) == {snapshot.pk}
    assert found(reader.get(SNAPSHOTS, {"sha256": other.sha256.upper()})) == {other.pk}
    assert found(reader.get(SNAPSHOTS, {"sha256": "0" * 64})) == set()


def test_snapshots_by_capture_time_in_any_offset(reader):
    early = SnapshotFactory(captured_at=datetime.datetime(2020, 7, 17, 12, tzinfo=datetime.UTC))
    late = SnapshotFactory(captured_at=datetime.datetime(2020, 7, 19, 12, tzinfo=datetime.UTC))
    # 2020-07-18T08:14+20:14 is 2020-07-17T12:00 UTC: the early capture is at, not after it.
    assert found(reader.get(SNAPSHOTS, {"captured_after": "2020-07-18T08:14+20:14"})) == {
        early.pk,
        late.pk,
    }
    assert found(reader.get(SNAPSHOTS, {"captured_after": "2020-07-18T08:15+20:14"})) == {late.pk}
    assert found(reader.get(SNAPSHOTS, {"captured_before": "2020-07-18"})) == {early.pk}


def test_snapshots_have_no_update_filters():
    assert "updated_after" not in SnapshotFilterSet.base_filters
    assert "captured_after" in SnapshotFilterSet.base_filters


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sha256", "abc"),
        ("sha256", "g" * 64),
        ("sha256", "a" * 65),
        ("source", "-2"),
        ("source", "1e3"),
        ("captured_after", "2020-07-18T08:14+99:00"),
        ("captured_before", "soon"),
    ],
)
def test_hostile_snapshot_filters_answer_400(reader, name, value):
    assert_refused(reader.get(SNAPSHOTS, {name: value}), name)


# Actors


def test_actor_filters_validate_their_values(reader):
    assert_refused(reader.get(ACTORS, {"kind": "planet"}), "kind")
    assert_refused(reader.get(ACTORS, {"country": "USA"}), "country")
    assert_refused(reader.get(ACTORS, {"wikidata_id": "11209"}), "wikidata_id")
    assert_refused(reader.get(ACTORS, {"name": "n" * 256}), "name")
    assert_refused(reader.get(ACTORS, {"q": "q" * 501}), "q")
    assert_refused(reader.get(ACTORS, {"parent": "-1"}), "parent")


def test_actor_country_and_wikidata(reader):
    dod = ActorFactory(country="US", wikidata_id="Q11209")
    ActorFactory(country="RU")
    assert found(reader.get(ACTORS, {"country": "US"})) == {dod.pk}
    assert found(reader.get(ACTORS, {"wikidata_id": "Q11209"})) == {dod.pk}


# The actor reference field


@pytest.mark.parametrize(
    ("values", "ids", "names"),
    [
        (["12"], (12,), ()),
        (["+12", "007"], (12, 7), ()),
        (["12,Pentagon"], (12,), ("Pentagon", "12,Pentagon")),
        (["Moscow, Kremlin"], (), ("Moscow", "Kremlin", "Moscow, Kremlin")),
        (["1,2"], (1, 2), ()),
        ([" , ,"], None, None),
    ],
)
def test_actor_references_split_ids_from_names(values, ids, names):
    reference = ActorReferenceField(required=False).clean(values)
    if ids is None:
        assert reference is None
    else:
        assert (reference.ids, reference.names) == (ids, names)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "“-1” is not an id: ids are positive."),
        ("99999999999999999999", "“99999999999999999999” is not an id: it is beyond 64 bits."),
    ],
)
def test_actor_ids_that_cannot_be_ids_are_quoted_in_the_message(reader, value, message):
    response = reader.get(SOURCES, {"publisher": value})
    assert_refused(response, "publisher")
    assert response.json()["errors"]["publisher"] == [message]
