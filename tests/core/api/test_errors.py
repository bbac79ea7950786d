"""One JSON error format everywhere, and never a 500, whatever the request.

The hostile inputs are a matrix over every endpoint the router registers (lists, details,
creates), so a resource added later is covered without a new test.
"""

import base64
import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import include, path
from rest_framework.test import APIClient

from core.filtersets import IdListFilter
from core.validators import MAX_BIGINT
from tests.support.factories import ClaimFactory, ReviewFactory
from tests.support.routes import RECORD_ROUTES, ROUTES, superuser_client

ERROR_KEYS = {"status", "code", "detail", "errors"}
BEYOND_64_BITS = [str(2**63), str(2**64), "9" * 30]
FULL_TEXT_SYNTAX = [
    '"unbalanced',
    "a & b | !c",
    "(( ))",
    "-",
    "OR",
    "foo:* <-> bar",
    "'; DROP TABLE claims; --",
    "\\",
    "%_%",
    "* ? [ ] { } ~ ^",
]
HOSTILE_FILTER_VALUES = [
    *BEYOND_64_BITS,
    "-1",
    "0",
    "abc",
    "1,,2",
    "2020-01-01T00:00+20:14",
    "0001-01-01T00:00+05:00",
    "9999-12-31T23:59-05:00",
    "1e999999",
    "NaN",
    "x" * 5000,
    *FULL_TEXT_SYNTAX[:3],
]


def assert_error(response, status: int, code: str | None = None) -> dict:
    """``response`` is the one JSON error format with this status, and holds no traceback."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) <= ERROR_KEYS
    assert {"status", "code", "detail"} <= set(body)
    assert body["status"] == status
    assert isinstance(body["detail"], str)
    assert body["detail"]
    if code is not None:
        assert body["code"] == code, body
    assert b"Traceback" not in response.content
    return body


def assert_not_a_server_error(response):
    """A 2xx with JSON, or the JSON error format: never a 500, never a traceback."""
    assert response.status_code < 500, response.content[:500]
    assert b"Traceback" not in response.content
    if response.status_code >= 400:
        assert_error(response, response.status_code)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def api(db):
    """A superuser's client: every refusal below is about the request, not permissions."""
    return superuser_client()


def _routes(routes, method=None, detail=False):
    selected = [r for r in routes if method is None or method in r.methods(detail=detail)]
    return pytest.mark.parametrize("route", selected, ids=str)


LISTS = _routes(ROUTES, "get")
RECORD_LISTS = _routes(RECORD_ROUTES, "get")
DETAILS = _routes(ROUTES, "get", detail=True)
CREATES = _routes(ROUTES, "post")
RECORD_UPDATES = _routes(RECORD_ROUTES, "patch", detail=True)


def _filter_cases(kind: str, values) -> list:
    cases = []
    for route in ROUTES:
        for name in getattr(route, kind):
            cases.extend(
                pytest.param(route, name, value, id=f"{route}-{name}-{value[:20]}")
                for value in values
            )
    return cases


# Query strings: NUL bytes and lone surrogates, in every parameter of every list


@LISTS
@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "cursor=%00",
        "page_size=1%002",
        "ordering=%00",
        "unknown%00name=1",
        "q=%ED%A0%80",  # a lone high surrogate, as UTF-8 would spell it
        "q=a%ED%B2%A9b",  # a lone low surrogate
        "q=%FF%FE",  # not UTF-8 at all
        "fields=id%00",
    ],
)
def test_nul_bytes_and_lone_surrogates_in_query_strings_get_400(api, route, query):
    """Query parameters that are not storable text are refused before any filter runs."""
    assert_error(api.get(f"{route.list_url()}?{query}"), 400, "invalid")


@DETAILS
@pytest.mark.parametrize("query", ["fields=%00", "brief=%ED%A0%80"])
def test_hostile_query_strings_on_details_get_400(api, route, query):
    obj = route.make(user=api.user)
    assert_error(api.get(f"{route.detail_url(obj.pk)}?{query}"), 400, "invalid")


# Cursors and page sizes


@LISTS
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!!",
        b64("not a query string"),
        b64("o=abc"),
        b64("o=-5"),
        b64("r=maybe&p=1"),
        b64("p=garbage"),
        b64(f"p={MAX_BIGINT + 1}"),
        b64("p=" + "9" * 400),
        b64("p=-" + "9" * 40),
        b64("o=0&p=1%00"),
        b64("p=" + "1" * 2000),
    ],
)
def test_malformed_cursors_get_400(api, route, cursor):
    """Garbage, valid base64 with a garbage or out-of-range position: 400, not a lost page."""
    body = assert_error(api.get(route.list_url(), {"cursor": cursor}), 400, "invalid")
    assert "cursor" in body["errors"]


@LISTS
@pytest.mark.parametrize("page_size", [str(10**30), "9" * 2000, "201", "0200", " 7 ", ""])
def test_large_page_sizes_are_capped(api, route, page_size):
    """page_size beyond 200 is capped to 200, as documented; an empty one is the default."""
    response = api.get(route.list_url(), {"page_size": page_size})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) <= 200


@LISTS
@pytest.mark.parametrize("page_size", ["0", "000", "-1", "abc", "1.5", "+5", "1e3", "٣", "5,6"])
def test_page_sizes_that_are_not_positive_whole_numbers_get_400(api, route, page_size):
    """DRF would serve the default page size instead, hiding the client's mistake."""
    body = assert_error(api.get(route.list_url(), {"page_size": page_size}), 400, "invalid")
    assert list(body["errors"]) == ["page_size"]


# Filters


@pytest.mark.parametrize(
    ("route", "name", "value"), _filter_cases("id_filters", [*BEYOND_64_BITS, "abc", "-3"])
)
def test_ids_beyond_64_bits_or_not_numbers_in_filters_get_400(api, route, name, value):
    """An id filter refuses what cannot be an id, instead of sending it to the database."""
    body = assert_error(api.get(route.list_url(), {name: value}), 400, "invalid")
    assert name in body["errors"]


@pytest.mark.parametrize(
    ("route", "name", "value"),
    _filter_cases("id_filters", ["%", "%s", "%(value)s", "1,%d", "100%", "%%"]),
)
def test_percent_signs_in_id_filters_get_400_naming_the_value(api, route, name, value):
    """A ``%`` in what the client sent is a 400 on the parameter, never a 500; the filters
    that quote the value quote it as sent, never read as a placeholder."""
    body = assert_error(api.get(route.list_url(), {name: value}), 400, "invalid")
    assert list(body["errors"]) == [name]
    if isinstance(route.filters[name], IdListFilter):
        bad = value.split(",")[-1]
        assert body["errors"][name] == [f"“{bad}” is not an id."], body


@pytest.mark.parametrize(
    ("route", "name", "value"), _filter_cases("choice_filters", ["planet", "%00x", "  "])
)
def test_unknown_choice_values_get_400(api, route, name, value):
    body = assert_error(api.get(route.list_url(), {name: value}), 400, "invalid")
    assert name in body["errors"]


@RECORD_LISTS
@pytest.mark.parametrize("value", ["maybe", "null", "2"])
def test_a_brief_flag_that_is_not_a_boolean_gets_400(api, route, value):
    """?brief= is true or false (1/0, yes/no; empty for the default), never a silent default."""
    body = assert_error(api.get(route.list_url(), {"brief": value}), 400, "invalid")
    assert list(body["errors"]) == ["brief"]
    assert api.get(route.list_url(), {"brief": ""}).status_code == 200


# Unknown query parameters


UNKNOWN_PARAMETERS = ["deniedby", "search", "page", "limit", "order_by", "ID", "fields[]"]


@LISTS
@pytest.mark.parametrize("name", UNKNOWN_PARAMETERS)
def test_unknown_query_parameters_on_lists_get_400_naming_them(api, route, name):
    """A parameter the list does not take is refused, not ignored (which would answer every
    row for a misspelt filter)."""
    body = assert_error(api.get(route.list_url(), {name: "x"}), 400, "invalid")
    assert list(body["errors"]) == [name]
    assert body["errors"][name][0].startswith("Unknown query parameter; the known ones here: ")


def test_a_misspelt_filter_no_longer_answers_every_claim(api):
    ClaimFactory()
    body = assert_error(api.get("/api/v1/claims/", {"deniedby": "Moscow"}), 400, "invalid")
    assert "denied_by" in body["errors"]["deniedby"][0]
    assert api.get("/api/v1/claims/", {"denied_by": "Moscow"}).status_code == 200


@LISTS
def test_several_unknown_parameters_are_each_named(api, route):
    body = assert_error(api.get(route.list_url(), {"a": "1", "b": "2", "format": "json"}), 400)
    assert sorted(body["errors"]) == ["a", "b"]


@DETAILS
@pytest.mark.parametrize("name", ["page_size", "cursor", "ordering", "id", "q", "nope"])
def test_a_detail_takes_no_filter_ordering_or_pagination_parameter(api, route, name):
    """A detail is one object: what filters, orders or pages a list is unknown there."""
    obj = route.make(user=api.user)
    body = assert_error(api.get(route.detail_url(obj.pk), {name: "1"}), 400, "invalid")
    assert list(body["errors"]) == [name]


@CREATES
@pytest.mark.parametrize("name", ["brief", "fields", "id", "page_size", "nope"])
def test_writes_take_no_reading_parameters(api, route, name):
    """``?brief=true`` on a POST would have validated the body with the brief serializer."""
    count = route.model.objects.count()
    body = assert_error(api.post(f"{route.list_url()}?{name}=true", {}, format="json"), 400)
    assert list(body["errors"]) == [name]
    assert route.model.objects.count() == count


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/reviews/queue/",
        "/api/v1/claims/{id}/history/",
        "/api/v1/claims/{id}/claimreview/",
    ],
)
def test_other_endpoints_refuse_unknown_parameters_too(api, url):
    url = url.format(id=ClaimFactory().pk)
    body = assert_error(api.get(url, {"nope": "1"}), 400, "invalid")
    assert list(body["errors"]) == ["nope"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/", {"format": "json"}),
        ("/api/v1/reviews/queue/", {"mine": "true", "page_size": "2", "brief": "false"}),
        ("/api/v1/claims/", {"format": "json", "fields": "id", "brief": "true"}),
        ("/api/v1/claims/", {"denied_by": "Moscow", "ordering": "-id", "cursor": ""}),
        ("/api/v1/tokens/", {"page_size": "2", "cursor": ""}),
    ],
)
def test_known_parameters_are_taken(api, url, params):
    assert api.get(url, params).status_code == 200


def test_a_document_without_a_serializer_takes_no_shape_parameters(api):
    """The ClaimReview is a document: ``fields`` and ``brief`` shape nothing there."""
    url = f"/api/v1/claims/{ClaimFactory().pk}/claimreview/"
    for name in ("fields", "brief"):
        body = assert_error(api.get(url, {name: "id"}), 400, "invalid")
        assert list(body["errors"]) == [name]


def test_the_queue_does_not_order(api):
    body = assert_error(api.get("/api/v1/reviews/queue/", {"ordering": "id"}), 400)
    assert list(body["errors"]) == ["ordering"]


@RECORD_LISTS
def test_unknown_ordering_gets_400(api, route):
    body = assert_error(api.get(route.list_url(), {"ordering": "no_such_field"}), 400)
    assert "ordering" in body["errors"]


@RECORD_LISTS
def test_unknown_fields_get_400(api, route):
    body = assert_error(api.get(route.list_url(), {"fields": "id,no_such_field"}), 400)
    assert "fields" in body["errors"]


@pytest.mark.parametrize(
    ("route", "name", "value"),
    _filter_cases(
        "datetime_filters",
        [
            "2020-01-01T00:00+24:00",
            "2020-01-01T00:00+99:99",
            "0001-01-01T00:00+05:00",
            "9999-12-31T23:59-05:00",
            "2020-13-01T00:00Z",
            "yesterday",
        ],
    ),
)
def test_date_times_out_of_range_get_400(api, route, name, value):
    """Offsets beyond ±23:59, and instants outside the representable range once in UTC."""
    body = assert_error(api.get(route.list_url(), {name: value}), 400, "invalid")
    assert name in body["errors"]


@pytest.mark.parametrize(
    ("route", "name", "value"),
    _filter_cases("datetime_filters", ["2020-01-01T00:00+20:14", "2020-01-01T00:00-15:59"]),
)
def test_date_times_with_offsets_postgresql_refuses_are_converted_to_utc(api, route, name, value):
    """Python accepts offsets up to ±23:59, PostgreSQL up to ±15:59: the filter compares in UTC."""
    response = api.get(route.list_url(), {name: value})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("route", "name", "value"), _filter_cases("text_filters", FULL_TEXT_SYNTAX)
)
def test_full_text_syntax_characters_are_searched_not_parsed(api, route, name, value):
    """Quotes, operators and wildcards in text filters are text, never a syntax error (500)."""
    response = api.get(route.list_url(), {name: value})
    assert_not_a_server_error(response)
    if name == "q":
        assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("route", "name"),
    [
        pytest.param(route, name, id=f"{route}-{name}")
        for route in ROUTES
        for name in [*route.filters, "ordering", "page_size", "brief", "fields", "cursor"]
    ],
)
def test_every_parameter_survives_hostile_values(api, route, name):
    """Every query parameter of every list, given odd values: a page or a 400, never a 500."""
    for value in HOSTILE_FILTER_VALUES:
        response = api.get(route.list_url(), {name: value})
        assert response.status_code < 500, (value, response.content[:300])
        assert_not_a_server_error(response)


# Ids in URLs


@DETAILS
@pytest.mark.parametrize("pk", [*BEYOND_64_BITS, "0", "abc", "-1", "1.0", "%00"])
def test_ids_that_cannot_exist_in_urls_get_404(api, route, pk):
    """A path id beyond 64 bits matches no route: the JSON 404, never a database overflow."""
    url = route.detail_url(1).replace("/1/", f"/{pk}/")
    for method in sorted(route.methods(detail=True) - {"options", "head"}):
        response = getattr(api, method)(url, {}, format="json")
        assert_error(response, 404, "not_found")


# Request bodies


def _post(api, route, body: bytes, content_type="application/json", **extra):
    return api.generic("POST", route.list_url(), body, content_type=content_type, **extra)


@CREATES
@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b'{"name": }',
        b"\xff\xfe{}",
        b'{"name": "\xed\xa0\x80"}',  # a surrogate as raw (invalid) UTF-8
        b'{"name": "\\ud800"}',  # an escaped lone surrogate
        b'{"name": "a\\udc00b"}',
        b'{"name": "nul \\u0000 byte"}',
        b'{"nul\\u0000key": 1}',
        b'{"name": ["nested", {"deep": "\\u0000"}]}',
        b"[" * 1000 + b"]" * 1000,
        b'{"a":' * 1000 + b"1" + b"}" * 1000,
        b"[" * 100_000,
        b"NaN",
        b'{"name": 1e999999}',
    ],
    ids=lambda body: body[:24].decode("latin-1"),
)
def test_hostile_json_bodies_get_400(api, route, body):
    """Invalid or deeply nested JSON, NUL bytes and lone surrogates: 400, nothing written."""
    count = route.model.objects.count()
    response = _post(api, route, body)
    assert_error(response, 400)
    assert route.model.objects.count() == count


@CREATES
@pytest.mark.parametrize("body", [b"[]", b'["name"]', b'"a string"', b"null", b"42", b"true"])
def test_json_that_is_not_an_object_gets_400(api, route, body):
    body_json = assert_error(_post(api, route, body), 400, "invalid")
    assert body_json["errors"]


@CREATES
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"name=x"),
        ("multipart/form-data; boundary=xyz", b"--xyz--\r\n"),
        ("text/plain", b"name"),
        ("application/xml", b"<actor><name>x</name></actor>"),
        ("text/html", b"<p>x</p>"),
        ("application/json-patch+json", b"[]"),
    ],
)
def test_bodies_that_are_not_json_get_415(api, route, content_type, body):
    count = route.model.objects.count()
    assert_error(_post(api, route, body, content_type), 415, "unsupported_media_type")
    assert route.model.objects.count() == count


@pytest.mark.parametrize(
    ("route", "field"),
    [
        pytest.param(route, field, id=f"{route}-{field}")
        for route in RECORD_ROUTES
        if "post" in route.methods(detail=False)
        for field in route.related_id_fields()
    ],
)
@pytest.mark.parametrize("value", [2**63, 2**64, 10**30, -(2**64), "99999999999999999999"])
def test_foreign_keys_beyond_64_bits_in_bodies_get_400(api, route, field, value):
    """A related id no 64-bit column can hold is a field error, not a database overflow."""
    serializer_field = route.create_serializer_class().fields[field]
    payload = {field: [value] if hasattr(serializer_field, "child_relation") else value}
    body = assert_error(api.post(route.list_url(), payload, format="json"), 400, "invalid")
    assert field in body["errors"]


@pytest.mark.parametrize("offset", [0.5, 0.0])
def test_foreign_keys_given_as_fractional_numbers_get_400(api, offset):
    """1.5 is not claim 1, and 1.0 is not an id either: JSON ids are integers."""
    from claims.models import Statement
    from tests.support.factories import ClaimFactory

    claim = ClaimFactory()
    payload = {"claim": claim.pk + offset, "stance": "asserts", "speaker_label": "An official"}
    body = assert_error(api.post("/api/v1/statements/", payload, format="json"), 400, "invalid")
    assert "Incorrect type" in body["errors"]["claim"][0]
    assert not Statement.objects.exists()


@RECORD_UPDATES
def test_updates_with_hostile_bodies_get_400_and_change_nothing(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    before = api.get(url).json()
    for body in (b"[]", b"null", b'{"a":' * 1000 + b"1" + b"}" * 1000, b'{"x": "\\u0000"}'):
        assert_error(api.generic("PATCH", url, body, content_type="application/json"), 400)
    assert api.get(url).json() == before


# Unknown and read-only body fields


def _read_only_fields(route) -> list[str]:
    return [n for n, f in route.viewset.serializer_class().fields.items() if f.read_only]


# Updates whose body is the representation's own serializer (reviews are edited through a
# body of their editable fields only, which refuses every other name).
ECHO_UPDATES = _routes(
    [r for r in RECORD_ROUTES if not getattr(r.viewset, "edit_serializer_class", None)],
    "patch",
    detail=True,
)


@CREATES
@pytest.mark.parametrize("name", ["no_such_field", "Name", "stat"])
def test_unknown_body_fields_get_400_naming_them(api, route, name):
    """An unknown field is refused before anything else, not dropped in silence."""
    count = route.model.objects.count()
    body = assert_error(api.post(route.list_url(), {name: "x"}, format="json"), 400, "invalid")
    assert list(body["errors"]) == [name]
    assert body["errors"][name][0].startswith("Unknown field; the writable ones: ")
    assert route.model.objects.count() == count


@CREATES
@pytest.mark.parametrize("name", ["id", "created_at"])
def test_read_only_fields_in_a_creation_get_400(api, route, name):
    """There is nothing to send back in a creation: the server sets these."""
    body = assert_error(api.post(route.list_url(), {name: 1}, format="json"), 400, "invalid")
    assert list(body["errors"]) == [name]


def test_a_source_body_with_url_is_told_to_send_web_url(api):
    payload = {"kind": "report", "title": "A report", "url": "https://example.org/report"}
    body = assert_error(api.post("/api/v1/sources/", payload, format="json"), 400, "invalid")
    assert list(body["errors"]) == ["url"]
    assert "written through “web_url”" in body["errors"]["url"][0]


@ECHO_UPDATES
def test_read_only_fields_sent_back_unchanged_are_ignored(api, route):
    """A client that sends back what it read, read-only fields included, is not refused;
    URLs may have been read through another host."""
    obj = route.make()
    url = route.detail_url(obj.pk)
    before = api.get(url).json()
    echo = {name: before[name] for name in _read_only_fields(route) if name in before}
    if "url" in echo:
        echo["url"] = echo["url"].replace("http://testserver/", "https://localhost/")
    response = api.patch(url, echo, format="json")
    assert response.status_code == 200, response.content
    after = api.get(url).json()
    assert after == {**before, "updated_at": after["updated_at"]}


@ECHO_UPDATES
@pytest.mark.parametrize("name", ["id", "url", "display", "created_at"])
def test_read_only_fields_sent_with_another_value_get_400(api, route, name):
    obj = route.make()
    url = route.detail_url(obj.pk)
    before = api.get(url).json()
    if name not in before:
        pytest.skip(f"{route} has no {name}")
    changed = {"id": obj.pk + 1, "url": "http://testserver/api/v1/x/1/"}.get(name, "other")
    body = assert_error(api.patch(url, {name: changed}, format="json"), 400, "invalid")
    assert list(body["errors"]) == [name]
    assert body["errors"][name][0].startswith(
        "Read-only: the server sets this field. Leave it out, or send it back unchanged."
    )
    assert api.get(url).json() == before


@RECORD_UPDATES
def test_unknown_fields_in_updates_get_400_and_change_nothing(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    before = api.get(url).json()
    body = assert_error(api.patch(url, {"no_such_field": 1}, format="json"), 400, "invalid")
    assert list(body["errors"]) == ["no_such_field"]
    assert api.get(url).json() == before


def test_workflow_steps_and_comments_refuse_unknown_and_read_only_fields(api):
    review = ReviewFactory()
    url = f"/api/v1/reviews/{review.pk}/"
    body = assert_error(api.post(f"{url}submit/", {"coment": "typo"}, format="json"), 400)
    assert list(body["errors"]) == ["coment"]
    body = assert_error(
        api.post(f"{url}comments/", {"text": "Seen.", "author": api.user.pk}, format="json"), 400
    )
    assert list(body["errors"]) == ["author"]
    assert not review.comments.exists()


# Body size


@CREATES
def test_a_body_over_the_limit_gets_413_before_it_is_read(api, route, settings):
    settings.API_MAX_BODY_BYTES = 10_000
    count = route.model.objects.count()
    body = json.dumps({"name": "x" * 20_000}).encode()
    assert_error(_post(api, route, body), 413, "payload_too_large")
    assert route.model.objects.count() == count


def test_the_default_limit_refuses_a_real_body_over_one_mebibyte(api):
    """The default API_MAX_BODY_BYTES (1 MiB) applies to a real body sent in full."""
    route = ROUTES[0]
    body = json.dumps({"name": "x" * (1024 * 1024 + 1)}).encode()
    assert_error(_post(api, route, body), 413, "payload_too_large")


@CREATES
def test_a_content_length_claiming_too_much_gets_413(api, route):
    assert_error(_post(api, route, b"{}", CONTENT_LENGTH=str(10**12)), 413)


@CREATES
def test_a_content_length_claiming_too_little_only_truncates_the_body(api, route):
    """The body is read up to its declared length: a truncated JSON document is a 400."""
    count = route.model.objects.count()
    body = json.dumps({"name": "x" * 2_000_000}).encode()
    assert_error(_post(api, route, body, CONTENT_LENGTH="20"), 400)
    assert route.model.objects.count() == count


@CREATES
@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "١٢"])
def test_a_malformed_content_length_gets_400(api, route, length):
    assert_error(_post(api, route, b"{}", CONTENT_LENGTH=length), 400, "invalid")


# Status codes the framework answers


def test_unknown_urls_under_the_api_get_the_json_404(api):
    for url in ("/api/v1/nope/", "/api/v1/actors/1/nope/", "/api/v2/", "/api/"):
        assert_error(api.get(url), 404, "not_found")


@override_settings(DEBUG=True)
def test_unknown_urls_get_the_json_404_also_with_debug_on(api):
    """With DEBUG on, Django answers its HTML debug page; under /api/ it is the JSON 404."""
    assert_error(api.get("/api/v1/nope/"), 404, "not_found")


def test_unknown_urls_outside_the_api_keep_the_html_404(api):
    response = api.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@DETAILS
def test_methods_a_url_does_not_answer_get_405(api, route):
    obj = route.make(user=api.user)
    assert_error(api.post(route.detail_url(obj.pk), {}, format="json"), 405)
    assert_error(api.generic("TRACE", route.list_url()), 405, "method_not_allowed")
    if "put" not in route.methods(detail=False):
        assert_error(api.put(route.list_url(), {}, format="json"), 405)


@LISTS
@pytest.mark.parametrize("accept", ["application/xml", "text/csv", "image/png"])
def test_unacceptable_accept_headers_get_406_in_json(api, route, accept):
    assert_error(api.get(route.list_url(), HTTP_ACCEPT=accept), 406, "not_acceptable")


def test_too_many_requests_get_429_with_retry_after(api, settings):
    """Throttling follows the configured rates: past the user's, 429 with Retry-After."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }
    cache.clear()
    try:
        url = ROUTES[0].list_url()
        for _ in range(3):
            assert api.get(url).status_code == 200
        response = api.get(url)
        assert_error(response, 429, "throttled")
        assert int(response["Retry-After"]) > 0
        # Anonymous requests are refused (401) before they are counted; the public
        # documentation is what the anonymous rate protects.
        anonymous = APIClient()
        for _ in range(2):
            assert anonymous.get("/api/v1/docs/").status_code == 200
        assert_error(anonymous.get("/api/v1/docs/"), 429, "throttled")
    finally:
        cache.clear()


# Unexpected exceptions


def test_an_exception_inside_a_view_gets_the_json_500_without_traceback(api, monkeypatch, caplog):
    route = RECORD_ROUTES[0]

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(route.viewset, "list", broken)
    with caplog.at_level(logging.ERROR, logger="core.api.errors"):
        response = api.get(route.list_url())
    body = assert_error(response, 500, "server_error")
    assert b"secret internals" not in response.content
    assert body["detail"] == "Internal server error."
    assert any(
        record.exc_info and "secret internals" in str(record.exc_info[1])
        for record in caplog.records
    )


def _raising_view(request):
    raise RuntimeError("secret internals")


urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("api/raises/", _raising_view),
    path("raises/", _raising_view),
]
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"


@pytest.mark.urls(__name__)
def test_an_exception_outside_drf_gets_the_json_500_under_the_api(db):
    """Django's handler500 answers the JSON 500 under /api/ and its HTML page elsewhere."""
    client = Client(raise_request_exception=False)
    response = client.get("/api/raises/")
    assert_error(response, 500, "server_error")
    assert b"secret internals" not in response.content
    elsewhere = client.get("/raises/")
    assert elsewhere.status_code == 500
    assert elsewhere["Content-Type"].startswith("text/html")


@DETAILS
def test_head_and_options_answer_without_a_server_error(api, route):
    obj = route.make(user=api.user)
    for url in (route.list_url(), route.detail_url(obj.pk)):
        assert api.head(url).status_code == 200
        options = api.options(url)
        assert options.status_code == 200, options.content
        assert options.json()["name"]
