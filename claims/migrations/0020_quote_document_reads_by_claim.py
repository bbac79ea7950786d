"""The quotes of a claim are read from its statements, then each one's citations, whatever
the planner believes of the tables (PostgreSQL only).

``claims_quote_document`` (migration 0011) named the claim, and the statements' and
citations' being current, in one condition. With statistics that lag behind the tables (an
import filling them in one transaction), PostgreSQL planned it as every current citation
joined to the statements of the claim, each through a bitmap of all the current statements:
some 200 ms a claim at 10,000 statements, refreshed on every insert of a citation. Now the
condition names only the claim; the statements' citations are read one statement at a time
(a subquery fenced by ``OFFSET 0``, which the planner cannot turn around), and whether they
are current is the aggregate's filter, which no index can be chosen for. The document is the
same: the current quotes of the current statements, in citation order.
"""

from django.db import migrations

QUOTES_OF = (
    "(SELECT string_agg(citation.quote, E'\\n' ORDER BY citation.id) FILTER ("
    "WHERE citation.quote <> '' AND statement.withdrawn_at IS NULL "
    "AND citation.withdrawn_at IS NULL) "
    "FROM claims_statement statement CROSS JOIN LATERAL ("
    "SELECT id, quote, withdrawn_at FROM claims_citation "
    "WHERE statement_id = statement.id OFFSET 0) citation "
    "WHERE statement.claim_id = {claim_id})"
)


def quote_document_function(quotes_of: str) -> str:
    # The configuration by language as migration 0011 spells it.
    from importlib import import_module

    previous = import_module("claims.migrations.0011_claim_quote_document")
    document = previous.quotes_document_sql("$2", quotes_of.format(claim_id="$1"))
    return f"""
CREATE OR REPLACE FUNCTION claims_quote_document(bigint, text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT {document}
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(quote_document_function(QUOTES_OF))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        previous = import_module("claims.migrations.0011_claim_quote_document")
        schema_editor.execute(quote_document_function(previous.QUOTES_OF))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0019_history_indexes_what_history_is_read_by"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
