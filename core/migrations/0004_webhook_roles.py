"""Who may manage webhook subscriptions: editors (and superusers). A subscription sends every
change it asks for to an outside address, so other roles may not see or make one."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

ROLES = {
    "Editor": [
        "view_webhooksubscription",
        "add_webhooksubscription",
        "change_webhooksubscription",
        "delete_webhooksubscription",
        "view_webhookdelivery",
    ],
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "core", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "core", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0003_change_feed_webhooks"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
