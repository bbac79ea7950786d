"""Every write to actors, aliases, sources and snapshots; each is one transaction."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.history import acting_as
from core.services import instance_delete, instance_save
from core.text import fold

from .models import Actor, Alias, Snapshot, Source


class ActorNotFound(LookupError):
    """No actor goes by the name."""


class ActorNameAmbiguous(LookupError):
    """Several actors go by the name."""

    def __init__(self, name: str, candidates):
        self.candidates = list(candidates)
        names = ", ".join(f"{actor.name} (#{actor.pk})" for actor in self.candidates)
        super().__init__(f"“{name}” may mean any of: {names}.")


def actor_resolve(name: str) -> Actor:
    """The one actor that ``name`` means, by its name or any alias, ignoring case and accents.

    "moscow", "Vagner Group" and "the Pentagon" all resolve. Raises ``ActorNotFound`` or
    ``ActorNameAmbiguous``.
    """
    candidates = list(Actor.objects.matching(name)[:5])
    if not candidates:
        raise ActorNotFound(f"No actor goes by “{name}”.")
    if len(candidates) > 1:
        raise ActorNameAmbiguous(name, candidates)
    return candidates[0]


@transaction.atomic
def actor_save(
    *, actor: Actor, aliases: Iterable[str] | None = None, user=None, reason: str = ""
) -> Actor:
    """Save an actor and, when ``aliases`` is given, make them exactly its aliases."""
    instance_save(instance=actor, user=user, reason=reason)
    if aliases is not None:
        actor_set_aliases(actor=actor, names=aliases, user=user, reason=reason)
    return actor


@transaction.atomic
def actor_set_aliases(*, actor: Actor, names: Iterable[str], user=None, reason: str = "") -> None:
    """Make ``names`` the actor's aliases: add the new, drop the missing, keep the rest.

    Names that fold to the same text count once ("Vagner Group", "Vagner group").
    """
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(fold(name), name.strip())
    wanted.pop("", None)
    existing = {alias.name_folded: alias for alias in actor.aliases.all()}
    try:
        for folded, alias in existing.items():
            if folded not in wanted:
                instance_delete(instance=alias, user=user, reason=reason)
        for folded, name in wanted.items():
            alias = existing.get(folded) or Alias(actor=actor)
            if alias.name != name:
                alias.name = name
                instance_save(instance=alias, user=user, reason=reason)
    except ValidationError as error:
        raise ValidationError({"aliases": error.messages}) from error


@transaction.atomic
def alias_add(*, actor: Actor, name: str, user=None, reason: str = "") -> Alias:
    """Give ``actor`` another name; returns the existing alias when it already has it."""
    existing = actor.aliases.filter(name_folded=fold(name)).first()
    if existing is not None:
        return existing
    return instance_save(instance=Alias(actor=actor, name=name), user=user, reason=reason)


def alias_save(*, alias: Alias, user=None, reason: str = "") -> Alias:
    return instance_save(instance=alias, user=user, reason=reason)


@transaction.atomic
def source_save(
    *, source: Source, authors: Iterable[Actor] | None = None, user=None, reason: str = ""
) -> Source:
    """Save a source and, when ``authors`` is given, make them exactly its authors."""
    instance_save(instance=source, user=user, reason=reason)
    if authors is not None:
        with acting_as(user, reason):
            source.authors.set(authors)
    return source


@transaction.atomic
def snapshot_capture(
    *,
    source: Source,
    text: str,
    captured_by: str,
    captured_from: str = "",
    captured_at=None,
    user=None,
    reason: str = "",
) -> Snapshot:
    """Record the text of ``source`` as captured now; the same text twice gives one snapshot."""
    snapshot, _ = snapshot_get_or_capture(
        source=source,
        text=text,
        captured_by=captured_by,
        captured_from=captured_from,
        captured_at=captured_at,
        user=user,
        reason=reason,
    )
    return snapshot


@transaction.atomic
def snapshot_get_or_capture(
    *,
    source: Source,
    text: str,
    captured_by: str,
    captured_from: str = "",
    captured_at=None,
    user=None,
    reason: str = "",
) -> tuple[Snapshot, bool]:
    """Like ``snapshot_capture``, and also say whether the snapshot is new.

    The source's row is locked first, so two captures of the same text at once give one
    snapshot instead of a unique-constraint error.
    """
    Source.objects.select_for_update().filter(pk=source.pk).exists()
    existing = source.snapshots.filter(sha256=Snapshot.digest(text)).first()
    if existing is not None:
        return existing, False
    snapshot = Snapshot(
        source=source,
        text=text,
        captured_by=captured_by,
        captured_from=captured_from,
        captured_at=captured_at or timezone.now(),
    )
    return instance_save(instance=snapshot, user=user, reason=reason), True
