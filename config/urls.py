"""URL configuration: the public fact-checks at /, the admin at /admin/, the API at /api/v1/."""

from django.contrib import admin
from django.urls import include, path, re_path

from core.views import favicon, moved

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Claims, sources and who said what"


def review_admin_moved(request, model, rest):
    """Reviews and rating scales were administered under the claims app until version 0.1."""
    return moved(request, f"/admin/reviews/{model}/{rest}")


urlpatterns = [
    re_path(r"^admin/claims/(?P<model>review|ratingscale)/(?P<rest>.*)$", review_admin_moved),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("publication.urls")),
]

# Errors Django answers itself: the API's JSON under /api/, Django's pages elsewhere.
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
