"""Article intake, the part that needs no database: reading an uploaded file and reducing a
captured HTML page to its article text and what the page says about itself.

Nothing here reaches the network: the page is given, trafilatura only parses it, and the
language comes from the page's own markup, never from a language model.
"""

import codecs
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urljoin, urlsplit

import trafilatura
from django.conf import settings
from lxml import etree
from lxml import html as lxml_html

from core.text import has_forbidden_characters

# The largest file the intake reads, unless settings.SOURCES_INTAKE_MAX_UPLOAD_BYTES says.
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# schema.org types whose fields describe the article itself.
_ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$")
_PARTIAL_DATE = re.compile(r"\s*([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?:[T\s]|$)")
_LANGUAGE = re.compile(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Signatures of common binary files, which a renamed .txt or .html may be.
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word or OpenDocument file)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Control characters that text never holds (tab, line feed, form feed and carriage return do).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


_BINARY_MESSAGE = "This file holds binary data, not text: save the article as text or HTML."


class IntakeError(ValueError):
    """The content cannot be taken in; the message says why, for the person who gave it."""


@dataclass(frozen=True)
class Upload:
    """The decoded content of an uploaded file, and whether it is a page to reduce."""

    content: str
    is_html: bool


@dataclass(frozen=True)
class ReducedPage:
    """An article as a captured page gives it; empty strings for what the page does not say."""

    text: str
    title: str = ""
    publisher: str = ""
    published: str = ""  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    language: str = ""  # ISO 639-1
    url: str = ""


def max_upload_bytes() -> int:
    return getattr(settings, "SOURCES_INTAKE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def normalize_newlines(text: str) -> str:
    """Line endings as \\n, whatever the system that wrote the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Uploads


def read_upload(name: str, data: bytes) -> Upload:
    """The text of an uploaded .txt, .html or .htm file.

    UTF-8 (with or without a byte order mark), UTF-16 or UTF-32 with a byte order mark, or
    for a page the encoding its ``<meta charset>`` declares. Line endings become ``\\n``;
    nothing else of a text file changes. Raises ``IntakeError`` for another kind of file,
    an empty, binary, undecodable or too large one.
    """
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise IntakeError("Upload a text file (.txt) or a saved web page (.html or .htm).")
    limit = max_upload_bytes()
    if len(data) > limit:
        raise IntakeError(f"The file is over {_size(limit)}, the largest file taken in.")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IntakeError(f"This file is {kind}, not text: save the article as text or HTML.")
    is_html = suffix in HTML_SUFFIXES
    content = normalize_newlines(_decode(data, is_html))
    if not content.strip():
        raise IntakeError("The file is empty.")
    if _BINARY_CONTROLS.search(content) or has_forbidden_characters(content):
        raise IntakeError(
            "This file holds binary data, not text: save the article as text or HTML."
        )
    return Upload(content=content, is_html=is_html)


def _decode(data: bytes, is_html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise IntakeError(
                    f"The file starts as {encoding.upper()} text but is not: it cannot be read."
                ) from None
    if b"\x00" in data:
        raise IntakeError(
            "This file holds binary data, not text: save the article as text or HTML."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if is_html else None
    if declared is None:
        raise IntakeError(
            "The file is not UTF-8 text and does not say what encoding it is in: "
            "save it as UTF-8 and upload it again."
        )
    try:
        return data.decode(declared)
    except (UnicodeDecodeError, LookupError):
        raise IntakeError(
            f"The page says it is in {declared}, but it cannot be read as such: "
            "save it as UTF-8 and upload it again."
        ) from None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} kB"
    return f"{count} bytes"


# Pasted or uploaded text


def text_page(text: str, url: str = "") -> ReducedPage:
    """Plain text taken as it is (line endings aside); its first line, when short, is
    offered as the title."""
    text = normalize_newlines(text)
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return ReducedPage(
        text=text,
        title=first_line if len(first_line) <= 300 else "",
        url=_absolute_url(url),
    )


# Captured pages


def reduce_html(html: str, url: str = "") -> ReducedPage:
    """The article of a captured page: its text without navigation, advertisements or
    related links (paragraphs separated by blank lines), and what the page says about it.

    Metadata comes first from the page's JSON-LD article (``headline``, ``datePublished``,
    ``publisher.name``, ``inLanguage``), then from its Open Graph and other meta tags and
    ``<html lang>``, then from what trafilatura finds. ``url`` is where the page was
    captured; the page's canonical URL, when it gives one, is preferred. Raises
    ``IntakeError`` when the page holds no text.
    """
    html = html.replace("\x00", "")
    tree = _parse(html)
    text = _article_text(html, tree, url)
    if not text:
        raise IntakeError("No article text was found in this page.")
    found = _page_metadata(tree, url) if tree is not None else {}
    fallback = _trafilatura_metadata(html, url)
    return ReducedPage(
        text=text,
        title=_first(found.get("title"), fallback.get("title"), found.get("page_title")),
        publisher=_first(found.get("publisher"), fallback.get("publisher")),
        published=_first(found.get("published"), fallback.get("published")),
        language=_first(found.get("language")),
        url=_first(found.get("url"), _absolute_url(url)),
    )


def _first(*values) -> str:
    for value in values:
        if value:
            return value
    return ""


def _parse(html: str):
    """The page as an lxml tree, or None when it holds no markup that parses."""
    if not html.strip():
        return None
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None


def _article_text(html: str, tree, url: str) -> str:
    try:
        extracted = trafilatura.extract(
            html,
            url=url or None,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            with_metadata=False,
        )
    except Exception:
        extracted = None
    if not extracted and tree is not None:
        extracted = _visible_paragraphs(tree)
    return _paragraphs(extracted or "")


_SKIPPED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")


def _visible_paragraphs(tree) -> str:
    """The text of the page's blocks, for short pages trafilatura judges too thin."""
    try:
        body = tree.find("body")
        if body is None:
            return ""
        for element in list(body.iter(*_SKIPPED_TAGS)):
            if element.getparent() is not None:
                element.drop_tree()
        blocks = [element.text_content() for element in body.iter(*_BLOCK_TAGS)]
        if not any(block.strip() for block in blocks):
            blocks = [body.text_content()]
        return "\n".join(blocks)
    except (etree.LxmlError, ValueError, AssertionError):
        return ""


def _paragraphs(text: str) -> str:
    """One paragraph per line, their inner spaces tidied, separated by blank lines."""
    # Control characters go first: a line that held only one is an empty line.
    text = _BINARY_CONTROLS.sub("", normalize_newlines(text))
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n"))
    text = "\n\n".join(line for line in lines if line)
    if has_forbidden_characters(text):
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def _trafilatura_metadata(html: str, url: str) -> dict:
    try:
        document = trafilatura.extract_metadata(html, default_url=url or None)
    except Exception:
        return {}
    if document is None:
        return {}
    sitename = _clean(document.sitename)
    # trafilatura names the site by its host when the page does not: that is not a name.
    if sitename and " " not in sitename and "." in sitename:
        sitename = ""
    return {
        "title": _clean(document.title),
        "publisher": sitename,
        "published": _partial_date(document.date),
    }


def _page_metadata(tree, url: str) -> dict:
    article = _json_ld_article(tree)
    meta = _meta_tags(tree)
    html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    title_element = tree.find(".//title")
    page_title = _clean(title_element.text_content()) if title_element is not None else ""
    base = _absolute_url(url)
    return {
        "title": _first(_clean(_text_of(article.get("headline"))), meta.get("og:title"), ""),
        "publisher": _first(
            _clean(_name_of(article.get("publisher"))),
            meta.get("og:site_name"),
            meta.get("application-name"),
        ),
        "published": _first(
            _partial_date(_text_of(article.get("datePublished"))),
            _partial_date(meta.get("article:published_time")),
            _partial_date(meta.get("datepublished")),
            _partial_date(meta.get("date")),
        ),
        "language": _first(
            _language(_text_of(article.get("inLanguage"))),
            _language(html_lang),
            _language(meta.get("og:locale")),
            _language(meta.get("content-language")),
        ),
        "url": _first(
            _absolute_url(_canonical_link(tree), base),
            _absolute_url(meta.get("og:url"), base),
        ),
        "page_title": page_title,
    }


def _meta_tags(tree) -> dict[str, str]:
    """The page's meta tags by lower-cased property, name or http-equiv; the first wins."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("http-equiv")
        content = element.get("content")
        if key and content:
            tags.setdefault(key.strip().lower(), _clean(content))
    return tags


def _canonical_link(tree) -> str:
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split():
            return element.get("href") or ""
    return ""


def _json_ld_article(tree) -> dict:
    """The first article node of the page's JSON-LD, its references to other nodes resolved."""
    nodes: list[dict] = []
    for element in tree.iter("script"):
        if (element.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(element.text or "")
        except (ValueError, RecursionError):
            continue
        nodes.extend(_nodes(data))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    for node in nodes:
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(kind, str) and _ARTICLE_TYPE.search(kind) for kind in types):
            article = dict(node)
            publisher = article.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict) and "name" not in publisher:
                publisher = by_id.get(publisher.get("@id"), publisher)
            article["publisher"] = publisher
            return article
    return {}


def _nodes(data, depth: int = 0) -> list[dict]:
    """The JSON-LD objects of a script: a list of them, or a graph, or one."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [node for item in data for node in _nodes(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    return [data, *(_nodes(graph, depth + 1) if graph is not None else [])]


def _text_of(value) -> str:
    """A JSON-LD value as text: a string, the first of a list, or the name of a language."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName") or ""
    return value if isinstance(value, str) else ""


def _name_of(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else ""
    return ""


def _clean(value) -> str:
    if not isinstance(value, str):
        return ""
    value = _BINARY_CONTROLS.sub("", value)
    if has_forbidden_characters(value):
        value = value.encode("utf-8", "replace").decode("utf-8")
    return re.sub(r"\s+", " ", value).strip()


def _partial_date(value) -> str:
    """The year, month or day a date string starts with, as far as it is a real date."""
    if not isinstance(value, str):
        return ""
    match = _PARTIAL_DATE.match(value)
    if match is None:
        return ""
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return ""
    if int(year) < 1000:
        return ""
    return "-".join(part for part in (year, month, day) if part)


def _language(value) -> str:
    """The ISO 639-1 code a language tag or a locale starts with ("en-GB", "fr_FR")."""
    if not isinstance(value, str):
        return ""
    match = _LANGUAGE.match(value.split(",")[0])
    return match.group(1).lower() if match else ""


def _absolute_url(value, base: str = "") -> str:
    """An http(s) URL, made absolute against ``base``; empty for anything else."""
    if not isinstance(value, str):
        return ""
    value = _clean(value)
    if not value:
        return ""
    try:
        value = urljoin(base, value) if base else value
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return ""
    except ValueError:
        return ""
    if len(value) > 2000:
        return ""
    return value
