"""A published verdict never moves: readers see what was approved, whatever the record does.

Approval pins the claim, its statements, quotes and chains and the verdict; the public page
and ClaimReview render the pin. Edits of the record flag the fact-check ("record changed
since approval", with what changed); only a correction approved by someone else publishes a
new version, and every earlier version keeps its own address.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.choices import Stance
from claims.models import Claim, Statement
from claims.services import citation_save, claim_save, statement_save, topic_get_or_create
from claims.transfer.formats import KINDS_BY_NAME
from claims.transfer.importing import Importer
from core.history import bulk_update_tracked
from core.services import instance_save
from reviews.models import Review
from reviews.services import review_record_changes
from sources.models import Actor
from sources.services import source_save
from tests.support.admin import page_data
from tests.support.bulk_rows import citation_row, statement_row, write_jsonl
from tests.support.desk import (
    asserted_through_chain,
    label,
    stated_directly,
)
from tests.support.factories import ActorFactory, ClaimFactory, SnapshotFactory, role_user
from tests.support.pages import parse


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def published(desk):
    """A claim asserted through a chain and denied, its verdict published."""
    claim = ClaimFactory(text="Turkey sent more than 3,500 Syrian fighters to Libya.")
    pentagon = ActorFactory(name="U.S. Department of Defense")
    assertion = asserted_through_chain(claim, pentagon, "Turkey sent more than 3,500 fighters")
    denial = stated_directly(
        claim,
        ActorFactory(name="Government of Turkey"),
        "we sent no fighters",
        stance=Stance.DENIES,
        responds_to=assertion,
    )
    review = desk.publish(claim, rating="Mostly true")
    return claim, review, denial


def page(client, claim) -> bytes:
    response = client.get(reverse("public:detail", args=[claim.pk]))
    assert response.status_code == 200
    return response.content


def claimreview(user, claim) -> dict:
    response = api_for(user).get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    return response.json()


def check_of(review):
    return Review.objects.select_related("record_check").get(pk=review.pk).record_check


@pytest.mark.parametrize("kind", ["statements", "citations"])
def test_statements_and_citations_imported_in_batches_flag_the_fact_check(
    tmp_path, published, kind
):
    """A file's new rows are inserted together, without a save each: the fact-checks of
    their claims are re-checked all the same, once a batch."""
    claim, review, denial = published
    if kind == "statements":
        row = statement_row(claim, ActorFactory(), stance="denies")
    else:
        snapshot = SnapshotFactory(text="Ankara said it sent no fighters at all.")
        row = citation_row(denial, snapshot, quote="sent no fighters")
    path = tmp_path / f"{kind}.jsonl"
    write_jsonl(path, [row])

    report = Importer().import_file(path, KINDS_BY_NAME[kind], "jsonl")

    assert (report.created, report.errors) == (1, [])
    assert check_of(review).changed is True


@pytest.mark.parametrize("model", [Statement, Actor])
def test_rows_updated_in_bulk_flag_the_fact_check(published, model):
    """A bulk update re-checks too: a statement by its claim, any other row by what rests on
    it (the denier renamed)."""
    _, review, denial = published
    if model is Statement:
        denial.stated_on = datetime.date(2020, 7, 18)
        rows = [denial]
    else:
        denial.actor.name = "Republic of Türkiye"
        rows = [denial.actor]
    fields = ["stated_on"] if model is Statement else ["name"]

    bulk_update_tracked(rows, model, fields, reason="bulk correction")

    assert check_of(review).changed is True


def test_approval_pins_the_record_and_the_verdict(published):
    claim, review, _ = published
    review.refresh_from_db()
    record = review.pinned["record"]
    assert record["claim"]["text"] == claim.text
    assert {s["id"] for s in record["statements"]} == set(
        claim.statements.values_list("pk", flat=True)
    )
    assert review.pinned["verdict"]["rating"]["label"] == "Mostly true"
    assert len(review.pinned_sha256) == 64
    assert check_of(review).changed is False


def test_edits_of_the_record_leave_the_public_page_and_claimreview_as_they_were(
    client, desk, published
):
    """A contributor rewrites the claim and withdraws the denial (deleting it is refused); an
    editor tries to rename the rating label: the page and ClaimReview stay byte for byte what
    readers were shown, and the fact-check is flagged with what changed."""
    claim, review, denial = published
    before_page, before_document = page(client, claim), claimreview(desk.editor, claim)

    edited = api_for(desk.contributor).patch(
        f"/api/v1/claims/{claim.pk}/", {"text": "Turkey sent 35,000 fighters."}, format="json"
    )
    assert edited.status_code == 200, edited.content
    refused = api_for(desk.contributor).delete(f"/api/v1/statements/{denial.pk}/")
    assert refused.status_code == 409, refused.content
    assert "Withdraw it instead" in refused.json()["detail"]
    withdrawn = api_for(desk.contributor).post(
        f"/api/v1/statements/{denial.pk}/withdraw/", {"reason": "A misattributed denial."}
    )
    assert withdrawn.status_code == 200, withdrawn.content
    mostly_true = label("Mostly true")
    mostly_true.label = "Largely true"
    with (
        pytest.raises(ValidationError, match="part of an approved or published verdict"),
        transaction.atomic(),
    ):
        instance_save(instance=mostly_true, user=desk.editor)

    assert page(client, claim) == before_page
    assert claimreview(desk.editor, claim) == before_document
    assert check_of(review).changed is True
    changed, changes = review_record_changes(review)
    assert changed
    assert {
        "what": "The claim",
        "field": "text",
        "before": "Turkey sent more than 3,500 Syrian fighters to Libya.",
        "after": "Turkey sent 35,000 fighters.",
    } in changes
    assert {
        "what": f"Statement #{denial.pk} (Government of Turkey denies)",
        "field": "withdrawn",
        "before": None,
        "after": None,
    } in changes


def test_the_api_and_the_admin_list_and_explain_changed_fact_checks(client, desk, published):
    claim, review, _ = published
    claim.place = "Libya and Syria"
    claim_save(claim=claim, user=desk.contributor)

    api = api_for(desk.editor)
    listed = api.get("/api/v1/reviews/", {"record_changed": "true"}).json()["results"]
    assert [row["id"] for row in listed] == [review.pk]
    assert listed[0]["record_changed"] is True
    assert api.get("/api/v1/reviews/", {"record_changed": "false"}).json()["results"] == []
    body = api.get(f"/api/v1/reviews/{review.pk}/record-changes/").json()
    assert body["changed"] is True
    assert body["changes"] == [
        {"what": "The claim", "field": "place", "before": "", "after": "Libya and Syria"}
    ]
    pinned = api.get(f"/api/v1/reviews/{review.pk}/pinned/").json()
    assert pinned["record"]["claim"]["place"] == ""

    staff_editor = role_user("Editor", username="staff-editor", is_staff=True)
    client.force_login(staff_editor)
    queue = client.get(reverse("admin:reviews_review_changelist"), {"queue": "record_changed"})
    assert list(queue.context["cl"].result_list) == [review]
    review_page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert "Libya and Syria" in review_page.content.decode()


def test_reverting_an_edit_clears_the_flag(desk, published):
    claim, review, _ = published
    claim.place = "Elsewhere"
    claim_save(claim=claim, user=desk.contributor)
    assert check_of(review).changed is True
    claim.place = ""
    claim_save(claim=claim, user=desk.contributor)
    assert check_of(review).changed is False


def test_a_change_to_a_source_or_an_actor_of_the_record_flags_the_fact_check(desk, published):
    claim, review, _ = published
    citation = claim.statements.get(stance=Stance.ASSERTS).citations.get(quote__gt="")
    source = citation.source
    source.title = "A retitled article"
    source_save(source=source, user=desk.contributor)
    assert check_of(review).changed is True
    _, changes = review_record_changes(review)
    assert any(change["field"] == "source" for change in changes)


def test_an_unrelated_edit_flags_nothing(desk, published):
    _, review, _ = published
    other = ClaimFactory()
    other.place = "Nowhere"
    claim_save(claim=other, user=desk.contributor)
    assert check_of(review).changed is False


def test_a_correction_publishes_a_new_version_and_the_old_one_keeps_its_address(
    client, desk, published
):
    claim, review, _ = published
    first_version = page(client, claim)
    claim.text = "Turkey sent about 3,800 Syrian fighters to Libya."
    claim_save(claim=claim, user=desk.contributor)

    correction = desk.correct(review, note="The figure was 3,800.", explanation="Now 3,800.")

    current = parse(client.get(reverse("public:detail", args=[claim.pk])))
    assert current.find(data_testid="claim").text == claim.text
    old = client.get(reverse("public:version", args=[claim.pk, review.version]))
    assert old.status_code == 200
    old_page = parse(old)
    assert old_page.find(data_testid="claim").text == (
        "Turkey sent more than 3,500 Syrian fighters to Libya."
    )
    assert old_page.find(data_testid="earlier-version") is not None
    assert old_page.json_ld == []
    assert f'rel="canonical" href="/fact-checks/{claim.pk}/"' in old.content.decode()
    assert b"3,500" in first_version
    assert check_of(correction).changed is False
    # The version that never went public has no page.
    missing = client.get(reverse("public:version", args=[claim.pk, correction.version + 1]))
    assert missing.status_code == 404


def test_a_label_no_approved_verdict_uses_can_still_be_edited(desk):
    unused = label("Half true")
    unused.description = "Partly accurate."
    instance_save(instance=unused, user=desk.editor)
    assert label("Half true").description == "Partly accurate."


def test_the_admin_refuses_to_rename_a_label_in_use_on_its_field(client, desk, published):
    """The scale's page shows the refusal on the label's row; nothing is saved."""
    editor = role_user("Editor", username="scale-editor", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename="change_ratingscale"))
    client.force_login(editor)
    scale = label("Mostly true").scale
    url = reverse("admin:reviews_ratingscale_change", args=[scale.pk])
    data = page_data(client.get(url))
    row = next(key for key, value in data.items() if value == "Mostly true")
    data[row] = "Largely true"
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the refusal on the label's row
    assert "part of an approved or published verdict" in response.content.decode()
    assert label("Mostly true").label == "Mostly true"


def test_a_new_statement_of_the_claim_flags_the_fact_check(desk, published):
    """A statement's write finds the versions of its claim (a compiled look-up)."""
    claim, review, _ = published
    statement_save(
        statement=Statement(claim=claim, speaker_label="A new speaker", stance=Stance.DISPUTES),
        user=desk.contributor,
    )
    assert check_of(review).changed is True


def test_a_citations_edit_flags_the_fact_check(desk, published):
    """A citation's write finds the versions of its statement's claim (a compiled look-up)."""
    claim, review, _ = published
    citation = claim.statements.get(stance=Stance.ASSERTS).citations.get(quote__gt="")
    citation.locator = "page 2"
    citation_save(citation=citation, user=desk.contributor)
    assert check_of(review).changed is True
    _, changes = review_record_changes(review)
    assert any(change["field"] == "locator" for change in changes)


def test_creating_a_claim_with_actors_and_topics_reads_no_review(desk, published):
    """No version can rest on a claim being created: its save and its relations' additions
    look for none."""
    with CaptureQueriesContext(connection) as queries:
        claim_save(
            claim=Claim(text="A new claim about 3,500 fighters."),
            about=[ActorFactory()],
            topics=[topic_get_or_create(name="Libya")],
            user=desk.contributor,
        )
    assert not [q for q in queries if "reviews_review" in q["sql"]]


def review_page(client, review) -> tuple:
    """The admin page of ``review`` as a staff editor reads it, and the queries it ran."""
    client.force_login(role_user("Editor", username="staff-editor", is_staff=True))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def test_a_published_versions_page_reads_the_live_record_once_for_its_panels(
    client, desk, published
):
    """ "What changed since" and "statements, quotes and chains" share one read."""
    claim, review, _ = published
    claim.place = "Libya and Syria"
    claim_save(claim=claim, user=desk.contributor)
    response, queries = review_page(client, review)
    page = response.content.decode()
    assert "Libya and Syria" in page
    assert "Statements, quotes and chains" in page
    assert len([sql for sql in queries if 'FROM "claims_topic"' in sql]) == 1


def test_a_published_versions_page_reads_the_people_it_names_together(client, desk, published):
    """Assignee, verdict author, approver and publisher: one query for them all."""
    review = Review.objects.get(pk=published[1].pk)
    named = [review.assignee_id, review.verdict_author_id, review.approver_id]
    assert None not in [*named, review.published_by_id]
    response, queries = review_page(client, review)
    shown = response.context["original"]
    assert shown.approver.pk == review.approver_id
    assert shown.published_by.pk == review.published_by_id
    assert shown.approver.get_username() in response.content.decode()
    people = [sql for sql in queries if sql.startswith('SELECT "auth_user"') and " IN " in sql]
    assert len(people) == 1
