"""API tokens: hashed, named, listed, created, revoked, expiring; the command and the admin."""

import contextlib
import hashlib
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core import tokens
from core.api.authentication import LAST_USED_RESOLUTION
from core.models import ApiToken
from core.tokens import TOKEN_PREFIX, api_token_revoke
from tests.support.factories import ApiTokenFactory, UserFactory
from tests.support.throttling import another_process_cache, redis_cache

TOKENS = "/api/v1/tokens/"


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def stored_values(token: ApiToken) -> list[str]:
    return [str(getattr(token, field.attname)) for field in ApiToken._meta.concrete_fields]


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


@pytest.fixture
def api(owner):
    """The owner's client, authenticated by a token of their own."""
    return bearer(ApiTokenFactory(user=owner, name="first").secret)


def test_created_token_is_returned_once_and_stored_only_as_its_hash(api, owner):
    response = api.post(TOKENS, {"name": "newsroom CMS"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    secret = body["token"]
    assert secret.startswith(TOKEN_PREFIX)
    assert len(secret) > 40
    token = ApiToken.objects.get(pk=body["id"])
    assert token.user == owner
    assert token.name == "newsroom CMS"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[: len(TOKEN_PREFIX) + 6] == body["prefix"]
    assert not any(secret in value for value in stored_values(token))
    assert token.expires_at is None
    assert bearer(secret).get(TOKENS).status_code == 200


def test_list_and_detail_show_only_your_own_tokens_and_never_a_secret(api, owner):
    mine = ApiTokenFactory(user=owner, name="second")
    revoked = api_token_revoke(token=ApiTokenFactory(user=owner, name="old"))
    theirs = ApiTokenFactory(name="someone else's")
    response = api.get(TOKENS)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["name"] for row in rows} == {"first", "second", "old"}
    for row in rows:
        assert "token" not in row
        assert "key_hash" not in row
        assert not any(
            isinstance(v, str) and TOKEN_PREFIX in v and len(v) > 12 for v in row.values()
        )
    assert {row["id"]: row["is_active"] for row in rows}[revoked.pk] is False
    assert api.get(f"{TOKENS}{mine.pk}/").json()["name"] == "second"
    assert api.get(f"{TOKENS}{theirs.pk}/").status_code == 404
    assert api.delete(f"{TOKENS}{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_expires_days_sets_the_expiry(api):
    before = timezone.now()
    response = api.post(TOKENS, {"name": "a week", "expires_days": 7}, format="json")
    assert response.status_code == 201, response.content
    expires_at = ApiToken.objects.get(pk=response.json()["id"]).expires_at
    assert before + timedelta(days=7) <= expires_at <= timezone.now() + timedelta(days=7)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "first"}, "name"),  # the owner's active token is already called "first"
        ({"name": "ok", "expires_days": 0}, "expires_days"),
        ({"name": "ok", "expires_days": 3651}, "expires_days"),
        ({"name": "ok", "expires_days": "soon"}, "expires_days"),
        ({"name": "ok", "expires_days": 2**70}, "expires_days"),
    ],
)
def test_invalid_token_requests_get_400_and_create_nothing(api, payload, field):
    count = ApiToken.objects.count()
    response = api.post(TOKENS, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert ApiToken.objects.count() == count


def test_a_revoked_name_can_be_used_again(api, owner):
    api_token_revoke(token=ApiTokenFactory(user=owner, name="rotated"))
    assert api.post(TOKENS, {"name": "rotated"}, format="json").status_code == 201


def test_delete_revokes_the_token_which_then_gets_401(api, owner):
    token = ApiTokenFactory(user=owner, name="to revoke")
    victim = bearer(token.secret)
    assert victim.get(TOKENS).status_code == 200
    assert api.delete(f"{TOKENS}{token.pk}/").status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = victim.get(TOKENS)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Bearer")
    # Revoking again changes nothing, and the token stays listed.
    revoked_at = token.revoked_at
    assert api.delete(f"{TOKENS}{token.pk}/").status_code == 204
    token.refresh_from_db()
    assert token.revoked_at == revoked_at
    assert token.pk in {row["id"] for row in api.get(TOKENS).json()["results"]}


def test_a_token_can_revoke_itself(owner):
    token = ApiTokenFactory(user=owner)
    client = bearer(token.secret)
    assert client.delete(f"{TOKENS}{token.pk}/").status_code == 204
    assert client.get(TOKENS).status_code == 401


def test_an_expired_token_gets_401(owner):
    """Expiry is checked on every request, whether the token's identity is cached or not."""
    token = ApiTokenFactory(user=owner, expires_in=timedelta(days=1))
    client = bearer(token.secret)
    assert client.get(TOKENS).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=token.expires_at):
        response = client.get(TOKENS)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    cache.clear()
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(TOKENS).status_code == 401


def test_a_token_of_an_inactive_user_gets_401(owner):
    token = ApiTokenFactory(user=owner)
    owner.is_active = False
    owner.save()
    assert bearer(token.secret).get(TOKENS).status_code == 401


def test_a_token_may_create_tokens_with_the_same_rights(api, owner):
    """Documented: a request authenticated by a token may create (rotate) tokens."""
    response = api.post(TOKENS, {"name": "rotated by a token"}, format="json")
    assert response.status_code == 201
    new = bearer(response.json()["token"])
    assert {row["name"] for row in new.get(TOKENS).json()["results"]} >= {"first"}


def test_session_users_manage_their_tokens_with_csrf(owner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(TOKENS).status_code == 200
    refused = client.post(TOKENS, {"name": "browser"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    browsable = client.get(TOKENS, HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200
    assert browsable["Content-Type"].startswith("text/html")
    csrf = client.cookies["csrftoken"].value
    response = client.post(TOKENS, {"name": "browser"}, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201, response.content


def updates_of_last_use(call) -> int:
    with CaptureQueriesContext(connection) as context:
        call()
    return sum(
        '"last_used_at"' in q["sql"] and "UPDATE" in q["sql"] for q in context.captured_queries
    )


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_last_used_is_recorded_at_most_once_per_interval(owner, cache_seconds):
    token = ApiTokenFactory(user=owner)
    client = bearer(token.secret)
    with override_settings(API_IDENTITY_CACHE_SECONDS=cache_seconds):
        assert updates_of_last_use(lambda: client.get(TOKENS)) == 1
        token.refresh_from_db()
        first_use = token.last_used_at
        assert first_use is not None
        assert updates_of_last_use(lambda: client.get(TOKENS)) == 0
        later = first_use + LAST_USED_RESOLUTION + timedelta(seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert updates_of_last_use(lambda: client.get(TOKENS)) == 1
            # Recorded in the cached identity too: the next request writes nothing.
            assert updates_of_last_use(lambda: client.get(TOKENS)) == 0
    token.refresh_from_db()
    assert token.last_used_at == later


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer a b",
        "Bearer ct_not-a-real-token",
        "Bearer not-even-our-prefix",
        "Bearer ct_" + "x" * 500,
        "Bearer ct_é",
        "Bearer\tct_x",
    ],
)
def test_malformed_or_unknown_bearer_tokens_get_401(db, header):
    response = APIClient().get(TOKENS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401, response.content
    assert response.json()["code"] in {"authentication_failed", "not_authenticated"}
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


# The command


def run_command(*args) -> list[str]:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().splitlines()


def test_command_prints_a_working_token_on_its_last_line(owner):
    lines = run_command("owner", "--name", "nightly import", "--expires-days", "30")
    secret = lines[-1]
    token = ApiToken.objects.get(key_hash=hashlib.sha256(secret.encode()).hexdigest())
    assert token.user == owner
    assert token.name == "nightly import"
    assert (
        timezone.now() + timedelta(days=29)
        < token.expires_at
        <= timezone.now() + timedelta(days=30)
    )
    assert "nightly import" in lines[0]
    assert bearer(secret).get(TOKENS).status_code == 200


def test_command_defaults_to_a_token_that_never_expires(owner):
    secret = run_command("owner")[-1]
    token = ApiToken.objects.get(key_hash=hashlib.sha256(secret.encode()).hexdigest())
    assert token.expires_at is None
    assert token.name == "command line"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], "No user"),
        (["owner", "--expires-days", "0"], "--expires-days"),
        (["owner", "--expires-days", "-3"], "--expires-days"),
        (["owner", "--expires-days", "99999999999"], "--expires-days"),
        (["owner", "--expires-days", "soon"], "invalid int value"),
        (["owner", "--name", ""], "blank"),
        (["owner", "--name", "bad\x00name"], "NUL"),
    ],
)
def test_command_refuses_unknown_users_and_bad_arguments(owner, args, message):
    with pytest.raises(CommandError, match=message):
        run_command(*args)
    assert not ApiToken.objects.exists()


def test_command_refuses_a_second_active_token_with_the_same_name(owner):
    run_command("owner", "--name", "cron")
    with pytest.raises(CommandError, match="already have an active token"):
        run_command("owner", "--name", "cron")


# The admin


def test_admin_lists_tokens_without_their_secret(admin_client):
    token = ApiTokenFactory(name="dashboard")
    response = admin_client.get(reverse("admin:core_apitoken_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "dashboard" in content
    assert token.prefix in content
    assert token.secret not in content
    assert token.key_hash not in content
    change = admin_client.get(reverse("admin:core_apitoken_change", args=[token.pk]))
    assert token.key_hash not in change.content.decode()


def test_admin_adds_a_token_and_shows_its_secret_once(admin_client, owner):
    response = admin_client.post(
        reverse("admin:core_apitoken_add"),
        {"user": owner.pk, "name": "from the admin", "expires_days": "10"},
    )
    assert response.status_code == 302
    token = ApiToken.objects.get(name="from the admin")
    assert token.user == owner
    assert token.expires_at is not None
    shown = [str(m) for m in get_messages(response.wsgi_request) if "only this once" in str(m)]
    assert len(shown) == 1
    secret = next(word for word in shown[0].split() if word.startswith(TOKEN_PREFIX))
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert bearer(secret).get(TOKENS).status_code == 200
    change_url = reverse("admin:core_apitoken_change", args=[token.pk])
    assert secret in admin_client.get(change_url).content.decode()  # the message, once
    assert secret not in admin_client.get(change_url).content.decode()


def test_admin_add_form_refuses_a_duplicate_active_name(admin_client, owner):
    ApiTokenFactory(user=owner, name="twice")
    response = admin_client.post(
        reverse("admin:core_apitoken_add"), {"user": owner.pk, "name": "twice"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert ApiToken.objects.filter(name="twice").count() == 1


def test_admin_revoke_action_revokes_the_selected_tokens(admin_client):
    selected = [ApiTokenFactory(), ApiTokenFactory()]
    untouched = ApiTokenFactory()
    response = admin_client.post(
        reverse("admin:core_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [t.pk for t in selected]},
    )
    assert response.status_code == 302
    for token in selected:
        token.refresh_from_db()
        assert token.revoked_at is not None
        assert bearer(token.secret).get(TOKENS).status_code == 401
    untouched.refresh_from_db()
    assert untouched.revoked_at is None


def test_permission_changes_apply_to_the_very_next_request(owner):
    """The token's query loads the user's permissions afresh on every request: nothing is
    cached between requests, so a withdrawn role takes effect at once."""
    client = bearer(ApiTokenFactory(user=owner).secret)
    claims = reverse("api:claim-list")
    assert client.get(claims).status_code == 403
    viewer = Group.objects.get(name="Viewer")
    owner.groups.add(viewer)
    assert client.get(claims).status_code == 200
    owner.groups.remove(viewer)
    assert client.get(claims).status_code == 403
    owner.user_permissions.add(Permission.objects.get(codename="view_claim"))
    assert client.get(claims).status_code == 200
    assert client.get(reverse("api:actor-list")).status_code == 403


def test_a_superusers_token_has_every_permission(db):
    admin = UserFactory(is_superuser=True)
    client = bearer(ApiTokenFactory(user=admin).secret)
    for route in ("api:claim-list", "api:actor-list", "api:review-list"):
        assert client.get(reverse(route)).status_code == 200, route


def test_the_token_its_user_and_their_permissions_take_one_query(owner, django_assert_num_queries):
    owner.groups.add(Group.objects.get(name="Viewer"))
    client = bearer(ApiTokenFactory(user=owner).secret)
    client.get(TOKENS)  # the first use records the time
    with override_settings(API_IDENTITY_CACHE_SECONDS=0), django_assert_num_queries(2):
        # the token with its user and their permissions, then the page
        assert client.get(reverse("api:claim-list"), {"ordering": "id"}).status_code == 200


def test_a_recent_identity_is_reused_without_a_query(owner, django_assert_num_queries):
    owner.groups.add(Group.objects.get(name="Viewer"))
    client = bearer(ApiTokenFactory(user=owner).secret)
    client.get(TOKENS)
    with django_assert_num_queries(1):  # the page only
        assert client.get(reverse("api:claim-list"), {"ordering": "id"}).status_code == 200


def test_the_cache_holds_neither_the_secret_nor_the_password_hash(owner):
    owner.set_password("a long demo password")
    owner.save()
    token = ApiTokenFactory(user=owner)
    bearer(token.secret).get(TOKENS)
    key_hash = hashlib.sha256(token.secret.encode()).hexdigest()
    entry = cache.get(f"api-identity:{key_hash}")
    assert entry is not None
    stored = repr(entry)
    assert token.secret not in stored
    assert owner.password not in stored


def test_a_lost_generation_makes_every_cached_identity_stale(owner, django_assert_num_queries):
    """The cache may evict any key: without the generation, no entry is trusted."""
    owner.groups.add(Group.objects.get(name="Viewer"))
    client = bearer(ApiTokenFactory(user=owner).secret)
    client.get(TOKENS)
    cache.delete("api-identity:generation")
    with django_assert_num_queries(2):
        assert client.get(reverse("api:claim-list"), {"ordering": "id"}).status_code == 200


@pytest.mark.parametrize("shared", [False, True], ids=["per-process cache", "Redis"])
def test_a_generation_started_meanwhile_elsewhere_stands(owner, monkeypatch, shared):
    """With no generation in the cache, a process that read an identity starts one; when
    another process started one meanwhile, that one stands and the identity read before it is
    not cached (the other process's change may be what it misses)."""
    token = ApiTokenFactory(user=owner)
    read = tokens._ACTIVE_TOKEN.rows

    def read_while_another_process_starts_a_generation(**values):
        rows = read(**values)
        cache.set("api-identity:generation", "theirs", None)
        return rows

    with contextlib.ExitStack() as stack:
        if shared:
            stack.enter_context(redis_cache())
        cache.delete("api-identity:generation")
        assert bearer(token.secret).get(TOKENS).status_code == 200
        started = cache.get("api-identity:generation")
        assert started is not None
        assert cache.get(f"api-identity:{token.key_hash}")[0] == started

        cache.delete("api-identity:generation")
        monkeypatch.setattr(
            tokens._ACTIVE_TOKEN, "rows", read_while_another_process_starts_a_generation
        )
        tokens._known.clear()
        assert bearer(token.secret).get(TOKENS).status_code == 200
        assert cache.get("api-identity:generation") == "theirs"
        assert cache.get(f"api-identity:{token.key_hash}")[0] == started  # not rewritten
        assert token.key_hash not in tokens._known


def test_identities_go_stale_again_once_a_change_commits(owner, django_capture_on_commit_callbacks):
    """A request between a change and its commit reads the old rows: a second generation
    starts at the commit, so what it cached is not used."""
    token = ApiTokenFactory(user=owner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        api_token_revoke(token=token)
        during = cache.get("api-identity:generation")
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get("api-identity:generation") != during


def test_on_a_shared_cache_a_revocation_in_one_worker_reaches_the_others_at_once(
    owner, monkeypatch, django_assert_num_queries
):
    """With CACHE_URL (Redis), a worker that cached a token's identity refuses the token on
    its next request once another worker revoked it."""
    with redis_cache():
        owner.groups.add(Group.objects.get(name="Viewer"))
        token = ApiTokenFactory(user=owner)
        client = bearer(token.secret)
        client.get(TOKENS)  # records the use, and caches the identity
        with django_assert_num_queries(1):  # the page only: the identity came from Redis
            assert client.get(reverse("api:claim-list"), {"ordering": "id"}).status_code == 200
        with monkeypatch.context() as elsewhere:
            elsewhere.setattr(tokens, "cache", another_process_cache())
            api_token_revoke(token=token)
        assert client.get(reverse("api:claim-list"), {"ordering": "id"}).status_code == 401
