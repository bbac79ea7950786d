"""Typing a claim that is already in the record, in a real browser.

On the claim add page, a fact-checker types "Turkey sent 3500 Syrian mercenaries to Libya":
the reference article's claim comes first among the candidates, and one click saves the new
claim as the same claim as it (a ``duplicate_of`` relation). Browser set-up as in
``test_review_flow.py``.
"""

import pytest
from django.core.management import call_command

from claims.choices import RelationKind
from claims.matching.store import claim_index
from claims.models import Claim, ClaimRelation
from tests.support.browser import ARTIFACTS, PASSWORD
from tests.support.factories import UserFactory

TYPED = "Turkey sent 3500 Syrian mercenaries to Libya"
REFERENCE = "Turkey sent more than 3,500 Syrian fighters to Libya during the first three months"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_a_claim_typed_again_is_saved_as_the_same_claim_in_one_click(browser, live_server):
    call_command("load_reference_article", verbosity=0)
    claim_index.reset()  # the process's index outlives other tests' records
    reference = Claim.objects.get(text__startswith=REFERENCE)
    user = UserFactory(username="desk", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    page.goto(f"{live_server.url}/admin/claims/claim/add/")
    page.locator("#id_text").press_sequentially(TYPED, delay=10)
    first = page.locator("#ct-similar li").first
    first.wait_for()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "claim-add-similar.png"), full_page=True)

    assert first.locator("a").inner_text().startswith(f"#{reference.pk} {REFERENCE}")
    first.get_by_role("button", name=f"Save as the same claim as #{reference.pk}").click()
    page.wait_for_selector(".messagelist .success")
    context.close()

    new = Claim.objects.get(text=TYPED)
    relation = ClaimRelation.objects.get(from_claim=new)
    assert (relation.to_claim, relation.kind) == (reference, RelationKind.DUPLICATE_OF)
    assert relation.history.get().history_user == user
