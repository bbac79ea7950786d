"""A review version names everyone who wrote its verdict (authors), not only its rater."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0004_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='review',
            name='authors',
            field=models.ManyToManyField(blank=True, help_text="Everyone who wrote this version's rating, explanation, write-up or correction note; none of them may approve it.", related_name='authored_reviews', to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name='HistoricalReview_authors',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='reviews.historicalreview')),
                ('review', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'HistoricalReview_authors',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
