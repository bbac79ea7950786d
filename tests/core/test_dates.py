"""core.dates: dates known to a day, a month or a year."""

import datetime

import pytest

from core.dates import DatePrecision, display, span_end, truncate

D = datetime.date


@pytest.mark.parametrize(
    ("value", "precision", "first_day"),
    [
        (D(2020, 7, 17), DatePrecision.DAY, D(2020, 7, 17)),
        (D(2020, 7, 17), DatePrecision.MONTH, D(2020, 7, 1)),
        (D(2020, 7, 17), DatePrecision.YEAR, D(2020, 1, 1)),
        (D(2020, 12, 31), DatePrecision.YEAR, D(2020, 1, 1)),
        (None, DatePrecision.MONTH, None),
    ],
)
def test_truncate_gives_the_first_day_of_the_span(value, precision, first_day):
    """A date stored at month or year precision is the first day of that month or year."""
    assert truncate(value, precision) == first_day


@pytest.mark.parametrize(
    ("value", "precision", "last_day"),
    [
        (D(2020, 7, 17), DatePrecision.DAY, D(2020, 7, 17)),
        (D(2020, 1, 1), DatePrecision.MONTH, D(2020, 1, 31)),
        (D(2020, 2, 1), DatePrecision.MONTH, D(2020, 2, 29)),
        (D(2021, 2, 1), DatePrecision.MONTH, D(2021, 2, 28)),
        (D(2020, 4, 1), DatePrecision.MONTH, D(2020, 4, 30)),
        (D(2020, 12, 1), DatePrecision.MONTH, D(2020, 12, 31)),
        (D(2020, 1, 1), DatePrecision.YEAR, D(2020, 12, 31)),
    ],
)
def test_span_end_gives_the_last_day_of_the_span(value, precision, last_day):
    """Month ends follow the calendar, leap years and December included."""
    assert span_end(value, precision) == last_day


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        (D(2020, 7, 17), DatePrecision.DAY, "17 July 2020"),
        (D(2020, 7, 1), DatePrecision.DAY, "1 July 2020"),
        (D(2020, 7, 1), DatePrecision.MONTH, "July 2020"),
        (D(2020, 1, 1), DatePrecision.YEAR, "2020"),
        (None, DatePrecision.DAY, ""),
    ],
)
def test_display_shows_only_what_is_known(value, precision, shown):
    """A date is shown no more precisely than it is known; no date shows as nothing."""
    assert display(value, precision) == shown
