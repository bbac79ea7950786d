"""The public site: published fact-checks, readable by anyone, never changed from here."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.api.errors import error_body

from .claimreview import claimreview_for_request, json_ld_script
from .datafeed import datafeed_document, feed_page, page_links
from .forms import FactCheckFilterForm, FeedPageForm
from .selectors import fact_check_page, load_fact_check


@require_safe
def fact_check_list(request):
    """Published fact-checks, newest first, with search and filters; bad filters get a 400."""
    form = FactCheckFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "public/list.html", {"form": form, "page": None}, status=400)
    return render(request, "public/list.html", {"form": form, "page": fact_check_page(form)})


@require_safe
def fact_check_detail(request, claim_id, version=None):
    """One claim's fact-check, or one of its earlier versions at its own stable address.

    A claim none of whose versions went public, or a version that never went public, is a
    404. Only the current version embeds ClaimReview: an earlier one is no longer the desk's
    verdict.
    """
    fact_check = load_fact_check(int(claim_id), version=None if version is None else int(version))
    if fact_check is None:
        raise Http404("No published fact-check of this claim.")
    json_ld = ""
    if fact_check.is_current and fact_check.published is not None:
        json_ld = json_ld_script(claimreview_for_request(fact_check, request))
    return render(request, "public/detail.html", {"fact_check": fact_check, "json_ld": json_ld})


FEED_MEDIA_TYPE = "application/ld+json"


@require_safe
def claimreview_feed(request):
    """Every published fact-check as a schema.org DataFeed of ClaimReview, a page at a time.

    ``?page=N`` (from 1) is the one parameter; anything else, or a page that is not a
    number in range, is a 400 naming it. A page past the last is empty, with its links.
    """
    form = FeedPageForm(request.GET)
    errors = form.query_errors()
    if errors:
        return JsonResponse(error_body(400, "invalid", "Invalid input.", errors), status=400)
    page = feed_page(form.page_number)
    response = JsonResponse(
        datafeed_document(page, request),
        content_type=FEED_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    links = page_links(page, request)
    response["Link"] = ", ".join(
        f'<{url}>; rel="{"prev" if name == "previous" else name}"' for name, url in links.items()
    )
    return response
