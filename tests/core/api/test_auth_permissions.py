"""Who may do what: anonymous 401, no permission 403, the Viewer and Contributor roles.

The roles are the groups the migration creates, exercised with real requests on every
resource the router registers.
"""

import importlib

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from sources.models import Actor
from tests.support.factories import ReviewFactory, UserFactory
from tests.support.routes import RECORD_ROUTES, ROUTES, client_for, client_with

# Each app grants its models' permissions to the roles in a migration of its own.
ROLE_MIGRATIONS = {
    "sources": importlib.import_module("sources.migrations.0003_roles"),
    "claims": importlib.import_module("claims.migrations.0007_roles"),
    "reviews": importlib.import_module("reviews.migrations.0004_roles"),
}
# Grants of review models added after the reviews app's first roles migration.
LATER_REVIEW_ROLES = [
    importlib.import_module("reviews.migrations.0011_match_candidate_roles"),
    importlib.import_module("reviews.migrations.0013_external_fact_check_roles"),
]

WRITES = ["post", "put", "patch", "delete"]


def _requests(route, obj_pk):
    """(method, url) for every operation the route answers."""
    for method in sorted(route.methods(detail=False) - {"options", "head"}):
        yield method, route.list_url()
    for method in sorted(route.methods(detail=True) - {"options", "head"}):
        yield method, route.detail_url(obj_pk)


def _send(client, method, url):
    return getattr(client, method)(url, {}, format="json") if method != "get" else client.get(url)


def member_of(role: str) -> APIClient:
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    return client_for(user)


def is_immutable(route) -> bool:
    meta = route.model._meta
    return meta.model_name in getattr(ROLE_MIGRATIONS[meta.app_label], "IMMUTABLE", ())


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_anonymous_requests_get_401_with_a_bearer_challenge(db, route):
    obj = route.make()
    count = route.model.objects.count()
    for method, url in _requests(route, obj.pk):
        response = _send(APIClient(), method, url)
        assert response.status_code == 401, (method, url)
        assert response.json()["code"] == "not_authenticated"
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert route.model.objects.count() == count


def test_the_api_root_needs_authentication_and_lists_every_collection(db):
    assert APIClient().get("/api/v1/").status_code == 401
    response = client_with().get("/api/v1/")
    assert response.status_code == 200
    links = response.json()
    assert set(links) == {route.prefix for route in ROUTES} | {"changes"}
    assert links["changes"] == "http://testserver/api/v1/changes/"
    assert client_with().get(links["changes"]).status_code == 200


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_users_without_permissions_get_403_and_change_nothing(db, route):
    obj = route.make()
    client = client_with()
    count = route.model.objects.count()
    for method, url in _requests(route, obj.pk):
        response = _send(client, method, url)
        assert response.status_code == 403, (method, url, response.content)
        assert response.json()["code"] == "permission_denied"
    assert route.model.objects.count() == count


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_a_permission_grants_exactly_its_own_method(db, route):
    """view_* reads, and nothing more; change_* without view_* does not even read."""
    obj = route.make()
    reader = client_with(route.perm("view"))
    assert reader.get(route.list_url()).status_code == 200
    assert reader.get(route.detail_url(obj.pk)).status_code == 200
    deletable = "delete" in route.methods(detail=True)
    assert reader.delete(route.detail_url(obj.pk)).status_code == (403 if deletable else 405)
    writer_only = client_with(route.perm("change"))
    assert writer_only.get(route.detail_url(obj.pk)).status_code == 403


HTTP_METHODS = ["get", "post", "put", "patch", "delete"]


def _never_allowed(route, obj_pk):
    """(method, url, allowed methods) for every method a route's URLs never answer."""
    for detail, url in ((False, route.list_url()), (True, route.detail_url(obj_pk))):
        allowed = route.methods(detail=detail)
        for method in HTTP_METHODS:
            if method not in allowed:
                yield method, url, allowed


@pytest.mark.parametrize("route", ROUTES, ids=str)
@pytest.mark.parametrize("who", ["anonymous", "no permission", "viewer", "editor"])
def test_methods_an_endpoint_never_allows_get_405_whoever_asks(db, route, who):
    """405 with Allow before any permission check: never a 403 (or 401) that would suggest
    the method exists for someone else."""
    obj = route.make()
    client = {
        "anonymous": APIClient,
        "no permission": client_with,
        "viewer": lambda: member_of("Viewer"),
        "editor": lambda: member_of("Editor"),
    }[who]()
    count = route.model.objects.count()
    cases = list(_never_allowed(route, obj.pk))
    for method, url, allowed in cases:
        response = _send(client, method, url)
        assert response.status_code == 405, (method, url, response.content)
        assert response.json()["code"] == "method_not_allowed"
        implied = {"options", *(["head"] if "get" in allowed else [])}
        assert set(response["Allow"].lower().split(", ")) == allowed | implied, (method, url)
    assert route.model.objects.count() == count


def test_an_editor_deleting_a_review_gets_405_not_403(db):
    review = ReviewFactory()
    response = member_of("Editor").delete(f"/api/v1/reviews/{review.pk}/")
    assert response.status_code == 405, response.content
    assert "DELETE" not in response["Allow"]
    assert "PATCH" in response["Allow"]


def test_the_api_root_answers_405_to_writes_whoever_asks(db):
    for client in (APIClient(), client_with()):
        response = client.post("/api/v1/", {}, format="json")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_token_endpoints_need_no_permission_on_the_record(db):
    client = client_with()
    assert client.get("/api/v1/tokens/").status_code == 200
    assert client.post("/api/v1/tokens/", {"name": "mine"}, format="json").status_code == 201


def review_roles_of(route):
    """The roles migration that grants a review model's permissions, or None: review models
    have their own grants (reviews/migrations/0004_roles.py and later ones)."""
    meta = route.model._meta
    if meta.app_label != "reviews":
        return None
    for migration in [ROLE_MIGRATIONS["reviews"], *LATER_REVIEW_ROLES]:
        models = getattr(migration, "MODELS", None)
        if models is None:  # the models its grants name
            models = {code.split("_", 1)[1] for codes in migration.ROLES.values() for code in codes}
        if meta.model_name in models:
            return migration
    return None


def test_the_migration_creates_the_roles_over_every_record_model(db):
    """Viewer may view every recorded model; Contributor may also add, change and delete the
    record, and has exactly the review grants of its role on the review models."""
    viewer = Group.objects.get(name="Viewer")
    contributor = Group.objects.get(name="Contributor")
    assert not viewer.permissions.exclude(codename__startswith="view_").exists()
    for route in RECORD_ROUTES:
        meta = route.model._meta
        assert viewer.permissions.filter(codename=f"view_{meta.model_name}").exists()
        review_roles = review_roles_of(route)
        if review_roles is not None:
            granted = set(
                contributor.permissions.filter(content_type__model=meta.model_name).values_list(
                    "codename", flat=True
                )
            )
            expected = {
                codename
                for codename in review_roles.ROLES["Contributor"]
                if codename.endswith(f"_{meta.model_name}")
            }
            assert granted == expected, route
            continue
        assert meta.model_name in ROLE_MIGRATIONS[meta.app_label].MODELS, route
        for action in ("view", "add", "delete") + (() if is_immutable(route) else ("change",)):
            assert contributor.permissions.filter(codename=f"{action}_{meta.model_name}").exists()


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_viewers_read_everything_and_write_nothing(db, route):
    obj = route.make()
    client = member_of("Viewer")
    assert client.get(route.list_url()).status_code == 200
    detail = client.get(route.detail_url(obj.pk))
    assert detail.status_code == 200
    count = route.model.objects.count()
    for method, url in _requests(route, obj.pk):
        if method in WRITES:
            response = _send(client, method, url)
            assert response.status_code == 403, (method, url)
    assert route.model.objects.count() == count
    assert client.get(route.detail_url(obj.pk)).json() == detail.json()


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_contributors_create_edit_and_delete_the_record(db, route):
    """Permission is granted for every write: an empty create fails on its input (400), an
    empty edit succeeds (or, for immutable records, is refused), a deletion goes through."""
    obj = route.make()
    client = member_of("Contributor")
    assert client.get(route.list_url()).status_code == 200
    roles = review_roles_of(route)
    granted = roles.ROLES.get("Contributor", ()) if roles is not None else None
    if granted is not None and f"add_{route.model._meta.model_name}" not in granted:
        # A review model whose writes are another role's (rating mappings: fact-checkers').
        if "post" in route.methods(detail=False):
            assert client.post(route.list_url(), {}, format="json").status_code == 403
        return
    if "post" in route.methods(detail=False):
        response = client.post(route.list_url(), {}, format="json")
        assert response.status_code == 400, response.content
    detail_methods = route.methods(detail=True)
    if "patch" in detail_methods:
        response = client.patch(route.detail_url(obj.pk), {}, format="json")
        if is_immutable(route):
            assert response.status_code == 403, response.content
        else:
            assert response.status_code == 200, response.content
    if "delete" in detail_methods:
        response = client.delete(route.detail_url(obj.pk))
        assert response.status_code in (204, 409), response.content
        assert route.model.objects.filter(pk=obj.pk).exists() == (response.status_code == 409)


def test_a_contributor_creates_an_actor_attributed_to_them(db):
    client = member_of("Contributor")
    response = client.post(
        "/api/v1/actors/", {"kind": "government_body", "name": "Ministry of Defence"}
    )
    assert response.status_code == 201, response.content
    actor = Actor.objects.get(pk=response.json()["id"])
    assert actor.history.earliest().history_user == client.user


def test_session_authentication_serves_the_browsable_api_and_needs_csrf(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Contributor"))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get("/api/v1/actors/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert client.get("/api/v1/actors/").status_code == 200
    payload = {"kind": "ngo", "name": "Airwars"}
    refused = client.post("/api/v1/actors/", payload, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    csrf = client.cookies["csrftoken"].value
    accepted = client.post("/api/v1/actors/", payload, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201, accepted.content


def test_a_bearer_token_needs_no_csrf(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Contributor"))
    client = client_for(user)
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/actors/", {"kind": "ngo", "name": "Airwars"}, format="json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/actors/", "/api/v1/tokens/"])
@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Token abc", "Digest x", "token"])
def test_other_authorization_schemes_get_401_saying_to_send_a_bearer_token(db, header, url):
    """Credentials in another scheme were sent, not missing: the answer says which to use."""
    response = APIClient().get(url, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert "Authorization: Bearer <token>" in body["detail"]
    assert "not provided" not in body["detail"]


def test_without_any_authorization_the_detail_says_credentials_are_missing(db):
    body = APIClient().get("/api/v1/actors/").json()
    assert body["detail"] == "Authentication credentials were not provided."


def test_a_session_still_authenticates_beside_basic_credentials_for_a_proxy(db):
    """A browser behind a proxy that asks for Basic credentials sends them on every request."""
    client = APIClient()
    client.force_login(member_of("Viewer").user)
    response = client.get("/api/v1/actors/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert response.status_code == 200, response.content
