"""A quote is at most 10,000 characters (claims.quotes.QUOTE_MAX_LENGTH)."""

import core.validators
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0007_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='citation',
            name='quote',
            field=models.TextField(blank=True, help_text='The exact words, as they stand in the source.', validators=[core.validators.validate_storable_text, django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='historicalcitation',
            name='quote',
            field=models.TextField(blank=True, help_text='The exact words, as they stand in the source.', validators=[core.validators.validate_storable_text, django.core.validators.MaxLengthValidator(10000)]),
        ),
    ]
