"""Actors and sources are withdrawn (who, when, why) rather than deleted once published."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0004_snapshot_length_limit'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='actor',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='actor',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='actor',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='source',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='source',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='source',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='actor',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawal_reason', ''), ('withdrawn_at__isnull', True)), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='sources_actor_withdrawn_with_a_reason', violation_error_message='A withdrawal needs its reason, and only a withdrawal has one.'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawal_reason', ''), ('withdrawn_at__isnull', True)), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='sources_source_withdrawn_with_a_reason', violation_error_message='A withdrawal needs its reason, and only a withdrawal has one.'),
        ),
    ]
