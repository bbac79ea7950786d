"""A claim's structured quantity and period in words."""

import datetime
from decimal import Decimal

import pytest

from claims.choices import Comparator
from claims.models import Claim
from core.dates import DatePrecision

D = datetime.date


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        (
            {
                "quantity_value": Decimal("3500.0000"),
                "quantity_comparator": Comparator.MORE_THAN,
                "quantity_unit": "Syrian fighters",
            },
            "more than 3,500 Syrian fighters",
        ),
        (
            {
                "quantity_value": Decimal("10"),
                "quantity_upper": Decimal("20.5"),
                "quantity_comparator": Comparator.BETWEEN,
                "quantity_unit": "jets",
            },
            "between 10 and 20.5 jets",
        ),
        (
            {"quantity_value": Decimal("1000000"), "quantity_comparator": Comparator.ABOUT},
            "about 1,000,000",
        ),
        (
            {"quantity_value": Decimal("0.25"), "quantity_comparator": Comparator.AT_MOST},
            "at most 0.25",
        ),
        (
            {"quantity_value": Decimal("12"), "quantity_comparator": Comparator.EXACTLY},
            "exactly 12",
        ),
        ({}, ""),
    ],
)
def test_quantity_display(fields, shown):
    """Comparator, value with thousands separators and no trailing zeros, then the unit."""
    assert Claim(text="x", **fields).quantity_display == shown


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        (
            {"period_start": D(2020, 1, 1), "period_end": D(2020, 3, 31)},
            "1 January 2020 – 31 March 2020",
        ),
        (
            {
                "period_start": D(2020, 1, 1),
                "period_end": D(2020, 3, 1),
                "period_precision": DatePrecision.MONTH,
            },
            "January 2020 – March 2020",
        ),
        (
            {
                "period_start": D(2020, 1, 1),
                "period_end": D(2020, 1, 1),
                "period_precision": DatePrecision.YEAR,
            },
            "2020",
        ),
        ({"period_start": D(2020, 7, 17), "period_end": D(2020, 7, 17)}, "17 July 2020"),
        ({"period_start": D(2020, 1, 1)}, "1 January 2020 – …"),
        ({"period_end": D(2020, 3, 31)}, "… – 31 March 2020"),
        ({}, ""),
    ],
)
def test_period_display(fields, shown):
    """A period shows at its precision; an open end shows as an ellipsis; one day shows once."""
    assert Claim(text="x", **fields).period_display == shown
