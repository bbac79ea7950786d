"""A database made before the reviews app had its own (version 0.1) migrates with every row kept.

Each test loads a dump of such a database (``legacy/``: the reference article, the roles, a
published review with its correction in review, a retracted one, history, a token, an admin
log entry), migrates it with ``manage.py migrate`` in a fresh interpreter, and compares every
table before and after: the moved tables under their new names, the content types under
their new app, every other row as it was. The migrated schema must then be the one a new
database gets, and the people must keep what they may do.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

LEGACY = Path(__file__).resolve().parent / "legacy"
BASE_DIR = Path(settings.BASE_DIR)
MOVED_MODELS = [
    "review",
    "ratingscale",
    "ratinglabel",
    "reviewcomment",
    "reviewevent",
    "historicalreview",
    "historicalratingscale",
    "historicalratinglabel",
    "historicalreviewcomment",
    "historicalreview_evidence",
]
# Old table → new table: the moved models' tables and the reviews' evidence table.
RENAMED = {f"claims_{model}": f"reviews_{model}" for model in MOVED_MODELS} | {
    "claims_review_evidence": "reviews_review_evidence"
}
# Catalogues that later migrations add to by design: their own record, and the content
# types and permissions of models they create. Every row they had is still there.
# Later migrations add rows to these: new models and their permissions, and roles granted them
# (the match queue's, say). The rows that were there must all still be there.
GROWS = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group_permissions",
}
# Versions approved before approval pinned them are pinned when the database is migrated:
# each one's update time and history record it.
PINNED_BY_THE_MIGRATION = {"claims_review": {"updated_at"}}
REVIEW_HISTORY = {"claims_historicalreview", "claims_historicalreview_evidence"}
# Permissions of each role over the moved models, by their new names (a sample of the grants
# that must survive: one per role and kind of step).
KEPT_PERMISSIONS = {
    "viewer": {"reviews.view_review"},
    "contributor": {"reviews.submit_review", "reviews.add_review"},
    "checker": {"reviews.check_review", "reviews.change_review"},
    "editor": {"reviews.approve_review", "reviews.publish_review", "reviews.assign_review"},
}

PERMISSIONS_SCRIPT = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from reviews.models import Review
users = get_user_model().objects.filter(username__in={usernames!r})
print(json.dumps({{
    "permissions": {{u.username: sorted(u.get_all_permissions()) for u in users}},
    "states": sorted(Review.objects.values_list("state", flat=True)),
    "history": Review.history.count(),
    "published_claims": list(Review.objects.published().values_list("claim_id", flat=True)),
    "pinned": sorted(Review.objects.exclude(pinned=None).values_list("state", flat=True)),
    "authors": {{
        review.state: sorted(author.username for author in review.authors.all())
        for review in Review.objects.all()
    }},
}}))
"""


def manage(database_url: str, *args: str, code: str | None = None) -> str:
    """Run ``manage.py`` (or ``code``) against ``database_url`` in a fresh interpreter."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    result = subprocess.run(  # noqa: S603 (the current interpreter, fixed arguments)
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _rows(cursor) -> list[dict]:
    """A table's rows, each as {column: value}."""
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def content_type_key(app_label: str, model: str) -> tuple[str, str]:
    """A content type as it must read after the migration."""
    return ("reviews" if model in MOVED_MODELS else app_label, model)


def assert_kept(before: dict, after: dict, content_type_table: str = "django_content_type"):
    """Every table of ``before`` is in ``after`` (renamed if it moved) with the same rows.

    Columns added by later migrations are left out of the comparison, and so are SQLite's own
    tables (``sqlite_sequence``): they follow the tables.
    """
    before = {table: rows for table, rows in before.items() if not table.startswith("sqlite_")}
    after = {table: rows for table, rows in after.items() if not table.startswith("sqlite_")}
    for table, rows in before.items():
        new_table = RENAMED.get(table, table)
        assert new_table in after, f"{table} is gone"
        changed = PINNED_BY_THE_MIGRATION.get(table, set())
        columns = [column for column in (rows[0] if rows else []) if column not in changed]
        old = [tuple(row[column] for column in columns) for row in rows]
        new = [tuple(row[column] for column in columns) for row in after[new_table]]
        if table == content_type_table:
            old = [(pk, *content_type_key(app, model)) for pk, app, model in old]
        if table in GROWS or table in REVIEW_HISTORY:
            assert set(old) <= set(new), table
            continue
        assert sorted(new, key=repr) == sorted(old, key=repr), table
    # Later migrations may add tables (the new schema is compared as a whole elsewhere).
    assert {RENAMED.get(table, table) for table in before} <= set(after)


def check_people(database_url: str):
    """The roles' people may do what they could, under the permissions' new names."""
    usernames = sorted(KEPT_PERMISSIONS)
    report = manage(database_url, code=PERMISSIONS_SCRIPT.format(usernames=usernames))
    values = json.loads(report)
    for username, expected in KEPT_PERMISSIONS.items():
        granted = set(values["permissions"][username])
        assert expected <= granted, username
        assert not any(name.startswith("claims.") and "review" in name for name in granted)
    assert values["states"] == ["in_review", "published", "retracted"]
    assert values["history"] > 0
    assert len(values["published_claims"]) == 1
    # Published and retracted versions are pinned from the record as the migration found it.
    assert values["pinned"] == ["published", "retracted"]
    # Authors come from the history: the rater of each version; a correction's are those of
    # the version it corrects and its corrector.
    assert values["authors"] == {
        "published": ["checker"],
        "in_review": ["checker", "editor"],
        "retracted": ["checker"],
    }


# PostgreSQL


def _pg_settings() -> dict:
    database = settings.DATABASES["default"]
    return {
        "host": database.get("HOST") or "127.0.0.1",
        "port": str(database.get("PORT") or 5432),
        "user": database.get("USER") or "",
        "password": database.get("PASSWORD") or "",
    }


def _pg_url(name: str) -> str:
    pg = _pg_settings()
    credentials = pg["user"] + (f":{pg['password']}" if pg["password"] else "")
    return f"postgres://{credentials}@{pg['host']}:{pg['port']}/{name}"


def _pg_connect(name: str):
    pg = _pg_settings()
    return psycopg.connect(
        host=pg["host"],
        port=pg["port"],
        user=pg["user"] or None,
        password=pg["password"] or None,
        dbname=name,
        autocommit=True,
    )


@pytest.fixture
def postgres_databases():
    """Two new, empty PostgreSQL databases (the legacy one and a fresh one), dropped after."""
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL dump is loaded into PostgreSQL")
    names = [f"claimtrack_migration_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with _pg_connect("postgres") as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    yield names
    with _pg_connect("postgres") as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_tables(name: str) -> dict[str, list[tuple]]:
    with _pg_connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        # Table names from the database's own catalogue.
        return {table: _rows(conn.execute(f'SELECT * FROM "{table}"')) for table in tables}  # noqa: S608


def _pg_schema(name: str) -> dict:
    """Columns, constraints and indexes, each by what it does (names of the database's own
    making left out: they carry the table's old name)."""
    with _pg_connect(name) as conn:
        columns = set(
            conn.execute(
                "SELECT table_name, column_name, data_type, is_nullable, character_maximum_length"
                " FROM information_schema.columns WHERE table_schema = 'public'"
            )
        )
        # By table, kind, columns and referenced table: PostgreSQL prints a check restored
        # from a dump differently from one Django created, though they are the same.
        constraints = sorted(
            conn.execute(
                "SELECT conrelid::regclass::text, contype, confrelid::regclass::text,"
                " array(SELECT attname FROM pg_attribute"
                "       WHERE attrelid = conrelid AND attnum = ANY(conkey) ORDER BY attname)"
                " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
            )
        )
        indexes = sorted(
            (table, re.sub(r"^CREATE (UNIQUE )?INDEX \S+ ON ", r"CREATE \1INDEX ON ", definition))
            for table, definition in conn.execute(
                "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'"
            )
        )
        names = {
            row[0]
            for row in conn.execute(
                "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                " UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
            )
        }
    return {"columns": columns, "constraints": constraints, "indexes": indexes, "names": names}


def _declared_names() -> set[str]:
    """The names the models give their constraints and indexes."""
    from django.apps import apps

    names = set()
    for model in apps.get_models():
        names |= {constraint.name for constraint in model._meta.constraints}
        names |= {index.name for index in model._meta.indexes}
    return names


@pytest.mark.postgres_only
def test_a_postgresql_database_of_version_0_1_migrates_with_every_row_kept(postgres_databases):
    legacy, fresh = postgres_databases
    pg = _pg_settings()
    env = {**os.environ, "PGHOST": pg["host"], "PGPORT": pg["port"], "PGUSER": pg["user"]}
    if pg["password"]:
        env["PGPASSWORD"] = pg["password"]
    subprocess.run(  # noqa: S603 (psql with fixed arguments)
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", legacy, "-f", str(LEGACY / "postgresql.sql")],  # noqa: S607
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    before = _pg_tables(legacy)
    assert len(before["claims_review"]) == 3

    manage(_pg_url(legacy), "migrate", "--no-input")

    assert_kept(before, _pg_tables(legacy))
    manage(_pg_url(fresh), "migrate", "--no-input")
    migrated, new = _pg_schema(legacy), _pg_schema(fresh)
    assert migrated["columns"] == new["columns"]
    assert migrated["constraints"] == new["constraints"]
    assert migrated["indexes"] == new["indexes"]
    assert _declared_names() <= migrated["names"]
    manage(_pg_url(legacy), "makemigrations", "--check", "--dry-run")
    check_people(_pg_url(legacy))


# SQLite


def _sqlite(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    # The dump's check constraints use REGEXP, which Django gives its own connections.
    conn.create_function(
        "REGEXP", 2, lambda pattern, text: text is not None and bool(re.search(pattern, str(text)))
    )
    return conn


def _sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    with _sqlite(path) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        # Table names from the database's own catalogue.
        return {table: _rows(conn.execute(f'SELECT * FROM "{table}"')) for table in tables}  # noqa: S608


def _sqlite_schema(path: Path) -> dict[tuple[str, str], str]:
    """Every table and index as SQLite keeps it: the statement that would create it."""
    with _sqlite(path) as conn:
        return {
            (kind, name): sql
            for kind, name, sql in conn.execute(
                "SELECT type, name, sql FROM sqlite_master"
                " WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"
            )
        }


def test_a_sqlite_database_of_version_0_1_migrates_with_every_row_kept(tmp_path):
    legacy, fresh = tmp_path / "legacy.sqlite3", tmp_path / "fresh.sqlite3"
    with _sqlite(legacy) as conn:
        conn.executescript((LEGACY / "sqlite.sql").read_text(encoding="utf-8"))
    before = _sqlite_tables(legacy)
    assert len(before["claims_review"]) == 3

    manage(f"sqlite:///{legacy}", "migrate", "--no-input")

    assert_kept(before, _sqlite_tables(legacy))
    manage(f"sqlite:///{fresh}", "migrate", "--no-input")
    assert _sqlite_schema(legacy) == _sqlite_schema(fresh)
    manage(f"sqlite:///{legacy}", "makemigrations", "--check", "--dry-run")
    check_people(f"sqlite:///{legacy}")
