"""Request limits for the API, answered in the API's error format."""

from django.conf import settings

from core.api.errors import json_error_response


class ApiRequestLimitsMiddleware:
    """Keep the API's answers in its own format, even before a view runs.

    Request bodies over ``API_MAX_BODY_BYTES`` get 413 before they are read (DRF reads the
    body as a stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applies), and a URL no
    route matches gets the JSON 404, also with DEBUG on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return json_error_response(400, "invalid", "Invalid Content-Length.")
            if length > settings.API_MAX_BODY_BYTES:
                return json_error_response(
                    413,
                    "payload_too_large",
                    f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes.",
                )
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return json_error_response(404, "not_found", "Not found.")
        return response
