"""The URL prefix of a detail route (``core.api.serializers.detail_url_prefix``): what the
request's ``build_absolute_uri`` makes of the route's path, whatever the host, scheme and
script prefix the app is served under."""

import pytest
from django.test import RequestFactory
from django.urls import clear_script_prefix, reverse, set_script_prefix
from rest_framework.request import Request

from core.api.serializers import detail_url_prefix

VIEW_NAMES = ("api:claim-detail", "api:actor-detail", "api:citation-detail")


@pytest.fixture
def script_prefix():
    """The app mounted under a path of its own (a WSGI server's SCRIPT_NAME sets it)."""
    set_script_prefix("/faits vérifiés/")
    yield "/faits vérifiés/"
    clear_script_prefix()


@pytest.mark.parametrize(
    ("secure", "host"),
    [(False, "testserver"), (True, "claims.example.org:8443"), (False, "[::1]:8000")],
)
def test_each_prefix_is_the_requests_absolute_uri_of_the_route(
    secure, host, script_prefix, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "claims.example.org", "[::1]"]
    django_request = RequestFactory().get("/", secure=secure, headers={"host": host})
    request = Request(django_request)
    for name in VIEW_NAMES:
        path = reverse(name, kwargs={"pk": 1})
        assert path.startswith("/faits%20v%C3%A9rifi%C3%A9s/api/")
        expected = django_request.build_absolute_uri(path).removesuffix("1/")
        assert detail_url_prefix(name, request) == expected
    scheme = "https" if secure else "http"
    assert detail_url_prefix("api:claim-detail", request).startswith(f"{scheme}://{host}/")
