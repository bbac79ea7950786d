"""Text normalisation shared by alias matching, search and validation."""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
# Repeated, so that folding twice gives what folding once gave ("the the x").
_LEADING_ARTICLE = re.compile(r"^(?:the\s+)+")
# NUL and the surrogate code points, which only a lone surrogate puts in a str.
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
# Typographic variants that people type interchangeably in names.
_EQUIVALENTS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "‐": "-", "–": "-"})


def fold(text: str) -> str:
    """Fold a name for matching: case, accents, typographic quotes and spacing do not count.

    A leading English article is dropped too, so "the Pentagon" matches "Pentagon".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Typographic variants are mapped after decomposition, which can produce them (U+2011).
    plain = without_marks.casefold().translate(_EQUIVALENTS)
    folded = _WHITESPACE.sub(" ", plain).strip()
    return _LEADING_ARTICLE.sub("", folded)


def has_forbidden_characters(text: str) -> bool:
    """True for text no database should store: NUL bytes and lone surrogates."""
    return _FORBIDDEN.search(text) is not None


def shorten(text: str, length: int) -> str:
    """``text`` cut to at most ``length`` characters, an ellipsis marking the cut (as
    Django's ``Truncator.chars``, at a fraction of its cost on a list of a hundred rows)."""
    return text if len(text) <= length else text[: length - 1] + "…"
