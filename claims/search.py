"""Searching claims by their wording and by the quotes that record them (``ClaimQuerySet.search``).

On PostgreSQL a search is full-text, in ``websearch_to_tsquery`` syntax (``"exact phrase"``,
``-excluded``, ``this or that``):

- a claim's text is matched against its stored search document, ``claims_claim.search_document``:
  a generated column, ``to_tsvector`` of the text in the text-search configuration of the
  claim's language (``LANGUAGE_CONFIGS``; ``simple``, no stemming, for any other language),
  with its GIN index (migration ``claims.0010_claim_search_document``). The query is parsed in
  the claim's own configuration, so a French claim is stemmed and matched as French;
- a claim's quotes (those of its statements' citations) are matched against its stored quote
  document, ``claims_claim.quote_document``, in the same configuration, kept in step by
  triggers (migration ``claims.0011_claim_quote_document``): ``QuotesMatch``; both at once,
  with the query parsed once, ``TextOrQuotesMatch``;
- a citation's quote (the citations' own search) is matched with English stemming, on the GIN
  index of exactly that expression (migration ``claims.0002_search_indexes``).

Elsewhere (SQLite) it is a plain match: every term must appear in the text, ignoring case,
and a term written ``-term`` must not; quotes and ``or`` are ignored.

``Relevance`` ranks the matches (``ts_rank`` on PostgreSQL; on SQLite, how many times the
query's terms occur in the text). Where the terms are in a text is ``claims.highlight``.
"""

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError
from django.db.models import BooleanField, Expression, F, FloatField
from django.db.models.lookups import IContains

# The text search configuration of every search expression and of its index: changing it
# means a migration that rebuilds the indexes.
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 500

# The text-search configuration of a claim's language, by the language tag's primary subtag
# (``fr`` of ``fr-CA``): every Snowball configuration PostgreSQL 14 ships. Any other language
# is searched with ``simple`` (lower-cased words, no stemming, no stop words). The stored
# search document is generated with this map: changing it means a migration that regenerates
# the column (migration 0010 spells out the map it generates with).
LANGUAGE_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
FALLBACK_CONFIG = "simple"
# Every configuration a claim's document may be in.
CONFIGS = sorted({*LANGUAGE_CONFIGS.values(), FALLBACK_CONFIG})
# The stored search document of claims (PostgreSQL only, not a model field: see the
# migration that adds it).
DOCUMENT_COLUMN = "search_document"
# The stored search document of the quotes of each claim's statements (PostgreSQL only, kept
# in step by triggers: see the migration that adds it).
QUOTE_DOCUMENT_COLUMN = "quote_document"

# Characters that only carry websearch syntax in the plain match.
_PHRASE_MARKS = str.maketrans("", "", '"“”')


def tsvector_sql(column_sql: str) -> str:
    """The indexed expression: the search vector of a text column."""
    return f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {column_sql})"


def language_config(language: str) -> str:
    """The text-search configuration of a language tag: ``fr-CA`` → ``french``."""
    return LANGUAGE_CONFIGS.get(language.split("-", 1)[0].lower(), FALLBACK_CONFIG)


def config_sql(language_sql: str) -> str:
    """SQL for the configuration of the language in ``language_sql``, as the stored document
    is generated with (immutable: language tags are lower-case by their check constraint)."""
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig"
        for code, config in sorted(LANGUAGE_CONFIGS.items())
    )
    return (
        f"(CASE split_part({language_sql}, '-', 1) {cases} ELSE '{FALLBACK_CONFIG}'::regconfig END)"
    )


# The query parsed in every configuration, the distinct parses ORed (one ``%s``, the query):
# a document matching the query in its own configuration matches this one too.
# ``claims_search_tsquery`` (migration ``claims.0012_search_query_function``) is immutable, so
# PostgreSQL evaluates it while planning and plans with the resulting constant: it estimates
# from the documents' statistics how many claims hold the query's words, and walks the newest
# claims for a common word (stopping at the page's end) rather than read every match from the
# GIN indexes.
ANY_CONFIG_TSQUERY_SQL = "claims_search_tsquery(%s)"


def own_tsquery_sql(language_sql: str) -> tuple[str, int]:
    """SQL for the query parsed in the configuration of the language in ``language_sql``,
    and how many ``%s`` (the query) it takes. Each branch parses a constant, which
    PostgreSQL does once per statement rather than once per row."""
    cases = " ".join(
        f"WHEN '{code}' THEN websearch_to_tsquery('{config}'::regconfig, %s)"
        for code, config in sorted(LANGUAGE_CONFIGS.items())
    )
    fallback = f"websearch_to_tsquery('{FALLBACK_CONFIG}'::regconfig, %s)"
    sql = f"(CASE split_part({language_sql}, '-', 1) {cases} ELSE {fallback} END)"
    return sql, len(LANGUAGE_CONFIGS) + 1


def _document_sql(compiler, connection, column, document=DOCUMENT_COLUMN) -> str:
    """The stored ``document`` of the row whose text column is ``column`` (a resolved Col)."""
    table = compiler.quote_name(column.alias)
    return f"{table}.{connection.ops.quote_name(document)}"


def _language_col(column):
    """The ``language`` column of the table of ``column`` (a resolved Col)."""
    return column.target.model._meta.get_field("language").get_col(column.alias)


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
    """True where a text column matches a search query: ``TextMatches("quote", "jets")``.

    With ``stored_document`` (the claim's ``text``), PostgreSQL matches the row's stored,
    language-aware document of ``document_column``: ``document @@ (query in every
    configuration)``, a constant the planner can estimate; with an excluded word, ``document
    @@ query in the row's configuration`` too, so that ``-excluded`` excludes as the claim's
    language stems it.
    """

    output_field = BooleanField()
    document_column = DOCUMENT_COLUMN

    def __init__(self, expression, query: str, *, stored_document: bool = False):
        super().__init__()
        self.expression = F(expression) if isinstance(expression, str) else expression
        self.query = query
        self.stored_document = stored_document

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, exprs):
        (self.expression,) = exprs

    def as_postgresql(self, compiler, connection):
        if self.stored_document:
            document = _document_sql(compiler, connection, self.expression, self.document_column)
            sql, params = f"{document} @@ {ANY_CONFIG_TSQUERY_SQL}", [self.query]
            if plain_terms(self.query)[1]:
                # An excluded word must be excluded as the claim's language stems it: another
                # configuration's parse would let its other forms through. Without one, a
                # document that matches another configuration's parse holds a form of every
                # word, and the check (which PostgreSQL cannot estimate) is left out.
                language_sql, language_params = compiler.compile(_language_col(self.expression))
                own, count = own_tsquery_sql(language_sql)
                sql = f"({sql} AND {document} @@ {own})"
                params += [*language_params, *[self.query] * count]
            return sql, tuple(params)
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


class QuotesMatch(TextMatches):
    """True where the quotes of a claim's statements match a search query, on PostgreSQL:
    the claim's stored quote document, matched as ``TextMatches`` matches its text. Other
    databases match the citations' quotes themselves (``ClaimQuerySet.search``)."""

    document_column = QUOTE_DOCUMENT_COLUMN

    def __init__(self, query: str):
        super().__init__("text", query, stored_document=True)

    def as_sql(self, compiler, connection):
        raise NotSupportedError("Quote documents are stored on PostgreSQL only.")


class TextOrQuotesMatch(TextMatches):
    """On PostgreSQL, ``TextMatches`` of a claim's stored text document OR ``QuotesMatch``,
    for a query without an excluded word, with the query parsed once while planning
    (``claims_search_matches``, migration ``claims.0022_search_matches_function``, which
    PostgreSQL inlines around the parsed constant) rather than once per document."""

    def __init__(self, query: str):
        super().__init__("text", query, stored_document=True)

    def as_postgresql(self, compiler, connection):
        if plain_terms(self.query)[1]:
            raise NotSupportedError("An excluded word is checked in each claim's language.")
        text = _document_sql(compiler, connection, self.expression)
        quotes = _document_sql(compiler, connection, self.expression, QUOTE_DOCUMENT_COLUMN)
        sql = f"claims_search_matches({text}, {quotes}, {ANY_CONFIG_TSQUERY_SQL})"
        return sql, (self.query,)

    def as_sql(self, compiler, connection):
        raise NotSupportedError("Quote documents are stored on PostgreSQL only.")


class Relevance(TextMatches):
    """How well a text column matches a search query, higher is better (a float).

    PostgreSQL: ``ts_rank`` of the document (the stored one of the claim's text with
    ``stored_document``) for the query in the document's configuration, as a double so that a
    cursor's position compares exactly. SQLite: how many times the query's terms occur in the
    text, ignoring case.
    """

    output_field = FloatField()

    def as_postgresql(self, compiler, connection):
        if self.stored_document:
            document = _document_sql(compiler, connection, self.expression)
            language_sql, language_params = compiler.compile(_language_col(self.expression))
            own, count = own_tsquery_sql(language_sql)
            return f"ts_rank({document}, {own})::float8", (*language_params, *[self.query] * count)
        column_sql, params = compiler.compile(self.expression)
        tsquery = f"websearch_to_tsquery('{SEARCH_CONFIG}'::regconfig, %s)"
        return f"ts_rank({tsvector_sql(column_sql)}, {tsquery})::float8", (*params, self.query)

    def as_sql(self, compiler, connection):
        required, _excluded = plain_terms(self.query)
        terms = list(dict.fromkeys(term.lower() for term in required))
        if not terms:
            return "0.0", ()
        column_sql, column_params = compiler.compile(self.expression)
        parts, params = [], []
        for term in terms:
            # How many times the term occurs (LOWER folds ASCII letters only, as LIKE does).
            parts.append(
                f"(LENGTH({column_sql}) - LENGTH(REPLACE(LOWER({column_sql}), %s, ''))) "
                f"* 1.0 / {len(term)}"
            )
            params.extend([*column_params, *column_params, term])
        return f"({' + '.join(parts)})", params
