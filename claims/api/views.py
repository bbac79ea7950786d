"""API endpoints of claims, statements, citations and claim relations."""

import logging

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import matching
from claims.detail_reads import citation_for_detail, claim_for_detail, statement_for_detail
from claims.filtersets import (
    CitationFilterSet,
    ClaimFilterSet,
    ClaimRelationFilterSet,
    StatementFilterSet,
)
from claims.matching.store import IndexBuilding
from claims.models import Citation, Claim, ClaimRelation, Statement
from claims.transfer import formats as transfer
from core.api.csv_lists import CsvListMixin
from core.api.filters import RELEVANCE
from core.api.permissions import ModelPermissions
from core.api.viewsets import ServiceViewSet, WithdrawActions

from .claim_list import plain_list_response
from .serializers import (
    SIMILAR_ON_CREATE,
    CitationBriefSerializer,
    CitationSerializer,
    ClaimCreatedSerializer,
    ClaimListSerializer,
    ClaimMatchResultSerializer,
    ClaimMatchResultsSerializer,
    ClaimMatchSerializer,
    ClaimRelationBriefSerializer,
    ClaimRelationSerializer,
    ClaimSerializer,
    StatementBriefSerializer,
    StatementSerializer,
)

logger = logging.getLogger(__name__)

# How long a write waits for the claim index being built before answering without ``similar``.
SIMILAR_BUILD_WAIT = 1.0


class MatchingNotReady(exceptions.APIException):
    """The server process is building its index of the claims (its first match)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The server is building its index of the claims; retry after the number of seconds "
        "in Retry-After."
    )
    default_code = "index_building"
    wait = 10  # Retry-After, as DRF sets it for exceptions that have a wait


class ReadPermission(ModelPermissions):
    """A POST that only reads (a search with a body) takes the permission to view."""

    perms_map = {**ModelPermissions.perms_map, "POST": ModelPermissions.perms_map["GET"]}


class ClaimViewSet(CsvListMixin, WithdrawActions, ServiceViewSet):
    """Checkable propositions, each with its statements, citations, chains and denials.

    A claim's detail holds its statements, each statement's citations with the chain from
    their origin, its denials and its relations to other claims. Statements are written
    through their own resource.
    """

    # The reviews app adds /claims/{id}/history/ and the publication app
    # /claims/{id}/claimreview/ beside these routes (config/api_urls.py).

    queryset = Claim.objects.all()
    transfer_kind = transfer.CLAIMS
    serializer_class = ClaimSerializer
    brief_serializer_class = ClaimListSerializer
    filterset_class = ClaimFilterSet
    ordering_fields = ["id", "created_at", "updated_at", RELEVANCE]

    def list(self, request, *args, **kwargs):
        if self.wants_csv(request):
            return super().list(request, *args, **kwargs)
        response = plain_list_response(self, request)
        return response if response is not None else super().list(request, *args, **kwargs)

    def shape_brief(self, queryset):
        return queryset.with_counts()

    @extend_schema(responses={201: ClaimCreatedSerializer})
    def create(self, request, *args, **kwargs):
        """Create a claim; the answer lists the claims of the record that may say the same."""
        response = super().create(request, *args, **kwargs)
        response.data["similar"] = self.similar_to(response.data)
        return response

    def similar_to(self, data):
        """The new claim's duplicate candidates, serialized; None when matching is turned off
        (``CLAIMS_SIMILAR_ON_CREATE``) or fails.

        The claim is committed by now: a failure here must not answer an error for a write
        that happened (a client would retry it and make the duplicate).
        """
        if not settings.CLAIMS_SIMILAR_ON_CREATE:
            return None
        claim = Claim(pk=data["id"], text=data["text"])
        # A write waits at most a second for an index being built: its answer can go without.
        wait = min(settings.CLAIMS_MATCH_BUILD_WAIT, SIMILAR_BUILD_WAIT)
        try:
            matches = matching.similar_claims(
                claim, SIMILAR_ON_CREATE, claims=Claim.objects.all(), wait=wait
            )
        except IndexBuilding:
            return None
        except Exception:
            logger.exception("Claim matching failed for new claim %s", claim.pk)
            return None
        context = self.get_serializer_context()
        return ClaimMatchResultSerializer(matches, many=True, context=context).data

    def shape_full(self, queryset):
        return queryset.for_detail().with_relations()

    def get_object(self):
        """A detail read with no parameter but ``fields`` comes from compiled queries
        (``claims.detail_reads``); anything else (a filter, a format) through the filtered
        queryset."""
        if self.action != "retrieve" or not {"fields"}.issuperset(self.request.query_params):
            return super().get_object()
        try:
            claim_id = int(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        except ValueError:
            return super().get_object()
        claim = claim_for_detail(claim_id)
        if claim is None:
            raise Http404("No claim matches the given query.")
        self.check_object_permissions(self.request, claim)
        return claim

    def read_written(self, pk):
        return claim_for_detail(pk)

    @extend_schema(
        summary="Has this been checked before? The claims that best match a text",
        description="Cleans the text (links, handles' and hashtags' marks, an embedded tweet's "
        "signature), ranks the current claims by BM25, re-ranks the best 50 by embeddings, "
        "numbers and names, and answers them best first, each with a score in 0–1 and the "
        "signals behind it. Reading claims is all it takes (`view_claim`). A 400 names the "
        "field: no text, nothing to match once cleaned, a text over 10,000 characters, or a "
        "limit that is not a whole number from 1 to 50.",
        request=ClaimMatchSerializer,
        responses={200: ClaimMatchResultsSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        permission_classes=[ReadPermission],
        filter_backends=[],
        pagination_class=None,
    )
    def match(self, request):
        body = ClaimMatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            matches = matching.match_claims(
                body.validated_data["text"],
                body.validated_data["limit"],
                claims=Claim.objects.all(),
                exclude=frozenset(body.validated_data["exclude"]),
            )
        except IndexBuilding as building:
            raise MatchingNotReady from building
        results = ClaimMatchResultsSerializer(
            {"results": matches}, context=self.get_serializer_context()
        )
        return Response(results.data)


class StatementViewSet(CsvListMixin, WithdrawActions, ServiceViewSet):
    """One actor's stance on a claim (asserts, denies…), with the citations that record it."""

    queryset = Statement.objects.all()
    transfer_kind = transfer.STATEMENTS
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

    def read_written(self, pk):
        return statement_for_detail(pk)


class CitationViewSet(CsvListMixin, WithdrawActions, ServiceViewSet):
    """Where a statement is recorded: a source, its role in the chain, the exact quote.

    The quote is verified against the snapshot on every write (one typed in other
    typography is stored as the snapshot has it); a quote not found answers 400 with the
    closest passage. A citation that others derive from cannot be deleted (409).
    """

    queryset = Citation.objects.all()
    transfer_kind = transfer.CITATIONS
    serializer_class = CitationSerializer
    brief_serializer_class = CitationBriefSerializer
    filterset_class = CitationFilterSet
    ordering_fields = ["id", "created_at", "updated_at", RELEVANCE]

    def shape_brief(self, queryset):
        return queryset.select_related("source__publisher")

    def shape_full(self, queryset):
        return queryset.select_related(
            "statement__claim", "statement__actor", "source__publisher", "withdrawn_by"
        ).with_chains()

    def read_written(self, pk):
        return citation_for_detail(pk)


class ClaimRelationViewSet(CsvListMixin, ServiceViewSet):
    """How two claims relate: contradicts, supports, duplicate of, refines, supersedes."""

    queryset = ClaimRelation.objects.all()
    transfer_kind = transfer.RELATIONS
    serializer_class = ClaimRelationSerializer
    brief_serializer_class = ClaimRelationBriefSerializer
    filterset_class = ClaimRelationFilterSet
    ordering_fields = ["id", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.for_list()

    def shape_full(self, queryset):
        return queryset.for_list()
