"""API representations of actors, sources and snapshots: brief for lists, full for details."""

from rest_framework import serializers

from core.api.serializers import BriefRelatedField, BriefSerializer, RecordSerializer
from sources import services
from sources.models import Actor, Snapshot


class ActorBriefSerializer(BriefSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")

    class Meta:
        model = Actor
        fields = ["id", "url", "display", "name", "kind"]


class AliasNamesField(serializers.ListField):
    """An actor's aliases as a list of names (read from the prefetched aliases)."""

    def get_attribute(self, instance):
        return [alias.name for alias in instance.aliases.all()]


class ActorSerializer(RecordSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")
    display = serializers.CharField(source="__str__", read_only=True)
    parent = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects.all(), required=False, allow_null=True
    )
    leader = BriefRelatedField(
        ActorBriefSerializer, queryset=Actor.objects.all(), required=False, allow_null=True
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
            "created_at",
            "updated_at",
        ]

    def save_with_service(self, instance, m2m, user):
        aliases = self.validated_data.get("aliases")
        return services.actor_save(actor=instance, aliases=aliases, user=user)

    def _save(self, instance, validated_data):
        validated_data.pop("aliases", None)
        return super()._save(instance, validated_data)


class SnapshotBriefSerializer(BriefSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:snapshot-detail")

    class Meta:
        model = Snapshot
        fields = ["id", "url", "display", "sha256", "captured_at"]
