"""What `make run` promises: two demo logins take the 3,500-fighters claim to its public page.

The demo data is what `make demo` loads (the reference article, then the demo logins); the
two people sign in to the admin with the passwords the command printed, and press the
same buttons as a browser would.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from reviews.choices import ReviewState
from reviews.models import RatingLabel, Review
from tests.support.admin import page_data, press, submit
from tests.support.demo import printed_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    """The demo data, and the printed password of each demo login."""
    monkeypatch.delenv("PORT", raising=False)
    settings.DEMO_CREDENTIALS_FILE = tmp_path / ".demo-credentials"
    call_command("load_reference_article", stdout=StringIO())
    out = StringIO()
    call_command("demo_users", stdout=out)
    lines = out.getvalue().splitlines()
    return {title: printed_login(lines, title)[1:] for title in ("Fact-checker", "Editor")}


def signed_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    assert response.status_code == 302, "the printed login does not sign in"
    return client


def test_two_demo_logins_take_the_reference_claim_from_draft_to_published(demo):
    claim = Claim.objects.get(text__contains="3,500 Syrian fighters")
    factchecker = signed_in(*demo["Fact-checker"])
    editor = signed_in(*demo["Editor"])

    # The fact-checker (also a contributor) opens the review from the claim's page.
    claim_page = factchecker.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    add_url = reverse("admin:reviews_review_add")
    assert f"{add_url}?claim={claim.pk}" in claim_page.content.decode()
    response = factchecker.post(
        add_url, {**page_data(factchecker.get(add_url)), "claim": str(claim.pk)}
    )
    assert response.status_code == 302
    review = Review.objects.get(claim=claim)
    review_url = reverse("admin:reviews_review_change", args=[review.pk])
    press(factchecker, review, "submit")
    press(factchecker, review, "start")
    verdict = RatingLabel.objects.get(scale__is_default=True, label="Mostly true")
    response = submit(
        factchecker,
        review_url,
        {
            "rating": str(verdict.pk),
            "explanation": "A Pentagon report AP saw gives the figure; it was not published.",
            "origin_unavailable_reason": "The Defense Department report was not made public.",
        },
    )
    assert response.status_code == 302

    # The editor, a second person, approves and publishes.
    press(editor, review, "approve")
    press(editor, review, "publish")
    review.refresh_from_db()
    assert review.state == ReviewState.PUBLISHED
    assert (review.verdict_author.username, review.approver.username) == (
        demo["Fact-checker"][0],
        demo["Editor"][0],
    )

    # Anyone reads it, with the same ClaimReview the API returns.
    page = Client().get(reverse("public:detail", args=[claim.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mostly true" in html
    (embedded,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    document = json.loads(embedded)
    assert document["reviewRating"]["alternateName"] == "Mostly true"
    assert document["itemReviewed"]["author"]["name"] == "U.S. Department of Defense"
    api = editor.get(reverse("api:claim-claimreview", args=[claim.pk]))
    assert api.status_code == 200
    assert api.json() == document
