"""Refitting the matching re-ranker: the fit, MAP@5, and the command on a tiny corpus."""

import json
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from claims.matching import ranking
from devtools import matching_fit

CLAIMS = [
    "Turkey sent 3,500 Syrian fighters to Libya.",
    "Turkey sent 35,000 Syrian fighters to Libya.",
    "The Eiffel Tower will be sold for scrap.",
    "Bananas cure the common cold.",
    "Moscow denied sending mercenaries to Libya.",
]
TWEETS = {
    "t1": "Turkey has sent 3500 Syrian fighters into Libya, says a report",
    "t2": "Is the Eiffel Tower really being sold as scrap metal? https://t.co/x",
    "t3": "eat bananas and your cold is cured!! @health",
    "t4": "Russia's Moscow denies it sent mercenaries to fight in Libya",
}


def split_of(features, labels, sizes, relevant=None):
    groups, start = [], 0
    for size in sizes:
        groups.append(slice(start, start + size))
        start += size
    return matching_fit.Split(
        np.asarray(features, dtype=float),
        np.asarray(labels, dtype=float),
        groups,
        relevant or [1] * len(sizes),
    )


def test_map_at_5_counts_the_rank_of_each_relevant_claim():
    names = list(ranking.WEIGHTS)
    rows = np.zeros((6, len(names)))
    rows[:, 0] = [0.9, 0.5, 0.1, 0.2, 0.8, 0.3]  # the first feature ranks
    split = split_of(rows, [1, 0, 0, 0, 0, 1], [3, 3])
    weights = dict.fromkeys(names, 0.0) | {names[0]: 1.0}
    # First tweet: its claim first (AP 1); second: second of three (AP 1/2).
    assert matching_fit.map_at_5(split, 0.0, weights) == pytest.approx(0.75)
    reversed_weights = weights | {names[0]: -1.0}
    assert matching_fit.map_at_5(split, 0.0, reversed_weights) == pytest.approx((1 / 3 + 1 / 2) / 2)


def test_the_fit_finds_the_feature_that_separates():
    rng = np.random.default_rng(1)
    names = list(ranking.WEIGHTS)
    rows = rng.normal(size=(400, len(names)))
    labels = (rows[:, 2] + 0.1 * rng.normal(size=400) > 1.0).astype(float)
    split = split_of(rows, labels, [50] * 8)
    intercept, weights = matching_fit.fit(split)
    assert max(weights, key=lambda name: abs(weights[name])) == names[2]
    assert weights[names[2]] > 0 > intercept
    assert matching_fit.map_at_5(split, intercept, weights) > 0.9


@pytest.fixture
def corpus(tmp_path):
    lines = [
        json.dumps({"vclaim_id": f"v{i}", "vclaim": text, "title": ""})
        for i, text in enumerate(CLAIMS)
    ]
    (tmp_path / "vclaims.jsonl").write_text("\n".join(lines))
    qrels = [["t1", "v0"], ["t2", "v2"], ["t3", "v3"], ["t4", "v4"]]
    (tmp_path / "traindev.json").write_text(
        json.dumps({"queries": TWEETS, "train_qrels": qrels[:3], "dev_qrels": qrels[3:]})
    )
    return tmp_path


def test_each_tweet_is_assessed_against_its_candidates(corpus):
    texts, data = matching_fit.load(corpus)
    index = matching_fit.index_of(texts)
    split = matching_fit.assess_split(texts, index, data["queries"], data["train"])
    assert len(split.groups) == 3
    assert split.features.shape[1] == len(ranking.WEIGHTS)
    assert split.labels.sum() == 3  # each tweet's claim is among its candidates
    # With the weights in use, each tweet's claim comes first: 3,500 beats 35,000.
    assert matching_fit.map_at_5(split, ranking.INTERCEPT, ranking.WEIGHTS) == 1.0


def test_the_command_prints_the_weights_and_both_splits(corpus):
    out = StringIO()
    call_command("fit_matching_weights", str(corpus), stdout=out)
    printed = out.getvalue()
    assert "5 claims indexed." in printed
    assert "INTERCEPT = " in printed
    assert all(f"'{name}': " in printed for name in ranking.WEIGHTS)
    assert "train: 3 tweets, MAP@5 " in printed
    assert "dev: 1 tweets, MAP@5 " in printed


def test_a_folder_without_the_corpus_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"No vclaims\.jsonl"):
        call_command("fit_matching_weights", str(tmp_path))
