"""The public list's search: the API's language-aware search, best matches first."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.support.desk import at, simple_claim, utc
from tests.support.pages import parse

pytestmark = pytest.mark.django_db

LIST = reverse("public:list")


def listed(client, params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content[:2000]
    return [item.find("a").text for item in parse(response).find_all(data_testid="fact-check")]


def test_a_search_lists_the_best_match_first(client, desk):
    better = simple_claim("Jets, jets and more jets landed at the airbase.")
    weaker = simple_claim("Jets landed near the coast, with supplies, trucks and crews.")
    with at(utc(2024, 3, 1)):
        desk.publish(better)
    with at(utc(2024, 5, 1)):
        desk.publish(weaker)
    assert listed(client, {}) == [weaker.text, better.text]  # newest first
    assert listed(client, {"q": "jets"}) == [better.text, weaker.text]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_a_french_fact_check_is_found_by_an_inflected_french_word(client, desk):
    claim = simple_claim("Les troupes sont arrivées hier.")
    claim.language = "fr"
    claim.save()
    desk.publish(claim)
    assert listed(client, {"q": "arrivait"}) == [claim.text]
