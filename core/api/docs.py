"""The schema and its interactive documentation, served without any CDN.

Swagger UI and Redoc come from drf-spectacular-sidecar's static files; their pages load no
inline script and no web font. Swagger UI works under the site's strict
Content-Security-Policy; Redoc styles its page by inserting ``<style>`` elements, so its page
alone also allows inline styles (never inline scripts). Errors (a throttled request, an
unacceptable ``Accept`` header) keep the API's JSON format instead of being rendered as HTML.
"""

from django.conf import settings
from django.views.decorators.csp import csp_override
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
