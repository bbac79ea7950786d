"""What the tests of ClaimReview imports share: a review's markup, and the rows an import
writes."""

from django.apps import apps

from claims.models import Citation, Claim, Statement
from reviews.models import ExternalFactCheck
from sources.models import Actor, Source


def review(url: str = "https://factcheck.example/a", **fields) -> dict:
    """A ClaimReview object; ``fields`` replace or add to it."""
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The moon landing footage was filmed in a studio in Nevada.",
        "headline": "No, the footage was not filmed in Nevada",
        "datePublished": "2021-03-04",
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Jane Poster"},
            "datePublished": "2021-03-01",
        },
    }
    data.update(fields)
    return data


def history_rows() -> int:
    """Every history row of every model."""
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def record_rows() -> dict:
    """The rows of each model an import writes."""
    return {
        model.__name__: model.objects.count()
        for model in (ExternalFactCheck, Claim, Statement, Actor, Source, Citation)
    }
