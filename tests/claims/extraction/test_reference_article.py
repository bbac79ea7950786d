"""The project's reference article: its labelled claims and its denial are recovered."""

import json
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.scoring import finds, labels_from_expected, names

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / "devtools"
    / "articles"
    / "rferl-2020-07-libya-syrian-fighters"
)


@pytest.fixture(scope="module")
def article():
    text = REFERENCE.with_suffix(".txt").read_text(encoding="utf-8")
    expected = json.loads(REFERENCE.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return text, expected, extract(text)


def finder(text, suggestions, quote):
    start = text.index(quote)
    span = (start, start + len(quote))
    found = [i for i, s in enumerate(suggestions) if finds((s.char_start, s.char_end), span)]
    assert found, f"not found: {quote[:60]}"
    return found[0]


@pytest.mark.parametrize("key", ["C1", "C2", "C3", "C4", "C6"])
def test_reported_claims_are_found_with_their_speaker(article, key):
    text, expected, suggestions = article
    claim = next(c for c in expected["claims"] if c["key"] == key)
    aliases = {a["name"]: a["aliases"] for a in expected["actors"]}
    suggestion = suggestions[finder(text, suggestions, claim["quote"])]
    label = {
        "speaker": claim["attributed_to"],
        "speaker_aliases": aliases.get(claim["attributed_to"], []),
    }
    if key == "C6":
        label["speaker_aliases"] = [*label["speaker_aliases"], "Western officials"]
    assert names(suggestion.speaker, label), suggestion.speaker
    assert suggestion.stance == "asserts"
    if claim["via"]:
        assert [
            names(v, {"speaker": "Associated Press", "speaker_aliases": ["AP"]})
            for v in suggestion.via
        ] == [True]


def test_first_claim_structure(article):
    text, expected, suggestions = article
    c1 = suggestions[finder(text, suggestions, expected["claims"][0]["quote"])]
    assert c1.claim.quantity == {
        "value": "3500",
        "upper": None,
        "comparator": "more_than",
        "unit": "Syrian fighters",
    }
    assert c1.claim.period == {"start": "2020-01", "end": "2020-03"}
    assert c1.claim.place == "Libya"


def test_denial_answers_the_accusation(article):
    text, expected, suggestions = article
    denial = expected["denials"][0]
    suggestion = suggestions[finder(text, suggestions, denial["quote"])]
    assert suggestion.speaker == "Moscow"
    assert suggestion.stance == "denies"
    c4 = next(c for c in expected["claims"] if c["key"] == "C4")
    assert suggestion.responds_to == finder(text, suggestions, c4["quote"])


def test_the_outlet_s_own_framing_is_not_suggested(article):
    text, expected, suggestions = article
    c5 = next(c for c in expected["claims"] if c["key"] == "C5")
    start = text.index(c5["quote"])
    assert not any(s.char_start <= start < s.char_end for s in suggestions)


def test_converted_labels_match_the_development_set_file(article):
    text, expected, _ = article
    converted = labels_from_expected(text, expected)
    stored = json.loads(
        (
            Path(__file__).parent / "articles" / "rferl-2020-07-libya-syrian-fighters.labels.json"
        ).read_text(encoding="utf-8")
    )["items"]
    assert {item["quote"] for item in converted} <= {item["quote"] for item in stored}
