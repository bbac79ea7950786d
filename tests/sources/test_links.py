"""sources.links.normalize_url: one document, one URL."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sources.links import normalize_url

ARTICLE = "https://www.rferl.org/a/pentagon-report/30737839.html"


@pytest.mark.parametrize(
    ("pasted", "normalised"),
    [
        (f"{ARTICLE}?utm_source=twitter&utm_medium=social", ARTICLE),
        (f"{ARTICLE}?UTM_Campaign=x", ARTICLE),
        (f"{ARTICLE}?fbclid=IwAR0&gclid=abc", ARTICLE),
        (f"{ARTICLE}#comments", ARTICLE),
        ("HTTPS://WWW.RFERL.ORG/a/pentagon-report/30737839.html", ARTICLE),
        ("https://www.rferl.org.:443/a/pentagon-report/30737839.html", ARTICLE),
        (f"{ARTICLE}/", ARTICLE),
        (f"  {ARTICLE}\n", ARTICLE),
        ("http://example.org:80/story", "http://example.org/story"),
        ("http://example.org:8080/story", "http://example.org:8080/story"),
        ("https://example.org:80/story", "https://example.org:80/story"),
        ("https://example.org/Story/Case", "https://example.org/Story/Case"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/story//", "https://example.org/story"),
        ("https://example.org/s?b=2&a=1&utm_source=x", "https://example.org/s?a=1&b=2"),
        ("https://example.org/s?id=7#top", "https://example.org/s?id=7"),
        ("http://[2001:DB8::1]:8080/x/", "http://[2001:db8::1]:8080/x"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalize_url(pasted, normalised):
    """Tracking parameters, fragments, host case, default ports and trailing slashes go."""
    assert normalize_url(pasted) == normalised


def test_query_parameters_that_select_a_document_are_kept():
    """Only tracking parameters are dropped; the rest are kept, sorted."""
    url = "https://example.org/view?page=2&id=30737839&utm_source=x&mc_cid=y"
    assert normalize_url(url) == "https://example.org/view?id=30737839&page=2"


def test_a_url_that_cannot_be_taken_apart_is_returned_for_validation_to_report():
    """A broken IPv6 host does not raise here; the URL field's validator reports it."""
    assert normalize_url(" http://[::1/story ") == "http://[::1/story"


URL_PIECES = st.sampled_from(
    [*"aZ0-./?&=#:@+ é", "//", "%2F", "%zz", "utm_source=x", "fbclid=y", "id=1", "[::1]", ":443"]
)


@given(
    st.sampled_from(["http://", "HTTPS://", "ftp://", "//", "http:", ""]),
    st.lists(URL_PIECES, max_size=24).map("".join),
)
@example("http://", "[2001:DB8::1]:8080/x/")
@example("http:", " ?")
@example("http://", "//a")
@example("", "0 #")
def test_normalize_url_is_idempotent_on_url_shaped_text(scheme, rest):
    """Normalising a normalised URL changes nothing, so stored URLs compare as they are."""
    once = normalize_url(scheme + rest)
    assert normalize_url(once) == once


@given(st.text())
@example("\x1b\x850")
def test_normalize_url_is_idempotent_on_any_text(text):
    """Whatever is pasted, a second pass finds nothing more to change."""
    once = normalize_url(text)
    assert normalize_url(once) == once
