"""The migration that stores ``first_published_at`` fills it for the versions published
before it: an original's own publication, a correction's chain start, none for the rest."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("reviews", "0013_external_fact_check_roles")
DAY = datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True)
def test_published_versions_get_their_chains_first_publication(migration_data):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [BEFORE if app == BEFORE[0] else (app, name) for app, name in latest]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Claim = apps.get_model("claims", "Claim")
    RatingScale = apps.get_model("reviews", "RatingScale")
    Review = apps.get_model("reviews", "Review")
    scale = RatingScale.objects.first()

    def review(claim, version, state, published_at=None, previous=None):
        return Review.objects.create(
            claim=claim, version=version, state=state, scale=scale,
            published_at=published_at, previous=previous,
        )  # fmt: skip

    corrected_twice = Claim.objects.create(text="Corrected twice")
    original = review(corrected_twice, 1, "corrected", DAY)
    second = review(corrected_twice, 2, "corrected", DAY + datetime.timedelta(days=3), original)
    third = review(corrected_twice, 3, "published", DAY + datetime.timedelta(days=9), second)
    republished = Claim.objects.create(text="Retracted, then published anew")
    retracted = review(republished, 1, "retracted", DAY)
    anew = review(republished, 2, "published", DAY + datetime.timedelta(days=30))
    draft = review(Claim.objects.create(text="Still a draft"), 1, "draft")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)

    from reviews.models import Review as CurrentReview

    first = dict(CurrentReview.objects.values_list("pk", "first_published_at"))
    assert first[original.pk] == first[second.pk] == first[third.pk] == DAY
    assert first[retracted.pk] == DAY
    assert first[anew.pk] == DAY + datetime.timedelta(days=30)
    assert first[draft.pk] is None
