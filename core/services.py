"""The one path by which a model instance is validated, attributed, saved and deleted."""

from collections import Counter

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from .history import acting_as


class DeletionRefused(Exception):
    """Deleting an object that other objects depend on; nothing was deleted."""

    def __init__(self, instance, dependents):
        self.instance = instance
        self.dependents = list(dependents)
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


@transaction.atomic
def instance_save(*, instance, user=None, reason: str = "", exclude=None):
    """Validate ``instance`` as the model defines it, attribute the write, and save it.

    Model ``clean()`` methods hold the rules, so the admin, the API and commands share them.
    """
    instance.full_clean(exclude=exclude)
    with acting_as(user, reason):
        instance.save()
    return instance


def instance_delete(*, instance, user=None, reason: str = ""):
    """Delete ``instance`` with attribution; ``DeletionRefused`` names what depends on it."""
    try:
        with transaction.atomic(), acting_as(user, reason):
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        dependents = getattr(error, "protected_objects", None) or error.restricted_objects
        raise DeletionRefused(instance, dependents) from error
