"""Recording fact-checks published elsewhere from ClaimReview files (``import_claimreviews``).

The files of ``claimreview/`` are constructed in seven publishers' and aggregators' shapes
with example domains (see ``test_claimreview_reader``); they are not collected pages.
"""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.choices import Stance
from claims.matching.store import IndexBuilding, claim_index
from claims.models import Claim, Statement
from reviews.claimreview_import import CREATED, UNCHANGED, UPDATED, import_claimreviews
from reviews.claimreview_reader import read
from reviews.models import ExternalFactCheck
from sources.choices import ActorKind
from sources.links import normalize_url
from sources.models import Actor
from tests.support.claimreview import history_rows, record_rows, review
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    ExternalRatingMappingFactory,
    StatementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "claimreview"
# What each file holds that cannot be read: (where, field).
UNREADABLE = {
    "afp-style-microdata.html": [],
    "datafeed.json": [("item 2", "reviewRating")],
    "fact-check-insights.csv": [("line 3", "url"), ("line 4", "claimReviewed")],
    "fact-check-tools-api.json": [
        ("claims[1].claimReview[1]", "url"),
        ("claims[2]", "claimReview"),
    ],
    "fullfact-style.html": [],
    "politifact-style.html": [],
    "snopes-style.json": [],
}
POLITIFACT = "https://www.politifact.example/factchecks/2020/may/21/turkey-libya-fighters/"


@pytest.fixture(autouse=True)
def fresh_index():
    """The process's claim index outlives each test's rollback: start every test from nothing."""
    claim_index.reset()
    yield
    claim_index.reset()


def import_file(name: str, **options):
    path = FILES / name
    return import_claimreviews(path.read_bytes(), name=path.name, **options)


def import_json(data, name: str = "reviews.json", **options):
    return import_claimreviews(json.dumps(data), name=name, **options)


# Every file of the folder


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_every_readable_item_is_recorded_and_every_unreadable_one_reported(name):
    user = UserFactory()
    reading = read((FILES / name).read_bytes(), name)

    report = import_file(name, user=user)

    assert [(p.where, p.field) for p in report.problems] == UNREADABLE[name]
    assert [item.outcome for item in report.items] == [CREATED] * len(reading.reviews)
    assert report.created == len(reading.reviews) >= 1
    for read_review, item in zip(reading.reviews, report.items, strict=True):
        fact_check = ExternalFactCheck.objects.get(url_normalized=normalize_url(read_review.url))
        assert item.fact_check_id == fact_check.pk
        assert item.where == read_review.where
        assert fact_check.textual_rating == read_review.textual_rating
        latest = fact_check.history.get()
        assert latest.history_user == user
        assert latest.history_change_reason == f"Imported from {name}"


def test_the_whole_folder_imports_and_a_second_import_changes_nothing():
    first = [import_file(path.name) for path in sorted(FILES.iterdir())]
    assert sum(report.created for report in first) == 9
    assert sum(len(report.problems) for report in first) == 5
    rows, history = record_rows(), history_rows()
    assert rows["ExternalFactCheck"] == 9

    with CaptureQueriesContext(connection) as queries:
        again = [import_file(path.name) for path in sorted(FILES.iterdir())]

    assert record_rows() == rows
    assert history_rows() == history
    assert [item.outcome for report in again for item in report.items] == [UNCHANGED] * 9
    assert [p for r in again for p in r.problems] == [p for r in first for p in r.problems]
    # One query per file: its fact-checks looked up by URL; nothing is written.
    assert len(queries) == len(first), "\n".join(q["sql"] for q in queries)


def test_a_dry_run_reports_what_an_import_does_and_writes_nothing():
    rows, history = record_rows(), history_rows()
    dry = import_file("fact-check-tools-api.json", dry_run=True)
    assert record_rows() == rows
    assert history_rows() == history
    assert dry.dry_run
    assert "nothing was written" in dry.summary()
    # What the dry run wrote is gone: no address to link to.
    assert [item.fact_check_id for item in dry.items] == [None, None, None]
    assert [item.claim_id for item in dry.items] == [None, None, None]

    real = import_file("fact-check-tools-api.json")
    assert [(i.outcome, i.claim, i.notes) for i in dry.items] == [
        (i.outcome, i.claim, i.notes) for i in real.items
    ]
    assert dry.problems == real.problems


def test_a_dry_run_of_changes_upstream_lists_them_and_keeps_the_record():
    import_json(review(headline="Old headline"))
    before = history_rows()
    report = import_json(review(headline="New headline"), dry_run=True)
    (item,) = report.items
    assert item.outcome == UPDATED
    assert item.changes == {"headline": ("Old headline", "New headline")}
    assert ExternalFactCheck.objects.get().headline == "Old headline"
    assert history_rows() == before


# Claims and claimants


def test_a_new_claim_records_the_claimant_as_its_speaker():
    import_file("politifact-style.html")
    fact_check = ExternalFactCheck.objects.select_related("claim", "publisher").get()
    claim = fact_check.claim
    assert claim.text == "Turkey sent 35,000 Syrian fighters to Libya."
    # The claim's own words: nothing to add.
    assert fact_check.claim_reviewed == ""
    (statement,) = claim.statements.select_related("actor")
    assert statement.actor.name == "Viral image"
    assert statement.actor.kind == ActorKind.PERSON
    assert statement.stance == Stance.ASSERTS
    assert str(statement.stated_on) == "2020-05-18"
    assert POLITIFACT in statement.note


def test_reviews_of_the_same_claim_share_it_and_the_claimant_is_recorded_once():
    report = import_file("fact-check-tools-api.json")
    first, second, third = report.items
    assert (first.claim, second.claim, third.claim) == ("new", "same text", "new")
    assert first.claim_id == second.claim_id != third.claim_id
    assert Claim.objects.count() == 2
    assert Statement.objects.filter(claim_id=first.claim_id).count() == 1
    assert any("not recorded" in note for note in second.notes)


def test_a_claim_of_the_same_text_is_the_one_reviewed():
    claim = ClaimFactory(text="Turkey sent 35,000 Syrian fighters to Libya.")
    report = import_file("politifact-style.html")
    (item,) = report.items
    assert (item.claim_id, item.claim) == (claim.pk, "same text")
    assert Claim.objects.count() == 1
    assert not claim.statements.exists()  # the record's claim is left as it was


def test_a_claim_the_matcher_finds_worded_the_same_is_the_one_reviewed():
    claim = ClaimFactory(text="Turkey has sent 35,000 Syrian fighters to Libya")
    ClaimFactory(text="Bananas imported from Ecuador carry a virus that melts the skin.")
    (item,) = import_file("politifact-style.html").items
    assert item.claim_id == claim.pk
    assert item.claim.startswith("matched")
    fact_check = ExternalFactCheck.objects.get()
    # The publisher's words, which differ from the record's.
    assert fact_check.claim_reviewed == "Turkey sent 35,000 Syrian fighters to Libya."


def test_a_claim_of_another_number_is_another_claim():
    other = ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")
    (item,) = import_file("politifact-style.html").items
    assert item.claim == "new"
    assert item.claim_id != other.pk


# Actors


def test_a_publisher_is_found_by_its_wikidata_id_before_its_name():
    full_fact = ActorFactory(name="Full Fact Ltd", kind=ActorKind.NGO, wikidata_id="Q5508169")
    ActorFactory(name="Full Fact", kind=ActorKind.NEWS_OUTLET)  # another of the name
    import_file("fullfact-style.html")
    assert ExternalFactCheck.objects.get().publisher == full_fact


def test_actors_are_found_by_alias_and_by_name_as_folded():
    politifact = ActorFactory(name="PolitiFact.com", kind=ActorKind.NEWS_OUTLET)
    AliasFactory(actor=politifact, name="Politifact")
    poster = ActorFactory(name="VIRAL IMAGE", kind=ActorKind.PERSON)
    (item,) = import_file("politifact-style.html").items
    assert item.notes == ["1 appearance recorded as a source"]  # no new actor
    assert ExternalFactCheck.objects.get().publisher == politifact
    assert Statement.objects.get().actor == poster


def test_new_actors_take_the_kind_the_markup_gives_and_its_wikidata_id():
    import_file("politifact-style.html")
    import_file("fullfact-style.html")
    import_file("snopes-style.json")
    kinds = {actor.name: (actor.kind, actor.wikidata_id) for actor in Actor.objects.all()}
    assert kinds == {
        "PolitiFact": (ActorKind.NEWS_OUTLET, "Q7210097"),
        "Viral image": (ActorKind.PERSON, ""),
        "Full Fact": (ActorKind.NEWS_OUTLET, "Q5508169"),
        # An organisation as a claimant: the record's kinds are finer, "other" until edited.
        "Libyan National Army": (ActorKind.OTHER, "Q28498395"),
        # A publisher named by a string: a news outlet.
        "Snopes.com": (ActorKind.NEWS_OUTLET, ""),
    }
    politifact = Actor.objects.get(name="PolitiFact")
    assert politifact.history.get().history_change_reason == "Imported from politifact-style.html"


def test_an_actor_of_the_same_name_with_another_wikidata_id_is_another_actor():
    other = ActorFactory(name="PolitiFact", wikidata_id="Q1")
    import_file("politifact-style.html")
    publisher = ExternalFactCheck.objects.get().publisher
    assert publisher != other
    assert publisher.wikidata_id == "Q7210097"


def test_a_publisher_several_actors_go_by_is_a_problem_and_a_claimant_is_kept_as_written():
    ActorFactory(name="Example Checks")
    ActorFactory(name="Example Checks")
    report = import_json(review())
    (problem,) = report.problems
    assert (problem.where, problem.field) == ("item 1", "author")
    assert "may mean any of" in problem.reason
    assert not ExternalFactCheck.objects.exists()
    assert not Claim.objects.exists()

    ActorFactory(name="Jane Poster", kind=ActorKind.PERSON)
    ActorFactory(name="Jane Poster", kind=ActorKind.PERSON)
    report = import_json(review(author={"@type": "Organization", "name": "Other Checks"}))
    (item,) = report.items
    statement = Statement.objects.get()
    assert (statement.actor, statement.speaker_label) == (None, "Jane Poster")
    assert any("by name only" in note for note in item.notes)


def test_a_claimant_named_as_the_new_publisher_is_that_one_actor():
    data = review(itemReviewed={"author": {"@type": "Organization", "name": "example checks"}})
    (item,) = import_json(data).items
    actor = Actor.objects.get()
    assert actor.name == "Example Checks"
    assert Statement.objects.get().actor == actor
    assert item.notes == ["new actor “Example Checks” (news outlet)"]


# Updates


def test_a_review_changed_upstream_updates_its_fact_check_with_history():
    user = UserFactory()
    first = import_file("politifact-style.html")
    fact_check = ExternalFactCheck.objects.get()
    claim_id, publisher_id = fact_check.claim_id, fact_check.publisher_id
    page = (FILES / "politifact-style.html").read_text()
    page = page.replace('"Pants on Fire!"', '"Mostly False"').replace(
        '"2020-05-21"', '"2020-05-22"'
    )

    report = import_claimreviews(page, name="politifact-again.html", user=user)

    (item,) = report.items
    assert item.outcome == UPDATED
    assert item.fact_check_id == first.items[0].fact_check_id
    assert set(item.changes) == {"textual_rating", "published_on"}
    fact_check.refresh_from_db()
    assert fact_check.textual_rating == "Mostly False"
    assert str(fact_check.published_on) == "2020-05-22"
    # The claim and the publisher stay as recorded.
    assert (fact_check.claim_id, fact_check.publisher_id) == (claim_id, publisher_id)
    latest = fact_check.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == user
    assert latest.history_change_reason == "Imported from politifact-again.html"
    assert Claim.objects.count() == 1


def test_a_field_the_markup_leaves_out_keeps_what_is_recorded():
    import_json(review(headline="A headline", inLanguage="en"))
    without = review()
    del without["headline"], without["inLanguage"]
    (item,) = import_json(without).items
    assert item.outcome == UNCHANGED
    fact_check = ExternalFactCheck.objects.get()
    assert (fact_check.headline, fact_check.language) == ("A headline", "en")


def test_the_same_review_twice_in_a_file_is_one_fact_check():
    report = import_json(
        [
            review("https://factcheck.example/a/"),
            review("https://FACTCHECK.example/a", reviewRating={"alternateName": "Mostly false"}),
        ]
    )
    assert [item.outcome for item in report.items] == [CREATED, UPDATED]
    assert ExternalFactCheck.objects.get().textual_rating == "Mostly false"


# Refusals


def test_an_item_that_fails_validation_is_reported_and_nothing_of_it_is_written():
    user = UserFactory()
    report = import_json(
        [
            review("https://factcheck.example/good"),
            review(
                "https://factcheck.example/long-rating",
                claimReviewed="A claim only this review names.",
                reviewRating={"alternateName": "x" * 600},
            ),
            review("https://intranet/fact-check", claimReviewed="Another claim of its own."),
            review(
                "https://factcheck.example/long-claimant",
                claimReviewed="A third claim of its own.",
                author={"@type": "Organization", "name": "A publisher of its own"},
                itemReviewed={"author": {"@type": "Person", "name": "y" * 300}},
            ),
        ],
        user=user,
    )
    assert [item.url for item in report.items] == ["https://factcheck.example/good"]
    assert [(p.where, p.field) for p in report.problems] == [
        ("item 2", "reviewRating"),
        ("item 3", "url"),
        ("item 4", "itemReviewed.author"),
    ]
    assert "at most 500 characters" in report.problems[0].reason
    # Only the good item's claim, publisher and claimant.
    assert record_rows() == {
        "ExternalFactCheck": 1,
        "Claim": 1,
        "Statement": 1,
        "Actor": 2,
        "Source": 0,
        "Citation": 0,
    }
    assert not Actor.objects.filter(name="A publisher of its own").exists()


def test_text_no_database_stores_is_refused_before_any_query():
    report = import_claimreviews(
        '{"@type": "ClaimReview", "url": "https://factcheck.example/s", '
        '"claimReviewed": "A \\ud800 claim", "reviewRating": "False", "author": "Checks"}',
        name="surrogate.json",
    )
    (problem,) = report.problems
    assert problem.field == "claimReviewed"
    assert record_rows()["ExternalFactCheck"] == 0


def test_a_review_without_a_publisher_is_a_problem():
    data = review()
    del data["author"]
    report = import_json(data)
    assert [(p.where, p.field) for p in report.problems] == [("item 1", "author")]
    assert set(record_rows().values()) == {0}


def test_while_the_claim_index_is_built_new_items_wait_once_and_are_reported(monkeypatch):
    import_json(review("https://factcheck.example/known"))
    calls = []

    def building(*args, **kwargs):
        calls.append(args)
        raise IndexBuilding

    monkeypatch.setattr("reviews.claimreview_import.match_claims", building)
    report = import_json(
        [
            review("https://factcheck.example/known"),
            review("https://factcheck.example/new-1"),
            review("https://factcheck.example/new-2"),
        ]
    )
    assert [item.outcome for item in report.items] == [UNCHANGED]
    assert [(p.where, p.field) for p in report.problems] == [
        ("item 2", "claimReviewed"),
        ("item 3", "claimReviewed"),
    ]
    assert "import the file again in a minute" in report.problems[0].reason
    assert len(calls) == 1  # the second new item did not wait again
    assert ExternalFactCheck.objects.count() == 1


# Rating mappings


def test_a_mapped_rating_gets_its_label_and_an_unmapped_one_stays_text():
    politifact = ActorFactory(name="PolitiFact", wikidata_id="Q7210097")
    mapping = ExternalRatingMappingFactory(publisher=politifact, textual_rating="pants on fire")
    import_file("politifact-style.html")
    import_file("snopes-style.json")
    labelled = ExternalFactCheck.objects.get(publisher=politifact)
    assert labelled.textual_rating == "Pants on Fire!"
    assert labelled.rating_label == mapping.label
    unlabelled = ExternalFactCheck.objects.exclude(publisher=politifact).get()
    assert (unlabelled.textual_rating, unlabelled.rating_label) == ("Miscaptioned", None)


def test_an_existing_statement_of_a_matched_claim_is_left_alone():
    claim = ClaimFactory(text="Turkey sent 35,000 Syrian fighters to Libya.")
    StatementFactory(claim=claim)
    import_file("politifact-style.html")
    assert claim.statements.count() == 1


# Whatever comes in


APPEARANCES = st.sampled_from(
    [
        "https://x.com/jane/status/1",
        "https://X.com/jane/status/1/",
        "https://exa mple.com/post",
        "ftp://files.example/a",
        "https://blog.example/" + "p" * 2100,
    ]
)
NAMES = st.sampled_from(["Example Checks", "Jane Poster", "PolitiFact", "x" * 300, ""])
ACTORS = st.one_of(
    NAMES,
    st.fixed_dictionaries(
        {"name": NAMES},
        optional={
            "@type": st.sampled_from(["Person", "Organization", "Thing", ""]),
            "sameAs": st.sampled_from(
                ["https://www.wikidata.org/wiki/Q42", "https://www.wikidata.org/wiki/Q7", "x"]
            ),
        },
    ),
    st.text(max_size=20),
)
TEXTS = st.one_of(
    st.sampled_from(["Turkey sent fighters to Libya.", "False", "<p>a &amp; b</p>", "x" * 600]),
    st.text(max_size=40),
)
REVIEWS = st.fixed_dictionaries(
    {
        "@type": st.just("ClaimReview"),
        "url": st.one_of(
            st.integers(min_value=0).map(lambda n: f"https://factcheck.example/new/{n}"),
            st.sampled_from(
                [
                    "https://factcheck.example/1",
                    "https://factcheck.example/1/",
                    "https://intranet/2",
                    "ftp://factcheck.example/3",
                ]
            ),
        ),
        "claimReviewed": TEXTS,
        "reviewRating": st.one_of(
            TEXTS, st.fixed_dictionaries({"alternateName": TEXTS}), st.integers()
        ),
        "author": ACTORS,
    },
    optional={
        "headline": TEXTS,
        "inLanguage": st.sampled_from(["en", "pt-BR", "english", "x-"]),
        "datePublished": st.sampled_from(["2020-02-30", "2020-05-01T10:00:00Z", "soon"]),
        "itemReviewed": st.fixed_dictionaries(
            {}, optional={"author": ACTORS, "appearance": st.lists(APPEARANCES, max_size=3)}
        ),
    },
)


def _appearances_recorded(note: str) -> int:
    """The number of appearances a note says were recorded as sources (0 for another)."""
    words = note.split()
    return int(words[0]) if " recorded as " in note and words[0].isdigit() else 0


def assert_whole_items(report, before: dict) -> None:
    """What the report says was created is exactly what was written: no half item."""
    after = record_rows()
    created_claims = sum(1 for item in report.items if item.claim == "new")
    new_actors = sum(
        1 for item in report.items for note in item.notes if note.startswith("new actor")
    )
    assert after["ExternalFactCheck"] - before["ExternalFactCheck"] == report.created
    assert after["Claim"] - before["Claim"] == created_claims
    assert after["Actor"] - before["Actor"] == new_actors
    assert after["Statement"] - before["Statement"] <= created_claims
    cited = sum(_appearances_recorded(note) for item in report.items for note in item.notes)
    assert after["Citation"] - before["Citation"] == cited
    assert after["Source"] - before["Source"] <= cited
    assert not Claim.objects.filter(external_fact_checks__isnull=True).exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(REVIEWS, max_size=4))
def test_any_reviews_are_recorded_whole_or_reported(data):
    before = record_rows()
    report = import_json(data)
    assert len(report.items) + len({p.where for p in report.problems}) >= len(data)
    assert_whole_items(report, before)


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=300), name=st.sampled_from(["", "a.csv", "a.html", "a.json"]))
def test_any_bytes_are_imported_or_reported_never_raised(content, name):
    before = record_rows()
    report = import_claimreviews(content, name=name)
    assert_whole_items(report, before)
