"""Finding a quote in a snapshot's text (a W3C TextQuoteSelector with positions).

``locate_quote`` finds it verbatim. ``locate_quote_typographically`` finds a quote typed with
other quote marks, dashes, spaces or Unicode forms than the snapshot's (``’`` for ``'``, ``—``
for ``-``, a line break for a space, ``é`` composed or not, ``…`` for ``...``), so that the
snapshot's own characters can be stored. ``closest_passage`` says where a quote that is in
neither form comes nearest.

Every search is a bounded number of passes over the text (``str.find`` calls, each linear
in the text), whatever the text repeats: a long quote in a repetitive snapshot costs
milliseconds, not minutes. Quotes (``QUOTE_MAX_LENGTH``) and snapshots
(``sources.models.SNAPSHOT_MAX_LENGTH``) have size limits, checked by the models' validators
before any search runs.
"""

import difflib
import re
import unicodedata
from array import array
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


# Typography that differs between where a quote is read and where it is typed: folded to one
# form before comparing. NFKC (applied first) already turns "…" into "...", "ﬁ" into "fi" and
# every space character into " ".
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
# Characters that are not seen: dropped.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class FoldedText:
    """A text with its typography folded, and where each folded character comes from:
    ``starts[i]``/``ends[i]`` are the span of the original text that folded character ``i``
    stands for."""

    text: str
    starts: array
    ends: array

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded characters ``start`` to ``end``."""
        return self.starts[start], self.ends[end - 1]


# What folding changes: runs of whitespace and invisible characters (one space if the run
# has whitespace, nothing if not), whitespace other than a space, and any character beyond
# ASCII. The rest is copied as it is, at the speed of a slice.
_FOLDED = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]{2,}|[^\S ]|[^\x00-\x7f]")


def fold(text: str) -> FoldedText:
    """Fold quote marks, dashes, runs of whitespace (to one space) and Unicode forms (NFKC,
    a base character with its combining marks at once), keeping where each came from."""
    pieces: list[str] = []
    starts, ends = array("q"), array("q")

    def keep(folded: str, start: int, end: int) -> None:
        if folded.isspace():
            if pieces and pieces[-1].endswith(" ") and ends[-1] == start:
                ends[-1] = end  # one run of spaces, whatever characters make it
                return
            folded = " "
        pieces.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))

    copied = 0
    for match in _FOLDED.finditer(text):
        start, end = match.span()
        if start < copied:
            continue  # a combining mark already taken with its base character
        if start > copied:
            pieces.append(text[copied:start])
            starts.extend(range(copied, start))
            ends.extend(range(copied + 1, start + 1))
        run = match.group()
        if len(run) > 1 and all(char.isspace() or char in _INVISIBLE for char in run):
            if any(char.isspace() for char in run):
                keep(" ", start, end)
            copied = end
            continue
        if run.isspace():
            keep(" ", start, end)
            copied = end
            continue
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        if unicodedata.combining(text[start]) and pieces and pieces[-1][-1:] not in ("", " "):
            # Marks after a plain ASCII letter (an "e" then U+0301): fold them with it.
            pieces[-1] = pieces[-1][:-1]
            starts.pop()
            ends.pop()
            start -= 1
        if text[start] in _INVISIBLE:
            start += 1  # not seen: dropped, with any marks left standing alone
        cluster = text[start:end]
        if cluster:
            keep(unicodedata.normalize("NFKC", cluster).translate(_TYPOGRAPHY), start, end)
        copied = end
    if copied < len(text):
        pieces.append(text[copied:])
        starts.extend(range(copied, len(text)))
        ends.extend(range(copied + 1, len(text) + 1))
    return FoldedText("".join(pieces), starts, ends)


def locate_quote_typographically(
    text: str, quote: str, folded: FoldedText | None = None
) -> QuoteLocation | None:
    """Where ``quote`` stands in ``text`` once both are folded (``fold``): the first such
    passage, as the text's own characters, or None. Only typography is forgiven: a word,
    a letter's case or a digit that differs is not found. ``folded`` is ``fold(text)``
    when the caller has it."""
    folded_quote = fold(quote).text.strip()
    if not folded_quote:
        return None
    folded = folded or fold(text)
    position = folded.text.find(folded_quote)
    if position == -1:
        return None
    start, end = folded.span(position, position + len(folded_quote))
    return _location(text, start, end - start)


# A passage counts as close when at least this share of it matches the quote.
CLOSEST_MIN_RATIO = 0.5
# Comparing costs the product of the lengths: longer quotes are compared by their start.
CLOSEST_COMPARED_LENGTH = 1_000
_ANCHORS = 12


def closest_passage(
    text: str, quote: str, folded: FoldedText | None = None
) -> QuoteLocation | None:
    """The passage of ``text`` most like ``quote``, when one is at least half alike.

    Candidates are placed by anchors, the quote's longest words found in the text (at most
    ``_ANCHORS`` searches), and each is compared with the quote (``difflib``); the best
    wins. A quote none of whose words stand in the text has no closest passage.
    """
    folded_quote = fold(quote).text.strip()
    if not folded_quote:
        return None
    folded = folded or fold(text)
    haystack = folded.text
    size = min(len(folded_quote), CLOSEST_COMPARED_LENGTH)
    compared = folded_quote[:size]
    anchors: dict[str, int] = {}
    offset = 0
    for word in folded_quote.split(" "):
        if len(word) >= 4 and word not in anchors:
            anchors[word] = offset
        offset += len(word) + 1
    candidates: set[int] = set()
    for word in sorted(anchors, key=len, reverse=True)[:_ANCHORS]:
        found = haystack.find(word)
        if found != -1:
            candidates.add(max(0, found - anchors[word]))
    best, best_ratio = None, CLOSEST_MIN_RATIO
    for candidate in sorted(candidates):
        end = candidate + len(folded_quote)
        while end < len(haystack) and end < candidate + len(folded_quote) + 30:
            if not haystack[end].isalnum():
                break
            end += 1  # to the end of the word the passage stops in
        window = haystack[candidate:end]
        matcher = difflib.SequenceMatcher(None, compared, window[:size], autojunk=False)
        ratio = matcher.ratio()
        if ratio > best_ratio and window:
            best, best_ratio = (candidate, candidate + len(window)), ratio
    if best is None:
        return None
    start, end = folded.span(*best)
    return _location(text, start, end - start)


# How much of the closest passage an error message shows.
PASSAGE_SHOWN = 200


def quote_not_found_message(text: str, quote: str, folded: FoldedText | None = None) -> str:
    """Why ``quote`` is refused for ``text``, with the closest passage and where it is."""
    message = (
        "The quote is not found in the snapshot, even allowing for quote marks, dashes, "
        "spaces and Unicode forms."
    )
    passage = closest_passage(text, quote, folded)
    if passage is None:
        return f"{message} No passage comes close: copy it from the snapshot, or detach it."
    shown = text[passage.start : passage.end]
    if len(shown) > PASSAGE_SHOWN:
        shown = shown[:PASSAGE_SHOWN] + "…"
    return (
        f"{message} The closest passage, at characters {passage.start}–{passage.end}: "
        f"“{shown}”. Copy it from there, or detach the snapshot."
    )
