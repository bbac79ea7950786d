"""The API's endpoints as the router knows them, so tests cover resources added later.

Every collection registered in ``config.api_urls.router`` appears here, with what a test
needs to reach it: its URLs, its model, a factory for one object and its filters.
"""

from dataclasses import dataclass

import django_filters
from django.contrib.auth.models import Permission
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from config.api_urls import router
from core.api.viewsets import ServiceViewSet
from core.filtersets import IdFilter, IdListFilter
from core.models import ApiToken
from core.tokens import api_token_create
from tests.support.factories import ApiTokenFactory, UserFactory, factory_for


@dataclass(frozen=True)
class Route:
    prefix: str
    viewset: type
    basename: str

    def __str__(self):
        return self.prefix

    @property
    def is_record(self) -> bool:
        """A resource of the record (ServiceViewSet), as opposed to the token endpoints."""
        return issubclass(self.viewset, ServiceViewSet)

    @property
    def model(self):
        queryset = getattr(self.viewset, "queryset", None)
        return queryset.model if queryset is not None else ApiToken

    def list_url(self) -> str:
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, pk) -> str:
        return reverse(f"api:{self.basename}-detail", args=[pk])

    def make(self, user=None):
        """One object of the resource; a token belongs to ``user``."""
        if self.model is ApiToken:
            return ApiTokenFactory(**({"user": user} if user else {}))
        return factory_for(self.model)()

    def perm(self, action: str) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def methods(self, *, detail: bool) -> set[str]:
        """The HTTP methods the list (or detail) URL answers with an action, in lower case."""
        name = "{basename}-" + ("detail" if detail else "list")
        route = next(r for r in router.get_routes(self.viewset) if r.name == name)
        mapped = set(router.get_method_map(self.viewset, route.mapping))
        return mapped & set(self.viewset.http_method_names)

    @property
    def filters(self) -> dict[str, django_filters.Filter]:
        filterset = getattr(self.viewset, "filterset_class", None)
        return dict(filterset.base_filters) if filterset else {}

    def filters_of(self, *kinds) -> list[str]:
        return [name for name, f in self.filters.items() if isinstance(f, kinds)]

    @property
    def id_filters(self) -> list[str]:
        """Filters that take primary keys (ids or related objects)."""
        return self.filters_of(
            IdFilter,
            IdListFilter,
            django_filters.ModelChoiceFilter,
            django_filters.ModelMultipleChoiceFilter,
        )

    @property
    def choice_filters(self) -> list[str]:
        return [
            name
            for name, f in self.filters.items()
            if isinstance(f, django_filters.ChoiceFilter | django_filters.MultipleChoiceFilter)
            and not isinstance(
                f, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
            )
        ]

    @property
    def datetime_filters(self) -> list[str]:
        return self.filters_of(django_filters.DateTimeFilter, django_filters.IsoDateTimeFilter)

    @property
    def text_filters(self) -> list[str]:
        return self.filters_of(django_filters.CharFilter)

    @property
    def create_serializer_class(self):
        """The serializer of the create body: its own when the viewset names one (reviews are
        opened with a body unlike their representation), else the full serializer."""
        return (
            getattr(self.viewset, "create_serializer_class", None) or self.viewset.serializer_class
        )

    def related_id_fields(self) -> list[str]:
        """Writable fields of the create body that take the id of another object."""
        if not self.is_record:
            return []
        fields = self.create_serializer_class().fields
        return [
            name
            for name, field in fields.items()
            if not field.read_only
            and isinstance(field, serializers.RelatedField | serializers.ManyRelatedField)
        ]


ROUTES = [Route(prefix, viewset, basename) for prefix, viewset, basename in router.registry]
RECORD_ROUTES = [route for route in ROUTES if route.is_record]


def client_for(user) -> APIClient:
    """An API client authenticated as ``user`` by a fresh bearer token."""
    _, raw = api_token_create(user=user, name=f"tests {user.pk}")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client


def superuser_client() -> APIClient:
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def client_with(*codenames: str) -> APIClient:
    user = UserFactory()
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    return client_for(user)
