"""Roles as groups: Viewer reads the record, Contributor creates and edits it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORD_MODELS = {
    "sources": ["actor", "alias", "source", "snapshot"],
    "claims": ["topic", "claim", "statement", "citation", "claimrelation"],
}
# Snapshots are immutable: nobody gets to change one.
IMMUTABLE = {("sources", "snapshot")}
ROLES = {
    "Viewer": ["view"],
    "Contributor": ["view", "add", "change", "delete"],
}


def _ensure_permissions(apps):
    """Permissions are normally created after migrations; the roles need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            f"{action}_{model}"
            for app_label, models in RECORD_MODELS.items()
            for model in models
            for action in actions
            if not (action == "change" and (app_label, model) in IMMUTABLE)
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=RECORD_MODELS, codename__in=codenames
            )
        )


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_api_tokens"),
        ("sources", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
