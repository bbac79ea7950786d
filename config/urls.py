"""URL configuration: the admin at /admin/."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Claims, sources and who said what"

urlpatterns = [
    path("admin/", admin.site.urls),
]
