"""Every write of the claims app: the record (``record``) and its review (``review``)."""

from .record import (
    citation_save,
    claim_relation_save,
    claim_save,
    statement_save,
    topic_get_or_create,
)

__all__ = [
    "citation_save",
    "claim_relation_save",
    "claim_save",
    "statement_save",
    "topic_get_or_create",
]
