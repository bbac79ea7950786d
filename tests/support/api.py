"""The API test matrix: every resource is tested the same way, NetBox-style.

A resource's test class names its model, URL basename and how to make objects and payloads;
the matrix checks anonymous access (401), no permission (403), the happy paths, bad input
(400, nothing written), history attribution, ETag/If-Match (412) and that list and detail
requests run the same number of queries for 2 rows as for 20.
"""

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from core.tokens import api_token_create
from tests.support.factories import UserFactory


def client_with_permissions(*codenames: str, username: str | None = None) -> APIClient:
    """An API client authenticated by a bearer token of a user with exactly these permissions."""
    user = UserFactory(**({"username": username} if username else {}))
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    _, raw = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client


def count_queries(call) -> tuple[int, str]:
    """The queries of a read once warm: a first call records the token's use and caches its
    identity, which anything saved since (a user, a group) may have made stale."""
    call()
    with CaptureQueriesContext(connection) as context:
        response = call()
    assert response.status_code < 300, response.content
    sql = "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(context.captured_queries, 1))
    return len(context.captured_queries), sql


def found(response) -> set[int]:
    """The ids of a successful list response's rows."""
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def assert_refused(response, name):
    """A 400 in the API's error format, naming exactly the parameter ``name``."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [name]


class APIMatrix:
    """Mixin for pytest classes; subclasses set the attributes and implement the hooks."""

    basename: str  # the router basename, e.g. "actor"
    model = None
    brief_fields: list[str] = []
    # Each is a fresh dict from a method, because payloads often need objects made per test.

    def make(self):
        """Create one object of the resource (factories)."""
        raise NotImplementedError

    def create_payload(self) -> dict:
        raise NotImplementedError

    def invalid_payload(self) -> dict:
        """A payload the resource must refuse with 400 and field errors."""
        raise NotImplementedError

    def update_payload(self) -> dict:
        raise NotImplementedError

    # Helpers

    @property
    def perm(self):
        meta = self.model._meta
        return lambda action: f"{meta.app_label}.{action}_{meta.model_name}"

    def list_url(self):
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, obj):
        return reverse(f"api:{self.basename}-detail", args=[obj.pk])

    def reader(self):
        return client_with_permissions(self.perm("view"))

    def writer(self, *actions):
        return client_with_permissions(*(self.perm(a) for a in ("view", *actions)))

    # The matrix

    def test_anonymous_requests_get_401(self, db):
        obj = self.make()
        client = APIClient()
        for response in (client.get(self.list_url()), client.get(self.detail_url(obj))):
            assert response.status_code == 401
            assert response.json()["code"] == "not_authenticated"
            assert response["WWW-Authenticate"].startswith("Bearer")

    def test_users_without_permission_get_403(self, db):
        obj = self.make()
        client = client_with_permissions()
        assert client.get(self.list_url()).status_code == 403
        assert client.get(self.detail_url(obj)).status_code == 403
        response = client.post(self.list_url(), self.create_payload(), format="json")
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"

    def test_readers_cannot_write(self, db):
        obj = self.make()
        client = self.reader()
        count = self.model.objects.count()
        assert client.post(self.list_url(), self.create_payload(), format="json").status_code == 403
        # A resource that is never deleted answers 405 to everyone (reviews).
        deleted = client.delete(self.detail_url(obj))
        assert deleted.status_code in (403, 405)
        assert (deleted.status_code == 405) == ("DELETE" not in deleted["Allow"])
        assert self.model.objects.count() == count

    def test_list_is_brief(self, db):
        self.make()
        response = self.reader().get(self.list_url())
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"next", "previous", "results"}
        assert body["results"]
        assert set(body["results"][0]) == set(self.brief_fields)

    def test_retrieve_carries_a_strong_etag(self, db):
        obj = self.make()
        client = self.reader()
        response = client.get(self.detail_url(obj))
        assert response.status_code == 200
        etag = response["ETag"]
        assert etag.startswith('"')
        assert not etag.startswith("W/")
        assert response.json()["id"] == obj.pk
        again = client.get(self.detail_url(obj), HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304

    def test_create_is_attributed_and_kept_in_history(self, db):
        client = self.writer("add")
        response = client.post(self.list_url(), self.create_payload(), format="json")
        assert response.status_code == 201, response.content
        assert response["ETag"]
        created = self.model.objects.get(pk=response.json()["id"])
        assert created.history.earliest().history_user == client.user

    def test_invalid_input_gets_400_with_field_errors_and_writes_nothing(self, db):
        client = self.writer("add")
        count = self.model.objects.count()
        response = client.post(self.list_url(), self.invalid_payload(), format="json")
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["code"] == "invalid"
        assert body["errors"]
        assert self.model.objects.count() == count

    def test_update_with_current_etag_succeeds_and_stale_etag_gets_412(self, db):
        obj = self.make()
        client = self.writer("change")
        etag = client.get(self.detail_url(obj))["ETag"]
        response = client.patch(
            self.detail_url(obj), self.update_payload(), format="json", HTTP_IF_MATCH=etag
        )
        assert response.status_code == 200, response.content
        assert response["ETag"] != etag
        before = client.get(self.detail_url(obj)).json()
        stale = client.patch(
            self.detail_url(obj), self.update_payload(), format="json", HTTP_IF_MATCH=etag
        )
        assert stale.status_code == 412
        assert stale.json()["code"] == "precondition_failed"
        assert client.get(self.detail_url(obj)).json() == before

    def test_delete_with_stale_etag_gets_412_and_deletes_nothing(self, db):
        obj = self.make()
        client = self.writer("delete")
        response = client.delete(self.detail_url(obj), HTTP_IF_MATCH='"stale"')
        assert response.status_code == 412
        assert self.model.objects.filter(pk=obj.pk).exists()

    def test_list_runs_the_same_queries_for_2_and_20_rows(self, db):
        client = self.reader()
        client.get(self.list_url())  # the token's first use records it; later ones do not
        for _ in range(2):
            self.make()
        small, _ = count_queries(lambda: client.get(self.list_url(), {"page_size": 50}))
        for _ in range(18):
            self.make()
        large, sql = count_queries(lambda: client.get(self.list_url(), {"page_size": 50}))
        assert large == small, f"{small} queries for 2 rows, {large} for 20:\n{sql}"
        full, _ = count_queries(
            lambda: client.get(self.list_url(), {"page_size": 50, "brief": "false"})
        )
        for _ in range(5):
            self.make()
        fuller, sql = count_queries(
            lambda: client.get(self.list_url(), {"page_size": 50, "brief": "false"})
        )
        assert fuller == full, f"{full} queries for 20 full rows, {fuller} for 25:\n{sql}"
