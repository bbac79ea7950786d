"""Validators shared by the models; each has a database check constraint beside it."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from .text import has_forbidden_characters

WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"
LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# The largest value a 64-bit signed integer column (every primary key) holds.
MAX_BIGINT = 2**63 - 1

validate_wikidata_id = RegexValidator(
    WIKIDATA_ID_PATTERN, "Enter a Wikidata item ID such as Q11209 (Q followed by digits)."
)
validate_language_tag = RegexValidator(
    LANGUAGE_TAG_PATTERN, "Enter a BCP 47 language tag such as en, ar or pt-BR."
)
validate_country_code = RegexValidator(
    COUNTRY_CODE_PATTERN, "Enter an ISO 3166-1 alpha-2 country code such as US or LY."
)


def validate_storable_text(value: str) -> None:
    """Refuse NUL bytes and lone surrogates, which databases reject or corrupt."""
    if isinstance(value, str) and has_forbidden_characters(value):
        raise ValidationError("Text may not contain NUL bytes or unpaired surrogates.")
