"""Template helpers of the public site."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def publisher_name() -> str:
    """The organisation that publishes the fact-checks (``CLAIMTRACK_PUBLISHER_NAME``)."""
    return settings.CLAIMTRACK_PUBLISHER_NAME


@register.filter
def public_url(source) -> str:
    """The source's address if readers may follow it (``claims.publication.public_url``)."""
    from claims.publication import public_url as url_of

    return url_of(source)


@register.filter
def public_archive_url(source) -> str:
    from claims.publication import public_archive_url as archive_url_of

    return archive_url_of(source)


@register.filter
def public_quote(citation) -> str:
    """The citation's quote if its source is public (``claims.publication.public_quote``)."""
    from claims.publication import public_quote as quote_of

    return quote_of(citation)
