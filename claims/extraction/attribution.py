"""Finding who a sentence reports, through whom, and with which stance.

A sentence reports a statement when it carries an attribution frame:

* a reporting verb with its subject: "X said", "X has denied", "X told Reuters";
* the verb after its subject: "“…,” said X", "…, X said.";
* "according to X", where X may be a document: "according to a report seen by the AP";
* a passive: "was denied by X";
* "X quoted Y as saying": Y speaks, X relays.

Intermediaries (``via``) come from "seen by", "obtained by", "told <Outlet>", "as cited by",
"X quoted Y", a trailing "…, Tass reported" and an "according to" beside another frame; they
are listed innermost first, so the outlet nearest the reader comes last.
"""

import re
from dataclasses import dataclass, field

from claims.choices import Stance

from .lexicon import (
    ACCESS_VERBS,
    DECLINE_PATTERN,
    DOCUMENT_NOUNS,
    FALSITY,
    INACCURACY,
    MONTHS,
    NAMING_VERBS,
    PRONOUNS,
    SPEAKER_NOUNS,
    VERB_PATTERN,
    VERB_STANCES,
    WEEKDAYS,
)


@dataclass
class Frame:
    """An attribution found in one sentence; offsets are into the whole text."""

    speaker: str | None
    stance: str
    content: tuple[int, int]
    via: list[str] = field(default_factory=list)
    # The document that speaks ("the report", "the new Pentagon report"), if one does;
    # ``speaker`` is then its author when named, else None.
    document: str | None = None
    # Whether that document is one the article has already introduced ("the report"), so
    # that its author may be found before; "a report seen by the AP" is a new one.
    known_document: bool = False


_QUOTE_PAIRS = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?")
_LEADING = re.compile(
    # A dateline first: "LONDON (Reuters) - ", "KARSVIK, March 14 – ".
    r"^(?:(?-i:[A-Z][A-Z .'-]+)(?:,\s+\w+\s+\d{1,2})?\s*(?:\([^)]*\))?\s+[-–—]\s+|"
    r"(?:however|but|and|meanwhile|separately|earlier|later|still|instead|also|yet|now|"
    r"then|moreover|in\s+addition|in\s+response|in\s+turn|for\s+(?:its|his|her|their)\s+part|"
    r"in\s+a\s+(?:written\s+|joint\s+)?statement(?:\s+\w+\s+\w+)?|"
    r"on\s+[A-Z]\w+(?:\s+\d{1,2})?(?:,?\s+\d{4})?|last\s+\w+|this\s+\w+|"
    r"in\s+an?\s+interview[^,]*|speaking[^,]*|asked[^,]*|when\s+asked[^,]*|"
    r"reacting[^,]*|responding[^,]*|in\s+\d{4}),?\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:,?\s+(?:has|have|had|also|has\s+also|have\s+also|previously|repeatedly|again|"
    r"swiftly|quickly|firmly|strongly|publicly|flatly|categorically|later|earlier|then|"
    r"itself|himself|herself|themselves|would|will|on\s+\w+(?:\s+\d{1,2})?|"
    r"last\s+\w+|this\s+\w+|earlier\s+this\s+\w+|yesterday|today|in\s+a\s+(?:\w+\s+)?statement|"
    r"in\s+an\s+interview|however|in\s+response|immediately|initially|officially))+$",
    re.IGNORECASE,
)
_DOCUMENT_SPEAKER = re.compile(
    r"^(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?:new|latest|recent|confidential|internal|"
    r"annual|draft|leaked|classified|joint|official|written|preliminary|final|\d{4})\s+)*"
    r"(?P<owner>.*?)(?:’s|'s)?\s*(?:" + DOCUMENT_NOUNS + r")$",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<np>[^,.;:“”\"()]{1,150})", re.IGNORECASE)
_ACCESS = re.compile(
    r"\b(?:as\s+)?"
    + ACCESS_VERBS
    + r"\s+by\s+(?P<np>(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+[A-Z][\w.&’'/-]*){0,8})"
)
_TOLD = re.compile(r"\btold\s+(?P<np>(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+[A-Z][\w.&’'/-]*){0,8})")
_INTERVIEW = re.compile(
    r"\bin\s+an?\s+(?:\w+\s+)?interview\s+(?:with|on|to)\s+(?P<np>(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+[A-Z][\w.&’'/-]*){0,8})"
)
_QUOTED_AS = re.compile(
    r"(?P<via>[A-Z][^,;:“”\"]{0,60}?)\s+(?:quoted|quotes|cited|cites)\s+(?P<speaker>[^,;“”\"]{2,80}?)\s+"
    r"as\s+saying\b"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:\w+\s+)?(?P<verb>denied|"
    r"rejected|disputed|dismissed|refuted|confirmed|contested|questioned)\s+by\s+"
    r"(?P<np>[^,.;:“”\"]{1,150})",
    re.IGNORECASE,
)
# How far before a verb its speaker may start, in characters.
_SPEAKER_REACH = 160
# Reporting verbs looked at in one sentence: the first frames are the ones that count.
_MAX_VERBS = 12
_CLAUSE_BREAK = re.compile(r"[,;:“”\"()«»]|\s[–—-]\s")
_WORD = re.compile(r"[\w’'.&/-]+")


def _quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in _QUOTE_PAIRS.finditer(text[start:end])]


def _inside(index: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < index < e for s, e in ranges)


def clean_noun_phrase(phrase: str) -> str:
    """A speaker phrase without the adverbs and time words around it."""
    phrase = phrase.strip(" ,")
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _LEADING.sub("", phrase).strip(" ,")
        phrase = _TRAILING.sub("", phrase).strip(" ,")
        phrase = re.sub(r"\s+(?:that|who|which)$", "", phrase)
    return phrase


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in {"the", "a", "an", "its", "his", "her"}


def plausible_speaker(phrase: str) -> bool:
    """Whether ``phrase`` can name who spoke: a name, a speaking noun or a pronoun."""
    words = _WORD.findall(phrase)
    if not words or len(words) > 14:
        return False
    lowered = [w.lower().strip(".’'") for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return True
    verbs = {"is", "are", "was", "were", "be", "been", "being", "had", "did", "does", "do", "if"}
    if verbs & set(lowered) or lowered[0] in MONTHS or lowered[0] in WEEKDAYS:
        return False
    named = any(_is_capitalised(w) and not w.isdigit() for w in words)
    nouns = any(w in SPEAKER_NOUNS or w.rstrip("s") in SPEAKER_NOUNS for w in lowered)
    # A short definite phrase: "the airline", "the local hospital".
    definite = lowered[0] in {"the", "its", "their"} and 2 <= len(words) <= 4
    return named or nouns or (definite and not lowered[-1].endswith("ly"))


def _appositive(region: str) -> str | None:
    """The speaker of "The ship's owner, Meridian Shipping, denied": the name if one is given.

    ``region`` ends with a comma; its pieces are a description and a name in either order
    ("Transparency Sarvia, an anti-corruption group,"), or a speaker and an aside
    ("Officials at the ministry, speaking on condition of anonymity,").
    """
    pieces = [clean_noun_phrase(p) for p in region.rstrip().rstrip(",").split(",")]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    head = pieces[-2:] if len(pieces) >= 2 else pieces
    for piece in head:
        words = [w for w in _WORD.findall(piece) if w.lower() not in {"of", "the", "for", "and"}]
        if words and all(w[:1].isupper() for w in words) and plausible_speaker(piece):
            return piece
    for piece in head:
        if plausible_speaker(piece) and not re.match(r"(?:who|which|as|speaking|citing)\b", piece):
            return piece
    return None


def _speaker_before(text: str, sentence_start: int, verb_start: int, quotes) -> str | None:
    """The subject of a verb: the phrase from the clause start up to it."""
    region_start = sentence_start
    for _, quote_end in quotes:
        if quote_end <= verb_start:
            region_start = max(region_start, quote_end)
    if verb_start - region_start > _SPEAKER_REACH:
        # A speaker is a few words long: look no further back than a long name.
        region_start = text.find(" ", verb_start - _SPEAKER_REACH, verb_start) + 1 or verb_start
    region = text[region_start:verb_start]
    # "The union welcomed the correction but said": the subject of the first clause.
    joined = re.match(r"(.+?)\s+[a-z]+ed\b.*\s(?:but|and|yet)\s*$", region)
    if joined and plausible_speaker(clean_noun_phrase(joined.group(1))):
        region = joined.group(1)
    if region.rstrip().endswith(",") and region.strip(" ,"):
        stripped = _LEADING.sub("", region.strip())
        if stripped.rstrip().endswith(",") and stripped.count(",") >= 2:
            speaker = _appositive(stripped)
            if speaker:
                return speaker
    cleaned = clean_noun_phrase(region)
    if cleaned and plausible_speaker(cleaned) and not _CLAUSE_BREAK.search(cleaned):
        return cleaned
    # A list of names ("On July 18, Germany, France, and Italy warned").
    listed = re.search(
        r"(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,8},\s+){1,8}(?:and\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,8}$",
        clean_noun_phrase(region),
    )
    if listed:
        return listed.group(0)
    # "…, the ministry said": the part after the last comma.
    pieces = re.split(r",\s*", region)
    raw_tail = pieces[-1].strip()
    tail = clean_noun_phrase(raw_tail)
    if (
        len(pieces) > 1
        and not raw_tail.lower().startswith(("and ", "or "))
        and plausible_speaker(tail)
    ):
        return tail
    if tail.lower() == "who" and len(pieces) > 1:
        # "criticized by the UN and Western officials, who say": the phrase before "who".
        before = pieces[-2]
        match = re.search(r"\bby\s+(.+)$", before)
        candidate = clean_noun_phrase(match.group(1) if match else before)
        if plausible_speaker(candidate):
            return candidate
    return None


def _speaker_after(text: str, verb_end: int, sentence_end: int) -> str | None:
    """The subject after an inverted verb: "“…,” said the statement, drawn up by …"."""
    match = re.match(r"\s+([^,.;:“”\"()]{1,150})", text[verb_end:sentence_end])
    if not match:
        return None
    phrase = re.split(r"\s+(?:in|on|at|during|after|before|without|while|when)\s+", match.group(1))[
        0
    ]
    phrase = clean_noun_phrase(phrase)
    return phrase if plausible_speaker(phrase) and len(phrase.split()) <= 10 else None


def _stance(verb: str, content: str) -> str:
    """The stance of a verb; "said" with "false" or "inaccurate" in what was said answers."""
    if DECLINE_PATTERN.fullmatch(verb):
        return Stance.DECLINES
    stance = VERB_STANCES.get(verb.lower(), Stance.ASSERTS)
    if stance == Stance.ASSERTS and FALSITY.search(content):
        return Stance.DENIES
    if stance == Stance.ASSERTS and INACCURACY.search(content):
        return Stance.DISPUTES
    return stance


def _content_after(text: str, verb_end: int, sentence_end: int) -> tuple[int, int]:
    match = re.match(r"[\s,:]*(?:that\s+)?", text[verb_end:sentence_end])
    start = verb_end + match.end()
    return (start, sentence_end) if start < sentence_end else (verb_end, sentence_end)


def _access_via(sentence: str) -> list[str]:
    names = []
    for pattern in (_ACCESS, _TOLD, _INTERVIEW):
        for match in pattern.finditer(sentence):
            names.append(match.group("np").strip().rstrip("."))
    return names


def _document_speaker(phrase: str) -> tuple[str | None, str | None, bool]:
    """The author, the kind and whether it is a known document, for a speaking phrase.

    "the new Pentagon report": ("Pentagon", "report", True); "the report": (None, "report",
    True); "a confidential report seen by Reuters": (None, "report", False); "Moscow":
    ("Moscow", None, False).
    """
    phrase = re.sub(r",?\s+(?:" + ACCESS_VERBS + r")\s+by\s+.*$", "", phrase)
    match = _DOCUMENT_SPEAKER.match(phrase)
    if not match:
        return phrase, None, False
    noun = phrase.rsplit(maxsplit=1)[-1].lower()
    definite = not re.match(r"(?:a|an)\s", phrase, re.IGNORECASE)
    owner = clean_noun_phrase(match.group("owner"))
    if owner and plausible_speaker(owner):
        return owner, noun, definite
    return None, noun, definite


def _cited_speaker(phrase: str) -> str | None:
    """Who speaks in what a statement cites: "two firefighters" themselves, the author of
    "a report by the IPC seen by Reuters" (the IPC), nobody named in "a confidential
    report"."""
    access = re.search(r",?\s+(?:" + ACCESS_VERBS + r")\s+by\s+.+$", phrase)
    if access:
        phrase = phrase[: access.start()]
    by = re.match(
        r"(?P<doc>.{1,80}?\b(?:" + DOCUMENT_NOUNS + r"))\s+(?:by|from|of)\s+(?P<owner>.+)$", phrase
    )
    if by:
        return by.group("owner").strip()
    return _document_speaker(phrase)[0]


def _according(text: str, start: int, end: int) -> Frame | None:
    sentence = text[start:end]
    match = _ACCORDING.search(sentence)
    if not match:
        return None
    phrase = match.group("np").strip()
    access = re.search(r"\s+(?:" + ACCESS_VERBS + r")\s+by\s+(?P<via>.+)$", phrase)
    via = [access.group("via").strip()] if access else []
    if access:
        phrase = phrase[: access.start()]
    phrase = re.split(
        r"\s+(?:on|in|at|last|this|earlier)\s+(?=[A-Z0-9]|\w+day|week|month|year)", phrase
    )[0]
    by = re.match(
        r"(?P<doc>.{1,80}?\b(?:" + DOCUMENT_NOUNS + r"))\s+(?:by|from|of)\s+(?P<owner>.+)$", phrase
    )
    if by:
        speaker, document = by.group("owner").strip(), by.group("doc").rsplit(maxsplit=1)[-1]
        known = False
    else:
        speaker, document, known = _document_speaker(clean_noun_phrase(phrase))
    if speaker is not None and not plausible_speaker(speaker):
        return None
    # What remains of the sentence without the "according to" clause is the claim.
    content = (start + match.end(), end) if match.start() <= 2 else (start, start + match.start())
    return Frame(speaker, Stance.ASSERTS, _strip_span(text, *content), via, document, known)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' ,;:"“”':
        start += 1
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    return (start, end)


_TOLD_WHOM = re.compile(
    r"\s+(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+[A-Z][\w.&’'/-]*){0,8}(?:\s+(?:on|in|last)\s+\w+)?"
)
_CITING = re.compile(r",?\s+citing\s+(?P<np>[^,.;:“”\"]{2,100})")
_SAID_NOTHING = re.compile(r"\s+(?:little|nothing|no\s+more)\b")
_RELAYING_VERBS = frozenset({"reported", "reports", "said", "says", "wrote"})


def _after_quotation(text: str, start: int, verb_start: int) -> bool:
    """Whether the verb opens its clause or follows a comma or a closing quotation mark."""
    return verb_start == start or text[start:verb_start].rstrip().endswith((",", "”", '"'))


def _verb_frame(text: str, start: int, end: int, match: re.Match, quotes, via) -> Frame | None:
    """The frame one reporting verb makes, if it has a speaker."""
    verb_start, verb_end = start + match.start(), start + match.end()
    verb = match.group(0).lower()
    if _inside(verb_start, quotes) or re.match(
        r"\s+(?:little|nothing|no\s+more)\b", text[verb_end:end]
    ):
        return None  # quoted words, or "has said little about it"
    content = _content_after(text, verb_end, end)
    after_verb = text[slice(*content)]
    falsity, inaccuracy = FALSITY.search(after_verb), INACCURACY.search(after_verb)
    if verb in NAMING_VERBS and not (falsity or inaccuracy or re.search(r"[“\"]", after_verb)):
        return None  # "called for talks" reports nothing; "called it a lie" does
    speaker = _speaker_before(text, start, verb_start, quotes)
    if speaker is None and _after_quotation(text, start, verb_start):
        speaker = _speaker_after(text, verb_end, end)
    if speaker is None:
        return None
    if quotes and quotes[0][1] <= verb_start:
        content = quotes[0]  # "“…,” X said": the quotation is the claim
    elif verb in {"told", "tells"} and (whom := _TOLD_WHOM.match(text, verb_end, end)):
        content = _content_after(text, whom.end(), end)
    claimed = text[slice(*content)]
    if verb in NAMING_VERBS:
        stance = Stance.DENIES if falsity else Stance.DISPUTES if inaccuracy else Stance.ASSERTS
    else:
        stance = _stance(verb, claimed)
    frame = Frame(speaker, stance, _strip_span(text, *content), list(via))
    frame.speaker, frame.document, frame.known_document = _document_speaker(speaker)
    return frame


def find_frame(text: str, start: int, end: int) -> Frame | None:
    """The attribution of the sentence ``text[start:end]``, or None when it reports nothing."""
    sentence = text[start:end]
    quotes = _quoted_ranges(text, start, end)
    via = _access_via(sentence)
    according = _according(text, start, end)

    quoted_as = _QUOTED_AS.search(sentence)
    if quoted_as:
        speaker = clean_noun_phrase(quoted_as.group("speaker"))
        relay = clean_noun_phrase(quoted_as.group("via"))
        if plausible_speaker(speaker):
            content = _content_after(text, start + quoted_as.end(), end)
            return Frame(speaker, _stance("said", text[slice(*content)]), content, [*via, relay])

    passive = _PASSIVE.search(sentence)
    if passive:
        speaker = clean_noun_phrase(passive.group("np"))
        if plausible_speaker(speaker):
            extra = [according.speaker] if according and according.speaker else []
            stance = VERB_STANCES.get(passive.group("verb").lower(), Stance.ASSERTS)
            return Frame(speaker, stance, (start, end), [*via, *extra])

    frames = []
    for count, match in enumerate(VERB_PATTERN.finditer(sentence)):
        if count >= _MAX_VERBS:
            break
        frame = _verb_frame(text, start, end, match, quotes, via)
        if frame is not None:
            frames.append((start + match.start(), frame))
    if not frames:
        return according
    primary = frames[0][1]
    # A stronger stance later in the sentence from the same subject ("said … and denied").
    for _, later in frames[1:]:
        if later.speaker == primary.speaker and primary.stance == Stance.ASSERTS:
            primary.stance = later.stance
    # "…, Tass reported.": a last frame closing the sentence names who relayed the first.
    last_start, last = frames[-1]
    if len(frames) > 1 and last.speaker and last.speaker != primary.speaker:
        tail = text[last_start:end].split()
        if len(tail) <= 3 and tail[0].lower().rstrip(".") in _RELAYING_VERBS:
            primary.via.append(last.speaker)
    citing = _CITING.search(text, frames[0][0], end)
    if citing and primary.speaker:
        cited = _cited_speaker(clean_noun_phrase(citing.group("np")))
        if cited and plausible_speaker(cited):
            # "The Courier reported, citing two firefighters, that …": the firefighters speak.
            primary.via.append(primary.speaker)
            primary.speaker = cited
    if according:
        relays = [according.speaker, *according.via]
        primary.via.extend(v for v in relays if v and v not in primary.via)
    return primary
