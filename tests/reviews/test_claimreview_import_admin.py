"""The admin's "Import ClaimReview": an upload on the list of fact-checks published elsewhere."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.matching.store import claim_index
from reviews.admin_external import MAX_UPLOAD
from reviews.models import ExternalFactCheck
from tests.support.factories import role_user

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "claimreview"

CHANGELIST = "admin:reviews_externalfactcheck_changelist"
IMPORT = "admin:reviews_externalfactcheck_import"


@pytest.fixture(autouse=True)
def fresh_index():
    claim_index.reset()
    yield
    claim_index.reset()


def review(url: str = "https://factcheck.example/a", **fields) -> dict:
    return {
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The moon landing footage was filmed in a studio in Nevada.",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        **fields,
    }


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FILES / name).read_bytes() if content is None else content)


def post(client, file, **data):
    return client.post(reverse(IMPORT), {"file": file, **data})


def test_the_list_offers_the_import_to_those_who_may_import(client):
    contributor, checker = (
        role_user("Contributor", is_staff=True),
        role_user("Fact-checker", is_staff=True),
    )
    client.force_login(contributor)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Import ClaimReview" in page
    assert reverse(IMPORT) in page
    client.force_login(checker)
    page = client.get(reverse(CHANGELIST))
    assert page.status_code == 200
    assert "Import ClaimReview" not in page.content.decode()


@pytest.mark.parametrize("role", ["Viewer", "Fact-checker"])
def test_the_import_is_refused_to_those_who_may_not_record_fact_checks(client, role):
    client.force_login(role_user(role, is_staff=True))
    assert client.get(reverse(IMPORT)).status_code == 403
    response = post(client, upload("politifact-style.html"))
    assert response.status_code == 403
    assert not ExternalFactCheck.objects.exists()


def test_an_upload_is_imported_and_its_report_shown(client):
    contributor = role_user("Contributor", is_staff=True)
    client.force_login(contributor)
    assert client.get(reverse(IMPORT)).status_code == 200

    response = post(client, upload("fact-check-tools-api.json"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "fact-check-tools-api.json: 3 created, 0 updated, 0 unchanged, 2 problems." in page
    report = response.context["report"]
    assert [(p.where, p.field) for p in report.problems] == [
        ("claims[1].claimReview[1]", "url"),
        ("claims[2]", "claimReview"),
    ]
    assert "claims[1].claimReview[1]" in page
    assert "No URL" in page
    assert ExternalFactCheck.objects.count() == 3
    fact_check = ExternalFactCheck.objects.order_by("pk").first()
    assert reverse("admin:reviews_externalfactcheck_change", args=[fact_check.pk]) in page
    assert reverse("admin:claims_claim_change", args=[fact_check.claim_id]) in page
    history = fact_check.history.get()
    assert history.history_user == contributor
    assert history.history_change_reason == "Imported from fact-check-tools-api.json"

    again = post(client, upload("fact-check-tools-api.json"))
    assert "0 created, 0 updated, 3 unchanged, 2 problems." in again.content.decode()


def test_a_dry_run_shows_the_report_and_writes_nothing(admin_client):
    response = post(admin_client, upload("politifact-style.html"), dry_run="on")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dry run of politifact-style.html: nothing was written" in page
    assert response.context["report"].created == 1
    assert not ExternalFactCheck.objects.exists()


def test_an_update_shows_the_fields_it_changed(admin_client):
    post(admin_client, upload("r.json", json.dumps(review(headline="Old")).encode()))
    response = post(admin_client, upload("r.json", json.dumps(review(headline="New")).encode()))
    page = response.content.decode()
    assert "0 created, 1 updated" in page
    assert "headline: Old → New" in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "This field is required."),
        ({"file": SimpleUploadedFile("big.json", b" " * (MAX_UPLOAD + 1))}, "larger than"),
    ],
)
def test_a_missing_or_too_large_file_is_a_form_error(admin_client, data, error):
    response = admin_client.post(reverse(IMPORT), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["report"] is None


def test_an_unreadable_file_is_reported_not_an_error(admin_client):
    response = post(admin_client, upload("notes.txt", b"\xff\xfe not text"))
    assert response.status_code == 200
    assert "Not UTF-8 text." in response.content.decode()


def test_a_reimport_runs_the_same_queries_however_many_items(admin_client):
    """Items already recorded and unchanged cost nothing: one look-up by URL for the file."""

    def reviews(count: int) -> bytes:
        return json.dumps(
            [
                review(f"https://factcheck.example/{n}", claimReviewed=f"Claim {n}")
                for n in range(count)
            ]
        ).encode()

    def queries_of(content: bytes) -> int:
        post(admin_client, upload("r.json", content))  # recorded; then warm
        post(admin_client, upload("r.json", content))
        with CaptureQueriesContext(connection) as queries:
            response = post(admin_client, upload("r.json", content))
        assert response.context["report"].unchanged == content.count(b"ClaimReview")
        return len(queries)

    assert queries_of(reviews(2)) == queries_of(reviews(6))
