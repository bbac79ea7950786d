"""Splitting an article into sentence spans that index the original text.

Spans never copy text: each is ``(start, end)`` into the string given, trimmed of spaces, so
``text[start:end]`` is always the sentence as written. A sentence does not end inside an
open quotation (``“It is false. We never did it,” she said.`` stays one sentence), but a
line break always ends one: headlines, captions and credits stand alone.
"""

import re


def _words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


# Words after which a full stop is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    _words(
        """mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr jan feb mar
        apr aug sep sept oct nov dec no vs etc inc corp co ltd dept est u.s u.k u.n e.g i.e"""
    )
)
_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"
_TERMINATORS = ".!?"


def _word_before(text: str, index: int) -> str:
    """The word that ends just before ``index`` (letters and inner dots), lowercased."""
    start = index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:index].lower().strip(".")


def _ends_sentence(text: str, index: int) -> bool:
    """Whether the terminator at ``index`` closes a sentence."""
    if text[index] != ".":
        return True
    word = _word_before(text, index)
    if word in _ABBREVIATIONS:
        return False
    # An initial ("John F. Kennedy") or a decimal point ("1.5").
    if len(word) == 1 and word.isalpha() and word.upper() == text[index - 1]:
        return False
    return not (index + 1 < len(text) and text[index + 1].isdigit())


def _next_starts_sentence(text: str, index: int) -> bool:
    """Whether what follows ``index`` (after spaces) looks like the start of a sentence."""
    match = re.compile(r"[ \t]*(\S)").match(text, index)
    if match is None:
        return True
    first = match.group(1)
    return first.isupper() or first.isdigit() or first in _OPENING_QUOTES + "\"'(‘["


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` spans, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0  # open typographic quotations
    straight_open = False
    i = 0
    length = len(text)
    while i < length:
        ch = text[i]
        if ch == "\n":
            spans.append((start, i))
            start, depth, straight_open = i + 1, 0, False
        elif ch in _OPENING_QUOTES:
            depth += 1
        elif ch in _CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
        elif ch in _TERMINATORS and _ends_sentence(text, i):
            end = i + 1
            while end < length and text[end] in _TERMINATORS + _CLOSING_QUOTES + "\"')’":
                if text[end] in _CLOSING_QUOTES:
                    depth = max(0, depth - 1)
                elif text[end] == '"':
                    straight_open = not straight_open
                end += 1
            quoted = depth > 0 or straight_open
            if (
                not quoted
                and (end >= length or text[end] in " \t\n")
                and _next_starts_sentence(text, end)
            ):
                spans.append((start, end))
                start = end
            i = end
            continue
        i += 1
    spans.append((start, length))
    return [trimmed for trimmed in (_trim(text, s, e) for s, e in spans) if trimmed]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
