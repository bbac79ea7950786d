"""A claim's text or quotes matched against the search query parsed once (PostgreSQL only).

``claims_search_matches(document, quotes, query)`` is ``document @@ query OR quotes @@ query``.
Called as ``claims_search_matches(search_document, quote_document, claims_search_tsquery(q))``
with ``q`` a constant, PostgreSQL first folds the query to one constant (parsing it in every
configuration once), then inlines the function around it: the statement is planned exactly as
the two conditions written out, which parsed the query twice while planning.
"""

from django.db import migrations

FUNCTION = """
CREATE FUNCTION claims_search_matches(tsvector, tsvector, tsquery) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT $1 @@ $3 OR $2 @@ $3
$$
"""


def add_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def remove_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS claims_search_matches(tsvector, tsvector, tsquery)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0021_topic_slugs_in_their_own_script"),
    ]

    operations = [
        migrations.RunPython(add_function, remove_function),
    ]
