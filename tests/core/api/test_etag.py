"""A representation's ETag: the hash of its canonical JSON, written in one pass."""

import datetime
import decimal
import hashlib
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import example, given
from hypothesis import strategies as st
from rest_framework.relations import Hyperlink
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from claims.choices import Stance
from core.api.renderers import FastJSONRenderer
from core.api.viewsets import _path_of, etag_of


def canonical(value):
    """The representation made canonical step by step: each link's path (and query), the
    rest as it is."""
    if isinstance(value, Hyperlink):
        parts = urlsplit(value)
        return f"{parts.path}?{parts.query}" if parts.query else parts.path
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def expected_etag(data, reader_fields=()) -> str:
    data = {key: value for key, value in data.items() if key not in reader_fields}
    body = FastJSONRenderer().render(canonical(data))
    return f'"{hashlib.sha256(body).hexdigest()}"'


links = st.builds(
    lambda host, path, query: Hyperlink(
        f"{host}/api/v1/{path}/" + (f"?{query}" if query else ""), obj=None
    ),
    st.sampled_from(["http://localhost", "https://claims.example.org:8443", "http://testserver"]),
    st.from_regex(r"[a-z]{1,8}/[0-9]{1,6}", fullmatch=True),
    st.sampled_from(["", "fields=id", "cursor=cD0y&brief=1"]),
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # beyond 64 bits too: orjson refuses those, and the ETag is still written
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.text().map(mark_safe),
    st.sampled_from(Stance),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.datetimes(timezones=st.just(datetime.UTC)),
    st.dates(),
    st.uuids(),
    st.just(gettext_lazy("This field is required.")),
    links,
)
documents = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(lambda items: ReturnList(items, serializer=None)),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4).map(
            lambda items: ReturnDict(items, serializer=None)
        ),
    ),
    max_leaves=25,
)


@given(st.dictionaries(st.text(max_size=8), documents, max_size=6))
def test_the_etag_hashes_the_renderers_bytes_of_the_canonical_form(data):
    assert etag_of(data) == expected_etag(data)


@given(st.dictionaries(st.sampled_from(["id", "url", "can_edit", "text"]), documents))
def test_reader_fields_are_left_out_of_the_etag(data):
    assert etag_of(data, ("can_edit",)) == expected_etag(data, ("can_edit",))
    assert etag_of(data, ("can_edit",)) == etag_of({**data, "can_edit": True}, ("can_edit",))


def test_a_link_is_hashed_by_its_path_and_query_whatever_its_host():
    claim = {"id": 1, "url": Hyperlink("http://localhost/api/v1/claims/1/?fields=id", obj=None)}
    elsewhere = {
        **claim,
        "url": Hyperlink("https://x.example:8443/api/v1/claims/1/?fields=id", None),
    }
    as_path = {**claim, "url": "/api/v1/claims/1/?fields=id"}
    assert etag_of(claim) == etag_of(elsewhere) == etag_of(as_path)
    assert etag_of(claim) != etag_of({**claim, "url": "/api/v1/claims/1/"})


def test_text_that_looks_like_a_link_is_hashed_as_it_is():
    link = {"url": Hyperlink("http://localhost/api/v1/claims/1/", obj=None)}
    text = {"url": "http://localhost/api/v1/claims/1/"}
    assert etag_of(link) != etag_of(text)


def test_values_beyond_64_bits_and_every_kind_orjson_leaves_to_the_renderer_are_hashed():
    data = {
        "big": 2**70,
        "amount": decimal.Decimal("3500.50"),
        "uuid": uuid.UUID(int=7),
        "url": Hyperlink("http://localhost/api/v1/claims/1/", obj=None),
    }
    assert etag_of(data) == expected_etag(data)


@given(
    st.sampled_from(["http://", "https://", "HTTP://", " http://", "ftp://", "//", ""]),
    st.text(alphabet="ab1.:@[]", max_size=8),
    st.lists(
        st.sampled_from(
            ["/", "/x", "?", "?a=1", "&b", "#", "#f", "é", " ", "\t", "\n", "[", "\x00", "%20"]
        ),
        max_size=6,
    ),
)
@example("http://", "a", ["/x", "#f"])
@example("http://", "a", ["/x", "?"])
@example("https://", "a:1", ["?"])
@example("http://", "a", ["/x", "\n", "/x"])
@example("http://", "a", ["/x", "?a=1", "\t", "&b"])
def test_a_links_path_is_read_as_urlsplit_reads_it(scheme, host, pieces):
    link = Hyperlink(f"{scheme}{host}{''.join(pieces)}", obj=None)
    try:
        parts = urlsplit(link)
    except ValueError as refused:  # an unclosed IPv6 bracket, say: refused either way
        with pytest.raises(ValueError, match=re.escape(str(refused))):
            _path_of(link)
        return
    assert _path_of(link) == (f"{parts.path}?{parts.query}" if parts.query else parts.path)
