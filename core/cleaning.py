"""Each field's cleaning (``Field.clean``) prepared once per model, with Django's outcome.

Django's ``Field.clean`` converts the value, checks it (choices, null, blank) and runs the
field's validators, each of which builds its message's parameters on every call, passing or
not; a bulk import cleans a million rows of a dozen fields, a write through the API some
forty fields. Here a validator that Django ships with a plain test (a length, a bound, a
pattern, no NUL character) and a field's choices are tried by that test first; a value that
fails one is cleaned by the field itself, so that every error is Django's, to the letter. A
field whose class cleans or validates in its own way is cleaned by it.
"""

import functools
from collections.abc import Callable

from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.db import models


class FieldCleaner:
    """``field.clean(value, instance)``, its usual checks made cheap (module docstring)."""

    __slots__ = ("attname", "blank", "clean", "empty_values", "field", "name")

    def __init__(self, field: models.Field):
        self.field = field
        self.name = field.name
        self.attname = field.attname
        self.blank = field.blank
        self.empty_values = field.empty_values
        self.clean = _cleaning(field)


@functools.cache
def field_cleaners(model) -> tuple[FieldCleaner, ...]:
    """The cleaners of the fields ``Model.clean_fields`` cleans (all but generated ones), in
    the order of ``model._meta.fields``."""
    return tuple(FieldCleaner(field) for field in model._meta.fields if not field.generated)


def _cleaning(field: models.Field) -> Callable:
    kind = type(field)
    if kind.clean is not models.Field.clean or kind.run_validators is not (
        models.Field.run_validators
    ):
        return field.clean
    to_python = field.to_python
    validate = _validation(field)
    tests = [_passing_test(validator) for validator in field.validators]
    empty_values = field.empty_values

    def clean(value, instance):
        value = to_python(value)
        validate(value, instance)
        if tests and value not in empty_values:
            for passes in tests:
                if not passes(value):
                    field.run_validators(value)  # raises, with the field's own messages
                    break
        return value

    return clean


def _validation(field: models.Field) -> Callable:
    """``field.validate``, where it is ``Field.validate``, with its choices in a set."""
    if type(field).validate is not models.Field.validate:
        return field.validate
    keys = _choice_keys(field)
    if not field.editable:
        return _nothing
    null, blank, empty_values = field.null, field.blank, field.empty_values
    if field.choices is not None and keys is None:
        return field.validate

    def validate(value, instance):
        if keys is not None and value not in empty_values and not _among(value, keys):
            field.validate(value, instance)  # raises "not a valid choice"
        elif (value is None and not null) or (not blank and value in empty_values):
            field.validate(value, instance)

    return validate


def _nothing(value, instance):
    return None


def _choice_keys(field: models.Field) -> frozenset | None:
    """The keys of the field's choices (inside groups too) where all can be hashed."""
    if field.choices is None:
        return None
    keys = []
    for key, label in field.choices:
        if isinstance(label, list | tuple):
            keys.extend(inner for inner, _ in label)
        else:
            keys.append(key)
    try:
        return frozenset(keys)
    except TypeError:
        return None


def _among(value, keys: frozenset) -> bool:
    try:
        return value in keys
    except TypeError:  # an unhashable value: let the field say what it is
        return False


def _passing_test(validator) -> Callable[[object], bool]:
    """A test that is true only where ``validator`` would pass the value: a plain test for
    Django's own validators of a limit, a pattern or NUL characters; for any other, calling
    it."""
    kind = type(validator)
    if kind in _LIMIT_TESTS:
        compare, measure = _LIMIT_TESTS[kind]

        def within_limit(value) -> bool:
            limit = validator.limit_value
            if callable(limit):
                return False
            try:
                return not compare(measure(value), limit)
            except Exception:  # the validator itself raises it, as Django would
                return False

        return within_limit
    if kind is django_validators.RegexValidator:
        search, inverse = validator.regex.search, validator.inverse_match

        def matches(value) -> bool:
            if type(value) is not str:
                return False
            return (search(value) is None) is inverse

        return matches
    if kind is django_validators.ProhibitNullCharactersValidator:
        return lambda value: type(value) is str and "\x00" not in value

    def passes(value) -> bool:
        try:
            validator(value)
        except ValidationError:
            return False
        return True

    return passes


def _length(value):
    return len(value)


def _itself(value):
    return value


# Django's validators of a limit: how each compares (true: refused) and what it measures.
_LIMIT_TESTS = {
    django_validators.MaxLengthValidator: (lambda a, b: a > b, _length),
    django_validators.MinLengthValidator: (lambda a, b: a < b, _length),
    django_validators.MaxValueValidator: (lambda a, b: a > b, _itself),
    django_validators.MinValueValidator: (lambda a, b: a < b, _itself),
}
