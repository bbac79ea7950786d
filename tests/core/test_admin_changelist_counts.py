"""Changelists count at most a capped number of rows, and read a column's values for its
filter from the column's index: neither reads the whole table."""

import pytest
from django.urls import reverse

from claims.admin import ClaimAdmin
from claims.models import Claim
from core.admin import CappedCountPaginator
from tests.support.admin import changelist_rows
from tests.support.factories import ClaimFactory

URL = "admin:claims_claim_changelist"


@pytest.fixture
def small_cap(monkeypatch):
    """A cap of 3 rows, at 2 rows a page."""
    monkeypatch.setattr(CappedCountPaginator, "CAP", 3)
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 2)


def test_a_list_past_the_cap_says_more_than_the_cap(admin_client, db, small_cap):
    ClaimFactory.create_batch(5)
    page = admin_client.get(reverse(URL))
    assert page.status_code == 200
    assert "more than 3 claims" in page.text
    assert page.context["cl"].result_count == 4  # counted up to the cap and one more


def test_a_list_within_the_cap_says_how_many(admin_client, db, small_cap):
    ClaimFactory.create_batch(3)
    page = admin_client.get(reverse(URL))
    assert "3 claims" in page.text
    assert "more than" not in page.text


def test_the_count_reads_at_most_the_cap_and_one_more(admin_client, db, small_cap, count_queries):
    ClaimFactory.create_batch(5)
    with count_queries() as queries:
        admin_client.get(reverse(URL))
    sqls = [query["sql"] for query in queries.context.captured_queries]
    counts = [sql for sql in sqls if sql.startswith("SELECT COUNT(")]
    assert len(counts) == 1, counts
    assert counts[0].endswith("LIMIT 4) subquery")
    assert "statement" not in counts[0]  # the list's columns are not computed to count it


def test_indexed_values_are_the_distinct_values_in_order(db):
    for language in ["fr", "en", "ar", "fr", "en-GB", "en"]:
        ClaimFactory(language=language)
    assert Claim.objects.indexed_values("language") == ["ar", "en", "en-GB", "fr"]
    assert Claim.objects.filter(language="fr").indexed_values("language") == [
        "ar",
        "en",
        "en-GB",
        "fr",
    ]  # the whole table, whatever the filters


def test_indexed_values_of_an_empty_table(db):
    assert Claim.objects.indexed_values("language") == []


def test_the_language_filter_lists_the_languages_claims_have(admin_client, db):
    french = ClaimFactory(language="fr")
    ClaimFactory(language="en")
    page = admin_client.get(reverse(URL))
    changelist = page.context["cl"]
    (languages,) = [spec for spec in changelist.filter_specs if spec.title == "language"]
    assert [choice["display"] for choice in languages.choices(changelist)] == ["All", "en", "fr"]
    assert changelist_rows(admin_client, Claim, {"language": "fr"}) == [french]
