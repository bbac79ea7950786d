from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReviewsConfig(AppConfig):
    """The fact-checks of claims: rating scales, reviews and the workflow that publishes them."""

    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from core import changes

        from . import signals

        signals.connect()
        # The change feed's collections: the API's names (reviews/api/urls.py); labels and
        # comments are shown inside their scale and review.
        changes.register("reviews.RatingScale", "rating-scales")
        changes.register("reviews.RatingLabel", "rating-scales", parent="scale")
        changes.register("reviews.Review", "reviews")
        changes.register("reviews.ReviewComment", "reviews", parent="review")
        changes.register("reviews.MatchCandidate", "match-candidates")
        changes.register("reviews.ExternalFactCheck", "external-fact-checks")
        changes.register("reviews.ExternalRatingMapping", "rating-mappings")
        post_migrate.connect(pin_versions_approved_before_pinning, sender=self)
        register_matching_texts()


def register_matching_texts():
    """Matching finds a claim by the headlines of its fact-checks published elsewhere, and by
    the claim in their publishers' words, as well as by its own text."""
    from django.db.models import Exists, OuterRef

    from claims import matching

    from .models import ExternalFactCheck
    from .services import external_fact_check_texts

    matching.register(
        matching.TextSource(
            name="external_fact_check",
            texts=external_fact_check_texts,
            exists=lambda: Exists(ExternalFactCheck.objects.filter(claim_id=OuterRef("pk"))),
        )
    )


def pin_versions_approved_before_pinning(using, **kwargs):
    """Pin the versions approved before approval pinned anything (up to version 0.2).

    They are pinned from the record as it stands when the database is migrated, the nearest
    to what was approved that is left. Run after migrations rather than in one, so that it
    always reads the record with the models as they are; a database with nothing to pin
    costs one query.
    """
    from core.services import instance_save

    from .choices import ReviewState
    from .models import Review
    from .services import (
        WATCHED_STATES,
        pinned_records_recheck,
        pinned_references_save,
        review_pin,
    )

    unpinned = Review.objects.using(using).filter(
        state__in=[*ReviewState.public(), ReviewState.APPROVED], pinned__isnull=True
    )
    pinned = []
    for review in unpinned.order_by("pk"):
        review_pin(review)
        instance_save(instance=review, reason="pinned by the migration to version 0.3")
        pinned_references_save(review)
        pinned.append(review)
    pinned_records_recheck(reviews=[review for review in pinned if review.state in WATCHED_STATES])
