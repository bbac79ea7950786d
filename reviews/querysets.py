"""Reads of the reviews app: the queue, the published verdicts, a review with its trail."""

import datetime

from django.db.models import Case, DateField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import TrackedQuerySet

from .choices import Priority, ReviewState

# The review queue's order, in the admin and the API: the annotations of
# ``ReviewQuerySet.with_queue_rank()`` (most urgent first, then the earliest due date, undated
# last), then the oldest first.
QUEUE_ORDERING = ("priority_rank", "due_rank", "created_at", "id")


def priority_rank():
    """0 for the most urgent priority, then 1…; the first column of the queue's order."""
    return Case(
        *(
            When(priority=priority, then=Value(index))
            for index, priority in enumerate(reversed(Priority.values))
        ),
        default=Value(len(Priority.values)),
    )


def due_rank():
    """The due date, undated last; the second column of the queue's order."""
    return Coalesce("due_on", Value(datetime.date.max, output_field=DateField()))


class ReviewQuerySet(TrackedQuerySet):
    """The review queue: whose, which are waiting, which are late, most urgent first."""

    def open(self):
        """Reviews still being worked on (draft to approved): the queue."""
        return self.filter(state__in=ReviewState.open())

    def published(self):
        """The verdicts readers get now: one per claim at most."""
        return self.filter(state=ReviewState.PUBLISHED)

    def public(self):
        """Versions readers may see: published, and those corrected or retracted since."""
        return self.filter(state__in=ReviewState.public())

    def of_claim(self, claim):
        """The reviews of ``claim`` (a claim, or ``OuterRef`` to one in a subquery)."""
        return self.filter(claim=claim)

    def record_changed(self):
        """Approved or published versions whose record changed since they pinned it."""
        return self.filter(
            state__in=[ReviewState.APPROVED, ReviewState.PUBLISHED], record_check__changed=True
        )

    def mine(self, user):
        """Open reviews assigned to ``user``."""
        return self.open().filter(assignee=user)

    def unassigned(self):
        """Open reviews nobody is assigned to."""
        return self.open().filter(assignee__isnull=True)

    def overdue(self, today=None):
        """Open reviews whose due date has passed (``today`` defaults to the local date)."""
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def with_queue_rank(self):
        """``priority_rank`` (0 for the most urgent) and ``due_rank`` (the due date, undated
        last), the columns of ``QUEUE_ORDERING``."""
        return self.annotate(priority_rank=priority_rank(), due_rank=due_rank())

    def by_priority(self):
        """Most urgent first, then the earliest due date (undated last), then the oldest."""
        return self.with_queue_rank().order_by(*QUEUE_ORDERING)

    def for_list(self):
        """What a review in a list shows: its claim, assignee, scale and rating (with the
        rating's scale, which its normalised score reads).

        The claims come in a query of their own, by the ids of the rows listed: joined to
        the reviews, PostgreSQL reads the whole claims table to sort the queue.
        """
        return self.select_related(
            "assignee", "rating__scale", "scale", "record_check"
        ).prefetch_related("claim")

    def for_detail(self):
        """A review with its people, rating, events, comments and evidence, prefetched."""
        events = self.model._meta.get_field("events").related_model.objects
        comments = self.model._meta.get_field("comments").related_model.objects
        return self.select_related(
            "claim",
            "scale",
            "rating__scale",
            "assignee",
            "verdict_author",
            "approver",
            "published_by",
            "correction",
            "record_check",
        ).prefetch_related(
            Prefetch("events", queryset=events.select_related("actor")),
            Prefetch("comments", queryset=comments.select_related("author")),
            "evidence",
            "authors",
        )


class ReviewEventQuerySet(QuerySet):
    """Events are append-only: no bulk change or deletion."""

    def update(self, **kwargs):
        raise self.model.AppendOnly("Review events cannot be changed.")

    def delete(self):
        raise self.model.AppendOnly("Review events cannot be deleted.")
