"""The admin's widest pages fit a 1400 px screen, in a real browser.

The claim page (its statements in a table, each row with its selects, dates and autocompletes)
and the statement page (its citations, with their quotes and snapshots) of the reference
article's claims are opened at 1400×900: none scrolls sideways, and a screenshot of the
claim page is kept in ``test-artifacts/``. Browser set-up as in ``test_review_flow.py``.
"""

import pytest
from django.core.management import call_command

from claims.models import Claim, Statement
from sources.models import Actor, Source
from tests.support.browser import ARTIFACTS, PASSWORD
from tests.support.factories import UserFactory

WIDTH, HEIGHT = 1400, 900
# The page's width, and what does not fit: a field or button past the window's right edge, or
# a box (the inline's table) that scrolls sideways inside the page.
OVERFLOW = """() => {
    const describe = (el) => el.tagName.toLowerCase()
        + (el.name ? `[name=${el.name}]` : "")
        + (el.classList.length ? "." + [...el.classList].join(".") : "");
    const right = window.innerWidth;
    const cut = [...document.querySelectorAll(
        "#content input:not([type=hidden]), #content select, #content textarea,"
        + " #content .select2-container, #content button, #content a.button"
    )]
        .filter((el) => el.getClientRects().length)
        .filter((el) => el.getBoundingClientRect().right > right + 1)
        .map((el) => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)}`);
    const scrolling = [...document.querySelectorAll("#content *")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
        .filter((el) => !["TEXTAREA", "SELECT"].includes(el.tagName))
        .map((el) => `${describe(el)} scrolls ${el.scrollWidth} in ${el.clientWidth}`);
    return {width: document.documentElement.scrollWidth, cut, scrolling};
}"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_the_pages_with_wide_inlines_fit_1400_pixels(browser, live_server):
    call_command("load_reference_article", verbosity=0)
    user = UserFactory(username="layout", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    # The claim with the most statements, and the statement with the most citations.
    claim = max(Claim.objects.all(), key=lambda claim: (claim.statements.count(), -claim.pk))
    statement = max(
        Statement.objects.all(), key=lambda statement: (statement.citations.count(), -statement.pk)
    )
    actor = Actor.objects.filter(aliases__isnull=False).first()
    source = Source.objects.filter(snapshots__isnull=False).first()
    pages = {
        "claim": f"/admin/claims/claim/{claim.pk}/change/",
        "statement": f"/admin/claims/statement/{statement.pk}/change/",
        "claim-add": "/admin/claims/claim/add/",
        # The other tabular inlines, under the same rules.
        "actor": f"/admin/sources/actor/{actor.pk}/change/",
        "source": f"/admin/sources/source/{source.pk}/change/",
    }
    overflowing = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector("#content-main form")
        measured = page.evaluate(OVERFLOW)
        if measured["width"] > WIDTH or measured["cut"] or measured["scrolling"]:
            overflowing[name] = measured
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"admin-{name}-1400.png"), full_page=True)
        inline = page.locator(".inline-group").first
        inline.screenshot(path=str(ARTIFACTS / f"admin-{name}-1400-inline.png"))
    context.close()

    assert claim.statements.count() >= 2, "the reference claim should show several rows"
    assert not overflowing, f"pages wider than {WIDTH} px: {overflowing}"
    assert (ARTIFACTS / "admin-claim-1400.png").stat().st_size > 10_000
