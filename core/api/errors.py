"""One JSON error format for the whole API, whatever raised the error.

Every error body is ``{"status": 409, "code": "protected", "detail": "…", "errors": {…}}``;
``errors`` maps field names (or ``non_field_errors``) to lists of messages and is present for
input errors only.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core import database
from core.services import DeletionRefused

from .authentication import OTHER_SCHEME_DETAIL, uses_other_scheme

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The object has changed since you read it (If-Match does not match its ETag). "
        "Fetch it again and reapply your change."
    )
    default_code = "precondition_failed"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def validation_messages(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as ``{field: [messages]}``."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _as_api_exception(exc, request=None):
    if (
        isinstance(exc, exceptions.NotAuthenticated)
        and request is not None
        and uses_other_scheme(request)
    ):
        # "Authentication credentials were not provided" would be wrong: they were, in a
        # scheme this API does not take.
        told = exceptions.NotAuthenticated(OTHER_SCHEME_DETAIL)
        told.auth_header = getattr(exc, "auth_header", None)
        return told
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(validation_messages(exc))
    if isinstance(exc, DeletionRefused):
        return Conflict(exc.message, code="protected")
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        # A service's refusal says why (“Only an editor assigns reviews”); keep its words.
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def _flatten(detail) -> tuple[str, dict | None]:
    """The summary message and, for input errors, the field → messages mapping."""
    if isinstance(detail, dict):
        return "Invalid input.", {key: _as_list(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return "Invalid input.", {"non_field_errors": _as_list(detail)}
    return str(detail), None


def _as_list(value):
    if isinstance(value, dict):
        return {key: _as_list(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_list(item) if isinstance(item, dict | list) else str(item) for item in value]
    return [str(value)]


def _code_of(exc) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return "invalid" if isinstance(exc, exceptions.ValidationError) else exc.default_code


def error_body(status_code: int, code: str, detail: str, errors: dict | None = None) -> dict:
    body = {"status": status_code, "code": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def exception_handler(exc, context):
    """DRF's handler, extended to Django's exceptions and reshaped into the one format.

    A database out of reach is a 503 with Retry-After, logged in one line (core.database).
    Any other exception is a bug: it answers the JSON 500, logged with its traceback,
    unless DEBUG is on, where Django's debug page is more useful.
    """
    request = context.get("request")
    if database.unreachable(exc):
        set_rollback()
        response = Response(
            error_body(
                503,
                "service_unavailable",
                "The database is unavailable; retry after the number of seconds in Retry-After.",
            ),
            status=503,
            headers={"Retry-After": database.retry_after()},
        )
        database.log_unreachable(getattr(request, "_request", request), exc, response)
        return response
    exc = _as_api_exception(exc, request)
    response = drf_exception_handler(exc, context)
    if response is None:
        if settings.DEBUG:
            return None
        set_rollback()
        return unhandled_exception_response(exc)
    detail, errors = _flatten(exc.detail)
    response.data = error_body(response.status_code, _code_of(exc), detail, errors)
    return response


def json_error_response(status_code: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(error_body(status_code, code, detail), status=status_code)


# The code and summary of the errors Django answers itself, before or outside DRF, and of
# those the API's middleware answers.
STATUS_ERRORS = {
    400: ("invalid", "Bad request."),
    401: ("not_authenticated", "Authentication credentials were not provided."),
    403: ("permission_denied", "You do not have permission to perform this action."),
    404: ("not_found", "Not found."),
    405: ("method_not_allowed", "Method not allowed."),
    406: ("not_acceptable", "Could not satisfy the request Accept header."),
    413: ("payload_too_large", "The request body is too large."),
    414: ("uri_too_long", "The URL is too long."),
    415: ("unsupported_media_type", "Unsupported media type in request."),
    429: ("throttled", "Request was throttled."),
    500: ("server_error", "Internal server error."),
    503: ("service_unavailable", "The service is unavailable; retry later."),
}
# Headers an error response keeps when its body is replaced by the API's.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary")


def status_error_response(status_code: int, detail: str | None = None) -> JsonResponse:
    """The API's error for a bare status code: its usual code and summary."""
    code, summary = STATUS_ERRORS.get(status_code, (None, None))
    if code is None:
        phrase = HTTPStatus(status_code).phrase if status_code in HTTPStatus else "Error"
        code, summary = phrase.lower().replace(" ", "_").replace("-", "_"), f"{phrase}."
    return json_error_response(status_code, code, detail or summary)


def as_api_error(response):
    """``response``, an error Django answered in HTML or without a body, in the API's
    format: the same status, and the headers that tell the client what to do next."""
    replacement = status_error_response(response.status_code)
    for header in KEPT_HEADERS:
        if header in response:
            replacement[header] = response[header]
    replacement.cookies = response.cookies
    return replacement


def api_not_found(request, exception=None):
    return status_error_response(404)


def api_server_error(request):
    return status_error_response(500)


def unhandled_exception_response(exc) -> Response:
    """The answer for an exception nothing else handled: logged, never a traceback."""
    logger.exception("Unhandled API error", exc_info=exc)
    return Response(error_body(500, "server_error", "Internal server error."), status=500)
