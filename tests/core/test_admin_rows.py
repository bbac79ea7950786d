"""A changelist's rows, written directly where Django's generic rendering is slow: the same
HTML as Django's."""

from django.contrib import admin
from django.urls import reverse

from claims.models import Claim
from core.text import shorten
from tests.support.factories import ClaimFactory


def test_the_row_checkbox_is_djangos_own(db):
    claim = ClaimFactory(text='Moscow "denied" <b>it</b> & more')
    ours = admin.site._registry[Claim].action_checkbox(claim)
    djangos = admin.ModelAdmin(Claim, admin.site).action_checkbox(claim)
    assert ours == djangos
    assert "&lt;b&gt;" in ours


def test_the_changelist_rows_carry_their_checkboxes(admin_client, db):
    claims = ClaimFactory.create_batch(3)
    page = admin_client.get(reverse("admin:claims_claim_changelist"))
    for claim in claims:
        assert f'name="_selected_action" value="{claim.pk}" class="action-select"' in page.text


def test_shorten_keeps_a_short_text_and_cuts_a_long_one_with_an_ellipsis():
    assert shorten("Turkey sent fighters.", 21) == "Turkey sent fighters."
    assert shorten("Turkey sent fighters.", 12) == "Turkey sent…"
    assert len(shorten("x" * 500, 90)) == 90
