"""Routes of the reviews API, registered by config/api_urls.py."""

from .history import claim_history_view
from .views import RatingScaleViewSet, ReviewViewSet

routes = [
    ("rating-scales", RatingScaleViewSet),
    ("reviews", ReviewViewSet),
]
# Beside the claims' own routes: /claims/{id}/history/.
claim_routes = [("history", claim_history_view)]
