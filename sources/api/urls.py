"""Routes of the sources API, registered by config/api_urls.py."""

from .views import ActorViewSet, SnapshotViewSet, SourceViewSet

routes = [
    ("actors", ActorViewSet),
    ("sources", SourceViewSet),
    ("snapshots", SnapshotViewSet),
]
