"""Approval pins what a verdict rests on; a check keeps whether the record changed since.

Versions approved before this migration are pinned right after it, by the reviews app's
post_migrate handler (``reviews.apps.pin_versions_approved_before_pinning``).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0006_review_authors_from_history'),
    ]

    operations = [
        migrations.CreateModel(
            name='PinnedRecordCheck',
            fields=[
                ('review', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='record_check', serialize=False, to='reviews.review')),
                ('live_sha256', models.CharField(max_length=64)),
                ('changed', models.BooleanField(db_index=True, default=False)),
                ('checked_at', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'pinned record check',
            },
        ),
        migrations.AddField(
            model_name='historicalreview',
            name='pinned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalreview',
            name='pinned_sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='pinned SHA-256'),
        ),
        migrations.AddField(
            model_name='review',
            name='pinned',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='review',
            name='pinned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='review',
            name='pinned_sha256',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='pinned SHA-256'),
        ),
    ]
