"""The project's middleware: the database's availability, the API's request limits, and the
Content-Security-Policy."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.middleware import csp
from django.urls import Resolver404, resolve
from django.utils.csp import CSP, build_policy
from rest_framework.response import Response

from core import database
from core.api.errors import as_api_error, json_error_response
from core.views import database_unavailable


class DatabaseAvailabilityMiddleware:
    """503 with Retry-After, and one line in the log, when the database is out of reach.

    Placed early: it connects (checking a kept connection first) before the rest of the
    request runs, so a database that cannot be reached answers every request with 503
    rather than a 500 and a traceback from wherever it is first needed. A connection lost
    later, in a view, is answered the same (``process_exception``; the API's views by
    ``core.api.errors.exception_handler``; a middleware's by the 500 handler).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            database.connect()
        except database.CONNECTION_ERRORS as error:
            return database_unavailable(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database.unreachable(exception):
            return database_unavailable(request, exception)
        return None


def query_string_problem(query_string: str) -> str | None:
    """Why a raw query string cannot be read as text, or None.

    Django decodes query strings leniently (an encoded lone surrogate, ``%ED%A0%80``, turns
    into replacement characters), so the raw bytes are checked before anything reads them.
    WSGI hands the query string over as bytes decoded as ISO-8859-1.
    """
    try:
        raw = unquote_to_bytes(query_string.encode("iso-8859-1").replace(b"+", b" "))
    except UnicodeEncodeError:
        return "Query parameters must be UTF-8 text."
    if b"\x00" in raw:
        return "Query parameters may not contain NUL bytes."
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "Query parameters must be UTF-8 text (without unpaired surrogates)."
    return None


class ApiRequestLimitsMiddleware:
    """Keep the API's answers in its own format, even before a view runs.

    URLs (path and query) longer than ``API_MAX_URL_LENGTH`` get 414. Request bodies over
    ``API_MAX_BODY_BYTES`` get 413 before they are read (DRF reads the body as a stream, so
    Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applies); a body is never read past its
    Content-Length, so a smaller declared length only truncates it. An action of a viewset
    that takes larger bodies says so (``@action(..., max_body_bytes=N)``: a file upload).
    Query strings that are not UTF-8 text get 400. Any other error answered by Django rather
    than by an API view (a URL no route matches, also with DEBUG on; a method a plain view
    does not take) gets the API's JSON error with the same status; with DEBUG on, a 500
    keeps Django's page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        refusal = self.refusal(request)
        if refusal is not None:
            return refusal
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and not isinstance(response, Response)  # the API's own, in the format negotiated
            and not response.get("Content-Type", "").startswith("application/json")
            and not (settings.DEBUG and response.status_code >= 500)
        ):
            return as_api_error(response)
        return response

    def refusal(self, request):
        if len(request.get_full_path()) > settings.API_MAX_URL_LENGTH:
            return json_error_response(
                414,
                "uri_too_long",
                f"The URL is longer than {settings.API_MAX_URL_LENGTH} characters.",
            )
        declared = (request.META.get("CONTENT_LENGTH") or "0").strip()
        if not (declared.isascii() and declared.isdigit()):
            return json_error_response(400, "invalid", "Invalid Content-Length.")
        if int(declared) > settings.API_MAX_BODY_BYTES:
            limit = max(settings.API_MAX_BODY_BYTES, _view_body_limit(request))
            if int(declared) > limit:
                return json_error_response(
                    413, "payload_too_large", f"The request body is larger than {limit} bytes."
                )
        problem = query_string_problem(request.META.get("QUERY_STRING", ""))
        if problem is not None:
            return json_error_response(400, "invalid", problem)
        return None


def _view_body_limit(request) -> int:
    """The largest body the view of the request takes by its own say (0: none said); the
    URL is resolved only for a body over the general limit."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return 0
    return getattr(match.func, "initkwargs", {}).get("max_body_bytes") or 0


_UNSET = object()


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's, writing each policy once instead of once per response.

    A policy depends only on its configuration, and on the request's nonce when the page used
    one; Django builds it again for every response, about 1 % of an API list request's
    instructions. Policies built without a nonce are kept, one per configuration (the
    settings, or a view's own; settings are replaced, never changed in place).
    """

    MAX_KEPT = 64

    def __init__(self, get_response):
        super().__init__(get_response)
        self._policies: dict[int, tuple[dict, str]] = {}

    def process_response(self, request, response):
        nonce = csp.get_nonce(request)
        for header, attribute, setting in (
            (CSP.HEADER_ENFORCE, "_csp_config", "SECURE_CSP"),
            (CSP.HEADER_REPORT_ONLY, "_csp_ro_config", "SECURE_CSP_REPORT_ONLY"),
        ):
            config = getattr(response, attribute, _UNSET)
            if config is _UNSET:
                config = getattr(settings, setting)
            # Headers a view set itself are kept; an empty configuration adds no header.
            if config and header not in response:
                response.headers[str(header)] = self.policy(config, nonce)
        return response

    def policy(self, config: dict, nonce) -> str:
        if nonce:  # evaluated: the page carries it, so its policy must name it
            return build_policy(config, nonce)
        kept = self._policies.get(id(config))
        if kept is None or kept[0] is not config:
            if len(self._policies) >= self.MAX_KEPT:
                self._policies.clear()
            kept = self._policies[id(config)] = (config, build_policy(config))
        return kept[1]
