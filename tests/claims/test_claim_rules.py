"""Claim integrity: a structured quantity and period that make sense, in both paths."""

import datetime
from decimal import Decimal

import pytest

from claims.choices import Comparator
from claims.models import Claim
from claims.services import claim_save
from tests.support.refusals import NON_FIELD_ERRORS, refused_by_database, validation_errors

pytestmark = pytest.mark.django_db

TEXT = "Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020."
D = datetime.date

# Each case breaks exactly one rule: (fields, constraint, message).
BROKEN = [
    pytest.param(
        {"quantity_comparator": Comparator.MORE_THAN},
        "claims_claim_comparator_needs_value",
        "A comparator needs a value.",
        id="comparator-without-value",
    ),
    pytest.param(
        {"quantity_value": Decimal(3500)},
        "claims_claim_value_needs_comparator",
        "A value needs a comparator (exactly, about, more than…).",
        id="value-without-comparator",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": Comparator.BETWEEN, "quantity_upper": 10},
        "claims_claim_between_needs_upper_above_value",
        "“Between” needs an upper bound above the value.",
        id="between-upper-equal",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": Comparator.BETWEEN, "quantity_upper": 5},
        "claims_claim_between_needs_upper_above_value",
        "“Between” needs an upper bound above the value.",
        id="between-upper-lower",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": Comparator.BETWEEN},
        "claims_claim_between_needs_upper_above_value",
        "“Between” needs an upper bound above the value.",
        id="between-upper-missing",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": Comparator.MORE_THAN, "quantity_upper": 20},
        "claims_claim_upper_only_with_between",
        "An upper bound goes only with “between”.",
        id="upper-without-between",
    ),
    pytest.param(
        {"quantity_upper": 20},
        "claims_claim_upper_only_with_between",
        "An upper bound goes only with “between”.",
        id="upper-alone",
    ),
    pytest.param(
        {"quantity_unit": "Syrian fighters"},
        "claims_claim_unit_needs_value",
        "A unit needs a value.",
        id="unit-without-value",
    ),
    pytest.param(
        {"period_start": D(2020, 3, 31), "period_end": D(2020, 1, 1)},
        "claims_claim_period_end_not_before_start",
        "The period cannot end before it starts.",
        id="period-end-before-start",
    ),
    pytest.param(
        {"period_start": D(2020, 1, 2), "period_end": D(2020, 1, 1)},
        "claims_claim_period_end_not_before_start",
        "The period cannot end before it starts.",
        id="period-end-a-day-early",
    ),
]

VALID = [
    pytest.param({}, id="no-structure"),
    pytest.param(
        {
            "quantity_value": 3500,
            "quantity_comparator": Comparator.MORE_THAN,
            "quantity_unit": "Syrian fighters",
        },
        id="more-than-with-unit",
    ),
    pytest.param(
        {"quantity_value": 10, "quantity_comparator": Comparator.BETWEEN, "quantity_upper": 11},
        id="between-upper-above",
    ),
    pytest.param(
        {"quantity_value": 0, "quantity_comparator": Comparator.EXACTLY}, id="exactly-zero"
    ),
    pytest.param({"period_start": D(2020, 1, 1), "period_end": D(2020, 3, 31)}, id="first-quarter"),
    pytest.param({"period_start": D(2020, 7, 17), "period_end": D(2020, 7, 17)}, id="one-day"),
    pytest.param({"period_start": D(2020, 1, 1)}, id="open-ended-period"),
    pytest.param({"period_end": D(2020, 3, 31)}, id="period-without-start"),
]


@pytest.mark.parametrize("fields", VALID)
def test_structured_claim_that_makes_sense_is_accepted(fields):
    """Well-formed quantities and periods (an equal start and end included) save."""
    claim = claim_save(claim=Claim(text=TEXT, **fields))
    assert Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.parametrize("fields", VALID)
def test_structured_claim_that_makes_sense_passes_the_database(fields):
    """The database accepts what validation accepts."""
    Claim.objects.create(text=TEXT, **fields)


@pytest.mark.parametrize(("fields", "constraint", "message"), BROKEN)
def test_broken_structure_is_refused_by_validation(fields, constraint, message):
    """Validation names the broken rule in words, and nothing is saved."""
    errors = validation_errors(lambda: claim_save(claim=Claim(text=TEXT, **fields)))
    assert errors[NON_FIELD_ERRORS] == [message]
    assert not Claim.objects.exists()


@pytest.mark.parametrize(("fields", "constraint", "message"), BROKEN)
def test_broken_structure_is_refused_by_the_database(fields, constraint, message):
    """The same rule is a check constraint, which holds for writes that skip validation."""
    with refused_by_database(constraint):
        Claim.objects.create(text=TEXT, **fields)
    assert not Claim.objects.exists()


def test_rule_is_checked_on_update_too():
    """An existing claim cannot be changed into a broken one."""
    claim = claim_save(
        claim=Claim(text=TEXT, quantity_value=3500, quantity_comparator=Comparator.MORE_THAN)
    )
    claim.quantity_comparator = ""
    validation_errors(lambda: claim_save(claim=claim))
    with refused_by_database("claims_claim_value_needs_comparator"):
        claim.save()
    claim.refresh_from_db()
    assert claim.quantity_comparator == Comparator.MORE_THAN


@pytest.mark.parametrize("language", ["EN", "english", "pt_BR"])
def test_claim_language_must_be_a_bcp47_tag(language):
    """Validation reports the language field; the database refuses it as well."""
    assert "language" in validation_errors(
        lambda: claim_save(claim=Claim(text=TEXT, language=language))
    )
    with refused_by_database("claims_claim_language_format"):
        Claim.objects.create(text=TEXT, language=language)
