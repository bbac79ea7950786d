"""A source keeps its URL as entered; the normalised form, which identifies the document,
moves to its own column (``url_normalized``) and carries the uniqueness. URLs stored before
were normalised already: both columns start equal."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def copy_urls(apps, schema_editor):
    for name in ("Source", "HistoricalSource"):
        model = apps.get_model("sources", name)
        model.objects.exclude(url="").update(url_normalized=F("url"))


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0005_withdrawable"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="source",
            name="sources_source_unique_url",
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="url_normalized",
            field=models.CharField(
                blank=True, editable=False, max_length=2100, verbose_name="normalised URL"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="url_normalized",
            field=models.CharField(
                blank=True, editable=False, max_length=2100, verbose_name="normalised URL"
            ),
        ),
        migrations.RunPython(copy_urls, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalsource",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="As entered; empty for a document that was never published.",
                max_length=2000,
                verbose_name="URL",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="As entered; empty for a document that was never published.",
                max_length=2000,
                verbose_name="URL",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url_normalized", ""), _negated=True),
                fields=("url_normalized",),
                name="sources_source_unique_url_normalized",
                violation_error_message="Another source already has this URL.",
            ),
        ),
    ]
