"""Two editors approving the same review at once: exactly one wins, the other is told."""

import threading

import pytest
from django.db import connection

from reviews.choices import ReviewState
from reviews.models import RatingLabel, Review
from reviews.services import (
    ReviewRefused,
    review_approve,
    review_open,
    review_start,
    review_submit,
    review_update,
)
from tests.support.factories import checkable_claim, role_user

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migration_data")
def test_two_simultaneous_approvals_one_wins_the_other_gets_a_conflict():
    """Both editors read the review in review; the row lock lets one approve, the other reload."""
    contributor = role_user("Contributor", username="contributor")
    checker = role_user("Fact-checker", username="checker")
    editors = [role_user("Editor", username=f"editor-{n}") for n in (1, 2)]
    review = review_open(claim=checkable_claim(), user=contributor)
    review = review_submit(review=review, user=contributor)
    review = review_start(review=review, user=checker)
    review = review_update(
        review=review,
        user=checker,
        rating=RatingLabel.objects.get(scale__is_default=True, label="True"),
        explanation="The report says so.",
    )
    copies = [Review.objects.get(pk=review.pk) for _ in editors]
    barrier = threading.Barrier(len(editors))
    outcomes = {}

    def approve(editor, copy):
        try:
            barrier.wait(timeout=10)
            review_approve(review=copy, user=editor)
            outcomes[editor.username] = "approved"
        except ReviewRefused as refused:
            outcomes[editor.username] = refused
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(editor, copy))
        for editor, copy in zip(editors, copies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2
    winners = [name for name, outcome in outcomes.items() if outcome == "approved"]
    losers = [outcome for outcome in outcomes.values() if outcome != "approved"]
    assert len(winners) == 1
    assert len(losers) == 1
    assert isinstance(losers[0], ReviewRefused)
    assert losers[0].code == "conflict"
    assert losers[0].message == "This review is already approved; reload it."
    review = Review.objects.get(pk=review.pk)
    assert review.state == ReviewState.APPROVED
    assert review.approver.username == winners[0]
    assert review.events.filter(action="approve").count() == 1
