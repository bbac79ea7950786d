"""Every existing row gets a distinct uuid4; history rows get their object's."""

from django.db import migrations

from core.uuids import fill_uuids

MODELS = ["Actor", "Alias", "Source", "Snapshot"]


def fill(apps, schema_editor):
    fill_uuids(apps, schema_editor, "sources", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0007_uuid_add"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
