"""The schema.org ClaimReview of a published fact-check, key by key."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from claims.choices import Stance
from publication.claimreview import claimreview_document, claimreview_for_request
from publication.selectors import load_fact_check
from reviews.models import RatingLabel, RatingScale
from sources.choices import ActorKind
from tests.support.desk import (
    asserted_through_chain,
    at,
    quoted_citation,
    simple_claim,
    stated_directly,
    utc,
)
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    RatingLabelFactory,
    RatingScaleFactory,
    StatementFactory,
)
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

PUBLISHER = {"name": "The Desk", "url": "https://desk.example.org/"}


def document_of(claim, **publisher) -> dict:
    fact_check = load_fact_check(claim.pk)
    return claimreview_document(
        fact_check, url="https://desk.example.org/fact-checks/1/", publisher=publisher or PUBLISHER
    )


def nulls_in(value, path="") -> list[str]:
    """Where ``value`` holds an unknown (None or empty) value, recursively."""
    if value in (None, "", [], {}):
        return [path or "."]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in nulls_in(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in nulls_in(item, f"{path}[{i}]")]
    return []


def test_every_claimreview_key_with_its_value(desk):
    claim = ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya.")
    pentagon = ActorFactory(
        name="U.S. Department of Defense",
        kind=ActorKind.GOVERNMENT_BODY,
        wikidata_id="Q11209",
    )
    outlet = ActorFactory(name="RFE/RL", kind=ActorKind.NEWS_OUTLET)
    asserted_through_chain(
        claim,
        pentagon,
        "more than 3,500 Syrian fighters",
        article_fields={
            "title": "Pentagon Says Turkey Sent 3,500 Syrian Fighters",
            "publisher": outlet,
            "url": "https://www.rferl.example/a/fighters.html",
            "published_on": datetime.date(2020, 7, 1),
            "published_precision": "month",
        },
    )
    with at(utc(2024, 7, 20, 8)):
        desk.publish(claim, rating="Mostly true", explanation="An estimate, not a count.")
    document = document_of(claim)
    article = {
        "@type": "CreativeWork",
        "url": "https://www.rferl.example/a/fighters.html",
        "headline": "Pentagon Says Turkey Sent 3,500 Syrian Fighters",
        "datePublished": "2020-07",
        "publisher": {"@type": "Organization", "name": "RFE/RL"},
    }
    assert document == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://desk.example.org/fact-checks/1/",
        "claimReviewed": "Turkey sent more than 3,500 Syrian fighters to Libya.",
        "datePublished": "2024-07-20T08:00:00+00:00",
        "author": {"@type": "Organization", "name": "The Desk", "url": "https://desk.example.org/"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Mostly true",
            "ratingValue": 4,
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": "An estimate, not a count.",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Organization",
                "name": "U.S. Department of Defense",
                "sameAs": "https://www.wikidata.org/wiki/Q11209",
            },
            "datePublished": "2020-07",
            "appearance": [article],
            "firstAppearance": article,
        },
    }


def test_a_label_off_the_scale_has_no_numbers(desk):
    claim = simple_claim()
    desk.publish(claim, rating="Unproven", explanation="Nobody can check it yet.")
    rating = document_of(claim)["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "ratingExplanation": "Nobody can check it yet.",
    }
    assert RatingLabel.objects.get(label="Unproven", scale__is_default=True).value is None


def test_the_numbers_come_from_the_scale_of_the_review(desk):
    claim = simple_claim()
    three_step = RatingScale.objects.get(slug="three-step")
    desk.publish(claim, scale=three_step, rating="Misleading")
    rating = document_of(claim)["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (2, 3, 1)
    assert rating["alternateName"] == "Misleading"


def test_fractional_values_stay_numbers(desk):
    scale = RatingScaleFactory(best_value=1, worst_value=0)
    RatingLabelFactory(scale=scale, label="Somewhat", value="0.75", order=1)
    claim = simple_claim()
    desk.publish(claim, scale=scale, rating="Somewhat")
    rating = document_of(claim)["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (0.75, 1, 0)


def test_a_person_is_a_person_and_an_organisation_an_organization(desk):
    claim = ClaimFactory()
    stated_directly(claim, ActorFactory(name="Khalifa Haftar", kind=ActorKind.PERSON), "we won")
    desk.publish(claim)
    author = document_of(claim)["itemReviewed"]["author"]
    assert author == {"@type": "Person", "name": "Khalifa Haftar"}


def test_the_primary_asserting_actor_is_the_earliest_then_the_first_recorded(desk):
    claim = ClaimFactory()
    stated_directly(claim, ActorFactory(name="Undated"), "first words")
    stated_directly(
        claim, ActorFactory(name="Later"), "later words", stated_on=datetime.date(2020, 7, 18)
    )
    stated_directly(
        claim, ActorFactory(name="Earliest"), "early words", stated_on=datetime.date(2020, 7, 17)
    )
    stated_directly(
        claim, ActorFactory(name="Same day"), "same day", stated_on=datetime.date(2020, 7, 17)
    )
    stated_directly(
        claim,
        ActorFactory(name="A denier"),
        "not true",
        stance=Stance.DENIES,
        stated_on=datetime.date(2020, 1, 1),
    )
    desk.publish(claim)
    assert document_of(claim)["itemReviewed"]["author"]["name"] == "Earliest"


def test_a_claim_asserted_only_by_unnamed_speakers_has_no_author(desk):
    claim = ClaimFactory()
    statement = StatementFactory(claim=claim, actor=None, speaker_label="Western officials")
    quoted_citation(statement, "officials said so")
    desk.publish(claim)
    item = document_of(claim)["itemReviewed"]
    assert "author" not in item
    assert item["appearance"]


def test_appearances_are_public_sources_of_assertions_earliest_first_each_once(desk):
    claim = ClaimFactory()
    first = ActorFactory(name="First")
    statement = stated_directly(
        claim,
        first,
        "in July",
        source_fields={
            "title": "July story",
            "published_on": datetime.date(2020, 7, 17),
            "url": "https://a.example/july",
        },
    )
    quoted_citation(
        statement,
        "undated",
        role="quotes",
        derived_from=statement.citations.get(),
        source_fields={"title": "Undated story", "url": "https://a.example/undated"},
    )
    quoted_citation(
        statement,
        "in 2019",
        role="quotes",
        derived_from=statement.citations.first(),
        source_fields={
            "title": "Earlier story",
            "published_on": datetime.date(2019, 1, 1),
            "published_precision": "year",
            "url": "https://a.example/2019",
        },
    )
    quoted_citation(
        statement,
        "private",
        role="quotes",
        derived_from=statement.citations.first(),
        source_fields={"title": "Private", "is_public": False, "url": "https://a.example/p"},
    )
    second = StatementFactory(claim=claim, actor=ActorFactory(), stance=Stance.CONFIRMS)
    july_story = statement.citations.get(source__title="July story").source
    quoted_citation(second, "confirmed in July", source=july_story)
    stated_directly(
        claim,
        ActorFactory(),
        "no",
        stance=Stance.DENIES,
        source_fields={"title": "Denial", "url": "https://a.example/denial"},
    )
    desk.publish(claim)
    item = document_of(claim)["itemReviewed"]
    assert [work["headline"] for work in item["appearance"]] == [
        "Earlier story",
        "July story",
        "Undated story",
    ]
    assert item["appearance"][0]["datePublished"] == "2019"
    assert item["appearance"][1]["datePublished"] == "2020-07-17"
    assert "datePublished" not in item["appearance"][2]
    assert item["firstAppearance"]["headline"] == "Earlier story"
    assert item["datePublished"] == "2019"


def test_unknown_values_are_left_out_never_null(desk):
    claim = ClaimFactory()
    statement = StatementFactory(claim=claim, actor=ActorFactory())
    quoted_citation(statement, "said it", source_fields={"url": "", "publisher": None})
    desk.publish(claim)
    document = document_of(claim, name="The Desk")
    assert nulls_in(document) == []
    assert document["author"] == {"@type": "Organization", "name": "The Desk"}
    item = document["itemReviewed"]
    assert set(item) == {"@type", "author"}
    assert "dateModified" not in document


def test_without_a_dated_appearance_the_claim_dates_from_its_primary_statement(desk):
    claim = ClaimFactory()
    stated_directly(claim, ActorFactory(), "said it", stated_on=datetime.date(2020, 7, 17))
    desk.publish(claim)
    item = document_of(claim)["itemReviewed"]
    assert "firstAppearance" not in item
    assert item["datePublished"] == "2020-07-17"


def test_a_retracted_fact_check_has_no_claimreview(desk):
    claim = simple_claim()
    desk.retract(desk.publish(claim))
    with pytest.raises(ValueError, match="Only a published verdict"):
        document_of(claim)


def test_the_publisher_and_the_urls_come_from_the_settings_and_the_request(desk, settings):
    settings.ALLOWED_HOSTS = ["factcheck.example.net"]
    claim = simple_claim()
    desk.publish(claim)
    fact_check = load_fact_check(claim.pk)
    request = RequestFactory().get("/", HTTP_HOST="factcheck.example.net", secure=True)
    document = claimreview_for_request(fact_check, request)
    assert document["url"] == f"https://factcheck.example.net/fact-checks/{claim.pk}/"
    assert document["author"] == {
        "@type": "Organization",
        "name": "Claimtrack",
        "url": "https://factcheck.example.net/",
    }
    settings.CLAIMTRACK_PUBLISHER_NAME = "Libya Fact Desk"
    settings.CLAIMTRACK_PUBLISHER_URL = "https://libya-facts.example.org/about/"
    document = claimreview_for_request(fact_check, request)
    assert document["author"] == {
        "@type": "Organization",
        "name": "Libya Fact Desk",
        "url": "https://libya-facts.example.org/about/",
    }


def test_the_page_names_the_publisher_from_the_settings(client, desk, settings):
    settings.CLAIMTRACK_PUBLISHER_NAME = "Libya Fact Desk"
    claim = simple_claim()
    desk.publish(claim)
    page = parse(client.get(reverse("public:detail", args=[claim.pk])))
    assert page.find("a", **{"class": "site-name"}).text == "Libya Fact Desk"
    (document,) = page.json_ld
    assert document["author"]["name"] == "Libya Fact Desk"
