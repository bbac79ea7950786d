"""API endpoints of actors, sources and snapshots."""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status

from core.api.csv_lists import CsvListMixin
from core.api.viewsets import ServiceViewSet, WithdrawActions
from sources import transfer
from sources.filtersets import ActorFilterSet, SnapshotFilterSet, SourceFilterSet
from sources.models import Actor, Snapshot, Source

from .serializers import (
    ActorBriefSerializer,
    ActorSerializer,
    SnapshotBriefSerializer,
    SnapshotSerializer,
    SourceBriefSerializer,
    SourceSerializer,
)


class ActorViewSet(CsvListMixin, WithdrawActions, ServiceViewSet):
    """People and organisations that make, relay, publish or deny claims, with their aliases."""

    queryset = Actor.objects.all()
    transfer_kind = transfer.ACTORS
    serializer_class = ActorSerializer
    brief_serializer_class = ActorBriefSerializer
    filterset_class = ActorFilterSet
    ordering_fields = ["id", "name", "created_at", "updated_at"]


class SourceViewSet(CsvListMixin, WithdrawActions, ServiceViewSet):
    """Documents and utterances claims are recorded in, with their publisher and snapshots.

    A source that citations use cannot be deleted (409).
    """

    queryset = Source.objects.all()
    transfer_kind = transfer.SOURCES
    serializer_class = SourceSerializer
    brief_serializer_class = SourceBriefSerializer
    filterset_class = SourceFilterSet
    ordering_fields = ["id", "title", "created_at", "updated_at"]

    def shape_brief(self, queryset):
        return queryset.for_list()


class SnapshotViewSet(ServiceViewSet):
    """The text of a source as captured at one moment; quotes are checked against it.

    Snapshots are immutable: there is no PUT or PATCH, a changed source gets a new snapshot.
    Capturing the text a source already has a snapshot of answers 200 with that snapshot;
    a new snapshot answers 201. A snapshot that citations use cannot be deleted (409).
    """

    queryset = Snapshot.objects.all()
    serializer_class = SnapshotSerializer
    brief_serializer_class = SnapshotBriefSerializer
    filterset_class = SnapshotFilterSet
    ordering_fields = ["id", "captured_at", "created_at"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def shape_brief(self, queryset):
        return queryset.for_list()

    @extend_schema(
        responses={
            201: OpenApiResponse(SnapshotSerializer, description="A new snapshot was captured."),
            200: OpenApiResponse(
                SnapshotSerializer,
                description="The source already had a snapshot of exactly this text: that one.",
            ),
        }
    )
    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            snapshot = serializer.save()
        captured = status.HTTP_201_CREATED if serializer.captured else status.HTTP_200_OK
        return self._written(snapshot, captured)
