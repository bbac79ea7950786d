"""The filled identifiers become unique and required; new rows draw a uuid4."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_uuid_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
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
            model_name="historicalclaim",
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
            model_name="statement",
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
            model_name="historicalstatement",
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
            model_name="citation",
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
            model_name="historicalcitation",
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
            model_name="claimrelation",
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
            model_name="historicalclaimrelation",
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
