"""Importing ClaimReview files over the API: ``POST /api/v1/external-fact-checks/import/``."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from claims.matching.store import claim_index
from claims.models import Citation, Claim
from reviews.claimreview_import import IMPORT_PERMISSIONS, MAX_UPLOAD
from reviews.models import ExternalFactCheck
from sources.models import Source
from tests.support.api import client_with_permissions
from tests.support.claimreview import history_rows, record_rows, review
from tests.support.factories import role_user
from tests.support.routes import client_for

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/external-fact-checks/import/"
FILES = Path(__file__).parent.parent / "claimreview"
TOOLS = "fact-check-tools-api.json"


@pytest.fixture(autouse=True)
def fresh_index():
    claim_index.reset()
    yield
    claim_index.reset()


@pytest.fixture
def api():
    return client_with_permissions(*IMPORT_PERMISSIONS)


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (FILES / name).read_bytes()
    return SimpleUploadedFile(name, content)


def post(client, **body):
    return client.post(IMPORT, body, format="multipart")


def test_a_file_is_imported_and_the_report_answered(api):
    response = post(api, file=upload(TOOLS))

    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["dry_run"], report["created"], report["updated"], report["unchanged"]) == (
        False,
        3,
        0,
        0,
    )
    assert [(p["where"], p["field"]) for p in report["problems"]] == [
        ("claims[1].claimReview[1]", "url"),
        ("claims[2]", "claimReview"),
    ]
    assert all(p["reason"] for p in report["problems"])
    first = report["items"][0]
    assert set(first) == {
        "where",
        "url",
        "outcome",
        "fact_check",
        "claim",
        "claim_found",
        "changes",
        "notes",
    }
    assert first["outcome"] == "created"
    assert first["claim_found"] == "new"
    assert first["changes"] == {}
    fact_check = ExternalFactCheck.objects.get(pk=first["fact_check"].rstrip("/").rsplit("/")[-1])
    assert first["fact_check"] == f"http://testserver/api/v1/external-fact-checks/{fact_check.pk}/"
    assert first["claim"] == f"http://testserver/api/v1/claims/{fact_check.claim_id}/"
    assert fact_check.url == first["url"]
    # Every item's links answer.
    for item in report["items"]:
        assert api.get(item["fact_check"]).status_code in (200, 403)
    latest = fact_check.history.get()
    assert latest.history_user == api.user
    assert latest.history_change_reason == f"Imported from {TOOLS}"
    claim = Claim.objects.get(pk=fact_check.claim_id)
    assert claim.history.get().history_user == api.user


def test_a_second_import_changes_nothing(api):
    post(api, file=upload(TOOLS))
    before, history = record_rows(), history_rows()

    report = post(api, file=upload(TOOLS)).json()

    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 3)
    assert [item["outcome"] for item in report["items"]] == ["unchanged"] * 3
    assert record_rows() == before
    assert history_rows() == history


def test_an_update_lists_its_changes(api):
    post(api, file=upload("r.json", json.dumps(review(headline="Old")).encode()))
    changed = review(headline="New", datePublished="2021-03-05")
    report = post(api, file=upload("r.json", json.dumps(changed).encode())).json()
    (item,) = report["items"]
    assert item["outcome"] == "updated"
    assert item["changes"] == {
        "headline": ["Old", "New"],
        "published_on": ["2021-03-04", "2021-03-05"],
    }
    assert ExternalFactCheck.objects.get().history.first().history_change_reason == (
        "Imported from r.json"
    )


@pytest.mark.parametrize("dry_run", ["true", "1", True])
def test_a_dry_run_answers_the_report_and_writes_nothing(api, dry_run):
    before, history = record_rows(), history_rows()

    response = post(api, file=upload(TOOLS), dry_run=dry_run)

    assert response.status_code == 200, response.content
    report = response.json()
    assert report["dry_run"] is True
    assert report["created"] == 3
    assert [(i["fact_check"], i["claim"]) for i in report["items"]] == [(None, None)] * 3
    assert record_rows() == before
    assert history_rows() == history


def test_appearances_are_noted_in_the_report(api):
    data = review()
    data["itemReviewed"]["appearance"] = ["https://x.com/jane/status/1", "https://blog.example/p"]
    (item,) = post(api, file=upload("r.json", json.dumps(data).encode())).json()["items"]
    assert "2 appearances recorded as sources" in item["notes"]
    assert Source.objects.count() == Citation.objects.count() == 2


def test_an_unreadable_file_is_a_report_of_its_problem(api):
    response = post(api, file=upload("notes.txt", b"just some words"))
    assert response.status_code == 200
    report = response.json()
    assert report["items"] == []
    assert [(p["where"], p["field"]) for p in report["problems"]] == [("file", "")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "file"),
        ({"file": "not a file"}, "file"),
        ({"dry_run": "true"}, "file"),
        ({"file": SimpleUploadedFile("r.json", b"{}"), "dry_run": "perhaps"}, "dry_run"),
        ({"file": SimpleUploadedFile("r.json", b"{}"), "dryrun": "true"}, "dryrun"),
    ],
)
def test_bad_bodies_get_400_naming_the_field_and_write_nothing(api, body, field):
    before = record_rows()
    response = post(api, **body)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == [field]
    assert record_rows() == before


def test_a_json_body_is_415(api):
    response = api.post(IMPORT, review(), format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_file_over_ten_mebibytes_is_a_400_on_file(api):
    big = SimpleUploadedFile("big.json", b" " * (MAX_UPLOAD + 1))
    response = post(api, file=big)
    assert response.status_code == 400, response.content[:300]
    assert "larger than 10.0" in response.json()["errors"]["file"][0]


def test_a_body_far_over_the_limit_is_a_413_before_it_is_read(api):
    big = SimpleUploadedFile("big.json", b" " * (MAX_UPLOAD + 200_000))
    response = post(api, file=big)
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_a_file_over_the_api_s_general_body_limit_is_taken(api, settings):
    """A file upload may be larger than API_MAX_BODY_BYTES, up to its own limit."""
    settings.API_MAX_BODY_BYTES = 1000
    data = [review(url=f"https://factcheck.example/{n}", headline="x" * 200) for n in range(8)]
    content = json.dumps(data).encode()
    assert len(content) > 1000
    response = post(api, file=upload("many.json", content))
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 8
    # Elsewhere the general limit holds.
    assert api.post("/api/v1/claims/", {"text": "x" * 2000}, format="json").status_code == 413


def test_anonymous_requests_get_401():
    response = APIClient().post(IMPORT, {"file": upload(TOOLS)}, format="multipart")
    assert response.status_code == 401
    assert not ExternalFactCheck.objects.exists()


@pytest.mark.parametrize("missing", IMPORT_PERMISSIONS)
def test_each_permission_of_an_import_is_needed(missing):
    client = client_with_permissions(*(p for p in IMPORT_PERMISSIONS if p != missing))
    response = post(client, file=upload(TOOLS))
    assert response.status_code == 403
    assert not ExternalFactCheck.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("Contributor", 200), ("Editor", 200), ("Viewer", 403), ("Fact-checker", 403)],
)
def test_contributors_and_editors_import(role, status):
    response = post(client_for(role_user(role)), file=upload(TOOLS))
    assert response.status_code == status


def test_a_file_name_no_history_stores_is_made_printable(api):
    response = post(api, file=upload("a\x00b.json", json.dumps(review()).encode()))
    assert response.status_code == 200, response.content
    reason = ExternalFactCheck.objects.get().history.get().history_change_reason
    assert "\x00" not in reason
    assert reason.startswith("Imported from ")
