"""The plain claims list is served from compiled SQL; it must answer as the general path does."""

import base64
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from claims.api import claim_list
from claims.choices import ClaimKind, Comparator, Stance
from core.services import instance_withdraw
from tests.support.api import client_with_permissions, count_queries
from tests.support.factories import (
    ActorFactory,
    AliasFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
)

CLAIMS = reverse("api:claim-list")


@pytest.fixture
def record(db):
    """Claims of every shape the list shows: quantities, long texts, positions, denials."""
    claims = [
        ClaimFactory(
            text="Turkey sent more than 3,500 Syrian fighters to Libya in Q1 2020",
            quantity_value=Decimal("3500"),
            quantity_comparator=Comparator.MORE_THAN,
            quantity_unit="Syrian fighters",
        ),
        ClaimFactory(
            text="Between 10 and 20.5 tonnes were delivered",
            quantity_value=Decimal("10.000"),
            quantity_upper=Decimal("20.50"),
            quantity_comparator=Comparator.BETWEEN,
            quantity_unit="tonnes",
        ),
        ClaimFactory(
            text="About 1,000,000.5 litres",
            quantity_value=Decimal("1000000.5"),
            quantity_comparator=Comparator.ABOUT,
        ),
        ClaimFactory(text="A claim far longer than a list shows. " * 5, language="fr"),
        ClaimFactory(text="Ankara will answer with sanctions", kind=ClaimKind.POSITION),
        ClaimFactory(text="Markup <b>&amp;</b> and “quotes” and a line\u2028separator"),
    ]
    claims += [ClaimFactory() for _ in range(5)]
    StatementFactory(claim=claims[0])
    StatementFactory(claim=claims[0], stance=Stance.DENIES)
    StatementFactory(claim=claims[0], stance=Stance.DENIES)
    StatementFactory(claim=claims[3], stance=Stance.DISPUTES)
    return claims


@pytest.fixture
def api(record):
    return client_with_permissions("claims.view_claim")


def general(api, url, params=None):
    """The response of the general list path (queryset, FilterSet, serializer)."""
    with mock.patch("claims.api.views.plain_list_response", return_value=None):
        return api.get(url, params)


def plain(api, url, params=None):
    """The response of the plain path, which must have served it."""
    with mock.patch.object(claim_list, "_page_query", wraps=claim_list._page_query) as fetch:
        response = api.get(url, params)
    assert fetch.called, "the plain path did not serve this request"
    return response


def assert_same(api, url, params=None):
    expected, actual = general(api, url, params), plain(api, url, params)
    assert actual.status_code == expected.status_code == 200, actual.content
    assert actual.json() == expected.json()
    assert actual.content == expected.content
    return actual.json()


def assert_every_page_same(api, params) -> list[int]:
    """Every page of ``params`` forwards, then backwards, as the general path answers it;
    the ids listed, in order."""
    body = assert_same(api, CLAIMS, params)
    seen = [row["id"] for row in body["results"]]
    while body["next"]:
        body = assert_same(api, body["next"])
        seen += [row["id"] for row in body["results"]]
    while body["previous"]:
        body = assert_same(api, body["previous"])
    return seen


@pytest.mark.parametrize("page_size", [None, "1", "3", "200", "500", ""])
def test_the_first_page_is_what_the_general_path_answers(api, page_size):
    params = {} if page_size is None else {"page_size": page_size}
    body = assert_same(api, CLAIMS, params)
    assert body["results"]


@pytest.mark.parametrize("page_size", ["0", "x", "-1"])
def test_a_page_size_refused_is_the_same_400_on_both_paths(api, page_size):
    expected, actual = (
        general(api, CLAIMS, {"page_size": page_size}),
        api.get(CLAIMS, {"page_size": page_size}),
    )
    assert actual.status_code == expected.status_code == 400
    assert actual.content == expected.content


def test_every_page_forwards_and_backwards_is_what_the_general_path_answers(api, record):
    body = assert_same(api, CLAIMS, {"page_size": 2})
    seen = [row["id"] for row in body["results"]]
    while body["next"]:
        body = assert_same(api, body["next"])
        seen += [row["id"] for row in body["results"]]
    assert seen == sorted((claim.pk for claim in record), reverse=True)
    back = []
    while body["previous"]:
        body = assert_same(api, body["previous"])
        back = [row["id"] for row in body["results"]] + back
    assert back == seen[: len(back)]
    assert len(back) == len(seen) - 1


def test_rows_carry_counts_quantities_and_display_as_the_serializer_writes_them(api, record):
    rows = {row["id"]: row for row in plain(api, CLAIMS, {"page_size": 50}).json()["results"]}
    fighters = rows[record[0].pk]
    assert fighters["quantity_display"] == "more than 3,500 Syrian fighters"
    assert (fighters["statement_count"], fighters["denial_count"]) == (3, 2)
    assert rows[record[1].pk]["quantity_display"] == "between 10 and 20.5 tonnes"
    assert rows[record[2].pk]["quantity_display"] == "about 1,000,000.5"
    long = rows[record[3].pk]
    assert len(long["display"]) == 100
    assert long["display"].endswith("…")
    assert (long["language"], long["statement_count"], long["denial_count"]) == ("fr", 1, 0)
    assert rows[record[4].pk]["kind"] == "position"
    assert fighters["url"] == f"http://testserver{reverse('api:claim-detail', args=[record[0].pk])}"


@override_settings(TIME_ZONE="America/Sao_Paulo")
def test_times_are_written_in_the_current_time_zone_as_the_serializer_writes_them(api):
    body = assert_same(api, CLAIMS, {"page_size": 3})
    assert body["results"][0]["created_at"].endswith("-03:00")


@pytest.mark.parametrize("brief", ["true", "1", ""])
def test_the_brief_flag_keeps_the_plain_path(api, brief):
    assert_same(api, CLAIMS, {"brief": brief, "page_size": 4})


@pytest.mark.parametrize(
    "params",
    [
        {"brief": "false"},
        {"fields": "id,text"},
        {"ordering": "created_at"},
        {"language": "fr"},
        {"q": "fighters", "ordering": "relevance"},
        {"q": "fighters -Libya"},  # an excluded word: SQL of another shape
        {"format": "json"},
    ],
)
def test_any_other_parameter_takes_the_general_path(api, params):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, params)
    assert response.status_code == 200, response.content


ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the plain path searches on PostgreSQL only"
)


@postgresql_only
@pytest.mark.parametrize(
    "query", ["fighters", "  Turkey LIBYA ", '"Syrian fighters"', "tonnes or sanctions", "nothing"]
)
def test_a_search_is_what_the_general_path_answers_highlights_included(api, query):
    body = assert_same(api, CLAIMS, {"q": query, "page_size": 3})
    for row in body["results"]:
        assert row["highlight"], row


@postgresql_only
def test_every_page_of_a_search_is_what_the_general_path_answers(api, record):
    for claim in record[6:]:
        StatementFactory(claim=claim)
    matching = [ClaimFactory(text=f"Fighters crossed the border, report {n}") for n in range(5)]
    seen = assert_every_page_same(api, {"q": "fighters", "page_size": 2})
    assert seen == sorted([record[0].pk] + [claim.pk for claim in matching], reverse=True)


@pytest.mark.skipif(ON_POSTGRESQL, reason="PostgreSQL searches on the plain path")
def test_on_sqlite_a_search_takes_the_general_path(api):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, {"q": "fighters"})
    assert response.status_code == 200, response.content
    assert response.json()["results"][0]["highlight"]


@pytest.mark.parametrize("query", ["\x00fighters", "x" * 501, "   "])
def test_a_search_the_plain_path_cannot_take_is_answered_by_the_general_one(api, query):
    expected = general(api, CLAIMS, {"q": query})
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        actual = api.get(CLAIMS, {"q": query})
    assert actual.status_code == expected.status_code
    assert actual.content == expected.content


@pytest.fixture
def speakers(record):
    """An actor with statements on most claims (one withdrawn), one with a single statement,
    and two actors who go by the same alias."""
    ministry = ActorFactory(name="Ministry of Defence")
    AliasFactory(actor=ministry, name="The MoD")
    for claim in record[:8]:
        StatementFactory(claim=claim, actor=ministry)
    withdrawn = StatementFactory(claim=record[9], actor=ministry)
    withdrawn.withdrawn_at, withdrawn.withdrawal_reason = withdrawn.created_at, "Misread."
    withdrawn.save()
    lone = ActorFactory(name="Lone Speaker")
    StatementFactory(claim=record[2], actor=lone)
    for name, claim in (("Twin One", record[0]), ("Twin Two", record[5])):
        twin = ActorFactory(name=name)
        AliasFactory(actor=twin, name="Twins")
        StatementFactory(claim=claim, actor=twin)
    return {"ministry": ministry, "lone": lone}


@pytest.mark.parametrize(
    "actor", ["Ministry of Defence", "mod", "  the MINISTRY of defence ", "Lone Speaker"]
)
def test_an_actor_by_name_or_alias_is_what_the_general_path_answers(api, speakers, actor):
    assert_same(api, CLAIMS, {"actor": actor, "page_size": 3})


def test_an_actor_by_id_is_what_the_general_path_answers(api, speakers):
    body = assert_same(api, CLAIMS, {"actor": speakers["lone"].pk})
    assert len(body["results"]) == 1
    assert_same(api, CLAIMS, {"actor": 999_999_999})


def test_every_page_of_an_actor_forwards_and_backwards_is_what_the_general_path_answers(
    api, record, speakers
):
    seen = assert_every_page_same(api, {"actor": "The MoD", "page_size": 2})
    # Its withdrawn statement counts, as the filter counts every statement of the actor.
    assert seen == sorted((claim.pk for claim in [*record[:8], record[9]]), reverse=True)


def test_an_actors_page_looks_the_actor_up_then_reads_the_page(api, speakers):
    api.get(CLAIMS)  # the token's first use records it; later ones do not
    by_name, sql = count_queries(lambda: plain(api, CLAIMS, {"actor": "mod", "page_size": 5}))
    assert by_name == 2, sql
    by_id, sql = count_queries(lambda: plain(api, CLAIMS, {"actor": speakers["lone"].pk}))
    assert by_id == 1, sql


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"actor": "Twins"}, 2),  # two actors go by it
        ({"actor": "nobody"}, 0),
        ({"actor": "Ministry of Defence,Lone Speaker"}, 9),
        ({"actor": ["mod", "Lone Speaker"]}, 9),
        ({"actor": "mod", "stance": "asserts"}, 9),
        ({"actor": "mod", "include_sub_actors": "true"}, 9),
        ({"actor": "mod", "q": "Turkey"}, 1),
    ],
)
def test_other_actor_filters_take_the_general_path(api, speakers, params, found):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == found


@pytest.mark.parametrize("actor", ["0", "-3", "\x00mod", "x" * 300])
def test_an_actor_the_filter_refuses_is_the_same_400_on_both_paths(api, actor):
    expected, actual = general(api, CLAIMS, {"actor": actor}), api.get(CLAIMS, {"actor": actor})
    assert actual.status_code == expected.status_code == 400
    assert actual.content == expected.content


@pytest.fixture
def deniers(record, speakers):
    """The ministry denies some claims (one denial withdrawn) and asserts others; the lone
    speaker denies one."""
    ministry = speakers["ministry"]
    for claim in record[3:9]:
        StatementFactory(claim=claim, actor=ministry, stance=Stance.DENIES)
    withdrawn = StatementFactory(claim=record[1], actor=ministry, stance=Stance.DENIES)
    instance_withdraw(instance=withdrawn, reason="Misread.")
    StatementFactory(claim=record[0], actor=speakers["lone"], stance=Stance.DENIES)
    return speakers


@pytest.mark.parametrize("denier", ["Ministry of Defence", "the mod", "Lone Speaker"])
def test_a_denier_by_name_or_alias_is_what_the_general_path_answers(api, deniers, denier):
    body = assert_same(api, CLAIMS, {"denied_by": denier, "page_size": 3})
    assert body["results"]


def test_every_page_of_a_denier_forwards_and_backwards_is_what_the_general_path_answers(
    api, record, deniers
):
    seen = assert_every_page_same(api, {"denied_by": deniers["ministry"].pk, "page_size": 2})
    # Its withdrawn denial counts, as the filter counts every denial of the actor.
    assert seen == sorted((claim.pk for claim in [record[1], *record[3:9]]), reverse=True)


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"denied_by": "Twins"}, 0),  # two actors go by it
        ({"denied_by": ["mod", "Lone Speaker"]}, 8),
        ({"denied_by": "mod", "actor": "Lone Speaker"}, 0),
        ({"denied_by": "mod", "topic": "anything"}, 0),
        ({"denied_by": "mod", "q": "Turkey"}, 0),
        ({"denied_by": "mod", "include_sub_actors": "true"}, 7),
    ],
)
def test_other_denier_filters_take_the_general_path(api, deniers, params, found):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == found


@pytest.fixture
def tagged(record):
    """A topic on most claims (one withdrawn), one on a single claim, and two topics one of
    which is named as the other's slug."""
    conflict = TopicFactory(name="Libya conflict", slug="libya-conflict")
    for claim in [*record[:6], record[7]]:
        claim.topics.add(conflict)
    withdrawn = record[8]
    withdrawn.topics.add(conflict)
    instance_withdraw(instance=withdrawn, reason="Duplicate.")
    lone = TopicFactory(name="Sanctions", slug="sanctions")
    record[2].topics.add(lone)
    record[3].topics.add(TopicFactory(name="twin", slug="twin-topic"))
    record[4].topics.add(TopicFactory(name="Twin two", slug="twin"))
    return {"conflict": conflict, "lone": lone}


@pytest.mark.parametrize("topic", ["libya-conflict", "Libya Conflict", " sanctions "])
def test_a_topic_by_slug_or_name_is_what_the_general_path_answers(api, tagged, topic):
    body = assert_same(api, CLAIMS, {"topic": topic, "page_size": 3})
    assert body["results"]


def test_every_page_of_a_topic_forwards_and_backwards_is_what_the_general_path_answers(
    api, record, tagged
):
    seen = assert_every_page_same(api, {"topic": "libya-conflict", "page_size": 2})
    # The withdrawn claim is left out, as the list leaves withdrawn claims out.
    assert seen == sorted((claim.pk for claim in [*record[:6], record[7]]), reverse=True)


def test_a_topics_page_looks_the_topic_up_then_reads_the_page(api, tagged):
    api.get(CLAIMS)  # the token's first use records it; later ones do not
    queries, sql = count_queries(lambda: plain(api, CLAIMS, {"topic": "sanctions"}))
    assert queries == 2, sql


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"topic": "twin"}, 2),  # one topic's name, another's slug
        ({"topic": "nothing-of-the-kind"}, 0),
        ({"topic": ["libya-conflict", "sanctions"]}, 7),
        ({"topic": "sanctions", "actor": "nobody"}, 0),
        ({"topic": "sanctions", "language": "fr"}, 0),
    ],
)
def test_other_topic_filters_take_the_general_path(api, tagged, params, found):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == found


@pytest.mark.parametrize("topic", ["\x00x", "x" * 300])
def test_a_topic_the_filter_refuses_is_the_same_400_on_both_paths(api, topic):
    expected, actual = general(api, CLAIMS, {"topic": topic}), api.get(CLAIMS, {"topic": topic})
    assert actual.status_code == expected.status_code == 400
    assert actual.content == expected.content


def test_a_cursor_with_an_offset_takes_the_general_path(api, record):
    cursor = base64.b64encode(f"o=2&p={record[-1].pk + 1}".encode()).decode()
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        response = api.get(CLAIMS, {"cursor": cursor, "page_size": 2})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize("position", ["abc", "99999999999999999999", "1.5"])
def test_a_malformed_cursor_gets_400_on_the_plain_path_too(api, position):
    cursor = base64.b64encode(f"p={position}".encode()).decode()
    response = api.get(CLAIMS, {"cursor": cursor})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == ["cursor"]


def test_an_empty_record_gives_an_empty_page(db):
    api = client_with_permissions("claims.view_claim")
    body = plain(api, CLAIMS).json()
    assert body == {"next": None, "previous": None, "results": []}


@pytest.mark.parametrize(("cache_seconds", "queries"), [(60, 1), (0, 2)])
def test_a_page_runs_one_query_whatever_its_size(api, cache_seconds, queries):
    """The page, after the token with its user's permissions unless their identity is
    cached from an earlier request."""
    with override_settings(API_IDENTITY_CACHE_SECONDS=cache_seconds):
        api.get(CLAIMS)  # the token's first use records it; later ones do not
        small, _ = count_queries(lambda: plain(api, CLAIMS, {"page_size": 2}))
        ClaimFactory.create_batch(30)
        large, sql = count_queries(lambda: plain(api, CLAIMS, {"page_size": 40}))
    assert small == large == queries, sql


def test_the_browsable_api_shows_the_plain_page(api, record):
    api.force_authenticate(user=api.user)
    with mock.patch.object(claim_list, "_page_query", wraps=claim_list._page_query) as fetch:
        response = api.get(CLAIMS, HTTP_ACCEPT="text/html")
    assert fetch.called
    assert response.status_code == 200
    assert "Claim number" in response.content.decode()


def test_anonymous_and_unpermitted_requests_are_refused_before_the_page(record):
    with mock.patch.object(claim_list, "_page_query", side_effect=AssertionError):
        assert APIClient().get(CLAIMS).status_code == 401
        assert client_with_permissions("claims.view_statement").get(CLAIMS).status_code == 403
