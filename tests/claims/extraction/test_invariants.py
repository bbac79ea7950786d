"""What holds for any text: quotes are verbatim, fields are valid, nothing raises."""

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.choices import Comparator, Stance
from claims.extraction import as_json, extract

FRAGMENTS = [
    "The ministry said",
    " said ",
    "according to ",
    "a report seen by the AP",
    '"',
    "“",
    "”",
    ", ",
    ". ",
    "\n",
    "denied",
    " told Reuters ",
    "Moscow",
    "the Pentagon",
    "more than 3,500 fighters",
    "between 2 and 3 million",
    "in March 2024",
    "first three months of 2020",
    "to Libya",
    "quoted an official as saying",
    "declined to comment",
    "was denied by officials",
    "who say",
    "U.S.",
    "Mr.",
    "1.5",
    "’s report",
    "it",
    "he said",
]
PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
article_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40
).map("".join)


def check(text: str) -> None:
    suggestions = extract(text)
    for index, suggestion in enumerate(suggestions):
        assert suggestion.quote == text[suggestion.char_start : suggestion.char_end]
        assert suggestion.quote
        assert suggestion.stance in Stance.values
        assert suggestion.responds_to is None or (
            0 <= suggestion.responds_to < len(suggestions) and suggestion.responds_to != index
        )
        quantity = suggestion.claim.quantity
        if quantity is not None:
            assert quantity["comparator"] in Comparator.values
            assert re.fullmatch(r"[0-9]+(\.[0-9]+)?", quantity["value"])
        period = suggestion.claim.period
        if period is not None:
            for value in (period["start"], period["end"]):
                assert value is None or PARTIAL_DATE.fullmatch(value)
    assert len(as_json(suggestions)["items"]) == len(suggestions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    check(text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_like)
def test_text_made_of_reporting_fragments(text):
    check(text)


def test_empty_and_blank_text():
    assert extract("") == []
    assert extract(" \n\t ") == []


def test_suggestions_are_in_reading_order():
    text = "The army said 40 rockets hit Tesh. Rebels denied firing any rockets at Tesh."
    starts = [s.char_start for s in extract(text)]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text",
    [
        "said " * 5000,
        "A " + "Big " * 3000 + "said it.",
        "The owner, " + "Big, " * 3000 + "denied it.",
        "However, " * 3000 + "the ministry said it.",
        "according to a " + "report " * 3000 + "by X.",
        "report seen by " + "The Big " * 2000,
        "“" * 3000 + " said " + "”" * 3000,
    ],
    ids=["verbs", "names", "appositives", "adverbs", "documents", "seen-by", "quotes"],
)
def test_long_repetitive_text_stays_fast(text):
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 5
