"""GET /api/v1/changes/: the change feed, paged by cursor, filtered, for readers of what it
lists; and a mirror built from it alone, which equals the record after a mixed run."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import claim_save
from core import changes
from core.models import ChangeEvent
from core.tokens import api_token_create
from reviews.services import review_comment, review_open
from tests.support.api import assert_refused, client_with_permissions
from tests.support.factories import (
    ActorFactory,
    ClaimFactory,
    RatingLabelFactory,
    SnapshotFactory,
    UserFactory,
)

CHANGES = "/api/v1/changes/"


def superuser_client(username: str = "editor") -> APIClient:
    user = UserFactory(username=username, is_superuser=True, is_staff=True)
    _, raw = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client


def read_all(client, params=None) -> list[dict]:
    items, after = [], None
    while True:
        query = {**(params or {}), **({"after": after} if after else {})}
        response = client.get(CHANGES, query)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["next"]
        if not body["results"]:
            assert body["cursor"] == (after or body["cursor"])
            return items
        items.extend(body["results"])
        after = body["cursor"]


def test_anonymous_requests_get_401(client, db):
    assert client.get(CHANGES).status_code == 401


def test_items_name_the_object_its_url_the_action_the_actor_and_the_time(db):
    reader = superuser_client()
    claim = Claim(text="The bridge was closed on Monday.")
    claim_save(claim=claim, user=reader.user)
    [item] = read_all(reader)
    assert set(item) == {"cursor", "resource", "id", "action", "url", "actor", "at"}
    assert item["resource"] == "claims"
    assert item["id"] == claim.pk
    assert item["action"] == "create"
    assert item["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert item["actor"] == {"id": reader.user.pk, "username": "editor"}
    assert reader.get(item["url"]).status_code == 200


def test_next_is_always_there_and_resumes_where_the_last_page_ended(db):
    reader = superuser_client()
    first = ClaimFactory()
    page = reader.get(CHANGES).json()
    assert [item["id"] for item in page["results"]] == [first.pk]
    empty = reader.get(page["next"]).json()
    assert empty["results"] == []
    assert empty["cursor"] == page["cursor"]
    second = ClaimFactory()
    assert [item["id"] for item in reader.get(empty["next"]).json()["results"]] == [second.pk]


def test_limit_pages_and_filters_narrow(db):
    reader = superuser_client()
    claims = [ClaimFactory() for _ in range(5)]
    ids = [claim.pk for claim in claims]
    actor = ActorFactory()
    claims[0].delete()
    assert [item["id"] for item in read_all(reader, {"limit": "2", "resource": "claims"})] == [
        *ids,
        ids[0],
    ]
    deletes = read_all(reader, {"action": "delete"})
    assert [(item["resource"], item["action"]) for item in deletes] == [("claims", "delete")]
    both = read_all(reader, {"resource": "actors,claims", "action": "create,delete"})
    assert {item["id"] for item in both if item["resource"] == "actors"} == {actor.pk}


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"after": "not a cursor"}, "after"),
        ({"after": "MC4w="}, "after"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"resource": "planets"}, "resource"),
        ({"action": "rename"}, "action"),
        ({"since": "yesterday"}, "since"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(db, params, name):
    assert_refused(superuser_client().get(CHANGES, params), name)


def test_a_large_limit_is_capped(db):
    assert superuser_client().get(CHANGES, {"limit": "99999999999999"}).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(after=st.text(max_size=40), limit=st.text(max_size=8))
def test_arbitrary_cursors_and_limits_are_200_or_400(
    django_db_setup, django_db_blocker, after, limit
):
    with django_db_blocker.unblock():
        client = APIClient()
        user = UserFactory.build(is_superuser=True)
        client.force_authenticate(user)
        response = client.get(CHANGES, {"after": after, "limit": limit})
    assert response.status_code in (200, 400), response.content


def test_only_collections_the_user_may_read_are_listed(db):
    """A user who may read claims but not actors sees no actor's change, and asking for
    actors is refused."""
    reader = client_with_permissions("claims.view_claim")
    claim = ClaimFactory()
    ActorFactory()
    assert {(item["resource"], item["id"]) for item in read_all(reader)} == {("claims", claim.pk)}
    assert reader.get(CHANGES, {"resource": "actors"}).status_code == 403
    nobody = client_with_permissions()
    assert read_all(nobody) == []


def test_a_page_runs_the_same_queries_for_2_changes_as_for_200(db):
    reader = superuser_client()
    for _ in range(2):
        ClaimFactory()
    reader.get(CHANGES)  # warms the token's identity
    with CaptureQueriesContext(connection) as small:
        assert len(reader.get(CHANGES, {"limit": "1000"}).json()["results"]) == 2
    for _ in range(198):
        ClaimFactory()
    with CaptureQueriesContext(connection) as large:
        assert len(reader.get(CHANGES, {"limit": "1000"}).json()["results"]) == 200
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_user_without_permissions_sees_permission_changes_at_once(db):
    user = UserFactory()
    _, raw = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    ClaimFactory()
    assert read_all(client) == []
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="claims", codename="view_claim")
    )
    assert len(read_all(client)) == 1


# The mirror


# Fields of a representation that list another collection's objects (a claim's statements,
# a statement's citations, a source's snapshots): those objects' own events keep them, not
# the owner's. And the fields that depend on who reads (a review's next actions).
ELSEWHERE = {
    "claims": {"statements", "denials", "relations"},
    "statements": {"citations"},
    "sources": {"snapshots"},
    "reviews": {"available_actions", "blocking"},
}


class Mirror:
    """A consumer that knows nothing but the feed: it reads each object the feed names and
    forgets the deleted ones."""

    def __init__(self, client):
        self.client = client
        self.after = None
        self.objects: dict[str, dict[int, dict]] = {}

    def catch_up(self):
        while True:
            params = {"limit": "7", **({"after": self.after} if self.after else {})}
            body = self.client.get(CHANGES, params).json()
            for item in body["results"]:
                objects = self.objects.setdefault(item["resource"], {})
                if item["action"] == "delete":
                    objects.pop(item["id"], None)
                    continue
                response = self.client.get(item["url"])
                if response.status_code == 404:  # deleted by a later change
                    objects.pop(item["id"], None)
                else:
                    assert response.status_code == 200, response.content
                    objects[item["id"]] = response.json()
            self.after = body["cursor"]
            if not body["results"]:
                return


def listed(client, resource: str) -> dict[int, dict]:
    """Every object the API lists in ``resource``, withdrawn ones included, in full."""
    model = changes.resources()[resource].model
    params = {"brief": "false", "page_size": "200"}
    if hasattr(model, "withdrawn_at"):
        params["withdrawn"] = "include"
    rows, url = {}, f"/api/v1/{resource}/"
    while url:
        body = client.get(url, params if url.startswith("/") else None).json()
        rows.update({row["id"]: row for row in body["results"]})
        url = body.get("next")
    return rows


def own_fields(resource: str, representation: dict) -> dict:
    return {
        key: value
        for key, value in representation.items()
        if key not in ELSEWHERE.get(resource, set())
    }


def test_a_mirror_built_from_the_feed_alone_equals_the_record(db):
    # The rows the migrations wrote (the default rating scale) predate the feed.
    call_command("changes_baseline", stdout=StringIO())
    api = superuser_client("desk")
    mirror = Mirror(superuser_client("mirror"))

    ministry = api.post(
        "/api/v1/actors/", {"kind": "government_body", "name": "Ministry", "aliases": ["MoD"]}
    ).json()
    mirror.catch_up()
    api.patch(f"/api/v1/actors/{ministry['id']}/", {"aliases": ["MoD", "Defence"]})
    api.patch(f"/api/v1/actors/{ministry['id']}/", {"description": "The ministry."})
    spokesman = ActorFactory(kind="person", name="A spokesman")
    passing = api.post("/api/v1/actors/", {"kind": "person", "name": "Passing"}).json()
    source = api.post(
        "/api/v1/sources/",
        {"kind": "report", "title": "Report", "publisher": ministry["id"], "language": "en"},
    ).json()
    mirror.catch_up()
    claim = api.post(
        "/api/v1/claims/",
        {"text": "More than 3,500 fighters were sent.", "language": "en", "kind": "factual"},
    ).json()
    other = api.post(
        "/api/v1/claims/", {"text": "About 5,000 fighters were sent.", "kind": "factual"}
    ).json()
    doomed = api.post("/api/v1/claims/", {"text": "A claim made in error."}).json()
    api.patch(f"/api/v1/claims/{claim['id']}/", {"place": "Libya", "about": [ministry["id"]]})
    statement = api.post(
        "/api/v1/statements/",
        {"claim": claim["id"], "actor": spokesman.pk, "stance": "asserts"},
    ).json()
    mirror.catch_up()
    snapshot = SnapshotFactory(source_id=source["id"], text="More than 3,500 fighters.")
    citation = api.post(
        "/api/v1/citations/",
        {
            "statement": statement["id"],
            "source": source["id"],
            "role": "reports",
            "quote": "More than 3,500 fighters",
            "snapshot": snapshot.pk,
        },
    ).json()
    relation = api.post(
        "/api/v1/claim-relations/",
        {"from_claim": claim["id"], "to_claim": other["id"], "kind": "contradicts"},
    ).json()
    api.patch(f"/api/v1/claim-relations/{relation['id']}/", {"note": "Same quarter."})
    mirror.catch_up()
    assert api.delete(f"/api/v1/claim-relations/{relation['id']}/").status_code == 204
    assert api.delete(f"/api/v1/claims/{doomed['id']}/").status_code == 204
    assert api.delete(f"/api/v1/actors/{passing['id']}/").status_code == 204
    api.post(f"/api/v1/citations/{citation['id']}/withdraw/", {"reason": "Wrong page."})
    review = review_open(claim=Claim.objects.get(pk=other["id"]), user=api.user)
    review_comment(review=review, user=api.user, text="Needs a second source.")
    label = RatingLabelFactory()
    label.colour = "#c0392b"
    label.save()
    mirror.catch_up()

    assert ChangeEvent.objects.filter(action="delete").count() == 3
    for resource in changes.resources():
        model = changes.resources()[resource].model
        current = listed(api, resource)
        assert set(current) == set(model.objects.values_list("pk", flat=True)), resource
        mirrored = mirror.objects.get(resource, {})
        assert set(mirrored) == set(current), resource
        for pk, representation in current.items():
            assert own_fields(resource, mirrored[pk]) == own_fields(resource, representation), (
                resource,
                pk,
            )
    assert mirror.objects["reviews"][review.pk]["comments"][0]["text"] == ("Needs a second source.")
    assert {item["resource"] for item in read_all(api)} >= {
        "actors",
        "sources",
        "snapshots",
        "claims",
        "statements",
        "citations",
        "claim-relations",
        "reviews",
        "rating-scales",
    }
