"""The embeddings' cache of candidates' vectors: same similarities, bounded size."""

import numpy as np

from claims.matching import embedding

TEXTS = [
    "Turkey sent more than 3,500 Syrian fighters to Libya.",
    "Russia deployed military jets to Libya.",
    "McDonald's restaurants are offering $1 fries.",
]


def test_cached_vectors_give_the_similarities_of_fresh_ones():
    query = "Turkey sent 3500 Syrian mercenaries to Libya"
    vectors = embedding.model().embed([query, *TEXTS], norm=True)
    fresh = vectors[1:] @ vectors[0]

    first = embedding.similarities(query, TEXTS)
    again = embedding.similarities(query, list(reversed(TEXTS)))

    np.testing.assert_allclose(first, fresh, atol=1e-5)
    np.testing.assert_allclose(again, fresh[::-1], atol=1e-5)
    assert int(np.argmax(first)) == 0


def test_the_cache_keeps_at_most_its_size(monkeypatch):
    monkeypatch.setattr(embedding, "CACHE_SIZE", 2)
    embedding.similarities("Libya", TEXTS)
    assert len(embedding._vectors) == 2
    assert list(embedding._vectors) == TEXTS[1:]  # the least recently used went first
