"""Permissions: a user's loaded in one query, or with their API token's (none of their own)."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import CharField, Q, StringAgg, Subquery, Value
from django.db.models.functions import Concat

from .compiled import CompiledQuery

# Every API request checks a permission: both queries are compiled once, not per request.
_USER_PERMISSIONS = CompiledQuery(
    lambda user_id: (
        Permission.objects.filter(Q(user=user_id) | Q(group__user=user_id))
        .distinct()
        .order_by()
        .values_list("content_type__app_label", "codename")
    ),
    user_id=-1,
)
_ALL_PERMISSIONS = CompiledQuery(
    lambda: Permission.objects.order_by().values_list("content_type__app_label", "codename")
)


def permission_codes(user_id) -> Subquery:
    """The permissions of the user ``user_id`` refers to, their own and their groups', as one
    string of ``app_label.codename`` separated by spaces (NULL for none).

    For a query that authenticates a request and loads its permissions at once.
    """
    return Subquery(
        Permission.objects.filter(Q(user=user_id) | Q(group__user=user_id))
        .order_by()
        .values(everything=Value(None))
        .annotate(
            codes=StringAgg(
                Concat("content_type__app_label", Value("."), "codename", output_field=CharField()),
                delimiter=Value(" "),
            )
        )
        .values("codes")
    )


def remember_permissions(user, codes: str | None) -> None:
    """Give ``user`` the permissions ``permission_codes()`` loaded, so that checking one
    runs no query. A superuser has every permission: the backend loads those."""
    if user.is_active and not user.is_superuser:
        user._perm_cache = set(codes.split()) if codes else set()


class ModelPermissionsBackend(ModelBackend):
    """Django's ModelBackend, loading direct and group permissions together.

    Every API request checks a model permission; with the stock backend that costs two
    queries (the user's own permissions, then their groups'), here one.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = _ALL_PERMISSIONS.rows()
            else:
                rows = _USER_PERMISSIONS.rows(user_id=user_obj.pk)
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
