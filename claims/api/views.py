"""API endpoints of claims, statements, citations and claim relations."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from claims.filtersets import (
    CitationFilterSet,
    ClaimFilterSet,
    ClaimRelationFilterSet,
    StatementFilterSet,
)
from claims.models import Citation, Claim, ClaimRelation, Statement
from claims.timeline import claim_timeline
from core.api.viewsets import ServiceViewSet

from .claim_list import plain_list_response
from .history import ClaimHistoryPermission, TimelineEntrySerializer, history_schema
from .publication import (
    CLAIMREVIEW_DESCRIPTION,
    CLAIMREVIEW_RESPONSE,
    DocumentSchema,
    claimreview_response,
)
from .serializers import (
    CitationBriefSerializer,
    CitationSerializer,
    ClaimListSerializer,
    ClaimRelationBriefSerializer,
    ClaimRelationSerializer,
    ClaimSerializer,
    StatementBriefSerializer,
    StatementSerializer,
)


class ClaimViewSet(ServiceViewSet):
    """Checkable propositions, each with its statements, citations, chains and denials.

    A claim's detail holds its statements, each statement's citations with the chain from
    their origin, its denials and its relations to other claims. Statements are written
    through their own resource.
    """

    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    brief_serializer_class = ClaimListSerializer
    filterset_class = ClaimFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def list(self, request, *args, **kwargs):
        response = plain_list_response(self, request)
        return response if response is not None else super().list(request, *args, **kwargs)

    def shape_brief(self, queryset):
        return queryset.with_counts()

    def shape_full(self, queryset):
        return queryset.for_detail().with_relations()

    @history_schema
    @action(
        detail=True,
        methods=["get"],
        serializer_class=TimelineEntrySerializer,
        brief_serializer_class=None,
        filter_backends=[],
        pagination_class=None,
        permission_classes=[ClaimHistoryPermission],
    )
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

    @extend_schema(
        summary="The claim's schema.org ClaimReview",
        description=CLAIMREVIEW_DESCRIPTION,
        responses={200: CLAIMREVIEW_RESPONSE},
    )
    @action(detail=True, methods=["get"], url_path="claimreview", schema=DocumentSchema())
    def claimreview(self, request, pk=None):
        return claimreview_response(request, pk)


class StatementViewSet(ServiceViewSet):
    """One actor's stance on a claim (asserts, denies…), with the citations that record it."""

    queryset = Statement.objects.all()
    serializer_class = StatementSerializer
    brief_serializer_class = StatementBriefSerializer
    filterset_class = StatementFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.select_related("claim", "actor")

    def shape_full(self, queryset):
        return queryset.select_related("claim", "actor", "responds_to__actor").with_chains()


class CitationViewSet(ServiceViewSet):
    """Where a statement is recorded: a source, its role in the chain, the exact quote.

    The quote is verified against the snapshot on every write; a quote not found verbatim
    answers 400. A citation that others derive from cannot be deleted (409).
    """

    queryset = Citation.objects.all()
    serializer_class = CitationSerializer
    brief_serializer_class = CitationBriefSerializer
    filterset_class = CitationFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.select_related("source__publisher")

    def shape_full(self, queryset):
        return queryset.select_related(
            "statement__claim", "statement__actor", "source__publisher"
        ).with_chains()


class ClaimRelationViewSet(ServiceViewSet):
    """How two claims relate: contradicts, supports, duplicate of, refines, supersedes."""

    queryset = ClaimRelation.objects.all()
    serializer_class = ClaimRelationSerializer
    brief_serializer_class = ClaimRelationBriefSerializer
    filterset_class = ClaimRelationFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.for_list()

    def shape_full(self, queryset):
        return queryset.for_list()
