"""OpenAPI: every operation documents its error responses, ETag headers and auth scheme."""

import copy

from django.core.validators import RegexValidator
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance, get_lib_doc_excludes
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from core.filtersets import DecimalFilter, TextFilter

from .serializers import StrictFieldsMixin, StrictSerializer
from .viewsets import CheckedRequestMixin, ServiceViewSet


def lib_doc_excludes() -> list[type]:
    """Classes whose docstrings describe no object of the API (``GET_LIB_DOC_EXCLUDES``):
    drf-spectacular's, and the bases that add behaviour to serializers and views."""
    return [*get_lib_doc_excludes(), StrictFieldsMixin, StrictSerializer, CheckedRequestMixin]


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
    "400": (
        "Invalid input: the `errors` member lists the problems by field (query parameters "
        "included: unknown filter values, malformed cursors, text with NUL bytes or unpaired "
        "surrogates)."
    ),
    "401": "Not authenticated: send `Authorization: Bearer <token>` or log in.",
    "403": "Authenticated, but without the permission this needs (or, with a session, "
    "without the CSRF token).",
    "404": "No such object.",
    "406": "The `Accept` header asks for a format the API cannot send: accept `application/json`.",
    "409": "Conflicts with the record, e.g. deleting what others depend on.",
    "412": "`If-Match` does not match the object's current ETag: it changed since you read it. "
    "Nothing was changed.",
    "413": "The request body is too large.",
    "414": "The URL (path and query, as sent) is longer than the API takes "
    "(`API_MAX_URL_LENGTH`, 4096 characters by default).",
    "415": "Unsupported content type: send `application/json`.",
    "429": "Too many requests: slow down (see `Retry-After`).",
    "503": "The database cannot be reached, or (claim matching) the server is building its "
    "index of the claims: retry after the seconds in `Retry-After`.",
}

ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=["200", "201", "304"],
    description="A strong ETag of the object's full representation, the same whoever reads it "
    "and through whichever host; send it back in `If-Match` to update or delete only what "
    "you read.",
)
RETRY_AFTER_HEADER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=["429", "503"],
    description="Seconds to wait before the next request.",
)
AUTHENTICATE_HEADER = OpenApiParameter(
    "WWW-Authenticate",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=["401"],
    description='The scheme to authenticate with: `Bearer realm="api"`.',
)


class ApiAutoSchema(AutoSchema):
    """The project's schema: error responses, ETag and conditional headers, shape parameters."""

    def _is_service_view(self) -> bool:
        return isinstance(self.view, ServiceViewSet)

    def _is_detail(self) -> bool:
        return bool(getattr(self.view, "detail", False))

    def _has_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH")

    def _is_conditional(self) -> bool:
        """Operations that honour ``If-Match``: updates and deletions of objects, and
        the detail actions a viewset names in ``conditional_actions`` (workflow steps)."""
        action = getattr(self.view, "action", None)
        return (
            self._is_service_view()
            and self._is_detail()
            and (
                action in ("update", "partial_update", "destroy")
                or action in getattr(self.view, "conditional_actions", ())
            )
        )

    def _is_retrieve(self) -> bool:
        return self._is_service_view() and getattr(self.view, "action", None) == "retrieve"

    def error_codes(self) -> list[str]:
        # Any request can be refused for its URL or its credentials, or throttled, and
        # finds the database out of reach.
        codes = {"400", "401", "403", "406", "414", "429", "503"}
        if self._is_detail():
            codes.add("404")
        if self._has_body():
            codes |= {"413", "415"}
        if self._is_service_view() and self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.add("409")
        if self._is_conditional():
            codes.add("412")
        return sorted(codes)

    def _has_shapes(self) -> bool:
        """GET operations whose objects take ``?brief=`` and ``?fields=``."""
        return (
            self.method == "GET"
            and self._is_service_view()
            and not isinstance(self, DocumentSchema)
            and getattr(self.view, "serializer_class", None) is not None
        )

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        self._shaping = self._has_shapes() and status_code == "200"
        try:
            return super()._get_response_for_code(serializer, status_code, media_types, direction)
        finally:
            self._shaping = False

    def resolve_serializer(self, serializer, direction, bypass_extensions=False):
        if getattr(self, "_shaping", False):
            self._shaping = False  # the response's own object; nested ones resolve as usual
            view = self.view
            if type(force_instance(serializer)) in (
                view.serializer_class,
                getattr(view, "brief_serializer_class", None),
            ):
                return self._representations(direction)
        return super().resolve_serializer(serializer, direction, bypass_extensions)

    def _representations(self, direction):
        """Every shape an object of this resource is answered in: full or brief
        (``?brief=``), each whole or cut to the fields ``?fields=`` names."""
        view = self.view
        classes = [view.serializer_class]
        if getattr(view, "brief_serializer_class", None) is not None:
            classes.append(view.brief_serializer_class)
        variants = []
        for serializer_class in classes:
            whole = super().resolve_serializer(serializer_class, direction)
            variants += [whole.ref, self._cut_to_fields(whole).ref]
        full = super().resolve_serializer(view.serializer_class, direction)
        component = ResolvedComponent(
            name=f"{full.name}Representation",
            type=ResolvedComponent.SCHEMA,
            object=f"{full.name}Representation",
            schema={
                "anyOf": variants,
                "description": "The object in full or brief (`?brief=`), whole or with only "
                "the fields `?fields=` names (and `id`).",
            },
        )
        self.registry.register_on_missing(component)
        return component

    def _cut_to_fields(self, whole):
        schema = copy.deepcopy(whole.schema)
        schema.pop("required", None)
        if "id" in schema.get("properties", {}):
            schema["required"] = ["id"]
        schema["description"] = f"{whole.name} with only the fields `?fields=` names (and `id`)."
        component = ResolvedComponent(
            name=f"{whole.name}Fields",
            type=ResolvedComponent.SCHEMA,
            object=f"{whole.name}Fields",
            schema=schema,
        )
        self.registry.register_on_missing(component)
        return component

    def _shape_field_names(self) -> list[str]:
        return sorted(self.view.shape_field_names())

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = ERRORS[code]
                responses[code] = response
        if self._is_retrieve() and "200" in responses:
            responses["304"] = {
                "description": "Not modified: `If-None-Match` matched the ETag.",
                **self._headers_of("304", direction),
            }
        return dict(sorted(responses.items()))

    def _headers_of(self, status_code, direction):
        headers = self._get_response_headers_for_code(status_code, direction)
        return {"headers": headers} if headers else {}

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        # A body with a field these do not list is refused (core.api.serializers); the
        # read-only fields a client may send back unchanged are not part of a request.
        if (
            direction == "request"
            and isinstance(force_instance(serializer), StrictFieldsMixin)
            and schema.get("properties")
        ):
            schema["additionalProperties"] = False
        return schema

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        parameters += [RETRY_AFTER_HEADER, AUTHENTICATE_HEADER]
        if not self._is_service_view():
            return parameters
        action = getattr(self.view, "action", None)
        if action in ("retrieve", "create", "update", "partial_update") or action in getattr(
            self.view, "conditional_actions", ()
        ):
            parameters.append(ETAG_HEADER)
        if self._is_conditional():
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=(
                        "Optional (never answered with 428). The ETag from your last read; if "
                        "the object changed since, the request answers 412 and changes nothing."
                    ),
                )
            )
        if action == "retrieve":
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="Optional. An ETag; answers 304 when the object still has it.",
                )
            )
        if self.method == "GET":
            parameters += [
                OpenApiParameter(
                    "fields",
                    {
                        "type": "array",
                        "items": {"type": "string", "enum": self._shape_field_names()},
                    },
                    OpenApiParameter.QUERY,
                    style="form",
                    explode=False,
                    description=(
                        "Comma-separated fields to keep in each object (`id` is always kept), "
                        "among those of the full and the brief form; a field the form answered "
                        "does not have is left out, an unknown one answers 400."
                    ),
                ),
                OpenApiParameter(
                    "brief",
                    OpenApiTypes.BOOL,
                    OpenApiParameter.QUERY,
                    description=(
                        "`true` for the brief representation, `false` for the full one. "
                        "Lists are brief by default, details full."
                    ),
                ),
            ]
        return parameters


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token: `Authorization: Bearer ct_…`. Create one with "
                "`python manage.py create_api_token USERNAME` or `POST /api/v1/tokens/`."
            ),
        }


class ApiFilterExtension(DjangoFilterExtension):
    """django-filter's parameters, each described by its filter's ``help_text``.

    drf-spectacular drops the help text of a filter whose schema is given explicitly
    (``extend_schema_field``, as the id filters do).
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        help_text = filter_field.extra.get("help_text")
        for parameter in parameters:
            if help_text and not parameter.get("description"):
                parameter["description"] = str(help_text)
            if isinstance(filter_field, DecimalFilter):
                parameter["schema"] = filter_field.schema
            elif isinstance(filter_field, TextFilter):
                parameter["schema"] = {**parameter["schema"], **text_filter_format(filter_field)}
        return parameters


def text_filter_format(filter_field) -> dict:
    """The pattern and length of a text filter whose value has a format (``TextFilter``
    takes those as sent, spaces included)."""
    patterns = [
        validator.regex.pattern
        for validator in filter_field.extra.get("validators", ())
        if isinstance(validator, RegexValidator)
    ]
    if not patterns:
        return {}
    return {"pattern": patterns[0], "maxLength": filter_field.extra["max_length"]}


class DocumentSchema(ApiAutoSchema):
    """A read-only document beside a record: the record's shape parameters do not apply."""

    SHAPE_PARAMETERS = frozenset({"fields", "brief"})

    def get_override_parameters(self):
        return [
            parameter
            for parameter in super().get_override_parameters()
            if getattr(parameter, "name", None) not in self.SHAPE_PARAMETERS
        ]


def allow_empty_query_values(result, generator, request, public):
    """``POSTPROCESSING_HOOKS``: an empty query parameter (``?updated_before=``, as a form
    sends an empty field) means the parameter is not given, so the schema allows it."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", ()) if isinstance(operation, dict) else ():
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result
