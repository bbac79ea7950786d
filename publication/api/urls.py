"""Routes of the publication API, registered by config/api_urls.py."""

from .views import annotations_view, claimreview_view, provenance_view

# Beside the claims' own routes: /claims/{id}/claimreview/, /provenance/, /annotations/.
claim_routes = [
    ("claimreview", claimreview_view),
    ("provenance", provenance_view),
    ("annotations", annotations_view),
]
