"""Reading the linked-data exports as a consumer would, with no network: pyld and rdflib.

Every context an export uses is inline; a document that named a remote one would fail here,
since the document loader refuses every URL and sockets are closed while parsing.
"""

import contextlib
import json
import socket

from pyld import jsonld
from rdflib import Graph

# A stand-in for the schema.org context (the real one is large and remote): its vocabulary,
# which is all these documents rely on.
SCHEMA_ORG_CONTEXT = {"@vocab": "https://schema.org/"}


class RemoteFetch(AssertionError):
    """A parser tried to read something over the network."""


def refuse_remote(url, options=None):
    raise RemoteFetch(f"A JSON-LD processor tried to fetch {url}.")


@contextlib.contextmanager
def offline():
    """No socket may connect in the block (the database client does not use Python's)."""

    def refuse(*args, **kwargs):
        raise RemoteFetch(f"A connection was attempted: {args!r}.")

    saved = socket.socket.connect, socket.create_connection
    socket.socket.connect, socket.create_connection = refuse, refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.create_connection = saved


def expand(document: dict) -> list:
    """The document expanded by pyld (every term to its full IRI), offline."""
    with offline():
        return jsonld.expand(document, {"documentLoader": refuse_remote})


def to_nquads(document: dict) -> str:
    with offline():
        return jsonld.to_rdf(
            document, {"documentLoader": refuse_remote, "format": "application/n-quads"}
        )


def graph_from_jsonld(document: dict) -> Graph:
    """The document as an RDF graph, parsed by rdflib, offline."""
    with offline():
        return Graph().parse(data=json.dumps(document), format="json-ld")


def graph_from_nquads(text: str) -> Graph:
    """pyld's RDF (N-Quads, all in the default graph) as an rdflib graph."""
    with offline():
        return Graph().parse(data=text, format="nt")


def graph_from_turtle(text: str) -> Graph:
    with offline():
        return Graph().parse(data=text, format="turtle")


def with_schema_org_inline(value):
    """A schema.org document with each ``"@context": "https://schema.org"`` replaced by the
    inline stand-in, so that it parses offline."""
    if isinstance(value, dict):
        return {
            key: SCHEMA_ORG_CONTEXT
            if key == "@context" and item == "https://schema.org"
            else with_schema_org_inline(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [with_schema_org_inline(item) for item in value]
    return value
