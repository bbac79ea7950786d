"""The public list: published fact-checks only, newest first, searched, filtered and paged."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from claims.choices import Stance
from publication.selectors import PUBLISHED_TOPICS_KEY
from tests.support.desk import UNPUBLISHED_STATES, at, label, simple_claim, stated_directly, utc
from tests.support.factories import ActorFactory, AliasFactory, ClaimFactory, TopicFactory
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

LIST = reverse("public:list")


def listed(client, params=None) -> list[str]:
    """The claim texts the list shows, in order (a 200 is required)."""
    response = client.get(LIST, params or {})
    assert response.status_code == 200, response.content[:2000]
    page = parse(response)
    return [item.find("a").text for item in page.find_all(data_testid="fact-check")]


def refused(client, params) -> list[str]:
    """The error messages of a list request the filters refuse (a 400 HTML page)."""
    response = client.get(LIST, params)
    assert response.status_code == 400, response.content[:2000]
    assert response["Content-Type"].startswith("text/html")
    page = parse(response)
    assert not page.find_all(data_testid="fact-check")
    errors = page.testid("filter-error")
    assert errors
    return errors


def test_anonymous_readers_see_published_fact_checks_newest_first(client, desk):
    older, newer = simple_claim("The older claim."), simple_claim("The newer claim.")
    with at(utc(2024, 3, 1)):
        desk.publish(older)
    with at(utc(2024, 5, 1)):
        desk.publish(newer)
    assert listed(client) == ["The newer claim.", "The older claim."]


def test_nothing_unpublished_is_listed(client, desk):
    desk.publish(simple_claim("Published."))
    for state in UNPUBLISHED_STATES:
        desk.review_to(simple_claim(f"Only {state}."), state)
    simple_claim("Never reviewed.")
    desk.retract(desk.publish(simple_claim("Retracted.")))
    assert listed(client) == ["Published."]


def test_a_corrected_fact_check_is_listed_once_with_its_current_verdict(client, desk):
    review = desk.publish(simple_claim("Corrected once."), rating="True")
    desk.correct(review, note="The figure was wrong.", rating="Mostly false")
    page = parse(client.get(LIST))
    (item,) = page.find_all(data_testid="fact-check")
    assert item.texts(data_testid="rating") == ["Mostly false"]
    assert "updated" in item.find("p", **{"class": "fact-checks__date"}).text


def test_each_row_shows_the_rating_in_its_colour_the_explanation_and_the_date(client, desk):
    claim = simple_claim("The bridge was closed.")
    with at(utc(2024, 7, 18, 9)):
        desk.publish(claim, rating="Mostly false", explanation="It reopened on Tuesday.")
    page = parse(client.get(LIST))
    (item,) = page.find_all(data_testid="fact-check")
    link = item.find("a")
    assert link.attrs["href"] == reverse("public:detail", args=[claim.pk])
    assert item.texts(data_testid="rating") == ["Mostly false"]
    assert item.find("circle").attrs["fill"] == label("Mostly false").colour
    assert "It reopened on Tuesday." in item.text
    time = item.find("time")
    assert time.text == "18 July 2024"
    assert time.attrs["datetime"].startswith("2024-07-18T09:00:00")
    claimant = claim.statements.get().actor.name
    assert f"Claimed by {claimant}" in item.text


def test_search_matches_the_claim_and_its_quotes(client, desk):
    fighters = ClaimFactory(text="Turkey sent Syrian fighters to Libya.")
    stated_directly(fighters, ActorFactory(), "the mercenaries were paid monthly")
    desk.publish(fighters)
    desk.publish(simple_claim("The bridge was closed."))
    assert listed(client, {"q": "fighters"}) == [fighters.text]
    assert listed(client, {"q": "mercenaries"}) == [fighters.text]
    assert listed(client, {"q": "bridge -fighters"}) == ["The bridge was closed."]
    assert listed(client, {"q": "nowhere"}) == []


def test_the_rating_filter_matches_the_label_of_the_current_verdict(client, desk):
    desk.publish(simple_claim("Rated true."), rating="True")
    desk.publish(simple_claim("Rated false."), rating="False")
    corrected = desk.publish(simple_claim("Once true, now false."), rating="True")
    desk.correct(corrected, note="New evidence.", rating="False")
    assert sorted(listed(client, {"rating": "False"})) == ["Once true, now false.", "Rated false."]
    assert listed(client, {"rating": "True"}) == ["Rated true."]
    assert listed(client, {"rating": "Unproven"}) == []


def test_the_topic_filter_and_its_choices(client, desk):
    libya = TopicFactory(name="Libya conflict", slug="libya-conflict")
    unused = TopicFactory(name="Unused topic", slug="unused-topic")
    tagged = simple_claim("Tagged.")
    tagged.topics.set([libya])
    desk.publish(tagged)
    desk.publish(simple_claim("Untagged."))
    assert listed(client, {"topic": "libya-conflict"}) == ["Tagged."]
    options = parse(client.get(LIST)).find("select", name="topic").find_all("option")
    assert [option.attrs["value"] for option in options] == ["", libya.slug]
    assert unused.slug not in {option.attrs["value"] for option in options}


def test_the_topic_choices_are_kept_a_while_and_a_topic_published_since_filters_at_once(
    client, desk, settings, count_queries
):
    settings.PUBLIC_TOPICS_CACHE_SECONDS = 60
    cache.delete(PUBLISHED_TOPICS_KEY)
    libya, sudan = (
        TopicFactory(name="Libya", slug="libya"),
        TopicFactory(name="Sudan", slug="sudan"),
    )
    first = simple_claim("First.")
    first.topics.set([libya])
    desk.publish(first)

    def offered() -> list[str]:
        options = parse(client.get(LIST)).find("select", name="topic").find_all("option")
        return [option.attrs["value"] for option in options]

    assert offered() == ["", "libya"]
    later = simple_claim("Later.")
    later.topics.set([sudan])
    desk.publish(later)
    with count_queries() as kept:
        assert offered() == ["", "libya"]  # kept: not read again
    assert listed(client, {"topic": "sudan"}) == ["Later."]  # read again for the filter
    assert offered() == ["", "libya", "sudan"]  # and kept so
    cache.delete(PUBLISHED_TOPICS_KEY)
    with count_queries() as read:
        offered()
    assert read.count == kept.count + 1
    assert refused(client, {"topic": "no-such-topic"})


def test_the_actor_filter_finds_who_asserted_or_denied_by_any_name(client, desk):
    moscow = ActorFactory(name="Government of Russia")
    AliasFactory(actor=moscow, name="Moscow")
    asserted = ClaimFactory(text="Asserted by Russia.")
    stated_directly(asserted, moscow, "we sent no aircraft")
    desk.publish(asserted)
    denied = simple_claim("Denied by Russia.")
    stated_directly(
        denied,
        moscow,
        "this is not true",
        stance=Stance.DENIES,
        responds_to=denied.statements.get(),
    )
    desk.publish(denied)
    desk.publish(simple_claim("Nothing to do with Russia."))
    expected = ["Denied by Russia.", "Asserted by Russia."]
    assert listed(client, {"actor": "Government of Russia"}) == expected
    assert listed(client, {"actor": "moscow"}) == expected
    assert listed(client, {"actor": "Nobody at all"}) == []


def test_the_date_range_filters_on_the_first_publication(client, desk):
    march, may = simple_claim("March."), simple_claim("May.")
    with at(utc(2024, 3, 10)):
        corrected = desk.publish(march)
    with at(utc(2024, 5, 10)):
        desk.publish(may)
        # Corrected in May, first published in March: it stays a March fact-check.
        desk.correct(corrected, note="A clearer explanation.", explanation="Clearer.")
    assert listed(client, {"published_after": "2024-05-01"}) == ["May."]
    assert listed(client, {"published_before": "2024-03-31"}) == ["March."]
    assert listed(client, {"published_after": "2024-03-10", "published_before": "2024-03-10"}) == [
        "March."
    ]
    assert listed(client, {"published_after": "2024-06-01"}) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rating": "Not a label"}, "rating"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"published_after": "yesterday"}, "published_after"),
        ({"published_before": "2024-02-30"}, "published_before"),
        ({"published_after": "2024-05-01", "published_before": "2024-04-01"}, "published_before"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"q": "x" * 501}, "q"),
        ({"q": "null\x00byte"}, "q"),
        ({"actor": "a" * 256}, "actor"),
    ],
)
def test_filter_values_that_cannot_be_used_get_a_400_page_naming_the_problem(
    client, desk, params, field
):
    desk.publish(simple_claim("Published."))
    errors = refused(client, params)
    if field == "page":
        assert any(error.startswith("Page:") for error in errors), errors
        return
    page = parse(client.get(LIST, params))
    invalid = page.find_all("div", **{"class": "filters__field filters__field--invalid"})
    assert {element.attrs.get("name") for div in invalid for element in div.iter()} >= {field}


def test_hostile_search_syntax_never_breaks_the_list(client, desk):
    desk.publish(simple_claim("Published."))
    for query in ['"unbalanced', "a & b | !c", "(( ))", "-", "OR", "'; DROP TABLE x; --", "%_%"]:
        response = client.get(LIST, {"q": query})
        assert response.status_code == 200, (query, response.content[:500])


def test_pages_of_twenty_with_links_that_keep_the_filters(client, desk):
    for n in range(23):
        with at(utc(2024, 1, 1 + n)):
            desk.publish(simple_claim(f"Claim {n:02d}."))
    first = parse(client.get(LIST, {"rating": "True"}))
    assert len(first.find_all(data_testid="fact-check")) == 20
    next_link = first.find("a", rel="next").attrs["href"]
    assert "rating=True" in next_link
    assert "page=2" in next_link
    assert not first.find_all("a", rel="prev")
    assert listed(client, {"rating": "True"})[:2] == ["Claim 22.", "Claim 21."]
    assert listed(client, {"rating": "True", "page": 2}) == ["Claim 02.", "Claim 01.", "Claim 00."]
    second = parse(client.get(LIST, {"rating": "True", "page": 2}))
    assert "page=1" in second.find("a", rel="prev").attrs["href"]
    assert not second.find_all("a", rel="next")
    beyond = client.get(LIST, {"page": 3})
    assert beyond.status_code == 200
    assert parse(beyond).testid("no-results")


def test_the_list_runs_the_same_queries_for_20_rows_as_for_2(client, desk, count_queries):
    pentagon = ActorFactory(name="U.S. Department of Defense")
    AliasFactory(actor=pentagon, name="Pentagon")
    libya = TopicFactory(name="Libya conflict", slug="libya-conflict")

    def publish(n):
        for _ in range(n):
            claim = ClaimFactory()
            stated_directly(claim, pentagon, "the fighters were paid")
            claim.topics.set([libya])
            desk.publish(claim)

    params = {"q": "checkable", "topic": "libya-conflict", "actor": "pentagon", "rating": "True"}
    counts = {}
    for total, more in ((2, 2), (20, 18)):
        publish(more)
        with count_queries() as plain:
            assert len(listed(client)) == total
        with count_queries() as filtered:
            assert len(listed(client, params)) == total
        counts[total] = (plain, filtered)
    (small, small_filtered), (large, large_filtered) = counts[2], counts[20]
    assert large.count == small.count, large.explain()
    assert large_filtered.count == small_filtered.count, large_filtered.explain()
    # The rating and topic choices, and the rows: published versions whose pinned documents
    # hold the claim's text, the verdict and the claimant.
    assert large.count == 3, large.explain()


def test_a_page_for_reading_only(client, desk):
    desk.publish(simple_claim("Published."))
    assert client.post(LIST).status_code == 405
    assert client.head(LIST).status_code == 200


def test_the_list_works_under_the_content_security_policy(client, desk):
    """No inline script or style: the stylesheet is a file of this origin, colours are SVG."""
    desk.publish(simple_claim("Published."))
    response = client.get(LIST)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    page = parse(response)
    assert not page.find_all("style")
    assert not [e for e in page.root.iter() if "style" in e.attrs]
    assert not [attrs for attrs, _ in page.scripts if attrs.get("type") != "application/ld+json"]
    stylesheet = page.find("link", rel="stylesheet").attrs["href"]
    served = client.get(stylesheet)
    assert served.status_code == 200
    assert b".rating" in b"".join(served.streaming_content)
