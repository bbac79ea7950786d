"""What each role may do with topics, claims, statements, citations and claim relations.

Viewers and fact-checkers read; contributors and editors also add, change and delete. These
grants were made by core's migrations until version 0.1.
"""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

MODELS = ["topic", "claim", "statement", "citation", "claimrelation"]


def _codenames(actions):
    return [f"{action}_{model}" for model in MODELS for action in actions]


ROLES = {
    "Viewer": _codenames(["view"]),
    "Contributor": _codenames(["view", "add", "change", "delete"]),
    "Fact-checker": _codenames(["view"]),
    "Editor": _codenames(["view", "add", "change", "delete"]),
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "claims", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "claims", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0006_reviews_leave_claims"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
