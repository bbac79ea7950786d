"""API of fact-checks published elsewhere and of how their ratings read on the desk's scales.

``/external-fact-checks/`` records other organisations' fact-checks of claims: never a
review, never through the workflow. ``/rating-mappings/`` says which of the desk's labels a
publisher's textual rating reads as; saving or deleting one relabels that publisher's
fact-checks (``reviews.services``). ``/claims/{id}/external-fact-checks/`` lists one claim's,
newest first (``config/api_urls.py`` routes it beside the claims' own routes).

Writes go through the services: ``external_fact_check_save`` and ``external_fact_check_delete``
(which also make matching read the claim's texts again), ``rating_mapping_save`` and
``rating_mapping_delete``.
"""

from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from claims.api.serializers import ClaimBriefSerializer
from claims.models import Claim
from core.api.schema import ETAG_HEADER
from core.api.serializers import (
    BriefRelatedField,
    BriefSerializer,
    DetailUrlField,
    ServiceSerializer,
)
from core.api.viewsets import ServiceViewSet
from sources.api.serializers import ActorBriefSerializer
from sources.models import Actor

from ..filtersets import ExternalFactCheckFilterSet, ExternalRatingMappingFilterSet
from ..models import ExternalFactCheck, ExternalRatingMapping, RatingLabel
from ..services import (
    external_fact_check_delete,
    external_fact_check_save,
    rating_mapping_delete,
    rating_mapping_save,
)
from .imports import ClaimReviewImportAction
from .serializers import RatingLabelSerializer

RATING_LABEL_HELP = (
    "The desk's label the publisher's rating reads as, by the publisher's rating mappings "
    "(`/rating-mappings/`); null when none maps it. Set by the server."
)
RATING_KEY_HELP = (
    "The rating as mappings compare it: folded (case and accents aside), its spaces and end "
    "punctuation aside. Set by the server."
)


# Fact-checks published elsewhere


class ExternalFactCheckBriefSerializer(BriefSerializer):
    """A fact-check by another organisation in a list: who, where, its verdict and date."""

    url = DetailUrlField(view_name="api:externalfactcheck-detail")
    claim = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The claim's id.")
    publisher = ActorBriefSerializer(read_only=True)
    web_url = serializers.CharField(
        source="url", read_only=True, help_text="Where it is published."
    )
    rating_label = RatingLabelSerializer(
        read_only=True, allow_null=True, help_text=RATING_LABEL_HELP
    )

    class Meta:
        model = ExternalFactCheck
        fields = [
            "id",
            "url",
            "display",
            "claim",
            "publisher",
            "web_url",
            "headline",
            "textual_rating",
            "rating_label",
            "published_on",
            "language",
        ]
        read_only_fields = fields


def _unique_url_message() -> str:
    constraint = next(
        c for c in ExternalFactCheck._meta.constraints if c.name.endswith("_unique_url")
    )
    return str(constraint.violation_error_message)


class WebUrlErrors:
    """Errors of the model's ``url``, and the refusal of an address recorded already (the
    uniqueness of the normalised URL, which the model reports for the whole object), under
    ``web_url``: the name the API gives the published address."""

    def _save(self, instance, validated_data):
        try:
            return super()._save(instance, validated_data)
        except serializers.ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            duplicate = _unique_url_message()
            renamed: dict[str, list] = {}
            for name, messages in error.detail.items():
                for message in messages:
                    field = name
                    if name in ("url", "url_normalized") or (
                        name == "non_field_errors" and str(message) == duplicate
                    ):
                        field = "web_url"
                    renamed.setdefault(field, []).append(message)
            raise serializers.ValidationError(renamed) from error


class ExternalFactCheckSerializer(WebUrlErrors, ServiceSerializer):
    """A fact-check of a claim published by another organisation, in full.

    ``url`` is its address in this API, as for every resource; where it is published is
    ``web_url``. One record per published address: a second one at the same address, however
    it is written, is a 400 on ``web_url``.
    """

    url = DetailUrlField(view_name="api:externalfactcheck-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    claim = BriefRelatedField(
        ClaimBriefSerializer, queryset=Claim.objects, help_text="The claim it checks."
    )
    publisher = BriefRelatedField(
        ActorBriefSerializer,
        queryset=Actor.objects,
        help_text="The organisation that published it (an actor).",
    )
    web_url = serializers.URLField(
        source="url", max_length=2000, help_text="Where it is published."
    )
    web_url_normalized = serializers.CharField(
        source="url_normalized",
        read_only=True,
        help_text="The address in the form that identifies the fact-check: two cannot share "
        "it (lower-case host, no tracking parameters, fragment or trailing slash).",
    )
    rating_key = serializers.CharField(read_only=True, help_text=RATING_KEY_HELP)
    rating_label = RatingLabelSerializer(
        read_only=True, allow_null=True, help_text=RATING_LABEL_HELP
    )

    class Meta:
        model = ExternalFactCheck
        fields = [
            "id",
            "url",
            "display",
            "claim",
            "publisher",
            "web_url",
            "web_url_normalized",
            "headline",
            "claim_reviewed",
            "textual_rating",
            "rating_key",
            "rating_label",
            "published_on",
            "language",
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        return external_fact_check_save(fact_check=instance, user=user)


class DeleteThroughService:
    """A DELETE that calls the resource's own service (``delete_with_service``), with the
    same lock, ``If-Match`` and refusals as ``ServiceViewSet.destroy``."""

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object_for_write()
            self.check_if_match(instance)
            self.delete_with_service(instance, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def shape_fact_checks(queryset):
    # The claims by the ids of the rows listed: joined, PostgreSQL may read them all.
    return queryset.select_related("publisher", "rating_label__scale").prefetch_related("claim")


@extend_schema_view(
    list=extend_schema(summary="List fact-checks published elsewhere (brief)"),
    retrieve=extend_schema(summary="A fact-check published elsewhere, in full"),
    create=extend_schema(summary="Record a fact-check published elsewhere"),
)
class ExternalFactCheckViewSet(ClaimReviewImportAction, DeleteThroughService, ServiceViewSet):
    """Fact-checks of claims published by other organisations: their publisher, address,
    headline, textual rating and the desk's label it reads as, date and language.

    They are not the desk's reviews: no workflow, no verdict of the desk. Contributors and
    editors record them, one by one or from a ClaimReview file (`POST
    /external-fact-checks/import/`); every role reads them. Matching finds a claim by their
    headlines (`POST /claims/match/`).
    """

    queryset = ExternalFactCheck.objects.all()
    serializer_class = ExternalFactCheckSerializer
    brief_serializer_class = ExternalFactCheckBriefSerializer
    filterset_class = ExternalFactCheckFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return shape_fact_checks(queryset)

    def shape_full(self, queryset):
        return shape_fact_checks(queryset)

    def delete_with_service(self, instance, user):
        external_fact_check_delete(fact_check=instance, user=user)


# Rating mappings


class ExternalRatingMappingSerializer(ServiceSerializer):
    """A publisher's textual rating read as one of the desk's labels. Saving one relabels
    that publisher's fact-checks with that rating (and takes the label from those it read
    before an edit); deleting one takes the label away."""

    url = DetailUrlField(view_name="api:externalratingmapping-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    publisher = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, help_text="The publisher (an actor)."
    )
    textual_rating = serializers.CharField(
        max_length=500, help_text="The publisher's rating as it writes it: “Pants on Fire!”."
    )
    rating_key = serializers.CharField(read_only=True, help_text=RATING_KEY_HELP)
    label = BriefRelatedField(
        RatingLabelSerializer,
        queryset=RatingLabel.objects,
        help_text="The desk's label the rating reads as (a rating label's id).",
    )

    class Meta:
        model = ExternalRatingMapping
        fields = [
            "id",
            "url",
            "display",
            "publisher",
            "textual_rating",
            "rating_key",
            "label",
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        return rating_mapping_save(mapping=instance, user=user)


@extend_schema_view(
    list=extend_schema(summary="List rating mappings"),
    retrieve=extend_schema(summary="A rating mapping"),
    create=extend_schema(summary="Map a publisher's rating to one of the desk's labels"),
    destroy=extend_schema(summary="Delete a rating mapping: its fact-checks lose the label"),
)
class ExternalRatingMappingViewSet(DeleteThroughService, ServiceViewSet):
    """How other publishers' textual ratings read on the desk's scales: PolitiFact's “Pants
    on Fire!” as the desk's “False”, compared with case, accents, spaces and end punctuation
    aside. Fact-checkers and editors map ratings; every role reads them."""

    queryset = ExternalRatingMapping.objects.all()
    serializer_class = ExternalRatingMappingSerializer
    filterset_class = ExternalRatingMappingFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return self.shape_full(queryset)

    def shape_full(self, queryset):
        return queryset.select_related("publisher", "label__scale")

    def delete_with_service(self, instance, user):
        rating_mapping_delete(mapping=instance, user=user)


# One claim's fact-checks published elsewhere


class ClaimExternalFactChecksPermission(BasePermission):
    """Reading a claim's fact-checks by others needs the permissions to view claims and them."""

    REQUIRED = ("claims.view_claim", "reviews.view_externalfactcheck")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.REQUIRED))


class ClaimExternalFactChecksViewSet(ServiceViewSet):
    """A claim's fact-checks published elsewhere (``external-fact-checks``, a detail route of
    the claims)."""

    queryset = Claim.objects.all()
    serializer_class = ExternalFactCheckBriefSerializer
    brief_serializer_class = None
    filter_backends = []
    pagination_class = None
    permission_classes = [ClaimExternalFactChecksPermission]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        summary="A claim's fact-checks published elsewhere, newest first",
        description="Every fact-check of the claim by another organisation, newest first "
        "(undated last), in one answer: a claim has a handful. The same rows as "
        "`GET /external-fact-checks/?claim={id}`. 404 for no such claim.",
        responses={
            200: ExternalFactCheckBriefSerializer(many=True),
            304: OpenApiResponse(description="Not modified: `If-None-Match` matched the ETag."),
        },
        parameters=[
            ETAG_HEADER,
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Optional. An ETag; answers 304 while the list still has it.",
            ),
        ],
    )
    def external_fact_checks(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.only("pk"), pk=pk)
        self.check_object_permissions(request, claim)
        rows = shape_fact_checks(ExternalFactCheck.objects.filter(claim=claim)).order_by(
            F("published_on").desc(nulls_last=True), "-id"
        )
        context = self.get_serializer_context()
        full = ExternalFactCheckBriefSerializer(rows, many=True, context=context).data
        shaped = "fields" in request.query_params
        return self.conditional_read(
            full, (lambda: self.get_serializer(rows, many=True).data) if shaped else None
        )


claim_external_fact_checks_view = ClaimExternalFactChecksViewSet.as_view(
    {"get": "external_fact_checks"}, basename="claim", detail=True
)
