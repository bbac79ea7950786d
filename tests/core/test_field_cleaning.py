"""Each field's cleaning prepared once per model (``core.cleaning``) comes to Django's outcome:
the same errors, to the letter and in the same order, and the same cleaned values."""

import copy
import datetime
import decimal

import pytest
from django.apps import apps
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cleaning import FieldCleaner, field_cleaners
from core.models import FewQueryValidation

MODELS = sorted(
    (model for model in apps.get_models() if issubclass(model, FewQueryValidation)),
    key=lambda model: model._meta.label,
)


def plain_fields(model) -> list[models.Field]:
    """The fields an instance can be given any value of (no relation, no guarded attribute)."""
    return [
        field
        for field in model._meta.fields
        if not field.is_relation and type(vars(model).get(field.attname)) is DeferredAttribute
    ]


def values_for(field: models.Field):
    """Values of every kind a field may be handed: right, wrong, empty and at its limits."""
    texts = st.text(max_size=12) | st.sampled_from(["\x00", "a\x00b", "\ud800", " ", "en", "Q42"])
    choices = [key for key, _ in field.flatchoices] if field.choices else []
    kinds = [
        st.none(),
        st.just(""),
        texts,
        st.integers(min_value=-(2**65), max_value=2**65),
        st.decimals(allow_nan=False, allow_infinity=False, places=3),
        st.floats(allow_nan=False),
        st.booleans(),
        st.dates(),
        st.datetimes(timezones=st.just(datetime.UTC)),
        st.lists(st.integers(), max_size=2),
    ]
    if choices:
        kinds.append(st.sampled_from(choices))
    limit = getattr(field, "max_length", None)
    if limit:
        kinds.append(st.text(alphabet="ab\x00", min_size=limit - 1, max_size=limit + 1))
    return st.one_of(kinds)


@st.composite
def instances_with_values(draw):
    model = draw(st.sampled_from(MODELS))
    fields = plain_fields(model)
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    return model, {field.attname: draw(values_for(field)) for field in chosen}


def outcome(clean_fields, instance, attnames):
    """The errors of cleaning and the values the instance holds after."""
    try:
        clean_fields(instance, exclude=_not_compared(type(instance)))
        errors = {}
    except ValidationError as error:
        errors = error.message_dict
    except (TypeError, ValueError, OverflowError) as error:  # Django's own, for some values
        errors = type(error).__name__
    return errors, {name: repr(getattr(instance, name)) for name in attnames}


def _not_compared(model) -> set[str]:
    """What neither cleans: relations (Django's check of a related row would ask the
    database; ``test_validation_queries`` covers them) and guarded attributes (a review's
    state, set only by its transitions)."""
    plain = {field.name for field in plain_fields(model)}
    return {field.name for field in model._meta.fields if field.name not in plain}


def made(model, values: dict):
    instance = model()
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


# A date given to a date-and-time field is read as a naive time, with Django's warning.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances_with_values())
def test_a_models_fields_are_cleaned_to_djangos_outcome(drawn):
    model, values = drawn
    attnames = [field.attname for field in model._meta.fields if not field.is_relation]
    instance = made(model, values)
    twin = copy.copy(instance)  # the same values, drawn defaults (a uuid) included
    ours = outcome(lambda obj, exclude: obj.clean_fields(exclude), instance, attnames)
    djangos = outcome(lambda obj, exclude: models.Model.clean_fields(obj, exclude), twin, attnames)
    assert ours == djangos


def starts_with_x(value):
    if not str(value).startswith("x"):
        raise ValidationError("Must start with x.", code="no_x")


class Reversed(models.CharField):
    """A field that cleans in its own way."""

    def clean(self, value, model_instance):
        return super().clean(value, model_instance)[::-1]


def field(kind=models.CharField, **options) -> models.Field:
    made_field = kind(**options)
    made_field.set_attributes_from_name("value")
    return made_field


FIELDS = [
    pytest.param(
        field(
            max_length=6,
            validators=[
                validators.MinLengthValidator(2),
                validators.RegexValidator("y", inverse_match=True),
                validators.ProhibitNullCharactersValidator(),
                starts_with_x,
            ],
        ),
        ["", "x", "xa", "xyz", "xa\x00", "abcdefgh", "xabcdefg", None, 5],
        id="text",
    ),
    pytest.param(
        field(
            models.IntegerField,
            validators=[validators.MinValueValidator(-3), validators.MaxValueValidator(lambda: 7)],
        ),
        [None, "", -4, -3, 7, 8, "12", "x", 2**70],
        id="bounds",
    ),
    pytest.param(
        field(models.DecimalField, max_digits=4, decimal_places=1, null=True, blank=True),
        [None, "", "1.25", "999.9", "9999", decimal.Decimal("NaN"), 1.5, "x"],
        id="decimal",
    ),
    pytest.param(
        field(max_length=3, choices=[("a", "A"), ("Group", [("b", "B"), ("c", "C")])]),
        ["a", "b", "c", "d", "", None, ["a"]],
        id="grouped-choices",
    ),
    pytest.param(field(Reversed, max_length=3), ["abc", "abcd", None], id="own-clean"),
    pytest.param(field(max_length=3, editable=False), [None, "abcd"], id="not-editable"),
]


def result(clean, value):
    try:
        return "value", repr(clean(value, None))
    except (TypeError, ValueError, OverflowError) as error:
        return "raises", type(error).__name__
    except ValidationError as error:
        items = error.error_list
        return "errors", [(item.code, str(item.message % (item.params or {}))) for item in items]


@pytest.mark.parametrize(("model_field", "values"), FIELDS)
def test_each_check_refuses_and_passes_what_the_field_itself_does(model_field, values):
    cleaner = FieldCleaner(model_field)
    outcomes = [result(cleaner.clean, value) for value in values]
    assert outcomes == [result(model_field.clean, value) for value in values]
    assert {kind for kind, _ in outcomes} == {"value", "errors"}  # both kinds are tried


def test_a_field_that_cleans_in_its_own_way_is_cleaned_by_it():
    reversed_field = field(Reversed, max_length=3)
    assert FieldCleaner(reversed_field).clean == reversed_field.clean


def test_a_models_cleaners_are_its_fields_in_order_made_once():
    claim = apps.get_model("claims", "Claim")
    cleaners = field_cleaners(claim)
    assert [cleaner.name for cleaner in cleaners] == [f.name for f in claim._meta.fields]
    assert field_cleaners(claim) is cleaners
