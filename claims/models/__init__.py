"""The claims app's models: the record (claims, statements, citations) and its review."""

from .record import Citation, Claim, ClaimRelation, Statement, Topic
from .review import RatingLabel, RatingScale, Review, ReviewComment, ReviewEvent

__all__ = [
    "Citation",
    "Claim",
    "ClaimRelation",
    "RatingLabel",
    "RatingScale",
    "Review",
    "ReviewComment",
    "ReviewEvent",
    "Statement",
    "Topic",
]
