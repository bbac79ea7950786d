"""The REST API, version 1: every resource, the schema and its interactive docs."""

from django.urls import path, re_path
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import APIRootView, DefaultRouter

from claims.api import urls as claims_api
from core.api.changes import ChangeFeedView
from core.api.docs import RedocView, SchemaView, SwaggerView, redoc_bundle
from core.api.tokens import ApiTokenViewSet
from core.api.viewsets import ID_PATTERN, CheckedRequestMixin
from core.api.webhooks import WebhookSubscriptionViewSet
from publication.api import urls as publication_api
from reviews.api import urls as reviews_api
from sources.api import urls as sources_api

app_name = "api"


class ApiRoot(CheckedRequestMixin, APIRootView):
    """Claimtrack's REST API: follow the links to each collection, and to the change feed."""

    permission_classes = [IsAuthenticated]


class ApiRouter(DefaultRouter):
    """The router, whose root also links what is not a collection of objects (the change
    feed), by URL name."""

    root_links = {"changes": "changes"}

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        links = {
            prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry
        }
        return self.APIRootView.as_view(api_root_dict={**links, **self.root_links})


router = ApiRouter()
router.APIRootView = ApiRoot
for prefix, viewset in [*claims_api.routes, *reviews_api.routes, *sources_api.routes]:
    router.register(prefix, viewset)
router.register("tokens", ApiTokenViewSet, basename="apitoken")
router.register("webhooks", WebhookSubscriptionViewSet, basename="webhooksubscription")

# What higher apps show of a claim, beside the claims' own routes: /claims/{id}/<name>/
# (and .json), named "claim-<name>" as a router action of the claims would be.
claim_extras = [
    re_path(rf"^claims/(?P<pk>{ID_PATTERN})/{name}{suffix}$", view, name=f"claim-{name}")
    for name, view in [*reviews_api.claim_routes, *publication_api.claim_routes]
    for suffix in ("/", r"\.(?P<format>[a-z0-9]+)/?")
]

# URL resolution tries patterns in order, one regular expression each: the collections
# first, the busiest (claims) at their head, and no nested include to descend through.
urlpatterns = [
    *router.urls,
    *claim_extras,
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    path("redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
]
