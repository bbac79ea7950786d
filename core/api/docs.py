"""The schema and its interactive documentation, served without any CDN.

Swagger UI and Redoc come from drf-spectacular-sidecar's static files; their pages load no
inline script, no web font and nothing from another origin (Redoc's bundle is served with
its one outside address, a logo on a CDN, replaced: ``redoc_bundle``). Swagger UI works
under the site's strict Content-Security-Policy; Redoc styles its page by inserting
``<style>`` elements, so its page alone also allows inline styles (never inline scripts).
Errors (a throttled request, an unacceptable ``Accept`` header) keep the API's JSON format
instead of being rendered as HTML.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.csp import csp_override
from django.views.decorators.http import etag, require_safe
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from .renderers import FastJSONRenderer


class JSONErrorsMixin:
    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = FastJSONRenderer()
        self.request.accepted_media_type = FastJSONRenderer.media_type
        return response


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """The OpenAPI 3 schema: YAML by default, JSON with ``?format=json``."""


class SwaggerView(JSONErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI; its initialisation script is served by the same view (``?script``)."""

    template_name = "api/swagger_ui.html"


class RedocView(JSONErrorsMixin, SpectacularRedocView):
    template_name = "api/redoc.html"

    @classmethod
    def as_view(cls, **initkwargs):
        policy = {
            **settings.SECURE_CSP,
            "style-src": ["'self'", "'unsafe-inline'"],
            "worker-src": ["'self'", "blob:"],
        }
        return csp_override(policy)(super().as_view(**initkwargs))


REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# The sidebar's "API docs by Redocly" link shows a logo fetched from a CDN, which the
# Content-Security-Policy refuses (and a machine offline cannot reach): an empty image instead.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
BLANK_IMAGE = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def _redoc_bundle() -> tuple[bytes, str]:
    """Redoc's standalone bundle with the CDN logo replaced, and its ETag."""
    content = Path(finders.find(REDOC_BUNDLE)).read_bytes().replace(REDOC_LOGO, BLANK_IMAGE)
    return content, f'"{hashlib.sha256(content).hexdigest()[:32]}"'


@require_safe
@cache_control(public=True, max_age=86400)
@etag(lambda request: _redoc_bundle()[1])
def redoc_bundle(request):
    """Redoc's script for the ``redoc/`` page, loading nothing from another origin."""
    return HttpResponse(_redoc_bundle()[0], content_type="text/javascript; charset=utf-8")
