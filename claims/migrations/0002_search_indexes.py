"""GIN indexes for full-text search of claim texts and citation quotes (PostgreSQL only).

claims.search builds its conditions on exactly these expressions, so the planner can use
them. Other databases search without an index: nothing to do there. The indexes are built
concurrently, so that adding them to a large record does not block writes.
"""

from django.db import migrations

# Spelled out rather than imported from claims.search: a migration must keep creating
# what it created when it was written.
INDEXES = [
    ("claims_claim_text_search_idx", "claims_claim", "text"),
    ("claims_citation_quote_search_idx", "claims_citation", "quote"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {column}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
