"""Renderers of the linked-data exports: JSON-LD, and Turtle read from the same document."""

import json

from rdflib import Graph
from rest_framework.renderers import BaseRenderer

from core.api.renderers import FastJSONRenderer


class JSONLDRenderer(FastJSONRenderer):
    """The document as JSON-LD (``application/ld+json``, or the ``.jsonld`` suffix)."""

    media_type = "application/ld+json"
    format = "jsonld"


def turtle(document: dict) -> str:
    """A JSON-LD document with an inline ``@context`` as Turtle, its prefixes kept.

    The context is inline, so parsing fetches nothing."""
    graph = Graph(bind_namespaces="none")
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix, namespace in document["@context"].items():
        if isinstance(namespace, str) and not prefix.startswith("@") and "://" in namespace:
            graph.bind(prefix, namespace, override=True)
    return graph.serialize(format="turtle")


class TurtleRenderer(BaseRenderer):
    """The same document as Turtle (``text/turtle``, or the ``.ttl`` suffix). An error is
    answered as Turtle too: an empty graph whose comments carry the error's fields."""

    media_type = "text/turtle"
    format = "ttl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "@context" in data:
            return turtle(data).encode("utf-8")
        lines = json.dumps(data, ensure_ascii=False, indent=2).splitlines()
        return "".join(f"# {line}\n" for line in lines).encode("utf-8")
