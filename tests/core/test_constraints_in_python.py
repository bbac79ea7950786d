"""A check constraint evaluated in Python (``core.constraints``) answers what the database
answers, for every check constraint of every model, on generated values: NULLs, empty text,
valid and invalid choices and formats, non-ASCII text and newlines, NaN, equal and unequal
numbers and dates. Where Python cannot be as sure, it says so and the database decides."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.constraints import NotInPython, _holds_in_python

APPS = ("claims", "sources", "reviews", "core", "publication")

CHECKED = [
    (model, constraint)
    for model in apps.get_models()
    if model._meta.app_label in APPS and not model.__name__.startswith("Historical")
    for constraint in model._meta.constraints
    if isinstance(constraint, models.CheckConstraint)
]

TEXTS = st.one_of(
    st.sampled_from(["", "x", "en", "EN", "fr-CA", "en-GB-oxford", "Q12", "Q0", "US", "#a0B0c9"]),
    st.sampled_from(["origin", "reports", "between", "exactly", "open", "factual", "0" * 64]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=8),
    st.sampled_from(["en\n", "Q1\n", "ｅｎ", "Q١٢"]),
)
SMALL = st.integers(-2, 3)


def values_for(field: models.Field):
    if isinstance(field, models.BooleanField):
        values = st.booleans()
    elif isinstance(field, models.ForeignKey | models.AutoField | models.IntegerField):
        values = SMALL
    elif isinstance(field, models.DecimalField):
        values = st.one_of(SMALL.map(Decimal), st.decimals(-3, 3, places=2))
    elif isinstance(field, models.FloatField):
        values = st.one_of(st.floats(-1, 2), st.just(float("nan")))
    elif isinstance(field, models.DateTimeField):
        values = st.sampled_from(
            [datetime.datetime(2020, 1, d, tzinfo=datetime.UTC) for d in (1, 2)]
        )
    elif isinstance(field, models.DateField):
        values = st.dates(datetime.date(2020, 1, 1), datetime.date(2020, 1, 3))
    elif isinstance(field, models.CharField | models.TextField):
        values = TEXTS
    else:
        return None  # a type no constraint compares: left as the model makes it
    return st.one_of(st.none(), values) if field.null else values


@st.composite
def instances(draw, model):
    instance = model()
    for field in model._meta.concrete_fields:
        if field.primary_key:
            instance.__dict__[field.attname] = draw(st.one_of(st.none(), SMALL))
        elif (values := values_for(field)) is not None:
            instance.__dict__[field.attname] = draw(values)  # a protected field too
    return instance


def database_says(model, constraint, instance) -> bool:
    try:
        constraint.validate(model, instance)
    except ValidationError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CHECKED, ids=lambda c: getattr(c, "name", ""))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_python_answers_as_the_database(model, constraint, data):
    instance = data.draw(instances(model))
    against = instance._get_field_expression_map(meta=model._meta)
    try:
        python = _holds_in_python(constraint.condition, against)
    except NotInPython:
        return
    assert (python is not False) == database_says(model, constraint, instance), (
        constraint.name,
        {name: getattr(value, "value", value) for name, value in against.items()},
    )


def test_most_constraints_are_evaluated_in_python():
    """The generated values exercise the Python path, not only the fallback."""
    in_python = 0
    for model, constraint in CHECKED:
        against = model()._get_field_expression_map(meta=model._meta)
        try:
            _holds_in_python(constraint.condition, against)
        except NotInPython:
            continue
        in_python += 1
    assert in_python >= len(CHECKED) * 3 // 4, (in_python, len(CHECKED))
