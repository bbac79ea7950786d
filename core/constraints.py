"""Constraint builders, so every enumerated field is backed by the database the same way."""

from django.db import models


def choices_check(field: str, choices: type[models.TextChoices], *, blank: bool = False):
    """A check constraint that keeps ``field`` within ``choices`` (or empty when ``blank``)."""
    allowed = list(choices.values) + ([""] if blank else [])
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": allowed}),
        name=f"%(app_label)s_%(class)s_{field}_valid",
        violation_error_message=f"{field} must be one of: {', '.join(choices.values)}.",
    )
