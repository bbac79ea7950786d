"""Enumerations of the claims app; each backs a database check constraint."""

from django.db import models


class ClaimKind(models.TextChoices):
    FACTUAL = "factual", "Factual claim"
    POSITION = "position", "Stated position"


class Comparator(models.TextChoices):
    EXACTLY = "exactly", "exactly"
    ABOUT = "about", "about"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    FEWER_THAN = "fewer_than", "fewer than"
    AT_MOST = "at_most", "at most"
    BETWEEN = "between", "between"


class Stance(models.TextChoices):
    ASSERTS = "asserts", "asserts"
    DENIES = "denies", "denies"
    DISPUTES = "disputes", "disputes"
    CONFIRMS = "confirms", "confirms"
    RETRACTS = "retracts", "retracts"
    DECLINES = "declines", "declines to comment"


class Confidence(models.TextChoices):
    """How sure the record is that the actor took this stance."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class CitationRole(models.TextChoices):
    ORIGIN = "origin", "origin"
    REPORTS = "reports", "reports"
    REPUBLISHES = "republishes", "republishes"
    QUOTES = "quotes", "quotes"
    TRANSLATES = "translates", "translates"


class AccessMode(models.TextChoices):
    """How an intermediary came to know what it relays."""

    DIRECT = "direct", "direct"
    SEEN_BY = "seen_by", "seen by"
    OBTAINED = "obtained", "obtained by"
    BRIEFED = "briefed", "briefed to"
    INTERVIEW = "interview", "interview"
    UNKNOWN = "unknown", "unknown"


class RelationKind(models.TextChoices):
    CONTRADICTS = "contradicts", "contradicts"
    SUPPORTS = "supports", "supports"
    DUPLICATE_OF = "duplicate_of", "duplicate of"
    REFINES = "refines", "refines"
    SUPERSEDES = "supersedes", "supersedes"
    SAME_EVENT = "same_event", "same event as"

    @classmethod
    def symmetric(cls) -> frozenset[str]:
        """Kinds where A→B says the same as B→A."""
        return frozenset({cls.CONTRADICTS, cls.DUPLICATE_OF, cls.SAME_EVENT})
