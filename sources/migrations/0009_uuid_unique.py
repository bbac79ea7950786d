"""The filled identifiers become unique and required; new rows draw a uuid4."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0008_uuid_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actor",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                unique=True,
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="historicalactor",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="alias",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                unique=True,
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="historicalalias",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                unique=True,
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="snapshot",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                unique=True,
                verbose_name="UUID",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsnapshot",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier, the same in every copy of the record.",
                verbose_name="UUID",
            ),
        ),
    ]
