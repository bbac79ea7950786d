"""The base viewset every resource uses: thin subclasses name a queryset, serializers, filters."""

import functools
import hashlib
import re
from urllib.parse import urlsplit

import orjson
from django import forms
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.relations import Hyperlink
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.services import instance_delete, instance_reinstate, instance_withdraw
from core.text import has_forbidden_characters

from .errors import PreconditionFailed
from .permissions import ModelPermissions
from .renderers import FastJSONRenderer, fast_json, renderer_default
from .serializers import ReasonSerializer

# Primary keys are 64-bit: a longer number is no object's id (and would overflow the database).
ID_PATTERN = r"[0-9]{1,18}"
# The values ``?brief=`` takes; an empty one is the default.
BRIEF_VALUES = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def _without_reader_fields(data, reader_fields):
    """The representation as whoever reads it sees it: the top-level ``reader_fields`` (what
    the reader may do with the object, say) left out."""
    if reader_fields and isinstance(data, dict):
        return {key: value for key, value in data.items() if key not in reader_fields}
    return data


# A link as the API writes it: http(s), a host, then a path and a query, nothing that
# ``urlsplit`` would drop or read otherwise (a fragment, an empty query, tabs or new lines).
_PLAIN_LINK = re.compile(
    r"https?://[A-Za-z0-9.:_~%@!$&'()*+,;=-]*(?P<path>(?:/[^?#\t\r\n]*)?(?:\?[^#\t\r\n]+)?)"
)


def _path_of(link: Hyperlink) -> str:
    """The link's path and query, as ``urlsplit`` reads them (a detail's ETag reads dozens)."""
    if plain := _PLAIN_LINK.fullmatch(link):
        return plain["path"]
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _without_hosts(value):
    if isinstance(value, Hyperlink):
        return _path_of(value)
    if isinstance(value, dict):
        return {key: _without_hosts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_hosts(item) for item in value]
    return value


def _canonical_default(value):
    """What orjson asks of a value it passes through (``OPT_PASSTHROUGH_SUBCLASS``): a
    link's path, any other subclass of a JSON type as that type, the rest as the renderer
    writes it."""
    if isinstance(value, Hyperlink):
        return _path_of(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    if isinstance(value, int):
        return int(value)
    return renderer_default(value)


def etag_of(data, reader_fields=()) -> str:
    """A strong ETag: the SHA-256 of the JSON of the representation's canonical form, so
    that it changes with the object and nothing else (not the host, not the reader): its
    links (DRF's ``Hyperlink`` values) without the scheme and host, which come from the
    request, and without the ``reader_fields``.

    orjson writes the canonical form in one pass, handing each link to
    ``_canonical_default``; what orjson refuses is made canonical first and rendered as the
    API renders it.
    """
    data = _without_reader_fields(data, reader_fields)
    try:
        body = fast_json(data, default=_canonical_default, option=orjson.OPT_PASSTHROUGH_SUBCLASS)
    except orjson.JSONEncodeError:
        body = FastJSONRenderer().render(_without_hosts(data))
    return f'"{hashlib.sha256(body).hexdigest()}"'


@functools.cache
def field_names(serializer_class) -> frozenset[str]:
    return frozenset(serializer_class().fields)


def reader_fields_of(serializer_class) -> tuple[str, ...]:
    """The fields of a representation that depend on who reads it
    (``Meta.reader_fields``): they are shown, and left out of its ETag."""
    return tuple(getattr(getattr(serializer_class, "Meta", None), "reader_fields", ()))


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [part.strip() for part in header.split(",")]
    return "*" in candidates or etag in candidates


# Methods that read: only they take the parameters that shape, filter, order and page.
READ_METHODS = frozenset({"GET", "HEAD"})
# Known query parameters, per view class, action, detail route or not, and reading or not.
_known_parameters: dict[tuple, frozenset[str]] = {}


def _filter_parameter_names(filterset_class) -> set[str]:
    """The query parameters a FilterSet reads: one per filter, or one per part of a filter
    whose widget has several (a range's ``_min`` and ``_max``)."""
    names = set()
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.field.widget
        if isinstance(widget, forms.MultiWidget):
            names.update(f"{name}{suffix}" for suffix in widget.widgets_names)
        else:
            names.add(name)
    return names


class CheckedRequestMixin:
    """What every API view checks of a request before authenticating it.

    First the method: one the endpoint never allows answers 405, with ``Allow``. DRF
    authenticates and checks permissions before it looks for the method's handler, so a
    user without the permission a method would need (``delete_review`` for a DELETE of a
    review, which no one may delete) got a 403, as if the method existed. Which methods an
    endpoint allows is public (the OpenAPI schema): anonymous requests get the 405 too.

    Then the query string (``check_query``): a parameter the endpoint does not take is a
    400 naming it, rather than ignored (``?deniedby=Moscow`` would answer every claim).
    The known ones are those the OpenAPI schema documents for the operation, and ``format``:
    on a collection's GET, the FilterSet's filters, ``ordering`` where the view orders, the
    paginator's ``cursor`` and ``page_size``, and what any other filter backend documents; on
    every GET, ``shape_parameters``; and what a view or action adds in
    ``extra_query_parameters``.
    """

    # Parameters every read of the view takes, when it has a serializer whose output they
    # shape (ServiceViewSet: ``brief`` and ``fields``).
    shape_parameters: tuple[str, ...] = ()
    # Parameters a view or an action (``@action(extra_query_parameters=…)``) reads itself.
    extra_query_parameters: tuple[str, ...] = ()
    # The largest body an action takes when over API_MAX_BODY_BYTES (``@action(
    # max_body_bytes=…)``, a file upload): ``core.middleware`` reads it before the view runs.
    max_body_bytes: int | None = None

    def initial(self, request, *args, **kwargs):
        self.check_method(request)
        self.check_query(request)
        super().initial(request, *args, **kwargs)

    def check_method(self, request) -> None:
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)

    def check_query(self, request) -> None:
        """Refuse a query string the view cannot use (400)."""
        if not request.query_params:
            return
        known = self.known_query_parameters(request)
        unknown = sorted(name for name in request.query_params if name not in known)
        if unknown:
            listed = ", ".join(sorted(known))
            message = f"Unknown query parameter; the known ones here: {listed}."
            raise exceptions.ValidationError({name: [message] for name in unknown})

    def known_query_parameters(self, request) -> frozenset[str]:
        reading = request.method in READ_METHODS
        key = (type(self), getattr(self, "action", None), getattr(self, "detail", None), reading)
        known = _known_parameters.get(key)
        if known is None:
            known = _known_parameters[key] = frozenset(self._query_parameters(reading))
        return known

    def _query_parameters(self, reading: bool) -> set[str]:
        names = {api_settings.URL_FORMAT_OVERRIDE, *self.extra_query_parameters}
        if not reading:
            return names
        if getattr(self, "serializer_class", None) is not None:
            names.update(self.shape_parameters)  # nothing to shape without a serializer
        if getattr(self, "detail", None) is not False:
            return names  # a detail (or a view that is neither) is not filtered or paged
        for backend in getattr(self, "filter_backends", ()):
            if issubclass(backend, DjangoFilterBackend):
                filterset_class = getattr(self, "filterset_class", None)
                if filterset_class is not None:
                    names.update(_filter_parameter_names(filterset_class))
            elif issubclass(backend, OrderingFilter):
                names.add(backend.ordering_param)
            else:  # what any other backend documents (``?withdrawn=``)
                names.update(
                    parameter["name"]
                    for parameter in backend().get_schema_operation_parameters(self)
                    if parameter.get("in") == "query"
                )
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            for attribute in (
                "cursor_query_param",
                "page_query_param",
                "page_size_query_param",
                "limit_query_param",
                "offset_query_param",
            ):
                if name := getattr(paginator, attribute, None):
                    names.add(name)
        return names


class ServiceViewSet(CheckedRequestMixin, viewsets.ModelViewSet):
    """List, retrieve, create, update and delete through services, with ETags.

    - lists use ``brief_serializer_class`` (or the full one with ``?brief=false``); details
      use ``serializer_class``; ``?brief=true`` gives the brief form anywhere;
    - ``?fields=a,b`` keeps only those fields of each object;
    - retrieve sends a strong ``ETag`` (``etag_of``: the same through any host, for any
      reader); ``If-None-Match`` answers 304;
    - update and delete honour ``If-Match``: a stale one answers 412 and changes nothing;
    - deleting what others depend on answers 409;
    - a method the endpoint does not allow answers 405 whoever asks (``CheckedRequestMixin``).
    """

    brief_serializer_class = None
    shape_parameters = ("brief", "fields")
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def check_query(self, request) -> None:
        for key, values in request.query_params.lists():
            if has_forbidden_characters(key) or any(map(has_forbidden_characters, values)):
                raise exceptions.ValidationError(
                    {key: ["Query parameters may not contain NUL bytes."]}
                )
        super().check_query(request)
        if self._brief_flag(request) not in ("", *BRIEF_VALUES):
            raise exceptions.ValidationError({"brief": ["Enter true or false."]})

    # Representations

    # Actions whose representation is brief unless ``?brief=false``.
    brief_actions = ("list",)

    @staticmethod
    def _brief_flag(request) -> str:
        if request is None:
            return ""
        return (request.query_params.get("brief") or "").strip().lower()

    def wants_brief(self) -> bool:
        flag = self._brief_flag(getattr(self, "request", None))
        if flag in BRIEF_VALUES:
            return BRIEF_VALUES[flag]
        return self.action in self.brief_actions

    def get_serializer_class(self):
        if self.brief_serializer_class is not None and self.wants_brief():
            return self.brief_serializer_class
        return self.serializer_class

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        wanted = self.wanted_fields()
        if wanted is not None:
            target = getattr(serializer, "child", serializer)
            for name in set(target.fields) - wanted - {"id"}:
                target.fields.pop(name)
        return serializer

    def wanted_fields(self) -> set[str] | None:
        """The fields ``?fields=`` keeps (None: all); an unknown one is a 400."""
        fields = self.request.query_params.get("fields") if self.request else None
        if not fields or self.request.method != "GET":
            return None
        wanted = set(fields.split(","))
        unknown = wanted - self.shape_field_names()
        if unknown:
            names = ", ".join(name or '""' for name in sorted(unknown))
            raise exceptions.ValidationError({"fields": [f"Unknown field(s): {names}."]})
        return wanted

    def shape_field_names(self) -> set[str]:
        """What ``?fields=`` may name: the fields of the full and the brief form (those the
        form answered lacks are simply absent from it)."""
        classes = (self.serializer_class, self.brief_serializer_class)
        return {name for cls in classes if cls is not None for name in field_names(cls)}

    def get_queryset(self):
        """The queryset shaped for the representation the request gets."""
        queryset = super().get_queryset()
        return self.shape_brief(queryset) if self.wants_brief() else self.shape_full(queryset)

    def shape_brief(self, queryset):
        """What brief representations read; override to add what yours shows."""
        return queryset

    def shape_full(self, queryset):
        """What full representations read: the model's ``for_detail()`` by default."""
        return queryset.for_detail() if hasattr(queryset, "for_detail") else queryset

    # Concurrency

    def representation_etag(self, data) -> str:
        """The ETag of ``data``, a full representation (``serializer_class``'s)."""
        return etag_of(data, reader_fields_of(self.serializer_class))

    def current_etag(self, instance) -> str:
        serializer = self.serializer_class(instance, context=self.get_serializer_context())
        for name in reader_fields_of(self.serializer_class):
            serializer.fields.pop(name, None)  # left out of the ETag: not even computed
        return etag_of(serializer.data)

    def check_if_match(self, instance) -> None:
        header = self.request.headers.get("If-Match")
        if not header:
            return
        # A body that is not JSON is a 400 whatever the object's state: it is read first.
        self.request.data  # noqa: B018 (parses the body, or raises ParseError)
        if not _etag_matches(header, self.current_etag(instance)):
            raise PreconditionFailed()

    def get_object_for_write(self):
        """The object, its row locked for the rest of the transaction so If-Match cannot race.

        The row is locked on the bare table first and read afterwards: the read then sees
        whatever a concurrent writer committed while holding the lock, and the annotations
        of the representation never meet FOR UPDATE (PostgreSQL refuses it with GROUP BY).
        """
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        model = self.get_queryset().model
        list(model._base_manager.select_for_update().filter(**lookup).values_list("pk"))
        return self.get_object()

    def retrieve(self, request, *args, **kwargs):
        self.wanted_fields()  # an unknown field is a 400, even to a conditional request
        instance = self.get_object()
        full = self.serializer_class(instance, context=self.get_serializer_context()).data
        shaped = self.get_serializer_class() is not self.serializer_class or (
            "fields" in request.query_params
        )
        return self.conditional_read(
            full, (lambda: self.get_serializer(instance).data) if shaped else None
        )

    def conditional_read(self, full, shape=None) -> Response:
        """``full`` (or what ``shape()`` returns) with the ETag of ``full``, or 304 when the
        request's ``If-None-Match`` names that ETag. The ETag is always the full
        representation's, whatever shape the request asked for."""
        etag = self.representation_etag(full)
        if _etag_matches(self.request.headers.get("If-None-Match", ""), etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(full if shape is None else shape(), headers={"ETag": etag})

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            instance = serializer.save()
        return self._written(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object_for_write()
            self.check_if_match(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = serializer.save()
        return self._written(instance, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object_for_write()
            self.check_if_match(instance)
            instance_delete(instance=instance, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _written(self, instance, status_code):
        """The saved object as a detail read would show it, with its new ETag."""
        instance = self.read_written(instance.pk)
        data = self.serializer_class(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers={"ETag": self.representation_etag(data)})

    def read_written(self, pk):
        """The object just saved, read again as its detail shows it."""
        return self.get_queryset().get(pk=pk)


class WithdrawPermission(ModelPermissions):
    """Withdrawing or reinstating stands in for deleting: it takes the delete permission."""

    perms_map = {**ModelPermissions.perms_map, "POST": ["%(app_label)s.delete_%(model_name)s"]}


class WithdrawActions:
    """``POST …/{id}/withdraw/`` (with its ``reason``) and ``POST …/{id}/reinstate/`` for a
    viewset of a ``core.models.Withdrawable`` model.

    Both honour ``If-Match`` and answer the object with its new ETag; withdrawing what is
    withdrawn already, or reinstating what is current, is a 400.
    """

    conditional_actions = ("withdraw", "reinstate")

    def _withdrawal(self, request, change) -> Response:
        with transaction.atomic():
            instance = self.get_object_for_write()
            self.check_if_match(instance)
            instance = change(instance)
        return self._written(instance, status.HTTP_200_OK)

    @extend_schema(
        summary="Withdraw it: it stays at its address, out of lists, with who, when and why",
        request=ReasonSerializer,
    )
    @action(detail=True, methods=["post"], permission_classes=[WithdrawPermission])
    def withdraw(self, request, pk=None):
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data["reason"]
        return self._withdrawal(
            request,
            lambda instance: instance_withdraw(instance=instance, user=request.user, reason=reason),
        )

    @extend_schema(summary="Reinstate it: current again, back in lists", request=None)
    @action(detail=True, methods=["post"], permission_classes=[WithdrawPermission])
    def reinstate(self, request, pk=None):
        return self._withdrawal(
            request, lambda instance: instance_reinstate(instance=instance, user=request.user)
        )
