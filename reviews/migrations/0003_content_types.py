"""The moved models' content types follow them to the reviews app.

Permissions hang on content types, so every grant of a review permission to a role or a
user (``claims.approve_review`` becomes ``reviews.approve_review``), and every admin log
entry, is carried over as it is.
"""

from django.db import migrations

MOVED = [
    "review",
    "ratingscale",
    "ratinglabel",
    "reviewcomment",
    "reviewevent",
    "historicalreview",
    "historicalratingscale",
    "historicalratinglabel",
    "historicalreviewcomment",
    "historicalreview_evidence",
]


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        moving = ContentType.objects.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A content type already made under the new label (by an earlier migrate that
        # stopped short of this one) holds nothing yet: it makes way, with its permissions.
        ContentType.objects.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _move(apps, "claims", "reviews")


def backwards(apps, schema_editor):
    _move(apps, "reviews", "claims")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0002_tables_renamed"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
