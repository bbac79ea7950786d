"""Reads of the sources app, shaped for the lists and pages that use them."""

from django.db.models import Count, Exists, OuterRef, Q

from core.models import TrackedQuerySet
from core.text import fold


class ActorQuerySet(TrackedQuerySet):
    def matching(self, name: str):
        """Actors whose name or any alias folds to the same text as ``name``."""
        from .models import Alias

        folded = fold(name)
        if not folded:
            return self.none()
        alias_match = Alias.objects.filter(actor=OuterRef("pk"), name_folded=folded)
        return self.filter(Q(name_folded=folded) | Exists(alias_match))

    def with_descendants_of(self, actors):
        """``actors`` and every organisation below them, however deep."""
        ids = {actor.pk for actor in actors}
        frontier = set(ids)
        while frontier:
            frontier = set(
                self.model.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids |= frontier
        return self.filter(pk__in=ids)

    def for_list(self):
        return self.select_related("parent").annotate(alias_count=Count("aliases"))

    def for_detail(self):
        return self.select_related("parent", "leader").prefetch_related("aliases")


class AliasQuerySet(TrackedQuerySet):
    pass


class SourceQuerySet(TrackedQuerySet):
    def for_list(self):
        return self.select_related("publisher")


class SnapshotQuerySet(TrackedQuerySet):
    def update(self, **kwargs):
        from .models import ImmutableRecordError

        raise ImmutableRecordError("Snapshots cannot be changed; capture a new one.")

    def bulk_update(self, objs, *args, **kwargs):
        from .models import ImmutableRecordError

        raise ImmutableRecordError("Snapshots cannot be changed; capture a new one.")

    def for_list(self):
        return self.select_related("source").defer("text")
