"""Changelists count at most a capped number of rows, and read the choices of their filters
from indexes (a column's values, the related rows a foreign key names, a date column's
years): none reads the whole table."""

import datetime

import pytest
from django.urls import reverse

from claims.admin import ClaimAdmin
from claims.models import Citation, Claim, Statement
from core.admin import CappedCountPaginator
from reviews.models import ExternalFactCheck
from sources.models import Snapshot, Source
from tests.support.admin import changelist_rows
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    ExternalFactCheckFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
)

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


def filter_choices(page, title: str) -> list[str]:
    changelist = page.context["cl"]
    (spec,) = [spec for spec in changelist.filter_specs if spec.title == title]
    return [choice["display"] for choice in spec.choices(changelist)]


def test_the_publisher_filters_offer_the_actors_who_publish(admin_client, db):
    """Sources, citations and fact-checks published elsewhere are filtered by publisher among
    the actors who publish one (a source, or such a fact-check), not by every actor of the
    record; in the actors' order."""
    outlet = ActorFactory(name="Agence Terkel")
    ActorFactory(name="Never published")
    kept = CitationFactory(source=SourceFactory(publisher=outlet))
    other = CitationFactory()
    for name in ("Zeta Check", "Eta Check"):
        ExternalFactCheckFactory(publisher=ActorFactory(name=name))
    # A source may have no publisher: "-" lists those.
    sources_publishers = [*sorted(["Agence Terkel", other.source.publisher.name]), "-"]
    for model, expected in [
        (Source, sources_publishers),
        (Citation, sources_publishers),
        (ExternalFactCheck, ["Eta Check", "Zeta Check"]),
    ]:
        url = reverse(f"admin:{model._meta.label_lower.replace('.', '_')}_changelist")
        assert filter_choices(admin_client.get(url), "publisher") == ["All", *expected]
    assert changelist_rows(admin_client, Source, {"publisher__id__exact": outlet.pk}) == [
        kept.source
    ]
    assert changelist_rows(admin_client, Citation, {"source__publisher__id__exact": outlet.pk}) == [
        kept
    ]


def test_sources_are_filtered_by_the_year_they_were_published(admin_client, db):
    """Each year from the earliest publication to the latest, newest first; one year lists
    the sources published in it."""
    old = SourceFactory(published_on=datetime.date(2019, 5, 2))
    SourceFactory(published_on=datetime.date(2021, 1, 9))
    SourceFactory(published_on=None)
    page = admin_client.get(reverse("admin:sources_source_changelist"))
    assert filter_choices(page, "published on (year)") == ["All", "2021", "2020", "2019"]
    assert changelist_rows(admin_client, Source, {"published_on__year": "2019"}) == [old]
    assert changelist_rows(admin_client, Source, {"published_on__year": "2020"}) == []


def test_the_year_filter_is_left_out_when_no_row_has_a_date(admin_client, db):
    SourceFactory(published_on=None)
    page = admin_client.get(reverse("admin:sources_source_changelist"))
    assert "published on (year)" not in [spec.title for spec in page.context["cl"].filter_specs]


@pytest.mark.parametrize("model", [Claim, Statement, Citation, Source, Snapshot])
def test_big_changelists_neither_count_nor_list_distinct_values_of_the_table(
    admin_client, db, count_queries, model
):
    """No full count, no ``SELECT DISTINCT`` (a filter's choices or a date hierarchy's years)
    and no grouping of the listed table: each would read every row at a million."""
    StatementFactory(claim=ClaimFactory())
    CitationFactory()
    SnapshotFactory()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with count_queries() as queries:
        page = admin_client.get(url)
    assert page.status_code == 200
    assert page.context["cl"].result_count >= 1
    table = model._meta.db_table
    for query in queries.context.captured_queries:
        sql = query["sql"]
        assert "DISTINCT" not in sql, sql
        assert "GROUP BY" not in sql, sql
        if sql.startswith("SELECT COUNT(") and f'FROM "{table}"' in sql:
            assert "LIMIT" in sql, sql
