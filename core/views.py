"""Error pages (JSON under /api/, Django's HTML pages elsewhere), moved pages, the icon."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_safe

from core.api.errors import api_not_found, api_server_error


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)


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
