"""From article text to suggestions: sentences, frames, then what links them."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from claims.choices import Stance

from . import structure
from .attribution import Frame, find_frame
from .lexicon import DOCUMENT_NOUNS, PRONOUNS, STOPWORDS
from .sentences import sentence_spans


@dataclass(frozen=True)
class ClaimDraft:
    """What a statement claims: its text and, where stated, a quantity, a period, a place."""

    text: str
    quantity: dict | None
    period: dict | None
    place: str


@dataclass(frozen=True)
class Suggestion:
    """A reported statement found in an article; ``quote == text[char_start:char_end]``."""

    quote: str
    char_start: int
    char_end: int
    speaker: str | None
    via: list[str]
    stance: str
    responds_to: int | None
    claim: ClaimDraft


# Stances that answer an earlier statement.
ANSWERING = frozenset({Stance.DENIES, Stance.DISPUTES, Stance.CONFIRMS, Stance.RETRACTS})
_SEEN_BY = re.compile(
    r"\b(?P<noun>" + DOCUMENT_NOUNS + r")\b[^.]{0,200}?\b(?:seen|obtained|reviewed)\s+by\s+"
    r"(?P<via>(?:the\s+)?[A-Z][\w.&’'/-]*(?:\s+[A-Z][\w.&’'/-]*){0,8})"
)
_POSSESSOR = re.compile(r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w.&/-]*(?:\s+[\w.&/-]+){0,2}?)(?:’s|'s)\s")
# "The Defense Department’s report": who wrote a document the article goes on to quote.
_DOCUMENT_OWNER = re.compile(
    r"(?:[Tt]he\s+)?(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,8})(?:’s|'s)\s+"
    r"(?:(?:new|latest|confidential|internal|annual|final)\s+)?(?P<noun>" + DOCUMENT_NOUNS + r")\b"
)
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _document_noun(word: str) -> str:
    """The kind of a document noun, so that "Reports" and "report" are one kind."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _continues_quotation(text: str, previous: dict, start: int, end: int) -> bool:
    """A sentence that is all quotation, right after a statement in the same paragraph,
    carries on that statement: "“…,” Yenin said. “Then it flew to Iran.”"
    """
    sentence = text[start:end]
    between = text[previous["end"] : start]
    return (
        sentence[:1] in '“"'
        and sentence.rstrip()[-1:] in '”"'
        and "\n" not in between
        and not between.strip()
    )


_CONTENT_WORD = re.compile(r"[\w’'-]+")


def _is_headline(sentence: str) -> bool:
    """Title-case lines without a full stop ("Pentagon Says Turkey Sent …") and labels."""
    if re.match(r"^[A-Z ]{3,}:", sentence):
        return True
    if sentence.rstrip().endswith((".", "”", '"', "?", "!")):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", sentence) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_SUFFIXES = ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly")
# Words by which an answer points at what it answers: "denied the figure".
_REFERS_TO_NUMBER = re.compile(
    r"\b(?:figures?|numbers?|toll|count|tally|estimates?|statistics|price|cost|amount|sum)\b", re.I
)
_REFERS_TO_DOCUMENT = re.compile(r"\b(?:report|findings|conclusions|documents?|study)\b", re.I)
_REFERS_TO_CHARGE = re.compile(r"\b(?:allegations?|accusations?|charges?|claims?|reports)\b", re.I)
# An elaboration of the answer just before it: "“…,” the company said."
_CONTINUES = re.compile(
    r"\b(?:spokes\w+|the\s+(?:group|company|ministry|embassy|airline|firm|government|"
    r"statement|agency|office|army|party)|one\s+of\s+them|it|its|he|she|they)\b",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in {"ied", "ies"}:
                word += "y"
            break
    return word[:6]


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Words that carry meaning, crudely stemmed so "deploying" meets "deployments"."""
    words = set()
    for word in _CONTENT_WORD.findall(_fold(text)):
        word = word.strip("’'-").removesuffix("’s").removesuffix("'s")
        if not word or word in STOPWORDS:
            continue
        words.add(word.replace(",", "") if word[0].isdigit() else _stem(word))
    return frozenset(words)


def _same_speaker(a: str | None, b: str | None) -> bool:
    return bool(a and b) and (_fold(a) in _fold(b) or _fold(b) in _fold(a))


def _answered(index: int, items: list[dict]) -> int | None:
    """The statement an answer answers, or None.

    A retraction takes back the speaker's own nearest statement, earlier first. Other
    answers take the statement of another speaker sharing most content words (numbers
    count double), helped by what the answer names: "the figure" points at a statement
    with a quantity, "the report" at one a document made or cites. Nearer statements win
    ties, except for such a general reference ("denied the allegations"), which points at
    the story's first statement of it. A later statement is taken only when no earlier
    one fits (a denial in the lede). Denials answer claims, not other answers; a
    confirmation may confirm what a dispute said.
    """
    item = items[index]
    # Earlier statements first; an answer in the lede may answer one told after it.
    candidates = [*range(index - 1, -1, -1), *range(index + 1, len(items))]
    if item["stance"] == Stance.RETRACTS:
        for other_index in candidates:
            if _same_speaker(item["speaker"], items[other_index]["speaker"]):
                return other_index
        return None
    attribution = content_words(" ".join(item["via"]))
    mine = (content_words(item["content"]) | content_words(item["quote"])) - attribution
    general = any(
        pattern.search(item["quote"])
        for pattern in (_REFERS_TO_NUMBER, _REFERS_TO_DOCUMENT, _REFERS_TO_CHARGE)
    )
    best, best_score = None, 0.0
    for other_index in candidates:
        other = items[other_index]
        if other["stance"] == Stance.DECLINES or "continues" in other:
            continue
        if _same_speaker(item["speaker"], other["speaker"]):
            continue
        shared = mine & other["words"]
        score = len(shared) + sum(1 for w in shared if w[0].isdigit())
        if _REFERS_TO_NUMBER.search(item["quote"]) and other["quantity"]:
            score += 1.5
        if _REFERS_TO_DOCUMENT.search(item["quote"]) and (
            other["document"] or _REFERS_TO_DOCUMENT.search(other["quote"])
        ):
            score += 1
        if other_index > index and best is not None:
            break  # a later statement only when nothing earlier fits
        if other["stance"] in ANSWERING and item["stance"] != Stance.CONFIRMS:
            continue  # a denial answers a claim; a confirmation may confirm a dispute
        distance = 0.01 * abs(index - other_index)
        ranked = score + distance if general and other_index < index else score - distance
        if score >= 1 and ranked > best_score:
            best, best_score = other_index, ranked
    return best


def _continue_answers(items: list[dict], text: str) -> None:
    """A statement right after an answer, by its speaker, answers the same statement.

    "Meridian denied the cargo was smuggled. “All of it was declared,” the company said."
    The speaker is the same, or the frame points back ("the company", "one of them").
    """
    for index in range(1, len(items)):
        item, previous = items[index], items[index - 1]
        if previous["stance"] not in ANSWERING or "continues" in previous:
            continue
        if text[previous["end"] : item["start"]].strip():
            continue
        quoting = item["quote"][:1] in '“"'
        same = _same_speaker(item["speaker"], previous["speaker"])
        frame_words = item["quote"].replace(item["content"], " ")
        if item["stance"] != Stance.ASSERTS and not (quoting and same):
            continue
        if (quoting and same) or _CONTINUES.search(frame_words):
            item["stance"] = previous["stance"]
            item["continues"] = index - 1


def _document_sources(text: str, spans) -> tuple[list[str], str | None, str | None]:
    """A document an outlet has seen: its authors, its noun and the outlet.

    From "The Defense Department’s report, seen by the AP, was the U.S. military’s first":
    (["Defense Department", "U.S. military"], "report", "the AP").
    """
    for start, end in spans:
        sentence = text[start:end]
        match = _SEEN_BY.search(sentence)
        if match:
            owners = [m.group("name") for m in _POSSESSOR.finditer(sentence)]
            return owners, match.group("noun").lower(), match.group("via").strip().rstrip(".")
    return [], None, None


def _speaks_for_document(speaker: str | None, owners: list[str]) -> bool:
    if not speaker:
        return False
    folded = _fold(speaker)
    return any(_fold(owner) in folded or folded in _fold(owner) for owner in owners)


def extract(text: str) -> list["Suggestion"]:
    """The reported statements of an article, in reading order. Never raises on a str."""
    if not isinstance(text, str) or not text.strip():
        return []
    spans = sentence_spans(text)
    owners, seen_noun, seen_by = _document_sources(text, spans)
    items: list[dict] = []
    # The last known author of each kind of document ("report", "statement").
    document_owners: dict[str, str] = {}
    last_speaker: str | None = None
    for start, end in spans:
        sentence = text[start:end]
        if _is_headline(sentence):
            continue
        frame: Frame | None = find_frame(text, start, end)
        unquoted = _QUOTATION.sub(" ", sentence)
        if frame is None:
            for owner in _DOCUMENT_OWNER.finditer(unquoted):
                document_owners[_document_noun(owner.group("noun"))] = owner.group("owner")
            if items and _continues_quotation(text, items[-1], start, end):
                carried = {**items[-1], "start": start, "end": end, "quote": sentence}
                items.append({**carried, "content": sentence, "via": list(carried["via"])})
            continue
        speaker = frame.speaker
        if frame.document and frame.known_document and not speaker:
            # "The SIS criticised … “…,” the statement said": a document with no author
            # named speaks for the statement just before it, else for its kind's last author.
            adjacent = items and not text[items[-1]["end"] : start].strip()
            if adjacent and items[-1]["speaker"]:
                speaker = items[-1]["speaker"]
            else:
                speaker = document_owners.get(_document_noun(frame.document))
        elif speaker and speaker.lower() in PRONOUNS and last_speaker:
            speaker = last_speaker
        via = list(dict.fromkeys(v for v in frame.via if v and v != speaker))
        if (
            seen_by
            and not via
            and (frame.document == seen_noun or _speaks_for_document(speaker, owners))
        ):
            via = [seen_by]
        for mention in re.finditer(r"\b(?:" + DOCUMENT_NOUNS + r")\b", unquoted, re.IGNORECASE):
            if speaker:
                document_owners[_document_noun(mention.group(0))] = speaker
        if speaker:
            last_speaker = speaker
        items.append(
            {
                "start": start,
                "end": end,
                "speaker": speaker,
                "via": via,
                "stance": str(frame.stance),
                "content": text[frame.content[0] : frame.content[1]] or sentence,
                "quote": sentence,
                "document": frame.document,
            }
        )
    _continue_answers(items, text)
    for item in items:
        item["words"] = content_words(item["quote"])
        item["quantity"] = structure.quantity(item["content"])
    targets: list[int | None] = []
    for index, item in enumerate(items):
        if "continues" in item:
            targets.append(targets[item["continues"]])
        else:
            targets.append(_answered(index, items) if item["stance"] in ANSWERING else None)
    suggestions = []
    for index, item in enumerate(items):
        # A statement carrying on an answer to the statement that follows it answers nothing.
        responds_to = targets[index] if targets[index] != index else None
        content = item["content"]
        suggestions.append(
            Suggestion(
                quote=text[item["start"] : item["end"]],
                char_start=item["start"],
                char_end=item["end"],
                speaker=item["speaker"],
                via=item["via"],
                stance=item["stance"],
                responds_to=responds_to,
                claim=ClaimDraft(
                    text=content,
                    quantity=item["quantity"],
                    period=structure.period(content),
                    place=structure.place(content),
                ),
            )
        )
    return suggestions
