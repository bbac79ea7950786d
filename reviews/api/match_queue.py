"""API of the match queue: candidate duplicate pairs, and the decision on each.

``GET /match-candidates/`` lists the pairs, best score first (``?status=open`` for the queue);
``POST /match-candidates/{id}/confirm/`` records the newer claim as a duplicate of the older
one, and ``…/dismiss/`` sets the pair aside for good. Both take an optional ``reason`` and
answer the pair as it now stands; deciding a pair already decided is a 400.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action

from claims.api.serializers import ClaimBriefSerializer
from core.api.pagination import StrictCursorPagination
from core.api.permissions import VIEW, ModelPermissions
from core.api.schema import ErrorSerializer
from core.api.serializers import DetailUrlField, ModelSerializer, StrictSerializer
from core.api.viewsets import ServiceViewSet
from core.filtersets import IdFilter, IdListFilter

from ..choices import MatchStatus
from ..match_queue import confirm_match, dismiss_match
from ..models import MatchCandidate


class MatchCandidateFilterSet(django_filters.FilterSet):
    id = IdListFilter(field_name="id", help_text="Comma-separated ids.")
    status = django_filters.MultipleChoiceFilter(
        choices=MatchStatus.choices, distinct=False, help_text="Status; repeat for several."
    )
    claim = IdFilter(
        method="filter_claim", help_text="Pairs of which the claim with this id is one."
    )

    class Meta:
        model = MatchCandidate
        fields = []

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(first_claim_id=value) | Q(second_claim_id=value))


class DeciderSerializer(ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields


class MatchCandidateSerializer(ModelSerializer):
    """Two claims the matcher found alike, and what became of the pair."""

    url = DetailUrlField(view_name="api:matchcandidate-detail")
    first_claim = ClaimBriefSerializer(read_only=True, help_text="The older claim (lower id).")
    second_claim = ClaimBriefSerializer(
        read_only=True, help_text="The newer claim: recorded as the duplicate on confirmation."
    )
    score = serializers.FloatField(read_only=True, help_text="How alike, 0 to 1.")
    signals = serializers.JSONField(read_only=True, help_text="What the matcher saw.")
    decided_by = DeciderSerializer(read_only=True, allow_null=True)
    relation = serializers.IntegerField(
        source="relation_id",
        read_only=True,
        allow_null=True,
        help_text="The id of the duplicate relation recorded on confirmation.",
    )

    class Meta:
        model = MatchCandidate
        fields = [
            "id",
            "url",
            "first_claim",
            "second_claim",
            "score",
            "signals",
            "status",
            "found_at",
            "decided_by",
            "decided_at",
            "relation",
        ]
        read_only_fields = fields


class DecisionSerializer(StrictSerializer):
    """The body of ``confirm`` and ``dismiss``."""

    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10_000,
        help_text="Why (optional): kept in the history.",
    )


class DecisionPermission(ModelPermissions):
    """Deciding a pair takes the permissions to view and to change candidates."""

    perms_map = {
        **ModelPermissions.perms_map,
        "POST": [*VIEW, "%(app_label)s.change_%(model_name)s"],
    }


class QueueCursorPagination(StrictCursorPagination):
    """Best score first unless ``?ordering=`` says otherwise."""

    ordering = ("-score", "id")


REFUSED = OpenApiResponse(
    ErrorSerializer, description="The pair was already decided, or the relation is refused."
)


@extend_schema_view(
    list=extend_schema(summary="List candidate duplicate pairs, best score first"),
    retrieve=extend_schema(summary="A candidate duplicate pair"),
)
class MatchCandidateViewSet(ServiceViewSet):
    """Pairs of current claims the matcher found alike, found in the background; each is
    confirmed (a ``duplicate_of`` relation from the newer claim to the older one is recorded)
    or dismissed (never suggested again), with who decided and when."""

    queryset = MatchCandidate.objects.all()
    serializer_class = MatchCandidateSerializer
    filterset_class = MatchCandidateFilterSet
    pagination_class = QueueCursorPagination
    ordering_fields = ["id", "score", "found_at"]
    http_method_names = ["get", "head", "options"]

    def shape_full(self, queryset):
        # The claims by the ids of the pairs listed: joined, PostgreSQL may read them all.
        return queryset.select_related("decided_by").prefetch_related("first_claim", "second_claim")

    def shape_brief(self, queryset):
        return self.shape_full(queryset)

    def _decision(self, request, decide):
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            candidate = self.get_object_for_write()
            self.check_if_match(candidate)
            try:
                candidate = decide(
                    candidate=candidate,
                    user=request.user,
                    reason=body.validated_data.get("reason", ""),
                )
            except DjangoValidationError as refusal:
                raise exceptions.ValidationError(
                    refusal.message_dict
                    if hasattr(refusal, "error_dict")
                    else {"status": refusal.messages}
                ) from refusal
        return self._written(candidate, status.HTTP_200_OK)

    @extend_schema(
        summary="Confirm: the two claims are the same claim",
        request=DecisionSerializer,
        responses={200: MatchCandidateSerializer, 400: REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[DecisionPermission],
        http_method_names=["post", "options"],
    )
    def confirm(self, request, pk=None):
        return self._decision(request, confirm_match)

    @extend_schema(
        summary="Dismiss: not the same claim; the pair is never suggested again",
        request=DecisionSerializer,
        responses={200: MatchCandidateSerializer, 400: REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[DecisionPermission],
        http_method_names=["post", "options"],
    )
    def dismiss(self, request, pk=None):
        return self._decision(request, dismiss_match)
