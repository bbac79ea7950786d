"""Property-based tests of the whole API against its own schema (schemathesis, in process).

Every operation of the schema gets a bounded number of generated requests, valid and
invalid, sent as a superuser's bearer token to the WSGI application with the reference
article loaded. Each response must not be a server error, and must conform to the schema:
a documented status code, content type and body.
"""

from io import StringIO

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.tokens import api_token_create
from tests.support.factories import UserFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": 12},
        # The coverage phase adds boundary cases beyond max-examples; stateful runs chain
        # operations across tests. The bounded fuzzing phase keeps the run within minutes.
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)


def _application_without_database():
    """The WSGI application without the middleware that connects to the database first: the
    schema is loaded at collection, when no test database exists yet, and needs none."""
    middleware = [name for name in settings.MIDDLEWARE if "DatabaseAvailability" not in name]
    with override_settings(MIDDLEWARE=middleware):
        return WSGIHandler()


# Loaded at collection: the schema needs no database rows, and each operation becomes a test.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", _application_without_database(), config=CONFIG
)
# The generated requests go through the whole application.
schema.app = WSGIHandler()


@pytest.fixture
def in_test_transaction():
    """Keep the test's database connection across requests, as Django's test client does.

    A WSGI handler closes the connection at the end of each request when it is not in
    autocommit mode, which inside a test's transaction means after every request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db, in_test_transaction):
    """A superuser's token, with the reference article in the database."""
    call_command("load_reference_article", stdout=StringIO())
    user = UserFactory(username="schemathesis", is_staff=True, is_superuser=True)
    _, raw = api_token_create(user=user, name="schemathesis")
    return f"Bearer {raw}"


@schema.parametrize()
@hypothesis.settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case, bearer):
    """No generated request, valid or not, gets a 500 or an answer the schema does not describe."""
    case.call_and_validate(headers={"Authorization": bearer}, checks=CHECKS)
