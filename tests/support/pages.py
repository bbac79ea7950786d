"""Reading the public pages back: their elements, text and JSON-LD."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text and its descendants', with whitespace collapsed."""
        return " ".join("".join(self._texts()).split())

    def _texts(self):
        for part in self.parts:
            yield part.text if isinstance(part, Element) else part

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> in the page"
        return found[0]

    def texts(self, tag: str | None = None, **attrs) -> list[str]:
        return [element.text for element in self.find_all(tag, **attrs)]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.scripts: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        parent = self.stack[-1]
        parent.children.append(element)
        parent.parts.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        current = self.stack[-1]
        current.parts.append(data)
        if current.tag == "script":
            self.scripts.append((current.attrs, data))


@dataclass
class Page:
    html: str
    root: Element
    scripts: list[tuple[dict, str]]

    def find_all(self, tag=None, **attrs):
        return self.root.find_all(tag, **attrs)

    def find(self, tag=None, **attrs):
        return self.root.find(tag, **attrs)

    def texts(self, tag=None, **attrs):
        return self.root.texts(tag, **attrs)

    def testid(self, name: str) -> list[str]:
        return self.root.texts(data_testid=name)

    @property
    def json_ld(self) -> list:
        """Every JSON-LD block of the page, parsed."""
        return [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]


def parse(response) -> Page:
    html = response.content.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return Page(html=html, root=builder.root, scripts=builder.scripts)
