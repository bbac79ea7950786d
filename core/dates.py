"""Dates known to a precision: a day, a month or a year."""

import datetime
import re

from django.db import models


class DatePrecision(models.TextChoices):
    """How much of a stored date is known; the stored date is the first day of the span."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def truncate(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of the span ``value`` stands for at ``precision``."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def span_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the span ``value`` stands for at ``precision``."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return following - datetime.timedelta(days=1)
    return value


def display(value: datetime.date | None, precision: str) -> str:
    """Show a date only as precisely as it is known: "2020", "July 2020", "17 July 2020"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


# How precise each precision is, coarsest first.
_COARSENESS = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}
# A date as precise as it is known: a year, a month or a day.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2})?$"


def finer(precision: str, than: str) -> bool:
    """Whether ``precision`` says more than ``than`` (a day more than a month)."""
    return _COARSENESS[precision] > _COARSENESS[than]


class PartialDate(datetime.date):
    """A date given as a year or a month: the first day of its span, with that precision."""

    precision: str

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day)


def parse_partial(value: str) -> PartialDate | None:
    """``"2020"`` and ``"2020-07"`` as the first day of their span with their precision;
    None for anything else (a full date is parsed as one). Raises ValueError for a month
    that does not exist."""
    if not re.fullmatch(PARTIAL_DATE_PATTERN, value):
        return None
    year, _, month = value.partition("-")
    partial = PartialDate(int(year), int(month or 1), 1)
    partial.precision = DatePrecision.MONTH if month else DatePrecision.YEAR
    return partial
