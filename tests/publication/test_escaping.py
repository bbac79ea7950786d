"""Text of the record is text everywhere: escaped in the HTML, and unable to leave the JSON-LD."""

import pytest
from django.urls import reverse

from claims.choices import Stance
from claims.models import Citation
from sources.choices import ActorKind
from tests.support.desk import quoted_citation, stated_directly
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    ExternalFactCheckFactory,
    RatingLabelFactory,
    TopicFactory,
)
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</script><b>"
MARKUP = f"{SCRIPT} {BREAKOUT}"


def hostile(what: str) -> str:
    return f"{what} {MARKUP} & more"


@pytest.fixture
def hostile_fact_check(desk):
    """A published fact-check with markup in every text a reader sees."""
    claim = ClaimFactory(text=hostile("Claim"), place=hostile("Place"))
    claim.topics.set([TopicFactory(name=hostile("Topic")[:100], slug="hostile-topic")])
    claim.about.set([ActorFactory(name=hostile("Subject"))])
    speaker = ActorFactory(name=hostile("Speaker"), kind=ActorKind.PERSON)
    outlet = ActorFactory(name=hostile("Outlet"), kind=ActorKind.NEWS_OUTLET)
    assertion = stated_directly(
        claim,
        speaker,
        hostile("Quote"),
        source_fields={
            "title": hostile("Title"),
            "publisher": outlet,
            "url": "https://news.example.org/hostile",
        },
    )
    quoted_citation(
        assertion,
        hostile("Relayed quote"),
        role="republishes",
        derived_from=assertion.citations.get(),
        source_fields={"title": hostile("Second title"), "access_note": hostile("Note")},
    )
    stated_directly(
        claim,
        ActorFactory(name=hostile("Denier")),
        hostile("Denial"),
        stance=Stance.DENIES,
        responds_to=assertion,
    )
    review = desk.publish(
        claim,
        explanation=hostile("Explanation"),
        write_up=hostile("Write-up") + "\n" + hostile("Second line"),
        evidence=list(Citation.objects.filter(statement__claim=claim)),
        origin_unavailable_reason=hostile("Reason"),
    )
    desk.correct(review, note=hostile("Correction"), explanation=hostile("Corrected explanation"))
    return claim


def assert_inert(page, *, json_ld_blocks: int):
    """The markup stands in the page as text: no element came out of the record."""
    assert SCRIPT not in page.html
    assert BREAKOUT not in page.html
    assert not page.find_all("b")
    scripts = page.find_all("script")
    assert len(scripts) == json_ld_blocks
    assert all(script.attrs == {"type": "application/ld+json"} for script in scripts)
    assert page.html.count("<script") == json_ld_blocks
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/script&gt;&lt;b&gt;" in page.html


def test_the_page_shows_markup_as_text_and_the_json_ld_keeps_it_inside(client, hostile_fact_check):
    claim = hostile_fact_check
    response = client.get(reverse("public:detail", args=[claim.pk]))
    assert response.status_code == 200
    page = parse(response)
    assert_inert(page, json_ld_blocks=1)
    assert page.testid("claim") == [claim.text]
    assert page.testid("explanation") == [hostile("Corrected explanation")]
    assert hostile("Quote") in page.testid("quote")
    assert hostile("Denial") in page.testid("quote")
    assert page.testid("speaker") == [hostile("Speaker"), hostile("Denier")]
    assert page.testid("correction-note") == [f"Correction: {hostile('Correction')}"]
    for text in ("Title", "Outlet", "Write-up", "Reason", "Subject", "Place", "Explanation"):
        assert hostile(text) in page.root.text, text

    # The JSON-LD block: < > & as \u escapes, the values intact once parsed.
    (raw,) = [text for attrs, text in page.scripts if attrs.get("type") == "application/ld+json"]
    assert "<" not in raw
    assert ">" not in raw
    assert "&" not in raw
    assert "\\u003Cscript\\u003E" in raw
    (document,) = page.json_ld
    assert document["claimReviewed"] == claim.text
    assert document["reviewRating"]["ratingExplanation"] == hostile("Corrected explanation")
    assert document["itemReviewed"]["author"]["name"] == hostile("Speaker")
    appearances = {work["headline"]: work for work in document["itemReviewed"]["appearance"]}
    assert set(appearances) == {hostile("Title"), hostile("Second title")}
    assert appearances[hostile("Title")]["publisher"]["name"] == hostile("Outlet")


def test_the_list_shows_markup_as_text(client, hostile_fact_check):
    response = client.get(reverse("public:list"))
    assert response.status_code == 200
    page = parse(response)
    assert_inert(page, json_ld_blocks=0)
    (item,) = page.find_all(data_testid="fact-check")
    assert item.find("a").text == hostile_fact_check.text
    assert f"Claimed by {hostile('Speaker')}" in item.text
    assert hostile("Corrected explanation") in item.text


def test_markup_in_the_search_box_is_echoed_as_text(client, hostile_fact_check):
    response = client.get(reverse("public:list"), {"q": MARKUP, "actor": MARKUP})
    assert response.status_code == 200
    page = parse(response)
    assert_inert(page, json_ld_blocks=0)
    assert page.find("input", name="q").attrs["value"] == MARKUP


def test_markup_in_a_retraction_reason_is_text(client, desk):
    claim = ClaimFactory(text="Retracted.")
    stated_directly(claim, ActorFactory(), "the bridge was closed")
    desk.retract(desk.publish(claim), reason=hostile("Retraction"))
    page = parse(client.get(reverse("public:detail", args=[claim.pk])))
    assert_inert(page, json_ld_blocks=0)
    assert page.testid("retraction-reason") == [hostile("Retraction")]


def test_markup_in_a_fact_check_by_others_is_text_and_only_web_addresses_are_links(client, desk):
    claim = ClaimFactory(text="Checked elsewhere.")
    stated_directly(claim, ActorFactory(), "the bridge was closed")
    desk.publish(claim)
    ExternalFactCheckFactory(
        claim=claim,
        publisher=ActorFactory(name=hostile("Other desk")),
        url='https://factcheck.example/a?x="><script>alert(1)</script>',
        headline=hostile("Headline"),
        textual_rating=hostile("Rating")[:500],
        rating_label=RatingLabelFactory(label=hostile("Label")[:100]),
        published_on="2020-05-21",
    )
    # Stored past the model's validation (a URL field takes http, https and ftp only).
    ExternalFactCheckFactory(claim=claim, url="javascript:alert(1)", headline="Not a link")
    page = parse(client.get(reverse("public:detail", args=[claim.pk])))
    assert_inert(page, json_ld_blocks=1)
    first, second = page.find_all(data_testid="by-others-item")
    for text in ("Other desk", "Headline", "Rating", "Label"):
        assert hostile(text) in first.text, text
    assert (
        first.find("a").attrs["href"] == 'https://factcheck.example/a?x="><script>alert(1)</script>'
    )
    assert not second.find_all("a")
    assert "javascript:" not in page.html
