"""Every existing row gets a distinct uuid4; history rows get their object's."""

from django.db import migrations

from core.uuids import fill_uuids

MODELS = ["Claim", "Statement", "Citation", "ClaimRelation"]


def fill(apps, schema_editor):
    fill_uuids(apps, schema_editor, "claims", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_uuid_add"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
