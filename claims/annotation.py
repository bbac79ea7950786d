"""Recording a passage of a snapshot as a statement: who said it, through whom, about what.

One annotation is one transaction: the claim (new, or an existing one), the statement, the
sources of the chain that are new, and the chain of citations from its origin to the
annotated source, whose quote is the snapshot's own characters at the selected offsets.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from sources.choices import SourceKind
from sources.models import Actor, Snapshot, Source
from sources.services import source_save

from .choices import AccessMode, CitationRole
from .models import Citation, Claim, Statement
from .services import citation_save, claim_save, statement_save


@dataclass
class Hop:
    """A link of the chain before the annotated source: an existing source, or a new one."""

    source: Source | None = None
    title: str = ""
    kind: str = SourceKind.REPORT
    publisher: Actor | None = None
    is_public: bool = True
    access: str = AccessMode.DIRECT

    def resolved(self, *, user, reason: str) -> Source:
        if self.source is not None:
            return self.source
        source = Source(
            title=self.title, kind=self.kind, publisher=self.publisher, is_public=self.is_public
        )
        return source_save(source=source, user=user, reason=reason)


@dataclass
class Annotation:
    """What one submission of the annotate screen records.

    ``claim`` is an existing claim or an unsaved new one; ``statement`` is unsaved and gets
    the claim on the way. ``hops`` run from the origin to the last intermediary.
    """

    snapshot: Snapshot
    start: int
    end: int
    claim: Claim
    statement: Statement
    hops: list[Hop] = field(default_factory=list)
    role: str = CitationRole.REPORTS
    access: str = AccessMode.DIRECT


class AnnotationRefused(ValidationError):
    """A part of the annotation broke a rule; ``part`` says which ("claim", "statement",
    "hop", "citation") and ``index`` which hop. Nothing was recorded."""

    def __init__(self, part: str, error: ValidationError, index: int | None = None):
        self.part, self.index, self.error = part, index, error
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)


def _in_part(part: str, step, index: int | None = None):
    try:
        return step()
    except AnnotationRefused:
        raise
    except ValidationError as error:
        raise AnnotationRefused(part, error, index) from error


def selection_error(snapshot: Snapshot, start: int, end: int) -> str:
    """Why ``start``–``end`` is not a passage that can be quoted ("" when it is)."""
    if not 0 <= start < end <= len(snapshot.text):
        return "Select a passage of the text."
    if not snapshot.text[start:end].strip():
        return "The selection is only spaces: select the words."
    return ""


@transaction.atomic
def annotation_record(*, annotation: Annotation, user=None, reason: str = "") -> Citation:
    """Record ``annotation`` and return the annotated source's citation.

    Raises ``AnnotationRefused`` naming the part at fault; then nothing is recorded.
    """
    snapshot, reason = annotation.snapshot, reason or "annotated from a snapshot"
    problem = selection_error(snapshot, annotation.start, annotation.end)
    if problem:
        raise AnnotationRefused("citation", ValidationError({"quote": problem}))
    claim = annotation.claim
    if claim.pk is None:
        _in_part("claim", lambda: claim_save(claim=claim, user=user, reason=reason))
    statement = annotation.statement
    statement.claim = claim
    _in_part("statement", lambda: statement_save(statement=statement, user=user, reason=reason))
    previous = None
    for index, hop in enumerate(annotation.hops):
        source = _in_part("hop", lambda hop=hop: hop.resolved(user=user, reason=reason), index)
        citation = Citation(
            statement=statement,
            source=source,
            role=CitationRole.ORIGIN if previous is None else CitationRole.REPORTS,
            derived_from=previous,
            access=hop.access,
        )
        previous = _in_part(
            "hop",
            lambda citation=citation: citation_save(citation=citation, user=user, reason=reason),
            index,
        )
    citation = Citation(
        statement=statement,
        source=snapshot.source,
        snapshot=snapshot,
        role=annotation.role,
        derived_from=previous,
        access=annotation.access,
        quote=snapshot.text[annotation.start : annotation.end],
        quote_start=annotation.start,
    )
    return _in_part("citation", lambda: citation_save(citation=citation, user=user, reason=reason))
