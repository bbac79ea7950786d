"""Filters of the sources API: one FilterSet per resource."""

import django_filters
from django.db.models import Q

from core.api.filters import IdListFilter, RecordFilterSet
from core.validators import validate_storable_text

from .choices import ActorKind
from .models import Actor


class ActorFilterSet(RecordFilterSet):
    q = django_filters.CharFilter(
        method="filter_q", help_text="Name, alias or description contains this text."
    )
    name = django_filters.CharFilter(
        method="filter_name",
        help_text="The actor this name or alias means, ignoring case, accents and “the”.",
    )
    kind = django_filters.MultipleChoiceFilter(choices=ActorKind.choices)
    parent = IdListFilter(field_name="parent_id", help_text="Comma-separated parent ids.")
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code.")
    wikidata_id = django_filters.CharFilter()

    class Meta:
        model = Actor
        fields = []

    def filter_q(self, queryset, name, value):
        validate_storable_text(value)
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(pk__in=Actor.objects.matching(value).values("pk"))
        )

    def filter_name(self, queryset, name, value):
        return queryset.filter(pk__in=Actor.objects.matching(value).values("pk"))
