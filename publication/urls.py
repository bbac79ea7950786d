"""The public site's URLs, at the root: the list of fact-checks, a page per fact-check, a
page per version of it, and the ClaimReview DataFeed."""

from django.urls import path, re_path

from core.api.viewsets import ID_PATTERN

from . import views

app_name = "public"

urlpatterns = [
    path("", views.fact_check_list, name="list"),
    # Every published fact-check as a schema.org DataFeed of ClaimReview, in pages.
    path("claimreview/feed.json", views.claimreview_feed, name="claimreview-feed"),
    # A claim id is a positive 64-bit number: a longer one matches no page (404) rather than
    # reaching the database.
    re_path(rf"^fact-checks/(?P<claim_id>{ID_PATTERN})/$", views.fact_check_detail, name="detail"),
    # Each version that went public keeps its address, corrected or retracted since.
    re_path(
        rf"^fact-checks/(?P<claim_id>{ID_PATTERN})/versions/(?P<version>[0-9]{{1,5}})/$",
        views.fact_check_detail,
        name="version",
    ),
]
