from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """The public site of published fact-checks and their ClaimReview; no models of its own."""

    name = "publication"
    verbose_name = "Publication"
