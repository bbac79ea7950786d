"""Routes of the claims API, registered by config/api_urls.py."""

from .views import CitationViewSet, ClaimRelationViewSet, ClaimViewSet, StatementViewSet

routes = [
    ("claims", ClaimViewSet),
    ("statements", StatementViewSet),
    ("citations", CitationViewSet),
    ("claim-relations", ClaimRelationViewSet),
]
