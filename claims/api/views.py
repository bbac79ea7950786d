"""API endpoints of claims, statements, citations and claim relations."""

from claims.filtersets import (
    CitationFilterSet,
    ClaimFilterSet,
    ClaimRelationFilterSet,
    StatementFilterSet,
)
from claims.models import Citation, Claim, ClaimRelation, Statement
from core.api.viewsets import ServiceViewSet, WithdrawActions

from .claim_list import plain_list_response
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


class ClaimViewSet(WithdrawActions, ServiceViewSet):
    """Checkable propositions, each with its statements, citations, chains and denials.

    A claim's detail holds its statements, each statement's citations with the chain from
    their origin, its denials and its relations to other claims. Statements are written
    through their own resource.
    """

    # The reviews app adds /claims/{id}/history/ and the publication app
    # /claims/{id}/claimreview/ beside these routes (config/api_urls.py).

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


class StatementViewSet(WithdrawActions, ServiceViewSet):
    """One actor's stance on a claim (asserts, denies…), with the citations that record it."""

    queryset = Statement.objects.all()
    serializer_class = StatementSerializer
    brief_serializer_class = StatementBriefSerializer
    filterset_class = StatementFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.select_related("claim", "actor")

    def shape_full(self, queryset):
        return queryset.select_related(
            "claim", "actor", "responds_to__actor", "withdrawn_by"
        ).with_chains()


class CitationViewSet(WithdrawActions, ServiceViewSet):
    """Where a statement is recorded: a source, its role in the chain, the exact quote.

    The quote is verified against the snapshot on every write (one typed in other
    typography is stored as the snapshot has it); a quote not found answers 400 with the
    closest passage. A citation that others derive from cannot be deleted (409).
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
            "statement__claim", "statement__actor", "source__publisher", "withdrawn_by"
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
