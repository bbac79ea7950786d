"""Constraint builders, so every enumerated field is backed by the database the same way; and
their validation in one query per model."""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


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


def validate_constraints_at_once(instance, exclude=None) -> None:
    """``Model.validate_constraints``, with every check constraint of a model evaluated in one
    query instead of one query each.

    Django checks each ``CheckConstraint`` with a ``SELECT`` of its own, in a savepoint of its
    own inside a transaction: three round trips per constraint, 33 for a claim. Here the
    conditions are selected side by side, each as Django evaluates it (an unknown result
    passes, as it does in the database), in one savepoint. Other constraints (unique ones)
    are validated as Django does; so are check constraints on a database that cannot select
    a condition, and when the query fails (Django then logs it and lets the row through).
    The errors are Django's, in the same order.
    """
    using = router.db_for_write(type(instance), instance=instance)
    errors = {}
    for model_class, constraints in instance.get_constraints():
        passed = _check_results(instance, model_class, constraints, exclude, using)
        for position, constraint in enumerate(constraints):
            try:
                if position in passed:
                    if not passed[position]:
                        raise ValidationError(
                            constraint.get_violation_error_message(),
                            code=constraint.violation_error_code,
                        )
                else:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _check_results(instance, model_class, constraints, exclude, using) -> dict[int, bool]:
    """Whether each check constraint of ``constraints`` holds for ``instance``, by position,
    from one query; those it did not evaluate (every one, if the query fails) are left out."""
    connection = connections[using]
    checks = [
        (position, constraint)
        for position, constraint in enumerate(constraints)
        if isinstance(constraint, models.CheckConstraint)
        and not (
            exclude
            and constraint._expression_refs_exclude(model_class, constraint.condition, exclude)
        )
    ]
    if len(checks) < 2 or not connection.features.supports_comparing_boolean_expr:
        return {}
    query = Query(None)
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    for position, constraint in checks:
        # A check constraint does not fail when it evaluates to UNKNOWN.
        condition = Coalesce(constraint.condition, True, output_field=models.BooleanField())
        query.add_annotation(condition, f"_check_{position}")
    atomic = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with atomic:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return {}
    return {position: bool(value) for (position, _), value in zip(checks, row, strict=True)}
