"""The review workflow: every transition, who may take it, and the trail it leaves."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import ConcurrentTransition

from claims.choices import ClaimKind
from reviews.choices import Priority, ReviewState
from reviews.models import RatingLabel, RatingScale, Review, ReviewEvent
from reviews.services import (
    ReviewRefused,
    review_approve,
    review_assign,
    review_available_actions,
    review_can_open,
    review_comment,
    review_correct,
    review_editable_fields,
    review_open,
    review_publish,
    review_request_changes,
    review_retract,
    review_start,
    review_transition,
    review_update,
)
from reviews.workflow import TRANSITIONS
from tests.support.factories import ClaimFactory, ReviewFactory, checkable_claim, role_user
from tests.support.reviews import (
    COMMENT,
    EXPECTED_TARGET,
    ILLEGAL,
    LEGAL,
    ROLE_MAY,
    ROLES,
    SOURCE,
    act,
    desk_people,
    review_in,
    true_label,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """One user per role, and a second fact-checker and editor."""
    return desk_people()


def test_the_matrix_covers_every_state_and_action():
    """Each state × action pair is either a legal transition or refused."""
    assert len(LEGAL) + len(ILLEGAL) == len(ReviewState.values) * len(TRANSITIONS)
    assert ("draft", "submit") in LEGAL
    assert ("draft", "approve") in ILLEGAL


@pytest.mark.parametrize(("state", "action"), LEGAL)
def test_a_legal_transition_moves_the_review_and_writes_one_event(people, state, action):
    """An editor may take every legal step; each writes one event with actor, states, comment."""
    review = review_in(state, people)
    events_before = list(review.events.values_list("pk", flat=True))

    result = act(action, review, people["editor"], people)

    review = Review.objects.get(pk=review.pk)
    target = EXPECTED_TARGET.get(action, state)
    assert review.state == target
    new_events = review.events.exclude(pk__in=events_before)
    assert new_events.count() == 1
    event = new_events.get()
    assert (event.actor, event.action, event.from_state, event.to_state, event.comment) == (
        people["editor"],
        action,
        state,
        target,
        COMMENT,
    )
    if action == "assign":
        assert review.assignee == people["other_checker"]
    if action == "correct":
        assert result.previous == review
        assert result.state == ReviewState.IN_REVIEW


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_an_illegal_transition_is_refused_and_changes_nothing(people, state, action):
    """Each action from a state it does not start from is refused with the reason; no event."""
    review = review_in(state, people)
    events_before = list(ReviewEvent.objects.values_list("pk", "action"))

    with pytest.raises(ReviewRefused) as refused:
        act(action, review, people["editor"], people)

    assert refused.value.code == "invalid_transition"
    state_label = ReviewState(state).label.lower()
    assert refused.value.message.startswith(f"A review that is {state_label} cannot be")
    assert Review.objects.get(pk=review.pk).state == state
    assert list(ReviewEvent.objects.values_list("pk", "action")) == events_before


def test_a_stale_view_gets_a_conflict_not_an_invalid_transition(people):
    """Acting on a copy read before someone else moved the review asks to reload it."""
    review = review_in(ReviewState.SUBMITTED, people)
    stale = Review.objects.get(pk=review.pk)
    review_start(review=review, user=people["checker"])

    with pytest.raises(ReviewRefused) as refused:
        review_start(review=stale, user=people["other_checker"])

    assert refused.value.code == "conflict"
    assert refused.value.message == "This review is already in review; reload it."


# Permissions by role


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ROLE_MAY))
def test_each_role_may_take_only_its_own_actions(people, action, role):
    """Each action by each role: allowed ones succeed, the rest raise PermissionDenied.

    A fact-checker acts on a review assigned to them, so only the role decides.
    """
    actor = role_user(role, username=f"acting-{role.lower()}")
    checker = actor if role == "Fact-checker" and action != "start" else None
    review = review_in(SOURCE[action], people, checker=checker)
    if role == "Fact-checker" and action == "start":
        review = review_assign(review=review, user=people["editor"], assignee=actor)
    events_before = ReviewEvent.objects.count()

    if role in ROLE_MAY[action]:
        act(action, review, actor, people)
        assert ReviewEvent.objects.count() > events_before
        assert ReviewEvent.objects.latest("id").actor == actor
    else:
        with pytest.raises(PermissionDenied) as denied:
            act(action, review, actor, people)
        assert str(denied.value).startswith(("You may not ", "Only "))
        assert " reviews" in str(denied.value) or "assign" in str(denied.value)
        assert Review.objects.get(pk=review.pk).state == SOURCE[action]
        assert ReviewEvent.objects.count() == events_before


def test_only_the_assignee_or_an_editor_moves_an_assigned_review(people):
    """Another fact-checker cannot act on a review assigned to someone else; an editor can."""
    review = review_in(ReviewState.IN_REVIEW, people)
    assert review.assignee == people["checker"]

    with pytest.raises(PermissionDenied) as denied:
        review_request_changes(review=review, user=people["other_checker"], comment="No.")
    assert "assigned to checker" in str(denied.value)
    with pytest.raises(PermissionDenied):
        review_update(review=review, user=people["other_checker"], explanation="Mine.")

    review = review_request_changes(review=review, user=people["other_editor"], comment="Fix.")
    assert review.state == ReviewState.CHANGES_REQUESTED
    review = review_start(review=review, user=people["checker"])
    assert review.state == ReviewState.IN_REVIEW


def test_starting_an_unassigned_review_assigns_it_to_the_fact_checker(people):
    """Whoever starts an unassigned review becomes its assignee."""
    review = review_in(ReviewState.SUBMITTED, people)
    assert review.assignee is None

    review = review_start(review=review, user=people["other_checker"])

    assert review.assignee == people["other_checker"]


def test_a_fact_checker_may_take_an_unassigned_review_but_not_hand_out_reviews(people):
    """Self-assignment of an unassigned review only; assigning others is an editor's job."""
    review = review_in(ReviewState.SUBMITTED, people)
    checker, other = people["checker"], people["other_checker"]

    with pytest.raises(PermissionDenied):
        review_assign(review=review, user=checker, assignee=other)
    review = review_assign(review=review, user=checker, assignee=checker, comment="Mine.")
    assert review.assignee == checker
    event = review.events.latest("id")
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "assign",
        ReviewState.SUBMITTED,
        ReviewState.SUBMITTED,
        checker,
    )
    with pytest.raises(PermissionDenied):
        review_assign(review=review, user=other, assignee=other)
    assert Review.objects.get(pk=review.pk).assignee == checker


def test_a_review_is_assigned_to_fact_checkers_only(people):
    """Assigning a contributor, who cannot check, is refused with the reason."""
    review = review_in(ReviewState.SUBMITTED, people)

    with pytest.raises(ReviewRefused) as refused:
        review_assign(review=review, user=people["editor"], assignee=people["contributor"])

    assert refused.value.code == "invalid_assignee"
    assert Review.objects.get(pk=review.pk).assignee is None


def test_request_changes_needs_a_comment(people):
    """Sending a review back without saying what to change is refused."""
    review = review_in(ReviewState.IN_REVIEW, people)

    with pytest.raises(ReviewRefused) as refused:
        review_request_changes(review=review, user=people["checker"], comment="  ")

    assert refused.value.code == "comment_required"
    assert Review.objects.get(pk=review.pk).state == ReviewState.IN_REVIEW


def test_available_actions_follow_state_role_and_assignment(people):
    """The buttons offered: what the state allows and the user may do, never a self-approval."""
    review = review_in(ReviewState.IN_REVIEW, people)

    assert review_available_actions(review, people["checker"]) == ["request_changes"]
    assert review_available_actions(review, people["other_checker"]) == []
    assert review_available_actions(review, people["viewer"]) == []
    assert review_available_actions(review, people["editor"]) == [
        "assign",
        "request_changes",
        "approve",
    ]
    other_label = RatingLabel.objects.get(scale__is_default=True, label="False")
    review = review_update(review=review, user=people["editor"], rating=other_label)
    assert "approve" not in review_available_actions(review, people["editor"])
    assert review_available_actions(review_in("draft", people), people["contributor"]) == ["submit"]


# Opening and editing


def test_a_review_opens_as_a_draft_on_the_default_scale(people):
    """review_open: draft, version 1, the default scale, and an "open" event."""
    review = review_open(
        claim=checkable_claim(), user=people["contributor"], priority=Priority.HIGH
    )

    assert (review.state, review.version, review.priority) == ("draft", 1, Priority.HIGH)
    assert review.scale == RatingScale.objects.get(is_default=True)
    event = review.events.get()
    assert (event.action, event.actor) == ("open", people["contributor"])


def test_a_claim_has_one_review_in_progress(people):
    """A second review of a claim whose review is open is refused."""
    review = review_in(ReviewState.SUBMITTED, people)

    with pytest.raises(ReviewRefused) as refused:
        review_open(claim=review.claim, user=people["editor"])

    assert refused.value.message == "This claim already has a review in progress."
    assert Review.objects.filter(claim=review.claim).count() == 1


def test_a_stated_position_cannot_be_reviewed(people):
    """A position is recorded, not rated: no review can be opened on it."""
    claim = ClaimFactory(kind=ClaimKind.POSITION)

    with pytest.raises(ReviewRefused) as refused:
        review_open(claim=claim, user=people["editor"])

    assert "stated position is not rated" in refused.value.message
    assert not Review.objects.exists()


def test_a_viewer_cannot_open_or_comment_on_a_review(people):
    with pytest.raises(PermissionDenied):
        review_open(claim=checkable_claim(), user=people["viewer"])
    review = review_in(ReviewState.DRAFT, people)
    with pytest.raises(PermissionDenied):
        review_comment(review=review, user=people["viewer"], text="Looks fine.")


def test_a_comment_is_attributed(people):
    review = review_in(ReviewState.IN_REVIEW, people)

    comment = review_comment(review=review, user=people["checker"], text="Quote checked.")

    assert list(review.comments.all()) == [comment]
    assert comment.author == people["checker"]
    assert comment.history.get().history_user == people["checker"]


def test_rating_a_review_makes_the_rater_its_verdict_author(people):
    """The verdict author is whoever set the rating, not whoever edits the text later."""
    review = review_in(ReviewState.IN_REVIEW, people)
    assert review.verdict_author == people["checker"]

    review = review_update(review=review, user=people["editor"], explanation="Reworded.")
    assert review.verdict_author == people["checker"]


def test_a_contributor_cannot_write_the_verdict(people):
    """Rating and explanation need check_review; planning fields do not."""
    review = review_in(ReviewState.DRAFT, people)

    with pytest.raises(PermissionDenied):
        review_update(review=review, user=people["contributor"], rating=true_label())
    review = review_update(
        review=review, user=people["contributor"], origin_unavailable_reason="Never published."
    )
    assert Review.objects.get(pk=review.pk).origin_unavailable_reason == "Never published."


def test_the_state_cannot_be_set_through_an_update(people):
    review = review_in(ReviewState.DRAFT, people)

    with pytest.raises(TypeError):
        review_update(review=review, user=people["editor"], state=ReviewState.PUBLISHED)


def test_an_approved_verdict_is_frozen_but_its_planning_is_not(people):
    """After approval the rating cannot change behind the approver's back; the due date can."""
    review = review_in(ReviewState.APPROVED, people)

    with pytest.raises(ReviewRefused):
        review_update(review=review, user=people["editor"], explanation="Changed.")
    review = review_update(review=review, user=people["editor"], priority=Priority.URGENT)
    assert review.priority == Priority.URGENT


@pytest.mark.parametrize("state", [ReviewState.PUBLISHED, ReviewState.RETRACTED])
def test_a_published_or_retracted_review_cannot_be_edited(people, state):
    review = review_in(state, people)

    with pytest.raises(ReviewRefused):
        review_update(review=review, user=people["editor"], due_on=None)


def test_evidence_must_come_from_the_claim(people):
    """Citations of another claim cannot be a review's evidence."""
    review = review_in(ReviewState.IN_REVIEW, people)
    own = list(review.claim.statements.get().citations.all())
    foreign = checkable_claim().statements.get().citations.first()

    with pytest.raises(ReviewRefused):
        review_update(review=review, user=people["checker"], evidence=[*own, foreign])
    review = review_update(review=review, user=people["checker"], evidence=own)
    assert set(review.evidence.all()) == set(own)


# Correction and retraction


def test_a_correction_is_a_new_version_and_the_old_one_stays_published(people):
    """Correcting opens v2 (content and evidence copied); v1 is public until v2 is published."""
    v1 = review_in(ReviewState.IN_REVIEW, people)
    evidence = list(v1.claim.statements.get().citations.all())
    v1 = review_update(review=v1, user=people["checker"], evidence=evidence)
    v1 = review_approve(review=v1, user=people["editor"])
    v1 = review_publish(review=v1, user=people["editor"])

    v2 = review_correct(review=v1, user=people["editor"], note="The date was wrong.")

    assert (v2.version, v2.previous, v2.state) == (2, v1, ReviewState.IN_REVIEW)
    assert (v2.rating, v2.explanation, v2.scale) == (v1.rating, v1.explanation, v1.scale)
    assert set(v2.evidence.all()) == set(evidence)
    assert v2.correction_note == "The date was wrong."
    assert v2.assignee == people["editor"]
    assert Review.objects.get(pk=v1.pk).state == ReviewState.PUBLISHED
    assert list(Review.objects.published().filter(claim=v1.claim)) == [v1]

    v2 = review_update(review=v2, user=people["editor"], explanation="The report says so, in May.")
    v2 = review_approve(review=v2, user=people["other_editor"])
    assert Review.objects.get(pk=v1.pk).state == ReviewState.PUBLISHED
    v2 = review_publish(review=v2, user=people["other_editor"])

    v1 = Review.objects.get(pk=v1.pk)
    assert (v1.state, v2.state) == (ReviewState.CORRECTED, ReviewState.PUBLISHED)
    assert list(Review.objects.published().filter(claim=v1.claim)) == [v2]
    supersede = v1.events.latest("id")
    assert (supersede.action, supersede.from_state, supersede.to_state) == (
        "supersede",
        ReviewState.PUBLISHED,
        ReviewState.CORRECTED,
    )


def test_a_correction_needs_a_note(people):
    review = review_in(ReviewState.PUBLISHED, people)

    with pytest.raises(ReviewRefused):
        review_correct(review=review, user=people["editor"], note="")
    assert Review.objects.filter(claim=review.claim).count() == 1


def test_a_retraction_needs_a_reason(people):
    """Retracting without a reason is refused; with one, the reason is kept for readers."""
    review = review_in(ReviewState.PUBLISHED, people)

    with pytest.raises(ReviewRefused) as refused:
        review_retract(review=review, user=people["editor"], reason=" ")
    assert refused.value.code == "comment_required"
    assert Review.objects.get(pk=review.pk).state == ReviewState.PUBLISHED

    review = review_retract(review=review, user=people["editor"], reason="Source withdrawn.")
    assert (review.state, review.retraction_reason) == ("retracted", "Source withdrawn.")


def test_a_retracted_claim_can_be_reviewed_again(people):
    """After a retraction a new review opens as the next version."""
    review = review_in(ReviewState.RETRACTED, people)

    again = review_open(claim=review.claim, user=people["contributor"])

    assert (again.version, again.previous) == (2, None)


# The trail


def test_events_are_append_only(people):
    """An event cannot be changed or deleted, one by one or in bulk."""
    review = review_in(ReviewState.SUBMITTED, people)
    event = review.events.latest("id")

    event.comment = "Rewritten."
    with pytest.raises(ReviewEvent.AppendOnly):
        event.save()
    with pytest.raises(ReviewEvent.AppendOnly):
        event.delete()
    with pytest.raises(ReviewEvent.AppendOnly):
        ReviewEvent.objects.filter(pk=event.pk).update(comment="Rewritten.")
    with pytest.raises(ReviewEvent.AppendOnly):
        ReviewEvent.objects.filter(pk=event.pk).delete()
    assert ReviewEvent.objects.get(pk=event.pk).comment == ""


def test_history_rows_are_attributed_to_the_acting_user(people):
    """Each transition's history row names who took it."""
    review = review_in(ReviewState.APPROVED, people)

    rows = list(review.history.order_by("history_id").values_list("state", "history_user"))

    assert (ReviewState.SUBMITTED, people["contributor"].pk) in rows
    assert (ReviewState.IN_REVIEW, people["checker"].pk) in rows
    assert rows[-1] == (ReviewState.APPROVED, people["editor"].pk)


def test_the_state_cannot_be_assigned(people):
    """The state is protected: only a transition changes it."""
    review = review_in(ReviewState.DRAFT, people)

    with pytest.raises(AttributeError):
        review.state = ReviewState.PUBLISHED


def test_saving_an_old_version_cannot_roll_the_state_back(people):
    """A revert that saved a historical copy wholesale would bring back its state; it fails."""
    review = review_in(ReviewState.SUBMITTED, people)
    draft = review.history.filter(state=ReviewState.DRAFT).latest("history_id").instance

    with pytest.raises(ConcurrentTransition), transaction.atomic():
        draft.save()

    assert Review.objects.get(pk=review.pk).state == ReviewState.SUBMITTED


# The queue


def test_the_queue_filters_and_orders_open_reviews(people):
    """mine, unassigned, overdue and by_priority, as the admin and the API queue use them."""
    import datetime

    today = datetime.date(2026, 5, 10)
    checker = people["checker"]
    urgent_late = ReviewFactory(
        priority=Priority.URGENT, due_on=datetime.date(2026, 5, 1), assignee=checker
    )
    normal = ReviewFactory(priority=Priority.NORMAL, due_on=datetime.date(2026, 5, 20))
    low = ReviewFactory(priority=Priority.LOW)
    high_undated = ReviewFactory(priority=Priority.HIGH, assignee=people["other_checker"])
    published = review_in(ReviewState.PUBLISHED, people)

    assert list(Review.objects.mine(checker)) == [urgent_late]
    assert set(Review.objects.unassigned()) == {normal, low}
    assert list(Review.objects.overdue(today)) == [urgent_late]
    assert list(Review.objects.open().by_priority()) == [urgent_late, high_undated, normal, low]
    assert published not in Review.objects.open()


# One table: the model, the services, the admin and the API read the same steps


def test_every_step_of_the_table_has_its_service_and_its_model_transition():
    from reviews import services

    for action, transition in TRANSITIONS.items():
        assert callable(getattr(services, f"review_{action}"))
        if transition.target is None:
            continue
        fsm = getattr(Review, action)._django_fsm
        assert set(fsm.transitions) == set(transition.sources), action
        assert {t.target for t in fsm.transitions.values()} == {transition.target}, action


def test_review_transition_takes_any_step_by_its_name(people):
    review = review_in(ReviewState.IN_REVIEW, people)
    review = review_transition(
        review=review, user=people["checker"], action="request_changes", comment="Add a quote."
    )
    assert review.state == ReviewState.CHANGES_REQUESTED
    with pytest.raises(ReviewRefused) as refused:
        review_transition(review=review, user=people["editor"], action="retract", reason="")
    assert refused.value.field == "reason"
    with pytest.raises(ValueError, match="No workflow step"):
        review_transition(review=review, user=people["editor"], action="delete")


def test_an_assignment_without_an_assignee_is_refused_on_that_field(people):
    review = review_in(ReviewState.SUBMITTED, people)
    with pytest.raises(ReviewRefused) as refused:
        review_transition(review=review, user=people["editor"], action="assign")
    assert (refused.value.field, refused.value.code) == ("assignee", "invalid_assignee")


def test_what_a_user_may_edit_is_what_the_update_service_accepts(people):
    """The admin's read-only fields come from review_editable_fields: each field it offers
    is accepted by review_update, each one it withholds is refused."""
    values = {
        "rating": true_label(),
        "explanation": "Edited.",
        "write_up": "Edited.",
        "evidence": [],
        "origin_unavailable_reason": "Edited.",
        "due_on": None,
        "priority": Priority.HIGH,
        "correction_note": "Edited.",
    }
    for state in (ReviewState.IN_REVIEW, ReviewState.APPROVED, ReviewState.PUBLISHED):
        for role in ("contributor", "checker", "other_checker", "editor", "viewer"):
            review = review_in(state, people)
            user = people[role]
            editable = set(review_editable_fields(review, user))
            for name, value in values.items():
                try:
                    with transaction.atomic():
                        review_update(review=review, user=user, **{name: value})
                        transaction.set_rollback(True)
                except (ReviewRefused, PermissionDenied):
                    accepted = False
                else:
                    accepted = True
                assert accepted == (name in editable), (state, role, name)


def test_a_user_may_open_a_review_exactly_when_the_service_would(people):
    claim = checkable_claim()
    assert review_can_open(claim=claim, user=people["contributor"])
    assert not review_can_open(claim=claim, user=people["viewer"])
    review_open(claim=claim, user=people["contributor"])
    assert not review_can_open(claim=claim, user=people["contributor"])
    position = ClaimFactory(kind=ClaimKind.POSITION)
    assert not review_can_open(claim=position, user=people["editor"])
