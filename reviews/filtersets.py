"""Filters of rating scales and reviews, the queue's included, and of fact-checks published
elsewhere and their rating mappings."""

import django_filters
from django.db.models import Q

from core.filtersets import BaseFilterSet, BooleanFilter, IdFilter, TextFilter, UTCDateTimeFilter
from core.validators import validate_language_tag
from sources.filtersets import ActorFilter, ActorReference, actor_help
from sources.links import normalize_url

from .choices import Priority, ReviewState
from .models import ExternalFactCheck, ExternalRatingMapping, RatingScale, Review


class RatingScaleFilterSet(BaseFilterSet):
    is_default = BooleanFilter(
        help_text="true: the scale new reviews use unless another is chosen; false: the others."
    )
    slug = TextFilter(max_length=100, help_text="The scale with this slug.")

    class Meta:
        model = RatingScale
        fields = []


class ReviewFilterSet(BaseFilterSet):
    """Filters of the reviews and of their queue; the queue-like ones use ReviewQuerySet's."""

    claim = IdFilter(field_name="claim_id", help_text="Reviews of the claim with this id.")
    state = django_filters.MultipleChoiceFilter(
        choices=ReviewState.choices, distinct=False, help_text="State; repeat for several."
    )
    assignee = IdFilter(
        field_name="assignee_id", help_text="Reviews assigned to the user with this id."
    )
    unassigned = BooleanFilter(
        method="filter_unassigned",
        help_text="true: open reviews nobody is assigned to; false: all the others.",
    )
    mine = BooleanFilter(
        method="filter_mine",
        help_text="true: open reviews assigned to you (the requesting user); false: all the "
        "others.",
    )
    overdue = BooleanFilter(
        method="filter_overdue",
        help_text="true: open reviews whose due date has passed; false: all the others.",
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Priority.choices, distinct=False, help_text="Priority; repeat for several."
    )
    scale = IdFilter(field_name="scale_id", help_text="Reviews on the rating scale with this id.")
    rating = IdFilter(
        field_name="rating_id", help_text="Reviews rated with the rating label with this id."
    )
    published_after = UTCDateTimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text="Published at or after (ISO 8601).",
    )
    published_before = UTCDateTimeFilter(
        field_name="published_at", lookup_expr="lt", help_text="Published before (ISO 8601)."
    )

    record_changed = BooleanFilter(
        method="filter_record_changed",
        help_text="true: approved or published versions whose record (the claim, its "
        "statements, citations, sources or actors) changed since approval pinned it; false: "
        "all the others.",
    )

    class Meta:
        model = Review
        fields = []

    def filter_record_changed(self, queryset, name, value):
        return self._matching(queryset, Review.objects.record_changed(), value)

    @staticmethod
    def _matching(queryset, selected, value: bool):
        """``queryset`` within ``selected`` (a Review queryset) when ``value``, else outside it."""
        within = Q(pk__in=selected.values("pk"))
        return queryset.filter(within if value else ~within)

    def filter_unassigned(self, queryset, name, value):
        return self._matching(queryset, Review.objects.unassigned(), value)

    def filter_mine(self, queryset, name, value):
        return self._matching(queryset, Review.objects.mine(self.request.user), value)

    def filter_overdue(self, queryset, name, value):
        return self._matching(queryset, Review.objects.overdue(), value)


class ExternalFactCheckFilterSet(BaseFilterSet):
    claim = IdFilter(field_name="claim_id", help_text="Fact-checks of the claim with this id.")
    publisher = ActorFilter(method="filter_publisher", help_text=actor_help("Publisher"))
    rating_label = IdFilter(
        field_name="rating_label_id",
        help_text="Fact-checks whose rating reads as the desk's rating label with this id.",
    )
    has_label = BooleanFilter(
        field_name="rating_label",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: fact-checks whose rating a mapping reads as one of the desk's labels; "
        "false: those with no mapped label.",
    )
    language = TextFilter(
        max_length=35,
        validators=[validate_language_tag],
        help_text="BCP 47 language tag, such as en or pt-BR.",
    )
    published_after = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        help_text="Published on or after this date (YYYY-MM-DD).",
    )
    published_before = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        help_text="Published on or before this date (YYYY-MM-DD).",
    )
    web_url = TextFilter(
        method="filter_web_url",
        max_length=2000,
        help_text="The fact-check at this URL, compared in normalised form (host case, "
        "tracking parameters, fragment and trailing slash do not count).",
    )

    class Meta:
        model = ExternalFactCheck
        fields = []

    def filter_publisher(self, queryset, name, value: ActorReference):
        return queryset.filter(publisher_id__in=value.actor_ids())

    def filter_web_url(self, queryset, name, value):
        return queryset.filter(url_normalized=normalize_url(value))


class ExternalRatingMappingFilterSet(BaseFilterSet):
    publisher = ActorFilter(method="filter_publisher", help_text=actor_help("Publisher"))
    label = IdFilter(field_name="label_id", help_text="Mappings to the rating label with this id.")

    class Meta:
        model = ExternalRatingMapping
        fields = []

    def filter_publisher(self, queryset, name, value: ActorReference):
        return queryset.filter(publisher_id__in=value.actor_ids())
