"""Every write to actors, aliases, sources and snapshots; each is one transaction."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import dates
from core.history import acting_as
from core.services import instance_create_with_related, instance_delete, instance_save
from core.text import fold

from .links import normalize_url
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
    """Save a source and, when ``authors`` is given, make them exactly its authors; a new
    source is one creation with them (one history row, one change event), as a claim is."""
    if source._state.adding:
        related = {"authors": authors or ()}
        return instance_create_with_related(
            instance=source, related=related, user=user, reason=reason
        )
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


@transaction.atomic
def article_intake(
    *,
    text: str,
    title: str,
    kind: str,
    publisher: Actor | None,
    published_on: datetime.date | None,
    language: str,
    url: str,
    captured_from: str,
    captured_at=None,
    user,
    reason: str = "",
) -> Snapshot:
    """Take in an article: its source (found by URL, or recorded) and a snapshot of its text.

    The source whose normalised URL is the same as ``url``'s is reused as it is; otherwise a
    source is recorded with the title, kind, publisher, date and language given. An unsaved
    ``publisher`` is recorded first, and only for a new source. ``published_on`` is a
    ``core.dates.PartialDate`` for a year or a month, or a date for a day. The same text of
    the same source twice gives one snapshot. All or nothing, attributed to ``user``.
    """
    normalized = normalize_url(url)
    source = None
    if normalized:
        source = Source.objects.select_for_update().filter(url_normalized=normalized).first()
    if source is None:
        if publisher is not None and publisher.pk is None:
            actor_save(actor=publisher, user=user, reason=reason)
        precision = getattr(published_on, "precision", dates.DatePrecision.DAY)
        if isinstance(published_on, dates.PartialDate):
            published_on = published_on.as_date()
        source = Source(
            kind=kind,
            title=title,
            publisher=publisher,
            url=url,
            language=language,
            published_on=published_on,
            published_precision=precision,
        )
        source_save(source=source, user=user, reason=reason)
    snapshot, _ = snapshot_get_or_capture(
        source=source,
        text=text,
        captured_by=user.get_username() if user is not None else "intake",
        captured_from=captured_from,
        captured_at=captured_at,
        user=user,
        reason=reason,
    )
    return snapshot
