"""Filters of claims, statements, citations and claim relations: one FilterSet per resource.

Each filter adds a condition (often an ``IN (subquery)``) to the list's one query: actor
names and aliases are resolved inside it, never by a query of their own, so a filtered list
runs as many queries as an unfiltered one.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q

from core.filtersets import (
    BaseFilterSet,
    BooleanFilter,
    DecimalFilter,
    IdFilter,
    TextFilter,
    TextListFilter,
)
from core.validators import validate_language_tag
from sources.filtersets import ActorFilter, ActorReference, actor_help

from .choices import AccessMode, CitationRole, ClaimKind, Confidence, RelationKind, Stance
from .models import Citation, Claim, ClaimRelation, Statement, Topic
from .search import MAX_QUERY_LENGTH

SEARCH_HELP = (
    "On PostgreSQL, full-text search with web-search syntax: "
    '`"exact phrase"`, `-excluded`, `this or that`; common words such as “the” are ignored. '
    "A claim's text is stemmed as its language is (French as French; a language without "
    "stemming word for word), quotes with English stemming. "
    "On SQLite, a simpler match: every word must appear (ignoring case) and a `-word` must "
    "not; quotes and `or` are ignored. Each text is matched on its own. "
    "`ordering=relevance` lists the best matches first; each row's `highlight` gives where "
    f"the words matched. At most {MAX_QUERY_LENGTH} characters."
)


def stance_filter(**kwargs):
    return django_filters.MultipleChoiceFilter(choices=Stance.choices, distinct=False, **kwargs)


class ClaimFilterSet(BaseFilterSet):
    q = TextFilter(
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=f"Claims whose text, or a quote recording one of their statements, matches. "
        f"{SEARCH_HELP}",
    )
    actor = ActorFilter(
        method="filter_actor",
        help_text=actor_help("Claims with a statement by this actor")
        + " With `stance`, the same statement must have that stance.",
    )
    include_sub_actors = BooleanFilter(
        method="filter_include_sub_actors",
        help_text="With `actor` or `denied_by`: also statements by the organisations below "
        "the actor, however deep (the Pentagon is below the United States government).",
    )
    stance = stance_filter(
        method="filter_stance",
        help_text="Claims with a statement taking this stance (repeat for several); with "
        "`actor`, a statement by that actor.",
    )
    denied_by = ActorFilter(
        method="filter_denied_by", help_text=actor_help("Claims this actor denied")
    )
    has_denial = BooleanFilter(
        method="filter_has_denial",
        help_text="true: claims someone denied; false: claims nobody denied.",
    )
    source = IdFilter(method="filter_source", help_text="Claims cited in the source with this id.")
    publisher = ActorFilter(
        method="filter_publisher",
        help_text=actor_help("Claims cited in a source this actor published"),
    )
    topic = TextListFilter(
        method="filter_topic",
        max_length=100,
        help_text="Claims under this topic, by slug or name (ignoring case); repeat for several.",
    )
    language = TextFilter(
        max_length=35,
        validators=[validate_language_tag],
        help_text="BCP 47 language tag of the claim's wording, such as en or ar.",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=ClaimKind.choices, distinct=False, help_text="Kind; repeat for several."
    )
    quantity_min = DecimalFilter(
        field_name="quantity_value",
        lookup_expr="gte",
        max_digits=20,
        decimal_places=4,
        help_text="Claims whose quantity is at least this value.",
    )
    quantity_max = DecimalFilter(
        field_name="quantity_value",
        lookup_expr="lte",
        max_digits=20,
        decimal_places=4,
        help_text="Claims whose quantity is at most this value.",
    )
    period_after = django_filters.DateFilter(
        method="filter_period_after",
        help_text="Claims whose period ends on or after this date (YYYY-MM-DD); a period "
        "without an end ends when it starts. With `period_before`: periods overlapping the "
        "range.",
    )
    period_before = django_filters.DateFilter(
        method="filter_period_before",
        help_text="Claims whose period starts on or before this date (YYYY-MM-DD); a period "
        "without a start starts when it ends.",
    )

    class Meta:
        model = Claim
        fields = []

    def actors(self, reference: ActorReference):
        with_descendants = bool(self.form.cleaned_data.get("include_sub_actors"))
        return reference.actor_ids(with_descendants=with_descendants)

    def filter_q(self, queryset, name, value):
        return queryset.search(value).with_relevance(value)

    def filter_actor(self, queryset, name, value):
        statements = Statement.objects.filter(actor_id__in=self.actors(value))
        if stances := self.form.cleaned_data.get("stance"):
            statements = statements.filter(stance__in=stances)
        return queryset.with_statements_among(statements)

    def filter_stance(self, queryset, name, value):
        if self.form.cleaned_data.get("actor"):
            return queryset  # filter_actor applies it to the actor's own statements
        return queryset.with_statements_among(Statement.objects.filter(stance__in=value))

    def filter_include_sub_actors(self, queryset, name, value):
        return queryset  # read by the actor filters

    def filter_denied_by(self, queryset, name, value):
        denials = Statement.objects.denials().filter(actor_id__in=self.actors(value))
        return queryset.with_statements_among(denials)

    def filter_has_denial(self, queryset, name, value):
        denied = Exists(Statement.objects.denials().filter(claim=OuterRef("pk")))
        return queryset.filter(denied if value else ~denied)

    def filter_source(self, queryset, name, value):
        return queryset.with_statements_among(Statement.objects.filter(citations__source_id=value))

    def filter_publisher(self, queryset, name, value):
        publishers = value.actors().values("pk")
        cited = Statement.objects.filter(citations__source__publisher_id__in=publishers)
        return queryset.with_statements_among(cited)

    def filter_topic(self, queryset, name, value):
        topics = Topic.objects.filter(Q(slug__in=value) | self._names(value))
        tagged = Claim.topics.through.objects.filter(topic_id__in=topics.values("pk"))
        return queryset.filter(pk__in=tagged.values("claim_id"))

    @staticmethod
    def _names(values) -> Q:
        condition = Q()
        for value in values:
            condition |= Q(name__iexact=value)
        return condition

    def filter_period_after(self, queryset, name, value):
        return queryset.in_period(after=value)

    def filter_period_before(self, queryset, name, value):
        return queryset.in_period(before=value)


class StatementFilterSet(BaseFilterSet):
    claim = IdFilter(field_name="claim_id", help_text="Statements on the claim with this id.")
    actor = ActorFilter(method="filter_actor", help_text=actor_help("Statements by this actor"))
    include_sub_actors = BooleanFilter(
        method="filter_include_sub_actors",
        help_text="With `actor`: also statements by the organisations below the actor.",
    )
    stance = stance_filter(help_text="Stance; repeat for several.")
    responds_to = IdFilter(
        field_name="responds_to_id", help_text="Statements answering the statement with this id."
    )
    has_response = BooleanFilter(
        method="filter_has_response",
        help_text="true: statements another statement answers; false: unanswered ones.",
    )
    confidence = django_filters.MultipleChoiceFilter(
        choices=Confidence.choices, distinct=False, help_text="Confidence; repeat for several."
    )
    stated_after = django_filters.DateFilter(
        field_name="stated_on",
        lookup_expr="gte",
        help_text="Stated on or after this date (YYYY-MM-DD).",
    )
    stated_before = django_filters.DateFilter(
        field_name="stated_on",
        lookup_expr="lte",
        help_text="Stated on or before this date (YYYY-MM-DD).",
    )
    speaker_label = TextFilter(
        field_name="speaker_label",
        lookup_expr="icontains",
        help_text="The speaker as written contains this text (ignoring case).",
    )

    class Meta:
        model = Statement
        fields = []

    def filter_actor(self, queryset, name, value: ActorReference):
        with_descendants = bool(self.form.cleaned_data.get("include_sub_actors"))
        actors = value.actors(with_descendants=with_descendants)
        return queryset.filter(actor_id__in=actors.values("pk"))

    def filter_include_sub_actors(self, queryset, name, value):
        return queryset  # read by filter_actor

    def filter_has_response(self, queryset, name, value):
        answered = Exists(Statement.objects.filter(responds_to=OuterRef("pk")))
        return queryset.filter(answered if value else ~answered)


class CitationFilterSet(BaseFilterSet):
    statement = IdFilter(
        field_name="statement_id", help_text="Citations of the statement with this id."
    )
    claim = IdFilter(
        field_name="statement__claim_id", help_text="Citations of statements on this claim."
    )
    source = IdFilter(field_name="source_id", help_text="Citations in the source with this id.")
    publisher = ActorFilter(
        method="filter_publisher",
        help_text=actor_help("Citations in a source this actor published"),
    )
    role = django_filters.MultipleChoiceFilter(
        choices=CitationRole.choices,
        distinct=False,
        help_text="Role in the chain; repeat for several.",
    )
    access = django_filters.MultipleChoiceFilter(
        choices=AccessMode.choices,
        distinct=False,
        help_text="How the source had access to what it relays; repeat for several.",
    )
    verified = BooleanFilter(
        field_name="quote_verified",
        help_text="true: quotes found verbatim in their snapshot; false: the others.",
    )
    snapshot = IdFilter(
        field_name="snapshot_id", help_text="Citations checked against this snapshot."
    )
    derived_from = IdFilter(
        field_name="derived_from_id",
        help_text="Citations taken from the citation with this id (its next links in the chain).",
    )
    is_origin = BooleanFilter(
        field_name="derived_from",
        lookup_expr="isnull",
        help_text="true: citations derived from no other, the first link of their chain; "
        "false: citations derived from another.",
    )
    q = TextFilter(
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=f"Citations whose quote matches. {SEARCH_HELP}",
    )

    class Meta:
        model = Citation
        fields = []

    def filter_publisher(self, queryset, name, value: ActorReference):
        return queryset.filter(source__publisher_id__in=value.actors().values("pk"))

    def filter_q(self, queryset, name, value):
        return queryset.search(value).with_relevance(value)


class ClaimRelationFilterSet(BaseFilterSet):
    claim = IdFilter(
        method="filter_claim", help_text="Relations with the claim with this id on either side."
    )
    from_claim = IdFilter(
        field_name="from_claim_id", help_text="Relations from the claim with this id."
    )
    to_claim = IdFilter(field_name="to_claim_id", help_text="Relations to the claim with this id.")
    kind = django_filters.MultipleChoiceFilter(
        choices=RelationKind.choices, distinct=False, help_text="Kind; repeat for several."
    )

    class Meta:
        model = ClaimRelation
        fields = []

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(from_claim_id=value) | Q(to_claim_id=value))
