"""Withdraw instead of delete: claims, statements, citations, sources and actors.

A withdrawn row keeps its address, says who withdrew it, when and why, and leaves the lists
unless they are asked for it; deleting a row a published verdict rests on is refused.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from claims.choices import Stance
from claims.models import Citation, Claim, Statement
from core.services import DeletionRefused, instance_delete, instance_reinstate, instance_withdraw
from sources.models import Actor, Source
from tests.support.admin import messages_of
from tests.support.desk import simple_claim, stated_directly
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    SourceFactory,
    StatementFactory,
    UserFactory,
    role_user,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "claims": ClaimFactory,
    "statements": StatementFactory,
    "citations": CitationFactory,
    "sources": SourceFactory,
    "actors": ActorFactory,
}
MODELS = {
    "claims": Claim,
    "statements": Statement,
    "citations": Citation,
    "sources": Source,
    "actors": Actor,
}


def api_with(*codenames) -> APIClient:
    user = UserFactory()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = APIClient()
    client.force_authenticate(user)
    client.user = user
    return client


# The service


def test_a_withdrawal_names_who_when_and_why_and_is_kept_in_history():
    editor = UserFactory(username="editor")
    claim = ClaimFactory()
    instance_withdraw(instance=claim, user=editor, reason="A duplicate of claim 12.")
    claim.refresh_from_db()
    assert claim.is_withdrawn
    assert (claim.withdrawn_by, claim.withdrawal_reason) == (editor, "A duplicate of claim 12.")
    latest = claim.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "withdrawn: A duplicate of claim 12."
    instance_reinstate(instance=claim, user=editor)
    claim.refresh_from_db()
    assert not claim.is_withdrawn
    assert claim.withdrawal_reason == ""


def test_a_withdrawal_needs_a_reason_and_happens_once():
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as refused:
        instance_withdraw(instance=claim, reason="   ")
    assert refused.value.message_dict == {"reason": ["Say why it is withdrawn."]}
    instance_withdraw(instance=claim, reason="Wrong.")
    with pytest.raises(ValidationError, match="already withdrawn"):
        instance_withdraw(instance=claim, reason="Again.")


def test_the_database_refuses_a_withdrawal_without_a_reason():
    claim = ClaimFactory()
    claim.withdrawn_at = claim.created_at
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


def test_withdrawn_statements_count_for_nothing():
    claim = ClaimFactory()
    denial = StatementFactory(claim=claim, stance=Stance.DENIES)
    StatementFactory(claim=claim)
    instance_withdraw(instance=denial, reason="Misattributed.")
    counted = Claim.objects.with_denial_flags().get(pk=claim.pk)
    assert (counted.statement_count, counted.denial_count, counted.has_denial) == (1, 0, False)


# The API


@pytest.mark.parametrize("resource", FACTORIES)
def test_withdrawn_rows_leave_the_list_but_keep_their_address(resource):
    current, withdrawn = FACTORIES[resource](), FACTORIES[resource]()
    instance_withdraw(instance=withdrawn, reason="Entered twice.")
    model = MODELS[resource]._meta.model_name
    reader = api_with(f"view_{model}")
    listed = reader.get(f"/api/v1/{resource}/").json()["results"]
    assert current.pk in {row["id"] for row in listed}
    assert withdrawn.pk not in {row["id"] for row in listed}
    only = reader.get(f"/api/v1/{resource}/", {"withdrawn": "only"}).json()["results"]
    assert [row["id"] for row in only] == [withdrawn.pk]
    every = reader.get(f"/api/v1/{resource}/", {"withdrawn": "include"}).json()["results"]
    assert {withdrawn.pk, current.pk} <= {row["id"] for row in every}
    detail = reader.get(f"/api/v1/{resource}/{withdrawn.pk}/")
    assert detail.status_code == 200
    assert detail.json()["withdrawal_reason"] == "Entered twice."
    refused = reader.get(f"/api/v1/{resource}/", {"withdrawn": "maybe"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"withdrawn": ["Choose one of: exclude, include, only."]}


@pytest.mark.parametrize("resource", FACTORIES)
def test_withdrawing_over_the_api_takes_the_delete_permission_and_a_reason(resource):
    obj = FACTORIES[resource]()
    model = MODELS[resource]._meta.model_name
    url = f"/api/v1/{resource}/{obj.pk}/withdraw/"
    forbidden = api_with(f"view_{model}", f"change_{model}").post(url, {"reason": "x"})
    assert forbidden.status_code == 403
    deleter = api_with(f"view_{model}", f"delete_{model}")
    assert deleter.post(url, {}, format="json").status_code == 400
    withdrawn = deleter.post(url, {"reason": "Entered twice."}, format="json")
    assert withdrawn.status_code == 200, withdrawn.content
    body = withdrawn.json()
    assert body["withdrawn_by"] == deleter.user.username
    assert body["withdrawn_at"] is not None
    again = deleter.post(url, {"reason": "Twice."}, format="json")
    assert again.status_code == 400
    reinstated = deleter.post(f"/api/v1/{resource}/{obj.pk}/reinstate/", {}, format="json")
    assert reinstated.status_code == 200
    assert reinstated.json()["withdrawn_at"] is None


def test_a_withdrawal_honours_if_match(db):
    claim = ClaimFactory()
    client = api_with("view_claim", "delete_claim")
    stale = '"' + "0" * 64 + '"'
    response = client.post(
        f"/api/v1/claims/{claim.pk}/withdraw/",
        {"reason": "Wrong."},
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert response.status_code == 412
    claim.refresh_from_db()
    assert not claim.is_withdrawn


# Deleting what a published verdict rests on


@pytest.fixture
def published(desk):
    claim = simple_claim()
    denial = stated_directly(claim, ActorFactory(), "it was open", stance=Stance.DENIES)
    desk.publish(claim)
    return claim, denial


def test_deleting_what_a_published_verdict_rests_on_is_refused(published):
    _, denial = published
    citation = denial.citations.get()
    for obj in (denial, citation):
        with pytest.raises(DeletionRefused, match="Withdraw it instead"):
            instance_delete(instance=obj)
        assert type(obj).objects.filter(pk=obj.pk).exists()
    # Sources and actors its citations and statements use were protected already.
    for obj in (citation.source, denial.actor):
        with pytest.raises(DeletionRefused):
            instance_delete(instance=obj)
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_row_no_pin_names_is_still_deleted(published):
    claim, _ = published
    later = StatementFactory(claim=claim)
    instance_delete(instance=later)
    assert not Statement.objects.filter(pk=later.pk).exists()


def test_the_admin_refuses_the_deletion_and_withdraws_with_a_reason(client, published):
    _, denial = published
    editor = role_user("Editor", username="admin-editor", is_staff=True)
    client.force_login(editor)
    url = reverse("admin:claims_statement_delete", args=[denial.pk])
    response = client.post(url, {"post": "yes"})
    assert any("Withdraw it instead" in text for text in messages_of(response))
    assert Statement.objects.filter(pk=denial.pk).exists()

    change_url = reverse("admin:claims_statement_change", args=[denial.pk])
    pressed = client.post(
        change_url,
        {
            "CHANGE_FORM-action": "withdraw",
            "CHANGE_FORM-reason": "A misattributed denial.",
            "_selected_action": str(denial.pk),
        },
    )
    assert pressed.status_code == 302
    denial.refresh_from_db()
    assert denial.withdrawal_reason == "A misattributed denial."
    listed = client.get(reverse("admin:claims_statement_changelist"))
    assert denial not in listed.context["cl"].result_list
    withdrawn = client.get(reverse("admin:claims_statement_changelist"), {"withdrawn": "only"})
    assert list(withdrawn.context["cl"].result_list) == [denial]
