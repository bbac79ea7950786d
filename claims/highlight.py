"""Where a search query's words are in a text: ``highlight(text, query, language)``.

The answer is a list of ``[start, end]`` offsets into the text, in code points (Python string
indices, as JavaScript's ``Array.from(text)`` counts them), sorted and not overlapping: the
words of the text that match one of the query's positive terms. A word matches a term when,
both lower-cased, they are equal, equal without accents, or have the same Snowball stem in the
text's language (``claims.search.language_config``; a language without a stemmer compares
whole words only). Excluded terms (``-word``), ``or`` and quote marks highlight nothing; the
words of a quoted phrase are highlighted wherever each appears. Stop words of English texts
("the", "of") are not highlighted, as the search ignores them.

It runs in Python on each row a page shows, with no query.
"""

import functools
import re
import threading
import unicodedata

import Stemmer

from .matching.cleaning import STOPWORDS
from .search import language_config

# A word: a run of letters, digits, marks and connectors (``\w``), apostrophes inside.
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_WORD_CHAR = re.compile(r"\w")
# A term of the query, websearch style: an optional minus, then a quoted phrase or a word.
_TERM = re.compile(r'(-?)(?:["“”]([^"“”]*)["“”]?|([^\s"“”]+))')
_MAX_TERMS = 64
_STEMMERS = frozenset(Stemmer.algorithms())
_local = threading.local()


def _stemmer(config: str):
    """This thread's Snowball stemmer for a configuration (PyStemmer's are not thread-safe)."""
    if config not in _STEMMERS:
        return None
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if config not in stemmers:
        stemmers[config] = Stemmer.Stemmer(config)
    return stemmers[config]


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=16384)
def _keys(word: str, config: str) -> frozenset[str]:
    """What a word is compared by: its lower-cased and unaccented forms, and their stems in
    ``config``. Kept for the words met most: a page's texts share most of theirs."""
    folded = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    keys = {folded, _unaccented(folded)}
    stemmer = _stemmer(config)
    if stemmer is not None:
        keys |= {stemmer.stemWord(key) for key in list(keys)}
    return frozenset(keys)


@functools.lru_cache(maxsize=256)
def positive_words(query: str) -> tuple[str, ...]:
    """The words of the query's positive terms (its phrases' words included), in order.

    >>> positive_words('"Syrian fighters" -Qaddafi jets or aircraft')
    ('Syrian', 'fighters', 'jets', 'aircraft')
    """
    words: list[str] = []
    for match in _TERM.finditer(query):
        negated, phrase, word = match.groups()
        if negated or (word is not None and word.lower() == "or"):
            continue
        words.extend(_WORD.findall(phrase if phrase is not None else word))
    return tuple(dict.fromkeys(words))[:_MAX_TERMS]


def highlight(text: str, query: str, language: str = "") -> list[list[int]]:
    """Offsets ``[[start, end], …]`` of the words of ``text`` that match ``query``'s terms."""
    return Highlighter(query)(text, language)


class Highlighter:
    """``highlight`` for one query over many texts (a page's rows): each distinct word of the
    texts is compared with the query's terms once, not once per occurrence, and the words
    found to match are then looked for all at once."""

    def __init__(self, query: str):
        self.words = positive_words(query) if query else ()
        self._matchers: dict[str, _Matcher | None] = {}  # by configuration

    def _matcher(self, config: str) -> "_Matcher | None":
        if config not in self._matchers:
            stop_words = STOPWORDS if config == "english" else frozenset()
            wanted: set[str] = set()
            for word in self.words:
                if word.casefold() not in stop_words:
                    wanted |= _keys(word, config)
            self._matchers[config] = (
                _Matcher(config, frozenset(wanted), stop_words) if wanted else None
            )
        return self._matchers[config]

    def __call__(self, text: str, language: str = "") -> list[list[int]]:
        if not text or not self.words:
            return []
        matcher = self._matcher(language_config(language or ""))
        return [] if matcher is None else matcher.spans(text)


class _Matcher:
    """The words that match a query's ``wanted`` keys in one configuration, learnt text by
    text: each new word is judged once, and the matching ones make one pattern."""

    def __init__(self, config: str, wanted: frozenset[str], stop_words: frozenset[str]):
        self.config = config
        self.wanted = wanted
        self.stop_words = stop_words
        self.judged: set[str] = set()
        self.matching: list[str] = []
        self.finder: re.Pattern | None = None

    def spans(self, text: str) -> list[list[int]]:
        unjudged = set(_WORD.findall(text)).difference(self.judged)
        if unjudged:
            self.judged |= unjudged
            found = [word for word in unjudged if self._matches(word)]
            if found:
                self.matching.extend(found)
                self.finder = _finder(self.matching)
        if self.finder is None:
            return []
        return [
            [start, end]
            for start, end in (match.span() for match in self.finder.finditer(text))
            if _whole_word(text, start, end)
        ]

    def _matches(self, word: str) -> bool:
        if word.casefold() in self.stop_words:
            return False
        return not _keys(word, self.config).isdisjoint(self.wanted)


def _finder(words: list[str]) -> re.Pattern:
    """A pattern of ``words``, longest first: where each is found, it may be part of a longer
    word (``_whole_word`` tells)."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(alternatives)


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``_WORD`` reads ``text[start:end]`` as a whole word: not preceded by a word
    character (or one and an apostrophe), not followed by one (or an apostrophe and one)."""
    joined_before = start > 0 and (
        _WORD_CHAR.match(text, start - 1)
        or (start > 1 and text[start - 1] in "'’" and _WORD_CHAR.match(text, start - 2))
    )
    joined_after = end < len(text) and (
        _WORD_CHAR.match(text, end) or (text[end] in "'’" and _WORD_CHAR.match(text, end + 1))
    )
    return not (joined_before or joined_after)
