"""The public site's URLs, at the root: the list of fact-checks and a page per fact-check."""

from django.urls import path, re_path

from core.api.viewsets import ID_PATTERN

from . import views

app_name = "public"

urlpatterns = [
    path("", views.fact_check_list, name="list"),
    # A claim id is a positive 64-bit number: a longer one matches no page (404) rather than
    # reaching the database.
    re_path(rf"^fact-checks/(?P<claim_id>{ID_PATTERN})/$", views.fact_check_detail, name="detail"),
]
