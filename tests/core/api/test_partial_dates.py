"""Dates known to a year or a month are written as such (``2020``, ``2020-07``): the
precision that goes with the date follows, unless it is sent."""

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Statement
from sources.models import Source
from tests.support.factories import ClaimFactory, StatementFactory
from tests.support.routes import superuser_client

PREFIX = "/api/v1/"


@pytest.fixture
def api(db):
    """A superuser's API client."""
    return superuser_client()


@pytest.mark.parametrize(
    ("given", "stored", "precision", "display"),
    [
        ("2024", "2024-01-01", "year", "2024"),
        ("2024-03", "2024-03-01", "month", "March 2024"),
        ("2024-03-17", "2024-03-17", "day", "17 March 2024"),
    ],
)
def test_a_source_published_in_a_year_or_a_month(api, given, stored, precision, display):
    body = {"kind": "news_article", "title": "A report", "published_on": given}
    response = api.post(f"{PREFIX}sources/", body, format="json")
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["published_on"], answer["published_precision"]) == (stored, precision)
    assert answer["published_display"] == display


def test_a_month_with_a_coarser_precision_sent_is_taken_at_that_precision(api):
    body = {
        "kind": "news_article",
        "title": "A report",
        "published_on": "2024-03",
        "published_precision": "year",
    }
    response = api.post(f"{PREFIX}sources/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["published_on"] == "2024-01-01"


def test_a_month_with_a_day_precision_sent_is_refused(api):
    body = {
        "kind": "news_article",
        "title": "A report",
        "published_on": "2024-03",
        "published_precision": "day",
    }
    response = api.post(f"{PREFIX}sources/", body, format="json")
    assert response.status_code == 400
    [message] = response.json()["errors"]["published_on"]
    assert message.startswith("This date gives a month; with the day precision")
    assert not Source.objects.exists()


@pytest.mark.parametrize("given", ["2024-13", "2024-00", "24", "2024-3", "2024/03", "March 2024"])
def test_what_is_not_a_year_a_month_or_a_day_is_refused(api, given):
    statement = StatementFactory()
    response = api.patch(f"{PREFIX}statements/{statement.pk}/", {"stated_on": given}, format="json")
    assert response.status_code == 400, response.content
    assert "stated_on" in response.json()["errors"]


def test_a_statement_made_in_a_month(api):
    statement = StatementFactory()
    response = api.patch(
        f"{PREFIX}statements/{statement.pk}/", {"stated_on": "2020-07"}, format="json"
    )
    assert response.status_code == 200, response.content
    statement = Statement.objects.get(pk=statement.pk)
    assert (str(statement.stated_on), statement.stated_precision) == ("2020-07-01", "month")


def test_a_period_of_months_and_one_of_mixed_precisions(api):
    claim = ClaimFactory()
    response = api.patch(
        f"{PREFIX}claims/{claim.pk}/",
        {"period_start": "2020-01", "period_end": "2020-03"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["period_display"] == "January 2020 – March 2020"
    mixed = api.patch(
        f"{PREFIX}claims/{claim.pk}/",
        {"period_start": "2020", "period_end": "2020-03"},
        format="json",
    )
    assert mixed.status_code == 400
    assert mixed.json()["errors"]["period_precision"] == [
        "The dates give different precisions: choose one."
    ]
    assert Claim.objects.get(pk=claim.pk).period_precision == "month"


def test_the_schema_describes_a_year_a_month_or_a_day(db):
    schema = APIClient().get(f"{PREFIX}schema/", {"format": "json"}).json()
    field = schema["components"]["schemas"]["PatchedStatementRequest"]["properties"]["stated_on"]
    assert field["anyOf"] == [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
    ]
