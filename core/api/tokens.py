"""The API's own token endpoints: a user lists, creates and revokes their tokens."""

from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.models import ApiToken
from core.tokens import MAX_EXPIRES_DAYS, api_token_create, api_token_revoke

from .errors import validation_messages
from .serializers import ModelSerializer, StrictFieldsMixin
from .viewsets import ID_PATTERN, CheckedRequestMixin


class ApiTokenSerializer(StrictFieldsMixin, ModelSerializer):
    expires_days = serializers.IntegerField(
        write_only=True,
        required=False,
        min_value=1,
        max_value=MAX_EXPIRES_DAYS,
        help_text=(
            "Days until the token expires; omit for a token that never expires. A token "
            "created by a request authenticated by another token expires at the latest with "
            "it: a later or absent expiry is capped to that token's (see `expires_at`)."
        ),
    )
    is_active = serializers.BooleanField(
        read_only=True, help_text="Neither revoked nor expired: requests with it are accepted."
    )
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=(
            "The token whose request created this one (null: created in the admin, by the "
            "command or in a session). Revoking it revokes this one."
        ),
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "is_active",
            "parent",
            "expires_days",
        ]
        read_only_fields = ["prefix", "expires_at", "last_used_at", "revoked_at"]
        validators = []


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The secret, shown only this once.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]


class ApiTokenViewSet(
    CheckedRequestMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your API tokens, and only yours, revoked ones included; the secret is never listed.

    Any authenticated user manages their own tokens, whatever their permissions on the
    record. `POST` creates one and answers its secret once. A request authenticated by a
    token may create tokens too (each has the same rights as its user), which never outlive
    that token: their `parent` is it, their `expires_at` is at most its own (a later or
    absent `expires_days` is capped, and the answer says the expiry given), and revoking it
    revokes them. To replace a token by one that outlives it, create the new one in a session
    (the admin, the browsable API) or with `manage.py create_api_token`. `DELETE` revokes a
    token and every token created from it: they stop working at once and stay listed with
    their `revoked_at`.
    """

    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = ID_PATTERN
    filter_backends = []

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user)

    @extend_schema(request=ApiTokenSerializer, responses={201: NewApiTokenSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        days = serializer.validated_data.get("expires_days")
        try:
            token, raw = api_token_create(
                user=request.user,
                name=serializer.validated_data["name"],
                expires_in=timedelta(days=days) if days else None,
                parent=request.auth if isinstance(request.auth, ApiToken) else None,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(validation_messages(error)) from error
        token.token = raw
        return Response(NewApiTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        api_token_revoke(token=instance)
