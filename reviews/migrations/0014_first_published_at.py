"""When each published verdict first went public, stored on its versions for the public list.

The public list and the DataFeed order the published verdicts by it, newest first, from a
partial index of the published versions; computing it per row (a correction reads its
chain's start) had them sort every published verdict for each page.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def fill_first_published_at(apps, schema_editor):
    """An original version's is its own publication; a correction's, its previous one's."""
    Review = apps.get_model("reviews", "Review")
    published = Review.objects.filter(published_at__isnull=False)
    published.filter(previous__isnull=True).update(first_published_at=F("published_at"))
    previous = Review.objects.filter(pk=OuterRef("previous_id")).values("first_published_at")
    while published.filter(
        first_published_at__isnull=True, previous__first_published_at__isnull=False
    ).update(first_published_at=Subquery(previous[:1])):
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_statement_actor_claim_index"),
        ("reviews", "0013_external_fact_check_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalreview",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the verdict this version carries first went public: its own publication, or for a correction the publication of the version its chain starts at.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the verdict this version carries first went public: its own publication, or for a correction the publication of the version its chain starts at.",
                null=True,
            ),
        ),
        migrations.RunPython(fill_first_published_at, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                models.OrderBy(models.F("first_published_at"), descending=True),
                models.OrderBy(models.F("claim_id"), descending=True),
                condition=models.Q(("state", "published")),
                name="reviews_review_public_list_idx",
            ),
        ),
    ]
