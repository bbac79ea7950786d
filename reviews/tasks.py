"""Background tasks of the reviews app (django.tasks; see settings.TASKS)."""

from django.contrib.auth import get_user_model
from django.tasks import task

from .match_queue import THRESHOLD, find_match_candidates


@task
def find_match_candidates_task(
    threshold: float = THRESHOLD,
    user_id: int | None = None,
    first_id: int | None = None,
    last_id: int | None = None,
) -> dict:
    """Match the current claims (those from ``first_id`` to ``last_id``: all by default) and
    queue the new candidate pairs; answers the counts."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return find_match_candidates(
        threshold=threshold, user=user, first_id=first_id, last_id=last_id
    ).as_dict()
