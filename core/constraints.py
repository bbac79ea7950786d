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


def withdrawal_check():
    """A withdrawn row has its reason, and a current one has none (``core.models.Withdrawable``)."""
    return models.CheckConstraint(
        condition=models.Q(withdrawn_at__isnull=True, withdrawal_reason="")
        | (models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawal_reason="")),
        name="%(app_label)s_%(class)s_withdrawn_with_a_reason",
        violation_error_message="A withdrawal needs its reason, and only a withdrawal has one.",
    )
