"""Routes of the reviews API, registered by config/api_urls.py."""

from .history import claim_history_view
from .match_queue import MatchCandidateViewSet
from .views import RatingScaleViewSet, ReviewViewSet

routes = [
    ("rating-scales", RatingScaleViewSet),
    ("reviews", ReviewViewSet),
    ("match-candidates", MatchCandidateViewSet),
]
# Beside the claims' own routes: /claims/{id}/history/.
claim_routes = [("history", claim_history_view)]
