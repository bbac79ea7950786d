"""The API's filter backends: django-filter's FilterSets and ``?ordering=``.

The filter types and the base FilterSet are in ``core.filtersets``.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class LazyFilterBackend(DjangoFilterBackend):
    """django-filter's backend, which builds no FilterSet for a request that names no filter.

    A FilterSet and its form cost about a tenth of a plain list request; without any of its
    parameters it would return the queryset unchanged anyway.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or filterset_class.base_filters.keys().isdisjoint(
            request.query_params.keys()
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


# The ordering of a searched list by how well each row matches: best first. It orders by the
# annotation of that name, which only a search adds (``?q=``).
RELEVANCE = "relevance"


class StrictOrderingFilter(OrderingFilter):
    """``?ordering=name,-created_at`` over the view's ``ordering_fields`` (``id`` if unset).

    An unknown field answers 400 instead of being ignored, and ``-id`` breaks ties so that
    pages stay stable between requests. ``relevance``, where the view lists it, orders a
    searched list best match first; without a search it answers 400, and so does
    ``-relevance`` (worst matches first is no use).
    """

    ordering_description = "Comma-separated fields to order by, `-` for descending."

    def get_valid_fields(self, queryset, view, context=None):
        if getattr(view, "ordering_fields", None) is None:
            return [("id", "id")]
        return super().get_valid_fields(queryset, view, context)

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        fields = [term for term in fields if term]
        unknown = [term for term in fields if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {', '.join(unknown)}; "
                        f"choose from {', '.join(sorted(valid))}."
                    ]
                }
            )
        if f"-{RELEVANCE}" in fields:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        f"{RELEVANCE} orders best match first; -{RELEVANCE} is not an ordering."
                    ]
                }
            )
        if RELEVANCE in fields:
            if RELEVANCE not in queryset.query.annotations:
                raise exceptions.ValidationError(
                    {self.ordering_param: [f"Ordering by {RELEVANCE} needs a search (q)."]}
                )
            fields = [f"-{RELEVANCE}" if term == RELEVANCE else term for term in fields]
        return fields

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering = (*ordering, "-id")
        return ordering

    def get_schema_operation_parameters(self, view):
        names = [
            name for name, _ in self.get_valid_fields(view.get_queryset(), view, {"request": None})
        ]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    f"{self.ordering_description} Default: newest first (`-id`)."
                    + (
                        f" `{RELEVANCE}`: best match first, in a list searched with `q` "
                        "(without `q`, 400)."
                        if RELEVANCE in names
                        else ""
                    )
                ),
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [
                            f"{sign}{name}"
                            for name in names
                            for sign in ("", "-")
                            if not (sign and name == RELEVANCE)
                        ],
                    },
                },
                "style": "form",
                "explode": False,
            }
        ]


class WithdrawnFilterBackend:
    """``?withdrawn=``: lists of withdrawable rows leave the withdrawn ones out unless asked.

    ``exclude`` (the default) lists the current rows, ``include`` every row, ``only`` the
    withdrawn ones; any other value answers 400. A withdrawn row stays readable at its own
    address whatever the list shows. Applies to list views of ``core.models.Withdrawable``
    models only.
    """

    param = "withdrawn"
    choices = ("exclude", "include", "only")

    def applies(self, view, queryset) -> bool:
        return getattr(view, "action", None) == "list" and hasattr(queryset.model, "withdrawn_at")

    def filter_queryset(self, request, queryset, view):
        if not self.applies(view, queryset):
            return queryset
        value = request.query_params.get(self.param) or "exclude"
        if value not in self.choices:
            raise exceptions.ValidationError(
                {self.param: [f"Choose one of: {', '.join(self.choices)}."]}
            )
        if value == "exclude":
            return queryset.filter(withdrawn_at__isnull=True)
        if value == "only":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset

    def get_schema_operation_parameters(self, view):
        queryset = getattr(view, "queryset", None)
        if queryset is None or not hasattr(queryset.model, "withdrawn_at"):
            return []
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Withdrawn rows: left out (`exclude`, the default), listed too "
                "(`include`), or listed alone (`only`). A withdrawn row stays readable at its "
                "own address.",
                "schema": {"type": "string", "enum": list(self.choices), "default": "exclude"},
            }
        ]
