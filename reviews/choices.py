"""Enumerations of the reviews app; each backs a database check constraint."""

from django.db import models


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    CORRECTED = "corrected", "Corrected"
    RETRACTED = "retracted", "Retracted"

    @classmethod
    def open(cls) -> list[str]:
        """States of a review still being worked on (before publication): the queue's."""
        return [cls.DRAFT, cls.SUBMITTED, cls.IN_REVIEW, cls.CHANGES_REQUESTED, cls.APPROVED]

    @classmethod
    def public(cls) -> list[str]:
        """States of versions readers may see: published, and corrected or retracted since."""
        return [cls.PUBLISHED, cls.CORRECTED, cls.RETRACTED]


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class MatchStatus(models.TextChoices):
    """Where a candidate pair of the match queue stands."""

    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
