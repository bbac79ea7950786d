"""A snapshot's text is at most 2,000,000 characters (sources.models.SNAPSHOT_MAX_LENGTH)."""

import core.validators
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0003_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalsnapshot',
            name='text',
            field=models.TextField(validators=[core.validators.validate_storable_text, django.core.validators.MaxLengthValidator(2000000)]),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='text',
            field=models.TextField(validators=[core.validators.validate_storable_text, django.core.validators.MaxLengthValidator(2000000)]),
        ),
    ]
