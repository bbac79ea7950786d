"""Routes of the sources API, registered by config/api_urls.py."""

from .views import ActorViewSet

routes = [
    ("actors", ActorViewSet),
]
