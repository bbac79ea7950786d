"""Reads of the claims app, shaped so that lists run a fixed number of queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from core.models import TrackedQuerySet

from .choices import Stance


def _count_of(queryset, field: str = "pk"):
    """A correlated COUNT subquery, which (unlike several Count() joins) never multiplies rows."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class TopicQuerySet(TrackedQuerySet):
    pass


class ClaimQuerySet(TrackedQuerySet):
    def with_denial_flags(self):
        from .models import Statement

        denials = Statement.objects.filter(claim=OuterRef("pk"), stance=Stance.DENIES)
        return self.annotate(
            has_denial=Exists(denials),
            denial_count=_count_of(denials, "claim"),
            statement_count=_count_of(Statement.objects.filter(claim=OuterRef("pk")), "claim"),
        )

    def denied(self):
        from .models import Statement

        return self.filter(
            Exists(Statement.objects.filter(claim=OuterRef("pk"), stance=Stance.DENIES))
        )

    def for_list(self):
        return self.with_denial_flags()

    def for_detail(self):
        """A claim with its statements, their citations and all a chain needs, prefetched."""
        from .models import Citation, Statement

        citations = Citation.objects.select_related("source__publisher", "snapshot").defer(
            "snapshot__text"
        )
        statements = Statement.objects.select_related(
            "actor", "responds_to__actor"
        ).prefetch_related(Prefetch("citations", queryset=citations))
        return self.prefetch_related(Prefetch("statements", queryset=statements), "about", "topics")


class StatementQuerySet(TrackedQuerySet):
    def denials(self):
        return self.filter(stance=Stance.DENIES)

    def for_list(self):
        return self.select_related("claim", "actor", "responds_to__actor").annotate(
            citation_count=Count("citations")
        )


class CitationQuerySet(TrackedQuerySet):
    def for_list(self):
        return self.select_related(
            "statement__claim",
            "statement__actor",
            "source__publisher",
            "derived_from__source",
            "snapshot",
        ).defer("snapshot__text")


class ClaimRelationQuerySet(TrackedQuerySet):
    def for_list(self):
        return self.select_related("from_claim", "to_claim")
