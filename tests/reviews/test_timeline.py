"""Who changed what: the field-level diffs of a claim's whole history (``reviews.timeline``,
``claims.history``, ``core.diffs``)."""

import pytest

from claims.models import Claim, Statement
from claims.services import citation_save, claim_save, statement_save
from core.services import instance_delete, instance_reinstate, instance_withdraw
from reviews.choices import ReviewState
from reviews.services import review_assign, review_open, review_start, review_update
from reviews.timeline import claim_timeline
from tests.support.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
    role_user,
)
from tests.support.reviews import review_in, true_label


@pytest.fixture
def people(db):
    return {
        "contributor": role_user("Contributor", username="contributor"),
        "checker": role_user("Fact-checker", username="checker"),
        "other_checker": role_user("Fact-checker", username="checker-two"),
        "editor": role_user("Editor", username="editor-one"),
        "other_editor": role_user("Editor", username="editor-two"),
    }


def changes_of(entry) -> dict[str, tuple]:
    return {change.field: (change.before, change.after) for change in entry["changes"]}


def entries_of(claim, kind: str) -> list[dict]:
    return [entry for entry in claim_timeline(claim) if entry["kind"] == kind]


def test_a_claim_written_with_its_topics_is_one_addition_not_an_addition_and_a_change(people):
    libya, syria = TopicFactory(name="Libya"), TopicFactory(name="Syria")
    claim = Claim(text="Turkey sent fighters to Libya.", kind="factual")
    claim_save(claim=claim, topics=[libya, syria], user=people["contributor"])

    assert [entry["kind"] for entry in claim_timeline(claim)] == ["Claim added"]


def test_one_edit_of_the_text_and_the_topics_is_one_entry_naming_both(people):
    libya, syria = TopicFactory(name="Libya"), TopicFactory(name="Syria")
    claim = ClaimFactory(text="Turkey sent fighters.")
    claim_save(claim=claim, topics=[libya], user=people["contributor"])
    claim.text = "Turkey sent 3,500 fighters."
    claim_save(claim=claim, topics=[libya, syria], user=people["editor"])

    newest = claim_timeline(claim)[0]

    assert newest["kind"] == "Claim changed"
    assert newest["who"] == people["editor"]
    assert changes_of(newest) == {
        "text": ("Turkey sent fighters.", "Turkey sent 3,500 fighters."),
        "topics": ("Libya", "Libya, Syria"),
    }
    assert newest["detail"] == "text, topics"


def test_related_rows_are_named_choices_labelled_and_empty_values_none(people):
    moscow, ankara = ActorFactory(name="Moscow"), ActorFactory(name="Ankara")
    statement = StatementFactory(actor=moscow, stance="asserts", note="")
    statement.actor = ankara
    statement.stance = "declines"
    statement.note = "Said on state television."
    statement_save(statement=statement, user=people["editor"])

    (entry,) = entries_of(statement.claim, f"Statement #{statement.pk} changed")

    assert changes_of(entry) == {
        "actor": ("Moscow", "Ankara"),
        "stance": ("asserts", "declines to comment"),
        "note": (None, "Said on state television."),
    }


def test_a_statement_a_response_points_at_is_named_by_its_number(people):
    claim = ClaimFactory()
    first = StatementFactory(claim=claim)
    reply = StatementFactory(claim=claim, stance="denies")
    reply.responds_to = first
    statement_save(statement=reply, user=people["editor"])

    (entry,) = entries_of(claim, f"Statement #{reply.pk} changed")

    assert changes_of(entry) == {"responds_to": (None, f"Statement #{first.pk}")}


def test_a_related_row_deleted_since_is_named_as_deleted(people):
    kremlin = ActorFactory(name="Kremlin")
    statement = StatementFactory(actor=kremlin)
    statement.actor = None
    statement.speaker_label = "An unnamed official"
    statement_save(statement=statement, user=people["editor"])
    kremlin_id = kremlin.pk
    instance_delete(instance=kremlin, user=people["editor"])

    (entry,) = entries_of(statement.claim, f"Statement #{statement.pk} changed")

    assert changes_of(entry)["actor"] == (f"Actor #{kremlin_id} (deleted)", None)


def test_a_withdrawal_and_a_reinstatement_say_so_with_the_reason(people):
    statement = StatementFactory()
    instance_withdraw(instance=statement, user=people["editor"], reason="Misattributed.")
    statement = Statement.objects.get(pk=statement.pk)
    instance_reinstate(instance=statement, user=people["other_editor"])

    kinds = [entry["kind"] for entry in claim_timeline(statement.claim)]
    assert kinds[:2] == [
        f"Statement #{statement.pk} reinstated",
        f"Statement #{statement.pk} withdrawn",
    ]
    withdrawn = entries_of(statement.claim, f"Statement #{statement.pk} withdrawn")[0]
    assert withdrawn["who"] == people["editor"]
    changes = changes_of(withdrawn)
    assert changes["withdrawal_reason"] == (None, "Misattributed.")
    assert changes["withdrawn_by"] == (None, "editor-one")


def test_saves_that_change_nothing_leave_no_entry(people):
    claim = ClaimFactory()
    claim_save(claim=claim, user=people["editor"])
    citation = CitationFactory(statement=StatementFactory(claim=claim))
    citation.quote = citation.quote  # re-located, derived columns only
    citation_save(citation=citation, user=people["editor"])

    kinds = [entry["kind"] for entry in claim_timeline(claim)]
    assert "Claim changed" not in kinds
    assert f"Citation #{citation.pk} changed" not in kinds


def test_review_content_edits_name_who_set_the_rating_and_rewrote_the_explanation(people):
    review = review_in(ReviewState.IN_REVIEW, people)
    citation = CitationFactory(statement=StatementFactory(claim=review.claim))
    review_update(
        review=review,
        user=people["editor"],
        explanation="The Pentagon report says so.",
        evidence=[citation],
    )

    entries = entries_of(review.claim, "Review v1 changed")

    newest, rated = entries
    assert newest["who"] == people["editor"]
    assert newest["review"] == review
    assert changes_of(newest) == {
        "explanation": ("The report says so.", "The Pentagon report says so."),
        "evidence": (None, f"Citation #{citation.pk}"),
    }
    assert rated["who"] == people["checker"]
    assert changes_of(rated) == {
        "rating": (None, true_label().label),
        "explanation": (None, "The report says so."),
    }


def test_workflow_steps_show_as_events_not_as_content_edits(people):
    review = review_in(ReviewState.PUBLISHED, people)

    edits = entries_of(review.claim, "Review v1 changed")

    assert len(edits) == 1  # the rating and explanation; approval and publication are events
    events = [e["kind"] for e in claim_timeline(review.claim) if e["kind"].startswith("Review v1:")]
    assert events == [
        "Review v1: publish",
        "Review v1: approve",
        "Review v1: start",
        "Review v1: submit",
        "Review v1: open",
    ]


def test_an_assignment_names_the_assignee(people):
    review = review_open(claim=ClaimFactory(), user=people["editor"])
    review_assign(review=review, user=people["editor"], assignee=people["other_checker"])

    (entry,) = entries_of(review.claim, "Review v1: assign")

    assert entry["detail"] == "Draft; assigned to checker-two"


def test_starting_an_unassigned_review_names_who_took_it(people):
    review = review_in(ReviewState.SUBMITTED, people)
    review_start(review=review, user=people["checker"])

    (entry,) = entries_of(review.claim, "Review v1: start")
    assert entry["detail"] == "Submitted → In review; assigned to checker"
