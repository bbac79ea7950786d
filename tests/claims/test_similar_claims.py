"""The claim page's "Already in the record?" panel and its one-click duplicate relation."""

import pytest
from django.urls import reverse

from claims.choices import RelationKind
from claims.models import ClaimRelation
from tests.support.admin import messages_of
from tests.support.factories import ClaimFactory, ClaimRelationFactory, role_user

pytestmark = pytest.mark.django_db


def same_url(claim) -> str:
    return reverse("admin:claims_claim_same", args=[claim.pk])


def change_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_the_page_carries_what_the_panel_needs(admin_client):
    claim = ClaimFactory(text="Turkey sent 3,500 Syrian fighters to Libya.")
    other = ClaimFactory()
    ClaimRelationFactory(from_claim=other, to_claim=claim, kind=RelationKind.DUPLICATE_OF)

    page = admin_client.get(change_url(claim)).content.decode()

    assert 'id="ct-similar"' in page
    assert f'data-claim="{claim.pk}"' in page
    assert 'data-text="Turkey sent 3,500 Syrian fighters to Libya."' in page
    assert 'data-match-url="/api/v1/claims/match/"' in page
    assert f'data-same-url="{same_url(claim)}"' in page
    assert f'data-known="{other.pk}"' in page
    assert 'data-may-relate="1"' in page
    assert "claims/matching.js" in page
    assert "claims/similar.js" in page


def test_the_add_page_has_no_panel(admin_client):
    page = admin_client.get(reverse("admin:claims_claim_add")).content.decode()
    assert 'id="ct-similar"' not in page


def test_one_click_records_the_duplicate_relation(admin_client, superuser):
    claim, other = ClaimFactory(), ClaimFactory()

    response = admin_client.post(same_url(claim), {"to_claim": str(other.pk)})

    assert response.status_code == 302
    assert response.url == change_url(claim)
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim) == (claim, other)
    assert relation.kind == RelationKind.DUPLICATE_OF
    assert relation.history.get().history_user == superuser
    assert f"the same claim as #{other.pk}" in messages_of(admin_client.get(response.url))[0]


@pytest.mark.parametrize("to_claim", ["", "abc", "99999999", "9" * 40])
def test_no_claim_of_the_record_is_an_error_message(admin_client, to_claim):
    claim = ClaimFactory()

    response = admin_client.post(same_url(claim), {"to_claim": to_claim})

    assert response.status_code == 302
    assert "Choose a claim of the record." in messages_of(admin_client.get(response.url))
    assert not ClaimRelation.objects.exists()


def test_a_relation_the_model_refuses_is_an_error_message(admin_client):
    claim, other = ClaimFactory(), ClaimFactory()
    ClaimRelationFactory(from_claim=other, to_claim=claim, kind=RelationKind.DUPLICATE_OF)

    admin_client.post(same_url(claim), {"to_claim": str(other.pk)})
    admin_client.post(same_url(claim), {"to_claim": str(claim.pk)})

    messages = messages_of(admin_client.get(change_url(claim)))
    assert any("already related this way" in message for message in messages)
    assert any("cannot relate to itself" in message for message in messages)
    assert ClaimRelation.objects.count() == 1


def test_needs_the_right_to_relate_claims_and_a_post(client):
    claim, other = ClaimFactory(), ClaimFactory()
    client.force_login(role_user("Viewer", is_staff=True))

    assert client.post(same_url(claim), {"to_claim": str(other.pk)}).status_code == 403
    page = client.get(change_url(claim)).content.decode()
    assert 'data-may-relate=""' in page
    client.force_login(role_user("Contributor", is_staff=True))
    assert client.get(same_url(claim)).status_code == 405
    assert not ClaimRelation.objects.exists()
