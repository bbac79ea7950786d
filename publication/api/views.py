"""The API side of publication: a claim's schema.org ClaimReview, as its public page embeds it.

``GET /api/v1/claims/{id}/claimreview/`` answers with the document
``publication.claimreview.claimreview_document`` builds for the page, so the two are one; the
OpenAPI description of the document is below. ``config/api_urls.py`` routes it beside the
claims' own routes.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from claims.models import Claim
from core.api.schema import DocumentSchema
from core.api.viewsets import ServiceViewSet

from ..claimreview import claimreview_for_request
from ..selectors import load_fact_check


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
