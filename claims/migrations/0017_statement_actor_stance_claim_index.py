"""Statements indexed by actor, stance and claim: the claims an actor denied, newest first,
from the index alone (?denied_by=). It covers the index by actor and stance it replaces."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_statement_actor_claim_index"),
        ("sources", "0010_snapshot_captured_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["actor", "stance", "claim"], name="claims_statement_actor_stance"
            ),
        ),
        migrations.RemoveIndex(
            model_name="statement",
            name="claims_stat_actor_i_852657_idx",
        ),
    ]
