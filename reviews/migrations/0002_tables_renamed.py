"""The moved models' tables, indexes and constraints take the reviews app's names.

Renaming keeps every row: tables are renamed in place (a many-to-many table goes with its
model), indexes renamed, and each named constraint is dropped and added again under its new
name (a constraint cannot be renamed on every database).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0006_reviews_leave_claims'),
        ('reviews', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelTable(
            name='historicalratinglabel',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalratingscale',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalreview',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalreview_evidence',
            table=None,
        ),
        migrations.AlterModelTable(
            name='historicalreviewcomment',
            table=None,
        ),
        migrations.AlterModelTable(
            name='ratinglabel',
            table=None,
        ),
        migrations.AlterModelTable(
            name='ratingscale',
            table=None,
        ),
        migrations.AlterModelTable(
            name='review',
            table=None,
        ),
        migrations.AlterModelTable(
            name='reviewcomment',
            table=None,
        ),
        migrations.AlterModelTable(
            name='reviewevent',
            table=None,
        ),
        migrations.RenameIndex(
            model_name='review',
            new_name='reviews_review_queue_idx',
            old_name='claims_revi_state_aee4d0_idx',
        ),
        migrations.RenameIndex(
            model_name='review',
            new_name='reviews_review_assignee_idx',
            old_name='claims_revi_assigne_9fbf50_idx',
        ),
        migrations.RemoveConstraint(
            model_name='ratinglabel',
            name='claims_ratinglabel_unique_scale_label',
        ),
        migrations.RemoveConstraint(
            model_name='ratinglabel',
            name='claims_ratinglabel_unique_scale_order',
        ),
        migrations.RemoveConstraint(
            model_name='ratinglabel',
            name='claims_ratinglabel_colour_format',
        ),
        migrations.RemoveConstraint(
            model_name='ratingscale',
            name='claims_ratingscale_best_differs_from_worst',
        ),
        migrations.RemoveConstraint(
            model_name='ratingscale',
            name='claims_ratingscale_one_default',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_state_valid',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_priority_valid',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_unique_claim_version',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_one_open_per_claim',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_one_published_per_claim',
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='claims_review_four_eyes',
        ),
        migrations.RemoveConstraint(
            model_name='reviewevent',
            name='claims_reviewevent_from_state_valid',
        ),
        migrations.RemoveConstraint(
            model_name='reviewevent',
            name='claims_reviewevent_to_state_valid',
        ),
        migrations.AddConstraint(
            model_name='ratinglabel',
            constraint=models.UniqueConstraint(fields=('scale', 'label'), name='reviews_ratinglabel_unique_scale_label', violation_error_message='This scale already has this label.'),
        ),
        migrations.AddConstraint(
            model_name='ratinglabel',
            constraint=models.UniqueConstraint(fields=('scale', 'order'), name='reviews_ratinglabel_unique_scale_order', violation_error_message='Another label of this scale has this position.'),
        ),
        migrations.AddConstraint(
            model_name='ratinglabel',
            constraint=models.CheckConstraint(condition=models.Q(('colour__regex', '^#[0-9a-fA-F]{6}$')), name='reviews_ratinglabel_colour_format', violation_error_message='A colour is # and six hexadecimal digits.'),
        ),
        migrations.AddConstraint(
            model_name='ratingscale',
            constraint=models.CheckConstraint(condition=models.Q(('best_value', models.F('worst_value')), _negated=True), name='reviews_ratingscale_best_differs_from_worst', violation_error_message='The best and worst values of a scale must differ.'),
        ),
        migrations.AddConstraint(
            model_name='ratingscale',
            constraint=models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('is_default',), name='reviews_ratingscale_one_default', violation_error_message='Another scale is already the default.'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='reviews_review_state_valid', violation_error_message='state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=models.Q(('priority__in', ['low', 'normal', 'high', 'urgent'])), name='reviews_review_priority_valid', violation_error_message='priority must be one of: low, normal, high, urgent.'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(fields=('claim', 'version'), name='reviews_review_unique_claim_version'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved'])), fields=('claim',), name='reviews_review_one_open_per_claim', violation_error_message='This claim already has a review in progress.'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'published')), fields=('claim',), name='reviews_review_one_published_per_claim', violation_error_message='This claim already has a published verdict.'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=models.Q(('approver__isnull', True), ('verdict_author__isnull', True), models.Q(('approver', models.F('verdict_author')), _negated=True), _connector='OR'), name='reviews_review_four_eyes', violation_error_message='The approver cannot be the author of the verdict.'),
        ),
        migrations.AddConstraint(
            model_name='reviewevent',
            constraint=models.CheckConstraint(condition=models.Q(('from_state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='reviews_reviewevent_from_state_valid', violation_error_message='from_state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
        ),
        migrations.AddConstraint(
            model_name='reviewevent',
            constraint=models.CheckConstraint(condition=models.Q(('to_state__in', ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted'])), name='reviews_reviewevent_to_state_valid', violation_error_message='to_state must be one of: draft, submitted, in_review, changes_requested, approved, published, corrected, retracted.'),
        ),
    ]
