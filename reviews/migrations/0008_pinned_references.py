"""Which rows of the record each pinned version names, so that they are withdrawn, not deleted."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0007_pinned_versions'),
    ]

    operations = [
        migrations.CreateModel(
            name='PinnedReference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('model', models.CharField(help_text="The row's model, such as claims.statement.", max_length=64)),
                ('object_id', models.PositiveBigIntegerField()),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pinned_references', to='reviews.review')),
            ],
            options={
                'indexes': [models.Index(fields=['model', 'object_id'], name='reviews_pinned_object_idx')],
                'constraints': [models.UniqueConstraint(fields=('review', 'model', 'object_id'), name='reviews_pinnedreference_unique_review_object')],
            },
        ),
    ]
