"""Who may work the match queue: every role sees the candidate pairs; fact-checkers and
editors decide them (confirm: the claims are the same; dismiss: never suggest them again); editors
also start a search for new pairs from the admin."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

MODELS = ["matchcandidate"]
VIEW = ["view_matchcandidate"]
DECIDE = [*VIEW, "change_matchcandidate"]

ROLES = {
    "Viewer": VIEW,
    "Contributor": VIEW,
    "Fact-checker": DECIDE,
    "Editor": [*DECIDE, "find_matchcandidates"],
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "reviews", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "reviews", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reviews", "0010_match_candidates"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
