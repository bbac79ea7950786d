"""Base serializers: writes go through services, related objects are brief, ids are bounded."""

import copy
import functools
from collections.abc import Mapping
from urllib.parse import urlsplit

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Manager
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.reverse import reverse

from core import dates
from core.compiled import object_by_pk
from core.history import acting_as
from core.services import instance_save
from core.validators import MAX_BIGINT

from .errors import validation_messages
from .renderers import FastJSONRenderer

_MISSING = object()


def _comparable(value):
    """A JSON value as a client may echo it: absolute URLs reduced to their path and query,
    since the client may have read them through another host or scheme."""
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            parts = urlsplit(value)
            return f"{parts.path}?{parts.query}" if parts.query else parts.path
        return value
    if isinstance(value, Mapping):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_comparable(item) for item in value]
    return value


# Fields that hold fields of their own, bound to them: copied whole, as DRF copies fields.
_NESTING_FIELDS = (
    serializers.BaseSerializer,
    serializers.ListField,
    serializers.DictField,
    serializers.ManyRelatedField,
)


def field_copy(field: serializers.Field) -> serializers.Field:
    """A copy of an unbound field for one serializer to bind.

    DRF deep-copies a field by making it again from its arguments, and deep-copies those
    (a related field's queryset with its query, a choice field's choices): a quarter of what a
    serializer costs to make. A field holds no state of its own until it is bound, and
    binding only sets attributes (its name, parent, label, source), so a copy of its
    attributes is a field of its own, with a list of validators of its own as DRF gives each
    copy; what they refer to (the validators, querysets, choices) is only read, as DRF
    itself shares validators between copies. A field holding fields is deep-copied as DRF
    does, since binding it binds them too.
    """
    if isinstance(field, _NESTING_FIELDS):
        return copy.deepcopy(field)
    copied = object.__new__(type(field))
    copied.__dict__.update(field.__dict__)
    if "_validators" in copied.__dict__:
        copied._validators = list(copied._validators)
    return copied


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer, its fields worked out from the model once per class.

    Working them out (the model's fields, each one's arguments, its uniqueness validators)
    costs about twice what copying them does, and DRF did it for every serializer made: a
    claim's creation and its answer make a dozen. The fields depend on the class alone (its
    ``Meta`` and declared fields), never on the instance, data or context; each serializer
    still gets copies of its own (``field_copy``), since binding changes them.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built")
        if built is None:
            built = super().get_fields()
            cls._fields_built = built
        return {name: field_copy(field) for name, field in built.items()}


class StrictFieldsMixin:
    """A body field the serializer does not write is a 400 on that field, never dropped.

    - A name the serializer does not know (``"url"`` for a source's address, which is
      ``web_url``; a misspelt field) is refused, with the writable fields in the message.
    - A read-only field of the representation (``id``, ``url``, ``display``,
      ``created_at``…) is accepted and ignored on an update when its value is the object's
      current one, as when a client sends back what it read (URLs compared without their
      scheme and host); any other value, and any read-only field in a creation, is refused:
      the client meant to set something the server sets.
    """

    READ_ONLY_MESSAGE = (
        "Read-only: the server sets this field. Leave it out, or send it back unchanged."
    )

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = self.body_field_errors(data)
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def body_field_errors(self, data: Mapping) -> dict[str, list[str]]:
        fields = self.fields
        writable = [name for name, field in fields.items() if not field.read_only]
        errors = {}
        for name in data:
            field = fields.get(name)
            if field is not None and not field.read_only:
                if (message := self._type_error(field, data[name])) is not None:
                    errors[name] = [message]
                continue
            if field is None:
                message = f"Unknown field; the writable ones: {', '.join(writable)}."
            elif self._echoes(field, data[name]):
                continue
            else:
                message = self.READ_ONLY_MESSAGE
            # A model field written under another name (a source's url is ``web_url``).
            alias = next((other for other in writable if fields[other].source == name), None)
            if alias is not None:
                message += f" The value stored as “{name}” is written through “{alias}”."
            errors[name] = [message]
        return errors

    @staticmethod
    def _type_error(field, value) -> str | None:
        """Each value has the JSON type the schema gives its field, as the API answers it:
        a number sent for a text is refused, not turned into its digits; a decimal sent as a
        number (a binary float, rounded before it arrives) is refused, not guessed at; ``0``
        or ``"true"`` for a boolean and ``"5"`` for an integer are refused, not converted."""
        if value is None:
            return None
        if isinstance(field, serializers.BooleanField):
            return None if isinstance(value, bool) else "Must be true or false."
        if isinstance(field, serializers.IntegerField):
            integer = isinstance(value, int) and not isinstance(value, bool)
            return None if integer else "A valid integer is required."
        if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
            if not isinstance(value, list):
                return "Expected a list of items."
            child = getattr(field, "child", None)  # a list of ids checks its own items
            errors = (StrictFieldsMixin._type_error(child, item) for item in value if child)
            return next((error for error in errors if error is not None), None)
        if isinstance(value, str):
            return None
        if isinstance(field, serializers.DecimalField):
            return 'Send the number as a string, such as "3500" or "0.25".'
        if isinstance(field, serializers.CharField):
            return "Not a valid string."
        return None

    def _echoes(self, field, value) -> bool:
        """Whether ``value`` is what the object being updated shows for ``field``."""
        if self.instance is None or isinstance(self.instance, list | tuple):
            return False
        current = self._current(field)
        if current is _MISSING:
            return False
        current = orjson.loads(FastJSONRenderer().render(current) or b"null")
        return _comparable(current) == _comparable(value)

    def _current(self, field):
        try:
            attribute = field.get_attribute(self.instance)
        except SkipField:
            return _MISSING
        check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check is None else field.to_representation(attribute)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    """A request body of named fields only (see ``StrictFieldsMixin``)."""


class RelatedIdField(serializers.PrimaryKeyRelatedField):
    """A foreign key given by id; ids beyond 64 bits are refused, not sent to the database.

    An id is a JSON integer, as the schema says: its digits as a string are refused, and a
    number with a fraction, even ``1.0``, is refused rather than truncated to another
    object's id.
    """

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "out_of_range": "Invalid pk “{pk_value}”: object does not exist.",
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < data <= MAX_BIGINT:
            self.fail("does_not_exist", pk_value=data)
        if self.pk_field is None and _by_integer_pk(self.queryset):
            found = object_by_pk(self.queryset, data)
            if found is None:
                self.fail("does_not_exist", pk_value=data)
            return found
        return super().to_internal_value(data)


def _by_integer_pk(queryset) -> bool:
    """Whether ``queryset`` is a manager of a model with an integer primary key of its own:
    its objects are then read by a compiled query (``object_by_pk``), which a queryset of
    its own (filtered, say) would not be."""
    if not isinstance(queryset, Manager):
        return False
    pk = queryset.model._meta.pk
    return isinstance(pk, models.IntegerField) and not pk.is_relation


# The fields WithdrawalFields adds, for the serializers' Meta.fields.
WITHDRAWAL_FIELDS = ["withdrawn_at", "withdrawn_by", "withdrawal_reason"]


class WithdrawalFields(serializers.Serializer):
    """Whether, when, by whom and why a withdrawable object was withdrawn (read-only: use the
    object's ``withdraw`` and ``reinstate`` actions)."""

    withdrawn_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When it was withdrawn; null while it is current. A withdrawn object stays "
        "at its address and out of lists (see their `withdrawn` parameter).",
    )
    withdrawn_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The username of who withdrew it.",
    )
    withdrawal_reason = serializers.CharField(read_only=True, help_text="Why it was withdrawn.")


class ReasonSerializer(StrictFieldsMixin, serializers.Serializer):
    """The body of ``withdraw``: why (required, shown beside the withdrawn object)."""

    reason = serializers.CharField(max_length=10_000, help_text="Why it is withdrawn.")


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": dates.PARTIAL_DATE_PATTERN},
        ],
        "nullable": True,
        "example": "2020-07",
    }
)
class PartialDateField(serializers.DateField):
    """A date as precisely as it is known: ``2020-07-17``, ``2020-07`` or ``2020``."""

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                partial = dates.parse_partial(value)
            except ValueError:
                self.fail("invalid", format="YYYY, YYYY-MM or YYYY-MM-DD")
            if partial is not None:
                return partial
        return super().to_internal_value(value)


class ServiceSerializer(StrictFieldsMixin, ModelSerializer):
    """A model serializer whose writes call the model's service.

    The service validates the whole model (``full_clean``), so the API answers with the same
    field errors as the admin. Subclasses name their service in ``save_with_service``.

    The date fields of the model's ``PARTIAL_DATES`` (date field → its precision field) also
    take a year or a month (``PartialDateField``), which sets the precision when none is sent.
    """

    serializer_related_field = RelatedIdField

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in getattr(self.Meta.model, "PARTIAL_DATES", {}):
            field_class = PartialDateField
        return field_class, kwargs

    def validate(self, attrs):
        attrs = super().validate(attrs)
        implied: dict[str, dict[str, str]] = {}
        for date_name, precision_name in getattr(self.Meta.model, "PARTIAL_DATES", {}).items():
            value = attrs.get(date_name)
            if isinstance(value, dates.PartialDate):
                attrs[date_name] = value.as_date()
                implied.setdefault(precision_name, {})[date_name] = value.precision
        for precision_name, given in implied.items():
            attrs.update(self._precision_of(precision_name, given, attrs))
        return attrs

    def _precision_of(self, precision_name: str, given: dict[str, str], attrs) -> dict:
        """The precision that goes with dates given as a year or a month: the one sent, if
        they are not more precise than it says, else the one they give."""
        sent = attrs.get(precision_name)
        if sent is not None:
            errors = {
                name: [
                    f"This date gives a {precision}; with the {sent} precision, give the "
                    f"{sent} too, or send {precision_name} “{precision}”."
                ]
                for name, precision in given.items()
                if dates.finer(sent, precision)
            }
            if errors:
                raise serializers.ValidationError(errors)
            return {}
        if len(set(given.values())) > 1:
            raise serializers.ValidationError(
                {precision_name: ["The dates give different precisions: choose one."]}
            )
        return {precision_name: next(iter(given.values()))}

    def get_validators(self):
        # Model validation (constraints included) runs in the service.
        return []

    def save_with_service(self, instance, m2m: dict, user):
        instance_save(instance=instance, user=user)
        with acting_as(user):
            for name, values in m2m.items():
                getattr(instance, name).set(values)
        return instance

    def _split_m2m(self, validated_data: dict) -> dict:
        m2m_names = {field.name for field in self.Meta.model._meta.many_to_many}
        return {name: validated_data.pop(name) for name in m2m_names & set(validated_data)}

    def _save(self, instance, validated_data):
        m2m = self._split_m2m(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        user = self.context["request"].user if "request" in self.context else None
        try:
            # No savepoint of its own: a refusal ends the request's transaction (the views
            # write in one, and the error handler rolls it back), so there is nothing to keep.
            with transaction.atomic(savepoint=False):
                return self.save_with_service(instance, m2m, user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_messages(error)) from error

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


@functools.lru_cache(maxsize=256)
def _detail_path_prefix(view_name: str, script_prefix: str, urlconf) -> str | None:
    path = django_reverse(view_name, kwargs={"pk": 1}, urlconf=urlconf)
    return path.removesuffix("1/") if path.endswith("/1/") else None


def _absolute_uri(request, path: str) -> str:
    """``request.build_absolute_uri(path)`` for a path ``reverse()`` made (quoted, from the
    root): the request's root is made absolute once, and each path follows it."""
    root = request.__dict__.get("_absolute_root")
    if root is None:
        root = request.__dict__["_absolute_root"] = request.build_absolute_uri("/")
    return root[:-1] + path


def detail_url_prefix(view_name: str, request) -> str | None:
    """What the API URL of every object of a detail route starts with, its id following.

    Every detail route ends in ``/<pk>/``, so the URL of id 1 gives the prefix of all the
    others: its path is reversed once per process, and made absolute once per request. None
    for a route of another shape.
    """
    prefixes = request.__dict__.setdefault("_detail_url_prefixes", {})
    if view_name not in prefixes:
        if getattr(request, "versioning_scheme", None) is not None:
            sample = reverse(view_name, kwargs={"pk": 1}, request=request)
            prefix = sample.removesuffix("1/") if sample.endswith("/1/") else None
        else:
            path = _detail_path_prefix(view_name, get_script_prefix(), get_urlconf())
            prefix = None if path is None else _absolute_uri(request, path)
        prefixes[view_name] = prefix
    return prefixes[view_name]


class DetailUrlField(serializers.HyperlinkedIdentityField):
    """An object's API URL, reversed once per request and route rather than once per row."""

    def get_url(self, obj, view_name, request, format):
        if obj.pk is None:
            return None
        prefix = None
        if request is not None and not format and self.lookup_field == "pk":
            prefix = detail_url_prefix(view_name, request)
        if prefix is None:
            return super().get_url(obj, view_name, request, format)
        return f"{prefix}{obj.pk}/"


class BriefSerializer(ModelSerializer):
    """The few fields that identify an object, for lists and nested references."""

    display = serializers.CharField(source="__str__", read_only=True)


class BriefRelatedField(RelatedIdField):
    """A related object written as its id and read as its brief representation."""

    def __init__(self, brief_serializer, **kwargs):
        self.brief_serializer = brief_serializer
        super().__init__(**kwargs)

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        return self.brief_serializer(value, context=self.context).data


class BriefRelatedFieldSchema(OpenApiSerializerFieldExtension):
    """In the OpenAPI schema, an id in requests and the brief object in responses."""

    target_class = BriefRelatedField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        return auto_schema.resolve_serializer(self.target.brief_serializer, direction).ref
