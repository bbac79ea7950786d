from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """The fact-checks of claims: rating scales, reviews and the workflow that publishes them."""

    name = "reviews"
    verbose_name = "Reviews"
