"""Fact-checks published elsewhere, read from what others publish.

``read(content, name)`` takes a file's content and answers a ``Reading``: the fact-checks it
could read (``ReadReview``, normalised) and the problems of what it could not (``Problem``:
where, which field, why). It reads:

- schema.org ``ClaimReview`` as JSON-LD: one object, a list, an ``@graph``, a ``DataFeed``
  (``dataFeedElement``, each element the review or an item wrapping it), or several nested
  in a page's other objects;
- HTML pages, their JSON-LD and microdata (extruct);
- the Fact Check Tools API's ``claims:search`` answer (``{"claims": [{text, claimant,
  claimDate, claimReview: [{publisher: {name, site}, url, title, reviewDate,
  textualRating, languageCode}]}]}``);
- Fact-Check Insights exports: JSON (ClaimReview objects) and CSV, whose columns are the
  objects' paths (``itemReviewed.author.name``), as any CSV of such columns.

Real markup is loose, and so is the reading: ``author`` as a string, a list or an object;
``itemReviewed.author`` missing, a ``Person`` or an ``Organization`` with ``sameAs``;
``reviewRating`` with only ``alternateName`` (or only a value on a scale); dates with or
without a time and a zone; ``appearance`` as a URL, an object or a list; HTML entities and
markup in text. A review needs its URL (what identifies it: re-reading it finds the same
review), the claim it reviewed and a rating; without one of them it is a problem, not a
review. Nothing here touches the database.
"""

import csv
import datetime
import html
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import extruct

# Longest text kept of a field (a claim, a headline); longer is a problem, not a truncation.
MAX_TEXT = 10_000
MAX_URL = 2000
# Tags that break the text (replaced by a space) and the others (dropped: "<em>35,000</em>").
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article)\b[^>]{0,2000}>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACE = re.compile(r"\s+")
_WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PERSON_TYPES = {"person"}
_ORGANIZATION_TYPES = {
    "organization",
    "organisation",
    "newsmediaorganization",
    "governmentorganization",
    "corporation",
    "ngo",
    "politicalparty",
}


@dataclass(frozen=True)
class ReadActor:
    """Who published a review, or who made the claim, as the markup names them."""

    name: str
    kind: str = ""  # "person", "organization", or "" when the markup does not say
    url: str = ""
    same_as: tuple[str, ...] = ()

    @property
    def wikidata_id(self) -> str:
        """The Wikidata item among ``same_as`` (``Q42``), or ""."""
        for link in self.same_as:
            if match := _WIKIDATA.match(link):
                return match.group(1)
        return ""


@dataclass(frozen=True)
class ReadReview:
    where: str  # "item 3", "line 12": where in the file it was read
    url: str  # the review's address, which identifies it
    claim_reviewed: str
    textual_rating: str
    headline: str = ""
    rating_value: Decimal | None = None
    best_rating: Decimal | None = None
    worst_rating: Decimal | None = None
    reviewed_on: datetime.date | None = None
    language: str = ""
    publisher: ReadActor | None = None
    claimant: ReadActor | None = None
    claim_date: datetime.date | None = None
    appearances: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    where: str
    field: str
    reason: str

    def __str__(self):
        return (
            f"{self.where}: {self.field}: {self.reason}"
            if self.field
            else f"{self.where}: {self.reason}"
        )


@dataclass
class Reading:
    reviews: list[ReadReview] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Unreadable(Exception):
    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


def read(content: bytes | str, name: str = "") -> Reading:
    """The fact-checks of a file's ``content`` (``name`` hints at its format: ``.csv``,
    ``.html``), and the problems of what could not be read."""
    reading = Reading()
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            reading.problems.append(Problem("file", "", "Not UTF-8 text."))
            return reading
    if "\x00" in content:
        reading.problems.append(Problem("file", "", "The file holds NUL characters."))
        return reading
    stripped = content.lstrip()
    lowered = name.lower()
    if lowered.endswith(".csv"):
        _read_csv(content, reading)
    elif stripped.startswith(("{", "[")):
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            if _read_json_lines(content, reading):
                return reading
            reading.problems.append(Problem(f"line {error.lineno}", "", f"Not JSON: {error.msg}."))
            return reading
        _read_json(data, reading)
    elif stripped.startswith("<") or lowered.endswith((".html", ".htm")):
        _read_html(content, reading)
    else:
        reading.problems.append(
            Problem("file", "", "Neither JSON, HTML nor CSV (name a CSV file .csv).")
        )
    return reading


def _read_json_lines(content: str, reading: Reading) -> bool:
    """Read JSON Lines (one object per line); False if a line is not JSON."""
    objects = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            objects.append((number, json.loads(line)))
        except json.JSONDecodeError:
            return False
    for number, data in objects:
        _read_objects(_claim_reviews(data), reading, where=f"line {number}")
    return True


def _read_json(data, reading: Reading) -> None:
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        _read_fact_check_tools(data["claims"], reading)
        return
    _read_objects(_claim_reviews(data), reading)


def _read_html(content: str, reading: Reading) -> None:
    """A page's JSON-LD and microdata, each read apart: a broken one spoils not the other."""
    objects = []
    for syntax in ("json-ld", "microdata"):
        try:
            found = extruct.extract(content, syntaxes=[syntax], uniform=True)
        except Exception as error:  # extruct raises whatever its parsers raise
            reading.problems.append(Problem("page", syntax, f"Could not be parsed: {error}."))
            continue
        objects.extend(found.get(syntax, []))
    reviews = [review for data in objects for review in _claim_reviews(data)]
    if not reviews and not reading.problems:
        reading.problems.append(Problem("page", "", "The page has no ClaimReview."))
    _read_objects(reviews, reading)


def _read_csv(content: str, reading: Reading) -> None:
    # newline="": the csv module reads line ends itself (a lone "\r" inside a field too).
    rows = csv.DictReader(io.StringIO(content, newline=""))
    try:
        if not rows.fieldnames:
            reading.problems.append(Problem("file", "", "The CSV file has no header row."))
            return
        for row in rows:
            where = f"line {rows.line_num}"
            data = _unflatten(row)
            _read_objects([data], reading, where=where)
    except csv.Error as error:
        reading.problems.append(Problem(f"line {rows.line_num}", "", f"Not CSV: {error}."))


def _unflatten(row: dict) -> dict:
    """A CSV row whose columns are paths (``itemReviewed.author.name``) as nested objects;
    numbered steps (``appearance.0.url``) become lists."""
    data: dict = {}
    for path, value in row.items():
        if path is None or value in (None, ""):
            continue
        steps = path.strip().split(".")
        target = data
        for step in steps[:-1]:
            target = target.setdefault(step, {})
            if not isinstance(target, dict):
                break
        else:
            target[steps[-1]] = value
    return _listify(data)


def _listify(value):
    if isinstance(value, dict):
        if value and all(key.isdigit() for key in value):
            return [_listify(value[key]) for key in sorted(value, key=int)]
        return {key: _listify(item) for key, item in value.items()}
    return value


def _types(data) -> set[str]:
    kind = data.get("@type") or data.get("type") or ()
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for k in kinds}


def _claim_reviews(data, depth: int = 0) -> list[dict]:
    """Every ClaimReview object in ``data``, however it is wrapped (lists, ``@graph``, a
    ``DataFeed``'s elements, an article's ``review``)."""
    if depth > 8:
        return []
    if isinstance(data, list):
        return [review for item in data for review in _claim_reviews(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    if "claimreview" in _types(data) or ("claimReviewed" in data and "@type" not in data):
        return [data]
    found = []
    for key in ("@graph", "dataFeedElement", "item", "mainEntity", "review", "hasPart"):
        if key in data:
            found.extend(_claim_reviews(data[key], depth + 1))
    return found


def _read_objects(objects: list[dict], reading: Reading, where: str = "") -> None:
    for number, data in enumerate(objects, 1):
        if not where:
            place = f"item {number}"
        else:
            place = where if len(objects) == 1 else f"{where}, item {number}"
        try:
            reading.reviews.append(_review(data, place))
        except _Unreadable as problem:
            reading.problems.append(Problem(place, problem.field, problem.reason))


def _read_fact_check_tools(claims: list, reading: Reading) -> None:
    """The Fact Check Tools API's claims, each with its reviews."""
    for number, claim in enumerate(claims):
        if not isinstance(claim, dict):
            reading.problems.append(Problem(f"claims[{number}]", "", "Not an object."))
            continue
        reviews = claim.get("claimReview")
        if not isinstance(reviews, list) or not reviews:
            reading.problems.append(Problem(f"claims[{number}]", "claimReview", "No review."))
            continue
        for index, review in enumerate(reviews):
            where = f"claims[{number}].claimReview[{index}]"
            if not isinstance(review, dict):
                reading.problems.append(Problem(where, "", "Not an object."))
                continue
            publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
            data = {
                "url": review.get("url"),
                "claimReviewed": claim.get("text"),
                "headline": review.get("title"),
                "reviewRating": {"alternateName": review.get("textualRating")},
                "datePublished": review.get("reviewDate"),
                "inLanguage": review.get("languageCode"),
                "author": {
                    "@type": "Organization",
                    "name": publisher.get("name") or publisher.get("site"),
                    "url": _site_url(publisher.get("site")),
                },
                "itemReviewed": {
                    "author": claim.get("claimant"),
                    "datePublished": claim.get("claimDate"),
                },
            }
            try:
                reading.reviews.append(_review(data, where))
            except _Unreadable as problem:
                reading.problems.append(Problem(where, problem.field, problem.reason))


def _site_url(site) -> str:
    if not isinstance(site, str) or not site.strip():
        return ""
    site = site.strip()
    return site if "://" in site else f"https://{site}"


def _review(data: dict, where: str) -> ReadReview:
    if not isinstance(data, dict):
        raise _Unreadable("", "Not an object.")
    url = _url(_first(data.get("url")) or _first(data.get("@id")), "url", required=True)
    claim = _text(data.get("claimReviewed"), "claimReviewed")
    if not claim:
        raise _Unreadable("claimReviewed", "No claim: the review names none.")
    rating = _first(data.get("reviewRating"))
    textual, value, best, worst = _rating(rating)
    item = _first(data.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    return ReadReview(
        where=where,
        url=url,
        claim_reviewed=claim,
        textual_rating=textual,
        headline=_text(data.get("headline") or data.get("name"), "headline"),
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        reviewed_on=_date(data.get("datePublished") or data.get("dateCreated"), "datePublished"),
        language=_language(data.get("inLanguage")),
        publisher=_actor(data.get("author") or data.get("publisher"), "author"),
        claimant=_actor(item.get("author"), "itemReviewed.author"),
        claim_date=_date(item.get("datePublished"), "itemReviewed.datePublished"),
        appearances=_appearances(item.get("appearance") or item.get("firstAppearance")),
    )


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value, name: str) -> str:
    """Plain text: entities decoded, markup and runs of space removed."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise _Unreadable(name, "Not text.")
    markup = html.unescape(str(value))
    text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", markup)))
    text = _SPACE.sub(" ", text).strip()
    if len(text) > MAX_TEXT:
        raise _Unreadable(name, f"Longer than {MAX_TEXT:,} characters.")
    return text


def _url(value, name: str, *, required: bool = False) -> str:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    if not isinstance(value, str) or not value.strip():
        if required:
            raise _Unreadable(name, "No URL: a review is identified by its URL.")
        return ""
    value = html.unescape(value.strip())
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > MAX_URL:
        if required:
            raise _Unreadable(name, f"Not an http(s) URL: {value[:200]!r}.")
        return ""
    return value


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _rating(rating) -> tuple[str, Decimal | None, Decimal | None, Decimal | None]:
    if isinstance(rating, str):
        rating = {"alternateName": rating}
    if not isinstance(rating, dict):
        raise _Unreadable("reviewRating", "No rating.")
    value = _decimal(rating.get("ratingValue"))
    best, worst = _decimal(rating.get("bestRating")), _decimal(rating.get("worstRating"))
    textual = _text(rating.get("alternateName"), "reviewRating.alternateName") or _text(
        rating.get("name"), "reviewRating.name"
    )
    if not textual and value is not None:
        # A value alone says something on its scale only.
        textual = f"{value} (of {worst}–{best})" if best is not None and worst is not None else ""
    if not textual:
        raise _Unreadable("reviewRating", "No rating: neither a name nor a value on a scale.")
    return textual, value, best, worst


def _date(value, name: str) -> datetime.date | None:
    """A date from ``2020-03-05``, ``2020-03-05T10:00:00+02:00``, ``…Z`` and the like; its
    date as written (not moved to another zone)."""
    value = _first(value)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _language(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
        return ""
    value = value.strip().replace("_", "-")
    if not _LANGUAGE.match(value):
        return ""
    primary, *rest = value.split("-")
    return "-".join([primary.lower(), *rest])


def _actor(value, name: str) -> ReadActor | None:
    """An author or publisher: a name, or an object with a type, a URL and ``sameAs``; of
    a list, the first that has a name."""
    candidates = value if isinstance(value, list) else [value]
    for candidate in candidates:
        if isinstance(candidate, str):
            actor_name = _text(candidate, name)
            if actor_name:
                return ReadActor(actor_name)
        elif isinstance(candidate, dict):
            actor_name = _text(candidate.get("name") or candidate.get("alternateName"), name)
            if not actor_name:
                continue
            types = _types(candidate)
            kind = (
                "person"
                if types & _PERSON_TYPES
                else "organization"
                if types & _ORGANIZATION_TYPES
                else ""
            )
            same_as = candidate.get("sameAs") or []
            same_as = [same_as] if isinstance(same_as, str) else same_as
            links = tuple(link for link in (_url(s, name) for s in same_as) if link)
            return ReadActor(actor_name, kind, _url(candidate.get("url"), name), links)
    return None


def _appearances(value) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    found = []
    for item in values:
        link = _url(item, "itemReviewed.appearance")
        if link and link not in found:
            found.append(link)
    return tuple(found)
