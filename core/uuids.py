"""Giving rows that existed before their model had a ``uuid`` one each (used by migrations)."""

import uuid

BATCH_SIZE = 10_000


def fill_uuids(apps, schema_editor, app_label: str, names: list[str]) -> None:
    """Give every row of each model in ``names`` a distinct uuid4, and every history row the
    uuid of its object (the history rows of a deleted object share one of their own).

    PostgreSQL draws them in SQL (``gen_random_uuid()``, a million rows in seconds); other
    databases get them from Python, in batches.
    """
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    for name in names:
        table = quote(apps.get_model(app_label, name)._meta.db_table)
        history = quote(apps.get_model(app_label, f"Historical{name}")._meta.db_table)
        with connection.cursor() as cursor:
            # Quoted names of the models' own tables: nothing of a user's.
            if connection.vendor == "postgresql":
                cursor.execute(f"UPDATE {table} SET uuid = gen_random_uuid() WHERE uuid IS NULL")  # noqa: S608
            else:
                _fill_from_python(cursor, table, "id")
            cursor.execute(
                f"UPDATE {history} SET uuid = (SELECT t.uuid FROM {table} t "  # noqa: S608
                f"WHERE t.id = {history}.id) WHERE uuid IS NULL"
            )
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {history} h SET uuid = d.uuid FROM (SELECT id, gen_random_uuid() "  # noqa: S608
                    f"AS uuid FROM (SELECT DISTINCT id FROM {history} WHERE uuid IS NULL) i) d "
                    "WHERE h.id = d.id AND h.uuid IS NULL"
                )
            else:
                _fill_from_python(cursor, history, "id")


def _fill_from_python(cursor, table: str, key: str) -> None:
    """One uuid4 per distinct ``key`` among the rows of ``table`` that have none."""
    cursor.execute(f"SELECT DISTINCT {key} FROM {table} WHERE uuid IS NULL")  # noqa: S608
    keys = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(keys), BATCH_SIZE):
        cursor.executemany(
            f"UPDATE {table} SET uuid = %s WHERE {key} = %s AND uuid IS NULL",  # noqa: S608
            [(uuid.uuid4().hex, value) for value in keys[start : start + BATCH_SIZE]],
        )
