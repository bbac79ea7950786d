"""An index of statements by actor and claim: an actor's claims, newest first, from it alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_uuid_unique"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["actor", "claim"], name="claims_statement_actor_claim"),
        ),
    ]
