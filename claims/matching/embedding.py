"""Sentence embeddings for re-ranking: WordLlama's static token vectors, shipped in its wheel.

The vectors are read from the installed package, never downloaded (``disable_download``),
once per process on first use (a few seconds). Embedding a query and its candidates takes a
few milliseconds on a CPU; the candidates' vectors are kept in a bounded cache, keyed by
their text, as the same claims come back as candidates of many queries.
"""

import threading
from collections import OrderedDict
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


# The vectors of the texts most recently compared with a query (claims' texts, which come
# back as candidates again and again): about 1 KB each.
CACHE_SIZE = 20_000
_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()


def _embedded(texts: list[str]) -> np.ndarray:
    """The normalised vectors of ``texts``, from the cache where it has them."""
    with _cache_lock:
        missing = [text for text in dict.fromkeys(texts) if text not in _vectors]
        if missing:
            for text, vector in zip(missing, model().embed(missing, norm=True), strict=True):
                _vectors[text] = np.asarray(vector, dtype=np.float32)
        for text in texts:
            _vectors.move_to_end(text)
        rows = np.stack([_vectors[text] for text in texts])
        while len(_vectors) > CACHE_SIZE:
            _vectors.popitem(last=False)
    return rows


def similarities(query: str, texts: list[str]) -> np.ndarray:
    """The cosine similarity of ``query`` to each of ``texts``."""
    if not texts:
        return np.zeros(0, dtype=np.float32)
    asked = np.asarray(model().embed([query], norm=True)[0], dtype=np.float32)
    return np.asarray(_embedded(texts) @ asked, dtype=np.float32)
