"""The annotate screen in a real browser: the WHO/COGAT news item, from pasted text to a
verified claim with its three-link chain and the denial answering WHO.

Every form submission is counted (at most six), and no quote is typed: the first is
selected in the text with the mouse, the second taken from a suggestion. Screenshots of the
annotate screen are kept in ``test-artifacts/``.
"""

import pytest
from playwright.sync_api import expect

from claims.choices import AccessMode, CitationRole, RelationKind, Stance
from claims.models import Citation, Claim, ClaimRelation, Statement
from sources.choices import ActorKind
from sources.models import Snapshot
from tests.support import who_cogat
from tests.support.browser import ARTIFACTS, PASSWORD
from tests.support.factories import ActorFactory, AliasFactory, ClaimFactory, role_user


def select_passage(page, quote: str):
    """Drag the mouse across ``quote`` in the text, as a reader selects a sentence."""
    box = page.evaluate(
        """(quote) => {
            const article = document.getElementById("ct-article");
            const text = article.textContent;
            const at = text.indexOf(quote);
            const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
            let seen = 0, node, start = null, end = null;
            while ((node = walker.nextNode())) {
                const next = seen + node.data.length;
                if (start === null && at < next) start = [node, at - seen];
                if (at + quote.length <= next) {
                    end = [node, at + quote.length - seen];
                    break;
                }
                seen = next;
            }
            const first = document.createRange();
            first.setStart(start[0], start[1]); first.setEnd(start[0], start[1] + 1);
            const last = document.createRange();
            last.setStart(end[0], end[1] - 1); last.setEnd(end[0], end[1]);
            first.startContainer.parentElement.scrollIntoView({block: "center"});
            const a = first.getClientRects()[0], b = last.getClientRects()[0];
            return {
                x1: a.left + 0.5, y1: a.top + a.height / 2,
                x2: b.right - 0.5, y2: b.top + b.height / 2,
            };
        }""",
        quote,
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=12)
    page.mouse.up()


def choose_autocomplete(page, select_name: str, term: str, option: str):
    """Pick ``option`` in the admin's autocomplete for ``select_name`` by typing ``term``."""
    page.locator(f"select[name='{select_name}'] + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).first.click()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_a_news_item_becomes_a_verified_claim_with_its_chain_and_denial(
    browser,
    live_server,
):
    who = ActorFactory(name="World Health Organization", kind=ActorKind.INTERGOVERNMENTAL)
    AliasFactory(actor=who, name="WHO")
    contributor = role_user("Contributor", username="contributor", is_staff=True)
    contributor.set_password(PASSWORD)
    contributor.save()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    submissions = []
    page.on(
        "request",
        lambda request: submissions.append(request.url) if request.method == "POST" else None,
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "contributor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    logins = len(submissions)

    # 1–2: the pasted text becomes a source with its snapshot, and the annotate screen opens.
    page.goto(f"{live_server.url}/admin/sources/source/intake/")
    page.fill("textarea[name='text']", who_cogat.TEXT)
    page.click("input[type=submit]")
    page.wait_for_selector("input[name='title']")
    assert page.input_value("input[name='title']")
    page.fill("input[name='title']", who_cogat.TITLE)
    page.click("input[type=submit]")
    page.wait_for_selector("#ct-article")
    snapshot = Snapshot.objects.get()
    assert snapshot.text == who_cogat.TEXT
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "annotate-start.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400

    # The text takes a selection from the keyboard alone, and refuses edits.
    page.focus("#ct-article")
    page.keyboard.press("Control+Home")
    for _ in range(8):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("input[name='selection-quote_end']")).to_have_value("8")
    assert page.input_value("input[name='selection-quote_start']") == "0"
    assert "“WHO says”" in page.inner_text("#ct-selected")
    page.keyboard.type("typed over")
    assert page.inner_text("#ct-article").startswith("WHO says half a million")

    # 3: WHO's figure, selected with the mouse, with its chain IPC report → Reuters → here.
    select_passage(page, who_cogat.WHO_QUOTE)
    start, end = who_cogat.span(who_cogat.WHO_QUOTE)
    expect(page.locator("input[name='selection-quote_end']")).to_have_value(str(end))
    assert page.input_value("input[name='selection-quote_start']") == str(start)
    assert who_cogat.WHO_QUOTE[:40] in page.inner_text("#ct-selected")
    choose_autocomplete(page, "statement-actor", "WHO", "World Health Organization")
    page.fill(
        "textarea[name='claim-text']", "More than 500,000 people in Gaza face famine conditions."
    )
    page.select_option("select[name='claim-quantity_comparator']", "more_than")
    page.fill("input[name='claim-quantity_value']", "500000")
    page.fill("input[name='claim-quantity_unit']", "people facing famine")
    page.fill("input[name='claim-place']", "Gaza")
    page.fill("input[name='hop-0-title']", "IPC analysis of acute food insecurity in Gaza")
    page.uncheck("input[name='hop-0-is_public']")
    page.fill("input[name='hop-1-title']", "Reuters: WHO says half a million in Gaza face famine")
    page.select_option("select[name='hop-1-kind']", "agency_story")
    page.select_option("select[name='hop-1-access']", AccessMode.SEEN_BY)
    page.click("#ct-record")
    page.wait_for_selector("ul.messagelist")
    assert "Recorded: World Health Organization asserts" in page.inner_text("ul.messagelist")

    # 4: COGAT's rejection, taken from the suggestions: it answers WHO's statement.
    suggestion = page.locator(".ct-suggestion", has_text="COGAT").filter(
        has_text="false and biased"
    )
    suggestion.get_by_role("button", name="Use").click()
    assert page.input_value("select[name='statement-stance']") == Stance.DENIES
    who_statement = Statement.objects.get(actor=who)
    assert page.input_value("select[name='statement-responds_to']") == str(who_statement.pk)
    # The claim already in the record is found by matching the passage, and chosen.
    match = page.locator("#ct-matches li", has_text="face famine conditions")
    match.get_by_role("button", name="This claim").click()
    claim_id = str(who_statement.claim_id)
    assert page.input_value("select[name='statement-existing_claim']") == claim_id
    page.screenshot(path=str(ARTIFACTS / "annotate-denial.png"), full_page=True)
    page.click("#ct-record")
    page.wait_for_selector("ul.messagelist")
    assert "denies" in page.inner_text("ul.messagelist")
    page.screenshot(path=str(ARTIFACTS / "annotate-done.png"), full_page=True)
    assert page.locator("#ct-article .ct-mark").count() >= 2

    assert len(submissions) - logins <= 6, submissions
    claim = Claim.objects.get()
    citation = Citation.objects.get(snapshot=snapshot, statement=who_statement)
    assert citation.quote == who_cogat.WHO_QUOTE
    assert citation.quote_verified
    chain = [citation.derived_from.derived_from, citation.derived_from, citation]
    assert [link.role for link in chain] == [CitationRole.ORIGIN, "reports", "reports"]
    assert not chain[0].source.is_public
    assert chain[1].access == AccessMode.SEEN_BY
    denial = Statement.objects.get(stance=Stance.DENIES)
    assert denial.claim == claim
    assert denial.responds_to == who_statement
    assert who_cogat.COGAT_QUOTE in denial.citations.get().quote
    assert denial.citations.get().quote_verified

    # The claim's page finds a claim of the record that says the same, and records it so.
    twin = ClaimFactory(text="Half a million people in Gaza face famine conditions, WHO says.")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    similar = page.locator("#ct-similar li", has_text=twin.text)
    similar.get_by_role("button", name=f"Same claim as #{twin.pk}").click()
    page.wait_for_selector("ul.messagelist")
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim) == (claim, twin)
    assert relation.kind == RelationKind.DUPLICATE_OF
    context.close()
