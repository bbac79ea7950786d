"""A small quality check on CheckThat! 2022 Task 2A pairs (checkthat_sample.json).

Ten tweets of the training split, each with the verified claim it makes, among the 60
claims that rank closest to them in the whole corpus of 14,231: the right claim must come
first for nearly all of them. The full measure (MAP@5 on the dev split) is in
docs/matching.md; this keeps a regression from going unnoticed.
"""

import json
from pathlib import Path

import pytest

from claims import matching
from tests.support.factories import ClaimFactory

SAMPLE = json.loads((Path(__file__).parent / "checkthat_sample.json").read_text())


@pytest.fixture
def corpus(db):
    return {text: ClaimFactory(text=text).pk for text in SAMPLE["claims"]}


def average_precision_at_5(ranked, relevant):
    return next((1 / rank for rank, pk in enumerate(ranked[:5], 1) if pk == relevant), 0.0)


def test_the_claim_a_tweet_makes_ranks_first(corpus):
    scores = []
    for pair in SAMPLE["pairs"]:
        ranked = [m.claim.pk for m in matching.match_claims(pair["tweet"], limit=5)]
        scores.append(average_precision_at_5(ranked, corpus[pair["claim"]]))
    assert sum(scores) / len(scores) >= 0.9, scores
    assert scores.count(1.0) >= 8, scores
