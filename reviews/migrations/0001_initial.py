"""The reviews app takes over reviews, rating scales, their comments, events and history.

State only: the models were created by ``claims.0004_review`` (and the default scales by
``claims.0005_rating_scales``); here they join this app over the same tables, under their
old names. ``0002_tables_renamed`` then renames the tables and constraints to this app's.
"""

import core.validators
import django.db.models.deletion
import django.utils.timezone
import django_fsm
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("claims", "0006_reviews_leave_claims"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalRatingScale',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('name', models.CharField(db_index=True, max_length=100, validators=[core.validators.validate_storable_text])),
                        ('slug', models.SlugField(max_length=100)),
                        ('description', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('best_value', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('worst_value', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('is_default', models.BooleanField(default=False, help_text='The scale new reviews use unless another is chosen.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'claims_historicalratingscale',
                        'verbose_name': 'historical rating scale',
                        'verbose_name_plural': 'historical rating scales',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='RatingScale',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('name', models.CharField(max_length=100, unique=True, validators=[core.validators.validate_storable_text])),
                        ('slug', models.SlugField(max_length=100, unique=True)),
                        ('description', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('best_value', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('worst_value', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('is_default', models.BooleanField(default=False, help_text='The scale new reviews use unless another is chosen.')),
                    ],
                    options={
                        'db_table': 'claims_ratingscale',
                        'ordering': ['name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('best_value', models.F('worst_value')), _negated=True), name='claims_ratingscale_best_differs_from_worst', violation_error_message='The best and worst values of a scale must differ.'), models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('is_default',), name='claims_ratingscale_one_default', violation_error_message='Another scale is already the default.')],
                    },
                ),
                migrations.CreateModel(
                    name='RatingLabel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('label', models.CharField(max_length=100, validators=[core.validators.validate_storable_text])),
                        ('value', models.DecimalField(blank=True, decimal_places=2, help_text='Its place on the scale; empty for a verdict off the scale (“Unproven”).', max_digits=6, null=True)),
                        ('description', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('colour', models.CharField(default='#777777', help_text='Such as #c0392b.', max_length=7)),
                        ('order', models.PositiveSmallIntegerField(help_text='Position in lists, best first.')),
                        ('scale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='labels', to='reviews.ratingscale')),
                    ],
                    options={
                        'db_table': 'claims_ratinglabel',
                        'ordering': ['scale_id', 'order'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalReview',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('version', models.PositiveSmallIntegerField(default=1, editable=False)),
                        ('state', django_fsm.FSMField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('published', 'Published'), ('corrected', 'Corrected'), ('retracted', 'Retracted')], default='draft', max_length=20, protected=True)),
                        ('due_on', models.DateField(blank=True, null=True)),
                        ('priority', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('urgent', 'Urgent')], default='normal', max_length=8)),
                        ('explanation', models.CharField(blank=True, help_text='The verdict in a sentence or two (ClaimReview ratingExplanation).', max_length=500, validators=[core.validators.validate_storable_text])),
                        ('write_up', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('origin_unavailable_reason', models.TextField(blank=True, help_text='Why a chain cannot reach its primary source (a report never made public).', validators=[core.validators.validate_storable_text])),
                        ('published_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                        ('correction_note', models.TextField(blank=True, help_text='What this version corrects.', validators=[core.validators.validate_storable_text])),
                        ('retraction_reason', models.TextField(blank=True, editable=False, validators=[core.validators.validate_storable_text])),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('approver', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('assignee', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('claim', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('published_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('verdict_author', models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who rated the claim; never its approver.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('rating', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.ratinglabel')),
                        ('scale', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.ratingscale')),
                    ],
                    options={
                        'db_table': 'claims_historicalreview',
                        'verbose_name': 'historical review',
                        'verbose_name_plural': 'historical reviews',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalRatingLabel',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('label', models.CharField(max_length=100, validators=[core.validators.validate_storable_text])),
                        ('value', models.DecimalField(blank=True, decimal_places=2, help_text='Its place on the scale; empty for a verdict off the scale (“Unproven”).', max_digits=6, null=True)),
                        ('description', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('colour', models.CharField(default='#777777', help_text='Such as #c0392b.', max_length=7)),
                        ('order', models.PositiveSmallIntegerField(help_text='Position in lists, best first.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('scale', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.ratingscale')),
                    ],
                    options={
                        'db_table': 'claims_historicalratinglabel',
                        'verbose_name': 'historical rating label',
                        'verbose_name_plural': 'historical rating labels',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('version', models.PositiveSmallIntegerField(default=1, editable=False)),
                        ('state', django_fsm.FSMField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('published', 'Published'), ('corrected', 'Corrected'), ('retracted', 'Retracted')], default='draft', max_length=20, protected=True)),
                        ('due_on', models.DateField(blank=True, null=True)),
                        ('priority', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High'), ('urgent', 'Urgent')], default='normal', max_length=8)),
                        ('explanation', models.CharField(blank=True, help_text='The verdict in a sentence or two (ClaimReview ratingExplanation).', max_length=500, validators=[core.validators.validate_storable_text])),
                        ('write_up', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('origin_unavailable_reason', models.TextField(blank=True, help_text='Why a chain cannot reach its primary source (a report never made public).', validators=[core.validators.validate_storable_text])),
                        ('published_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                        ('correction_note', models.TextField(blank=True, help_text='What this version corrects.', validators=[core.validators.validate_storable_text])),
                        ('retraction_reason', models.TextField(blank=True, editable=False, validators=[core.validators.validate_storable_text])),
                        ('approver', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='approved_reviews', to=settings.AUTH_USER_MODEL)),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_reviews', to=settings.AUTH_USER_MODEL)),
                        ('claim', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='claims.claim')),
                        ('evidence', models.ManyToManyField(blank=True, help_text='Citations the verdict rests on.', related_name='reviews', to='claims.citation')),
                        ('previous', models.OneToOneField(blank=True, editable=False, help_text='The published version this one corrects.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='correction', to='reviews.review')),
                        ('published_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='published_reviews', to=settings.AUTH_USER_MODEL)),
                        ('rating', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='reviews.ratinglabel')),
                        ('scale', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='reviews.ratingscale')),
                        ('verdict_author', models.ForeignKey(blank=True, editable=False, help_text='Who rated the claim; never its approver.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='authored_verdicts', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'claims_review',
                        'ordering': ['-updated_at', '-id'],
                        'permissions': [('submit_review', 'Can submit a claim for review'), ('check_review', 'Can check and rate claims'), ('assign_review', 'Can assign reviews'), ('approve_review', 'Can approve verdicts'), ('publish_review', 'Can publish, correct and retract verdicts')],
                    },
                    bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalReviewComment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                        ('text', models.TextField(validators=[core.validators.validate_storable_text])),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review')),
                    ],
                    options={
                        'db_table': 'claims_historicalreviewcomment',
                        'verbose_name': 'historical review comment',
                        'verbose_name_plural': 'historical review comments',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalReview_evidence',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('citation', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.citation')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='reviews.historicalreview')),
                        ('review', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review')),
                    ],
                    options={
                        'db_table': 'claims_historicalreview_evidence',
                        'verbose_name': 'HistoricalReview_evidence',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='historicalreview',
                    name='previous',
                    field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The published version this one corrects.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review'),
                ),
                migrations.CreateModel(
                    name='ReviewComment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                        ('text', models.TextField(validators=[core.validators.validate_storable_text])),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='reviews.review')),
                    ],
                    options={
                        'db_table': 'claims_reviewcomment',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('action', models.CharField(max_length=32)),
                        ('from_state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('published', 'Published'), ('corrected', 'Corrected'), ('retracted', 'Retracted')], max_length=20)),
                        ('to_state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_review', 'In review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('published', 'Published'), ('corrected', 'Corrected'), ('retracted', 'Retracted')], max_length=20)),
                        ('comment', models.TextField(blank=True, validators=[core.validators.validate_storable_text])),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='reviews.review')),
                    ],
                    options={
                        'db_table': 'claims_reviewevent',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='ratinglabel',
                    constraint=models.UniqueConstraint(fields=('scale', 'label'), name='claims_ratinglabel_unique_scale_label', violation_error_message='This scale already has this label.'),
                ),
                migrations.AddConstraint(
                    model_name='ratinglabel',
                    constraint=models.UniqueConstraint(fields=('scale', 'order'), name='claims_ratinglabel_unique_scale_order', violation_error_message='Another label of this scale has this position.'),
                ),
                migrations.AddConstraint(
                    model_name='ratinglabel',
                    constraint=models.CheckConstraint(condition=models.Q(('colour__regex', '^#[0-9a-fA-F]{6}$')), name='claims_ratinglabel_colour_format', violation_error_message='A colour is # and six hexadecimal digits.'),
                ),
                migrations.AddIndex(
                    model_name='review',
                    index=models.Index(fields=['state', 'priority', 'due_on'], name='claims_revi_state_aee4d0_idx'),
                ),
                migrations.AddIndex(
                    model_name='review',
                    index=models.Index(fields=['assignee', 'state'], name='claims_revi_assigne_9fbf50_idx'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='claims_review_state_valid', violation_error_message='state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('priority__in', ['low', 'normal', 'high', 'urgent'])), name='claims_review_priority_valid', violation_error_message='priority must be one of: low, normal, high, urgent.'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.UniqueConstraint(fields=('claim', 'version'), name='claims_review_unique_claim_version'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.UniqueConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved'])), fields=('claim',), name='claims_review_one_open_per_claim', violation_error_message='This claim already has a review in progress.'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.UniqueConstraint(condition=models.Q(('state', 'published')), fields=('claim',), name='claims_review_one_published_per_claim', violation_error_message='This claim already has a published verdict.'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('approver__isnull', True), ('verdict_author__isnull', True), models.Q(('approver', models.F('verdict_author')), _negated=True), _connector='OR'), name='claims_review_four_eyes', violation_error_message='The approver cannot be the author of the verdict.'),
                ),
                migrations.AddConstraint(
                    model_name='reviewevent',
                    constraint=models.CheckConstraint(condition=models.Q(('from_state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='claims_reviewevent_from_state_valid', violation_error_message='from_state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
                ),
                migrations.AddConstraint(
                    model_name='reviewevent',
                    constraint=models.CheckConstraint(condition=models.Q(('to_state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='claims_reviewevent_to_state_valid', violation_error_message='to_state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
                ),
            ],
        )
    ]
