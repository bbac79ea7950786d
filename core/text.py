"""Text normalisation shared by alias matching, search and validation."""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^the\s+")
# Typographic variants that people type interchangeably in names.
_EQUIVALENTS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "‐": "-", "–": "-"})


def fold(text: str) -> str:
    """Fold a name for matching: case, accents, typographic quotes and spacing do not count.

    A leading English article is dropped too, so "the Pentagon" matches "Pentagon".
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_EQUIVALENTS))
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _WHITESPACE.sub(" ", without_marks.casefold()).strip()
    return _LEADING_ARTICLE.sub("", folded)


def has_forbidden_characters(text: str) -> bool:
    """True for text no database should store: NUL bytes and lone surrogates."""
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)
