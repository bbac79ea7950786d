"""Who may record fact-checks published elsewhere, and map their ratings to the desk's scales.

Every role reads both. Contributors and editors record fact-checks by others (data entry, as
for claims); fact-checkers and editors map other publishers' ratings to the desk's labels
(what a rating means is a fact-checker's judgement); editors may do all of it.
"""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions


def _codenames(model, actions):
    return [f"{action}_{model}" for action in actions]


VIEW = _codenames("externalfactcheck", ["view"]) + _codenames("externalratingmapping", ["view"])
RECORD = _codenames("externalfactcheck", ["add", "change", "delete"])
MAP = _codenames("externalratingmapping", ["add", "change", "delete"])

ROLES = {
    "Viewer": VIEW,
    "Contributor": [*VIEW, *RECORD],
    "Fact-checker": [*VIEW, *MAP],
    "Editor": [*VIEW, *RECORD, *MAP],
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "reviews", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "reviews", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reviews", "0012_external_fact_checks"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
