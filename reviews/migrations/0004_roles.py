"""What each role may do with reviews: everyone reads them; contributors open and submit
them, fact-checkers also check and rate, editors assign, approve, publish, correct and
retract, and configure the rating scales.

These grants were made by core's migrations until version 0.1; on a database that has them,
granting again changes nothing.
"""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

MODELS = ["review", "reviewcomment", "ratingscale", "ratinglabel", "reviewevent"]
VIEW_ALL = [f"view_{model}" for model in MODELS]
OPEN_AND_SUBMIT = ["add_review", "change_review", "add_reviewcomment", "submit_review"]

ROLES = {
    "Viewer": VIEW_ALL,
    "Contributor": [*VIEW_ALL, *OPEN_AND_SUBMIT],
    "Fact-checker": [*VIEW_ALL, *OPEN_AND_SUBMIT, "check_review"],
    "Editor": [
        *VIEW_ALL,
        *(
            f"{action}_{model}"
            for model in ["review", "reviewcomment", "ratingscale", "ratinglabel"]
            for action in ["add", "change"]
        ),
        "submit_review",
        "check_review",
        "assign_review",
        "approve_review",
        "publish_review",
    ],
}


def grant_roles(apps, schema_editor):
    grant_permissions(apps, "reviews", ROLES)


def revoke_roles(apps, schema_editor):
    revoke_permissions(apps, "reviews", ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reviews", "0003_content_types"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
