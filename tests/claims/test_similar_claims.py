"""The claim page's "Already in the record?" panel and its one-click duplicate relation."""

import pytest
from django.urls import reverse

from claims.choices import RelationKind
from claims.models import Claim, ClaimRelation
from tests.support.admin import messages_of, page_data, submit
from tests.support.factories import ClaimFactory, ClaimRelationFactory, UserFactory, role_user

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


# The add page: candidates as the text is typed, and "save as the same claim"

ADD_URL = reverse("admin:claims_claim_add")


def test_the_add_page_follows_the_typed_text(admin_client):
    page = admin_client.get(ADD_URL).content.decode()

    assert 'id="ct-similar"' in page
    assert 'data-match-url="/api/v1/claims/match/"' in page
    assert "data-claim=" not in page  # no claim yet: the panel reads the text field
    assert 'type="hidden" name="same_as"' in page
    assert "claims/similar.js" in page
    # The other live panels need a saved claim.
    assert "Denials" not in page


def clerk_without_relations(client):
    """A staff user who may add claims but not relate them."""
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims", codename__in=["add_claim", "view_claim"]
        )
    )
    client.force_login(user)
    return client


def test_without_the_right_to_relate_there_is_no_same_claim_field(client, db):
    page = clerk_without_relations(client).get(ADD_URL).content.decode()

    assert 'id="ct-similar"' in page
    assert 'name="same_as"' not in page


def test_saving_as_the_same_claim_records_the_duplicate_relation(admin_client, superuser):
    original = ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya.")

    response = submit(
        admin_client,
        ADD_URL,
        {"text": "Turkey sent 3500 Syrian mercenaries to Libya", "same_as": str(original.pk)},
    )

    assert response.status_code == 302, response.context["errors"]
    new = Claim.objects.get(text="Turkey sent 3500 Syrian mercenaries to Libya")
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim) == (new, original)
    assert relation.kind == RelationKind.DUPLICATE_OF
    assert relation.history.get().history_user == superuser
    assert new.history.get().history_user == superuser


def test_a_claim_that_is_not_current_is_a_form_error(admin_client, user):
    from core.services import instance_withdraw

    original = ClaimFactory()
    instance_withdraw(instance=original, reason="a duplicate", user=user)

    response = submit(
        admin_client, ADD_URL, {"text": "Turkey sent fighters.", "same_as": str(original.pk)}
    )

    assert response.status_code == 200
    assert "not current" in str(response.context["errors"])
    assert Claim.objects.count() == 1
    assert not ClaimRelation.objects.exists()


@pytest.mark.parametrize("same_as", ["abc", "99999999", "9" * 40, "-1"])
def test_no_claim_of_the_record_is_a_form_error(admin_client, same_as):
    response = submit(admin_client, ADD_URL, {"text": "Turkey sent fighters.", "same_as": same_as})

    assert response.status_code == 200
    assert not Claim.objects.exists()


def test_relating_without_the_right_is_refused_and_nothing_saved(client, db):
    original = ClaimFactory()
    clerk = clerk_without_relations(client)

    response = clerk.post(
        ADD_URL,
        {
            **page_data(clerk.get(ADD_URL)),
            "text": "Turkey sent fighters.",
            "language": "en",
            "kind": "factual",
            "same_as": str(original.pk),
        },
    )

    assert response.status_code == 302
    assert "may not record that two claims are the same" in " ".join(
        messages_of(clerk.get(response.url))
    )
    assert Claim.objects.count() == 1
    assert not ClaimRelation.objects.exists()


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
