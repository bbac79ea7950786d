"""``/api/v1/webhooks/``: webhook subscriptions and the log of their deliveries
(``core.webhooks``). Editors and superusers only: a subscription sends changes elsewhere."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import WebhookDelivery, WebhookSubscription
from core.webhooks import (
    subscription_create,
    subscription_delete,
    subscription_resume,
    subscription_rotate_secret,
    subscription_save,
)

from .errors import validation_messages
from .pagination import StrictCursorPagination
from .permissions import ModelPermissions
from .serializers import ModelSerializer, StrictFieldsMixin
from .viewsets import ID_PATTERN, CheckedRequestMixin


class WebhookSubscriptionSerializer(StrictFieldsMixin, ModelSerializer):
    events = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=50,
        help_text=(
            "What to send: a collection (“claims”), a collection and an action "
            "(“claims.delete”) or any collection's action (“*.delete”); empty: every change."
        ),
    )
    is_paused = serializers.BooleanField(read_only=True)

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "events",
            "description",
            "active",
            "is_paused",
            "paused_at",
            "paused_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class NewWebhookSubscriptionSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Signs every delivery (HMAC-SHA256); shown only in this answer.",
    )

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "delivery",
            "attempt",
            "events",
            "status",
            "response_status",
            "response_excerpt",
            "error",
            "duration_ms",
            "created_at",
            "attempted_at",
            "next_attempt_at",
        ]


class DeliveryPagination(StrictCursorPagination):
    ordering = "-id"


class WebhookSubscriptionViewSet(
    CheckedRequestMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Webhook subscriptions: each changes of the feed it asks for are POSTed to its `url`,
    signed with its secret (header `Claimtrack-Signature: t=<unix time>,v1=<hex HMAC-SHA256
    of "<t>.<body>">`).

    `POST` answers the secret once; `POST …/{id}/rotate-secret/` replaces it. A delivery that
    fails is retried after 1 min, 5 min, 30 min, 2 h and 12 h; after 5 deliveries in a row
    fail every attempt (or at once on a 410 Gone), the subscription is paused with the
    reason, until `POST …/{id}/resume/`. `GET …/{id}/deliveries/` lists every attempt.
    """

    queryset = WebhookSubscription.objects.all()
    serializer_class = WebhookSubscriptionSerializer
    permission_classes = [ModelPermissions]
    lookup_value_regex = ID_PATTERN
    filter_backends = []
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def _saved(self, save):
        try:
            with transaction.atomic():
                return save()
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_messages(error)) from error

    @extend_schema(
        request=WebhookSubscriptionSerializer, responses={201: NewWebhookSubscriptionSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = WebhookSubscription(**serializer.validated_data)
        subscription = self._saved(
            lambda: subscription_create(subscription=subscription, user=request.user)
        )
        return Response(
            NewWebhookSubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        subscription = self.get_object()
        serializer = self.get_serializer(subscription, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        for name, value in serializer.validated_data.items():
            setattr(subscription, name, value)
        subscription = self._saved(
            lambda: subscription_save(subscription=subscription, user=request.user)
        )
        return Response(self.get_serializer(subscription).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        subscription_delete(subscription=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Resume it: deliveries start again with the next change", request=None)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        subscription = subscription_resume(subscription=self.get_object(), user=request.user)
        return Response(self.get_serializer(subscription).data)

    @extend_schema(
        summary="Replace its secret; the answer shows the new one, once",
        request=None,
        responses={200: NewWebhookSubscriptionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        subscription = subscription_rotate_secret(subscription=self.get_object(), user=request.user)
        return Response(NewWebhookSubscriptionSerializer(subscription).data)

    @extend_schema(
        summary="Its deliveries, every attempt, newest first",
        parameters=[
            OpenApiParameter(
                "cursor", OpenApiTypes.STR, description=DeliveryPagination.cursor_query_description
            ),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description=DeliveryPagination.page_size_query_description,
            ),
        ],
        responses={200: WebhookDeliverySerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=DeliveryPagination,
        serializer_class=WebhookDeliverySerializer,
        extra_query_parameters=("cursor", "page_size"),
    )
    def deliveries(self, request, pk=None):
        subscription = self.get_object()
        page = self.paginate_queryset(subscription.deliveries.newest_first())
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)
