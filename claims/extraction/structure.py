"""The structure of a claim's text: a quantity, a period and a place, where stated.

Each reader takes plain text and returns ``None`` (or ``""`` for the place) when the text
states nothing it recognises; none of them raises.
"""

import re
from decimal import Decimal, InvalidOperation

from claims.choices import Comparator

from .lexicon import MONTHS, WEEKDAYS


def _words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        _words(
            """zero one two three four five six seven eight nine ten eleven twelve thirteen
            fourteen fifteen sixteen seventeen eighteen nineteen twenty"""
        )
    )
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_COMPARATORS = [
    (r"more\s+than|over|above|exceeding|in\s+excess\s+of|upwards\s+of", Comparator.MORE_THAN),
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of", Comparator.AT_LEAST),
    (r"fewer\s+than|less\s+than|under|below", Comparator.FEWER_THAN),
    (r"at\s+most|up\s+to|no\s+more\s+than|as\s+many\s+as|a\s+maximum\s+of", Comparator.AT_MOST),
    (
        r"about|around|approximately|nearly|almost|some|roughly|an\s+estimated|close\s+to"
        r"|estimated",
        Comparator.ABOUT,
    ),
]
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|" + "|".join(_NUMBER_WORDS)
_SCALE = r"(?:\s+(?:" + "|".join(_SCALES) + r"))?"
_QUANTITY = re.compile(
    r"(?<![\w.,$€£-])(?:(?P<cmp>" + "|".join(p for p, _ in _COMPARATORS) + r")\s+)?"
    r"(?:between\s+(?P<low>" + _NUMBER + r")" + _SCALE + r"\s+and\s+)?"
    r"(?P<currency>[$€£])?(?P<value>" + _NUMBER + r")(?P<scale>" + _SCALE + r")"
    r"(?:\s*(?:-|–|to)\s*(?P<upper>" + _NUMBER + r")(?P<upper_scale>" + _SCALE + r"))?"
    r"(?P<percent>\s*%|\s+percent|\s+per\s+cent)?"
    r"(?P<unit>(?:\s+(?!(?:to|in|into|on|at|by|for|from|of|and|or|during|since|who|which|that|"
    r"were|was|had|have|has|are|is|would|will|a|the|last|this|per|each|after|before|over|"
    r"with|than)\b)[A-Za-z][\w’'-]*){0,3})",
    re.IGNORECASE,
)
_UNIT_TRAILING = re.compile(r"(?:\s+(?:said|says|told|killed|wounded|dead|died))+$", re.IGNORECASE)
_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


def _number(word: str, scale: str = "") -> Decimal | None:
    word = word.lower().replace(",", "")
    try:
        value = Decimal(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else Decimal(word)
    except (InvalidOperation, ValueError):
        return None
    if scale.strip():
        value *= _SCALES[scale.strip().lower()]
    return value


def _plain(value: Decimal) -> str:
    """A decimal without exponent or grouping: ``Decimal("3.5E+3")`` is ``"3500"``."""
    text = format(value.normalize(), "f")
    return text


def _is_date_part(text: str, match: re.Match) -> bool:
    """Whether a number is a year or the day of a date rather than a quantity."""
    value = match.group("value")
    before = text[: match.start("value")].rstrip().lower()
    if re.fullmatch(_YEAR, value) and not match.group("unit").strip() and not match.group("cmp"):
        return True
    if re.fullmatch(_YEAR, value) and not match.group("currency"):
        # "in 2020 Turkey sent": a year followed by a capitalised word.
        return True
    last = before.rsplit(maxsplit=1)[-1].strip(".,") if before else ""
    return last in MONTHS or (
        match.group("unit").strip().lower().split(" ")[0].strip(".,") in MONTHS
    )


def quantity(text: str) -> dict | None:
    """The first quantity stated in ``text``, as the claim's quantity dict."""
    for match in _QUANTITY.finditer(text):
        if _is_date_part(text, match):
            continue
        value = _number(match.group("value"), match.group("scale"))
        if value is None:
            continue
        unit = _UNIT_TRAILING.sub("", match.group("unit").strip())
        if match.group("percent"):
            unit = "percent"
        elif match.group("currency"):
            unit = {"$": "US dollars", "€": "euros", "£": "pounds"}[match.group("currency")]
        if not unit and not match.group("cmp"):
            continue  # a bare number ("No. 10", "in 3") says too little
        upper = None
        comparator = Comparator.EXACTLY
        if match.group("low"):
            upper, value = value, _number(match.group("low"), match.group("scale"))
            comparator = Comparator.BETWEEN
        elif match.group("upper"):
            upper = _number(
                match.group("upper"), match.group("upper_scale") or match.group("scale")
            )
            comparator = Comparator.BETWEEN
        elif match.group("cmp"):
            spoken = match.group("cmp").lower()
            comparator = next(c for p, c in _COMPARATORS if re.fullmatch(p, spoken))
        if value is None:
            continue
        return {
            "value": _plain(value),
            "upper": _plain(upper) if upper is not None else None,
            "comparator": str(comparator),
            "unit": unit,
        }
    return None


_PARTS = {
    "first three months": (1, 3),
    "first quarter": (1, 3),
    "second quarter": (4, 6),
    "third quarter": (7, 9),
    "fourth quarter": (10, 12),
    "last quarter": (10, 12),
    "last three months": (10, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "first six months": (1, 6),
    "last six months": (7, 12),
    "first nine months": (1, 9),
}
_PART_OF_YEAR = re.compile(
    r"\b(?P<part>"
    + "|".join(p.replace(" ", r"\s+") for p in _PARTS)
    + r")\s+of\s+(?:the\s+year\s+)?"
    r"(?P<year>" + _YEAR + r")\b",
    re.IGNORECASE,
)
_MONTH_RANGE = re.compile(
    r"\b(?:from|between)\s+(?P<m1>"
    + _MONTH
    + r")(?:\s+(?P<y1>"
    + _YEAR
    + r"))?\s+(?:to|and|until|through)\s+"
    r"(?P<m2>" + _MONTH + r")\s+(?P<y2>" + _YEAR + r")\b",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(
    r"\b(?:(?:from|between)\s+)?(?P<y1>"
    + _YEAR
    + r")\s*(?:-|–|to|and|until|through)\s*(?P<y2>"
    + _YEAR
    + r")\b",
    re.IGNORECASE,
)
_DAY_DATE = re.compile(
    r"\b(?:(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2}),?\s+(?P<y1>" + _YEAR + r")"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>" + _MONTH + r"),?\s+(?P<y2>" + _YEAR + r"))\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"\b(?P<m>" + _MONTH + r")\s+(?P<y>" + _YEAR + r")\b", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|from)\s+(?P<y>" + _YEAR + r")\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\w$€£.,-])(?P<y>" + _YEAR + r")(?![\w-])")


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def period(text: str) -> dict | None:
    """The period ``text`` states, with the precision it states it at."""
    if match := _PART_OF_YEAR.search(text):
        first, last = _PARTS[re.sub(r"\s+", " ", match.group("part").lower())]
        year = match.group("year")
        return {"start": f"{year}-{first:02d}", "end": f"{year}-{last:02d}"}
    if match := _MONTH_RANGE.search(text):
        y2 = match.group("y2")
        y1 = match.group("y1") or y2
        return {
            "start": f"{y1}-{_month(match.group('m1')):02d}",
            "end": f"{y2}-{_month(match.group('m2')):02d}",
        }
    if match := _DAY_DATE.search(text):
        month = _month(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        year = match.group("y1") or match.group("y2")
        if 1 <= day <= 31:
            value = f"{year}-{month:02d}-{day:02d}"
            return {"start": value, "end": value}
    if match := _MONTH_YEAR.search(text):
        value = f"{match.group('y')}-{_month(match.group('m')):02d}"
        return {"start": value, "end": value}
    if (match := _YEAR_RANGE.search(text)) and match.group("y1") <= match.group("y2"):
        return {"start": match.group("y1"), "end": match.group("y2")}
    if match := _SINCE.search(text):
        return {"start": match.group("y"), "end": None}
    if match := _BARE_YEAR.search(text):
        return {"start": match.group("y"), "end": match.group("y")}
    return None


_PLACE = re.compile(
    r"\b(?:in|to|into|from|inside|across|near|at)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+){0,3})"
)
# Capitalised words after "in"/"to" that are not places.
_NOT_PLACES = re.compile(
    r"^(?:" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS) + r"|"
    r"Reuters|AP|AFP|Associated\s+Press|Tass|TASS|Interfax|BBC|CNN|I|He|She|They|We|It)\b",
    re.IGNORECASE,
)


def place(text: str) -> str:
    """The first place named with "in", "to" or the like: "to Libya" gives "Libya"."""
    for match in _PLACE.finditer(text):
        name = match.group("place")
        if _NOT_PLACES.match(name):
            continue
        preceding = text[: match.start()].rstrip().rsplit(maxsplit=1)
        if preceding and preceding[-1].lower() in {"told", "according", "interview"}:
            continue
        return name
    return ""
