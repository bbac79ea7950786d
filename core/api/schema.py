"""OpenAPI: every operation documents its error responses, ETag headers and auth scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The one error format of the API."""

    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. `invalid`.")
    detail = serializers.CharField(help_text="A human-readable summary.")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="For input errors: field name (or `non_field_errors`) → list of messages.",
    )


ERRORS = {
    "400": "Invalid input: the `errors` member lists the problems by field.",
    "401": "Not authenticated: send `Authorization: Bearer <token>` or log in.",
    "403": "Authenticated, but without the permission this needs.",
    "404": "No such object.",
    "409": "Conflicts with the record, e.g. deleting what others depend on.",
    "412": "`If-Match` does not match the object's current ETag: it changed since you read it.",
    "413": "The request body is too large.",
    "415": "Unsupported content type: send `application/json`.",
    "429": "Too many requests: slow down (see `Retry-After`).",
}


class RecordAutoSchema(AutoSchema):
    def error_codes(self) -> list[str]:
        codes = ["401", "403", "429"]
        if self.method == "GET":
            codes += ["400"] + ([] if self._is_list_view() else ["404"])
        elif self.method == "POST":
            codes += ["400", "404", "409", "413", "415"]
        elif self.method in ("PUT", "PATCH"):
            codes += ["400", "404", "409", "412", "413", "415"]
        elif self.method == "DELETE":
            codes += ["404", "409", "412"]
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = ERRORS[code]
                responses[code] = response
        if self.method == "GET" and not self._is_list_view() and "200" in responses:
            responses["304"] = {"description": "Not modified: `If-None-Match` matched the ETag."}
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in ("PUT", "PATCH", "DELETE") and not self._is_create_operation():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "Optional. The ETag from your last read; if the object changed since, "
                        "the request answers 412 and changes nothing."
                    ),
                )
            )
        if self.method == "GET" and not self._is_list_view():
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="Optional. An ETag; answers 304 when the object still has it.",
                )
            )
        return parameters


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token: `Authorization: Bearer ct_…` (see the README).",
        }
