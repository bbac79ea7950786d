"""Reads of the record, shaped so that lists run a fixed number of queries.

The querysets reach the other models of the record through the model's relations
(``related()``), never by importing ``claims.models``, which imports them.
"""

from typing import NamedTuple

from django.db import connections
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from core.models import TrackedQuerySet, WithdrawableQuerySet

from .choices import Stance
from .search import QuotesMatch, Relevance, TextMatches, TextOrQuotesMatch, plain_terms

# How many of the newest matches a search window holds (``ClaimQuerySet.search_window``).
SEARCH_WINDOW = 1000


class SearchWindow(NamedTuple):
    """What ``ClaimQuerySet.search_window`` found: the claims, whether a part filled its
    window (older matches left out), how many claims they are when that is known without
    counting them (no speakers' part: every claim of the window passed the queryset's
    filters), else None, and their ids best first when ranked as read, else None."""

    claims: "ClaimQuerySet"
    full: bool
    count: int | None
    ranking: list[int] | None


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


class TopicQuerySet(TrackedQuerySet):
    pass


class ClaimQuerySet(WithdrawableQuerySet):
    def _statements(self):
        """The statements the counts and flags of a claim are about: the current ones."""
        return self.related("statements").current()

    def with_counts(self):
        """``statement_count`` and ``denial_count``, as correlated subqueries."""
        statements = self._statements().filter(claim=OuterRef("pk"))
        return self.annotate(
            denial_count=_CountOf(statements.filter(stance=Stance.DENIES)),
            statement_count=_CountOf(statements),
        )

    def with_denial_flags(self):
        """The counts, and ``has_denial`` read off the denials' count: an ``EXISTS`` of its
        own would let PostgreSQL plan it as a hash of every denial of the record, built for
        each page however few rows it shows."""
        return self.with_counts().annotate(
            has_denial=ExpressionWrapper(Q(denial_count__gt=0), output_field=BooleanField())
        )

    def denied(self):
        denials = self._statements().filter(claim=OuterRef("pk"), stance=Stance.DENIES)
        return self.filter(Exists(denials))

    def search(self, query: str):
        """Claims whose text, or a quote of one of their current statements, matches ``query``.

        Full-text on PostgreSQL: the claim's stored, language-aware documents of its text and
        of its quotes, one condition on the claims that PostgreSQL can estimate and stop early
        on (``claims.search``). A plain term match elsewhere, on the text or, through a
        ``UNION`` subquery, on a quote.
        """
        by_text = TextMatches("text", query, stored_document=True)
        if connections[self.db].vendor == "postgresql":
            if not plain_terms(query)[1]:
                return self.filter(TextOrQuotesMatch(query))
            return self.filter(Q(by_text) | Q(QuotesMatch(query)))
        citations = self._statements().related("citations").current()
        by_quote = citations.order_by().filter(
            TextMatches("quote", query), statement__withdrawn_at=None
        )
        matching = self.model.objects.order_by().filter(by_text).values("pk")
        return self.filter(pk__in=matching.union(by_quote.values("statement__claim_id")))

    def search_window(
        self, query: str, *, speakers=None, size: int = SEARCH_WINDOW, ranked: bool = False
    ) -> "SearchWindow":
        """The ``size`` newest of these claims that ``search`` finds and, with ``speakers``
        (an Actor queryset), the ``size`` newest with a current statement by one of them: a
        window of the matches that can be ranked and counted at once, however common the
        words (a query of at most ``size`` ids; with speakers, one of their ids and one of at
        most ``size`` claim ids; the claims by id are one more).

        With ``ranked``, when no speaker is found, the window is ranked as it is read: its
        ids best first, as ``with_relevance`` orders them (then newest id first), so a page
        of it reads its own rows only.
        """
        # The speakers' ids first (a query of the actors alone): PostgreSQL then plans the
        # statements' part with the ids' statistics, not with a guess at a name's pattern.
        speaker_ids = [] if speakers is None else list(speakers.values_list("pk", flat=True))
        newest = self.search(query).order_by("-created_at", "-pk")
        ranking = None
        if ranked and not speaker_ids:
            rows = list(newest.with_relevance(query).values_list("pk", "relevance")[:size])
            found = [pk for pk, _ in rows]
            if all(relevance is not None for _, relevance in rows):
                ranking = [pk for pk, _ in sorted(rows, key=lambda row: (-row[1], -row[0]))]
        else:
            found = list(newest.values_list("pk", flat=True)[:size])
        full = len(found) == size
        known_count = None if speaker_ids else len(found)
        if speaker_ids:
            # Newest by id, whatever the list's filters: they apply to the window's claims.
            statements = self._statements().filter(actor_id__in=speaker_ids)
            by_speaker = statements.order_by("-claim_id").values_list("claim_id", flat=True)
            spoken = list(by_speaker.distinct()[:size])
            full = full or len(spoken) == size
            found += spoken
        return SearchWindow(self.filter(pk__any_of=found), full, known_count, ranking)

    def with_relevance(self, query: str):
        """``relevance``: how well the claim's own text matches ``query`` (higher is better;
        a claim found through its quotes or a speaker only has the lowest)."""
        return self.annotate(relevance=Relevance("text", query, stored_document=True))

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
        """A claim with its statements (withdrawn ones too), their citations and all a chain
        needs, prefetched."""
        statements = self.related("statements")
        citations = statements.related("citations").select_related("source__publisher")
        statements = statements.select_related("actor", "responds_to__actor").prefetch_related(
            Prefetch("citations", queryset=citations)
        )
        return self.select_related("withdrawn_by").prefetch_related(
            Prefetch("statements", queryset=statements), "about", "topics"
        )

    def with_relations(self):
        """The claim relations from and to each claim, with the claim at the other end."""
        relations = self.related("relations_from")
        return self.prefetch_related(
            Prefetch("relations_from", queryset=relations.select_related("to_claim")),
            Prefetch("relations_to", queryset=relations.select_related("from_claim")),
        )


class StatementQuerySet(WithdrawableQuerySet):
    def denials(self):
        return self.filter(stance=Stance.DENIES)

    def with_chains(self):
        """Statements with their citations and each citation's source and publisher.

        That is all ``claims.chains`` needs to walk and describe every chain of a statement.
        """
        citations = self.related("citations").select_related("source__publisher")
        return self.prefetch_related(Prefetch("citations", queryset=citations))

    def for_list(self):
        """With ``citation_count`` (withdrawn citations too) as a correlated subquery: a
        page counts its own rows' citations from the index, never grouping the table."""
        citations = self.related("citations").filter(statement=OuterRef("pk"))
        return self.select_related("claim", "actor", "responds_to__actor").annotate(
            citation_count=_CountOf(citations)
        )


class CitationQuerySet(WithdrawableQuerySet):
    def search(self, query: str):
        """Citations whose quote matches ``query`` (see ``claims.search``)."""
        return self.filter(TextMatches("quote", query))

    def with_relevance(self, query: str):
        """``relevance``: how well the quote matches ``query`` (higher is better)."""
        return self.annotate(relevance=Relevance("quote", query))

    def with_chains(self):
        """Citations with their statement's citations prefetched, so chains run no query."""
        siblings = self.model.objects.select_related("source__publisher")
        return self.prefetch_related(Prefetch("statement__citations", queryset=siblings))

    def for_list(self):
        return self.select_related(
            "statement__claim",
            "statement__actor",
            "source__publisher",
            "derived_from__source",
            "snapshot",
        ).defer("snapshot__text")

    def for_changelist(self):
        """What the admin's list of citations shows and no more: the citation's own columns,
        its source's title, its statement's speaker and its claim's text (a page's query
        reads a dozen columns of five tables instead of all ninety)."""
        return self.select_related("source", "statement__actor", "statement__claim").only(
            "withdrawn_at",
            "role",
            "access",
            "quote_verified",
            "source__title",
            "statement__actor__name",
            "statement__speaker_label",
            "statement__claim__text",
        )


class ClaimRelationQuerySet(TrackedQuerySet):
    def for_list(self):
        return self.select_related("from_claim", "to_claim")
