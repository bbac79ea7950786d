"""Finding a quote verbatim in a snapshot's text (a W3C TextQuoteSelector with positions).

Every search is a bounded number of passes over the text (at most four ``str.find`` calls,
each linear in the text), whatever the text repeats: a long quote in a repetitive snapshot
costs milliseconds, not minutes. Quotes (``QUOTE_MAX_LENGTH``) and snapshots
(``sources.models.SNAPSHOT_MAX_LENGTH``) have size limits, checked by the models' validators
before any search runs.
"""

from dataclasses import dataclass

CONTEXT_LENGTH = 32
# A quote is a passage, not a document: its words stand in a snapshot, so a longer one is
# almost always a pasted page. Characters.
QUOTE_MAX_LENGTH = 10_000


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

    Stored offsets win when the text there is still the quote. Otherwise the first
    occurrence with both its ``prefix`` before it and its ``suffix`` after it, else the first
    with either, else the first occurrence at all.
    """
    if not quote:
        return None
    if start is not None and start >= 0 and text.startswith(quote, start):
        return _location(text, start, len(quote))
    if prefix and suffix:
        position = text.find(prefix + quote + suffix)
        if position != -1:
            return _location(text, position + len(prefix), len(quote))
    with_context = []
    if prefix:
        position = text.find(prefix + quote)
        if position != -1:
            with_context.append(position + len(prefix))
    if suffix:
        position = text.find(quote + suffix)
        if position != -1:
            with_context.append(position)
    if with_context:
        return _location(text, min(with_context), len(quote))
    position = text.find(quote)
    if position == -1:
        return None
    return _location(text, position, len(quote))


def _location(text: str, start: int, length: int) -> QuoteLocation:
    end = start + length
    return QuoteLocation(
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
