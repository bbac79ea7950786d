"""The review workflow through the admin's pages, as the desk's roles use it.

Users are in the role groups the migrations create and log in as staff; every button posts
the change-form action a browser would post, and every save posts the page it was shown.
"""

import datetime

import pytest
from django.contrib import admin as django_admin
from django.contrib.admin.options import ActionLocation
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import claim_save
from reviews.admin import ReviewAdmin
from reviews.choices import Priority, ReviewState
from reviews.models import RatingLabel, Review, ReviewComment, ReviewEvent
from reviews.services import (
    review_approve,
    review_comment,
    review_correct,
    review_open,
    review_publish,
    review_request_changes,
    review_start,
    review_submit,
    review_update,
)
from reviews.workflow import TRANSITIONS
from tests.support.admin import messages_of, page_data, press, review_url, submit
from tests.support.factories import (
    CitationFactory,
    StatementFactory,
    checkable_claim,
    role_user,
)

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("admin:reviews_review_changelist")


@pytest.fixture
def people(db):
    """One staff user per role, and a second fact-checker and editor."""
    return {
        name: role_user(role, username=name, is_staff=True)
        for name, role in [
            ("contributor", "Contributor"),
            ("checker", "Fact-checker"),
            ("other_checker", "Fact-checker"),
            ("editor", "Editor"),
            ("other_editor", "Editor"),
            ("viewer", "Viewer"),
        ]
    }


def true_label() -> RatingLabel:
    return RatingLabel.objects.get(scale__is_default=True, label="True")


def opened(people, **fields) -> Review:
    return review_open(claim=checkable_claim(), user=people["contributor"], **fields)


def rated(people, *, checker=None) -> Review:
    """A review in review, started and rated by ``checker`` (the fact-checker by default)."""
    checker = checker or people["checker"]
    review = review_submit(review=opened(people), user=people["contributor"])
    review = review_start(review=review, user=checker)
    return review_update(
        review=review, user=checker, rating=true_label(), explanation="The report says so."
    )


def buttons(client, review) -> list[str]:
    """The transition buttons the review's page shows to the client's user."""
    response = client.get(review_url(review))
    assert response.status_code == 200
    action_form = response.context["action_form"]
    if action_form is None:
        return []
    return [name for name, _ in action_form.fields["action"].choices]


def login(client, user):
    client.force_login(user)
    return client


def state_of(review) -> str:
    return Review.objects.get(pk=review.pk).state


# The queue


def queue(client, params=None) -> list[Review]:
    response = client.get(QUEUE_URL, params or {})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_the_queue_filters_mine_unassigned_and_overdue(client, people):
    """The list is the queue, as the API's: open reviews, mine, unassigned or overdue among
    them; "All reviews" lists the published ones too."""
    today = timezone.localdate()
    mine = opened(people, assignee=people["checker"], due_on=today + datetime.timedelta(days=3))
    theirs = opened(people, assignee=people["other_checker"])
    unassigned_late = opened(people, due_on=today - datetime.timedelta(days=1))
    published_late = rated(people, checker=people["other_checker"])
    review_update(
        review=published_late,
        user=people["other_checker"],
        due_on=today - datetime.timedelta(days=5),
    )
    published_late = review_approve(review=published_late, user=people["editor"])
    review_publish(review=published_late, user=people["editor"])
    login(client, people["checker"])

    assert queue(client, {"queue": "mine"}) == [mine]
    assert set(queue(client, {"queue": "unassigned"})) == {unassigned_late}
    assert queue(client, {"queue": "overdue"}) == [unassigned_late]
    assert theirs in queue(client)
    assert published_late not in queue(client)
    assert published_late in queue(client, {"queue": "all"})
    assert set(queue(client, {"queue": "open"})) == set(queue(client))


def test_an_overdue_review_is_highlighted_in_the_queue(client, people):
    """The due date of a late open review is marked overdue; a date still ahead is not."""
    today = timezone.localdate()
    opened(people, due_on=today - datetime.timedelta(days=2))
    opened(people, due_on=today + datetime.timedelta(days=2))
    page = login(client, people["viewer"]).get(QUEUE_URL).content.decode()
    assert page.count('class="ct-overdue"') == 1


def test_the_queue_puts_urgent_first_then_the_earliest_due(client, people):
    """Priority orders the queue (urgent first); within a priority, the earliest due first."""
    today = timezone.localdate()
    low = opened(people, priority=Priority.LOW, due_on=today)
    normal_late = opened(people, priority=Priority.NORMAL, due_on=today + datetime.timedelta(9))
    normal_soon = opened(people, priority=Priority.NORMAL, due_on=today + datetime.timedelta(1))
    urgent = opened(people, priority=Priority.URGENT)
    assert queue(login(client, people["viewer"])) == [urgent, normal_soon, normal_late, low]


def test_the_queue_is_searched_by_claim_text(client, people):
    """Searching the queue matches the text of the reviewed claim."""
    wanted = opened(people)
    claim = wanted.claim
    claim.text = "Turkey sent 3,500 Syrian fighters to Libya."
    claim_save(claim=claim, user=people["editor"])
    opened(people)
    assert queue(login(client, people["viewer"]), {"q": "syrian fighters"}) == [wanted]


@pytest.mark.parametrize("params", [{}, {"queue": "overdue"}, {"queue": "mine"}, {"q": "claim"}])
def test_the_queue_runs_as_many_queries_for_20_rows_as_for_2(client, people, count_queries, params):
    """Claim, assignee, rating and due date of each row come with the list, not per row."""
    client = login(client, people["checker"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def add(n):
        for _ in range(n):
            review = rated(people)
            review_update(review=review, user=people["checker"], due_on=yesterday)

    add(2)
    client.get(QUEUE_URL, params)
    with count_queries() as small:
        assert len(queue(client, params)) == 2
    add(18)
    with count_queries() as large:
        assert len(queue(client, params)) == 20
    assert small.count == large.count, large.explain()


@pytest.mark.parametrize("params", [{}, {"queue": "all"}])
def test_the_queue_reads_no_verdict_text_nor_pinned_document(
    client, people, desk_published, params
):
    """The rows show none of them: a pinned document is kilobytes a row."""
    in_review = rated(people)
    client = login(client, people["editor"])
    with CaptureQueriesContext(connection) as queries:
        rows = queue(client, params)
    assert in_review in rows
    assert (desk_published in rows) == (params == {"queue": "all"})
    listed = [q["sql"] for q in queries if q["sql"].startswith('SELECT "reviews_review"."id"')]
    assert listed
    for sql in listed:
        for column in ReviewAdmin.list_deferred:
            assert f'"reviews_review"."{column}"' not in sql, column


@pytest.fixture
def desk_published(desk):
    return desk.publish(checkable_claim(), rating="Mostly true")


# The review page: buttons, the flow, refusals


def test_a_review_goes_from_draft_to_published_through_the_buttons(client, people):
    """Open (add page) → submit → start → rate (save) → approve by another → publish."""
    claim = checkable_claim()
    contributor = login(client, people["contributor"])
    response = contributor.post(
        reverse("admin:reviews_review_add"),
        {
            **page_data(contributor.get(reverse("admin:reviews_review_add"))),
            "claim": str(claim.pk),
            "priority": Priority.HIGH,
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    review = Review.objects.get(claim=claim)
    assert (review.state, review.priority) == (ReviewState.DRAFT, Priority.HIGH)

    assert buttons(contributor, review) == ["submit"]
    press(contributor, review, "submit", "Ready to check.")
    assert state_of(review) == ReviewState.SUBMITTED

    checker = login(client, people["checker"])
    assert "start" in buttons(checker, review)
    press(checker, review, "start")
    review.refresh_from_db()
    assert (review.state, review.assignee) == (ReviewState.IN_REVIEW, people["checker"])

    response = submit(
        checker,
        review_url(review),
        {
            "rating": str(true_label().pk),
            "explanation": "The Pentagon report says so.",
            "evidence": [str(c.pk) for c in claim.statements.get().citations.all()],
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.rating == true_label()
    assert review.verdict_author == people["checker"]
    assert review.evidence.count() == 2
    assert "approve" not in buttons(checker, review)

    editor = login(client, people["editor"])
    assert "approve" in buttons(editor, review)
    response = press(editor, review, "approve", "Second reading done.")
    assert state_of(review) == ReviewState.APPROVED, messages_of(response)
    press(editor, review, "publish")
    review.refresh_from_db()
    assert review.state == ReviewState.PUBLISHED
    assert (review.approver, review.published_by) == (people["editor"], people["editor"])
    assert list(review.events.values_list("action", "actor__username")) == [
        ("open", "contributor"),
        ("submit", "contributor"),
        ("start", "checker"),
        ("approve", "editor"),
        ("publish", "editor"),
    ]
    assert review.events.get(action="approve").comment == "Second reading done."


def test_request_changes_correct_and_retract_take_the_comment(client, people):
    """Requesting changes, correcting and retracting use the comment as their reason."""
    review = rated(people)
    checker = login(client, people["checker"])
    press(checker, review, "request_changes", "Add the snapshot of the second story.")
    assert state_of(review) == ReviewState.CHANGES_REQUESTED
    assert review.events.last().comment == "Add the snapshot of the second story."

    press(checker, review, "start")
    editor = login(client, people["editor"])
    press(editor, review, "approve")
    press(editor, review, "publish")
    response = press(editor, review, "correct", "The date was wrong.")
    correction = Review.objects.get(previous=review)
    assert response.url == review_url(correction)
    assert (correction.version, correction.state) == (2, ReviewState.IN_REVIEW)
    assert correction.correction_note == "The date was wrong."
    assert state_of(review) == ReviewState.PUBLISHED

    press(editor, review, "retract", "The report was withdrawn.")
    review.refresh_from_db()
    assert (review.state, review.retraction_reason) == (
        ReviewState.RETRACTED,
        "The report was withdrawn.",
    )


def test_an_editor_assigns_a_review_from_its_page(client, people):
    """Assign hands the review to the chosen fact-checker and leaves the state as it was."""
    review = review_submit(review=opened(people), user=people["contributor"])
    editor = login(client, people["editor"])
    press(
        editor, review, "assign", "Yours.", **{"CHANGE_FORM-assignee": people["other_checker"].pk}
    )
    review.refresh_from_db()
    assert (review.assignee, review.state) == (people["other_checker"], ReviewState.SUBMITTED)
    assert review.events.last().action == "assign"


def test_assigning_someone_who_is_not_a_fact_checker_is_refused_with_the_reason(client, people):
    """The assign service's reason is shown; the review keeps its assignee."""
    review = review_submit(review=opened(people), user=people["contributor"])
    response = press(
        login(client, people["editor"]),
        review,
        "assign",
        **{"CHANGE_FORM-assignee": people["contributor"].pk},
    )
    assert any("is not a fact-checker" in text for text in messages_of(response))
    assert Review.objects.get(pk=review.pk).assignee is None


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("request_changes", "needs a comment"),
        ("retract", "needs the reason"),
    ],
)
def test_an_action_that_needs_a_comment_is_refused_without_one(client, people, action, message):
    """Without a comment, requesting changes or retracting is refused and nothing moves."""
    review = rated(people)
    if action == "retract":
        review = review_approve(review=review, user=people["editor"])
        review = review_publish(review=review, user=people["editor"])
    before = review.state
    response = press(login(client, people["editor"]), review, action)
    assert response.status_code == 302
    assert any(message in text for text in messages_of(response))
    assert state_of(review) == before


def test_approving_ones_own_verdict_is_refused_with_the_four_eyes_reason(client, people):
    """An editor who rated the claim cannot approve it: the page says why, nothing moves."""
    review = rated(people, checker=people["editor"])
    editor = login(client, people["editor"])
    assert "approve" not in buttons(editor, review)
    response = press(editor, review, "approve")
    assert response.status_code == 302
    (message,) = messages_of(response)
    # Named by the button pressed, never by what success would have said ("Approved").
    assert message.startswith("Approve: Cannot approve"), message
    assert "four-eyes" in message
    assert state_of(review) == ReviewState.IN_REVIEW
    assert not review.events.filter(action="approve").exists()


def test_an_editor_who_rewrote_the_explanation_on_the_page_cannot_approve(client, people):
    """Rewriting the fact-checker's explanation in the review's form makes the editor an
    author: no Approve button, a pressed one is refused, and the page names both authors."""
    review = rated(people)
    editor = login(client, people["editor"])
    response = submit(editor, review_url(review), {"explanation": "The editor's own words."})
    assert response.status_code == 302, response.content
    assert "approve" not in buttons(editor, review)
    response = press(editor, review, "approve")
    assert any("four-eyes" in text for text in messages_of(response))
    assert state_of(review) == ReviewState.IN_REVIEW
    page = editor.get(review_url(review)).content.decode()
    assert '<div class="readonly">checker, editor</div>' in page


def test_the_gate_failures_show_on_the_page_and_refuse_the_approval(client, people):
    """A review without rating or explanation lists both at the top; approving is refused."""
    review = review_submit(review=opened(people), user=people["contributor"])
    review = review_start(review=review, user=people["checker"])
    editor = login(client, people["editor"])
    page = editor.get(review_url(review)).content.decode()
    assert "Blocking approval" in page
    assert "Choose a rating." in page
    assert "Write the explanation of the verdict." in page

    response = press(editor, review, "approve")
    shown = " ".join(messages_of(response))
    assert "Choose a rating." in shown
    assert "Write the explanation" in shown
    assert state_of(review) == ReviewState.IN_REVIEW


def test_a_stale_button_gets_the_conflict_message(client, people):
    """Pressing a button for a state the review has left answers with a message, not a 500."""
    review = rated(people)
    editor = login(client, people["editor"])
    review_approve(review=review, user=people["other_editor"])
    response = press(editor, review, "request_changes", "Too late.")
    assert response.status_code == 302
    assert any("approved" in text for text in messages_of(response))


# Permissions, server-side


def test_a_viewer_reads_the_queue_and_the_review_but_gets_no_buttons(client, people):
    """A Viewer lists and opens reviews read-only, with no transition button."""
    review = rated(people)
    viewer = login(client, people["viewer"])
    assert queue(viewer) == [review]
    response = viewer.get(review_url(review))
    assert response.status_code == 200
    assert response.context["action_form"] is None
    assert not response.context["has_change_permission"]
    assert 'name="CHANGE_FORM-action"' not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "action"),
    [("viewer", "request_changes"), ("viewer", "approve"), ("contributor", "approve")],
)
def test_a_posted_action_the_user_may_not_take_is_refused_with_the_reason(
    client, people, role, action
):
    """A direct POST of an action outside the user's role changes nothing and says why."""
    review = rated(people)
    response = press(login(client, people[role]), review, action, "Forced.")
    assert response.status_code == 302
    assert any("may not" in text for text in messages_of(response)), messages_of(response)
    assert state_of(review) == ReviewState.IN_REVIEW
    assert review.events.count() == 3


def test_a_contributor_can_submit_but_not_approve(client, people):
    """The contributor's draft shows Submit; in review, the contributor sees no Approve."""
    draft = opened(people)
    contributor = login(client, people["contributor"])
    assert buttons(contributor, draft) == ["submit"]
    assert "approve" not in buttons(contributor, rated(people))


def test_a_contributor_cannot_write_the_verdict_from_the_page(client, people):
    """Rating fields are read-only for a contributor; a forced post of a rating is ignored."""
    review = review_submit(review=opened(people), user=people["contributor"])
    contributor = login(client, people["contributor"])
    response = contributor.get(review_url(review))
    assert "rating" not in response.context["adminform"].form.fields
    assert "priority" in response.context["adminform"].form.fields
    data = page_data(response)
    data["rating"] = str(true_label().pk)
    contributor.post(review_url(review), data)
    assert Review.objects.get(pk=review.pk).rating is None


def test_a_published_review_has_no_editable_content(client, people):
    """Once published, the content fields are read-only, even for an editor."""
    review = review_approve(review=rated(people), user=people["editor"])
    review = review_publish(review=review, user=people["editor"])
    response = login(client, people["editor"]).get(review_url(review))
    editable = set(response.context["adminform"].form.fields)
    assert not editable & {"rating", "explanation", "write_up", "evidence", "priority"}


def test_only_the_scales_labels_and_the_claims_citations_are_offered(client, people):
    """The rating lists the review's scale's labels; evidence accepts the claim's citations."""
    review = rated(people)
    other = checkable_claim().statements.get().citations.first()
    response = login(client, people["checker"]).get(review_url(review))
    form = response.context["adminform"].form
    assert set(form.fields["rating"].queryset) == set(review.scale.labels.all())
    assert other not in form.fields["evidence"].queryset
    own = review.claim.statements.get().citations.select_related("source").order_by("pk")
    statement = review.claim.statements.get()
    assert [label for _, label in form.fields["evidence"].choices] == [
        f"{statement.speaker} {statement.get_stance_display()}, in {c.source.title} "
        f"({c.get_role_display()}"
        + (f", {c.source.published_display})" if c.source.published_display else ")")
        for c in own
    ]
    assert 'type="checkbox" name="evidence"' in response.content.decode()
    response = submit(client, review_url(review), {"evidence": [str(other.pk)]})
    assert response.status_code == 200
    assert "evidence" in response.context["adminform"].form.errors


# Timeline, comments, history


def test_the_review_page_shows_its_timeline_and_takes_a_comment(client, people):
    """Each event shows who moved the review and between which states; a comment is added."""
    review = rated(people)
    review_request_changes(review=review, user=people["checker"], comment="Need a snapshot.")
    checker = login(client, people["checker"])
    page = checker.get(review_url(review)).content.decode()
    assert 'class="ct-timeline"' in page
    assert "In review → Changes requested" in page
    assert "Need a snapshot." in page

    data = page_data(checker.get(review_url(review)))
    data["comments-0-text"] = "Snapshot added to the second story."
    response = checker.post(review_url(review), data)
    assert response.status_code == 302
    comment = ReviewComment.objects.get(review=review)
    assert (comment.author, comment.text) == (
        people["checker"],
        "Snapshot added to the second story.",
    )


def test_the_claims_page_lists_its_reviews_and_links_to_start_one(client, people):
    """The claim page shows each review; "Start a review" appears only when one may start."""
    review = rated(people)
    other_claim = checkable_claim()
    editor = login(client, people["editor"])
    page = editor.get(reverse("admin:claims_claim_change", args=[review.claim_id])).content
    assert review_url(review) in page.decode()
    assert "Start a review" not in page.decode()
    page = editor.get(reverse("admin:claims_claim_change", args=[other_claim.pk])).content
    assert f"?claim={other_claim.pk}" in page.decode()


def test_the_claims_whole_history_merges_record_edits_and_review_events(client, people):
    """One page lists claim, statement and citation edits and review events, newest first."""
    review = rated(people)
    claim = review.claim
    claim.text = "Turkey sent more than 3,500 fighters."
    claim_save(claim=claim, user=people["editor"])
    response = login(client, people["editor"]).get(
        reverse("admin:claims_claim_timeline", args=[claim.pk])
    )
    assert response.status_code == 200
    entries = response.context["entries"]
    kinds = [entry["kind"] for entry in entries]
    assert kinds[0] == "Claim changed"
    assert "text" in entries[0]["detail"]
    assert entries[0]["who"] == people["editor"]
    assert "Review v1: start" in kinds
    assert "Review v1 changed" in kinds
    assert any(kind.startswith("Statement #") for kind in kinds)
    assert any(kind.startswith("Citation #") for kind in kinds)
    dates = [entry["at"] for entry in entries]
    assert dates == sorted(dates, reverse=True)
    page = response.content.decode()
    # What changed, with the values before and after; breadcrumbs as on every admin page.
    assert "<ins>Turkey sent more than 3,500 fighters.</ins>" in page
    assert '<ol class="breadcrumbs">' in page
    assert "core/admin.css" in page


def test_a_revert_restores_content_but_never_the_workflow_state(client, people):
    """Reverting to a past version brings its explanation back; state and author stay."""
    review = rated(people)
    past = review.history.filter(explanation="The report says so.").latest()
    review_update(review=review, user=people["checker"], explanation="A later wording.")
    review_request_changes(review=review, user=people["checker"], comment="Needs work.")
    checker = login(client, people["checker"])
    url = reverse("admin:reviews_review_simple_history", args=[review.pk, past.history_id])
    response = checker.post(url, page_data(checker.get(url)))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.explanation == "The report says so."
    assert review.state == ReviewState.CHANGES_REQUESTED
    assert (review.version, review.verdict_author) == (1, people["checker"])
    assert ReviewEvent.objects.filter(review=review).count() == 4


def test_a_revert_of_a_published_review_is_refused(client, people):
    """A published verdict cannot be reverted: the service's refusal is shown, nothing moves."""
    review = rated(people)
    past = review.history.filter(explanation="The report says so.").latest()
    review_update(review=review, user=people["checker"], explanation="Final wording.")
    review = review_approve(review=review, user=people["editor"])
    review_publish(review=review, user=people["editor"])
    editor = login(client, people["editor"])
    url = reverse("admin:reviews_review_simple_history", args=[review.pk, past.history_id])
    response = editor.post(url, page_data(editor.get(url)))
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.explanation, review.state) == ("Final wording.", ReviewState.PUBLISHED)


def test_the_review_page_runs_as_many_queries_with_many_events_and_comments(
    client, people, count_queries
):
    """Timeline rows, comments, evidence and gates load in fixed queries, not one per row."""
    review = rated(people)
    citations = list(review.claim.statements.get().citations.all())
    review_update(review=review, user=people["checker"], evidence=citations[:1])
    checker = login(client, people["checker"])
    url = review_url(review)
    checker.get(url)
    with count_queries() as small:
        assert checker.get(url).status_code == 200
    review_update(review=review, user=people["checker"], evidence=citations)
    for n in range(5):
        review_request_changes(review=review, user=people["checker"], comment=f"Round {n}.")
        review_start(review=review, user=people["checker"])
        review_comment(review=review, user=people["checker"], text=f"Note {n}.")
    with count_queries() as large:
        response = checker.get(url)
    assert response.content.decode().count("Round ") == 5
    assert len(response.context["inline_admin_formsets"][0].formset.initial_forms) == 5
    assert small.count == large.count, large.explain()


def published_correction(people, *, extra_evidence: int) -> Review:
    """Version 2 of a claim's review, published, resting on its claim's story and on
    ``extra_evidence`` more citations, each from a source of its own."""
    review = rated(people)
    statement = review.claim.statements.get()
    evidence = [
        *statement.citations.all(),
        *CitationFactory.create_batch(extra_evidence, statement=statement),
    ]
    review = review_update(review=review, user=people["checker"], evidence=evidence)
    review = review_publish(
        review=review_approve(review=review, user=people["editor"]), user=people["editor"]
    )
    correction = review_correct(review=review, user=people["editor"], note="A date was wrong.")
    correction = review_approve(review=correction, user=people["other_editor"])
    return review_publish(review=correction, user=people["other_editor"])


def test_a_published_versions_page_reads_its_evidence_rating_and_previous_version_at_once(
    client, people, count_queries
):
    """Read only, the evidence, the rating (named with its scale) and the previous version
    (named with its claim) are labelled from rows read once, not a query per citation."""
    small, large = (published_correction(people, extra_evidence=n) for n in (0, 3))
    viewer = login(client, people["viewer"])
    viewer.get(review_url(small))
    with count_queries() as few:
        assert viewer.get(review_url(small)).status_code == 200
    with count_queries() as many:
        response = viewer.get(review_url(large))
    assert few.count == many.count, many.explain()
    page = response.content.decode()
    for citation in large.evidence.select_related("source"):
        assert escape(str(citation)) in page
    assert escape(str(large.rating)) in page
    assert escape(str(large.previous)) in page


def test_the_reviewers_are_read_only_for_a_page_that_assigns(client, people):
    """The "Assign to" list is read when a button takes it, and not otherwise."""

    def reviewer_queries(review) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(review_url(review))
        assert response.status_code == 200
        return [q["sql"] for q in queries if q["sql"].startswith('SELECT DISTINCT "auth_user"')]

    login(client, people["editor"])
    assert reviewer_queries(opened(people))  # assign is a button of a draft
    published = review_publish(
        review=review_approve(review=rated(people), user=people["editor"]),
        user=people["editor"],
    )
    assert "assign" not in buttons(client, published)
    assert reviewer_queries(published) == []


def test_the_evidence_offered_lists_every_statements_citations_in_order(client, people):
    """Evidence choices come from the claim the page has read, in statement then citation
    order, withdrawn citations included as the form accepts them."""
    review = rated(people)
    second = StatementFactory(claim=review.claim)
    later = CitationFactory.create_batch(2, statement=second)
    withdrawn = CitationFactory(
        statement=second, withdrawn_at=timezone.now(), withdrawal_reason="Misattributed."
    )
    response = login(client, people["checker"]).get(review_url(review))
    field = response.context["adminform"].form.fields["evidence"]
    expected = list(field.queryset)
    assert [pk for pk, _ in field.choices] == [citation.pk for citation in expected]
    assert {withdrawn.pk, *(c.pk for c in later)} <= {pk for pk, _ in field.choices}


def test_a_review_that_passes_every_gate_says_so_on_its_page(client, people):
    """The gates read the claim's current record beside the page's own reading of it."""
    page = login(client, people["editor"]).get(review_url(rated(people))).content.decode()
    assert "Every gate passes; a second person can approve." in page


# The admin and the API read the same workflow and queue


def test_the_admin_offers_one_button_per_step_of_the_workflow_table():
    review_admin = django_admin.site._registry[Review]
    buttons = review_admin._get_base_actions(ActionLocation.CHANGE_FORM)
    actions = {action.name: action.description for action in buttons}
    assert {name: actions[name] for name in TRANSITIONS} == {
        name: transition.label for name, transition in TRANSITIONS.items()
    }


@pytest.mark.parametrize("queue_filter", [None, "mine", "unassigned", "overdue"])
def test_the_admin_queue_is_the_api_queue(client, people, queue_filter):
    """Same reviews, same order: open ones by default, mine/unassigned/overdue among them."""
    today = timezone.localdate()
    opened(people, priority=Priority.LOW, due_on=today - datetime.timedelta(days=3))
    opened(people, priority=Priority.URGENT)
    opened(people, priority=Priority.URGENT, due_on=today + datetime.timedelta(days=1))
    mine = review_start(
        review=review_submit(review=opened(people), user=people["contributor"]),
        user=people["checker"],
    )
    late = rated(people, checker=people["other_checker"])
    review_update(
        review=late, user=people["other_checker"], due_on=today - datetime.timedelta(days=1)
    )
    published = rated(people)
    published = review_approve(review=published, user=people["editor"])
    review_publish(review=published, user=people["editor"])

    params = {"queue": queue_filter} if queue_filter else {}
    in_admin = [review.pk for review in queue(login(client, people["checker"]), params)]
    api = APIClient()
    api.force_authenticate(people["checker"])
    api_params = {queue_filter: "true"} if queue_filter else {}
    in_api = [row["id"] for row in api.get("/api/v1/reviews/queue/", api_params).json()["results"]]
    assert in_admin == in_api
    assert published.pk not in in_admin
    if queue_filter == "mine":
        assert in_admin == [mine.pk]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/claims/review/", "/admin/reviews/review/"),
        ("/admin/claims/review/7/change/", "/admin/reviews/review/7/change/"),
        ("/admin/claims/ratingscale/add/", "/admin/reviews/ratingscale/add/"),
    ],
)
def test_the_admin_pages_of_version_0_1_lead_to_their_new_address(client, old, new):
    response = client.get(old, {"q": "fighters"})
    assert response.status_code == 301
    assert response["Location"] == f"{new}?q=fighters"
    posted = client.post(old, {"comment": "x"})
    assert posted.status_code == 308
    assert posted["Location"] == new


def test_the_approver_reads_the_quotes_and_chains_on_the_review_page(client, people):
    """What the verdict rests on is on the page that approves it: each statement with its
    quotes and chains in words, as on the claim's page."""
    review = rated(people)
    statement = review.claim.statements.get()
    response = login(client, people["checker"]).get(review_url(review))
    page = response.content.decode()
    panel = page[page.index("Statements, quotes and chains") :]
    assert statement.speaker in panel
    quotes = [citation.quote for citation in statement.citations.all() if citation.quote]
    assert quotes
    for quote in quotes:
        assert escape(quote) in panel
    claim = Claim.objects.for_detail().get(pk=review.claim_id)
    assert str(django_admin.site.get_model_admin(Claim).chains(claim)) in panel
