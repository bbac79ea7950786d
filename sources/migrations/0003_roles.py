"""What each role may do with actors, aliases, sources and snapshots.

Viewers and fact-checkers read; contributors and editors also add, change and delete, except
that nobody but an editor holds the change permission of a snapshot (snapshots are immutable
whoever asks). These grants were made by core's migrations until version 0.1.
"""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

MODELS = ["actor", "alias", "source", "snapshot"]
# Snapshots are immutable: a contributor does not get to change one.
IMMUTABLE = {"snapshot"}


def _codenames(actions, models=MODELS):
    return [
        f"{action}_{model}"
        for model in models
        for action in actions
        if not (action == "change" and model in IMMUTABLE)
    ]


ROLES = {
    "Viewer": _codenames(["view"]),
    "Contributor": _codenames(["view", "add", "change", "delete"]),
    "Fact-checker": _codenames(["view"]),
    "Editor": [*_codenames(["view", "add", "delete"]), *(f"change_{model}" for model in MODELS)],
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "sources", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "sources", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0002_snapshot_sha256_index"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
