"""Fixtures shared by the whole suite."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from tests.support.desk import Desk
from tests.support.factories import UserFactory, role_user


@pytest.fixture
def user(db):
    return UserFactory(username="editor")


@pytest.fixture
def desk(db) -> Desk:
    """A contributor, a fact-checker and two editors, who take claims through the workflow."""
    return Desk(
        contributor=role_user("Contributor", username="contributor"),
        checker=role_user("Fact-checker", username="checker"),
        editor=role_user("Editor", username="editor-one"),
        other_editor=role_user("Editor", username="editor-two"),
    )


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


class QueryCounter:
    """Counts the queries run inside ``with counter:``; the SQL is kept for failure messages."""

    def __init__(self):
        self.context = CaptureQueriesContext(connection)

    def __enter__(self):
        self.context.__enter__()
        return self

    def __exit__(self, *exc):
        self.context.__exit__(*exc)

    @property
    def count(self) -> int:
        return len(self.context.captured_queries)

    def explain(self) -> str:
        return "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(self.context, 1))


@pytest.fixture
def count_queries():
    """Returns a new ``QueryCounter`` per call, for comparing the same view at two sizes."""
    return QueryCounter


ROLE_MIGRATIONS = [
    ("sources", "0003_roles"),
    ("claims", "0007_roles"),
    ("reviews", "0004_roles"),
]


class _ScalesMovedToReviews:
    """The models ``claims.0005_rating_scales`` wrote, where they are now: in reviews."""

    def __init__(self, apps):
        self.apps = apps

    def get_model(self, app_label, model_name):
        return self.apps.get_model("reviews" if app_label == "claims" else app_label, model_name)


@pytest.fixture
def migration_data(transactional_db):
    """The role groups and rating scales, as the data migrations create them.

    A transactional test that ran earlier flushed the database, and the flush removes
    migration data. Each migration's own function runs again (it is idempotent) with the
    historical models of the latest state.
    """
    apps = MigrationLoader(connection).project_state().apps
    scales = import_module("claims.migrations.0005_rating_scales")
    scales.create_scales(_ScalesMovedToReviews(apps), None)
    for app_label, name in ROLE_MIGRATIONS:
        import_module(f"{app_label}.migrations.{name}").grant_roles(apps, None)
