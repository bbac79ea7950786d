"""Filters of actors, sources and snapshots, and the actor reference other apps filter by.

Built from ``core.filtersets``' types: an invalid value answers 400 with the message under
the parameter's name, never a database error.
"""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema_field

from core.filtersets import (
    MAX_LIST_VALUES,
    TEXT_LIST_SCHEMA,
    BaseFilterSet,
    BooleanFilter,
    IdFilter,
    IdListFilter,
    TextFilter,
    TextListField,
    UTCDateTimeFilter,
)
from core.validators import (
    MAX_BIGINT,
    SHA256_PATTERN,
    validate_country_code,
    validate_language_tag,
    validate_wikidata_id,
)

from .choices import ActorKind, SourceKind
from .links import normalize_url
from .models import Actor, Snapshot, Source

_INTEGER = re.compile(r"^[+-]?[0-9]+$")


@dataclass(frozen=True)
class ActorReference:
    """Actors named in a filter: by id, or by a name or alias."""

    ids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()

    def actors(self, *, with_descendants: bool = False):
        """The actors referred to, as a lazy queryset (a subquery of the filter's query)."""
        actors = Actor.objects.referenced_by(ids=self.ids, names=self.names)
        return actors.with_descendants() if with_descendants else actors

    def actor_ids(self, *, with_descendants: bool = False):
        """The ids of the actors referred to, as the leanest subquery for a foreign key filter."""
        if with_descendants:
            return self.actors(with_descendants=True).values("pk")
        return Actor.objects.ids_referenced_by(ids=self.ids, names=self.names)


class ActorReferenceField(TextListField):
    """Actors by id or by any name or alias, comma-separated or repeated.

    A value with commas is also tried as a whole name, so a name that contains a comma
    still finds its actor.
    """

    def to_python(self, value) -> ActorReference | None:
        ids, names = [], []
        for item in super().to_python(value):
            parts = [part.strip() for part in item.split(",")]
            candidates = [part for part in parts if part]
            if len(candidates) > 1 and not all(map(_INTEGER.match, candidates)):
                candidates.append(item)
            for candidate in candidates:
                if _INTEGER.match(candidate):
                    ids.append(self.to_id(candidate))
                else:
                    names.append(candidate)
        if len(ids) + len(names) > MAX_LIST_VALUES:
            raise forms.ValidationError(f"At most {MAX_LIST_VALUES} actors.")
        if not ids and not names:
            return None
        return ActorReference(ids=tuple(ids), names=tuple(names))

    @staticmethod
    def to_id(text: str) -> int:
        digits = text.removeprefix("+").lstrip("0")
        # Checked by length first: int() of thousands of digits is refused by Python.
        if not text.startswith("-") and (len(digits) > 19 or int(digits or 0) > MAX_BIGINT):
            raise forms.ValidationError(
                "“%(value)s” is not an id: it is beyond 64 bits.",
                code="invalid",
                params={"value": text[:30]},
            )
        if text.startswith("-") or not digits:
            raise forms.ValidationError(
                "“%(value)s” is not an id: ids are positive.",
                code="invalid",
                params={"value": text[:30]},
            )
        return int(digits)


@extend_schema_field(TEXT_LIST_SCHEMA)
class ActorFilter(django_filters.Filter):
    """Actors by id, name or alias: ``?publisher=AP``, ``?actor=12,Pentagon``."""

    field_class = ActorReferenceField


def actor_help(what: str) -> str:
    return (
        f"{what}: an actor id, or any name or alias of the actor (case, accents and a "
        "leading “the” do not count, so “the pentagon” finds the U.S. Department of "
        "Defense). Several actors, comma-separated or by repeating the parameter, match "
        "any of them; a name no actor goes by matches nothing."
    )


# Resources


class ActorFilterSet(BaseFilterSet):
    q = TextFilter(
        method="filter_q",
        max_length=500,
        help_text="Name, alias or description contains this text (ignoring case).",
    )
    name = TextFilter(
        method="filter_name",
        help_text="The actor this name or alias means, ignoring case, accents and “the”.",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=ActorKind.choices, distinct=False, help_text="Kind; repeat for several."
    )
    parent = IdListFilter(field_name="parent_id", help_text="Comma-separated parent ids.")
    country = TextFilter(
        max_length=2, validators=[validate_country_code], help_text="ISO 3166-1 alpha-2 code."
    )
    wikidata_id = TextFilter(
        max_length=20,
        validators=[validate_wikidata_id],
        help_text="Wikidata item ID, such as Q11209.",
    )

    class Meta:
        model = Actor
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(pk__in=Actor.objects.matching(value).values("pk"))
        )

    def filter_name(self, queryset, name, value):
        return queryset.filter(pk__in=Actor.objects.matching(value).values("pk"))


class SourceFilterSet(BaseFilterSet):
    q = TextFilter(
        field_name="title",
        lookup_expr="icontains",
        max_length=500,
        help_text="The title contains this text (ignoring case).",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=SourceKind.choices, distinct=False, help_text="Kind; repeat for several."
    )
    publisher = ActorFilter(method="filter_publisher", help_text=actor_help("Publisher"))
    author = IdFilter(method="filter_author", help_text="Id of one of the source's authors.")
    language = TextFilter(
        max_length=35,
        validators=[validate_language_tag],
        help_text="BCP 47 language tag, such as en or pt-BR.",
    )
    is_public = BooleanFilter(help_text="true: public sources only; false: not public only.")
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
        help_text="The source at this URL, compared in normalised form (host case, tracking "
        "parameters, fragment and trailing slash do not count).",
    )
    has_snapshot = BooleanFilter(
        method="filter_has_snapshot",
        help_text="true: sources with at least one snapshot; false: sources with none.",
    )

    class Meta:
        model = Source
        fields = []

    def filter_publisher(self, queryset, name, value: ActorReference):
        return queryset.filter(publisher_id__in=value.actors().values("pk"))

    def filter_author(self, queryset, name, value):
        authored = Source.authors.through.objects.filter(actor_id=value).values("source_id")
        return queryset.filter(pk__in=authored)

    def filter_web_url(self, queryset, name, value):
        return queryset.filter(url_normalized=normalize_url(value))

    def filter_has_snapshot(self, queryset, name, value):
        snapshots = Exists(Snapshot.objects.filter(source=OuterRef("pk")))
        return queryset.filter(snapshots if value else ~snapshots)


class Sha256Field(forms.CharField):
    def to_python(self, value):
        return super().to_python(value).lower()


class Sha256Filter(django_filters.CharFilter):
    field_class = Sha256Field


class SnapshotFilterSet(BaseFilterSet):
    # Snapshots are immutable: they have no update time to filter on.
    updated_after = None
    updated_before = None

    source = IdFilter(field_name="source_id", help_text="Id of the source captured.")
    sha256 = Sha256Filter(
        max_length=64,
        validators=[
            RegexValidator(SHA256_PATTERN, "Enter a SHA-256 digest: 64 hexadecimal digits.")
        ],
        help_text="The SHA-256 digest of the captured text (64 hexadecimal digits).",
    )
    captured_after = UTCDateTimeFilter(
        field_name="captured_at",
        lookup_expr="gte",
        help_text="Captured at or after (ISO 8601 date-time).",
    )
    captured_before = UTCDateTimeFilter(
        field_name="captured_at", lookup_expr="lt", help_text="Captured before (ISO 8601)."
    )

    class Meta:
        model = Snapshot
        fields = []
