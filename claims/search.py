"""Searching claims by their wording and by the quotes that record them (``ClaimQuerySet.search``).

On PostgreSQL a search is full-text: ``websearch_to_tsquery`` syntax (``"exact phrase"``,
``-excluded``, ``this or that``), English stemming, and GIN indexes on exactly the
expressions used here (migration ``claims.0002_search_indexes``). Elsewhere (SQLite) it is a
plain match: every term must appear in the text, ignoring case, and a term written
``-term`` must not; quotes and ``or`` are ignored.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Expression, F
from django.db.models.lookups import IContains

# The text search configuration of every search expression and of its index: changing it
# means a migration that rebuilds the indexes.
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 500

# Characters that only carry websearch syntax in the plain match.
_PHRASE_MARKS = str.maketrans("", "", '"“”')


def tsvector_sql(column_sql: str) -> str:
    """The indexed expression: the search vector of a text column."""
    return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {column_sql})"


def plain_terms(query: str) -> tuple[list[str], list[str]]:
    """The terms a plain match requires and those it excludes.

    >>> plain_terms('"Syrian fighters" -Qaddafi jets or aircraft')
    (['Syrian', 'fighters', 'jets', 'aircraft'], ['Qaddafi'])
    """
    required, excluded = [], []
    for word in query.translate(_PHRASE_MARKS).split():
        if word.lower() == "or":
            continue
        if word.startswith("-"):
            if word.lstrip("-"):
                excluded.append(word.lstrip("-"))
            continue
        required.append(word)
    return required, excluded


class TextMatches(Expression):
    """True where a text column matches a search query: ``TextMatches("quote", "jets")``."""

    output_field = BooleanField()

    def __init__(self, expression, query: str):
        super().__init__()
        self.expression = F(expression) if isinstance(expression, str) else expression
        self.query = query

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def as_postgresql(self, compiler, connection):
        column_sql, params = compiler.compile(self.expression)
        tsquery = f"websearch_to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
        return f"{tsvector_sql(column_sql)} @@ {tsquery}", (*params, self.query)

    def as_sql(self, compiler, connection):
        required, excluded = plain_terms(self.query)
        if not required and not excluded:
            # Nothing to look for matches nothing, as an empty tsquery does on PostgreSQL.
            raise EmptyResultSet
        parts, params = [], []
        for term, negated in [(t, False) for t in required] + [(t, True) for t in excluded]:
            sql, term_params = compiler.compile(IContains(self.expression, term))
            parts.append(f"NOT ({sql})" if negated else sql)
            params.extend(term_params)
        return f"({' AND '.join(parts)})", params
