"""Fitting the re-ranker's weights on CheckThat! 2022 Task 2A, in process.

The verified claims are indexed in a ``BM25Index`` of their own (no database), every tweet of
a split is parsed and searched as the match endpoint does, and each of its candidates is
assessed by ``ranking.assess``: one row of features per (tweet, candidate) pair, labelled by
the relevance judgements. A logistic regression (standardised features, L2) is fitted on the
training split's rows; MAP@5 is measured on each split with the fitted weights and with the
weights in use, so a refit is kept only for what it does on the training split and the dev
split stays a measurement.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.matching import bm25, cleaning, embedding, ranking

L2 = 1e-3


@dataclass
class Split:
    features: np.ndarray  # one row per (tweet, candidate) pair
    labels: np.ndarray  # 1 where the candidate is a claim the tweet makes
    groups: list[slice]  # each tweet's rows
    relevant: list[int]  # how many claims each tweet makes


def load(directory: Path) -> tuple[list[str], dict]:
    """The distinct claim texts (one claim per text, as a load of the corpus records them),
    and ``traindev.json`` with each split's judgements as ``{tweet: (the indexes of its
    claims' texts, how many verified claims count as relevant)}``.

    Verified claims of the same text are interchangeable answers, and each counts as
    relevant, as ``evaluate.py`` counts them.
    """
    corpus = [json.loads(line) for line in (directory / "vclaims.jsonl").open()]
    texts = list(dict.fromkeys(item["vclaim"] for item in corpus))
    position = {text: i for i, text in enumerate(texts)}
    text_of = {item["vclaim_id"]: position[item["vclaim"]] for item in corpus}
    same_text: dict[str, set[str]] = {}
    for item in corpus:
        same_text.setdefault(item["vclaim"].strip(), set()).add(item["vclaim_id"])
    equivalent = {item["vclaim_id"]: same_text[item["vclaim"].strip()] for item in corpus}
    data = json.loads((directory / "traindev.json").read_text())
    for split in ("train", "dev"):
        judged: dict[str, set[str]] = {}
        for tweet, vclaim in data[f"{split}_qrels"]:
            judged.setdefault(tweet, set()).update(equivalent[vclaim])
        data[split] = {
            tweet: ({text_of[v] for v in vclaims}, len(vclaims))
            for tweet, vclaims in judged.items()
        }
    return texts, data


def index_of(texts: list[str]) -> bm25.BM25Index:
    """The claims' index, as ``claims.matching.store`` builds it."""
    index = bm25.BM25Index()
    for i, text in enumerate(texts):
        index.put(i, cleaning.terms(text))
    return index


def assess_split(texts, index, queries: dict[str, str], judged: dict) -> Split:
    """The features of every candidate of every judged tweet, as the endpoint computes them."""
    rows, labels, groups, relevant = [], [], [], []
    names = list(ranking.WEIGHTS)
    for tweet, (claims, count) in judged.items():
        query = ranking.parse(queries[tweet], known=lambda term: term in index.postings)
        hits = index.search(query.terms, ranking.CANDIDATES) if query.terms else []
        candidates = [ranking.Candidate(i, texts[i], score) for i, score in hits]
        if candidates:
            compared = embedding.compare_texts(query.text, [c.text for c in candidates])
            ranking.assess(query, candidates, *compared)
        start = len(rows)
        for candidate in candidates:
            rows.append([candidate.features[name] for name in names])
            labels.append(1.0 if candidate.claim_id in claims else 0.0)
        groups.append(slice(start, len(rows)))
        relevant.append(count)
    features = np.asarray(rows, dtype=np.float64).reshape(-1, len(names))
    return Split(features, np.asarray(labels), groups, relevant)


def fit(split: Split, l2: float = L2) -> tuple[float, dict[str, float]]:
    """The intercept and the weights (on the features' own scale) of a logistic regression
    fitted by Newton's method on standardised features."""
    mean, scale = split.features.mean(axis=0), split.features.std(axis=0)
    scale[scale == 0] = 1.0
    x = np.hstack([np.ones((len(split.features), 1)), (split.features - mean) / scale])
    y = split.labels
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2 * len(y))
    penalty[0] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights = w[1:] / scale
    intercept = w[0] - float(weights @ mean)
    return float(intercept), dict(zip(ranking.WEIGHTS, weights.tolist(), strict=True))


def map_at_5(split: Split, intercept: float, weights: dict[str, float]) -> float:
    """MAP@5 of ranking each tweet's candidates by the model's logit."""
    vector = np.asarray([weights[name] for name in ranking.WEIGHTS])
    total = 0.0
    for group, relevant in zip(split.groups, split.relevant, strict=True):
        logits = intercept + split.features[group] @ vector
        order = np.argsort(-logits, kind="stable")[:5]
        hits, precision = 0, 0.0
        for rank, row in enumerate(order, start=1):
            if split.labels[group][row]:
                hits += 1
                precision += hits / rank
        total += precision / min(relevant, 5)
    return total / len(split.groups)
