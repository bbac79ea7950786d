"""Reading fact-checks published elsewhere: ClaimReview in the shapes publishers use it.

The files of ``claimreview/`` are written in the shapes of six publishers' markup and two
aggregators' exports (PolitiFact's JSON-LD, Full Fact's ``@graph``, AFP's microdata, Snopes'
loose authors and entities, the Fact Check Tools API, a DataFeed, Fact-Check Insights' CSV),
with example domains.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.claimreview_reader import ReadActor, read

FILES = Path(__file__).parent / "claimreview"


def read_file(name: str):
    path = FILES / name
    return read(path.read_bytes(), path.name)


def test_json_ld_in_a_page_with_a_person_as_claimant():
    reading = read_file("politifact-style.html")
    assert reading.problems == []
    (review,) = reading.reviews
    assert (
        review.url == "https://www.politifact.example/factchecks/2020/may/21/turkey-libya-fighters/"
    )
    assert review.claim_reviewed == "Turkey sent 35,000 Syrian fighters to Libya."
    assert review.textual_rating == "Pants on Fire!"
    assert (review.rating_value, review.best_rating, review.worst_rating) == (1, 6, 1)
    assert review.reviewed_on == datetime.date(2020, 5, 21)
    assert review.publisher == ReadActor(
        "PolitiFact",
        "organization",
        "https://www.politifact.example",
        ("https://www.wikidata.org/wiki/Q7210097",),
    )
    assert review.publisher.wikidata_id == "Q7210097"
    assert review.claimant == ReadActor("Viral image", "person")
    assert review.claim_date == datetime.date(2020, 5, 18)
    assert review.appearances == ("https://www.facebook.example/posts/1234567890",)


def test_a_graph_with_markup_entities_an_author_list_and_appearances_as_objects():
    reading = read_file("fullfact-style.html")
    assert reading.problems == []
    (review,) = reading.reviews
    assert (
        review.claim_reviewed
        == "Turkey has sent 35,000 mercenaries to Libya & more are on the way."
    )
    assert review.headline == "Pentagon report said more than 3,500 – not 35,000 – fighters"
    assert review.textual_rating.startswith("Incorrect. A Pentagon report")
    assert review.rating_value is None
    # The date as written, whatever its zone.
    assert review.reviewed_on == datetime.date(2020, 5, 27)
    assert review.language == "en-GB"
    assert review.publisher.name == "Full Fact"
    assert review.publisher.wikidata_id == "Q5508169"
    assert review.claimant.kind == "organization"
    assert review.claimant.wikidata_id == "Q28498395"
    assert review.appearances == (
        "https://www.youtube.example/watch?v=abc123",
        "https://archive.example/20200520/xyz",
    )


def test_microdata():
    reading = read_file("afp-style-microdata.html")
    assert reading.problems == []
    (review,) = reading.reviews
    assert review.url == "https://factuel.afp.example/doc.afp.com.8VZ2PB"
    assert review.headline == "Non, la Russie n'a pas envoyé 14 avions de chasse en Libye en mai"
    assert review.textual_rating == "Trompeur"
    assert review.rating_value == Decimal(2)
    assert review.language == "fr"
    assert review.publisher.name == "AFP Factuel"
    assert review.claimant == ReadActor("Utilisateurs de réseaux sociaux", "person")


def test_a_page_with_broken_json_ld_keeps_its_microdata_and_says_what_broke():
    page = (FILES / "afp-style-microdata.html").read_text()
    page = page.replace("<body>", '<body><script type="application/ld+json">{"@type": </script>')
    reading = read(page, "page.html")
    assert [review.url for review in reading.reviews] == [
        "https://factuel.afp.example/doc.afp.com.8VZ2PB"
    ]
    (problem,) = reading.problems
    assert (problem.where, problem.field) == ("page", "json-ld")


def test_an_author_as_a_string_and_no_claimant():
    reading = read_file("snopes-style.json")
    assert reading.problems == []
    (review,) = reading.reviews
    assert review.publisher == ReadActor("Snopes.com")
    assert review.claimant is None
    assert (
        review.claim_reviewed
        == 'A photograph shows "35,000 Syrian fighters" boarding planes to Libya.'
    )
    assert review.textual_rating == "Miscaptioned"


def test_the_fact_check_tools_api_each_review_of_each_claim():
    reading = read_file("fact-check-tools-api.json")
    assert [review.url for review in reading.reviews] == [
        "https://www.logicallyfacts.example/fact-check/turkey-fighters-libya",
        "https://verificado.example/turquia-combatientes-libia/",
        "https://www.stopfake.example/en/fake-russia-libya/",
    ]
    first, second, third = reading.reviews
    assert first.claim_reviewed.startswith("Turkey sent more than 3,500")
    assert first.headline == "Fact Check: Pentagon report on Syrian fighters in Libya"
    assert first.textual_rating == "True"
    assert first.reviewed_on == datetime.date(2020, 7, 20)
    assert first.publisher == ReadActor(
        "Logically Facts", "organization", "https://logicallyfacts.example"
    )
    assert first.claimant == ReadActor("Pentagon report")
    assert first.claim_date == datetime.date(2020, 7, 17)
    # A publisher with a site only is named by it.
    assert second.publisher.name == "verificado.example"
    assert second.language == "es"
    assert third.claimant == ReadActor("Kremlin")
    assert [(p.where, p.field) for p in reading.problems] == [
        ("claims[1].claimReview[1]", "url"),
        ("claims[2]", "claimReview"),
    ]


def test_a_data_feed_reads_each_element_and_reports_the_unrated_one():
    reading = read_file("datafeed.json")
    (review,) = reading.reviews
    assert review.url == "https://teyit.example/analiz/libya-suriyeli-savascilar"
    assert review.textual_rating == "Doğru"
    assert review.publisher.kind == "organization"  # a NewsMediaOrganization
    assert review.claimant.name == "United States Department of Defense"
    assert review.claimant.wikidata_id == "Q11209"
    assert review.appearances == ("https://www.defense.example/report-q1-2020",)
    (problem,) = reading.problems
    assert (problem.where, problem.field) == ("item 2", "reviewRating")


def test_a_csv_of_paths_reads_each_line_and_reports_the_others_by_line_and_field():
    reading = read_file("fact-check-insights.csv")
    (review,) = reading.reviews
    assert review.where == "line 2"
    assert review.url == "https://pesacheck.example/libya-fighters-5b1c"
    assert review.claimant == ReadActor("Pentagon", "organization")
    assert review.appearances == (
        "https://www.rferl.example/a/30732845.html",
        "https://apnews.example/article/abc",
    )
    assert [(p.where, p.field) for p in reading.problems] == [
        ("line 3", "url"),
        ("line 4", "claimReviewed"),
    ]


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"\xff\xfe\x00", "", "Not UTF-8 text."),
        (b"{not json", "", "Not JSON"),
        (b"plain words", "notes.txt", "Neither JSON, HTML nor CSV"),
        (b"<html><body>No markup</body></html>", "page.html", "The page has no ClaimReview."),
        (b"", "empty.csv", "The CSV file has no header row."),
    ],
)
def test_what_is_not_a_file_of_fact_checks_is_one_problem(content, name, reason):
    reading = read(content, name)
    assert reading.reviews == []
    (problem,) = reading.problems
    assert problem.reason.startswith(reason)


def test_json_lines_are_read_line_by_line():
    lines = [
        json.dumps(
            {
                "@type": "ClaimReview",
                "url": f"https://a.example/{n}",
                "claimReviewed": "x",
                "reviewRating": {"alternateName": "False"},
            }
        )
        for n in range(2)
    ]
    reading = read("\n".join([lines[0], "", lines[1], '{"@type": "ClaimReview"}']))
    assert [review.where for review in reading.reviews] == ["line 1", "line 3"]
    assert [(p.where, p.field) for p in reading.problems] == [("line 4", "url")]


def test_a_rating_with_a_value_only_is_read_on_its_scale():
    data = {
        "@type": "ClaimReview",
        "url": "https://a.example/1",
        "claimReviewed": "x",
        "reviewRating": {"ratingValue": "2", "bestRating": "5", "worstRating": "1"},
    }
    (review,) = read(json.dumps(data)).reviews
    assert review.textual_rating == "2 (of 1–5)"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "url",
                    "claimReviewed",
                    "reviewRating",
                    "author",
                    "itemReviewed",
                    "datePublished",
                    "appearance",
                    "alternateName",
                    "name",
                    "sameAs",
                    "@graph",
                    "inLanguage",
                    "headline",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(data=JSON_VALUES)
def test_any_json_is_read_or_reported_never_raised(data):
    wrapped = {"@type": "ClaimReview", **data} if isinstance(data, dict) else data
    reading = read(json.dumps(wrapped))
    for review in reading.reviews:
        assert review.url.startswith(("http://", "https://"))
        assert review.claim_reviewed
        assert review.textual_rating


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=300), name=st.sampled_from(["", "a.csv", "a.html", "a.json"]))
def test_any_bytes_are_read_or_reported_never_raised(content, name):
    read(content, name)


@pytest.mark.parametrize("content", [b"a\rb", b"\x00,\r\n"])
def test_malformed_csv_is_a_problem_not_an_error(content):
    reading = read(content, "export.csv")
    assert reading.reviews == []
    assert reading.problems
