"""Concurrent edits: strong ETags, optional If-Match, 412 for stale writes, and row locks.

If-Match is optional: a write without it is applied (last write wins), never answered 428.
The race tests run on PostgreSQL only: SQLite serialises writers by locking the database.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from core.api.viewsets import ServiceViewSet
from tests.support.routes import RECORD_ROUTES, client_with, superuser_client

UPDATABLE = [route for route in RECORD_ROUTES if "patch" in route.methods(detail=True)]
DELETABLE = [route for route in RECORD_ROUTES if "delete" in route.methods(detail=True)]
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def api(db):
    return superuser_client()


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_details_carry_a_strong_etag_that_answers_304(api, route):
    obj = route.make()
    response = api.get(route.detail_url(obj.pk))
    etag = response["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    assert not etag.startswith("W/")
    assert api.get(route.detail_url(obj.pk))["ETag"] == etag
    not_modified = api.get(route.detail_url(obj.pk), HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag
    assert api.get(route.detail_url(obj.pk), HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_the_etag_is_that_of_the_full_representation_whatever_the_shape(api, route):
    obj = route.make()
    etag = api.get(route.detail_url(obj.pk))["ETag"]
    assert api.get(route.detail_url(obj.pk), {"fields": "id"})["ETag"] == etag
    assert api.get(route.detail_url(obj.pk), {"brief": "true"})["ETag"] == etag


HOSTS = ["testserver", "localhost"]


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_the_etag_is_the_same_through_any_host_and_for_any_reader(api, route):
    """The ETag depends on the object only: not on the host its links are written with,
    nor on who reads it."""
    obj = route.make()
    reader = client_with(route.perm("view"))
    url = route.detail_url(obj.pk)
    responses = {
        (who, host): client.get(url, HTTP_HOST=host)
        for who, client in (("superuser", api), ("reader", reader))
        for host in HOSTS
    }
    assert {response.status_code for response in responses.values()} == {200}
    assert len({response["ETag"] for response in responses.values()}) == 1, {
        key: response["ETag"] for key, response in responses.items()
    }
    body = responses["reader", "localhost"].json()
    if "url" in body:  # the links are absolute, through the host asked
        assert body["url"].startswith("http://localhost/")
    etag = responses["reader", "localhost"]["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("route", UPDATABLE, ids=str)
def test_an_etag_read_by_another_user_through_another_host_passes_if_match(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    etag = client_with(route.perm("view")).get(url, HTTP_HOST="localhost")["ETag"]
    response = api.patch(url, {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] == api.get(url, HTTP_HOST="localhost")["ETag"]


@pytest.mark.parametrize("route", UPDATABLE, ids=str)
def test_stale_if_match_gets_412_and_changes_nothing(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    etag = api.get(url)["ETag"]
    assert api.patch(url, {}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    before = api.get(url).json()
    for method in ("patch", "put", "delete"):
        if method not in route.methods(detail=True):
            continue
        response = getattr(api, method)(url, before, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 412, (method, response.content)
        assert response.json()["code"] == "precondition_failed"
    assert api.get(url).json() == before
    assert route.model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("route", UPDATABLE, ids=str)
def test_current_etag_wildcard_or_no_if_match_are_all_accepted(api, route):
    """If-Match is optional (no 428); when sent, the current ETag or * passes."""
    obj = route.make()
    url = route.detail_url(obj.pk)
    response = api.patch(url, {}, format="json")
    assert response.status_code == 200, response.content
    etag = response["ETag"]
    assert etag == api.get(url)["ETag"]
    response = api.patch(url, {}, format="json", HTTP_IF_MATCH=f'"stale", {etag}')
    assert response.status_code == 200
    assert api.patch(url, {}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert api.patch(url, {}, format="json", HTTP_IF_MATCH=f"W/{etag}").status_code == 412


@pytest.mark.parametrize("route", DELETABLE, ids=str)
def test_delete_with_a_stale_etag_gets_412_and_deletes_nothing(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    response = api.delete(url, HTTP_IF_MATCH='"stale"')
    assert response.status_code == 412
    assert route.model.objects.filter(pk=obj.pk).exists()
    etag = api.get(url)["ETag"]
    assert api.delete(url, HTTP_IF_MATCH=etag).status_code in (204, 409)


@pytest.mark.parametrize("route", UPDATABLE, ids=str)
def test_writes_answer_the_new_etag(api, route):
    obj = route.make()
    url = route.detail_url(obj.pk)
    written = api.patch(url, {}, format="json")
    assert written["ETag"] == api.get(url)["ETag"]


def _race(requests, hold_seconds: float):
    """Send ``requests`` (callables) at once from threads, each with its own connection.

    Each If-Match check is held open for ``hold_seconds`` before the write, so without the
    row lock every request would pass its check before any of them wrote.
    """
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)
    errors = []

    def run(index, send):
        try:
            barrier.wait(timeout=10)
            results[index] = send()
        except Exception as error:  # reported below, with the thread's traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    original = ServiceViewSet.check_if_match

    def slow_check(self, instance):
        original(self, instance)
        time.sleep(hold_seconds)

    ServiceViewSet.check_if_match = slow_check
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        ServiceViewSet.check_if_match = original
    assert not errors, errors
    return results


@pytest.mark.postgres_only
@pytest.mark.skipif(not ON_POSTGRESQL, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_patches_with_the_same_if_match_one_wins_one_gets_412():
    route = next(route for route in UPDATABLE if route.prefix == "actors")
    obj = route.make()
    url = route.detail_url(obj.pk)
    clients = [superuser_client(), superuser_client()]
    etag = clients[0].get(url)["ETag"]
    responses = _race(
        [
            lambda: clients[0].patch(
                url, {"description": "first"}, format="json", HTTP_IF_MATCH=etag
            ),
            lambda: clients[1].patch(
                url, {"description": "second"}, format="json", HTTP_IF_MATCH=etag
            ),
        ],
        hold_seconds=0.5,
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 412], [r.content for r in responses]
    winner = next(r for r in responses if r.status_code == 200)
    obj.refresh_from_db()
    assert obj.description == winner.json()["description"]
    assert obj.history.count() == 2  # created, then changed once


@pytest.mark.postgres_only
@pytest.mark.skipif(not ON_POSTGRESQL, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_concurrent_patch_and_delete_with_the_same_if_match_never_both_succeed():
    route = next(route for route in UPDATABLE if route.prefix == "actors")
    obj = route.make()
    url = route.detail_url(obj.pk)
    clients = [superuser_client(), superuser_client()]
    etag = clients[0].get(url)["ETag"]
    patched, deleted = _race(
        [
            lambda: clients[0].patch(
                url, {"description": "edit"}, format="json", HTTP_IF_MATCH=etag
            ),
            lambda: clients[1].delete(url, HTTP_IF_MATCH=etag),
        ],
        hold_seconds=0.5,
    )
    outcome = (patched.status_code, deleted.status_code)
    assert outcome in {(200, 412), (404, 204)}, outcome
    assert route.model.objects.filter(pk=obj.pk).exists() == (outcome == (200, 412))
