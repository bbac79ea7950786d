"""Sentence embeddings for re-ranking: WordLlama's static token vectors, shipped in its wheel.

The vectors are read from the installed package, never downloaded (``disable_download``),
once per process on first use (a few seconds). Embedding a query and its candidates takes a
few milliseconds on a CPU: the re-ranker embeds the candidates' texts as it reads them.
"""

import threading
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


def similarities(query: str, texts: list[str]) -> np.ndarray:
    """The cosine similarity of ``query`` to each of ``texts``."""
    if not texts:
        return np.zeros(0, dtype=np.float32)
    vectors = model().embed([query, *texts], norm=True)
    return np.asarray(vectors[1:] @ vectors[0], dtype=np.float32)
