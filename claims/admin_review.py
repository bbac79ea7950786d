"""Admin of the review workflow: rating scales, the review queue and the review page.

Every step goes through ``claims.services.review``: content edits through ``review_update``,
state changes through the transition services, shown as change-form actions (one button per
action the user may take now). A refusal comes back as an error message with its reason.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from core.admin import ServiceAdmin, ServiceModelForm, ServiceTabularInline, is_past_version

from .choices import ClaimKind, Priority, ReviewState
from .models import (
    Citation,
    Claim,
    RatingLabel,
    RatingScale,
    Review,
    ReviewComment,
)
from .services.review import (
    EDITABLE_FIELDS,
    EDITABLE_STATES,
    EDITOR_PERMISSION,
    PLANNING_FIELDS,
    VERDICT_FIELDS,
    ReviewRefused,
    review_approve,
    review_assign,
    review_available_actions,
    review_comment,
    review_correct,
    review_gate_failures,
    review_open,
    review_publish,
    review_request_changes,
    review_retract,
    review_start,
    review_submit,
    review_update,
)
from .timeline import claim_timeline

# The id of the form the transition buttons post; it sits outside the change form, so
# pressing Enter in a field saves the page instead of taking the first action.
TRANSITION_FORM_ID = "review-transitions"
CLOSED_STATES = (ReviewState.PUBLISHED, ReviewState.CORRECTED, ReviewState.RETRACTED)
PRIORITY_RANK = Case(
    When(priority=Priority.URGENT, then=Value(0)),
    When(priority=Priority.HIGH, then=Value(1)),
    When(priority=Priority.NORMAL, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def reviewers():
    """Active users who may check and rate claims: the people a review can be assigned to."""
    User = get_user_model()
    allowed = (
        Q(is_superuser=True)
        | Q(user_permissions__codename="check_review")
        | Q(groups__permissions__codename="check_review")
    )
    return User.objects.filter(allowed, is_active=True).distinct().order_by("username")


def refusal_message(refusal) -> str:
    if isinstance(refusal, ReviewRefused):
        return refusal.message
    return str(refusal) or "You may not do this."


# Rating scales


class RatingLabelInline(ServiceTabularInline):
    model = RatingLabel
    fields = ["label", "value", "description", "colour", "order", "normalized_score"]
    readonly_fields = ["normalized_score"]
    extra = 1

    def get_queryset(self, request):
        # The normalised score reads the scale's ends.
        return super().get_queryset(request).select_related("scale")

    @admin.display(description="normalised score")
    def normalized_score(self, obj):
        if obj.pk is None:
            return "shown once saved"
        score = obj.normalized_score
        return "off the scale" if score is None else f"{score:.2f}"


@admin.register(RatingScale)
class RatingScaleAdmin(ServiceAdmin):
    list_display = ["name", "slug", "best_value", "worst_value", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", ("best_value", "worst_value"), "is_default"]
    inlines = [RatingLabelInline]


# The review queue


class QueueFilter(admin.SimpleListFilter):
    """The queues of the desk: my reviews, the ones nobody has, and the late ones."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("mine", "Mine"), ("unassigned", "Unassigned"), ("overdue", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assignee=request.user)
        if self.value() == "unassigned":
            return queryset.filter(assignee__isnull=True)
        if self.value() == "overdue":
            return queryset.filter(due_on__lt=timezone.localdate()).exclude(state__in=CLOSED_STATES)
        return queryset


class TransitionForm(ActionForm):
    """The action form; on the review page it also carries the comment and the assignee."""

    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Required to request changes, correct (the note) or retract (the reason).",
    )
    # Offered: the fact-checkers. Not validated here: the assign service says why anyone
    # else cannot be assigned, where a form error would only say that no action was chosen.
    assignee = forms.CharField(required=False, label="Assign to", widget=forms.Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.prefix != ActionLocation.CHANGE_FORM.value:
            # The changelist's bulk actions need neither.
            del self.fields["comment"], self.fields["assignee"]
            return
        self.fields["assignee"].widget.choices = [
            ("", "---------"),
            *((user.pk, user.get_username()) for user in reviewers()),
        ]
        for field in self.fields.values():
            field.widget.attrs["form"] = TRANSITION_FORM_ID


class ReviewForm(ServiceModelForm):
    """The review's content: a rating of its own scale, evidence from its own claim."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        review = self.instance
        if "rating" in self.fields:
            self.fields["rating"].queryset = RatingLabel.objects.filter(scale_id=review.scale_id)
            # Every option is of the review's scale: its name would repeat on each.
            self.fields["rating"].label_from_instance = lambda label: label.label
        if "evidence" in self.fields:
            # The autocomplete labels the chosen citations by their source.
            self.fields["evidence"].queryset = Citation.objects.filter(
                statement__claim_id=review.claim_id
            ).select_related("source")
            self.fields[
                "evidence"
            ].help_text = "Citations of this claim's statements the verdict rests on."


class ReviewCommentInline(ServiceTabularInline):
    """Comments on the review: earlier ones are read, a new one is added through its service."""

    model = ReviewComment
    fields = ["created_at", "author", "text"]
    readonly_fields = ["created_at", "author"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_with_service(self, request, obj):
        try:
            review_comment(review=obj.review, user=request.user, text=obj.text)
        except (ReviewRefused, PermissionDenied) as refusal:
            raise ValidationError(refusal_message(refusal)) from refusal


@admin.register(Review)
class ReviewAdmin(ServiceAdmin):
    """The review queue, and the review page with its transition buttons and timeline."""

    form = ReviewForm
    action_form = TransitionForm
    actions = [
        "delete_selected",
        "submit",
        "assign",
        "start",
        "request_changes",
        "approve",
        "publish",
        "correct",
        "retract",
    ]
    list_display = [
        "short_claim",
        "version",
        "state",
        "assignee",
        "priority",
        "due",
        "rating_label",
        "updated_at",
    ]
    list_filter = [QueueFilter, "state", "priority", "scale"]
    list_select_related = ["claim", "assignee", "rating"]
    search_fields = ["claim__text"]
    autocomplete_fields = ["claim", "evidence"]
    inlines = [ReviewCommentInline]
    change_form_template = "admin/claims/review/change_form.html"

    # Fields

    ADD_FIELDS = ["claim", "scale", "assignee", "due_on", "priority"]
    WORKFLOW_FIELDS = [
        "claim_link",
        "state",
        "version",
        "previous",
        "scale",
        "assignee",
        "verdict_author",
        "approver",
        "published_at",
        "published_by",
        "retraction_reason",
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": self.ADD_FIELDS})]
        fieldsets = []
        if obj.state == ReviewState.IN_REVIEW and not is_past_version(obj):
            fieldsets.append(("Blocking approval", {"fields": ["gate_failures"]}))
        fieldsets += [
            ("Workflow", {"fields": self.WORKFLOW_FIELDS}),
            (
                "Verdict",
                {
                    "fields": [
                        "rating",
                        "explanation",
                        "write_up",
                        "evidence",
                        "origin_unavailable_reason",
                    ]
                },
            ),
            ("Planning", {"fields": [("due_on", "priority"), "correction_note"]}),
        ]
        if not is_past_version(obj):
            fieldsets.append(("Timeline", {"fields": ["timeline"]}))
        fieldsets.append(
            ("Timestamps", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]})
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = [*self.WORKFLOW_FIELDS, "gate_failures", "timeline", "created_at", "updated_at"]
        return readonly + [
            name for name in EDITABLE_FIELDS if not self._may_edit(request, obj, name)
        ]

    def _may_edit(self, request, obj, name) -> bool:
        """Whether the review service would accept a change of ``name`` by this user now."""
        user = request.user
        if not user.has_perm("claims.change_review"):
            return False
        if obj.state == ReviewState.APPROVED:
            if name not in PLANNING_FIELDS:
                return False
        elif obj.state not in EDITABLE_STATES:
            return False
        if name in VERDICT_FIELDS and not user.has_perm("claims.check_review"):
            return False
        return obj.assignee_id in (None, user.pk) or user.has_perm(EDITOR_PERMISSION)

    def get_inlines(self, request, obj):
        # A review is opened first; comments come once it exists.
        return [] if obj is None or is_past_version(obj) else self.inlines

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "scale" not in initial:
            default = RatingScale.objects.filter(is_default=True).first()
            if default is not None:
                initial["scale"] = default.pk
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = reviewers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Reading

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(priority_rank=PRIORITY_RANK)

    def get_detail_queryset(self, request):
        return (
            super()
            .get_detail_queryset(request)
            .select_related(
                "claim",
                "scale",
                "rating",
                "assignee",
                "verdict_author",
                "approver",
                "published_by",
                "previous",
            )
        )

    def get_ordering(self, request):
        # Urgent first, then the earliest due; reviews without a due date come last.
        return [F("priority_rank").asc(), F("due_on").asc(nulls_last=True), "-updated_at"]

    # Saving: content through review_update, a new review through review_open

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        # The services save the evidence; the form must not write it again around them.
        form.save_m2m = lambda: None
        return obj

    def save_with_service(self, request, obj, form):
        try:
            if obj.pk is None:
                self._open(request, obj, form)
            else:
                self._update(request, obj, form)
        except (ReviewRefused, PermissionDenied) as refusal:
            raise ValidationError(refusal_message(refusal)) from refusal

    def _open(self, request, obj, form):
        data = form.cleaned_data
        review = review_open(
            claim=data["claim"],
            user=request.user,
            scale=data.get("scale"),
            assignee=data.get("assignee"),
            due_on=data.get("due_on"),
            priority=data.get("priority") or Priority.NORMAL,
        )
        # The admin logs and redirects to the object its form built: make it the saved one.
        # The state is protected against assignment, so the values are copied underneath.
        for field in Review._meta.concrete_fields:
            obj.__dict__[field.attname] = getattr(review, field.attname)
        obj._state.adding = False

    def _update(self, request, obj, form):
        """Save the content fields the user changed; on a revert, the past version's content.

        Only content is written: a revert never restores the state, the version, the
        approver or the publication of the past version, and a rating it does not change
        keeps its verdict's author.
        """
        data = form.cleaned_data
        if is_past_version(obj):
            current = Review.objects.get(pk=obj.pk)
            names = [name for name in data if _differs(current, name, data[name])]
        else:
            names = form.changed_data
        fields = {name: data[name] for name in names if name in EDITABLE_FIELDS}
        if "evidence" in fields:
            fields["evidence"] = list(fields["evidence"])
        if fields:
            review_update(review=obj, user=request.user, **fields)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            # simple-history redirects to the past version's page; the review's page shows
            # the content restored and the workflow as it stands.
            return HttpResponseRedirect(reverse("admin:claims_review_change", args=[object_id]))
        return response

    # Transitions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        action_form = context.get("action_form")
        if action_form is not None and obj is not None:
            available = set(review_available_actions(obj, request.user))
            choices = [
                (name, label)
                for name, label in action_form.fields["action"].choices
                if name in available
            ]
            if choices:
                action_form.fields["action"].choices = choices
                if "assign" not in available:
                    del action_form.fields["assignee"]
            else:
                context["action_form"] = None
            context["transition_form_id"] = TRANSITION_FORM_ID
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _transition(self, request, queryset, label, run, *, needs_comment=None):
        """Run a transition service on the page's review; a refusal becomes an error message."""
        review = queryset.get()
        comment = request.POST.get(f"{ActionLocation.CHANGE_FORM.value}-comment", "").strip()
        if needs_comment and not comment:
            self.message_user(request, needs_comment, messages.ERROR)
            return None
        try:
            result = run(review, request.user, comment)
        except (ReviewRefused, PermissionDenied) as refusal:
            self.message_user(request, f"{label}: {refusal_message(refusal)}", messages.ERROR)
            return None
        self.message_user(
            request,
            f"{label}: version {result.version} is now {result.get_state_display().lower()}.",
            messages.SUCCESS,
        )
        if result.pk != review.pk:
            return HttpResponseRedirect(reverse("admin:claims_review_change", args=[result.pk]))
        return None

    @admin.action(description="Submit for review", location=ActionLocation.CHANGE_FORM)
    def submit(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Submitted",
            lambda review, user, comment: review_submit(review=review, user=user, comment=comment),
        )

    @admin.action(description="Assign", location=ActionLocation.CHANGE_FORM)
    def assign(self, request, queryset):
        chosen = request.POST.get(f"{ActionLocation.CHANGE_FORM.value}-assignee", "")
        # Any user: the service says why one who is not a fact-checker cannot be assigned.
        assignee = get_user_model().objects.filter(pk=chosen).first() if chosen.isdigit() else None
        if assignee is None:
            self.message_user(request, "Choose whom to assign the review to.", messages.ERROR)
            return None
        return self._transition(
            request,
            queryset,
            "Assigned",
            lambda review, user, comment: review_assign(
                review=review, user=user, assignee=assignee, comment=comment
            ),
        )

    @admin.action(description="Start checking", location=ActionLocation.CHANGE_FORM)
    def start(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Started",
            lambda review, user, comment: review_start(review=review, user=user, comment=comment),
        )

    @admin.action(description="Request changes", location=ActionLocation.CHANGE_FORM)
    def request_changes(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Changes requested",
            lambda review, user, comment: review_request_changes(
                review=review, user=user, comment=comment
            ),
            needs_comment="Requesting changes needs a comment saying what to change.",
        )

    @admin.action(description="Approve", location=ActionLocation.CHANGE_FORM)
    def approve(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Approved",
            lambda review, user, comment: review_approve(review=review, user=user, comment=comment),
        )

    @admin.action(description="Publish", location=ActionLocation.CHANGE_FORM)
    def publish(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Published",
            lambda review, user, comment: review_publish(review=review, user=user, comment=comment),
        )

    @admin.action(description="Correct (open a new version)", location=ActionLocation.CHANGE_FORM)
    def correct(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Correction opened",
            lambda review, user, comment: review_correct(review=review, user=user, note=comment),
            needs_comment="A correction needs a note saying what it corrects.",
        )

    @admin.action(description="Retract", location=ActionLocation.CHANGE_FORM)
    def retract(self, request, queryset):
        return self._transition(
            request,
            queryset,
            "Retracted",
            lambda review, user, comment: review_retract(review=review, user=user, reason=comment),
            needs_comment="A retraction needs the reason, shown to readers.",
        )

    # Columns and panels

    @admin.display(description="claim", ordering="claim__text")
    def short_claim(self, obj):
        return Truncator(obj.claim.text).chars(70)

    @admin.display(description="due", ordering="due_on")
    def due(self, obj):
        if obj.due_on is None:
            return "—"
        overdue = obj.due_on < timezone.localdate() and obj.state not in CLOSED_STATES
        if overdue:
            return format_html('<span class="ct-overdue">{} (overdue)</span>', obj.due_on)
        return obj.due_on

    @admin.display(description="rating", ordering="rating__order")
    def rating_label(self, obj):
        return obj.rating.label if obj.rating_id else "—"

    @admin.display(description="claim")
    def claim_link(self, obj):
        url = reverse("admin:claims_claim_change", args=[obj.claim_id])
        return format_html('<a href="{}">{}</a>', url, obj.claim.text)

    @admin.display(description="what blocks approval")
    def gate_failures(self, obj):
        failures = review_gate_failures(obj)
        if not failures:
            return format_html(
                '<span class="ct-verdict--ok">{}</span>',
                "Every gate passes; a second person can approve.",
            )
        return format_html(
            '<ul class="ct-gates">{}</ul>',
            format_html_join("", "<li>{}</li>", ((failure,) for failure in failures)),
        )

    @admin.display(description="events")
    def timeline(self, obj):
        events = list(obj.events.select_related("actor"))
        if not events:
            return format_html('<span class="ct-empty">{}</span>', "No events yet.")
        return format_html(
            '<table class="ct-timeline"><thead><tr><th>when</th><th>who</th><th>action</th>'
            "<th>from → to</th><th>comment</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
                (
                    (
                        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
                        event.actor or "—",
                        event.action.replace("_", " "),
                        event.get_from_state_display(),
                        event.get_to_state_display(),
                        event.comment,
                    )
                    for event in events
                ),
            ),
        )


def _differs(review, name, value) -> bool:
    """Whether ``value`` of a form field differs from the review's current one."""
    if name == "evidence":
        return {c.pk for c in value} != set(review.evidence.values_list("pk", flat=True))
    if name == "rating":
        return (value.pk if value else None) != review.rating_id
    return getattr(review, name, value) != value


# On the claim's page: its reviews, and its whole history


def may_open_review(user, claim) -> bool:
    return (
        user.has_perm("claims.add_review")
        and claim.kind == ClaimKind.FACTUAL
        and not any(review.state in ReviewState.open() for review in claim.review_rows)
        and not any(review.state == ReviewState.PUBLISHED for review in claim.review_rows)
    )


class ClaimReviewsMixin:
    """The claim page's "Reviews" panel and its history view (record edits and review events)."""

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not is_past_version(obj):
            # Read-only panels receive the object only: what they need of the request rides
            # on it, with the claim's reviews loaded once.
            obj.review_rows = list(obj.reviews.select_related("rating").order_by("version"))
            obj.may_open_review = may_open_review(request.user, obj)
        return super().get_fieldsets(request, obj)

    @admin.display(description="reviews")
    def reviews(self, obj):
        rows = getattr(obj, "review_rows", None)
        if rows is None:
            return ""
        items = format_html_join(
            "",
            '<li><a href="{}">Version {}</a>: {}{}</li>',
            (
                (
                    reverse("admin:claims_review_change", args=[review.pk]),
                    review.version,
                    review.get_state_display(),
                    f", rated “{review.rating.label}”" if review.rating_id else "",
                )
                for review in rows
            ),
        )
        if not rows:
            items = format_html('<li class="ct-empty">{}</li>', "Not reviewed yet.")
        links = [
            format_html(
                '<a href="{}">Whole history: record edits and review events</a>',
                reverse("admin:claims_claim_timeline", args=[obj.pk]),
            )
        ]
        if obj.may_open_review:
            add_url = reverse("admin:claims_review_add")
            links.append(format_html('<a href="{}?claim={}">Start a review</a>', add_url, obj.pk))
        return format_html(
            '<ul class="ct-panel">{}</ul><p class="ct-links">{}</p>',
            items,
            format_html_join(" · ", "{}", ((link,) for link in links)),
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.timeline_view)
        return [
            path("<path:object_id>/timeline/", view, name="claims_claim_timeline"),
            *super().get_urls(),
        ]

    def timeline_view(self, request, object_id):
        """The claim's whole history, newest first: edits of the claim, its statements and
        citations (from their history rows) and the events of its reviews."""
        claim = get_object_or_404(Claim, pk=object_id)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": claim,
            "title": f"Whole history of “{Truncator(claim.text).chars(60)}”",
            "entries": claim_timeline(claim),
            "change_url": reverse("admin:claims_claim_change", args=[claim.pk]),
        }
        return TemplateResponse(request, "admin/claims/claim/timeline.html", context)
