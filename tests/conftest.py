"""Fixtures shared by the whole suite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory(username="editor")


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
