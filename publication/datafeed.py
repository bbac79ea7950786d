"""Every published fact-check as a schema.org DataFeed of ClaimReview, newest first, in pages.

Each ``dataFeedElement`` is a ``DataFeedItem`` whose ``item`` is the claim's ClaimReview,
exactly as its page embeds it and the API returns it (``claimreviews_for_request``), with
``dateCreated`` (when the verdict first went public) and ``dateModified`` (when the current
correction was published, if it is one).

The feed is paged by number (``?page=2``): each page says where the next and previous ones
are, both in the document (Hydra's ``next``, ``previous`` and ``first``, by their full IRIs,
which schema.org readers ignore) and in ``Link`` headers (RFC 8288). A page costs the same
query whatever its size: the published versions with their pinned documents and when each
claim's verdict first went public.
"""

from dataclasses import dataclass

from django.urls import reverse

from .claimreview import SCHEMA_ORG, claimreviews_for_request
from .selectors import MAX_PAGE, FactCheck, PublicVersion, fact_check_list

FEED_PAGE_SIZE = 100
HYDRA = "http://www.w3.org/ns/hydra/core#"


@dataclass(frozen=True)
class FeedPage:
    fact_checks: list[FactCheck]
    number: int
    has_next: bool


def feed_page(number: int, *, size: int | None = None) -> FeedPage:
    """Page ``number`` (from 1) of the published fact-checks, newest first, ``size`` of them
    (``FEED_PAGE_SIZE`` by default). One query; no ``COUNT``: one row beyond the page says
    whether there is a next one."""
    size = size or FEED_PAGE_SIZE
    start = (number - 1) * size
    found = list(fact_check_list()[start : start + size + 1])
    fact_checks = []
    for review in found[:size]:
        version = PublicVersion(review)
        fact_checks.append(
            FactCheck(
                versions=[version], first_published_at=review.first_published_at, shown=version
            )
        )
    return FeedPage(fact_checks=fact_checks, number=number, has_next=len(found) > size)


def page_links(page: FeedPage, request) -> dict[str, str]:
    """The absolute URLs of the first, previous and next pages, those that exist."""
    base = request.build_absolute_uri(reverse("public:claimreview-feed"))
    links = {"first": base}
    if page.number > 1:
        previous = page.number - 1
        links["previous"] = base if previous == 1 else f"{base}?page={previous}"
    if page.has_next and page.number < MAX_PAGE:
        links["next"] = f"{base}?page={page.number + 1}"
    return links


def feed_item(review: dict) -> dict:
    """The ``DataFeedItem`` of a fact-check's ClaimReview."""
    item = {"@type": "DataFeedItem", "dateCreated": review["datePublished"]}
    if "dateModified" in review:
        item["dateModified"] = review["dateModified"]
    item["item"] = [review]
    return item


def datafeed_document(page: FeedPage, request) -> dict:
    """The page as a schema.org ``DataFeed`` with its links to the other pages."""
    claimreview = claimreviews_for_request(request)
    items = [feed_item(claimreview(fact_check)) for fact_check in page.fact_checks]
    links = page_links(page, request)
    url = links["first"] if page.number == 1 else f"{links['first']}?page={page.number}"
    document = {"@context": SCHEMA_ORG, "@type": "DataFeed", "url": url}
    document.update({f"{HYDRA}{name}": {"@id": link} for name, link in links.items()})
    document["dataFeedElement"] = items
    return document
