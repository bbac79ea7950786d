"""``?format=csv`` on the lists: the filtered objects as their bulk file's CSV, streamed."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.transfer.formats import KINDS_BY_NAME
from tests.support.api import client_with_permissions
from tests.support.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_claims_as_csv_honour_the_filters(db):
    client = client_with_permissions("claims.view_claim")
    french = ClaimFactory(text="Le pont « était » fermé", language="fr")
    ClaimFactory(language="en")
    about = ActorFactory()
    french.about.set([about])

    rows = csv_rows(client.get("/api/v1/claims/", {"format": "csv", "language": "fr"}))

    assert [row["uuid"] for row in rows] == [str(french.uuid)]
    assert rows[0]["text"] == "Le pont « était » fermé"
    assert rows[0]["about_uuids"] == f'["{about.uuid}"]'
    assert list(rows[0]) == list(KINDS_BY_NAME["claims"].columns)


def test_actors_and_sources_as_csv(db):
    client = client_with_permissions("sources.view_actor", "sources.view_source")
    source = SourceFactory()
    actors = csv_rows(client.get("/api/v1/actors/?format=csv"))
    sources = csv_rows(client.get("/api/v1/sources/?format=csv"))
    assert [row["uuid"] for row in actors] == [str(source.publisher.uuid)]
    assert sources[0]["publisher_uuid"] == str(source.publisher.uuid)


@pytest.mark.parametrize(
    ("path", "permission", "factory"),
    [
        ("/api/v1/claims/", "claims.view_claim", ClaimFactory),
        ("/api/v1/actors/", "sources.view_actor", ActorFactory),
        ("/api/v1/sources/", "sources.view_source", SourceFactory),
    ],
)
def test_a_csv_list_runs_as_many_queries_for_3_rows_as_for_30(path, permission, factory):
    client = client_with_permissions(permission)
    factory.create_batch(3)
    csv_rows(client.get(path, {"format": "csv"}))  # the token's first use is recorded

    def queries():
        with CaptureQueriesContext(connection) as context:
            rows = csv_rows(client.get(path, {"format": "csv"}))
        return len(context.captured_queries), len(rows)

    few, three = queries()
    factory.create_batch(27)
    many, thirty = queries()
    assert (three, thirty) == (3, 30)
    assert few == many


def test_a_bad_filter_value_is_a_400_in_json(db):
    client = client_with_permissions("claims.view_claim")
    response = client.get("/api/v1/claims/", {"format": "csv", "period_after": "soon"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"] == {"period_after": ["Enter a valid date."]}


def test_csv_needs_the_permission_to_read(db):
    client = client_with_permissions()
    response = client.get("/api/v1/claims/", {"format": "csv"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
