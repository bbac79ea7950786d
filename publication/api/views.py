"""The API side of publication: a claim's schema.org ClaimReview, as its public page embeds it,
and its linked-data exports.

``GET /api/v1/claims/{id}/claimreview/`` answers with the document
``publication.claimreview.claimreview_document`` builds for the page, so the two are one;
``/provenance/`` with the claim's chains in PROV-O (``publication.provenance``), JSON-LD or
Turtle; ``/annotations/`` with its verified quotes as Web Annotations
(``publication.annotations``). The OpenAPI descriptions of the documents are below.
``config/api_urls.py`` routes them beside the claims' own routes.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims.models import Claim
from core.api.renderers import FastJSONRenderer
from core.api.schema import DocumentSchema
from core.api.viewsets import ServiceViewSet

from ..annotations import MEDIA_TYPE as ANNOTATION_MEDIA_TYPE
from ..annotations import annotation_collection, verified_quotes
from ..claimreview import claimreview_for_request
from ..provenance import load_claim_record, provenance_document
from ..selectors import load_fact_check
from .renderers import JSONLDRenderer, TurtleRenderer


def _text(description: str, **extra) -> dict:
    return {"type": "string", "description": description, **extra}


def _constant(value: str, description: str) -> dict:
    return {"type": "string", "enum": [value], "description": description}


PARTIAL_DATE = _text(
    "ISO 8601, only as precise as it is known: `2020`, `2020-07` or `2020-07-17`.",
    pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
)
ACTOR = {
    "type": "object",
    "description": "A person or an organisation of the record.",
    "properties": {
        "@type": {"type": "string", "enum": ["Person", "Organization"]},
        "name": _text("Its name."),
        "sameAs": _text("Its Wikidata entity, when the record knows it.", format="uri"),
    },
    "required": ["@type", "name"],
}
CREATIVE_WORK = {
    "type": "object",
    "description": "A public source that carries an assertion of the claim.",
    "properties": {
        "@type": _constant("CreativeWork", "Always `CreativeWork`."),
        "url": _text("Where anyone can read it.", format="uri"),
        "headline": _text("Its title."),
        "datePublished": PARTIAL_DATE,
        "publisher": ACTOR,
    },
    "required": ["@type", "url", "headline"],
}
CLAIMREVIEW_SCHEMA = {
    "type": "object",
    "description": (
        "The schema.org ClaimReview (JSON-LD) of the claim's published fact-check, exactly as "
        "its public page embeds it. Keys whose value is unknown are left out, never null."
    ),
    "properties": {
        "@context": _constant("https://schema.org", "Always `https://schema.org`."),
        "@type": _constant("ClaimReview", "Always `ClaimReview`."),
        "url": _text("The public page of the fact-check.", format="uri"),
        "claimReviewed": _text("The claim's text."),
        "datePublished": _text(
            "When the verdict first went public (ISO 8601, UTC).", format="date-time"
        ),
        "dateModified": _text(
            "When the current correction was published; absent for an uncorrected verdict.",
            format="date-time",
        ),
        "author": {
            "type": "object",
            "description": "The organisation that publishes the fact-checks.",
            "properties": {
                "@type": _constant("Organization", "Always `Organization`."),
                "name": _text("`CLAIMTRACK_PUBLISHER_NAME`."),
                "url": _text("`CLAIMTRACK_PUBLISHER_URL`, or the site's home page.", format="uri"),
            },
            "required": ["@type", "name"],
        },
        "reviewRating": {
            "type": "object",
            "description": (
                "The verdict. A label off the scale (such as Unproven) has no `ratingValue`, "
                "`bestRating` or `worstRating`."
            ),
            "properties": {
                "@type": _constant("Rating", "Always `Rating`."),
                "alternateName": _text("The rating label, such as `Mostly false`."),
                "ratingValue": {"type": "number", "description": "The label's value."},
                "bestRating": {"type": "number", "description": "The scale's best value."},
                "worstRating": {"type": "number", "description": "The scale's worst value."},
                "ratingExplanation": _text("The verdict in a sentence or two."),
            },
            "required": ["@type", "alternateName"],
        },
        "itemReviewed": {
            "type": "object",
            "description": "The claim as it was made.",
            "properties": {
                "@type": _constant("Claim", "Always `Claim`."),
                "author": {
                    **ACTOR,
                    "description": (
                        "The primary asserting actor: of the statements asserting the claim "
                        "that name an actor, the earliest (then the first recorded)."
                    ),
                },
                "datePublished": PARTIAL_DATE,
                "appearance": {"type": "array", "items": CREATIVE_WORK},
                "firstAppearance": CREATIVE_WORK,
            },
            "required": ["@type"],
        },
    },
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
}
CLAIMREVIEW_RESPONSE = OpenApiResponse(
    response=CLAIMREVIEW_SCHEMA,
    description="The ClaimReview of the claim's published fact-check.",
)
CLAIMREVIEW_DESCRIPTION = (
    "The schema.org ClaimReview of the claim's published fact-check: the same JSON-LD "
    "document its public page (`/fact-checks/{id}/`) embeds. 404 when the claim has no "
    "published verdict: never reviewed, still in review, or retracted."
)


class ClaimReviewViewSet(ServiceViewSet):
    """A claim's published fact-check as schema.org ClaimReview (``claimreview``, a detail
    route of the claims), with the claims' authentication and ``view_claim`` permission."""

    queryset = Claim.objects.all()
    schema = DocumentSchema()
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        summary="The claim's schema.org ClaimReview",
        description=CLAIMREVIEW_DESCRIPTION,
        responses={200: CLAIMREVIEW_RESPONSE},
    )
    def claimreview(self, request, pk=None):
        fact_check = load_fact_check(int(pk))
        if fact_check is None or fact_check.published is None:
            raise NotFound("This claim has no published fact-check.")
        return Response(claimreview_for_request(fact_check, request))


claimreview_view = ClaimReviewViewSet.as_view({"get": "claimreview"}, basename="claim", detail=True)


# Linked-data exports of a claim: its chains in PROV-O, its verified quotes as annotations.

_IRI = _text("The node's IRI: the API address of its record.", format="uri")
PROVENANCE_SCHEMA = {
    "type": "object",
    "description": (
        "W3C PROV-O in JSON-LD, with its context inline: the claim, its current statements, "
        "each hop of their chains (a citation) with the sources, snapshots (with their "
        "SHA-256 as `spdx:checksum`) and agents (actors) on them."
    ),
    "properties": {
        "@context": {"type": "object", "description": "The prefixes of the vocabularies used."},
        "@graph": {
            "type": "array",
            "description": "Every node once: claim, statements, hops, sources, snapshots, agents.",
            "items": {
                "type": "object",
                "properties": {
                    "@id": _IRI,
                    "@type": {
                        "description": "Its class, or classes (`prov:Entity`, `prov:Agent`…).",
                        "oneOf": [
                            {"type": "string"},
                            {"type": "array", "items": {"type": "string"}},
                        ],
                    },
                },
                "required": ["@id", "@type"],
            },
        },
    },
    "required": ["@context", "@graph"],
}
PROVENANCE_DESCRIPTION = (
    "The claim's attribution chains as W3C PROV-O: JSON-LD by default (`Accept: "
    "application/ld+json` or the `.jsonld` suffix), Turtle with `Accept: text/turtle` or the "
    "`.ttl` suffix. Each hop is a `prov:Entity` derived from the previous one "
    "(`prov:wasDerivedFrom`, and `prov:wasQuotedFrom` for a quotation), with "
    "`prov:hadPrimarySource` the origin when it is recorded; actors are `prov:Agent`s with "
    "their Wikidata entity as `owl:sameAs`. Withdrawn statements and citations are left out."
)
_SELECTOR = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["TextQuoteSelector", "TextPositionSelector"]},
        "exact": _text("The quote, verbatim."),
        "prefix": _text("Up to 32 characters of the snapshot before it."),
        "suffix": _text("Up to 32 characters of the snapshot after it."),
        "start": {"type": "integer", "description": "Offset of its first character."},
        "end": {"type": "integer", "description": "Offset just after its last character."},
    },
    "required": ["type"],
}
ANNOTATION_ITEM = {
    "type": "object",
    "description": "One verified quote as a W3C Web Annotation.",
    "properties": {
        "id": _IRI,
        "type": _constant("Annotation", "Always `Annotation`."),
        "motivation": _constant("quoting", "Always `quoting`."),
        "label": _text("Who took which stance."),
        "created": _text("When the citation was recorded.", format="date-time"),
        "modified": _text("When it last changed.", format="date-time"),
        "body": {
            "type": "array",
            "description": "The statement's API address, and the claim as a `TextualBody`.",
            "items": {"oneOf": [_IRI, {"type": "object"}]},
        },
        "target": {
            "type": "object",
            "description": "The snapshot (its API address), with the quote's selectors.",
            "properties": {
                "type": _constant("SpecificResource", "Always `SpecificResource`."),
                "source": _IRI,
                "selector": {"type": "array", "items": _SELECTOR},
            },
            "required": ["type", "source", "selector"],
        },
    },
    "required": ["id", "type", "motivation", "body", "target"],
}
ANNOTATIONS_SCHEMA = {
    "type": "object",
    "description": (
        "A W3C Web Annotation `AnnotationCollection` (JSON-LD, context inline), its one "
        "`AnnotationPage` embedded as `first`."
    ),
    "properties": {
        "@context": {"type": "object", "description": "The Web Annotation terms used."},
        "id": _IRI,
        "type": _constant("AnnotationCollection", "Always `AnnotationCollection`."),
        "label": _text("What the collection holds."),
        "total": {"type": "integer", "description": "How many annotations."},
        "first": {
            "type": "object",
            "properties": {
                "id": _IRI,
                "type": _constant("AnnotationPage", "Always `AnnotationPage`."),
                "partOf": _IRI,
                "startIndex": {"type": "integer", "description": "Always 0."},
                "items": {"type": "array", "items": ANNOTATION_ITEM},
            },
            "required": ["id", "type", "items"],
        },
    },
    "required": ["@context", "id", "type", "total", "first"],
}
ANNOTATIONS_DESCRIPTION = (
    "Each verified quote of the claim's current statements (found verbatim in a snapshot of "
    "its source) as a W3C Web Annotation: motivation `quoting`, the statement and the claim "
    "as its body, the snapshot as its target with a `TextQuoteSelector` (exact, prefix, "
    "suffix) and a `TextPositionSelector` (start, end in Unicode code points). Served as "
    '`application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`.'
)


def _claim_or_404(claim: Claim | None) -> Claim:
    if claim is None:
        raise NotFound("No claim has this id.")
    return claim


class ProvenanceViewSet(ServiceViewSet):
    """A claim's chains as PROV-O (``provenance``, a detail route of the claims), with the
    claims' authentication and ``view_claim`` permission."""

    queryset = Claim.objects.all()
    schema = DocumentSchema()
    http_method_names = ["get", "head", "options"]
    # Plain JSON too, for clients that ask for it (and errors documented as the API's).
    renderer_classes = [JSONLDRenderer, TurtleRenderer, FastJSONRenderer]

    @extend_schema(
        summary="The claim's attribution chains as W3C PROV-O (JSON-LD or Turtle)",
        description=PROVENANCE_DESCRIPTION,
        responses={
            (200, JSONLDRenderer.media_type): OpenApiResponse(
                response=PROVENANCE_SCHEMA, description="The PROV-O graph in JSON-LD."
            ),
            (200, TurtleRenderer.media_type): OpenApiResponse(
                response=OpenApiTypes.STR, description="The same graph in Turtle."
            ),
            (200, FastJSONRenderer.media_type): OpenApiResponse(
                response=PROVENANCE_SCHEMA, description="The JSON-LD, as plain JSON."
            ),
        },
    )
    def provenance(self, request, pk=None, format=None):
        claim = _claim_or_404(load_claim_record(int(pk)))
        return Response(provenance_document(claim, request))


class AnnotationsViewSet(ServiceViewSet):
    """A claim's verified quotes as Web Annotations (``annotations``, a detail route of the
    claims), with the claims' authentication and ``view_claim`` permission."""

    queryset = Claim.objects.all()
    schema = DocumentSchema()
    http_method_names = ["get", "head", "options"]
    renderer_classes = [JSONLDRenderer, FastJSONRenderer]

    @extend_schema(
        summary="The claim's verified quotes as W3C Web Annotations",
        description=ANNOTATIONS_DESCRIPTION,
        responses={
            (200, JSONLDRenderer.media_type): OpenApiResponse(
                response=ANNOTATIONS_SCHEMA, description="The claim's AnnotationCollection."
            ),
            (200, FastJSONRenderer.media_type): OpenApiResponse(
                response=ANNOTATIONS_SCHEMA, description="The same, as plain JSON."
            ),
        },
    )
    def annotations(self, request, pk=None, format=None):
        claim = _claim_or_404(Claim.objects.filter(pk=int(pk)).first())
        document = annotation_collection(claim, verified_quotes(claim.pk), request)
        as_jsonld = request.accepted_renderer.format == JSONLDRenderer.format
        return Response(document, content_type=ANNOTATION_MEDIA_TYPE if as_jsonld else None)


provenance_view = ProvenanceViewSet.as_view({"get": "provenance"}, basename="claim", detail=True)
annotations_view = AnnotationsViewSet.as_view({"get": "annotations"}, basename="claim", detail=True)
