"""claims.quotes.locate_quote: where a quote stands verbatim in a text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.quotes import CONTEXT_LENGTH, locate_quote

TEXT = "Moscow denied it in May. Moscow denied it in July."


def test_quote_not_in_the_text_is_none():
    """A quote that is not verbatim in the text has no location."""
    assert locate_quote(TEXT, "Kremlin denied it") is None
    assert locate_quote(TEXT, "moscow denied it") is None


def test_empty_quote_is_none():
    """An empty quote is found nowhere, not everywhere."""
    assert locate_quote(TEXT, "") is None


def test_first_occurrence_without_context():
    """Without prefix or suffix, the first occurrence is taken."""
    location = locate_quote(TEXT, "Moscow denied it")
    assert (location.start, location.end) == (0, 16)
    assert location.prefix == ""
    assert location.suffix == TEXT[16 : 16 + CONTEXT_LENGTH]


@pytest.mark.parametrize(
    ("hints", "start"),
    [
        ({"prefix": "May. "}, 25),
        ({"suffix": " in July"}, 25),
        ({"suffix": " in May"}, 0),
        ({"prefix": "nowhere", "suffix": " in July"}, 25),
        ({"start": 25}, 25),
        ({"start": 3, "suffix": " in July"}, 25),
        ({"start": 10_000}, 0),
    ],
)
def test_context_and_stored_start_pick_the_occurrence(hints, start):
    """Stored offsets win while they still hold; otherwise the best-matching context wins."""
    assert locate_quote(TEXT, "Moscow denied it", **hints).start == start


@given(st.text(min_size=1), st.data())
def test_located_span_is_the_quote(text, data):
    """For any text and any slice of it as the quote, the located span is exactly the quote."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    location = locate_quote(text, quote)
    assert location is not None
    assert text[location.start : location.end] == quote
    assert location.start <= start


@given(st.text(alphabet="ab ", min_size=1, max_size=80), st.data())
def test_true_context_places_the_quote_in_a_matching_context(text, data):
    """Given the quote's own prefix and suffix, the located occurrence has that context."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    prefix = text[max(0, start - CONTEXT_LENGTH) : start]
    suffix = text[end : end + CONTEXT_LENGTH]
    location = locate_quote(text, quote, prefix=prefix, suffix=suffix)
    assert text[location.start : location.end] == quote
    assert location.prefix.endswith(prefix)
    assert location.suffix.startswith(suffix)


@given(st.text(min_size=1), st.text(min_size=1))
def test_a_quote_longer_than_the_text_is_never_found(text, extra):
    """Nothing longer than the text can stand in it."""
    assert locate_quote(text, text + extra) is None
