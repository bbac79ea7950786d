"""The match queue: candidate duplicate pairs found in the background, confirmed or dismissed."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from claims.choices import RelationKind
from claims.matching.store import claim_index
from claims.models import ClaimRelation
from reviews.choices import MatchStatus
from reviews.match_queue import alike, confirm_match, dismiss_match, find_match_candidates
from reviews.models import MatchCandidate
from reviews.tasks import find_match_candidates_task
from tests.support.admin import messages_of
from tests.support.api import client_with_permissions
from tests.support.api import count_queries as api_count_queries
from tests.support.factories import (
    ClaimFactory,
    ClaimRelationFactory,
    MatchCandidateFactory,
    UserFactory,
    role_user,
)

ORIGINAL = (
    "The Eiffel Tower will be dismantled and moved to Las Vegas in 2027, the mayor of Paris said."
)
REWORDED = (
    "The mayor of Paris announced the Eiffel Tower will be dismantled and moved to Las Vegas "
    "in 2027."
)
UNRELATED = (
    "Drinking hot water with lemon cures diabetes within three weeks, doctors in Kenya report."
)
OTHERS = [
    "Bananas imported from Ecuador carry a virus that melts the skin.",
    "The moon landing footage was filmed in a studio in Nevada.",
    "Wind turbines cause cancer in people living within two miles.",
    "A new law in Texas bans ice cream on Sundays.",
]


@pytest.fixture(autouse=True)
def fresh_index():
    """The process's index outlives each test's rollback: start every test from nothing."""
    claim_index.reset()
    yield
    claim_index.reset()


@pytest.fixture
def pair(db):
    original = ClaimFactory(text=ORIGINAL)
    reworded = ClaimFactory(text=REWORDED)
    unrelated = ClaimFactory(text=UNRELATED)
    for text in OTHERS:
        ClaimFactory(text=text)
    return original, reworded, unrelated


def queued_pairs():
    return set(MatchCandidate.objects.values_list("first_claim_id", "second_claim_id"))


# Finding


def test_a_near_duplicate_pair_is_found_and_an_unrelated_claim_is_not(pair):
    original, reworded, _unrelated = pair
    result = find_match_candidates(threshold=0.5)
    assert queued_pairs() == {(original.pk, reworded.pk)}
    candidate = MatchCandidate.objects.get()
    assert candidate.status == MatchStatus.OPEN
    assert 0.5 <= candidate.score <= 1
    assert "eiffel" in candidate.signals["shared_terms"]
    assert result.claims == 7
    assert result.recorded == 1
    assert candidate.history.get().history_change_reason == "found by matching"


def test_claims_worded_the_same_are_queued_whatever_their_score(pair):
    short = ClaimFactory(text="Zeldelova is ready to host peace talks.")
    copy = ClaimFactory(text="ZELDELOVA is ready to host peace talks!")
    ClaimFactory(text="Zeldelova is ready to host 3 peace talks.")
    find_match_candidates(threshold=1.0)
    candidate = MatchCandidate.objects.get()
    assert (candidate.first_claim, candidate.second_claim) == (short, copy)
    assert candidate.signals["same_wording"] is True


@pytest.mark.django_db(transaction=True)  # the processes read what the test committed
def test_processes_share_a_run_out_and_find_what_one_process_finds():
    user = UserFactory()
    pairs = []
    for number in range(4):  # a near-duplicate pair in each quarter of the ids
        place = ["Las Vegas", "Macau", "Dubai", "Monaco"][number]
        pairs.append(ClaimFactory(text=ORIGINAL.replace("Las Vegas", place)))
        pairs.append(ClaimFactory(text=REWORDED.replace("Las Vegas", place)))
        ClaimFactory(text=OTHERS[number])
    expected = {(a.pk, b.pk) for a, b in zip(pairs[::2], pairs[1::2], strict=True)}
    reported = []

    result = find_match_candidates(
        threshold=0.5, processes=2, chunk=2, user=user, progress=lambda *p: reported.append(p)
    )

    assert queued_pairs() >= expected  # the same as in one process, below
    assert result.claims == 12
    assert result.recorded == len(queued_pairs())
    assert reported[-1] == (12, 12)
    found = {
        pair: candidate.history.get().history_user_id
        for candidate in MatchCandidate.objects.all()
        for pair in [(candidate.first_claim_id, candidate.second_claim_id)]
    }
    assert set(found.values()) == {user.pk}
    in_processes = queued_pairs()
    MatchCandidate.objects.all().delete()
    claim_index.reset()
    find_match_candidates(threshold=0.5)
    assert queued_pairs() == in_processes


@pytest.mark.django_db(transaction=True)
def test_processes_match_only_the_claims_between_the_bounds():
    claims = [ClaimFactory(text=text) for text in [ORIGINAL, REWORDED, UNRELATED, *OTHERS]]
    bounds = {"first_id": claims[1].pk, "last_id": claims[4].pk}
    result = find_match_candidates(threshold=0.5, processes=2, chunk=1, **bounds)
    assert result.claims == 4
    assert find_match_candidates(processes=3, first_id=claims[-1].pk + 1).claims == 0


@pytest.mark.django_db(transaction=True)
def test_a_failing_process_fails_the_run(monkeypatch):
    for text in OTHERS:
        ClaimFactory(text=text)

    def broken(*args, **kwargs):
        raise ValueError("the matcher broke")

    monkeypatch.setattr("reviews.match_queue.match_claims_of", broken)
    # Raised in a process of its own (an in-memory database is matched in this one).
    with pytest.raises((RuntimeError, ValueError), match="the matcher broke"):
        find_match_candidates(processes=2)


def test_a_claim_is_never_paired_with_itself(pair):
    find_match_candidates(threshold=0.0)
    assert not MatchCandidate.objects.filter(first_claim_id=models_f_second()).exists()
    assert all(first < second for first, second in queued_pairs())


def models_f_second():
    from django.db.models import F

    return F("second_claim_id")


def test_claims_already_related_as_duplicates_are_skipped_either_way_round(pair):
    original, reworded, _ = pair
    ClaimRelationFactory(from_claim=original, to_claim=reworded, kind=RelationKind.DUPLICATE_OF)
    result = find_match_candidates(threshold=0.5)
    assert queued_pairs() == set()
    assert result.related == 1


def test_a_dismissed_pair_is_never_suggested_again(pair):
    user = UserFactory()
    find_match_candidates(threshold=0.5)
    dismiss_match(candidate=MatchCandidate.objects.get(), user=user)
    again = find_match_candidates(threshold=0.5)
    assert again.recorded == 0
    assert again.known == 1
    assert MatchCandidate.objects.get().status == MatchStatus.DISMISSED


def test_withdrawn_claims_are_not_matched(pair):
    from core.services import instance_withdraw

    _original, reworded, _ = pair
    instance_withdraw(instance=reworded, reason="A copy.")
    find_match_candidates(threshold=0.5)
    assert queued_pairs() == set()


def test_progress_is_reported_per_chunk(pair):
    seen = []
    find_match_candidates(threshold=0.5, chunk=3, progress=lambda done, total: seen.append(done))
    assert seen == [3, 6, 7]


def test_a_run_keeps_no_query_log_with_debug_on(pair, settings):
    settings.DEBUG = True
    find_match_candidates(threshold=0.5, chunk=3)
    # Without the reset, three chunks' reads, matches and inserts (17 queries).
    assert len(connection.queries) <= 2  # the read that found no more claims


def test_runs_over_id_ranges_share_the_work(pair):
    original, reworded, _ = pair
    first = find_match_candidates(threshold=0.5, last_id=original.pk)
    second = find_match_candidates(threshold=0.5, first_id=original.pk + 1)
    assert first.claims + second.claims == 7
    assert first.recorded == 1  # the original, matched against every claim, finds its copy
    assert second.known == 1  # and the copy finds it queued
    assert queued_pairs() == {(original.pk, reworded.pk)}


def test_a_threshold_outside_0_to_1_is_refused(db):
    with pytest.raises(ValidationError):
        find_match_candidates(threshold=1.5)


# Deciding


def test_confirming_records_the_newer_claim_as_a_duplicate_of_the_older_with_history(db):
    checker = UserFactory()
    candidate = MatchCandidateFactory()
    decided = confirm_match(candidate=candidate, user=checker, reason="Same wording.")
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim_id, relation.to_claim_id) == (
        candidate.second_claim_id,
        candidate.first_claim_id,
    )
    assert relation.kind == RelationKind.DUPLICATE_OF
    assert relation.history.get().history_user == checker
    assert decided.status == MatchStatus.CONFIRMED
    assert decided.decided_by == checker
    assert decided.decided_at is not None
    assert decided.relation == relation
    latest = decided.history.latest()
    assert latest.history_user == checker
    assert latest.history_change_reason == "Same wording."
    assert latest.status == MatchStatus.CONFIRMED


def test_dismissing_records_who_and_when_and_no_relation(db):
    checker = UserFactory()
    decided = dismiss_match(candidate=MatchCandidateFactory(), user=checker)
    assert decided.status == MatchStatus.DISMISSED
    assert decided.decided_by == checker
    assert decided.decided_at is not None
    assert not ClaimRelation.objects.exists()
    assert decided.history.latest().history_user == checker


@pytest.mark.parametrize("first", [confirm_match, dismiss_match])
@pytest.mark.parametrize("second", [confirm_match, dismiss_match])
def test_deciding_a_decided_pair_is_refused(db, first, second):
    candidate = MatchCandidateFactory()
    first(candidate=candidate, user=UserFactory())
    with pytest.raises(ValidationError, match="already"):
        second(candidate=candidate, user=UserFactory())
    assert ClaimRelation.objects.count() == (1 if first is confirm_match else 0)


def test_a_refused_relation_leaves_the_pair_open(db):
    candidate = MatchCandidateFactory()
    ClaimRelationFactory(
        from_claim=candidate.first_claim,
        to_claim=candidate.second_claim,
        kind=RelationKind.DUPLICATE_OF,
    )
    with pytest.raises(ValidationError):
        confirm_match(candidate=candidate, user=UserFactory())
    candidate.refresh_from_db()
    assert candidate.status == MatchStatus.OPEN


def test_deleting_a_claim_deletes_its_candidates(db):
    candidate = MatchCandidateFactory()
    candidate.second_claim.delete()
    assert not MatchCandidate.objects.exists()


# The task and the command


def test_the_task_runs_when_enqueued_under_the_immediate_backend(pair):
    result = find_match_candidates_task.enqueue(threshold=0.5)
    assert result.is_finished
    assert result.return_value["recorded"] == 1
    assert len(queued_pairs()) == 1


def test_the_command_shows_progress_and_counts(pair):
    out, err = io.StringIO(), io.StringIO()
    call_command("find_match_candidates", "--threshold", "0.5", stdout=out, stderr=err)
    assert "7/7 claims" in err.getvalue()
    assert "1 new in the queue" in out.getvalue()


def test_the_command_enqueues_the_task(pair):
    out = io.StringIO()
    call_command("find_match_candidates", "--enqueue", "--threshold", "0.5", stdout=out)
    assert "Enqueued task" in out.getvalue()
    assert len(queued_pairs()) == 1  # the immediate backend ran it


@pytest.mark.django_db(transaction=True)  # the processes read what the test committed
def test_the_command_shares_a_run_out_between_processes():
    original, reworded = ClaimFactory(text=ORIGINAL), ClaimFactory(text=REWORDED)
    for text in OTHERS:
        ClaimFactory(text=text)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "find_match_candidates", "--processes", "2", "--threshold", "0.5", stdout=out, stderr=err
    )
    assert "6/6 claims" in err.getvalue()
    assert "6 claims matched" in out.getvalue()
    assert queued_pairs() == {(original.pk, reworded.pk)}


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--processes", "0"], "--processes must be at least 1."),
        (["--processes", "2", "--enqueue"], "--processes shares out a run here"),
    ],
)
def test_the_command_refuses_processes_it_cannot_run(db, arguments, error):
    with pytest.raises(CommandError, match=error):
        call_command("find_match_candidates", *arguments)
    assert not MatchCandidate.objects.exists()


# Roles


def test_fact_checkers_and_editors_decide_and_viewers_only_read(db):
    def perms(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__model="matchcandidate")
            .values_list("codename", flat=True)
        )

    assert perms("Viewer") == {"view_matchcandidate"}
    assert perms("Fact-checker") == {"view_matchcandidate", "change_matchcandidate"}
    assert perms("Editor") == {
        "view_matchcandidate",
        "change_matchcandidate",
        "find_matchcandidates",
    }


# The API


def url(candidate=None, action=None):
    if candidate is None:
        return "/api/v1/match-candidates/"
    return f"/api/v1/match-candidates/{candidate.pk}/" + (f"{action}/" if action else "")


def test_the_api_lists_open_pairs_best_first_filtered_by_status_and_claim(db):
    low = MatchCandidateFactory(score=0.91)
    high = MatchCandidateFactory(score=0.99)
    dismiss_match(candidate=MatchCandidateFactory(score=0.95), user=UserFactory())
    client = client_with_permissions("reviews.view_matchcandidate")
    body = client.get(url(), {"status": "open"}).json()
    assert [row["id"] for row in body["results"]] == [high.pk, low.pk]
    assert body["results"][0]["first_claim"]["id"] == high.first_claim_id
    only = client.get(url(), {"claim": low.second_claim_id}).json()
    assert [row["id"] for row in only["results"]] == [low.pk]


def test_confirm_through_the_api_answers_the_decided_pair(db):
    candidate = MatchCandidateFactory()
    client = client_with_permissions("reviews.view_matchcandidate", "reviews.change_matchcandidate")
    response = client.post(url(candidate, "confirm"), {"reason": "Same."}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["decided_by"]["id"] == client.user.pk
    assert body["relation"] == ClaimRelation.objects.get().pk
    again = client.post(url(candidate, "dismiss"), {}, format="json")
    assert again.status_code == 400, again.content
    assert again.json()["errors"]


def test_dismiss_through_the_api(db):
    candidate = MatchCandidateFactory()
    client = client_with_permissions("reviews.view_matchcandidate", "reviews.change_matchcandidate")
    response = client.post(url(candidate, "dismiss"), format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dismissed"


def test_a_reader_without_the_permission_to_decide_gets_403(db):
    candidate = MatchCandidateFactory()
    reader = client_with_permissions("reviews.view_matchcandidate")
    assert reader.get(url(candidate)).status_code == 200
    assert reader.post(url(candidate, "confirm"), {}, format="json").status_code == 403
    assert client_with_permissions().get(url()).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == MatchStatus.OPEN


def test_an_unknown_pair_is_404_and_a_bad_body_400(db):
    candidate = MatchCandidateFactory()
    client = client_with_permissions("reviews.view_matchcandidate", "reviews.change_matchcandidate")
    assert (
        client.post("/api/v1/match-candidates/999999/confirm/", {}, format="json").status_code
        == 404
    )
    bad = client.post(url(candidate, "confirm"), {"reason": 3, "other": 1}, format="json")
    assert bad.status_code == 400, bad.content
    assert client.post(url(), {}, format="json").status_code == 405


def test_the_api_list_runs_the_same_queries_for_2_and_20_pairs(db):
    client = client_with_permissions("reviews.view_matchcandidate")
    for _ in range(2):
        dismiss_match(candidate=MatchCandidateFactory(), user=UserFactory())
    small, _ = api_count_queries(lambda: client.get(url(), {"page_size": 50}))
    for _ in range(18):
        dismiss_match(candidate=MatchCandidateFactory(), user=UserFactory())
    large, sql = api_count_queries(lambda: client.get(url(), {"page_size": 50}))
    assert large == small, sql


# The admin


@pytest.fixture
def editor_client(client, db):
    editor = role_user("Editor", username="queue-editor", is_staff=True)
    client.force_login(editor)
    client.user = editor
    return client


def test_the_admin_lists_open_pairs_first_with_a_fixed_number_of_queries(
    editor_client, count_queries
):
    changelist = reverse("admin:reviews_matchcandidate_changelist")
    decided = MatchCandidateFactory(score=0.99)
    dismiss_match(candidate=decided, user=UserFactory())
    best_open = MatchCandidateFactory(score=0.93)
    editor_client.get(changelist)
    with count_queries() as small:
        page = editor_client.get(changelist)
    assert page.status_code == 200
    rows = list(page.context["cl"].result_list)
    assert rows[0] == best_open
    assert rows[-1] == decided
    for _ in range(15):
        MatchCandidateFactory()
    with count_queries() as large:
        editor_client.get(changelist)
    assert large.count == small.count, large.explain()
    assert "Look for candidates now" in page.content.decode()


def test_the_admin_confirms_and_dismisses_with_actions(editor_client):
    changelist = reverse("admin:reviews_matchcandidate_changelist")
    one, two = MatchCandidateFactory(), MatchCandidateFactory()
    response = editor_client.post(
        changelist, {"action": "confirm", "_selected_action": [one.pk]}, follow=True
    )
    assert any("Confirmed 1" in text for text in messages_of(response))
    response = editor_client.post(
        changelist, {"action": "dismiss", "_selected_action": [one.pk, two.pk]}, follow=True
    )
    texts = messages_of(response)
    assert any("Dismissed 1" in text for text in texts)
    assert any("already confirmed" in text for text in texts)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (MatchStatus.CONFIRMED, MatchStatus.DISMISSED)
    assert one.decided_by == editor_client.user


def test_the_admin_page_of_a_pair_decides_with_a_reason(editor_client):
    candidate = MatchCandidateFactory()
    change = reverse("admin:reviews_matchcandidate_change", args=[candidate.pk])
    assert editor_client.get(change).status_code == 200
    response = editor_client.post(
        change,
        {
            "CHANGE_FORM-action": "dismiss_one",
            "CHANGE_FORM-reason": "Different years.",
            "_selected_action": str(candidate.pk),
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == MatchStatus.DISMISSED
    assert candidate.history.latest().history_change_reason == "Different years."


def test_look_for_candidates_now_needs_its_permission_and_runs_the_task(pair, client):
    find = reverse("admin:reviews_matchcandidate_find")
    checker = role_user("Fact-checker", username="queue-checker", is_staff=True)
    client.force_login(checker)
    assert client.post(find).status_code == 403
    editor = role_user("Editor", username="queue-editor", is_staff=True)
    client.force_login(editor)
    response = client.post(find)
    assert response.status_code == 302
    recorded = MatchCandidate.objects.count()
    assert messages_of(response) == [f"Matched 7 claims: {recorded} new candidate pairs."]


# What counts as alike between two claims


ALIKE = {"stages": {"embedding": 0.93}}


def test_claims_alike_by_score_and_embeddings_are_queued():
    text, other = "Restroom hand dryers spread disease.", "Restroom hand blowers spread disease."
    assert alike(text, other, 0.96, ALIKE, threshold=0.9)
    assert not alike(text, other, 0.89, ALIKE, threshold=0.9)
    assert not alike(text, other, 0.96, {"stages": {"embedding": 0.8}}, threshold=0.9)


def test_the_same_claim_of_another_year_or_amount_is_not_queued():
    tax = "Amazon paid zero dollars in federal income tax in {}."
    assert not alike(tax.format(2017), tax.format(2018), 0.95, ALIKE, threshold=0.9)
    fighters = "Turkey sent {} Syrian fighters to Libya in 2020."
    assert not alike(
        fighters.format("3,500"), fighters.format("35,000"), 0.95, ALIKE, threshold=0.9
    )
    # One states a year the other does not: still alike.
    assert alike(
        fighters.format("3,500"),
        "Turkey sent 3500 Syrian fighters to Libya.",
        0.95,
        ALIKE,
        threshold=0.9,
    )
