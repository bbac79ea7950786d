"""The embeddings: the similarity and the token match, and the cache of candidates'
encodings (same answers, bounded size)."""

import numpy as np
import pytest

from claims.matching import embedding

TEXTS = [
    "Turkey sent more than 3,500 Syrian fighters to Libya.",
    "Russia deployed military jets to Libya.",
    "McDonald's restaurants are offering $1 fries.",
]
QUERY = "Turkey sent 3500 Syrian mercenaries to Libya"


def token_match(query: str, text: str) -> float:
    """The token match worked out plainly: for each token of the query, its closest token of
    the text by cosine, averaged over the query's tokens."""
    model = embedding.model()
    (mine,), (theirs,) = model.tokenize(query), model.tokenize(text)
    unit = model.embedding / np.linalg.norm(model.embedding, axis=1, keepdims=True)
    closeness = unit[mine.ids] @ unit[theirs.ids].T
    return float(closeness.max(axis=1).mean())


def test_the_similarity_is_the_cosine_of_the_models_own_embeddings():
    vectors = embedding.model().embed([QUERY, *TEXTS], norm=True)
    fresh = vectors[1:] @ vectors[0]

    similarities, _ = embedding.compare_texts(QUERY, TEXTS)

    np.testing.assert_allclose(similarities, fresh, atol=1e-5)
    assert int(np.argmax(similarities)) == 0


def test_the_token_match_is_each_query_tokens_closest_token_averaged():
    _, matches = embedding.compare_texts(QUERY, TEXTS)

    np.testing.assert_allclose(matches, [token_match(QUERY, t) for t in TEXTS], atol=1e-5)
    assert int(np.argmax(matches)) == 0


def test_a_text_holding_every_token_of_the_query_matches_fully():
    _, (match,) = embedding.compare_texts("Syrian fighters", ["They were Syrian fighters."])
    assert match == pytest.approx(1.0, abs=1e-5)


def test_texts_without_tokens_match_nothing():
    similarities, matches = embedding.compare_texts(QUERY, ["", TEXTS[0], ""])
    assert matches[0] == matches[2] == 0
    assert similarities[0] == similarities[2] == 0
    assert matches[1] == pytest.approx(token_match(QUERY, TEXTS[0]), abs=1e-5)
    _, matches = embedding.compare_texts("", TEXTS)
    assert not matches.any()


def test_cached_encodings_give_the_answers_of_fresh_ones():
    first = embedding.compare_texts(QUERY, TEXTS)
    again = embedding.compare_texts(QUERY, list(reversed(TEXTS)))
    for fresh, cached in zip(first, again, strict=True):
        np.testing.assert_allclose(cached, fresh[::-1], atol=1e-6)


def test_a_text_encoded_among_longer_ones_is_encoded_as_alone():
    texts = [*TEXTS, "Libya", ""]
    batched = embedding.encode(texts)
    for text, encoded in zip(texts, batched, strict=True):
        (alone,) = embedding.encode([text])
        np.testing.assert_array_equal(encoded.tokens, alone.tokens)
        np.testing.assert_allclose(encoded.vector, alone.vector, atol=1e-6)


def test_an_encoding_holds_its_own_memory_not_its_batchs():
    for encoded in embedding.encode(TEXTS):
        assert encoded.vector.base is None
        assert encoded.tokens.base is None


def test_the_cache_keeps_at_most_its_size(monkeypatch):
    monkeypatch.setattr(embedding, "CACHE_SIZE", 2)
    embedding.compare_texts("Libya", TEXTS)
    assert len(embedding._encoded) == 2
    assert list(embedding._encoded) == TEXTS[1:]  # the least recently used went first


def test_the_unit_vectors_load_the_model_first_if_need_be(monkeypatch):
    monkeypatch.setattr(embedding, "_model", None)
    monkeypatch.setattr(embedding, "_unit_table", None)
    unit = embedding.unit_vectors()  # loads the model: no lock is taken twice
    np.testing.assert_allclose(np.linalg.norm(unit[:100], axis=1), 1.0, rtol=1e-5)
