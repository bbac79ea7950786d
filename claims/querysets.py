"""Reads of the claims app, shaped so that lists run a fixed number of queries."""

from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from core.models import TrackedQuerySet

from .choices import Stance


class _CountAll(Func):
    """COUNT(*) as a plain expression: a subquery selecting it aggregates all its rows, with
    no GROUP BY, and so gives 0 (not an empty result) when there are none."""

    template = "COUNT(*)"
    output_field = IntegerField()


class _CountOf(Subquery):
    """A correlated COUNT(*) subquery, which (unlike several Count() joins) never multiplies rows.

    COUNT(*) rather than COUNT(id): PostgreSQL then counts from an index alone. Every database
    returns it as an integer, so its values need no converter (the ORM's would call ``int()``
    on each, for every row of every list page).
    """

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values(n=_CountAll()), output_field=IntegerField())

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)


def period_first():
    """When a claim's period starts: its start, or its end if it has only that (indexed)."""
    return Coalesce("period_start", "period_end")


def period_last():
    """When a claim's period ends: its end, or its start if it has only that (indexed)."""
    return Coalesce("period_end", "period_start")


def first_publication():
    """When a claim's current verdict first went public, as a correlated subquery.

    A correction carries its ``previous`` version, so a chain of corrections starts at a
    version without one; the latest such version ever published is where the current
    verdict starts (a verdict published again after a retraction starts anew).
    """
    from .models import Review

    originals = Review.objects.filter(
        claim=OuterRef("pk"), previous__isnull=True, published_at__isnull=False
    ).order_by("-version")
    return Subquery(originals.values("published_at")[:1])


class TopicQuerySet(TrackedQuerySet):
    pass


class ClaimQuerySet(TrackedQuerySet):
    def with_counts(self):
        """``statement_count`` and ``denial_count``, as correlated subqueries."""
        from .models import Statement

        statements = Statement.objects.filter(claim=OuterRef("pk"))
        return self.annotate(
            denial_count=_CountOf(statements.filter(stance=Stance.DENIES)),
            statement_count=_CountOf(statements),
        )

    def with_denial_flags(self):
        from .models import Statement

        denials = Statement.objects.filter(claim=OuterRef("pk"), stance=Stance.DENIES)
        return self.with_counts().annotate(has_denial=Exists(denials))

    def denied(self):
        from .models import Statement

        return self.filter(
            Exists(Statement.objects.filter(claim=OuterRef("pk"), stance=Stance.DENIES))
        )

    def search(self, query: str):
        """Claims whose text, or a quote of one of their statements, matches ``query``.

        Full-text on PostgreSQL, a plain term match elsewhere: see ``claims.search``.
        """
        from .search import claim_ids_matching

        return self.filter(pk__in=claim_ids_matching(query))

    def with_statements_among(self, statements):
        """Claims with at least one of ``statements`` (a Statement queryset), as a subquery."""
        return self.filter(pk__in=statements.order_by().values("claim_id"))

    def in_period(self, *, after=None, before=None):
        """Claims whose period overlaps ``after``..``before`` (either may be open).

        A period with one end only is taken as that single day; claims without a period
        are left out.
        """
        claims = self
        if after is not None:
            claims = claims.filter(GreaterThanOrEqual(period_last(), after))
        if before is not None:
            claims = claims.filter(LessThanOrEqual(period_first(), before))
        return claims

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

    def with_relations(self):
        """The claim relations from and to each claim, with the claim at the other end."""
        from .models import ClaimRelation

        return self.prefetch_related(
            Prefetch("relations_from", queryset=ClaimRelation.objects.select_related("to_claim")),
            Prefetch("relations_to", queryset=ClaimRelation.objects.select_related("from_claim")),
        )

    def published_fact_checks(self):
        """Claims with a published verdict now, newest first, shaped for the public list.

        Each claim carries ``first_published_at`` (when its verdict first went public: the
        publication of the version its corrections start from, see ``first_publication``),
        ``published_reviews`` (a list holding its published review, with the rating and
        scale) and ``asserting_statements`` (its "asserts" statements with their actors).
        Three queries whatever the number of claims.
        """
        from .choices import ReviewState
        from .models import Review, Statement

        published = Review.objects.filter(claim=OuterRef("pk"), state=ReviewState.PUBLISHED)
        return (
            self.filter(Exists(published))
            .annotate(first_published_at=first_publication())
            .prefetch_related(
                Prefetch(
                    "reviews",
                    queryset=Review.objects.published().select_related("rating__scale"),
                    to_attr="published_reviews",
                ),
                Prefetch(
                    "statements",
                    queryset=Statement.objects.filter(stance=Stance.ASSERTS).select_related(
                        "actor"
                    ),
                    to_attr="asserting_statements",
                ),
            )
            .order_by("-first_published_at", "-pk")
        )


def _citations_with_sources():
    from .models import Citation

    return Citation.objects.select_related("source__publisher")


class StatementQuerySet(TrackedQuerySet):
    def denials(self):
        return self.filter(stance=Stance.DENIES)

    def with_chains(self):
        """Statements with their citations and each citation's source and publisher.

        That is all ``claims.chains`` needs to walk and describe every chain of a statement.
        """
        return self.prefetch_related(Prefetch("citations", queryset=_citations_with_sources()))

    def for_list(self):
        return self.select_related("claim", "actor", "responds_to__actor").annotate(
            citation_count=Count("citations")
        )


class CitationQuerySet(TrackedQuerySet):
    def with_chains(self):
        """Citations with their statement's citations prefetched, so chains run no query."""
        return self.prefetch_related(
            Prefetch("statement__citations", queryset=_citations_with_sources())
        )

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


class ReviewQuerySet(TrackedQuerySet):
    """The review queue: whose, which are waiting, which are late, most urgent first."""

    def open(self):
        from .choices import ReviewState

        return self.filter(state__in=ReviewState.open())

    def published(self):
        from .choices import ReviewState

        return self.filter(state=ReviewState.PUBLISHED)

    def public(self):
        """Versions readers may see: published, and those corrected or retracted since."""
        from .choices import ReviewState

        return self.filter(
            state__in=[ReviewState.PUBLISHED, ReviewState.CORRECTED, ReviewState.RETRACTED]
        )

    def mine(self, user):
        """Open reviews assigned to ``user``."""
        return self.open().filter(assignee=user)

    def unassigned(self):
        return self.open().filter(assignee__isnull=True)

    def overdue(self, today=None):
        """Open reviews whose due date has passed (``today`` defaults to the local date)."""
        from django.utils import timezone

        return self.open().filter(due_on__lt=today or timezone.localdate())

    def with_queue_rank(self):
        """``priority_rank`` (0 for the most urgent) and ``due_rank`` (the due date, undated
        last), the columns of ``QUEUE_ORDERING``."""
        import datetime

        from django.db.models import Case, DateField, Value, When

        from .choices import Priority

        rank = Case(
            *(
                When(priority=priority, then=Value(index))
                for index, priority in enumerate(reversed(Priority.values))
            ),
            default=Value(len(Priority.values)),
        )
        undated = Value(datetime.date.max, output_field=DateField())
        return self.annotate(priority_rank=rank, due_rank=Coalesce("due_on", undated))

    def by_priority(self):
        """Most urgent first, then the earliest due date (undated last), then the oldest."""
        return self.with_queue_rank().order_by(*QUEUE_ORDERING)

    def for_list(self):
        """What a review in a list shows: its claim, assignee, scale and rating (with the
        rating's scale, which its normalised score reads)."""
        return self.select_related("claim", "assignee", "rating__scale", "scale")

    def for_detail(self):
        """A review with its people, rating, events, comments and evidence, prefetched."""
        from .models import ReviewComment, ReviewEvent

        return self.select_related(
            "claim",
            "scale",
            "rating__scale",
            "assignee",
            "verdict_author",
            "approver",
            "published_by",
            "correction",
        ).prefetch_related(
            Prefetch("events", queryset=ReviewEvent.objects.select_related("actor")),
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author")),
            "evidence",
        )


# The review queue's order, as ``ReviewQuerySet.by_priority()`` sorts it (and as the API's
# queue pages through it): the annotations of ``with_queue_rank()``, then the oldest first.
QUEUE_ORDERING = ("priority_rank", "due_rank", "created_at", "id")
