"""``GET /api/v1/changes/``: the change feed, read from a cursor (``core.changes``)."""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import changes
from core.models import ChangeAction

from .viewsets import CheckedRequestMixin

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class ChangeActorSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null once the user is deleted.")
    username = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="The position just after this change.")
    resource = serializers.CharField(help_text="The collection: “claims”, “statements”…")
    id = serializers.IntegerField(help_text="The object's id in its collection.")
    action = serializers.ChoiceField(choices=ChangeAction.choices)
    url = serializers.URLField(
        help_text="The object in the API: read it for its state now (404 once deleted)."
    )
    actor = ChangeActorSerializer(allow_null=True, help_text="Who made it (null: the system).")
    at = serializers.DateTimeField()


class ChangePageSerializer(serializers.Serializer):
    next = serializers.URLField(
        help_text="This list after the last change shown; always present, to poll."
    )
    cursor = serializers.CharField(help_text="The `after` of `next`.")
    results = ChangeSerializer(many=True)


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


class ChangeFeedView(CheckedRequestMixin, APIView):
    """Every create, update and delete of the API's objects, oldest first, from a cursor.

    Each change names its collection, the object's id and URL, what happened, who did it and
    when; read the object for its state (a 404 means it was deleted since). Start without
    `after`, then follow `next` (or pass its `cursor` as `after`): it is always present, so
    a client polls it for what comes next, and resumes from the last cursor it kept. The
    feed shows a change once every transaction that began before it has ended, so nothing
    can later appear before a position it has shown. Only the collections the user may read
    are listed.
    """

    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    extra_query_parameters = ("after", "limit", "resource", "action")

    @extend_schema(
        operation_id="changes_list",
        parameters=[
            OpenApiParameter(
                "after",
                OpenApiTypes.STR,
                description="The cursor of the last change read; absent: from the first one. "
                "A malformed cursor answers 400.",
            ),
            OpenApiParameter(
                "limit",
                OpenApiTypes.INT,
                description=f"Changes per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
            ),
            OpenApiParameter(
                "resource",
                OpenApiTypes.STR,
                description="Only these collections, separated by commas (“claims,statements”).",
            ),
            OpenApiParameter(
                "action",
                OpenApiTypes.STR,
                description="Only these actions, separated by commas: create, update, delete.",
            ),
        ],
        responses={200: ChangePageSerializer},
    )
    def get(self, request, *args, **kwargs):
        params = request.query_params
        after = self._after(params.get("after"))
        limit = self._limit(params.get("limit"))
        readable = self._readable(request.user)
        names = readable
        if params.get("resource"):
            names = _names(params["resource"])
            unknown = sorted(set(names) - set(changes.resources()))
            if unknown:
                raise exceptions.ValidationError(
                    {"resource": [f"Unknown collection(s): {', '.join(unknown)}."]}
                )
            if set(names) - set(readable):
                raise exceptions.PermissionDenied(
                    "You may not read every collection named in `resource`."
                )
        actions = _names(params.get("action", ""))
        if set(actions) - set(ChangeAction.values):
            raise exceptions.ValidationError(
                {"action": ["Give create, update or delete, separated by commas."]}
            )
        events = changes.feed(after=after, names=names, actions=actions, limit=limit)
        cursor = params.get("after") or changes.encode_cursor(0, 0)
        if events:
            cursor = changes.encode_cursor(events[-1].transaction, events[-1].pk)
        results = [
            changes.event_item(event, request.build_absolute_uri(changes.object_path(event)))
            for event in events
        ]
        query = {key: value for key, value in params.items() if key != "after"}
        query["after"] = cursor
        next_url = request.build_absolute_uri(f"{reverse('api:changes')}?{urlencode(query)}")
        return Response({"next": next_url, "cursor": cursor, "results": results})

    @staticmethod
    def _after(value):
        if value is None or value == "":
            return None
        try:
            return changes.decode_cursor(value)
        except ValueError:
            raise exceptions.ValidationError({"after": ["Invalid cursor."]}) from None

    @staticmethod
    def _limit(value) -> int:
        if value is None or value.strip() == "":
            return DEFAULT_LIMIT
        value = value.strip()
        if not (value.isascii() and value.isdigit()) or not value.lstrip("0"):
            raise exceptions.ValidationError(
                {"limit": [f"Enter a whole number from 1 to {MAX_LIMIT}."]}
            )
        if len(value.lstrip("0")) > len(str(MAX_LIMIT)):
            return MAX_LIMIT
        return min(int(value), MAX_LIMIT)

    @staticmethod
    def _readable(user) -> list[str]:
        """The collections whose objects ``user`` may read: the feed tells no more."""
        return [
            name
            for name, resource in changes.resources().items()
            if user.has_perm(
                f"{resource.model._meta.app_label}.view_{resource.model._meta.model_name}"
            )
        ]
