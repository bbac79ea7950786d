"""Every enumerated field is kept within its choices by validation and by the database."""

import pytest

from claims.models import Citation, Claim, ClaimRelation, Statement
from sources.models import Actor, Source
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    SourceFactory,
    StatementFactory,
)
from tests.support.refusals import refused_by_database, validation_errors

pytestmark = pytest.mark.django_db

BUILDERS = {
    Actor: lambda: ActorFactory.build(),
    Source: lambda: SourceFactory.build(publisher=ActorFactory()),
    Claim: lambda: ClaimFactory.build(),
    Statement: lambda: StatementFactory.build(claim=ClaimFactory(), actor=ActorFactory()),
    Citation: lambda: CitationFactory.build(statement=StatementFactory(), source=SourceFactory()),
    ClaimRelation: lambda: ClaimRelationFactory.build(
        from_claim=ClaimFactory(), to_claim=ClaimFactory()
    ),
}
# What else a value needs beside it, so that its own choice check is the only rule in play.
COMPANIONS = {
    (Claim, "quantity_comparator"): lambda value: {
        "quantity_value": 10,
        "quantity_upper": 20 if value == "between" else None,
    }
}

CHOICE_FIELDS = [
    pytest.param(model, field, id=f"{model.__name__}.{field.name}")
    for model in BUILDERS
    for field in model._meta.concrete_fields
    if field.choices
]


def invalid_values(field) -> list[str]:
    """An unknown word, a valid value in the wrong case, and empty where a value is required."""
    values = ["bogus", field.choices[0][0].upper()]
    return values if field.blank else [*values, ""]


INVALID_VALUES = [
    pytest.param(model, field, value, id=f"{model.__name__}.{field.name}={value!r}")
    for model, field in ((p.values[0], p.values[1]) for p in CHOICE_FIELDS)
    for value in invalid_values(field)
]


def build(model, field_name: str, value):
    instance = BUILDERS[model]()
    companions = COMPANIONS.get((model, field_name))
    for name, companion in (companions(value) if companions else {}).items():
        setattr(instance, name, companion)
    setattr(instance, field_name, value)
    return instance


def test_every_model_with_choices_is_covered():
    """The list above names every choice field the parametrised tests run over."""
    covered = {(p.values[0].__name__, p.values[1].name) for p in CHOICE_FIELDS}
    assert {
        ("Actor", "kind"),
        ("Source", "kind"),
        ("Source", "published_precision"),
        ("Claim", "kind"),
        ("Claim", "quantity_comparator"),
        ("Claim", "period_precision"),
        ("Statement", "stance"),
        ("Statement", "stated_precision"),
        ("Statement", "confidence"),
        ("Citation", "role"),
        ("Citation", "access"),
        ("ClaimRelation", "kind"),
    } <= covered


@pytest.mark.parametrize(("model", "field"), CHOICE_FIELDS)
def test_choice_field_has_a_check_constraint(model, field):
    """Each enumerated column is backed by a named check constraint, not by forms alone."""
    names = {constraint.name for constraint in model._meta.constraints}
    assert f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_valid" in names


@pytest.mark.parametrize(("model", "field"), CHOICE_FIELDS)
def test_every_choice_is_accepted(model, field):
    """Each listed value passes validation and the database (the refusals below are real)."""
    for value in field.choices:
        instance = build(model, field.name, value[0])
        instance.full_clean()
        instance.save()


@pytest.mark.parametrize(("model", "field", "value"), INVALID_VALUES)
def test_validation_refuses_a_value_outside_the_choices(model, field, value):
    """full_clean() names the field whose value is not one of its choices."""
    instance = build(model, field.name, value)
    assert field.name in validation_errors(instance.full_clean)


@pytest.mark.parametrize(("model", "field", "value"), INVALID_VALUES)
def test_database_refuses_a_value_outside_the_choices(model, field, value):
    """Saving past validation is stopped by the field's check constraint."""
    instance = build(model, field.name, value)
    constraint = f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_valid"
    with refused_by_database(constraint):
        instance.save()
    assert not model.objects.filter(**{field.name: value}).exists()
