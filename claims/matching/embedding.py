"""Sentence embeddings for re-ranking: WordLlama's static token vectors, shipped in its wheel.

The vectors are read from the installed package, never downloaded (``disable_download``),
once per process on first use (a few seconds). A text is encoded as its tokens and their
mean vector, normalised (the sentence embedding, WordLlama's own pooling). Two signals come
of it for a query and its candidates:

- the *similarity*, the cosine of the two sentence embeddings;
- the *token match*, for each token of the query the closest token of the candidate
  (cosine of their vectors), averaged over the query's tokens: a soft word overlap, which
  sees "mercenaries" near "fighters" without blurring every word of both texts into one
  vector (late interaction, as ColBERT scores, on static vectors).

Encoding a query and its candidates takes a few milliseconds on a CPU; the candidates'
encodings are kept in a bounded cache, keyed by their text, as the same claims come back as
candidates of many queries.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_model = None
_lock = threading.Lock()


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import wordllama

                # The package's own folder holds the tokenizer under "tokenizers/" and the
                # weights under "weights/": as the cache directory it resolves both offline.
                _model = wordllama.WordLlama.load(
                    cache_dir=Path(wordllama.__file__).parent, disable_download=True
                )
    return _model


_tokenizer = None


def tokenizer():
    """The model's tokenizer without its padding: each text's own tokens only.

    A copy, so the model's stays as it was. Padding a batch to its longest text cost more
    than the tokenizing (3.5 ms against 0.9 for 50 claims), for tokens masked out after.
    """
    global _tokenizer
    if _tokenizer is None:
        from tokenizers import Tokenizer

        own = Tokenizer.from_str(model().tokenizer.to_str())  # loads the model first if need be
        own.no_padding()
        own.no_truncation()
        _tokenizer = own
    return _tokenizer


@dataclass(frozen=True)
class Encoded:
    vector: np.ndarray  # the normalised mean of the tokens' vectors (zero for no token)
    tokens: np.ndarray  # the tokens' ids


def encode(texts: list[str]) -> list[Encoded]:
    """Each text's tokens and sentence embedding (as ``model().embed(..., norm=True)``)."""
    table = model().embedding
    encoded = []
    for each in tokenizer().encode_batch_fast(texts, add_special_tokens=False):
        tokens = np.asarray(each.ids, dtype=np.intp)
        if len(tokens):
            vector = table[tokens].mean(axis=0)
            vector /= np.linalg.norm(vector) or 1
        else:
            vector = np.zeros(table.shape[1], dtype=table.dtype)
        encoded.append(Encoded(vector, tokens))
    return encoded


_unit_table = None


def unit_vectors() -> np.ndarray:
    """The model's token vectors, normalised (32,000 × 256, 32 MB), once per process."""
    global _unit_table
    if _unit_table is None:
        table = model().embedding  # before taking the lock, which loading the model takes
        with _lock:
            if _unit_table is None:
                norms = np.linalg.norm(table, axis=1, keepdims=True)
                _unit_table = table / np.where(norms == 0, 1, norms)
    return _unit_table


def compare(query: Encoded, candidates: list[Encoded]) -> tuple[np.ndarray, np.ndarray]:
    """The similarity and the token match of ``query`` to each of ``candidates``."""
    if not candidates:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)
    similarities = np.stack([c.vector for c in candidates]) @ query.vector
    lengths = np.asarray([len(c.tokens) for c in candidates])
    matches = np.zeros(len(candidates), dtype=np.float32)
    have = lengths > 0
    if len(query.tokens) and have.any():
        # Each distinct token's vector is compared once ("the" comes in most candidates).
        unit = unit_vectors()
        asked, repeats = np.unique(query.tokens, return_counts=True)
        theirs, position = np.unique(
            np.concatenate([c.tokens for c in candidates]), return_inverse=True
        )
        closeness = (unit[asked] @ unit[theirs].T)[:, position]  # query × candidates' tokens
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[have]
        best = np.maximum.reduceat(closeness, starts, axis=1)
        matches[have] = repeats @ best / len(query.tokens)
    return np.asarray(similarities, dtype=np.float32), matches


# The encodings of the texts most recently compared with a query (claims' texts, which come
# back as candidates again and again): about 1.2 KB each.
CACHE_SIZE = 20_000
_encoded: OrderedDict[str, Encoded] = OrderedDict()
_cache_lock = threading.Lock()


def encoded(texts: list[str]) -> list[Encoded]:
    """The encodings of ``texts``, from the cache where it has them."""
    with _cache_lock:
        missing = [text for text in dict.fromkeys(texts) if text not in _encoded]
        _encoded.update(zip(missing, encode(missing), strict=True))
        for text in texts:
            _encoded.move_to_end(text)
        found = [_encoded[text] for text in texts]
        while len(_encoded) > CACHE_SIZE:
            _encoded.popitem(last=False)
    return found


def compare_texts(query: str, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The similarity and the token match of ``query`` to each of ``texts``."""
    (asked,) = encode([query])
    return compare(asked, encoded(texts))
