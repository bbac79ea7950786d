"""Reads of the sources app, shaped for the lists and pages that use them."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from core.models import TrackedQuerySet, WithdrawableQuerySet
from core.text import fold


class ImmutableRecordError(Exception):
    """An attempt to change a record that may only be created (a snapshot)."""


class _Subtree(Subquery):
    """The ids of the actors a subquery selects and of every actor below them, however deep.

    One recursive query (PostgreSQL and SQLite both allow ``WITH RECURSIVE`` in a
    subquery); ``UNION`` rather than ``UNION ALL`` stops at rows already seen.
    """

    template = (
        "(WITH RECURSIVE subtree(id) AS (%(subquery)s "
        "UNION SELECT child.%(pk)s FROM %(table)s child "
        "INNER JOIN subtree ON child.%(parent)s = subtree.id) "
        "SELECT id FROM subtree)"
    )

    def as_sql(self, compiler, connection, template=None, **extra_context):
        meta = self.query.model._meta
        quote = connection.ops.quote_name
        extra_context.update(
            table=quote(meta.db_table),
            pk=quote(meta.pk.column),
            parent=quote(meta.get_field("parent").column),
        )
        return super().as_sql(compiler, connection, template, **extra_context)


class ActorQuerySet(WithdrawableQuerySet):
    def matching(self, name: str):
        """Actors whose name or any alias folds to the same text as ``name``."""
        folded = fold(name)
        if not folded:
            return self.none()
        alias_match = self.related("aliases").filter(actor=OuterRef("pk"), name_folded=folded)
        return self.filter(Q(name_folded=folded) | Exists(alias_match))

    def named_like(self, term: str):
        """Actors whose name or any alias contains ``term``, folded as alias matching folds.

        Case, accents and a leading "the" do not count, so "moscow" and "the pentagon" find
        the actors behind those aliases. It extends ``matching`` (whole names) to parts of
        names, which is what a search box and an autocomplete need.
        """
        folded = fold(term)
        if not folded:
            return self.none()
        aliases = self.related("aliases").filter(actor=OuterRef("pk"), name_folded__contains=folded)
        return self.filter(Q(name_folded__contains=folded) | Exists(aliases))

    def referenced_by(self, *, ids=(), names=()):
        """Actors with one of these ids, or whose name or an alias folds like one of ``names``.

        A lazy queryset: used in a filter, it becomes a subquery of that one query.
        """
        return self.filter(pk__in=self.ids_referenced_by(ids=ids, names=names))

    def ids_referenced_by(self, *, ids=(), names=()):
        """The ids ``referenced_by`` matches, as the bare subquery to filter foreign keys on.

        A UNION of the three ways to name an actor rather than an OR: PostgreSQL then
        estimates a handful of actors (not half of them) and reads their statements through
        the (actor, stance) index. Wrapped in one more ``actor.id IN (…)`` it loses that
        estimate and reads every statement of the actor (measured at 1M claims).
        """
        folded = sorted({name for name in map(fold, names) if name})
        matches = []
        if ids:
            matches.append(self.model.objects.filter(pk__in=sorted(set(ids))).values("pk"))
        if folded:
            matches.append(self.model.objects.filter(name_folded__in=folded).values("pk"))
            aliases = self.related("aliases")
            matches.append(aliases.filter(name_folded__in=folded).values("actor_id"))
        if not matches:
            return self.model.objects.none().values("pk")
        first, *others = (match.order_by() for match in matches)
        return first.union(*others) if others else first

    def with_descendants(self):
        """These actors and every actor below them in the parent tree, in one query."""
        return self.model.objects.filter(pk__in=_Subtree(self.order_by().values("pk")))

    def for_list(self):
        return self.select_related("parent").annotate(alias_count=Count("aliases"))

    def for_detail(self):
        return self.select_related("parent", "leader", "withdrawn_by").prefetch_related("aliases")


class AliasQuerySet(TrackedQuerySet):
    pass


class SourceQuerySet(WithdrawableQuerySet):
    def for_list(self):
        return self.select_related("publisher")

    def for_detail(self):
        """A source with its publisher, authors and snapshots (without their text)."""
        snapshots = self.related("snapshots").without_text()
        return self.select_related("publisher", "withdrawn_by").prefetch_related(
            "authors", Prefetch("snapshots", queryset=snapshots)
        )


class SnapshotQuerySet(TrackedQuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError("Snapshots cannot be changed; capture a new one.")

    def bulk_update(self, objs, *args, **kwargs):
        raise ImmutableRecordError("Snapshots cannot be changed; capture a new one.")

    def without_text(self):
        """Snapshots whose (possibly very long) text is not read."""
        return self.defer("text")

    def for_list(self):
        return self.select_related("source__publisher").without_text()

    def for_detail(self):
        return self.select_related("source__publisher")
