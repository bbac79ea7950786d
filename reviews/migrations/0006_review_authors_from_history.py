"""Existing versions get their authors from their history: whoever changed their rating,
explanation, write-up or correction note, their verdict's author, and for a correction the
authors of the version it corrects (whose words it carries over)."""

from django.db import migrations

AUTHORED = ("rating_id", "explanation", "write_up", "correction_note")


def name_authors(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    HistoricalReview = apps.get_model("reviews", "HistoricalReview")
    authors: dict[int, set[int]] = {}
    previous: dict[int, tuple] = {}
    rows = HistoricalReview.objects.order_by("id", "history_date", "history_id")
    for row in rows.values("id", "history_user_id", *AUTHORED):
        words = tuple(row[name] for name in AUTHORED)
        before = previous.get(row["id"], (None, "", "", ""))
        if words != before and row["history_user_id"] is not None:
            authors.setdefault(row["id"], set()).add(row["history_user_id"])
        previous[row["id"]] = words
    # Earlier versions first, so that a correction inherits its predecessor's authors.
    for review in Review.objects.order_by("claim_id", "version"):
        users = authors.setdefault(review.pk, set())
        if review.verdict_author_id is not None:
            users.add(review.verdict_author_id)
        if review.previous_id is not None:
            users |= authors.get(review.previous_id, set())
        if users:
            review.authors.add(*users)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_review_authors")]

    operations = [migrations.RunPython(name_authors, migrations.RunPython.noop)]
