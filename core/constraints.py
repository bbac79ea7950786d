"""Constraint builders, so every enumerated field is backed by the database the same way; and
their validation with no query where Python can tell, one query per model otherwise."""

import datetime
import math
import operator
import re
from contextlib import nullcontext, suppress
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import F, Q, Value
from django.db.models.expressions import Combinable, CombinedExpression
from django.db.models.functions import Coalesce, Length
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
    """``Model.validate_constraints``, with the check constraints of a model evaluated in
    Python where their conditions allow it, and the others in one query instead of one each.

    Django checks each ``CheckConstraint`` with a ``SELECT`` of its own, in a savepoint of its
    own inside a transaction: three round trips per constraint, 33 for a claim. A condition
    made of comparisons of fields with values or other fields (``_holds_in_python``) is
    evaluated as the database would, NULLs included (an unknown result passes, as it does in
    the database). The rest are selected side by side in one savepoint. Other constraints
    (unique ones) are validated as Django does; so are check constraints on a database that
    cannot select a condition, and when the query fails (Django then logs it and lets the
    row through). The errors are Django's, in the same order.
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
    """Whether each check constraint of ``constraints`` holds for ``instance``, by position:
    in Python where it can tell, from one query for the others; those neither evaluated (every
    one left to a query that failed) are left out."""
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
    if not checks:
        return {}
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    results = {}
    for position, constraint in checks:
        with suppress(NotInPython):
            results[position] = _holds_in_python(constraint.condition, against) is not False
    checks = [(position, constraint) for position, constraint in checks if position not in results]
    if len(checks) < 2 or not connection.features.supports_comparing_boolean_expr:
        return results
    query = Query(None)
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
        return results
    for (position, _), value in zip(checks, row, strict=True):
        results[position] = bool(value)
    return results


class NotInPython(Exception):
    """A condition Python cannot evaluate exactly as the database does."""


# Lookups evaluated in Python: SQL's comparisons, where a NULL operand makes the result
# unknown (None). Operands of different kinds, or text to order (by the database's
# collation), are left to the database.
_COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


_ARITHMETIC = {Combinable.ADD: operator.add, Combinable.SUB: operator.sub}


def _kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, str):
        return "text"
    raise NotInPython(value)


def _holds_in_python(condition: Q, against: dict) -> bool | None:
    """True, False or None (unknown) for ``condition`` on the field values of ``against``
    (``Model._get_field_expression_map``), as the database would answer; ``NotInPython``
    for what it cannot tell as surely (other expressions, joins, NaN, regular expressions on
    text the database may read differently)."""
    results = [
        _holds_in_python(child, against) if isinstance(child, Q) else _lookup_holds(*child, against)
        for child in condition.children
    ]
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    else:
        result = True if True in results else (None if None in results else False)
    if condition.negated and result is not None:
        return not result
    return result


def _operand(value, against: dict):
    """A lookup's value: a constant, another field's value (``F``), the length of a text
    field, or a sum or difference of those."""
    if isinstance(value, F):
        return _field_value(value.name, against)
    if isinstance(value, Length):
        (text,) = value.get_source_expressions()
        text = _operand(text, against)
        if text is not None and not isinstance(text, str):
            raise NotInPython(value)
        return None if text is None else len(text)  # characters, as the database counts
    if isinstance(value, CombinedExpression) and value.connector in _ARITHMETIC:
        left, right = _operand(value.lhs, against), _operand(value.rhs, against)
        if left is None or right is None:
            return None
        if not (isinstance(left, int) and isinstance(right, int)):
            raise NotInPython(value)
        return _ARITHMETIC[value.connector](left, right)
    if hasattr(value, "resolve_expression"):
        raise NotInPython(value)
    if isinstance(value, float | Decimal) and math.isnan(value):
        raise NotInPython(value)  # NaN compares otherwise in the database
    return value


def _field_value(name: str, against: dict):
    value = against.get(name)
    if not isinstance(value, Value):
        raise NotInPython(name)  # a join, a field left out, an expression
    return _operand(value.value, against)


def _lookup_holds(lookup: str, rhs, against: dict) -> bool | None:
    name, _, kind = lookup.partition("__")
    value = _field_value(name, against)
    if kind == "isnull" and isinstance(rhs, bool):
        return (value is None) == rhs
    if kind == "in":
        options = [_operand(option, against) for option in rhs]
        if value is None:
            return None
        if any(option is None or _kind(option) != _kind(value) for option in options):
            raise NotInPython(lookup)
        return value in options
    if kind == "regex" and isinstance(rhs, str):
        if value is None:
            return None
        if not isinstance(value, str) or not value.isascii() or "\n" in value:
            raise NotInPython(lookup)  # where the database's and Python's expressions differ
        return re.search(rhs, value) is not None
    comparison = _COMPARISONS.get(kind or "exact")
    if comparison is None:
        raise NotInPython(lookup)
    other = _operand(rhs, against)
    if value is None or other is None:
        return None
    if _kind(value) != _kind(other) or (comparison is not operator.eq and _kind(value) == "text"):
        raise NotInPython(lookup)
    return comparison(value, other)
