"""The review workflow in a real browser, from draft to the public page.

A contributor opens and submits a review of the reference article's 3,500-fighters claim, a
fact-checker starts it and rates it, an editor approves and publishes it: each in their own
browser session, through the admin's own pages and buttons. An anonymous reader then sees the
verdict on the public page, whose ClaimReview JSON-LD must be valid, and a screenshot of that
page is kept in ``test-artifacts/``.

The test drives Debian's ``chromium`` (``apt-get install chromium``) with Playwright. Without
a browser it is skipped, unless ``CLAIMTRACK_BROWSER_REQUIRED`` is set (as ``.ci/run`` does),
when it fails instead.
"""

import datetime
import json

import pytest
from django.core.management import call_command

from claims.models import Claim
from reviews.choices import ReviewState
from reviews.models import Review
from tests.support.browser import ARTIFACTS, PASSWORD
from tests.support.factories import role_user

VERDICT = "Mostly true"
EXPLANATION = "The Pentagon's inspector general reported the figure; the report is not public."


class Desk:
    """One person's browser session in the admin."""

    def __init__(self, browser, live_server, user):
        self.base = live_server.url
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_selector("#user-tools")

    def open_review(self, review: Review):
        self.page.goto(f"{self.base}/admin/reviews/review/{review.pk}/change/")

    def press(self, label: str, comment: str = "") -> str:
        """Press a transition button; return the message the admin answers with."""
        if comment:
            self.page.fill("textarea[name='change_form-comment']", comment)
        self.page.get_by_role("button", name=label, exact=True).click()
        self.page.wait_for_load_state()
        return self.page.locator("ul.messagelist").inner_text()

    def close(self):
        self.context.close()


def people():
    users = {}
    for role, name in [
        ("Contributor", "contributor"),
        ("Fact-checker", "checker"),
        ("Editor", "editor"),
    ]:
        user = role_user(role, username=name, is_staff=True)
        user.set_password(PASSWORD)
        user.save()
        users[name] = user
    return users


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_a_claim_goes_from_draft_to_its_public_page(browser, live_server):
    call_command("load_reference_article", verbosity=0)
    claim = Claim.objects.get(text__contains="3,500 Syrian fighters")
    users = people()

    # The contributor opens the review and submits it.
    contributor = Desk(browser, live_server, users["contributor"])
    page = contributor.page
    page.goto(f"{live_server.url}/admin/reviews/review/add/?claim={claim.pk}")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    review = Review.objects.get(claim=claim)
    assert review.state == ReviewState.DRAFT
    assert "is now submitted" in contributor.press("Submit for review")
    contributor.close()

    # The fact-checker starts it, sees what blocks approval, and writes the verdict.
    checker = Desk(browser, live_server, users["checker"])
    page = checker.page
    checker.open_review(review)
    assert "is now in review" in checker.press("Start checking")
    assert "Choose a rating." in page.locator(".ct-gates").inner_text()
    page.select_option("select[name=rating]", label=VERDICT)
    page.fill("textarea[name=explanation], input[name=explanation]", EXPLANATION)
    page.fill(
        "textarea[name=origin_unavailable_reason]",
        "The Defense Department report was not made public; AP saw it.",
    )
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist")
    assert "Every gate passes" in page.inner_text("body")
    # The verdict's author may not approve it (four-eyes): no button is offered.
    assert page.get_by_role("button", name="Approve", exact=True).count() == 0
    checker.close()

    # The editor approves and publishes.
    editor = Desk(browser, live_server, users["editor"])
    editor.open_review(review)
    assert "is now approved" in editor.press("Approve")
    assert "is now published" in editor.press("Publish")
    editor.close()
    review.refresh_from_db()
    assert review.state == ReviewState.PUBLISHED
    assert (review.verdict_author, review.approver) == (users["checker"], users["editor"])

    # Anyone reads the verdict on the public page, with its ClaimReview.
    reader = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = reader.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_test_id("fact-check").first.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/fact-checks/{claim.pk}/"
    assert page.get_by_test_id("claim").inner_text() == claim.text
    assert page.get_by_test_id("verdict").inner_text() == VERDICT
    assert EXPLANATION in page.inner_text("body")
    documents = [
        json.loads(text)
        for text in page.locator("script[type='application/ld+json']").all_text_contents()
    ]
    (document,) = documents
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "ClaimReview"
    assert document["claimReviewed"] == claim.text
    assert document["url"] == page.url
    assert document["reviewRating"]["alternateName"] == VERDICT
    assert document["itemReviewed"]["@type"] == "Claim"
    assert document["itemReviewed"]["author"]["name"] == "U.S. Department of Defense"
    published = datetime.datetime.fromisoformat(document["datePublished"])
    assert published == review.published_at.replace(microsecond=0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "public-fact-check.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    reader.close()
