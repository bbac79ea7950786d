"""The REST API, version 1: every resource, the schema and its interactive docs."""

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import APIRootView, DefaultRouter

from claims.api.urls import routes as claim_routes
from core.api.docs import RedocView, SchemaView, SwaggerView
from core.api.tokens import ApiTokenViewSet
from sources.api.urls import routes as source_routes

app_name = "api"


class ApiRoot(APIRootView):
    """Claimtrack's REST API: follow the links to each collection."""

    permission_classes = [IsAuthenticated]


router = DefaultRouter()
router.APIRootView = ApiRoot
for prefix, viewset in [*claim_routes, *source_routes]:
    router.register(prefix, viewset)
router.register("tokens", ApiTokenViewSet, basename="apitoken")

# URL resolution tries patterns in order, one regular expression each: the collections
# first, the busiest (claims) at their head, and no nested include to descend through.
urlpatterns = [
    *router.urls,
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
]
