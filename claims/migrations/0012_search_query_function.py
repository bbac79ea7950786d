"""The search query as one constant, and finer statistics on the search documents
(PostgreSQL only).

``claims_search_tsquery(q)`` parses ``q`` in every text-search configuration a claim may be
in and ORs the distinct parses. It is IMMUTABLE (its parts are: ``websearch_to_tsquery`` in a
fixed configuration), so PostgreSQL evaluates it once while planning a statement whose query
is a constant, and plans with the resulting ``tsquery``: it estimates from the documents'
statistics how many claims hold the words. Written inline, the 29 parses would be ORed with
their duplicates (most words parse alike in most languages), and the estimate of a rare word
would be about 29 times too high.

The documents' statistics keep 10,000 lexemes rather than 1,000, so that a word used by a
thousand claims in a million is counted rather than guessed at: read from the indexes, not
by walking the newest claims.
"""

from django.db import migrations

# Spelled out rather than imported from claims.search (see migration 0010): a test checks
# that it equals claims.search.CONFIGS; changing it means a new migration.
CONFIGS = [
    "arabic",
    "armenian",
    "basque",
    "catalan",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hindi",
    "hungarian",
    "indonesian",
    "irish",
    "italian",
    "lithuanian",
    "nepali",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "serbian",
    "simple",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
    "yiddish",
]
STATISTICS = 1000
COLUMNS = ("search_document", "quote_document")

FUNCTION = f"""
CREATE FUNCTION claims_search_tsquery(text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT string_agg(DISTINCT '(' || parsed::text || ')', ' | ')::tsquery
    FROM (
        SELECT websearch_to_tsquery(config, $1) AS parsed
        FROM unnest('{{{",".join(CONFIGS)}}}'::regconfig[]) AS config
    ) AS parses
    WHERE numnode(parsed) > 0
$$
"""


def add_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE claims_claim ALTER COLUMN {column} SET STATISTICS {STATISTICS}"
        )
    schema_editor.execute("ANALYZE claims_claim")


def remove_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS claims_search_tsquery(text)")
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE claims_claim ALTER COLUMN {column} SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0011_claim_quote_document"),
    ]

    operations = [
        migrations.RunPython(add_function, remove_function),
    ]
