"""API endpoints of the review workflow: rating scales, reviews, the queue and each step.

The views translate, they never decide: who may take a step, in which state, and which gates
must pass are the review services' rules (``reviews.services``). A refusal comes back
in the API's error format: a ``PermissionDenied`` is a 403 with its reason; a ``ReviewRefused``
about an input (a missing comment, an assignee who is not a fact-checker) is a 400 on that
field; any other is a 409 whose ``code`` is the refusal's (``invalid_transition``,
``conflict``, ``gate``, ``four_eyes``) and whose ``detail`` lists every failing gate.
"""

from contextlib import contextmanager

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from core.api.errors import Conflict
from core.api.pagination import StrictCursorPagination
from core.api.permissions import ModelPermissions
from core.api.schema import DocumentSchema, ErrorSerializer
from core.api.viewsets import ServiceViewSet

from .. import services as workflow
from ..filtersets import RatingScaleFilterSet, ReviewFilterSet
from ..models import RatingScale, Review
from ..querysets import QUEUE_ORDERING
from ..workflow import TRANSITIONS
from .serializers import (
    RatingScaleSerializer,
    RecordChangesSerializer,
    ReviewBriefSerializer,
    ReviewCommentSerializer,
    ReviewEditSerializer,
    ReviewOpenSerializer,
    ReviewSerializer,
    transition_body,
)


@contextmanager
def refusals_as_errors():
    """A ``ReviewRefused`` as the API's error: 400 on the field at fault, else 409."""
    try:
        yield
    except workflow.ReviewRefused as refusal:
        if refusal.field:
            raise exceptions.ValidationError({refusal.field: [refusal.message]}) from refusal
        raise Conflict(refusal.message, code=refusal.code) from refusal


class ReviewPermissions(ModelPermissions):
    """Model permissions for reading, opening and editing reviews. A workflow action (and a
    comment) needs only the permission to view reviews: its service checks the rest and
    says why it refuses."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) in (*TRANSITIONS, "comments"):
            user = request.user
            required = self.get_required_permissions("GET", Review)
            return bool(user and user.is_authenticated and user.has_perms(required))
        return super().has_permission(request, view)


class QueueCursorPagination(StrictCursorPagination):
    """The queue's pages in ``ReviewQuerySet.by_priority()``'s order.

    The cursor holds a priority rank; reviews of the same rank are paged by their offset
    within it, as cursor pagination does with ties.
    """

    ordering = QUEUE_ORDERING


class RatingScaleViewSet(ServiceViewSet):
    """The desk's verdict scales, each with its labels, best first (read-only: scales are
    configured in the admin)."""

    queryset = RatingScale.objects.all()
    serializer_class = RatingScaleSerializer
    filterset_class = RatingScaleFilterSet
    ordering_fields = ["id", "name", "created_at", "updated_at"]
    http_method_names = ["get", "head", "options"]

    def shape_brief(self, queryset):
        return self.shape_full(queryset)

    def shape_full(self, queryset):
        return queryset.prefetch_related("labels")


# Schema of the workflow actions

FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="Without the permission to view reviews, or the workflow does not let you take "
    "this step (the role it needs, or only the assignee or an editor may): `detail` says why.",
)
REFUSED = OpenApiResponse(
    ErrorSerializer,
    description="The workflow refuses the step; `code` says why: `invalid_transition` (not "
    "from this state), `conflict` (someone else moved the review, or the claim has another "
    "review in progress), `gate` (`detail` lists every gate that fails), `four_eyes` (you "
    "wrote the verdict: someone else approves it).",
)


def transition_schema(summary: str, body, *, created: bool = False):
    success = (
        {201: OpenApiResponse(ReviewSerializer, description="The new version, in review.")}
        if created
        else {200: OpenApiResponse(ReviewSerializer, description="The review in its new state.")}
    )
    return extend_schema(
        summary=summary,
        request=body,
        responses={**success, 403: FORBIDDEN, 409: REFUSED},
    )


def transition_actions(viewset):
    """Add to ``viewset`` one action per step of the workflow table: a POST on
    ``/reviews/{id}/<path>/`` whose body and schema come from the step's row."""
    for transition in TRANSITIONS.values():

        def take(self, request, pk=None, transition=transition):
            return self.take_transition(request, transition)

        take.__name__ = transition.action
        take = action(detail=True, methods=["post"], url_path=transition.path)(take)
        take = transition_schema(
            transition.summary, transition_body(transition), created=transition.opens_version
        )(take)
        setattr(viewset, transition.action, take)
    return viewset


@transition_actions
@extend_schema_view(
    list=extend_schema(summary="List reviews (brief)"),
    retrieve=extend_schema(summary="A review in full"),
    create=extend_schema(
        summary="Open a draft review of a claim",
        request=ReviewOpenSerializer,
        responses={
            201: ReviewSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="The claim already has a review in progress, or a published "
                "verdict (correct that one instead): `code` is `conflict`.",
            ),
        },
    ),
    partial_update=extend_schema(
        summary="Edit a review's content",
        request=ReviewEditSerializer,
        responses={
            200: ReviewSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="The review cannot be edited in its state "
                "(`invalid_transition`), or someone else changed it (`conflict`).",
            ),
        },
    ),
)
class ReviewViewSet(ServiceViewSet):
    """The fact-checks of claims, each moving through the review workflow.

    Open one with ``POST``; edit its content with ``PATCH`` (a rating, the explanation, the
    evidence…); move it with the actions ``submit``, ``assign``, ``start``,
    ``request-changes``, ``approve``, ``publish``, ``correct`` and ``retract``. Reviews are
    never deleted, and the state changes through the actions only. Every action honours
    ``If-Match`` and answers the review (for ``correct``, the new version) with its ETag.
    """

    queryset = Review.objects.all()
    serializer_class = ReviewSerializer
    brief_serializer_class = ReviewBriefSerializer
    # The bodies of POST /reviews/ and PATCH /reviews/{id}/ (see get_serializer_class).
    create_serializer_class = ReviewOpenSerializer
    edit_serializer_class = ReviewEditSerializer
    filterset_class = ReviewFilterSet
    permission_classes = [ReviewPermissions]
    ordering_fields = ["id", "created_at", "updated_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    brief_actions = ("list", "queue")
    conditional_actions = tuple(TRANSITIONS)

    def get_serializer_class(self):
        if self.action == "create":
            return self.create_serializer_class
        if self.action == "partial_update":
            return self.edit_serializer_class
        return super().get_serializer_class()

    def shape_brief(self, queryset):
        return queryset.for_list()

    # Opening and editing

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with refusals_as_errors():
            review = workflow.review_open(user=request.user, **serializer.validated_data)
        return self._written(review, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        with transaction.atomic():
            review = self.get_object_for_write()
            self.check_if_match(review)
            serializer = self.get_serializer(review, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            with refusals_as_errors():
                review = workflow.review_update(
                    review=review, user=request.user, **serializer.validated_data
                )
        return self._written(review, status.HTTP_200_OK)

    # The queue

    @extend_schema(
        summary="The review queue: open reviews, most urgent first",
        responses=ReviewBriefSerializer(many=True),
    )
    @action(
        detail=False,
        methods=["get"],
        filter_backends=[
            backend
            for backend in ServiceViewSet.filter_backends
            if not issubclass(backend, OrderingFilter)
        ],
        pagination_class=QueueCursorPagination,
    )
    def queue(self, request):
        """Open reviews (draft to approved), most urgent first, then by due date (undated
        last), then the oldest; with the list's filters, and ``mine=true`` for yours."""
        reviews = self.filter_queryset(self.get_queryset().open().by_priority())
        page = self.paginate_queryset(reviews)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    # Workflow steps: one action per row of the workflow table (see transition_actions)

    def take_transition(self, request, transition) -> Response:
        """Validate the body, then take the step on the locked review, If-Match first."""
        with transaction.atomic():
            review = self.get_object_for_write()
            self.check_if_match(review)
            body = transition_body(transition)(
                data=request.data, context=self.get_serializer_context()
            )
            body.is_valid(raise_exception=True)
            with refusals_as_errors():
                result = workflow.review_transition(
                    review=review,
                    user=request.user,
                    action=transition.action,
                    **body.validated_data,
                )
        created = status.HTTP_201_CREATED if transition.opens_version else status.HTTP_200_OK
        return self._written(result, created)

    # What a version pinned, and what changed since

    def _pinned_review(self) -> Review:
        review = self.get_object()
        if review.pinned is None:
            raise exceptions.NotFound("This version was never approved: nothing is pinned.")
        return review

    @extend_schema(
        summary="The document approval pinned: what readers of this version see",
        description="The record (claim, statements, citations with quotes and chains) and the "
        "verdict (rating label, explanation, write-up, evidence) as they stood when the version "
        "was approved; the public pages and ClaimReview render it. 404 for a version never "
        "approved.",
        responses={200: OpenApiResponse(response=OpenApiTypes.OBJECT)},
    )
    @action(
        detail=True,
        methods=["get"],
        schema=DocumentSchema(),
        filter_backends=[],
        pagination_class=None,
    )
    def pinned(self, request, pk=None):
        review = self._pinned_review()
        return Response(review.pinned)

    @extend_schema(
        summary="What changed in the record since approval pinned this version",
        description="Each difference between the pinned record and the record now, in words: "
        "what (the claim, a statement, a citation), which field, before and after. `changed` "
        "is false and `changes` empty while the record reads as pinned. 404 for a version "
        "never approved.",
        responses={200: RecordChangesSerializer},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="record-changes",
        schema=DocumentSchema(),
        filter_backends=[],
        pagination_class=None,
    )
    def record_changes(self, request, pk=None):
        review = self._pinned_review()
        changed, changes = workflow.review_record_changes(review)
        body = {
            "pinned_sha256": review.pinned_sha256,
            "pinned_at": review.pinned_at,
            "changed": changed,
            "changes": changes,
        }
        return Response(RecordChangesSerializer(body).data)

    @extend_schema(
        summary="Comment on a review",
        request=ReviewCommentSerializer,
        responses={201: ReviewCommentSerializer, 403: FORBIDDEN},
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        review = self.get_object()
        body = ReviewCommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = workflow.review_comment(
            review=review, user=request.user, text=body.validated_data["text"]
        )
        data = ReviewCommentSerializer(comment, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)
