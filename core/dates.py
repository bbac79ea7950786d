"""Dates known to a precision: a day, a month or a year."""

import datetime

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
