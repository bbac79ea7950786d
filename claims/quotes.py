"""Finding a quote verbatim in a snapshot's text (a W3C TextQuoteSelector with positions)."""

from dataclasses import dataclass

CONTEXT_LENGTH = 32


@dataclass(frozen=True)
class QuoteLocation:
    start: int
    end: int
    prefix: str
    suffix: str


def locate_quote(
    text: str, quote: str, *, prefix: str = "", suffix: str = "", start: int | None = None
) -> QuoteLocation | None:
    """Where ``quote`` stands verbatim in ``text``, or None when it does not.

    Stored offsets win when the text there is still the quote; otherwise the occurrence
    whose surroundings match ``prefix``/``suffix`` best is taken (the first among equals).
    """
    if not quote:
        return None
    if start is not None and start >= 0 and text[start : start + len(quote)] == quote:
        return _location(text, start, len(quote))
    best_start, best_score = None, -1
    position = text.find(quote)
    while position != -1:
        score = int(bool(prefix) and text[:position].endswith(prefix)) + int(
            bool(suffix) and text[position + len(quote) :].startswith(suffix)
        )
        if score > best_score:
            best_start, best_score = position, score
        position = text.find(quote, position + 1)
    if best_start is None:
        return None
    return _location(text, best_start, len(quote))


def _location(text: str, start: int, length: int) -> QuoteLocation:
    end = start + length
    return QuoteLocation(
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
