"""The API's JSON renderer writes what DRF's renderer writes, faster."""

import datetime
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.api.renderers import FastJSONRenderer

PAYLOAD = {
    "text": "Ünïcode, “quotes”, <markup> & a line\u2028and paragraph\u2029separator",
    "numbers": [0, -1, 2**63 - 1, 1.5, None, True, False],
    "decimal": decimal.Decimal("3500.50"),
    "when": datetime.datetime(2020, 3, 31, 23, 59, 59, 123456, tzinfo=datetime.UTC),
    "offset": datetime.datetime(
        2020, 3, 31, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
    ),
    "day": datetime.date(2020, 3, 31),
    "time": datetime.time(12, 30, 15, 500),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": gettext_lazy("This field is required."),
    "errors": ReturnDict({"name": [ErrorDetail("Too long.", code="max_length")]}, serializer=None),
    "rows": ReturnList([{"id": 1}, {"id": 2}], serializer=None),
}


def test_it_writes_the_bytes_drf_writes():
    assert FastJSONRenderer().render(PAYLOAD) == JSONRenderer().render(PAYLOAD)


def test_line_and_paragraph_separators_are_escaped():
    body = FastJSONRenderer().render({"text": "a\u2028b\u2029c"})
    assert body == b'{"text":"a\\u2028b\\u2029c"}'


@pytest.mark.parametrize(
    "text",
    [
        "no separator",
        "è and © end in the separators' last bytes",
        "è, ©, a\u2028b and c\u2029d",
        "\u2029 alone",
    ],
)
def test_separators_are_escaped_whatever_else_the_body_holds(text):
    assert FastJSONRenderer().render({"text": text}) == JSONRenderer().render({"text": text})


def test_what_orjson_refuses_goes_to_drfs_renderer():
    for payload in ({"big": 2**70}, {1: "integer key"}):
        assert FastJSONRenderer().render(payload) == JSONRenderer().render(payload)
    # Neither can write a lone surrogate (input validation keeps them out of the record).
    for renderer in (FastJSONRenderer(), JSONRenderer()):
        with pytest.raises(UnicodeEncodeError):
            renderer.render({"surrogate": "\ud800"})


def test_indented_output_is_drfs():
    media_type = "application/json; indent=2"
    assert FastJSONRenderer().render(PAYLOAD, media_type) == JSONRenderer().render(
        PAYLOAD, media_type
    )


def test_no_data_is_an_empty_body():
    assert FastJSONRenderer().render(None) == b""
