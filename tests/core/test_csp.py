"""The Content-Security-Policy header: Django's policy, written once per configuration."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.csp import CSP, build_policy
from django.views.decorators.csp import csp_override, csp_report_only_override

from core.middleware import ContentSecurityPolicyMiddleware

NONCED = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]}


def respond(view=lambda request: HttpResponse("ok"), *, use_nonce=False, middleware=None):
    middleware = middleware or ContentSecurityPolicyMiddleware(view)
    request = RequestFactory().get("/")
    middleware.process_request(request)
    nonce = str(request._csp_nonce) if use_nonce else None
    return middleware.process_response(request, view(request)), nonce


def test_pages_and_api_responses_get_the_configured_policy(db, client, settings):
    expected = build_policy(settings.SECURE_CSP)
    assert "frame-ancestors 'self'" in expected
    assert client.get("/").headers["Content-Security-Policy"] == expected
    assert client.get("/api/v1/claims/").headers["Content-Security-Policy"] == expected


@override_settings(SECURE_CSP=NONCED)
def test_a_used_nonce_is_in_that_responses_policy_only():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    first, first_nonce = respond(use_nonce=True, middleware=middleware)
    second, second_nonce = respond(use_nonce=True, middleware=middleware)
    unused, _ = respond(middleware=middleware)
    assert first_nonce != second_nonce
    assert f"'nonce-{first_nonce}'" in first["Content-Security-Policy"]
    assert f"'nonce-{second_nonce}'" in second["Content-Security-Policy"]
    assert unused["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"


def test_a_changed_setting_takes_effect():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    with override_settings(SECURE_CSP={"default-src": [CSP.SELF]}):
        assert respond(middleware=middleware)[0]["Content-Security-Policy"] == "default-src 'self'"
    with override_settings(SECURE_CSP={"default-src": [CSP.NONE]}):
        assert respond(middleware=middleware)[0]["Content-Security-Policy"] == "default-src 'none'"
    with override_settings(SECURE_CSP={}):
        assert "Content-Security-Policy" not in respond(middleware=middleware)[0]


@pytest.mark.parametrize(
    ("decorator", "header"),
    [
        (csp_override, "Content-Security-Policy"),
        (csp_report_only_override, "Content-Security-Policy-Report-Only"),
    ],
)
def test_a_views_own_policy_wins(decorator, header):
    view = decorator({"img-src": [CSP.SELF]})(lambda request: HttpResponse())
    assert respond(view)[0][header] == "img-src 'self'"


def test_a_view_that_disables_the_policy_gets_none():
    view = csp_override({})(lambda request: HttpResponse())
    assert "Content-Security-Policy" not in respond(view)[0]


def test_a_header_the_view_set_is_kept():
    def view(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "sandbox"
        return response

    assert respond(view)[0]["Content-Security-Policy"] == "sandbox"
