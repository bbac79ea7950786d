"""Routes of the publication API, registered by config/api_urls.py."""

from .views import claimreview_view

# Beside the claims' own routes: /claims/{id}/claimreview/.
claim_routes = [("claimreview", claimreview_view)]
