"""schema.org ClaimReview of a published fact-check, as its page embeds it and the API
returns it (one function, ``claimreview_document``, so the two cannot differ), built from
what the version pinned at approval (``publication.pinned``), never from the live record.

The ClaimReview mapping (see also the README's "Publication" section):

- ``url``: the absolute URL of the public page; ``claimReviewed``: the claim's text;
- ``datePublished``: when the verdict first went public (the version a chain of corrections
  starts from); ``dateModified``: when the current correction was published, if it is one;
- ``author``: the publishing organisation (``CLAIMTRACK_PUBLISHER_NAME`` and ``_URL``);
- ``reviewRating``: the label as ``alternateName``, the explanation as ``ratingExplanation``
  and, for a label on the scale, ``ratingValue`` with the scale's ``bestRating`` and
  ``worstRating``. A label off the scale ("Unproven", no value) has no number: following
  Google's guidance (``alternateName`` is what search shows; the numbers are optional), the
  three numeric keys are left out rather than given a made-up value;
- ``itemReviewed``: a ``Claim`` whose ``author`` is the primary asserting actor (the rule is
  ``primary_assertion``), ``appearance`` the sources that carry an assertion of the claim and
  can be read at a public URL, ``firstAppearance`` the earliest dated one, and
  ``datePublished`` its date (else the date of the primary assertion).

Keys whose value is unknown are left out, never given as null. A retracted fact-check has no
ClaimReview at all: the desk no longer stands by its rating.
"""

import datetime
import json
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.dates import DatePrecision
from sources.choices import ActorKind

from .selectors import FactCheck, PublicVersion, public_url

SCHEMA_ORG = "https://schema.org"
# What ``json_script`` escapes: no text of the record can close the element or open another.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/{}"


def _compact(thing: dict) -> dict:
    """``thing`` without the keys whose value is unknown (None, empty text or list)."""
    return {key: value for key, value in thing.items() if value not in (None, "", [], {})}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _instant(value: datetime.datetime | None) -> str | None:
    """An ISO 8601 date and time in UTC, to the second."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _partial_date(value: datetime.date | None, precision: str) -> str | None:
    """An ISO 8601 date only as precise as it is known: "2020", "2020-07", "2020-07-17"."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def actor_thing(actor) -> dict:
    """An actor as a schema.org Person or Organization, with its Wikidata entity if known."""
    return _compact(
        {
            "@type": "Person" if actor.kind == ActorKind.PERSON else "Organization",
            "name": actor.name,
            "sameAs": WIKIDATA_ENTITY.format(actor.wikidata_id) if actor.wikidata_id else None,
        }
    )


def creative_work(source) -> dict:
    return _compact(
        {
            "@type": "CreativeWork",
            "url": public_url(source),
            "headline": source.title,
            "datePublished": _partial_date(source.published_on, source.published_precision),
            "publisher": actor_thing(source.publisher) if source.publisher_id else None,
        }
    )


def review_rating(review: PublicVersion) -> dict:
    """The verdict as pinned: its label, the label's value and its scale's ends."""
    label = review.rating
    rating = {"@type": "Rating", "alternateName": label.label}
    if label.value is not None:
        # Off the scale ("Unproven"): no number rather than an invented one.
        scale = label.scale
        rating["ratingValue"] = _number(label.value)
        rating["bestRating"] = _number(scale.best_value)
        rating["worstRating"] = _number(scale.worst_value)
    rating["ratingExplanation"] = review.explanation
    return _compact(rating)


def item_reviewed(fact_check: FactCheck) -> dict:
    primary = fact_check.primary_assertion
    first = fact_check.first_appearance
    if first is not None:
        date = _partial_date(first.published_on, first.published_precision)
    elif primary is not None:
        date = _partial_date(primary.stated_on, primary.stated_precision)
    else:
        date = None
    return _compact(
        {
            "@type": "Claim",
            "author": actor_thing(primary.actor) if primary is not None else None,
            "datePublished": date,
            "appearance": [creative_work(source) for source in fact_check.appearances],
            "firstAppearance": creative_work(first) if first is not None else None,
        }
    )


def claimreview_document(fact_check: FactCheck, *, url: str, publisher: dict) -> dict:
    """The schema.org ClaimReview of a published fact-check.

    ``url`` is the absolute URL of its public page; ``publisher`` the organisation that
    publishes it (``name``, and ``url`` if known). A fact-check whose latest version was
    retracted has none: ``ValueError``.
    """
    review = fact_check.published
    if review is None:
        raise ValueError("Only a published verdict has a ClaimReview.")
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": fact_check.claim.text,
            "datePublished": _instant(fact_check.first_published_at),
            "dateModified": _instant(fact_check.updated_at),
            "author": _compact(
                {
                    "@type": "Organization",
                    "name": publisher.get("name"),
                    "url": publisher.get("url"),
                }
            ),
            "reviewRating": review_rating(review),
            "itemReviewed": item_reviewed(fact_check),
        }
    )


def publisher_for(request) -> dict:
    """The publishing organisation from the settings; its URL defaults to this site's home."""
    return {
        "name": settings.CLAIMTRACK_PUBLISHER_NAME,
        "url": settings.CLAIMTRACK_PUBLISHER_URL
        or request.build_absolute_uri(reverse("public:list")),
    }


# Any claim id, distinct from the digits of the rest of a page's URL.
SAMPLE_CLAIM_ID = 987_654_321


def claimreviews_for_request(request) -> Callable[[FactCheck], dict]:
    """The ClaimReview of each fact-check it is given, with absolute URLs as ``request``
    reaches the site; what they share (the publisher, the address of the public pages) is
    worked out once, not once per fact-check (a DataFeed page writes a hundred)."""
    publisher = publisher_for(request)
    sample = request.build_absolute_uri(reverse("public:detail", args=[SAMPLE_CLAIM_ID]))
    head, _, tail = sample.rpartition(str(SAMPLE_CLAIM_ID))

    def document(fact_check: FactCheck) -> dict:
        url = f"{head}{fact_check.claim.pk}{tail}"
        return claimreview_document(fact_check, url=url, publisher=publisher)

    return document


def claimreview_for_request(fact_check: FactCheck, request) -> dict:
    """The ClaimReview with absolute URLs as ``request`` reaches the site (page and API)."""
    return claimreviews_for_request(request)(fact_check)


def json_ld_script(document: dict) -> SafeString:
    """``document`` as a JSON-LD data block, safe inside HTML.

    ``<``, ``>`` and ``&`` become ``\\u003C``, ``\\u003E`` and ``\\u0026`` (Django's escapes
    for ``json_script``), so no text of the record can close the element or open another.
    """
    data = json.dumps(document).translate(JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(data),  # noqa: S308 (escaped just above)
    )
