"""A search document of each claim's quotes, beside the one of its text (PostgreSQL only).

Until now a search matched the claim's document or, through a ``UNION``, the quotes of its
statements one by one: every matching quote was joined to its statement before the newest
claims were kept, so a common word cost seconds at a million claims. Now
``claims_claim.quote_document`` holds ``to_tsvector`` of the claim's quotes, in the
configuration of the claim's language as its text is, with its GIN index; a search is one
condition on one table (``search_document @@ q OR quote_document @@ q``), and PostgreSQL reads
a rare word's few rows from the indexes and walks the newest claims for a common one,
stopping at the page's end. A claim without quotes has none (NULL).

The quotes are those of the claim's current statements' current citations. Triggers keep it
in step:
- an insert, update or delete of citations refreshes the quote documents of the claims their
  statements belong to (before and after), and so does a statement moved to another claim,
  withdrawn or reinstated;
  they are statement-level triggers, so a bulk insert refreshes each claim once;
- a change of a claim's language remakes its quote document in the new configuration.

Filling the column rewrites the claims that have quotes once (a few minutes per million
claims). Other databases (SQLite) search the quotes themselves: nothing to do there.
"""

from django.db import migrations

# Spelled out rather than imported from claims.search (see migration 0010): a test checks
# that claims.search.LANGUAGE_CONFIGS equals it.
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
INDEX = "claims_claim_quote_document_idx"


def config_sql(language: str) -> str:
    cases = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig"
        for code, config in sorted(LANGUAGE_CONFIGS.items())
    )
    return f"(CASE split_part({language}, '-', 1) {cases} ELSE '{FALLBACK_CONFIG}'::regconfig END)"


def quotes_document_sql(language: str, quotes: str) -> str:
    return f"to_tsvector({config_sql(language)}, {quotes})"


# The quotes of the claim ``claim_id``, one after another (NULL when it has none). The
# functions take positional parameters: a parameter named like a column would lose to it.
QUOTES_OF = (
    "(SELECT string_agg(citation.quote, E'\\n' ORDER BY citation.id) "
    "FROM claims_citation citation JOIN claims_statement statement "
    "ON statement.id = citation.statement_id "
    "WHERE statement.claim_id = {claim_id} AND citation.quote <> '' "
    "AND statement.withdrawn_at IS NULL AND citation.withdrawn_at IS NULL)"
)

FUNCTIONS = f"""
CREATE FUNCTION claims_quote_document(bigint, text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT {quotes_document_sql("$2", QUOTES_OF.format(claim_id="$1"))}
$$;

CREATE FUNCTION claims_quote_document_refresh(bigint[]) RETURNS void
LANGUAGE sql AS $$
    UPDATE claims_claim
    SET quote_document = claims_quote_document(id, language::text)
    WHERE id = ANY($1)
$$;

CREATE FUNCTION claims_claim_quote_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.quote_document := claims_quote_document(NEW.id, NEW.language::text);
    RETURN NEW;
END $$;

CREATE FUNCTION claims_citation_quote_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM claims_quote_document_refresh(ARRAY(
            SELECT DISTINCT statement.claim_id FROM new_rows
            JOIN claims_statement statement ON statement.id = new_rows.statement_id
            WHERE new_rows.quote <> ''));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM claims_quote_document_refresh(ARRAY(
            SELECT DISTINCT statement.claim_id FROM old_rows
            JOIN claims_statement statement ON statement.id = old_rows.statement_id
            WHERE old_rows.quote <> ''));
    ELSE
        PERFORM claims_quote_document_refresh(ARRAY(
            SELECT DISTINCT statement.claim_id
            FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id
            JOIN claims_statement statement
              ON statement.id IN (old_rows.statement_id, new_rows.statement_id)
            WHERE old_rows.quote IS DISTINCT FROM new_rows.quote
               OR old_rows.statement_id IS DISTINCT FROM new_rows.statement_id
               OR old_rows.withdrawn_at IS DISTINCT FROM new_rows.withdrawn_at));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION claims_statement_quote_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claims_quote_document_refresh(ARRAY(
        SELECT DISTINCT unnest(ARRAY[old_rows.claim_id, new_rows.claim_id])
        FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id
        WHERE old_rows.claim_id IS DISTINCT FROM new_rows.claim_id
           OR old_rows.withdrawn_at IS DISTINCT FROM new_rows.withdrawn_at));
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER claims_claim_quote_document BEFORE UPDATE OF language ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_quote_document();
CREATE TRIGGER claims_citation_quote_documents_insert AFTER INSERT ON claims_citation
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_citation_quote_documents();
CREATE TRIGGER claims_citation_quote_documents_update AFTER UPDATE ON claims_citation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_citation_quote_documents();
CREATE TRIGGER claims_citation_quote_documents_delete AFTER DELETE ON claims_citation
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_citation_quote_documents();
CREATE TRIGGER claims_statement_quote_documents_update AFTER UPDATE ON claims_statement
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_statement_quote_documents();
"""

FILL = f"""
UPDATE claims_claim claim
SET quote_document = {quotes_document_sql("claim.language::text", "quotes.text")}
FROM (
    SELECT statement.claim_id, string_agg(citation.quote, E'\\n' ORDER BY citation.id) AS text
    FROM claims_citation citation
    JOIN claims_statement statement ON statement.id = citation.statement_id
    WHERE citation.quote <> ''
      AND statement.withdrawn_at IS NULL AND citation.withdrawn_at IS NULL
    GROUP BY statement.claim_id
) quotes
WHERE quotes.claim_id = claim.id
"""

DROP = """
DROP TRIGGER IF EXISTS claims_statement_quote_documents_update ON claims_statement;
DROP TRIGGER IF EXISTS claims_citation_quote_documents_delete ON claims_citation;
DROP TRIGGER IF EXISTS claims_citation_quote_documents_update ON claims_citation;
DROP TRIGGER IF EXISTS claims_citation_quote_documents_insert ON claims_citation;
DROP TRIGGER IF EXISTS claims_claim_quote_document ON claims_claim;
DROP FUNCTION IF EXISTS claims_statement_quote_documents();
DROP FUNCTION IF EXISTS claims_citation_quote_documents();
DROP FUNCTION IF EXISTS claims_claim_quote_document();
DROP FUNCTION IF EXISTS claims_quote_document_refresh(bigint[]);
DROP FUNCTION IF EXISTS claims_quote_document(bigint, text);
"""


def add_quote_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE claims_claim ADD COLUMN quote_document tsvector")
    schema_editor.execute(FUNCTIONS)
    schema_editor.execute(TRIGGERS)
    schema_editor.execute(FILL)
    schema_editor.execute(f"CREATE INDEX {INDEX} ON claims_claim USING gin (quote_document)")
    schema_editor.execute("ANALYZE claims_claim")


def remove_quote_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP)
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS quote_document")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0010_claim_search_document"),
    ]

    operations = [
        migrations.RunPython(add_quote_document, remove_quote_document),
    ]
