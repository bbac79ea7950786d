"""A claim's verified quotes as W3C Web Annotations: one annotation per quote, in one
AnnotationCollection per claim.

A quote is verified when the record found it verbatim in a snapshot of its source and
stored where (``claims.models.Citation._verify_quote``). Each becomes an ``Annotation``:

- ``motivation``: ``quoting``. The desk quotes the snapshot: the passage is the words the
  statement was made in, taken from the source. ``describing`` would mean the body says
  something about the passage, and ``identifying`` that it names what the passage is; what
  the record holds is the act of quoting, as evidence for the statement;
- ``body``: the statement (its API address) and, as a ``TextualBody``, the claim's text in
  its language;
- ``target``: a ``SpecificResource`` whose ``source`` is the snapshot (its API address;
  the text is immutable, so positions in it never move), with a ``TextQuoteSelector``
  (``exact``: the quote; ``prefix`` and ``suffix``: up to 32 characters of the snapshot on
  either side, as stored at verification) and a ``TextPositionSelector`` (``start`` and
  ``end``: offsets in Unicode code points of the snapshot's text, as the model defines
  them).

The annotations of a claim fit in one page: an ``AnnotationCollection`` with its ``total``
and its ``first`` (and only) ``AnnotationPage`` embedded. The ``@context`` is inline: the
terms of ``http://www.w3.org/ns/anno.jsonld`` this export uses, with the same IRIs and
types, so that reading the document fetches nothing.
"""

from django.urls import reverse

from claims.models import Citation, Claim

ANNOTATION_PROFILE = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{ANNOTATION_PROFILE}"'
_ID = {"@type": "@id"}
CONTEXT = {
    "oa": "http://www.w3.org/ns/oa#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "as": "http://www.w3.org/ns/activitystreams#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id",
    "type": "@type",
    "Annotation": "oa:Annotation",
    "SpecificResource": "oa:SpecificResource",
    "TextualBody": "oa:TextualBody",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "TextPositionSelector": "oa:TextPositionSelector",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "quoting": "oa:quoting",
    "body": {"@id": "oa:hasBody", **_ID},
    "target": {"@id": "oa:hasTarget", **_ID},
    "source": {"@id": "oa:hasSource", **_ID},
    "selector": {"@id": "oa:hasSelector", **_ID},
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "value": "rdf:value",
    "format": "dc:format",
    "language": "dc:language",
    "label": "rdfs:label",
    "created": {"@id": "dcterms:created", "@type": "xsd:dateTime"},
    "modified": {"@id": "dcterms:modified", "@type": "xsd:dateTime"},
    "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
    "first": {"@id": "as:first", **_ID},
    "partOf": {"@id": "as:partOf", **_ID},
    "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
    "items": {"@id": "as:items", "@type": "@id", "@container": "@list"},
}


def verified_quotes(claim_id: int):
    """The verified quotes of the claim's current statements, in the order the record lists
    them, with their statements and actors. One query."""
    return (
        Citation.objects.current()
        .filter(
            statement__claim_id=claim_id,
            statement__withdrawn_at__isnull=True,
            quote_verified=True,
        )
        .select_related("statement__actor")
        .order_by("statement_id", "pk")
    )


def _instant(value) -> str:
    return value.isoformat()


def annotation(citation: Citation, claim: Claim, *, prefixes: dict) -> dict:
    """One verified quote as an ``Annotation``."""
    return {
        "id": f"{prefixes['citation']}{citation.pk}/#quote",
        "type": "Annotation",
        "motivation": "quoting",
        "label": f"{citation.statement.speaker} {citation.statement.get_stance_display()}",
        "created": _instant(citation.created_at),
        "modified": _instant(citation.updated_at),
        "body": [
            f"{prefixes['statement']}{citation.statement_id}/",
            {
                "type": "TextualBody",
                "value": claim.text,
                "format": "text/plain",
                "language": claim.language,
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": f"{prefixes['snapshot']}{citation.snapshot_id}/",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": citation.quote,
                    "prefix": citation.quote_prefix,
                    "suffix": citation.quote_suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": citation.quote_start,
                    "end": citation.quote_end,
                },
            ],
        },
    }


def annotation_collection(claim: Claim, citations, request) -> dict:
    """The ``AnnotationCollection`` of ``claim``'s verified quotes (``verified_quotes``)."""
    prefixes = {
        name: request.build_absolute_uri(reverse(f"api:{name}-detail", args=[0]))[:-2]
        for name in ("statement", "citation", "snapshot")
    }
    url = request.build_absolute_uri(reverse("api:claim-annotations", args=[claim.pk]))
    items = [annotation(citation, claim, prefixes=prefixes) for citation in citations]
    return {
        "@context": CONTEXT,
        "id": url,
        "type": "AnnotationCollection",
        "label": f"The verified quotes of claim {claim.pk}",
        "total": len(items),
        "first": {
            "id": f"{url}#page-1",
            "type": "AnnotationPage",
            "partOf": url,
            "startIndex": 0,
            "items": items,
        },
    }
