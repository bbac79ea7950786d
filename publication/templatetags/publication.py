"""Template helpers of the public site."""

from django import template
from django.conf import settings

from publication import selectors

register = template.Library()


@register.simple_tag
def publisher_name() -> str:
    """The organisation that publishes the fact-checks (``CLAIMTRACK_PUBLISHER_NAME``)."""
    return settings.CLAIMTRACK_PUBLISHER_NAME


@register.filter
def public_url(source) -> str:
    """The source's address if readers may follow it (``selectors.public_url``)."""
    return selectors.public_url(source)


@register.filter
def public_archive_url(source) -> str:
    return selectors.public_archive_url(source)


@register.filter
def public_quote(citation) -> str:
    """The citation's quote if its source is public (``selectors.public_quote``)."""
    return selectors.public_quote(citation)
