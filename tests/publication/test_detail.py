"""A fact-check's public page: the claim, who said it and through whom, who denied it, the
verdict, the evidence, the dates and every version; nothing that was not published."""

import datetime

import pytest
from django.urls import reverse

from claims.choices import Stance
from claims.models import Citation
from reviews.models import ReviewEvent
from sources.choices import ActorKind
from tests.support.desk import (
    UNPUBLISHED_STATES,
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
    ExternalFactCheckFactory,
    RatingLabelFactory,
    TopicFactory,
)
from tests.support.pages import parse

pytestmark = pytest.mark.django_db


def page_of(claim) -> str:
    return reverse("public:detail", args=[claim.pk])


def read(client, claim):
    response = client.get(page_of(claim))
    assert response.status_code == 200, response.content[:2000]
    return parse(response)


@pytest.fixture
def fighters(db):
    """The claim the Pentagon asserts (a report seen by the AP, republished by RFE/RL), which
    Moscow denies and the GNA declines to comment on."""
    claim = ClaimFactory(
        text="Turkey sent more than 3,500 Syrian fighters to Libya in Q1 2020.",
        quantity_value=3500,
        quantity_comparator="more_than",
        quantity_unit="Syrian fighters",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 3, 31),
        period_precision="month",
        place="Libya",
    )
    turkey = ActorFactory(name="Government of Turkey")
    claim.about.set([turkey])
    claim.topics.set([TopicFactory(name="Libya conflict", slug="libya-conflict")])
    pentagon = ActorFactory(name="U.S. Department of Defense", kind=ActorKind.GOVERNMENT_BODY)
    assertion = asserted_through_chain(
        claim,
        pentagon,
        "Turkey sent more than 3,500 Syrian fighters to Libya",
        article_fields={
            "title": "Pentagon Says Turkey Sent 3,500 Syrian Fighters",
            "publisher": ActorFactory(name="RFE/RL", kind=ActorKind.NEWS_OUTLET),
            "url": "https://www.rferl.example/a/pentagon-turkey-fighters.html",
            "published_on": datetime.date(2020, 7, 1),
            "published_precision": "month",
        },
    )
    stated_directly(
        claim,
        ActorFactory(name="Government of Russia"),
        "Moscow has denied sending fighters",
        stance=Stance.DENIES,
        responds_to=assertion,
    )
    stated_directly(
        claim,
        ActorFactory(name="Government of National Accord"),
        "the GNA would not comment",
        stance=Stance.DECLINES,
    )
    return claim


def test_anonymous_readers_get_the_whole_fact_check(client, desk, fighters):
    article = Citation.objects.get(statement__claim=fighters, quote__startswith="Turkey sent")
    with at(utc(2024, 7, 20, 8)):
        desk.publish(
            fighters,
            rating="Mostly true",
            explanation="The Pentagon's figure is an estimate.",
            write_up="First paragraph.\nSecond line.\n\nSecond paragraph.",
            evidence=[article],
        )
    page = read(client, fighters)
    assert page.testid("claim") == [fighters.text]
    assert page.testid("verdict") == ["Mostly true"]
    assert page.testid("explanation") == ["The Pentagon's figure is an estimate."]

    asserted = page.find(data_testid="asserted")
    assert asserted.texts(data_testid="speaker") == ["U.S. Department of Defense"]
    assert asserted.texts(data_testid="quote") == [
        "Turkey sent more than 3,500 Syrian fighters to Libya"
    ]
    (chain,) = asserted.texts(data_testid="chain-summary")
    assert chain.startswith("U.S. Department of Defense — report (not public) → seen by ")
    assert chain.endswith("→ republished by RFE/RL")
    assert "https://www.rferl.example/a/pentagon-turkey-fighters.html" in {
        link.attrs["href"] for link in asserted.find_all("a")
    }

    denied = page.find(data_testid="denied")
    assert denied.texts(data_testid="speaker") == ["Government of Russia"]
    assert denied.texts(data_testid="quote") == ["Moscow has denied sending fighters"]
    assert "In answer to U.S. Department of Defense." in denied.text
    others = page.find(data_testid="other-responses")
    assert others.texts(data_testid="speaker") == ["Government of National Accord"]
    assert "declines to comment" in others.text

    write_up = page.find(data_testid="write-up")
    assert [p.text for p in write_up.find_all("p")] == [
        "First paragraph.Second line.",
        "Second paragraph.",
    ]
    assert "<p>First paragraph.<br>Second line.</p>" in page.html

    (evidence,) = page.find_all(data_testid="evidence-item")
    assert "Pentagon Says Turkey Sent 3,500 Syrian Fighters" in evidence.text
    assert "RFE/RL, July 2020" in evidence.text

    dates = page.find(data_testid="dates")
    assert dates.texts("dt") == ["Published"]
    assert dates.find("time").attrs["datetime"].startswith("2024-07-20T08:00:00")
    assert "more than 3,500 Syrian fighters" in page.html
    assert "January 2020 – March 2020" in page.html
    assert page.find("a", href="/?topic=libya-conflict").text == "Libya conflict"
    assert not page.find_all(data_testid="history")
    assert not page.find_all(data_testid="retraction")
    (document,) = page.json_ld
    assert document["@type"] == "ClaimReview"


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_a_claim_whose_review_was_never_published_is_not_found(client, desk, state):
    claim = simple_claim()
    desk.review_to(claim, state)
    response = client.get(page_of(claim))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Not found" in parse(response).texts("h1")
    assert claim.text not in response.content.decode()


def test_a_claim_never_reviewed_and_ids_of_nothing_are_not_found(client, desk):
    claim = simple_claim()
    for url in (
        page_of(claim),
        reverse("public:detail", args=[987654321]),
        "/fact-checks/99999999999999999999/",
        "/fact-checks/abc/",
        "/fact-checks/-1/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("text/html")


def test_a_correction_in_progress_stays_inside_the_desk(client, desk):
    from reviews.services import review_correct, review_update

    review = desk.publish(simple_claim(), rating="True", explanation="The published verdict.")
    correction = review_correct(review=review, user=desk.editor, note="Being reconsidered.")
    review_update(review=correction, user=desk.editor, explanation="The draft of a correction.")
    page = read(client, review.claim)
    assert page.testid("verdict") == ["True"]
    assert page.testid("explanation") == ["The published verdict."]
    assert "The draft of a correction." not in page.html
    assert "Being reconsidered." not in page.html


def test_after_a_correction_the_page_shows_the_new_verdict_and_the_old_one_stays_readable(
    client, desk
):
    claim = simple_claim()
    with at(utc(2024, 3, 1)):
        first = desk.publish(
            claim, rating="True", explanation="First verdict.", write_up="The first check."
        )
    with at(utc(2024, 4, 2)):
        desk.correct(
            first,
            note="The count was of another quarter.",
            rating="Mostly false",
            explanation="Corrected verdict.",
        )
    page = read(client, claim)
    assert page.testid("verdict") == ["Mostly false"]
    assert page.testid("explanation") == ["Corrected verdict."]
    assert page.testid("correction-note") == ["Correction: The count was of another quarter."]
    dates = page.find(data_testid="dates")
    assert dates.texts("dt") == ["Published", "Updated"]
    assert dates.texts("time") == ["1 March 2024", "2 April 2024"]

    (version,) = page.find_all(data_testid="version")
    assert version.find("h3").text == "Version 1: corrected"
    assert version.texts(data_testid="version-rating") == ["True"]
    assert "First verdict." in version.text
    assert "Published 1 March 2024; corrected 2 April 2024" in version.text
    assert "The first check." in version.find("details").text

    (document,) = page.json_ld
    assert document["datePublished"] == "2024-03-01T12:00:00+00:00"
    assert document["dateModified"] == "2024-04-02T12:00:00+00:00"
    assert document["reviewRating"]["alternateName"] == "Mostly false"


def test_a_retracted_fact_check_shows_the_notice_no_verdict_and_no_claimreview(client, desk):
    claim = simple_claim()
    with at(utc(2024, 3, 1)):
        review = desk.publish(claim, rating="False", explanation="The withdrawn verdict.")
    desk.retract(review, reason="The report it rested on was withdrawn.")
    # The date of the retraction is the event's: when the workflow recorded it.
    retracted_on = ReviewEvent.objects.get(review=review, action="retract").at
    retracted_on = f"{retracted_on.day} {retracted_on:%B %Y}"
    page = read(client, claim)
    retraction = page.find(data_testid="retraction")
    assert retraction.texts(data_testid="retraction-reason") == [
        "The report it rested on was withdrawn."
    ]
    assert f"On {retracted_on} the desk withdrew its verdict" in retraction.text
    assert not page.find_all(data_testid="verdict")
    assert not page.find_all(data_testid="explanation")
    assert page.json_ld == []
    assert page.find(data_testid="dates").texts("dt") == ["Published", "Retracted"]
    (version,) = page.find_all(data_testid="version")
    assert version.find("h3").text == "Version 1: retracted"
    assert version.texts(data_testid="version-rating") == ["False"]
    assert "The withdrawn verdict." in version.text
    assert f"Published 1 March 2024; retracted {retracted_on}" in version.text


def test_a_correction_later_retracted_keeps_every_version(client, desk):
    claim = simple_claim()
    first = desk.publish(claim, rating="True", explanation="Version one.")
    second = desk.correct(first, note="Sharper.", explanation="Version two.")
    desk.retract(second, reason="Both rested on a forged document.")
    page = read(client, claim)
    assert page.find_all(data_testid="retraction")
    assert [v.find("h3").text for v in page.find_all(data_testid="version")] == [
        "Version 2: retracted",
        "Version 1: corrected",
    ]


def test_a_verdict_published_again_after_a_retraction_starts_anew(client, desk):
    claim = simple_claim()
    with at(utc(2024, 1, 10)):
        desk.retract(desk.publish(claim, rating="True", explanation="Withdrawn."))
    with at(utc(2024, 2, 20)):
        desk.publish(claim, rating="False", explanation="Checked again.")
    page = read(client, claim)
    assert page.testid("verdict") == ["False"]
    assert not page.find_all(data_testid="retraction")
    assert page.find(data_testid="dates").texts("time") == ["20 February 2024"]
    (version,) = page.find_all(data_testid="version")
    assert version.find("h3").text == "Version 1: retracted"
    (document,) = page.json_ld
    assert document["datePublished"] == "2024-02-20T12:00:00+00:00"
    assert "dateModified" not in document


def test_sources_that_are_not_public_are_described_but_never_quoted_or_linked(client, desk):
    claim = ClaimFactory()
    actor = ActorFactory(name="Ministry of Defence")
    statement = stated_directly(claim, actor, "the base was expanded")
    quoted_citation(
        statement,
        "an internal memo says the base doubled",
        role="quotes",
        derived_from=statement.citations.get(),
        source_fields={
            "title": "Internal memo",
            "is_public": False,
            "url": "https://intranet.example/memo",
            "access_note": "shown to our reporter",
        },
    )
    desk.publish(claim)
    page = read(client, claim)
    assert page.testid("quote") == ["the base was expanded"]
    assert "an internal memo says the base doubled" not in page.html
    assert "https://intranet.example/memo" not in page.html
    assert "Internal memo" in page.html
    assert "(not public: shown to our reporter)" in page.find(data_testid="chain").text


def test_the_page_runs_the_same_queries_however_much_it_shows(client, desk, count_queries):
    small = simple_claim()
    desk.publish(small)
    large = ClaimFactory()
    large.topics.set([TopicFactory(), TopicFactory()])
    large.about.set([ActorFactory(), ActorFactory()])
    for _ in range(5):
        assertion = asserted_through_chain(large, ActorFactory(), "the bridge was closed")
        stated_directly(
            large, ActorFactory(), "it was not", stance=Stance.DENIES, responds_to=assertion
        )
    review = desk.publish(large, evidence=list(Citation.objects.filter(statement__claim=large)))
    review = desk.correct(review, note="One.", explanation="Second version.")
    desk.correct(review, note="Two.", explanation="Third version.")
    for _ in range(3):
        ExternalFactCheckFactory(claim=large, rating_label=RatingLabelFactory())
    with count_queries() as few:
        read(client, small)
    with count_queries() as many:
        page = read(client, large)
    assert len(page.find_all(data_testid="statement")) == 10
    assert len(page.find_all(data_testid="version")) == 2
    assert len(page.find_all(data_testid="by-others-item")) == 3
    assert many.count == few.count, many.explain()
    # The public versions with their pinned documents, their retraction events, and the
    # claim's fact-checks by others.
    assert many.count == 3, many.explain()


def test_a_page_for_reading_only(client, desk):
    claim = simple_claim()
    desk.publish(claim)
    assert client.post(page_of(claim)).status_code == 405
    assert client.head(page_of(claim)).status_code == 200


def test_the_page_works_under_the_content_security_policy(client, desk):
    claim = simple_claim()
    desk.publish(claim)
    response = client.get(page_of(claim))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = parse(response)
    assert not page.find_all("style")
    assert not [e for e in page.root.iter() if "style" in e.attrs]
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/ld+json"]
    assert not [e for e in page.find_all("script") if "src" in e.attrs]


# Fact-checks by others


def test_fact_checks_by_others_are_shown_apart_from_the_desks_verdict(client, desk):
    claim = simple_claim()
    desk.publish(claim)
    label = RatingLabelFactory(label="Mostly false")
    ExternalFactCheckFactory(
        claim=claim,
        publisher=ActorFactory(name="PolitiFact", kind=ActorKind.NEWS_OUTLET),
        url="https://www.politifact.com/factchecks/2020/may/21/bridge/",
        headline="No, the bridge was not closed",
        textual_rating="Pants on Fire!",
        rating_label=label,
        published_on=datetime.date(2020, 5, 21),
        language="en",
    )
    ExternalFactCheckFactory(claim=claim, headline="Undated and unmapped", published_on=None)
    page = read(client, claim)
    (section,) = page.find_all(data_testid="by-others")
    assert section.find("h2").text == "Fact-checks by others"
    assert "not this desk's verdict" in section.text
    first, second = section.find_all(data_testid="by-others-item")
    link = first.find("a")
    assert link.attrs["href"] == "https://www.politifact.com/factchecks/2020/may/21/bridge/"
    assert link.attrs["rel"] == "nofollow noopener"
    assert link.text == "No, the bridge was not closed"
    assert "PolitiFact, 21 May 2020" in first.text
    assert "Their rating: Pants on Fire!" in first.text
    assert "(on this desk's scale: Mostly false)" in first.text
    assert "Undated and unmapped" in second.text
    assert "desk's scale" not in second.text
    # Outside the verdict, and never the desk's rating.
    verdict = page.find("section", aria_label="Verdict")
    assert "Pants on Fire" not in verdict.text
    assert "Pants on Fire" not in str(page.json_ld)


def test_no_section_without_fact_checks_by_others(client, desk):
    claim = simple_claim()
    desk.publish(claim)
    assert not read(client, claim).find_all(data_testid="by-others")
