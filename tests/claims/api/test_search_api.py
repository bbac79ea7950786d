"""Searched lists through HTTP: ``ordering=relevance`` and each row's ``highlight``."""

import pytest

from tests.support.api import assert_refused, client_with_permissions, count_queries
from tests.support.factories import CitationFactory, ClaimFactory

CLAIMS = "/api/v1/claims/"
CITATIONS = "/api/v1/citations/"


@pytest.fixture
def reader(db):
    return client_with_permissions("claims.view_claim", "claims.view_citation")


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def spans_of(response) -> dict[int, list]:
    return {row["id"]: row["highlight"] for row in response.json()["results"]}


# Relevance


def test_relevance_orders_the_better_match_first(reader):
    better = ClaimFactory(text="Jets, jets and more jets landed at the airbase.")
    weaker = ClaimFactory(text="Jets landed near the coast, with supplies, trucks and crews.")
    assert ids(reader.get(CLAIMS, {"q": "jets"})) == [weaker.pk, better.pk]  # newest first
    assert ids(reader.get(CLAIMS, {"q": "jets", "ordering": "relevance"})) == [
        better.pk,
        weaker.pk,
    ]


def test_relevance_ties_are_newest_first_and_pages_hold_every_match_once(reader):
    claims = [ClaimFactory(text=f"Jets landed ({n}).") for n in range(5)]
    claims.append(ClaimFactory(text="Jets, jets, jets landed."))
    seen, params = [], {"q": "jets", "ordering": "relevance", "page_size": 2}
    response = reader.get(CLAIMS, params)
    while True:
        seen += ids(response)
        following = response.json()["next"]
        if following is None:
            break
        response = reader.get(following)
    assert seen == [claims[-1].pk, *(claim.pk for claim in reversed(claims[:-1]))]


def test_relevance_without_a_search_is_refused(reader):
    assert_refused(reader.get(CLAIMS, {"ordering": "relevance"}), "ordering")
    assert_refused(reader.get(CITATIONS, {"ordering": "relevance"}), "ordering")


def test_least_relevant_first_is_refused(reader):
    assert_refused(reader.get(CLAIMS, {"q": "jets", "ordering": "-relevance"}), "ordering")


def test_citations_order_by_relevance(reader):
    weaker = CitationFactory(quote="The jets landed at dawn, officials said on Monday.")
    better = CitationFactory(quote="Jets. More jets. Jets everywhere.")
    CitationFactory(quote="Nothing landed.")
    response = reader.get(CITATIONS, {"q": "jets", "ordering": "relevance"})
    assert ids(response) == [better.pk, weaker.pk]


def test_a_relevance_ordered_search_runs_as_many_queries_as_a_plain_search(reader):
    for n in range(3):
        ClaimFactory(text=f"Jets landed ({n}).")
    plain, _ = count_queries(lambda: reader.get(CLAIMS, {"q": "jets"}))
    ranked, sql = count_queries(lambda: reader.get(CLAIMS, {"q": "jets", "ordering": "relevance"}))
    assert ranked == plain, sql


# Highlight


def test_claim_highlight_gives_the_offsets_of_the_matching_words(reader):
    text = "😀🇱🇾 Élite fighters: the FIGHTER jets arrived."
    claim = ClaimFactory(text=text)
    response = reader.get(CLAIMS, {"q": "fighter arrived -bombers"})
    spans = spans_of(response)[claim.pk]
    assert [text[start:end] for start, end in spans] == ["fighters", "FIGHTER", "arrived"]
    assert spans[0][0] == 10  # code points: the emoji and the flag's two letters count 1 each


def test_highlight_is_in_the_full_form_too(reader):
    text = "Les troupes sont arrivées hier."
    claim = ClaimFactory(text=text, language="fr")
    response = reader.get(CLAIMS, {"q": "troupes arrivées", "brief": "false"})
    spans = spans_of(response)[claim.pk]
    assert [text[start:end] for start, end in spans] == ["troupes", "arrivées"]


def test_highlight_is_null_in_an_unsearched_list(reader):
    ClaimFactory()
    CitationFactory(quote="Jets landed.")
    assert set(spans_of(reader.get(CLAIMS)).values()) == {None}
    assert set(spans_of(reader.get(CLAIMS, {"ordering": "id"})).values()) == {None}
    assert set(spans_of(reader.get(CITATIONS)).values()) == {None}


def test_a_claim_found_through_a_quote_has_nothing_highlighted_in_its_text(reader):
    claim = CitationFactory(quote="Officials said the brigade was redeployed.").statement.claim
    assert spans_of(reader.get(CLAIMS, {"q": "redeployed"})) == {claim.pk: []}


def test_citation_highlight_gives_offsets_into_the_quote(reader):
    quote = "« Les avions » — the jets landed; JETS again."
    citation = CitationFactory(quote=quote)
    for brief in ("true", "false"):
        response = reader.get(CITATIONS, {"q": "jet", "brief": brief})
        spans = spans_of(response)[citation.pk]
        assert [quote[start:end] for start, end in spans] == ["jets", "JETS"]
