"""The one path by which a model instance is validated, attributed, saved, deleted or withdrawn.

Saving runs in a transaction of its own, or in the caller's without a savepoint: a write is
a few statements, and a savepoint would double them. A refusal (a ``ValidationError``, a
database error) then ends the whole transaction, which is what every caller that lets it
propagate wants; a caller that catches a refusal and goes on writing holds the savepoint
itself (``with transaction.atomic():`` around the call), as the importers do per row.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from .history import acting_as, bulk_link_tracked


class DeletionRefused(Exception):
    """Deleting an object that other objects depend on; nothing was deleted.

    ``message`` replaces the one naming the dependents, for a refusal of another kind (an
    object a published verdict rests on is withdrawn, not deleted).
    """

    def __init__(self, instance, dependents, *, message: str = ""):
        self.instance = instance
        self.dependents = list(dependents)
        if message:
            self.message = message
            super().__init__(message)
            return
        counts = Counter(obj._meta for obj in self.dependents)
        what = ", ".join(
            f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"
            for meta, n in sorted(counts.items(), key=lambda item: item[0].label)
        )
        self.message = (
            f"Cannot delete {instance._meta.verbose_name} “{instance}”: it is used by {what}. "
            "Remove or reassign them first."
        )
        super().__init__(self.message)


@transaction.atomic(savepoint=False)
def instance_save(*, instance, user=None, reason: str = "", exclude=None):
    """Validate ``instance`` as the model defines it, attribute the write, and save it.

    Model ``clean()`` methods hold the rules, so the admin, the API and commands share them.
    In a caller's transaction it takes no savepoint of its own (see the module's docstring).
    """
    instance.full_clean(exclude=exclude)
    with acting_as(user, reason):
        instance.save()
    return instance


@transaction.atomic(savepoint=False)
def instance_create_with_related(*, instance, related: dict, user=None, reason: str = ""):
    """Create ``instance`` and give it ``related`` (many-to-many field name → objects or
    ids), with one history row and one change event for it all: its creation, as it stands
    with them.

    The object is saved as any other (its history row, its change event); its links are then
    inserted with their history rows attached to that creation row, as an import links the
    objects it creates (``bulk_link_tracked``). The history never shows a state that never
    left the transaction, and a creation costs one row, not one per field. Nothing rests on
    a new object yet, so nothing listening for changes of its links is told of them.
    """
    instance_save(instance=instance, user=user, reason=reason)
    for name, objs in related.items():
        field = instance._meta.get_field(name)
        through = field.remote_field.through
        owner, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        targets = dict.fromkeys(getattr(obj, "pk", obj) for obj in objs)
        links = [through(**{owner: instance.pk, target: pk}) for pk in targets]
        created = getattr(instance, "_creation_history_id", None)
        creations = None if created is None else {instance.pk: created}
        bulk_link_tracked(field, links, creations=creations)
    return instance


def instance_delete(*, instance, user=None, reason: str = ""):
    """Delete ``instance`` with attribution; ``DeletionRefused`` names what depends on it."""
    try:
        with transaction.atomic(), acting_as(user, reason):
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        dependents = getattr(error, "protected_objects", None) or error.restricted_objects
        raise DeletionRefused(instance, dependents) from error


def instance_withdraw(*, instance, user=None, reason: str):
    """Withdraw ``instance`` (a ``core.models.Withdrawable``) with ``reason``, attributed.

    It stays in the record and at its address; lists leave it out by default.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is withdrawn."})
    if instance.withdrawn_at is not None:
        raise ValidationError(f"This {instance._meta.verbose_name} is already withdrawn.")
    instance.withdrawn_at = timezone.now()
    instance.withdrawn_by = user if getattr(user, "is_authenticated", False) else None
    instance.withdrawal_reason = reason
    return instance_save(instance=instance, user=user, reason=f"withdrawn: {reason}")


def instance_reinstate(*, instance, user=None, reason: str = ""):
    """Undo a withdrawal: ``instance`` is current again (its withdrawal stays in the history)."""
    if instance.withdrawn_at is None:
        raise ValidationError(f"This {instance._meta.verbose_name} is not withdrawn.")
    instance.withdrawn_at = None
    instance.withdrawn_by = None
    instance.withdrawal_reason = ""
    return instance_save(instance=instance, user=user, reason=reason or "reinstated")
