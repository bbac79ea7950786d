"""Error pages (JSON under /api/, Django's HTML pages elsewhere), moved pages, the icon.

Django answers some errors itself, before or outside the API's views: a Host header it does
not serve (400), a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` read by a plain view (413 under
/api/, Django's 400 elsewhere), a CSRF failure (403), an unknown URL (404), an exception
(500). Under /api/ each is the API's JSON error; elsewhere Django's page.
"""

import sys

from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views import csrf, defaults
from django.views.decorators.http import require_safe

from core import database
from core.api.errors import (
    api_not_found,
    api_server_error,
    json_error_response,
    status_error_response,
)

API_PREFIX = "/api/"
# Served when the database is out of reach: nothing that could need it (no template of the
# site, no context processor).
UNAVAILABLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
<body>
<h1>Temporarily unavailable</h1>
<p>The site cannot reach its database just now. Please try again in a few moments.</p>
</body>
</html>
"""


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, DisallowedHost):
        # Nothing of the request is echoed: the host is the client's text.
        return json_error_response(
            400, "invalid_host", "The Host header names no host this site serves."
        )
    if isinstance(exception, RequestDataTooBig):
        return status_error_response(413)
    return status_error_response(400)


def permission_denied(request, exception=None):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return status_error_response(403)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a write with a session but without its CSRF token."""
    if not is_api(request):
        return csrf.csrf_failure(request, reason)
    return json_error_response(403, "permission_denied", f"CSRF Failed: {reason}")


def not_found(request, exception=None):
    if is_api(request):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Called while the exception that led here is being handled: an unreachable database
    # raised outside a view (by a middleware) is a 503 too.
    exception = sys.exc_info()[1]
    if exception is not None and database.unreachable(exception):
        return database_unavailable(request, exception)
    if is_api(request):
        return api_server_error(request)
    return defaults.server_error(request)


def database_unavailable(request, exception):
    """503 with Retry-After, logged in one line: JSON under /api/, a short page elsewhere."""
    if is_api(request):
        response = status_error_response(
            503, "The database is unavailable; retry after the number of seconds in Retry-After."
        )
    else:
        response = HttpResponse(UNAVAILABLE_PAGE, status=503)
    response["Retry-After"] = database.retry_after()
    database.log_unreachable(request, exception, response)
    return response


class HttpResponsePermanentRedirectSameMethod(HttpResponsePermanentRedirect):
    """308: moved for good, and the request is to be repeated as it was (a POST stays one)."""

    status_code = 308


def moved(request, to: str):
    """A page that moved for good: 301 to ``to`` for reads, 308 for writes, which browsers
    repeat with the same method and body. The query string goes along."""
    query = request.META.get("QUERY_STRING", "")
    location = f"{to}?{query}" if query else to
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(location)
    return HttpResponsePermanentRedirectSameMethod(location)


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers ask for on every site: the site's icon."""
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))
