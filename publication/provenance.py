"""A claim's attribution chains as W3C PROV-O, in JSON-LD (and Turtle, read from it).

Each node has the API address of its record as its IRI (``/api/v1/claims/{id}/``,
``/statements/{id}/``, ``/citations/{id}/``, ``/sources/{id}/``, ``/snapshots/{id}/``,
``/actors/{id}/``), made absolute with the request, so the same record is the same node in
every export. The context is inline: reading the document fetches nothing.

What each record becomes:

- the claim: a ``prov:Entity`` (and ``schema:Claim``) with its text;
- a statement (current ones only): a ``prov:Entity``, ``prov:wasAttributedTo`` its actor
  (an unnamed speaker has no agent: the words as written are its label), ``dcterms:subject``
  the claim;
- a citation, one hop of a chain: a ``prov:Entity``, the statement as that source carries
  it (``prov:specializationOf`` the statement), ``prov:wasAttributedTo`` the source's
  publisher, ``dcterms:isPartOf`` the source and the snapshot its quote was checked
  against, ``prov:value`` its quote, and the chain's words as its label ("seen by
  Associated Press");
- a source: a ``prov:Entity`` with its title, language, date, publisher and, when anyone
  may read it, its URL;
- a snapshot: a ``prov:Entity``, ``prov:specializationOf`` its source (the text as it stood
  at one moment), ``prov:generatedAtTime`` when it was captured, and its SHA-256 as
  ``spdx:checksum`` (an ``spdx:Checksum`` with ``spdx:algorithm`` and
  ``spdx:checksumValue``). SPDX's checksum is the property W3C DCAT 3 recommends for the
  digest of a file, so general RDF tools already know it; ``prov:value`` would say the
  digest *is* the text;
- an actor: a ``prov:Agent`` and a ``prov:Person`` or (every other kind) a
  ``prov:Organization``, with ``foaf:name`` and, when known, ``owl:sameAs`` its Wikidata
  entity.

How a hop relates to the hop before it (the citation it derives from), by its role:

============  =========================================================================
role          relation to the previous hop
============  =========================================================================
origin        none: it is the first hop, and each later hop ``prov:hadPrimarySource`` it
reports       ``prov:wasDerivedFrom``
republishes   ``prov:wasDerivedFrom``
translates    ``prov:wasDerivedFrom`` (the two sources' ``dcterms:language`` differ)
quotes        ``prov:wasQuotedFrom``, and ``prov:wasDerivedFrom``, its super-property
============  =========================================================================

``prov:wasDerivedFrom`` is stated on every hop after the first, whatever the role, so that
a query for a chain needs no reasoner. A chain whose first hop is not an origin has no
primary source: where the statement came from is not recorded. How an intermediary had
access (seen by, obtained by…) is in the hop's label, in the chain's words.
"""

import datetime

from django.db.models import Prefetch
from django.urls import reverse

from claims.chains import describe_link
from claims.choices import CitationRole
from claims.models import Citation, Claim, Statement
from core.dates import DatePrecision
from sources.choices import ActorKind

from .selectors import public_url

PROV = "http://www.w3.org/ns/prov#"
CONTEXT = {
    "prov": PROV,
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/{}"
# Relations to the previous hop, by the hop's role (the table above).
DERIVATIONS = {
    CitationRole.REPORTS: ("prov:wasDerivedFrom",),
    CitationRole.REPUBLISHES: ("prov:wasDerivedFrom",),
    CitationRole.TRANSLATES: ("prov:wasDerivedFrom",),
    CitationRole.QUOTES: ("prov:wasQuotedFrom", "prov:wasDerivedFrom"),
}


def load_claim_record(claim_id: int) -> Claim | None:
    """The claim with its current statements, their actors and every citation of them with
    its source, publisher and snapshot (without its text). Three queries."""
    citations = Citation.objects.select_related("source__publisher", "snapshot").defer(
        "snapshot__text"
    )
    statements = (
        Statement.objects.current()
        .select_related("actor")
        .prefetch_related(Prefetch("citations", queryset=citations))
    )
    return (
        Claim.objects.filter(pk=claim_id)
        .prefetch_related(Prefetch("statements", queryset=statements))
        .first()
    )


def current_chains(citations) -> list[list]:
    """The chains of a statement's current citations, origin first, one per citation no
    current citation derives from. A link withdrawn cuts its chain there: what it relayed
    is no longer the record's."""
    by_id = {c.pk: c for c in citations if c.withdrawn_at is None}
    derived_from = {c.derived_from_id for c in by_id.values()}
    chains = []
    for citation in by_id.values():
        if citation.pk in derived_from:
            continue
        chain, link, seen = [], citation, set()
        while link is not None and link.pk not in seen:
            chain.append(link)
            seen.add(link.pk)
            link = by_id.get(link.derived_from_id)
        chain.reverse()
        chains.append(chain)
    return chains


class _Iris:
    """Absolute API addresses of the records, as ``request`` reaches the site."""

    def __init__(self, request):
        # One reverse per kind; the ids are appended to its prefix.
        self.prefixes = {
            name: request.build_absolute_uri(reverse(f"api:{name}-detail", args=[0]))[:-2]
            for name in ("claim", "statement", "citation", "source", "snapshot", "actor")
        }

    def __call__(self, name: str, pk: int) -> dict:
        return {"@id": f"{self.prefixes[name]}{pk}/"}


def _partial_date(value: datetime.date | None, precision: str) -> dict | None:
    if value is None:
        return None
    """A date only as precise as it is known: an ``xsd:gYear``, ``gYearMonth`` or ``date``."""
    if precision == DatePrecision.YEAR:
        return {"@value": f"{value.year:04d}", "@type": "xsd:gYear"}
    if precision == DatePrecision.MONTH:
        return {"@value": f"{value.year:04d}-{value.month:02d}", "@type": "xsd:gYearMonth"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _node(**properties) -> dict:
    """A node without the properties whose value is unknown (None, empty text or list)."""
    return {key: value for key, value in properties.items() if value not in (None, "", [])}


def _text(value: str, language: str = "") -> dict | str:
    return {"@value": value, "@language": language} if value and language else value


class _Graph:
    """The nodes of a document, each once, in the order they are first met."""

    def __init__(self, iri: _Iris):
        self.iri = iri
        self.nodes: dict[str, dict] = {}

    def add(self, node: dict) -> dict:
        self.nodes.setdefault(node["@id"], node)
        return {"@id": node["@id"]}

    def actor(self, actor) -> dict:
        kind = "prov:Person" if actor.kind == ActorKind.PERSON else "prov:Organization"
        sameas = WIKIDATA_ENTITY.format(actor.wikidata_id) if actor.wikidata_id else None
        return self.add(
            _node(
                **{
                    "@id": self.iri("actor", actor.pk)["@id"],
                    "@type": ["prov:Agent", kind],
                    "foaf:name": actor.name,
                    "owl:sameAs": {"@id": sameas} if sameas else None,
                }
            )
        )

    def source(self, source) -> dict:
        url = public_url(source)
        return self.add(
            _node(
                **{
                    "@id": self.iri("source", source.pk)["@id"],
                    "@type": "prov:Entity",
                    "dcterms:title": _text(source.title, source.language),
                    "dcterms:language": source.language,
                    "dcterms:issued": _partial_date(
                        source.published_on, source.published_precision
                    ),
                    "prov:wasAttributedTo": self.actor(source.publisher)
                    if source.publisher_id
                    else None,
                    "schema:url": {"@id": url} if url else None,
                }
            )
        )

    def snapshot(self, snapshot) -> dict:
        captured = snapshot.captured_at.astimezone(datetime.UTC).isoformat()
        return self.add(
            {
                "@id": self.iri("snapshot", snapshot.pk)["@id"],
                "@type": "prov:Entity",
                "prov:specializationOf": self.iri("source", snapshot.source_id),
                "prov:generatedAtTime": {"@value": captured, "@type": "xsd:dateTime"},
                "spdx:checksum": {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                    "spdx:checksumValue": {"@value": snapshot.sha256, "@type": "xsd:hexBinary"},
                },
            }
        )

    def statement(self, statement, claim: dict) -> dict:
        actor = self.actor(statement.actor) if statement.actor_id else None
        label = f"{statement.speaker} {statement.get_stance_display()} the claim"
        return self.add(
            _node(
                **{
                    "@id": self.iri("statement", statement.pk)["@id"],
                    "@type": "prov:Entity",
                    "rdfs:label": label,
                    "dcterms:subject": claim,
                    "prov:wasAttributedTo": actor,
                }
            )
        )

    def chain(self, chain: list, statement: dict) -> None:
        origin = chain[0] if chain[0].role == CitationRole.ORIGIN else None
        previous = None
        for index, citation in enumerate(chain):
            source = citation.source
            node = _node(
                **{
                    "@id": self.iri("citation", citation.pk)["@id"],
                    "@type": "prov:Entity",
                    "rdfs:label": describe_link(citation, first=index == 0),
                    "prov:specializationOf": statement,
                    "prov:wasAttributedTo": self.actor(source.publisher)
                    if source.publisher_id
                    else None,
                    "dcterms:isPartOf": [
                        self.source(source),
                        *([self.snapshot(citation.snapshot)] if citation.snapshot_id else []),
                    ],
                    "prov:value": _text(citation.quote, source.language),
                    "prov:hadPrimarySource": self.iri("citation", origin.pk)
                    if origin is not None and citation is not origin
                    else None,
                }
            )
            if previous is not None:
                for relation in DERIVATIONS.get(citation.role, ("prov:wasDerivedFrom",)):
                    node[relation] = self.iri("citation", previous.pk)
            self.add(node)
            previous = citation


def provenance_document(claim: Claim, request) -> dict:
    """The PROV-O JSON-LD of ``claim`` (from ``load_claim_record``): every chain of its
    current statements, with the sources, snapshots and agents on them."""
    iri = _Iris(request)
    graph = _Graph(iri)
    claim_node = graph.add(
        {
            "@id": iri("claim", claim.pk)["@id"],
            "@type": ["prov:Entity", "schema:Claim"],
            "schema:text": _text(claim.text, claim.language),
        }
    )
    for statement in claim.statements.all():
        node = graph.statement(statement, claim_node)
        for chain in current_chains(statement.citations.all()):
            graph.chain(chain, node)
    return {"@context": CONTEXT, "@graph": list(graph.nodes.values())}
