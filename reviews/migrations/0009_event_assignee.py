"""Review events name whom they assigned the review to; earlier events learn it from the
review's history (its assignee just after the event)."""

from bisect import bisect_right

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ASSIGNING = ("open", "assign", "start")


def name_assignees(apps, schema_editor):
    ReviewEvent = apps.get_model("reviews", "ReviewEvent")
    HistoricalReview = apps.get_model("reviews", "HistoricalReview")
    # Each review's assignee over time: (history date, assignee id), oldest first.
    timelines: dict[int, list[tuple]] = {}
    rows = HistoricalReview.objects.order_by("id", "history_date", "history_id")
    for review_id, at, assignee_id in rows.values_list("id", "history_date", "assignee_id"):
        timelines.setdefault(review_id, []).append((at, assignee_id))
    events = ReviewEvent.objects.filter(action__in=ASSIGNING).order_by("id")
    for event in events.iterator(chunk_size=2000):
        timeline = timelines.get(event.review_id, [])
        # The event is written after the review's row, in the same transaction.
        index = bisect_right([at for at, _ in timeline], event.at) - 1
        if index < 0:
            continue
        now = timeline[index][1]
        before = timeline[index - 1][1] if index > 0 and event.action == "start" else None
        if now is not None and (event.action == "assign" or before is None):
            ReviewEvent.objects.filter(pk=event.pk).update(assignee_id=now)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_pinned_references"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewevent",
            name="assignee",
            field=models.ForeignKey(
                blank=True,
                help_text="Whom the event assigned the review to, when it did.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(name_assignees, migrations.RunPython.noop),
    ]
