"""URL configuration: the public fact-checks at /, the admin at /admin/, the API at /api/v1/."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Claims, sources and who said what"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("claims.public_urls")),
]

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
