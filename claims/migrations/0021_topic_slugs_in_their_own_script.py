"""A topic's slug may be in its name's own script (``allow_unicode``).

Only validation changes: the column, its unique index and its pattern index stay as they
are, so the change is made to the migration state alone (on SQLite, an ``AlterField`` would
copy both topic tables row by row to change nothing).
"""

from django.db import migrations, models

SLUG = {
    "allow_unicode": True,
    "blank": True,
    "help_text": "Made from the name, in its own script, when left blank.",
    "max_length": 100,
}


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0020_quote_document_reads_by_claim"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicaltopic",
                    name="slug",
                    field=models.SlugField(db_index=False, **SLUG),
                ),
                migrations.AlterField(
                    model_name="topic",
                    name="slug",
                    field=models.SlugField(unique=True, **SLUG),
                ),
            ],
        ),
    ]
