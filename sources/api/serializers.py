"""API representations of actors, sources and snapshots: brief for lists, full for details."""

from rest_framework import serializers

from core.api.serializers import (
    WITHDRAWAL_FIELDS,
    BriefRelatedField,
    BriefSerializer,
    DetailUrlField,
    ModelSerializer,
    ServiceSerializer,
    WithdrawalFields,
)
from sources import services
from sources.models import Actor, Snapshot, Source


class ActorBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:actor-detail")

    class Meta:
        model = Actor
        fields = ["id", "url", "display", "name", "kind"]


class AliasNamesField(serializers.ListField):
    """An actor's aliases as a list of names (read from the prefetched aliases)."""

    def get_attribute(self, instance):
        return [alias.name for alias in instance.aliases.all()]


class ActorSerializer(WithdrawalFields, ServiceSerializer):
    url = DetailUrlField(view_name="api:actor-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    parent = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, required=False, allow_null=True
    )
    leader = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, required=False, allow_null=True
    )
    aliases = AliasNamesField(
        child=serializers.CharField(max_length=255),
        required=False,
        max_length=100,
        help_text="Other names the actor goes by; writing the list replaces the aliases.",
    )

    class Meta:
        model = Actor
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "kind",
            "name",
            "description",
            "parent",
            "leader",
            "country",
            "wikidata_id",
            "aliases",
            *WITHDRAWAL_FIELDS,
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        aliases = self.validated_data.get("aliases")
        return services.actor_save(actor=instance, aliases=aliases, user=user)

    def _save(self, instance, validated_data):
        validated_data.pop("aliases", None)
        return super()._save(instance, validated_data)


class SourceBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:source-detail")
    publisher = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "display",
            "kind",
            "title",
            "publisher",
            "published_on",
            "published_precision",
        ]


class SnapshotBriefSerializer(BriefSerializer):
    url = DetailUrlField(view_name="api:snapshot-detail")
    # The same brief source as the full form, so ?brief=false keeps every field's type.
    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Snapshot
        fields = ["id", "url", "display", "source", "sha256", "captured_at"]


class SourceSnapshotSerializer(ModelSerializer):
    """A snapshot listed under its source: what identifies it, never its text."""

    url = DetailUrlField(view_name="api:snapshot-detail")

    class Meta:
        model = Snapshot
        fields = ["id", "url", "sha256", "captured_at"]


class SourceSerializer(WithdrawalFields, ServiceSerializer):
    """A source in full.

    ``url`` is the source's address in this API, as for every resource; the address of the
    document itself is ``web_url``.
    """

    url = DetailUrlField(view_name="api:source-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    publisher = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, required=False, allow_null=True
    )
    authors = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects, many=True, required=False
    )
    web_url = serializers.URLField(
        source="url",
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="The document's address as entered; empty for one never published.",
    )
    web_url_normalized = serializers.CharField(
        source="url_normalized",
        read_only=True,
        help_text="The address in the form that identifies the document: two sources cannot "
        "share it (lower-case host, no tracking parameters, fragment or trailing slash).",
    )
    published_display = serializers.CharField(read_only=True)
    snapshots = SourceSnapshotSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "kind",
            "title",
            "publisher",
            "authors",
            "web_url",
            "web_url_normalized",
            "published_on",
            "published_precision",
            "published_display",
            "language",
            "is_public",
            "access_note",
            "archive_url",
            "snapshots",
            *WITHDRAWAL_FIELDS,
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        return services.source_save(source=instance, authors=m2m.get("authors"), user=user)


class SnapshotSerializer(ServiceSerializer):
    """A snapshot in full, its text included. Snapshots are captured, never changed."""

    url = DetailUrlField(view_name="api:snapshot-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    source = BriefRelatedField(SourceBriefSerializer, queryset=Source.objects)
    captured_at = serializers.DateTimeField(
        required=False, help_text="When the text was captured; now when omitted."
    )

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "uuid",
            "url",
            "display",
            "source",
            "text",
            "sha256",
            "captured_at",
            "captured_by",
            "captured_from",
            "created_at",
        ]

    def save_with_service(self, instance, m2m, user):
        snapshot, self.captured = services.snapshot_get_or_capture(
            source=instance.source,
            text=instance.text,
            captured_by=instance.captured_by,
            captured_from=instance.captured_from,
            captured_at=self.validated_data.get("captured_at"),
            user=user,
        )
        return snapshot
