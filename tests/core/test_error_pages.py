"""Errors Django answers itself, before or outside the API's views: the API's JSON error under
/api/, Django's HTML pages elsewhere.

The plain Django views below stand for any view that is not one of the API's (DRF) views;
this module is their URL configuration, with the project's error handlers.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path
from django.views.decorators.http import require_POST

import config.urls

ERROR_KEYS = {"status", "code", "detail", "errors"}


def assert_api_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    body = json.loads(response.content)
    assert {"status", "code", "detail"} <= set(body) <= ERROR_KEYS
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code, body
    return body


def assert_html(response, status: int):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]


def _form(request):
    """A plain view that reads a posted form (CSRF applies, as do Django's body limits)."""
    return HttpResponse(f"{len(request.POST)} fields")


@require_POST
def _post_only(request):
    return HttpResponse("posted")


def _forbidden(request):
    raise PermissionDenied("secret reason")


def _suspicious(request):
    raise SuspiciousOperation("secret suspicion")


PLAIN_VIEWS = [
    path("form/", _form),
    path("post-only/", _post_only),
    path("forbidden/", _forbidden),
    path("suspicious/", _suspicious),
]
urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("api/plain/", include(PLAIN_VIEWS)),
    path("plain/", include(PLAIN_VIEWS)),
    path("", include("publication.urls")),  # the HTML pages link to the public site
]
handler400 = config.urls.handler400
handler403 = config.urls.handler403
handler404 = config.urls.handler404
handler500 = config.urls.handler500

pytestmark = pytest.mark.urls(__name__)


def test_the_project_names_an_error_handler_for_each_status():
    assert (
        config.urls.handler400,
        config.urls.handler403,
        config.urls.handler404,
        config.urls.handler500,
    ) == (
        "core.views.bad_request",
        "core.views.permission_denied",
        "core.views.not_found",
        "core.views.server_error",
    )


@pytest.mark.parametrize("url", ["/api/v1/claims/", "/api/v1/", "/api/v1/nope/"])
def test_a_host_not_served_gets_the_json_400_under_the_api(db, url):
    """DisallowedHost is raised before any view; the client's host is not echoed."""
    response = Client(HTTP_HOST="evil.example").get(url)
    body = assert_api_error(response, 400, "invalid_host")
    assert "evil" not in body["detail"]


def test_a_host_not_served_keeps_the_html_400_elsewhere(db):
    assert_html(Client(HTTP_HOST="evil.example").get("/"), 400)


def test_a_csrf_failure_gets_the_json_403_under_the_api(db, admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    body = assert_api_error(client.post("/api/plain/form/", {"a": "1"}), 403, "permission_denied")
    assert body["detail"].startswith("CSRF Failed: ")
    assert_html(client.post("/plain/form/", {"a": "1"}), 403)


def test_a_method_a_plain_view_does_not_take_gets_the_json_405_with_allow(db):
    response = Client().get("/api/plain/post-only/")
    assert_api_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST"
    elsewhere = Client().get("/plain/post-only/")
    assert elsewhere.status_code == 405
    assert elsewhere["Allow"] == "POST"


def test_permission_denied_outside_the_api_views_gets_the_json_403(db):
    response = Client().get("/api/plain/forbidden/")
    body = assert_api_error(response, 403, "permission_denied")
    assert "secret" not in body["detail"]
    assert_html(Client().get("/plain/forbidden/"), 403)


def test_a_suspicious_request_gets_the_json_400(db):
    body = assert_api_error(Client().get("/api/plain/suspicious/"), 400, "invalid")
    assert "secret" not in body["detail"]
    assert_html(Client().get("/plain/suspicious/"), 400)


def test_a_form_over_django_s_body_limit_gets_the_json_413(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    form = {"text": "x" * 500}
    assert_api_error(Client().post("/api/plain/form/", form), 413, "payload_too_large")
    assert_html(Client().post("/plain/form/", form), 400)


def test_unknown_urls_get_the_json_404_under_the_api_and_html_elsewhere(db):
    assert_api_error(Client().get("/api/plain/nope/"), 404, "not_found")
    assert_html(Client().get("/plain/nope/"), 404)


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_urls_longer_than_the_limit_get_the_json_414_under_the_api(db, settings, method):
    url = "/api/v1/claims/?q="
    limit = settings.API_MAX_URL_LENGTH
    too_long = url + "x" * (limit - len(url) + 1)
    response = getattr(Client(), method)(too_long)
    body = assert_api_error(response, 414, "uri_too_long")
    assert str(limit) in body["detail"]
    # At the limit, the request goes on (to the authentication it lacks).
    assert Client().get(too_long[:-1]).status_code == 401


def test_the_url_limit_counts_percent_encoded_characters_as_sent(db, settings):
    settings.API_MAX_URL_LENGTH = 100
    assert_api_error(Client().get("/api/v1/claims/", {"q": "é" * 20}), 414)  # 120 as sent
    assert Client().get("/api/v1/claims/", {"q": "e" * 20}).status_code == 401


def test_long_urls_outside_the_api_are_left_to_the_server(db, settings):
    settings.API_MAX_URL_LENGTH = 100
    assert Client().get("/", {"q": "x" * 200}).status_code != 414
