"""Review roles: Fact-checkers check and rate, Editors approve, publish, correct and retract.

Contributors also submit claims for review; Viewers also read reviews.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEW_MODELS = ["review", "reviewcomment", "ratingscale", "ratinglabel", "reviewevent"]
RECORD_MODELS = {
    "sources": ["actor", "alias", "source", "snapshot"],
    "claims": ["topic", "claim", "statement", "citation", "claimrelation"],
}


def _codenames(models, actions):
    return [f"{action}_{model}" for model in models for action in actions]


ROLES = {
    "Viewer": _codenames(REVIEW_MODELS, ["view"]),
    "Contributor": [
        *_codenames(REVIEW_MODELS, ["view"]),
        "add_review",
        "change_review",
        "add_reviewcomment",
        "submit_review",
    ],
    "Fact-checker": [
        *_codenames(RECORD_MODELS["sources"] + RECORD_MODELS["claims"], ["view"]),
        *_codenames(REVIEW_MODELS, ["view"]),
        "add_review",
        "change_review",
        "add_reviewcomment",
        "submit_review",
        "check_review",
    ],
    "Editor": [
        *_codenames(RECORD_MODELS["sources"] + RECORD_MODELS["claims"], ["view", "add", "change"]),
        *_codenames(["actor", "alias", "source", "topic", "claim", "statement"], ["delete"]),
        *_codenames(["citation", "claimrelation", "snapshot"], ["delete"]),
        *_codenames(REVIEW_MODELS, ["view"]),
        *_codenames(["review", "reviewcomment", "ratingscale", "ratinglabel"], ["add", "change"]),
        "submit_review",
        "check_review",
        "assign_review",
        "approve_review",
        "publish_review",
    ],
}


def grant_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["sources", "claims"], codename__in=codenames
            )
        )


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    review_permissions = Permission.objects.filter(
        content_type__app_label="claims", content_type__model__in=REVIEW_MODELS
    )
    for group in Group.objects.filter(name__in=["Viewer", "Contributor"]):
        group.permissions.remove(*review_permissions)
    Group.objects.filter(name__in=["Fact-checker", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_roles"),
        ("claims", "0005_rating_scales"),
    ]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
