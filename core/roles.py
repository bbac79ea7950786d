"""Roles: the groups that model permissions are granted to (Viewer, Contributor, Fact-checker,
Editor).

Each app grants its own models' permissions to the roles in a data migration of its own
(``<app>/migrations/*_roles.py``), with ``grant_permissions``; a role is created the first time
an app grants it anything. What each role may do is the sum of those grants.
"""

from django.contrib.auth.management import create_permissions


def _ensure_permissions(apps, app_label: str) -> None:
    """Permissions are normally created after migrations; a role needs them now."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Give each role of ``grants`` (created if missing) these permissions of ``app_label``.

    ``grants`` maps a role's name to permission codenames (``view_claim``, ``submit_review``).
    Granting again changes nothing.
    """
    _ensure_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def revoke_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Undo ``grant_permissions``; a role left with no permission at all is deleted."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=grants):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=grants[group.name]
            )
        )
        if not group.permissions.exists():
            group.delete()
