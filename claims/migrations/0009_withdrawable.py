"""Claims, statements and citations are withdrawn (who, when, why) rather than deleted once
published."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_quote_length_limit'),
        ('sources', '0005_withdrawable'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='citation',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='citation',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='citation',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='claim',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='claim',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='claim',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalcitation',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='historicalcitation',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalcitation',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawal_reason',
            field=models.TextField(blank=True, editable=False, help_text='Why it was withdrawn, shown beside it.'),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='statement',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='citation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawal_reason', ''), ('withdrawn_at__isnull', True)), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='claims_citation_withdrawn_with_a_reason', violation_error_message='A withdrawal needs its reason, and only a withdrawal has one.'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawal_reason', ''), ('withdrawn_at__isnull', True)), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='claims_claim_withdrawn_with_a_reason', violation_error_message='A withdrawal needs its reason, and only a withdrawal has one.'),
        ),
        migrations.AddConstraint(
            model_name='statement',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawal_reason', ''), ('withdrawn_at__isnull', True)), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='claims_statement_withdrawn_with_a_reason', violation_error_message='A withdrawal needs its reason, and only a withdrawal has one.'),
        ),
    ]
