"""A stored, language-aware search document per claim, with its GIN index (PostgreSQL only).

``claims_claim.search_document`` is a generated column: ``to_tsvector`` of the claim's text in
the text-search configuration of its language (``simple`` for a language without one), kept
in step with the text and the language by PostgreSQL itself. It is not a model field: no read
of a claim loads it and no write returns it; ``claims.search`` matches and ranks on it. The
expression index on the English vector of the text (migration 0002) is replaced by the index
of the column.

Adding the column rewrites the table under an exclusive lock (about a minute per million
claims); the index is then built concurrently, so that writes go on meanwhile. Other
databases (SQLite) search without a document: nothing to do there.
"""

from django.db import migrations

# Spelled out rather than imported from claims.search: a migration must keep creating what it
# created when it was written. claims.search.LANGUAGE_CONFIGS must equal this map (a test
# checks it); changing it means a new migration that regenerates the column.
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
INDEX = "claims_claim_search_document_idx"
OLD_INDEX = "claims_claim_text_search_idx"


def config_sql() -> str:
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig"
        for code, config in sorted(LANGUAGE_CONFIGS.items())
    )
    return f"(CASE split_part(language, '-', 1) {cases} ELSE '{FALLBACK_CONFIG}'::regconfig END)"


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search_document tsvector "
        f"GENERATED ALWAYS AS (to_tsvector({config_sql()}, text)) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON claims_claim "
        "USING gin (search_document)"
    )
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {OLD_INDEX}")


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {OLD_INDEX} ON claims_claim "
        "USING gin (to_tsvector('english'::regconfig, text))"
    )
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("claims", "0009_withdrawable"),
    ]

    operations = [
        migrations.RunPython(add_document, remove_document),
    ]
