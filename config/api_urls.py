"""The REST API, version 1: every resource, the schema and its interactive docs."""

from django.urls import include, path
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
for prefix, viewset in [*source_routes, *claim_routes]:
    router.register(prefix, viewset)
router.register("tokens", ApiTokenViewSet, basename="apitoken")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
