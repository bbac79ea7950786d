"""The claims changelist's search: the API's search (full text of claims and quotes), widened
to the claims of a speaker found by name; best match first unless a column is sorted."""

import pytest
from django.urls import reverse

from claims.models import Claim
from core.services import instance_withdraw
from tests.support.admin import changelist_rows
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    StatementFactory,
)

URL = "admin:claims_claim_changelist"


def counts_of_claims(counter) -> list[str]:
    """The page's counts of its claims (not the correlated counts of each row's statements)."""
    return [
        query["sql"]
        for query in counter.context.captured_queries
        if query["sql"].startswith("SELECT COUNT(*)")
    ]


def test_the_search_finds_claims_by_their_text(admin_client, db):
    claim = ClaimFactory(text="Mercenaries arrived in Sirte.")
    ClaimFactory(text="Nothing of the kind.")
    assert changelist_rows(admin_client, Claim, {"q": "mercenaries sirte"}) == [claim]


def test_the_search_finds_claims_by_a_quote(admin_client, db):
    claim = CitationFactory(quote="The brigade was redeployed overnight.").statement.claim
    assert changelist_rows(admin_client, Claim, {"q": "redeployed"}) == [claim]


def test_the_search_finds_claims_by_their_speakers_name(admin_client, db):
    speaker = ActorFactory(name="Ministry of Defence of Freedonia")
    claim = StatementFactory(actor=speaker).claim
    ClaimFactory()
    assert changelist_rows(admin_client, Claim, {"q": "Freedonia"}) == [claim]


def test_a_withdrawn_statement_does_not_find_its_claim_by_speaker(admin_client, db, admin_user):
    speaker = ActorFactory(name="Freedonian army")
    statement = StatementFactory(actor=speaker)
    instance_withdraw(instance=statement, user=admin_user, reason="Misattributed.")
    assert changelist_rows(admin_client, Claim, {"q": "Freedonian"}) == []


def test_the_best_match_comes_first_unless_a_column_is_sorted(admin_client, db):
    better = ClaimFactory(text="Jets, jets and more jets landed at the airbase.")
    weaker = ClaimFactory(text="Jets landed near the coast, with supplies, trucks and crews.")
    assert changelist_rows(admin_client, Claim, {"q": "jets"}) == [better, weaker]
    # Sorted by the creation date column, newest first: the user's ordering wins.
    assert changelist_rows(admin_client, Claim, {"q": "jets", "o": "-6"}) == [weaker, better]


@pytest.mark.parametrize("term", ["jets", "Freedonia"])
def test_the_searched_changelist_runs_a_fixed_number_of_queries(
    admin_client, db, count_queries, term
):
    speaker = ActorFactory(name="Freedonia")
    url = reverse(URL)

    def add(n):
        for i in range(n):
            StatementFactory(actor=speaker, claim=ClaimFactory(text=f"Jets landed ({i})."))

    def run():
        with count_queries() as counter:
            response = admin_client.get(url, {"q": term})
        assert response.status_code == 200
        return counter, len(response.context["cl"].result_list)

    add(2)
    admin_client.get(url, {"q": term})
    small, shown_small = run()
    add(10)
    large, shown_large = run()
    assert (shown_small, shown_large) == (2, 12)
    assert small.count == large.count, large.explain()


def test_a_search_lists_a_window_of_the_newest_matches_and_says_so(admin_client, db, monkeypatch):
    """However common the words, the newest matches of the text and quotes, and the newest
    claims of a speaker, are ranked and counted: the list says when older ones are left out."""
    from django.contrib import admin

    monkeypatch.setattr(admin.site._registry[Claim], "search_window", 3)
    oldest, *newer = [ClaimFactory(text=f"Jets landed ({i}).") for i in range(4)]
    response = admin_client.get(reverse(URL), {"q": "jets"})
    assert set(response.context["cl"].result_list) == set(newer)
    assert response.context["cl"].result_count == 3
    assert "Only the 3 newest matches are listed" in response.text
    # Narrower, it fits: every match is listed, and nothing is said.
    response = admin_client.get(reverse(URL), {"q": "jets 0"})
    assert list(response.context["cl"].result_list) == [oldest]
    assert "newest matches" not in response.text


def test_a_speakers_claims_are_found_among_the_lists_filters(admin_client, db):
    speaker = ActorFactory(name="Freedonian army")
    french = StatementFactory(actor=speaker, claim=ClaimFactory(language="fr")).claim
    StatementFactory(actor=speaker, claim=ClaimFactory(language="en"))
    rows = changelist_rows(admin_client, Claim, {"q": "Freedonian", "language": "fr"})
    assert rows == [french]


def test_a_search_of_text_alone_takes_the_windows_size_as_its_count(
    admin_client, db, count_queries
):
    """Every claim of the window passed the list's filters: the page's count is its size, with
    no query counting them again."""
    for i in range(3):
        ClaimFactory(text=f"Jets landed ({i}).", language="en")
    ClaimFactory(text="Jets landed (fr).", language="fr")
    ClaimFactory(text="Nothing of the kind.", language="en")
    with count_queries() as counter:
        response = admin_client.get(reverse(URL), {"q": "jets", "language": "en"})
    assert response.context["cl"].result_count == 3
    assert len(response.context["cl"].result_list) == 3
    assert not counts_of_claims(counter), counter.explain()


def test_a_search_that_finds_speakers_counts_its_claims_among_the_filters(
    admin_client, db, count_queries
):
    speaker = ActorFactory(name="Freedonian army")
    StatementFactory(actor=speaker, claim=ClaimFactory(language="fr"))
    StatementFactory(actor=speaker, claim=ClaimFactory(language="en"))
    ClaimFactory(text="The Freedonian army withdrew.", language="fr")
    with count_queries() as counter:
        response = admin_client.get(reverse(URL), {"q": "Freedonian", "language": "fr"})
    assert response.context["cl"].result_count == 2
    assert counts_of_claims(counter), counter.explain()


def test_the_pages_of_a_ranked_window_are_the_rankings_pages(
    admin_client, db, count_queries, monkeypatch
):
    """The window is ranked as it is read: each page is its slice of the ranking (relevance,
    then newest), read by its ids, not by sorting every match again and skipping to it."""
    from django.contrib import admin

    monkeypatch.setattr(admin.site._registry[Claim], "list_per_page", 2)
    for text in [
        "Jets landed.",
        "Jets, jets and jets landed at the airbase.",
        "Jets landed near the coast with trucks, crews and supplies.",
        "Jets and jets landed.",
        "Jets landed.",
    ]:
        ClaimFactory(text=text)
    ranking = list(
        Claim.objects.search("jets").with_relevance("jets").order_by("-relevance", "-pk")
    )
    pages = []
    for number in (1, 2, 3):
        with count_queries() as counter:
            response = admin_client.get(reverse(URL), {"q": "jets", "p": number})
        assert response.status_code == 200
        assert response.context["cl"].result_count == 5
        assert not [q for q in counter.context.captured_queries if "OFFSET" in q["sql"]]
        pages.append(list(response.context["cl"].result_list))
    assert pages == [ranking[0:2], ranking[2:4], ranking[4:]]
    # Sorted by a column (creation, oldest first), the pages follow it.
    response = admin_client.get(reverse(URL), {"q": "jets", "o": "6", "p": 1})
    assert list(response.context["cl"].result_list) == sorted(ranking, key=lambda c: c.pk)[:2]
