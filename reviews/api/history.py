"""A claim's whole history over the API: ``GET /api/v1/claims/{id}/history/``.

The entries come from ``reviews.timeline.claim_timeline`` (as on the admin's "Whole
history" page): edits of the claim, its statements and citations, and the events of its
reviews, newest first, in a fixed number of queries. The whole history is one answer, not
paginated. ``config/api_urls.py`` routes it beside the claims' own routes.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.permissions import BasePermission

from claims.models import Claim
from core.api.schema import ETAG_HEADER
from core.api.viewsets import ServiceViewSet

from ..timeline import claim_timeline


class FieldChangeSerializer(serializers.Serializer):
    """One field an edit changed (``core.diffs.FieldChange``), its values as readers see
    them: choices by their label, related rows by their name, sets as a list of names."""

    field = serializers.CharField(read_only=True, help_text="The field's name in the API.")
    label = serializers.CharField(read_only=True, help_text="The field's name for people.")
    before = serializers.CharField(
        read_only=True, allow_null=True, help_text="The value before; null when empty."
    )
    after = serializers.CharField(
        read_only=True, allow_null=True, help_text="The value after; null when empty."
    )


class TimelineEntrySerializer(serializers.Serializer):
    """One entry of a claim's whole history: a record edit or a review event."""

    at = serializers.DateTimeField(read_only=True)
    who = serializers.SerializerMethodField(help_text="The username of who did it, if known.")
    kind = serializers.CharField(
        read_only=True, help_text="What happened: “Claim changed”, “Review v1: approve”…"
    )
    detail = serializers.CharField(
        read_only=True,
        help_text="The fields an edit changed, or a review event's states, assignee and comment.",
    )
    changes = FieldChangeSerializer(
        many=True,
        read_only=True,
        help_text="For an edit, each field it changed with its values before and after; "
        "empty for additions, deletions and review events.",
    )
    review = serializers.SerializerMethodField(
        help_text="For a review event or an edit of a review, the review's id; otherwise null."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_who(self, entry) -> str | None:
        who = entry["who"]
        return who.get_username() if who is not None else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_review(self, entry) -> int | None:
        review = entry.get("review")
        return review.pk if review is not None else None


class ClaimHistoryPermission(BasePermission):
    """The history shows the claim, its statements, citations and review events: reading it
    needs the permission to view each."""

    REQUIRED = (
        "claims.view_claim",
        "claims.view_statement",
        "claims.view_citation",
        "reviews.view_review",
    )

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.REQUIRED))


history_schema = extend_schema(
    summary="A claim's whole history: record edits and review events, newest first",
    responses={
        200: TimelineEntrySerializer(many=True),
        304: OpenApiResponse(description="Not modified: `If-None-Match` matched the ETag."),
    },
    parameters=[
        ETAG_HEADER,
        OpenApiParameter(
            "If-None-Match",
            OpenApiTypes.STR,
            OpenApiParameter.HEADER,
            description="Optional. An ETag; answers 304 while the history still has it.",
        ),
    ],
)


class ClaimHistoryViewSet(ServiceViewSet):
    """The whole history of a claim (``history``, a detail route of the claims)."""

    queryset = Claim.objects.all()
    serializer_class = TimelineEntrySerializer
    brief_serializer_class = None
    filter_backends = []
    pagination_class = None
    permission_classes = [ClaimHistoryPermission]
    http_method_names = ["get", "head", "options"]

    @history_schema
    def history(self, request, pk=None):
        """The claim's whole history, newest first: edits of the claim, its statements and
        citations, and its review events. With an ETag; ``If-None-Match`` answers 304."""
        claim = get_object_or_404(Claim, pk=pk)
        self.check_object_permissions(request, claim)
        entries = claim_timeline(claim)
        full = TimelineEntrySerializer(entries, many=True).data
        shaped = "fields" in request.query_params
        return self.conditional_read(
            full, (lambda: self.get_serializer(entries, many=True).data) if shaped else None
        )


claim_history_view = ClaimHistoryViewSet.as_view({"get": "history"}, basename="claim", detail=True)
