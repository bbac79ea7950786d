"""A JSON parser that answers 400, never 500, for hostile bodies."""

import math

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from core.text import has_forbidden_characters

MAX_DEPTH = 32


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels.")
    if isinstance(value, str):
        if has_forbidden_characters(value):
            raise ParseError("Strings may not contain NUL bytes or unpaired surrogates.")
    elif isinstance(value, float) and not math.isfinite(value):
        # 1e999 parses to infinity, which no column stores and JSON cannot express.
        raise ParseError("Numbers must be finite.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, depth + 1)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class StrictJSONParser(JSONParser):
    """JSON only, at most ``MAX_DEPTH`` levels deep, with storable text and finite numbers."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels.") from None
        _check(data)
        return data
