"""Admin of the match queue: candidate duplicate pairs, open ones best score first.

Nothing is edited here: a pair is confirmed or dismissed through ``reviews.match_queue``
(an action on the list, or a button on the pair's page, with a reason), and "Look for
candidates now" enqueues the background task that finds new pairs.
"""

from contextlib import suppress

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Claim
from core.admin import CappedCountPaginator
from core.text import shorten

from .choices import MatchStatus
from .match_queue import confirm_match, dismiss_match
from .models import MatchCandidate
from .tasks import find_match_candidates_task

FIND_PERMISSION = "reviews.find_matchcandidates"


class DecisionForm(ActionForm):
    """The action form; on a pair's page it also carries the reason of the decision."""

    reason = forms.CharField(
        required=False,
        max_length=10_000,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="Why (optional): kept in the history.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.prefix != ActionLocation.CHANGE_FORM.value:
            del self.fields["reason"]


def _claim_link(claim):
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html('<a href="{}">#{} {}</a>', url, claim.pk, shorten(claim.text, 90))


@admin.register(MatchCandidate)
class MatchCandidateAdmin(SimpleHistoryAdmin):
    action_form = DecisionForm
    actions = ["confirm", "dismiss", "confirm_one", "dismiss_one"]
    list_display = [
        "older_claim",
        "newer_claim",
        "score_display",
        "status",
        "decided_by",
        "decided_at",
        "found_at",
    ]
    list_filter = ["status"]
    # The claims are read for the page's rows only (get_queryset): joined to every pair,
    # PostgreSQL may read the whole claims table.
    list_select_related = ["decided_by"]
    list_per_page = 50
    # The queue may hold a pair for many of a million claims: never counted whole.
    show_full_result_count = False
    paginator = CappedCountPaginator
    fields = [
        "older_claim",
        "newer_claim",
        "score_display",
        "signals",
        "status",
        "found_at",
        "decided_by",
        "decided_at",
        "relation_link",
    ]
    readonly_fields = fields
    change_list_template = "admin/reviews/matchcandidate/change_list.html"

    def get_ordering(self, request):
        open_first = Case(
            When(status=MatchStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [open_first.asc(), "-score", "id"]

    def get_queryset(self, request):
        claims = Claim.objects.only("pk", "text")
        return (
            super()
            .get_queryset(request)
            .select_related("decided_by")
            .prefetch_related(
                Prefetch("first_claim", queryset=claims), Prefetch("second_claim", queryset=claims)
            )
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        # Counted as far as the page asked for (as ``ServiceAdmin`` does); a page that is not
        # a number is answered as Django's changelist answers it.
        with suppress(ValueError):
            paginator.reach(int(request.GET.get(PAGE_VAR, 1)))
        return paginator

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing on the page is editable: decisions go through the actions."""

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_find_candidates": request.user.has_perm(FIND_PERMISSION),
            "find_url": reverse("admin:reviews_matchcandidate_find"),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "find/",
                self.admin_site.admin_view(self.find_view),
                name="reviews_matchcandidate_find",
            ),
            *super().get_urls(),
        ]

    def find_view(self, request):
        """Enqueue the search for new candidate pairs (the "Look for candidates now" button)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(FIND_PERMISSION):
            raise PermissionDenied
        result = find_match_candidates_task.enqueue(user_id=request.user.pk)
        if result.is_finished:  # a backend that runs tasks as they are enqueued
            counts = result.return_value or {}
            self.message_user(
                request,
                f"Matched {counts.get('claims', 0):,} claims: "
                f"{counts.get('recorded', 0):,} new candidate pairs.",
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                "The search for candidate pairs is queued; new pairs appear here as it runs.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:reviews_matchcandidate_changelist"))

    # Columns and fields

    @admin.display(description="older claim", ordering="first_claim_id")
    def older_claim(self, obj):
        return _claim_link(obj.first_claim)

    @admin.display(description="newer claim (the duplicate)", ordering="second_claim_id")
    def newer_claim(self, obj):
        return _claim_link(obj.second_claim)

    @admin.display(description="score", ordering="score")
    def score_display(self, obj):
        return f"{obj.score:.2f}"

    @admin.display(description="relation recorded")
    def relation_link(self, obj):
        if obj.relation_id is None:
            return "—"
        url = reverse("admin:claims_claimrelation_change", args=[obj.relation_id])
        return format_html('<a href="{}">#{}</a>', url, obj.relation_id)

    # Decisions

    def _decide(self, request, queryset, decide, done: str):
        reason = request.POST.get(f"{ActionLocation.CHANGE_FORM.value}-reason", "")
        decided, refusals = 0, []
        for candidate in queryset.order_by("pk"):
            try:
                decide(candidate=candidate, user=request.user, reason=reason)
            except ValidationError as refusal:
                refusals.append(f"{candidate}: {' '.join(refusal.messages)}")
            else:
                decided += 1
        if decided:
            self.message_user(request, done.format(n=decided), messages.SUCCESS)
        for refusal in refusals:
            self.message_user(request, f"Not decided: {refusal}", messages.ERROR)

    @admin.action(
        description="Confirm: the same claim (records a duplicate)", permissions=["change"]
    )
    def confirm(self, request, queryset):
        self._decide(request, queryset, confirm_match, "Confirmed {n} pair(s) as duplicates.")

    @admin.action(description="Dismiss: not the same claim", permissions=["change"])
    def dismiss(self, request, queryset):
        self._decide(request, queryset, dismiss_match, "Dismissed {n} pair(s).")

    @admin.action(
        description="Confirm: the same claim",
        location=ActionLocation.CHANGE_FORM,
        permissions=["change"],
    )
    def confirm_one(self, request, queryset):
        self.confirm(request, queryset)

    @admin.action(
        description="Dismiss: not the same claim",
        location=ActionLocation.CHANGE_FORM,
        permissions=["change"],
    )
    def dismiss_one(self, request, queryset):
        self.dismiss(request, queryset)
