"""API endpoints of actors, sources and snapshots."""

from core.api.viewsets import RecordViewSet
from sources.filtersets import ActorFilterSet
from sources.models import Actor

from .serializers import ActorBriefSerializer, ActorSerializer


class ActorViewSet(RecordViewSet):
    """People and organisations that make, relay, publish or deny claims, with their aliases."""

    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    brief_serializer_class = ActorBriefSerializer
    filterset_class = ActorFilterSet
    ordering_fields = ["id", "name", "created_at", "updated_at"]
