"""Cleaning a text to match (a tweet, a post, a quote) and reducing it to terms.

``clean`` strips what a social-media post carries besides its claim: links, ``pic.twitter.com``
images, ``@handles``, the "— Name (@handle) date" tail of an embedded tweet, and the ``#`` of
hashtags (the word stays). ``terms`` folds, drops stopwords and stems (Snowball, English): the
vocabulary of the BM25 index. ``numbers`` and ``names`` are the facts the re-ranker compares.
"""

import re
from decimal import Decimal, InvalidOperation

import Stemmer

from core.text import fold

# An embedded tweet's tail: "— Paul Wilczynski (@PaulWilczynski) February 25, 2016".
_TWEET_TAIL = re.compile(r"\s*[—–-]{1,2}\s*(?P<name>[^—–\n(]{0,80})\(@\w{1,30}\)[^\n]{0,40}$")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S*|\b[a-z0-9-]+\.(?:com|org|net|ly|co)/\S*", re.I
)
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
_GLUED_HANDLE = re.compile(r"(@\w{1,30})(?=@\w)")
_HASH = re.compile(r"(?<![\w#])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])")
_RETWEET = re.compile(r"^\s*RT\b\s*(?:@\w{1,30})?:?")
_SPACES = re.compile(r"\s+")

# A number as people write it: 3,500 / 3.5 / 35,000 / 1.2m (the suffix is read separately).
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(%|percent|k|m|million|billion|bn|thousand))?(?![\w])",
    re.I,
)
_SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
# An amount in words before a scale: "half a million", "two billion", "a thousand".
_SPELLED = {
    "a": 1,
    "one": 1,
    "half a": Decimal("0.5"),
    "a quarter of a": Decimal("0.25"),
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
}
_SPELLED_NUMBER = re.compile(
    r"(?<![\w])(" + "|".join(sorted(map(re.escape, _SPELLED), key=len, reverse=True)) + r")"
    r"\s+(thousand|million|billion)(?![\w])",
    re.I,
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A capitalised word or a run of them ("Nancy Pelosi", "New York"), for the actor signal.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b|\b[A-Z]{2,6}\b")

_STOP_WORDS = """
    a about above after again against all also am amp an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't
    do does doesn't doing don't down during each few for from further get got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
    his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like
    me more most mustn't my myself no nor not now of off on once one only or other ought our
    ours ourselves out over own rt said same say says shan't she she'd she'll she's should
    shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until
    up very via was wasn't we we'd we'll we're we've were weren't what what's when when's
    where where's which while who who's whom why why's will with won't would wouldn't you
    you'd you'll you're you've your yours yourself yourselves
"""
STOPWORDS = frozenset(_STOP_WORDS.split())
# Capitalised words that begin sentences or shout, rather than name someone; amounts and
# their qualifiers open many sentences ("Half a million people ...", "Nearly 3,000 ...").
_NOT_NAME_WORDS = """
    A About Almost All An And Are Around At BREAKING Be Been Breaking Both But By Can Claim
    Did Do Does Each Eight Every Fact Few Five For Four From Half He Her Here His How
    Hundreds I If In Is It Its Just Less Many Millions More Most My Nearly New News Nine No
    Not Now Of On One Only Or Our Over Photo RT Read Report Reports Rumor Said Says Seven
    Several She Six So Some Ten That The Their There These They This Those Thousands Three
    To Today Two Up Video Was Watch We Were What When Where Which Who Why Will With Yes
    Yesterday You Your
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())

_stemmer = Stemmer.Stemmer("english")
_stemmer.maxCacheSize = 100_000


def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _folded(text: str) -> str:
    """``core.text.fold`` for words: the plain-ASCII case (most texts) without its work."""
    return text.lower() if text.isascii() else fold(text)


def split_words(name: str) -> str:
    """A handle or hashtag as words: "BernieTakesNevada" -> "Bernie Takes Nevada
    BernieTakesNevada". The name itself stays too, for what is one word ("UConn", "OpKKK")."""
    split = _CAMEL.sub(" ", name.replace("_", " "))
    return split if split == name else f"{split} {name}"


def author(text: str) -> str:
    """Who signed an embedded tweet: the name of its "— Name (@handle) date" tail, if any."""
    match = _TWEET_TAIL.search(text.strip())
    return match.group("name").strip() if match else ""


def clean(text: str) -> str:
    """``text`` without links, a tweet's signature tail and the marks of handles and hashtags.

    A handle or hashtag inside the sentence is often its subject ("@BernieSanders wins"):
    it stays, as words.

    >>> clean("Wow #AlabamaGOP cuts food stamps https://t.co/x — Amy (@amy) March 18, 2016")
    'Wow Alabama GOP AlabamaGOP cuts food stamps'
    """
    text = _RETWEET.sub(" ", text)
    text = _TWEET_TAIL.sub("", text.strip())
    text = _URL.sub(" ", text)
    text = _GLUED_HANDLE.sub(r"\1 ", text)  # "@one@two"
    text = _HANDLE.sub(lambda m: " " + split_words(m.group(1)) + " ", text)
    text = _HASH.sub(lambda m: split_words(m.group(1)), text)
    return _SPACES.sub(" ", text).strip(" \t\n:;|-—–")


def words(text: str) -> list[str]:
    """The folded words of ``text``, numbers without their thousands separators."""
    folded = re.sub(r"(?<=\d),(?=\d{3})", "", _folded(text))
    return _WORD.findall(folded)


def terms(text: str) -> list[str]:
    """The index terms of ``text``: its words, stopwords dropped, stemmed (repeats kept)."""
    return [
        stem(word)
        for word in words(text)
        if (word not in STOPWORDS and len(word) > 1) or word.isdigit()
    ]


def segment(word: str, known) -> list[str] | None:
    """A run of words written as one ("sixflags", "shameonoreos") split into the fewest
    words that ``known(stem)`` knows or that are stopwords; None when it cannot be.

    >>> segment("shameonoreos", {"shame", "oreo"}.__contains__)
    ['shame', 'on', 'oreos']
    """
    if not word.isalpha() or not 6 <= len(word) <= 40:
        return None
    # fewest[i]: the fewest pieces that spell word[:i], and where the last one starts.
    fewest: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 20), end - 1):
            piece, before = word[start:end], fewest[start]
            if before is None or not (piece in STOPWORDS or known(stem(piece))):
                continue
            if fewest[end] is None or before[0] + 1 < fewest[end][0]:
                fewest[end] = (before[0] + 1, start)
    if fewest[-1] is None or fewest[-1][0] < 2:
        return None
    pieces, end = [], len(word)
    while end:
        start = fewest[end][1]
        pieces.append(word[start:end])
        end = start
    pieces.reverse()
    return pieces if any(piece not in STOPWORDS for piece in pieces) else None


def numbers(text: str) -> set[Decimal]:
    """The quantities ``text`` states, scaled: "3,500" and "3.5k" are both 3500, "half a
    million" and "500,000" both 500000; "35%" is 35.

    Four-digit years are numbers too: "2016" against "2019" is a difference worth seeing.
    """
    found = set()
    for match in _SPELLED_NUMBER.finditer(text):
        amount = Decimal(_SPELLED[match.group(1).lower()]) * _SCALES[match.group(2).lower()]
        found.add(amount.normalize())
    for match in _NUMBER.finditer(text):
        digits, scale = match.group(1).replace(",", ""), (match.group(2) or "").lower()
        try:
            value = Decimal(digits) * _SCALES.get(scale, 1)
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
        found.add(value.normalize())
    return found


def quantities(values: set[Decimal]) -> set[Decimal]:
    """``values`` without those that read as years (1900 to 2099): dates, not amounts."""
    return {v for v in values if not (v == v.to_integral_value() and 1900 <= v <= 2099)}


def names(text: str) -> set[str]:
    """The proper names ``text`` seems to mention, folded and stemmed word by word.

    Words that are capitalised only because they open a sentence or shout (``_NOT_NAMES``)
    are left out: a crude reading, good enough to tell "Pelosi" from "Schumer".
    """
    found = set()
    for match in _NAME.finditer(text):
        parts = [part for part in re.split(r"[ -]", match.group()) if part not in _NOT_NAMES]
        for part in parts:
            word = _folded(part)
            if word not in STOPWORDS and len(word) > 2:
                found.add(stem(word))
    return found
