"""Reviews, rating scales and their history leave the claims app for the reviews app.

State only: the tables stay as they are here. ``reviews.0001_initial`` takes the models over
with their tables, and ``reviews.0002_tables_renamed`` renames the tables to the new app.
"""

from django.db import migrations

# Dependents first, so that no model left in the state refers to one already removed.
MOVED = [
    "HistoricalReview_evidence",
    "HistoricalReviewComment",
    "ReviewComment",
    "ReviewEvent",
    "HistoricalReview",
    "Review",
    "HistoricalRatingLabel",
    "RatingLabel",
    "HistoricalRatingScale",
    "RatingScale",
]


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_rating_scales")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        )
    ]
