"""Tokens created by tokens: they never out-expire nor outlive the token that made them."""

import threading
import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from core import tokens as token_services
from core.models import ApiToken
from core.tokens import api_token_create, api_token_revoke, token_lookup
from tests.support.factories import ApiTokenFactory, UserFactory

TOKENS = "/api/v1/tokens/"
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


def create_child(secret: str, **payload) -> dict:
    """Create a token over the API with the token ``secret``; its answer."""
    response = bearer(secret).post(TOKENS, {"name": "child", **payload}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_token_created_by_a_token_records_it_as_its_parent(owner):
    parent = ApiTokenFactory(user=owner)
    body = create_child(parent.secret)
    assert body["parent"] == parent.pk
    child = ApiToken.objects.get(pk=body["id"])
    assert child.parent == parent
    grandchild = create_child(body["token"], name="grandchild")
    assert ApiToken.objects.get(pk=grandchild["id"]).parent == child
    listed = {
        row["id"]: row["parent"] for row in bearer(parent.secret).get(TOKENS).json()["results"]
    }
    assert listed == {parent.pk: None, child.pk: parent.pk, grandchild["id"]: child.pk}


def test_tokens_made_in_a_session_the_admin_or_the_command_have_no_parent(owner, admin_client):
    session = APIClient()
    session.force_login(owner)
    response = session.post(TOKENS, {"name": "browser"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["parent"] is None
    admin_client.post(reverse("admin:core_apitoken_add"), {"user": owner.pk, "name": "admin"})
    call_command("create_api_token", "owner", "--name", "command", stdout=StringIO())
    made = ApiToken.objects.filter(user=owner)
    assert {token.name: token.parent_id for token in made} == {
        "browser": None,
        "admin": None,
        "command": None,
    }


@pytest.mark.parametrize("requested", [None, 30])
def test_a_later_or_absent_expiry_is_capped_to_the_parents(owner, requested):
    parent = ApiTokenFactory(user=owner, expires_in=timedelta(days=10))
    body = create_child(parent.secret, **({"expires_days": requested} if requested else {}))
    child = ApiToken.objects.get(pk=body["id"])
    assert child.expires_at == parent.expires_at
    # The answer says the expiry the token got.
    assert parse_datetime(body["expires_at"]) == parent.expires_at
    assert body["is_active"] is True


def test_an_earlier_expiry_is_kept(owner):
    parent = ApiTokenFactory(user=owner, expires_in=timedelta(days=10))
    before = timezone.now()
    body = create_child(parent.secret, expires_days=3)
    expires_at = ApiToken.objects.get(pk=body["id"]).expires_at
    assert before + timedelta(days=3) <= expires_at <= timezone.now() + timedelta(days=3)
    assert parse_datetime(body["expires_at"]) == expires_at


def test_a_parent_that_never_expires_lets_its_children_choose(owner):
    parent = ApiTokenFactory(user=owner)
    assert create_child(parent.secret)["expires_at"] is None
    assert create_child(parent.secret, name="week", expires_days=7)["expires_at"] is not None


def test_children_expire_with_their_parent(owner):
    parent = ApiTokenFactory(user=owner, expires_in=timedelta(days=1))
    child = create_child(parent.secret)
    grandchild = create_child(child["token"], name="grandchild")
    clients = [bearer(secret) for secret in (parent.secret, child["token"], grandchild["token"])]
    assert [client.get(TOKENS).status_code for client in clients] == [200, 200, 200]
    with mock.patch("django.utils.timezone.now", return_value=parent.expires_at):
        assert [client.get(TOKENS).status_code for client in clients] == [401, 401, 401]


def test_revoking_a_token_revokes_its_descendants_and_nothing_else(owner):
    parent = ApiTokenFactory(user=owner, name="parent")
    sibling = ApiTokenFactory(user=owner, name="sibling")
    child = create_child(parent.secret)
    grandchild = create_child(child["token"], name="grandchild")
    nephew = create_child(sibling.secret, name="nephew")
    response = bearer(sibling.secret).delete(f"{TOKENS}{parent.pk}/")
    assert response.status_code == 204
    revoked = dict(ApiToken.objects.filter(user=owner).values_list("name", "revoked_at"))
    assert revoked["parent"] is not None
    assert revoked["child"] == revoked["grandchild"] == revoked["parent"]
    assert revoked["sibling"] is None
    assert revoked["nephew"] is None
    for secret in (parent.secret, child["token"], grandchild["token"]):
        assert bearer(secret).get(TOKENS).status_code == 401
    for secret in (sibling.secret, nephew["token"]):
        assert bearer(secret).get(TOKENS).status_code == 200


def test_revoking_a_child_leaves_its_parent_alone(owner):
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    assert bearer(parent.secret).delete(f"{TOKENS}{child['id']}/").status_code == 204
    assert bearer(child["token"]).get(TOKENS).status_code == 401
    assert bearer(parent.secret).get(TOKENS).status_code == 200


def test_a_token_revoking_its_own_parent_revokes_itself(owner):
    parent = ApiTokenFactory(user=owner)
    child = bearer(create_child(parent.secret)["token"])
    assert child.delete(f"{TOKENS}{parent.pk}/").status_code == 204
    assert child.get(TOKENS).status_code == 401


def test_revoking_again_keeps_every_revocation_time(owner):
    parent = ApiTokenFactory(user=owner)
    child = ApiToken.objects.get(pk=create_child(parent.secret)["id"])
    api_token_revoke(token=child)
    child.refresh_from_db()
    first = child.revoked_at
    api_token_revoke(token=parent)
    child.refresh_from_db()
    assert child.revoked_at == first
    parent_revoked_at = parent.revoked_at
    assert parent_revoked_at is not None
    api_token_revoke(token=parent)
    parent.refresh_from_db()
    assert parent.revoked_at == parent_revoked_at


def test_a_parent_and_its_descendants_are_revoked_in_one_transaction(owner):
    """If anything fails while revoking the family, nobody is revoked."""
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    with (
        mock.patch.object(token_services, "forget_identities", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        api_token_revoke(token=parent)
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()
    assert bearer(child["token"]).get(TOKENS).status_code == 200


@pytest.mark.parametrize("cache_seconds", [60, 0])
def test_the_identity_cache_never_serves_a_revoked_child(owner, cache_seconds):
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    grandchild = create_child(child["token"], name="grandchild")
    with override_settings(API_IDENTITY_CACHE_SECONDS=cache_seconds):
        clients = [bearer(child["token"]), bearer(grandchild["token"])]
        for client in clients:  # their identities are cached now (with the cache on)
            assert client.get(TOKENS).status_code == 200
            assert client.get(TOKENS).status_code == 200
        api_token_revoke(token=parent)
        assert token_lookup(child["token"]) is None
        assert token_lookup(grandchild["token"]) is None
        for client in clients:
            assert client.get(TOKENS).status_code == 401


def test_a_child_cached_during_the_revocation_is_stale_once_it_commits(
    owner, django_capture_on_commit_callbacks
):
    """A request between the revocation and its commit still reads the child as active:
    what it cached then must not be served after the commit."""
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        api_token_revoke(token=parent)
        # As a request in another transaction would see it: the child still active.
        ApiToken.objects.filter(parent=parent).update(revoked_at=None)
        assert bearer(child["token"]).get(TOKENS).status_code == 200
        ApiToken.objects.filter(parent=parent).update(revoked_at=parent.revoked_at)
    for callback in callbacks:
        callback()
    assert bearer(child["token"]).get(TOKENS).status_code == 401


def test_the_admin_revokes_the_descendants_of_the_selected_tokens(owner, admin_client):
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    grandchild = create_child(child["token"], name="grandchild")
    other = ApiTokenFactory(user=owner)
    response = admin_client.post(
        reverse("admin:core_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [parent.pk, child["id"]]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Revoked 3 token(s)" in response.content.decode()
    for secret in (parent.secret, child["token"], grandchild["token"]):
        assert bearer(secret).get(TOKENS).status_code == 401
    assert bearer(other.secret).get(TOKENS).status_code == 200


def test_the_admin_shows_each_tokens_parent(owner, admin_client):
    parent = ApiTokenFactory(user=owner, name="the parent")
    child = create_child(parent.secret, name="the child")
    page = admin_client.get(reverse("admin:core_apitoken_change", args=[child["id"]]))
    assert page.status_code == 200
    assert "the parent" in page.content.decode()
    changelist = admin_client.get(reverse("admin:core_apitoken_changelist")).content.decode()
    assert f"the parent ({parent.prefix}…)" in changelist


def test_deleting_a_token_deletes_its_descendants(owner):
    parent = ApiTokenFactory(user=owner)
    child = create_child(parent.secret)
    create_child(child["token"], name="grandchild")
    parent.delete()
    assert not ApiToken.objects.filter(user=owner).exists()


def test_a_token_revoked_meanwhile_creates_nothing(owner):
    """The request was authenticated just before its token was revoked: nothing is made."""
    parent = ApiTokenFactory(user=owner)
    stale = ApiToken.objects.get(pk=parent.pk)
    api_token_revoke(token=parent)
    with pytest.raises(ValidationError, match="revoked or expired"):
        api_token_create(user=owner, name="late", parent=stale)
    assert not ApiToken.objects.filter(name="late").exists()


def test_a_token_creates_tokens_of_its_own_user_only(owner):
    parent = ApiTokenFactory(user=owner)
    with pytest.raises(ValueError, match="its own user"):
        api_token_create(user=UserFactory(), name="elsewhere", parent=parent)


@pytest.mark.postgres_only
@pytest.mark.skipif(not ON_POSTGRESQL, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_child_created_while_its_parent_is_revoked_is_revoked_too():
    """The creation locks the parent: a revocation waits for it, then finds the child."""
    owner = UserFactory(username="owner")
    parent = ApiTokenFactory(user=owner)
    locked = token_services._locked_parent
    parent_locked = threading.Event()
    errors = []

    def slow_lock(token, *, user):
        row = locked(token, user=user)
        parent_locked.set()
        time.sleep(0.5)  # the revocation starts meanwhile, and must wait
        return row

    def create():
        try:
            api_token_create(user=owner, name="racing", parent=parent)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def revoke():
        try:
            parent_locked.wait(10)
            api_token_revoke(token=ApiToken.objects.get(pk=parent.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(token_services, "_locked_parent", slow_lock):
        threads = [threading.Thread(target=create), threading.Thread(target=revoke)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    child = ApiToken.objects.get(name="racing")
    assert child.parent_id == parent.pk
    assert child.revoked_at is not None
