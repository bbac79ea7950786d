"""Request limits for the API, answered in the API's error format."""

from urllib.parse import unquote_to_bytes

from django.conf import settings

from core.api.errors import json_error_response


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

    Request bodies over ``API_MAX_BODY_BYTES`` get 413 before they are read (DRF reads the
    body as a stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applies); a body is
    never read past its Content-Length, so a smaller declared length only truncates it.
    Query strings that are not UTF-8 text get 400, and a URL no route matches gets the
    JSON 404, also with DEBUG on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return json_error_response(404, "not_found", "Not found.")
        return response

    def refusal(self, request):
        declared = (request.META.get("CONTENT_LENGTH") or "0").strip()
        if not (declared.isascii() and declared.isdigit()):
            return json_error_response(400, "invalid", "Invalid Content-Length.")
        if int(declared) > settings.API_MAX_BODY_BYTES:
            return json_error_response(
                413,
                "payload_too_large",
                f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes.",
            )
        problem = query_string_problem(request.META.get("QUERY_STRING", ""))
        if problem is not None:
            return json_error_response(400, "invalid", problem)
        return None
