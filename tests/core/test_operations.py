"""Indexes added to big tables are built without blocking writes on PostgreSQL (``CREATE
INDEX CONCURRENTLY``, outside a transaction) and as usual elsewhere, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

BEFORE = ("claims", "0017_statement_actor_stance_claim_index")
ADDING = ("claims", "0018_citation_filter_indexes")
INDEXES = {"claims_citation_role_list", "claims_citation_access_list", "claims_citation_unverified"}


def citation_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "claims_citation")
    return {name for name, details in constraints.items() if details["index"]} & INDEXES


def index_statements(queries) -> list[str]:
    """The statements that create or drop the citation filter's indexes (migrating back
    also unapplies later migrations, with indexes of their own)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("CREATE INDEX", "DROP INDEX"))
        and any(name in query["sql"] for name in INDEXES)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_citation_filter_indexes_are_built_and_dropped_concurrently_where_supported():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    assert citation_indexes() == INDEXES
    try:
        with CaptureQueriesContext(connection) as dropped:
            executor.migrate([BEFORE])
        assert citation_indexes() == set()
        executor = MigrationExecutor(connection)
        with CaptureQueriesContext(connection) as built:
            executor.migrate([ADDING])
        assert citation_indexes() == INDEXES
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    concurrently = connection.vendor == "postgresql"
    for queries, verb in ((built, "CREATE INDEX"), (dropped, "DROP INDEX")):
        statements = index_statements(queries)
        assert len(statements) == 3, statements
        for sql in statements:
            assert sql.upper().startswith(f"{verb} CONCURRENTLY") == concurrently, sql
    if concurrently:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_index JOIN pg_class ON pg_class.oid = indexrelid "
                "WHERE relname = ANY(%s) AND indisvalid",
                [sorted(INDEXES)],
            )
            assert cursor.fetchone()[0] == 3


HISTORY_INDEXES_BEFORE = ("sources", "0010_snapshot_captured_index")
DROPPED = {"claims_historicalclaim_language_e899813c", "claims_historicalclaim_uuid_45bc4d0e"}


def history_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "claims_historicalclaim")
    return {name for name, details in constraints.items() if details["index"]}


@pytest.mark.django_db(transaction=True)
def test_the_history_index_migrations_touch_the_indexes_alone():
    """Dropping the history tables' indexes (and building them back) rebuilds no table:
    SQLite's AlterField would copy every history table, row by row."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    assert not history_indexes() & DROPPED
    try:
        with CaptureQueriesContext(connection) as back:
            executor.migrate([HISTORY_INDEXES_BEFORE])
        assert history_indexes() >= DROPPED
    finally:
        executor = MigrationExecutor(connection)
        with CaptureQueriesContext(connection) as forth:
            executor.migrate(latest)
    assert not history_indexes() & DROPPED
    for queries in (back, forth):
        statements = [query["sql"].lstrip().upper() for query in queries.captured_queries]
        assert any(sql.startswith(("CREATE INDEX", "DROP INDEX")) for sql in statements)
        assert not [sql for sql in statements if sql.startswith(("CREATE TABLE", "ALTER TABLE"))]
