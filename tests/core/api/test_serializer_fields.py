"""Model serializers work their fields out once per class and give each instance copies."""

import pytest
from rest_framework import serializers

from claims.api.serializers import ClaimCreatedSerializer, ClaimSerializer
from claims.models import Claim
from core.api.serializers import ModelSerializer


class _TopicNamesSerializer(ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "language"]


@pytest.fixture
def builds(monkeypatch):
    """Counts DRF's own field building, per serializer class."""
    counted: dict[type, int] = {}
    drf_get_fields = serializers.ModelSerializer.get_fields

    def counting(self):
        counted[type(self)] = counted.get(type(self), 0) + 1
        return drf_get_fields(self)

    monkeypatch.setattr(serializers.ModelSerializer, "get_fields", counting)
    monkeypatch.delattr(_TopicNamesSerializer, "_fields_built", raising=False)
    return counted


def test_fields_are_built_once_per_class(builds):
    first = _TopicNamesSerializer().fields
    second = _TopicNamesSerializer().fields
    assert builds == {_TopicNamesSerializer: 1}
    assert list(first) == list(second) == ["id", "text", "language"]


def test_each_serializer_has_fields_of_its_own(builds):
    first, second = _TopicNamesSerializer(), _TopicNamesSerializer()
    assert first.fields["text"] is not second.fields["text"]
    assert first.fields["text"].parent is first
    assert second.fields["text"].parent is second
    first.fields.pop("language")
    assert "language" in second.fields
    assert "language" in _TopicNamesSerializer().fields


def test_the_copies_keep_what_the_model_gives_each_field(builds):
    _TopicNamesSerializer().fields  # noqa: B018 (builds the class's fields)
    fields = _TopicNamesSerializer().fields
    fresh = serializers.ModelSerializer.get_fields(_TopicNamesSerializer())
    for name, field in fresh.items():
        copied = fields[name]
        assert type(copied) is type(field)
        assert copied.read_only == field.read_only
        assert copied.required == field.required
        assert getattr(copied, "max_length", None) == getattr(field, "max_length", None)
        assert [type(v) for v in copied.validators] == [type(v) for v in field.validators]


def test_a_subclass_builds_its_own_fields():
    created = set(ClaimCreatedSerializer().fields)
    plain = set(ClaimSerializer().fields)
    assert created - plain == {"similar"}
    assert set(ClaimSerializer().fields) == plain


@pytest.mark.django_db
def test_validation_errors_are_not_carried_between_instances():
    invalid = _TopicNamesSerializer(data={"text": "", "language": "xx-not-a-code"})
    assert not invalid.is_valid()
    assert "text" in invalid.errors
    valid = _TopicNamesSerializer(data={"text": "A claim.", "language": "en"})
    assert valid.is_valid(), valid.errors


class _NestingSerializer(ModelSerializer):
    """A plain field, a list holding a field, a related field, a nested serializer."""

    names = serializers.ListField(child=serializers.CharField(max_length=5), required=False)
    inner = _TopicNamesSerializer(read_only=True, source="*")

    class Meta:
        model = Claim
        fields = ["id", "text", "names", "inner"]


def test_the_class_s_fields_are_never_bound():
    _NestingSerializer().fields  # noqa: B018 (builds the class's fields)
    _NestingSerializer().fields  # noqa: B018
    for field in _NestingSerializer._fields_built.values():
        assert getattr(field, "parent", None) is None
        assert getattr(field, "field_name", None) is None


def test_a_field_holding_fields_is_copied_with_them():
    first, second = _NestingSerializer(), _NestingSerializer()
    assert first.fields["names"].child is not second.fields["names"].child
    assert first.fields["names"].child.parent is first.fields["names"]
    assert first.fields["names"].child.root is first
    assert first.fields["inner"] is not second.fields["inner"]
    assert first.fields["inner"].fields["text"].root is first


def test_binding_a_copy_leaves_the_others_as_they_were():
    first = _NestingSerializer().fields["text"]
    second = _NestingSerializer().fields["text"]
    first.label = "Changed"
    first.validators.append(lambda value: None)  # a list of its own, as DRF gives each copy
    assert second.label != "Changed"
    assert len(first.validators) == len(second.validators) + 1
    assert second.source_attrs == ["text"]


@pytest.mark.django_db
def test_copies_validate_as_the_fields_they_copy():
    valid = _NestingSerializer(data={"text": "A claim.", "names": ["short"]})
    assert valid.is_valid(), valid.errors
    invalid = _NestingSerializer(data={"text": "", "names": ["far too long"]})
    assert not invalid.is_valid()
    assert set(invalid.errors) == {"text", "names"}
