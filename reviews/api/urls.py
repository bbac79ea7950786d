"""Routes of the reviews API, registered by config/api_urls.py."""

from .external import (
    ExternalFactCheckViewSet,
    ExternalRatingMappingViewSet,
    claim_external_fact_checks_view,
)
from .history import claim_history_view
from .match_queue import MatchCandidateViewSet
from .views import RatingScaleViewSet, ReviewViewSet

routes = [
    ("rating-scales", RatingScaleViewSet),
    ("reviews", ReviewViewSet),
    ("match-candidates", MatchCandidateViewSet),
    ("external-fact-checks", ExternalFactCheckViewSet),
    ("rating-mappings", ExternalRatingMappingViewSet),
]
# Beside the claims' own routes: /claims/{id}/history/ and /claims/{id}/external-fact-checks/.
claim_routes = [
    ("history", claim_history_view),
    ("external-fact-checks", claim_external_fact_checks_view),
]
