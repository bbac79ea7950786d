"""The public site: published fact-checks, readable by anyone, never changed from here."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .claimreview import claimreview_for_request, json_ld_script
from .forms import FactCheckFilterForm
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
