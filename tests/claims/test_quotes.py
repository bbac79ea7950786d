"""claims.quotes: where a quote stands in a text, verbatim or typed in other typography,
and the closest passage to one that stands nowhere."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.quotes import (
    CONTEXT_LENGTH,
    closest_passage,
    fold,
    locate_quote,
    locate_quote_typographically,
)

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


def _scored(text, quote, prefix="", suffix=""):
    """The rule, spelled out: the first occurrence with the most context that matches."""
    best_start, best_score = None, -1
    position = text.find(quote)
    while position != -1:
        score = int(bool(prefix) and text[:position].endswith(prefix)) + int(
            bool(suffix) and text[position + len(quote) :].startswith(suffix)
        )
        if score > best_score:
            best_start, best_score = position, score
        position = text.find(quote, position + 1)
    return best_start


@given(
    st.text(alphabet="ab.", min_size=1, max_size=60),
    st.text(alphabet="ab.", min_size=1, max_size=6),
    st.text(alphabet="ab.", max_size=4),
    st.text(alphabet="ab.", max_size=4),
)
def test_the_occurrence_is_the_one_the_rule_picks(text, quote, prefix, suffix):
    """Searching the quote with its context gives the occurrence that scoring every one
    would: both sides of the context first, then either, then none; the first of equals."""
    location = locate_quote(text, quote, prefix=prefix, suffix=suffix)
    expected = _scored(text, quote, prefix, suffix)
    assert (location.start if location else None) == expected


class _CountingText(str):
    """A text that counts the searches made in it."""

    finds = 0

    def find(self, *args, **kwargs):
        type(self).finds += 1
        return super().find(*args, **kwargs)


def test_a_quote_is_located_in_a_bounded_number_of_passes_over_a_repetitive_text():
    """A long quote in a text that repeats it everywhere is searched at most four times
    (each search is one pass), never once per occurrence: the cost stays linear in the
    text however it repeats."""
    _CountingText.finds = 0
    text = _CountingText("ab" * 50_000)
    quote = "ab" * 4_000
    location = locate_quote(text, quote, prefix="zz", suffix="yy")
    assert location.start == 0
    assert _CountingText.finds <= 4


# Typography


@given(
    text=st.text(
        alphabet=st.sampled_from("ab ’'\"“”-—\n\u00a0e\u0301é…."), min_size=1, max_size=60
    ),
    data=st.data(),
)
def test_any_passage_is_found_again_typed_in_any_typography(text, data):
    """Whatever its typography, a passage of the text typed in folded form is located, and
    the located characters fold to what was typed (a character that folds to several, "…"
    to "...", is taken whole when the passage starts or ends inside it)."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    # A passage is made of whole characters: an accent is not cut from its letter.
    while start > 0 and unicodedata.combining(text[start]):
        start -= 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    typed = fold(text[start:end]).text
    location = locate_quote_typographically(text, typed)
    if not typed.strip():
        assert location is None
        return
    assert location is not None
    assert typed.strip() in fold(text[location.start : location.end]).text


def test_folding_maps_each_character_back_to_where_it_came_from():
    folded = fold("a — b\u00a0 \ncafe\u0301…")
    assert folded.text == "a - b caf\u00e9..."
    assert folded.span(2, 3) == (2, 3)  # the dash
    assert folded.span(5, 6) == (5, 8)  # the run of spaces
    assert folded.span(9, 10) == (11, 13)  # "e" with its combining accent
    assert folded.span(10, 13) == (13, 14)  # the ellipsis, three dots from one character


def test_a_repetitive_text_the_quote_is_not_in_has_no_close_passage_either():
    """The attack of a huge quote against a repetitive snapshot: neither search finds it,
    and the closest passage is looked for by a dozen anchors, not once per occurrence."""
    text = "ab" * 450_000
    folded = fold(text)
    quote = "ab" * 4_999 + "ba"
    assert locate_quote_typographically(text, quote, folded) is None
    assert closest_passage(text, quote, folded) is None


def test_the_closest_passage_is_where_most_of_the_quote_stands():
    text = "In May, Moscow denied sending aircraft. In July, Moscow denied sending troops."
    location = closest_passage(text, "Moscow denyed sending troops")
    assert text[location.start : location.end] == "Moscow denied sending troops"
