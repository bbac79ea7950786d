"""Admin of the review workflow: rating scales, the review queue, the review page, and the
claim page's reviews and whole history.

The admin decides nothing: what a user may edit, open or press comes from the services
(``review_editable_fields``, ``review_can_open``, ``review_available_actions``), and every
button is a step of ``reviews.workflow.TRANSITIONS`` taken through ``review_transition``. A
refusal comes back as an error message with its reason.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from claims.admin import ClaimAdmin, citation_label
from claims.models import Citation, Claim
from core.admin import (
    BIG_LIST_PER_PAGE,
    ServiceAdmin,
    ServiceModelForm,
    ServiceTabularInline,
    is_past_version,
    prefetched,
)
from core.text import shorten

from . import admin_match_queue  # noqa: F401 (registers the match queue's admin)
from .admin_external import ExternalFactCheckInline
from .choices import Priority, ReviewState
from .models import RatingLabel, RatingScale, Review, ReviewComment
from .querysets import QUEUE_ORDERING
from .services import (
    EDITABLE_FIELDS,
    WATCHED_STATES,
    ReviewRefused,
    review_available_actions,
    review_can_open,
    review_comment,
    review_editable_fields,
    review_gate_failures,
    review_open,
    review_record_changes,
    review_transition,
    review_update,
)
from .timeline import claim_timeline
from .workflow import CHECKER_PERMISSION, TRANSITIONS

# The id of the form the transition buttons post; it sits outside the change form, so
# pressing Enter in a field saves the page instead of taking the first action.
TRANSITION_FORM_ID = "review-transitions"


def reviewers():
    """Active users who may check and rate claims: the people a review can be assigned to."""
    codename = CHECKER_PERMISSION.split(".", 1)[1]
    User = get_user_model()
    allowed = (
        Q(is_superuser=True)
        | Q(user_permissions__codename=codename)
        | Q(groups__permissions__codename=codename)
    )
    return User.objects.filter(allowed, is_active=True).distinct().order_by("username")


def reviewer_choices() -> list[tuple]:
    return [("", "---------"), *((user.pk, user.get_username()) for user in reviewers())]


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
    """The desk's queues, as the API's ``/reviews/queue/`` means them: open reviews (draft to
    approved) by default, mine, unassigned and overdue among them; the approved and published
    versions whose record changed since approval pinned it; or every review."""

    title = "queue"
    parameter_name = "queue"
    OPEN, ALL = "open", "all"

    def lookups(self, request, model_admin):
        return [
            (self.OPEN, "Open (the queue)"),
            ("mine", "Mine"),
            ("unassigned", "Unassigned"),
            ("overdue", "Overdue"),
            ("record_changed", "Record changed since approval"),
            (self.ALL, "All reviews"),
        ]

    def value(self):
        return super().value() or self.OPEN

    def choices(self, changelist):
        # No "All" entry of Django's: the unfiltered list is the queue, and "All reviews"
        # names the whole list explicitly.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        queues = {
            self.OPEN: Review.objects.open,
            "mine": lambda: Review.objects.mine(request.user),
            "unassigned": Review.objects.unassigned,
            "overdue": Review.objects.overdue,
            "record_changed": Review.objects.record_changed,
        }
        queue = queues.get(self.value())
        if queue is None:
            return queryset
        return queryset.filter(pk__in=queue().values("pk"))


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
        # Read when rendered: the page drops the field when no button assigns.
        self.fields["assignee"].widget.choices = reviewer_choices
        for field in self.fields.values():
            field.widget.attrs["form"] = TRANSITION_FORM_ID


def evidence_label(citation) -> str:
    """A citation as evidence: who said it, with what stance, in which source and role."""
    statement = citation.statement
    return (
        f"{statement.speaker} {statement.get_stance_display()}, in "
        f"{citation_label(citation).removeprefix(f'#{citation.pk} ')}"
    )


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
            # The claim's citations, each one a box, labelled by who said what where: an
            # autocomplete would search every citation of the record.
            field = self.fields["evidence"]
            field.queryset = (
                Citation.objects.filter(statement__claim_id=review.claim_id)
                .select_related("source", "statement__actor")
                .order_by("statement_id", "pk")
            )
            field.widget = forms.CheckboxSelectMultiple()
            citations = self.claim_citations(review)
            if citations is None:
                citations = field.queryset
            field.choices = [(citation.pk, evidence_label(citation)) for citation in citations]
            field.help_text = "Citations of this claim's statements the verdict rests on."

    @staticmethod
    def claim_citations(review) -> list | None:
        """The claim's citations in the evidence's order, when the page has read the claim
        with its statements and their citations (``ReviewAdmin.live_claim``)."""
        if not Review.claim.is_cached(review):
            return None
        statements = prefetched(review.claim, "statements")
        if statements is None or any(prefetched(s, "citations") is None for s in statements):
            return None
        citations = [citation for s in statements for citation in prefetched(s, "citations")]
        return sorted(citations, key=lambda citation: (citation.statement_id, citation.pk))


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


def transition_action(transition):
    """The review page's button for one step of the workflow table."""

    def take(modeladmin, request, queryset):
        return modeladmin.take_transition(request, queryset, transition)

    take.__name__ = transition.action
    return admin.action(description=transition.label, location=ActionLocation.CHANGE_FORM)(take)


@admin.register(Review)
class ReviewAdmin(ServiceAdmin):
    """The review queue, and the review page with its transition buttons and timeline."""

    form = ReviewForm
    action_form = TransitionForm
    actions = [
        "delete_selected",
        *(transition_action(transition) for transition in TRANSITIONS.values()),
    ]
    list_display = [
        "short_claim",
        "version",
        "state",
        "assignee",
        "priority",
        "due",
        "rating_label",
        "record_changed",
        "updated_at",
    ]
    list_filter = [QueueFilter, "state", "priority", "scale"]
    # The claims are read for the page's rows only (get_queryset): joined to every review,
    # PostgreSQL reads the whole claims table for the queue.
    list_select_related = ["assignee", "rating", "record_check"]
    list_per_page = BIG_LIST_PER_PAGE
    search_fields = ["claim__text"]  # searched as the claims admin does (get_search_results)
    autocomplete_fields = ["claim"]
    inlines = [ReviewCommentInline]
    change_form_template = "admin/reviews/review/change_form.html"

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
        "author_names",
        "approver",
        "published_at",
        "published_by",
        "retraction_reason",
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": self.ADD_FIELDS})]
        if not is_past_version(obj):
            self.live_claim(obj)  # before anything reads the claim alone
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
            fieldsets.append(("The record", {"fields": ["record"]}))
        if obj.pinned is not None and not is_past_version(obj):
            fieldsets.append(
                ("Pinned at approval", {"fields": ["pinned_summary", "record_changes"]})
            )
        if not is_past_version(obj):
            fieldsets.append(("Timeline", {"fields": ["timeline"]}))
        fieldsets.append(
            ("Timestamps", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]})
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        editable = set(review_editable_fields(obj, request.user))
        readonly = [
            *self.WORKFLOW_FIELDS,
            "gate_failures",
            "record",
            "pinned_summary",
            "record_changes",
            "timeline",
            "created_at",
            "updated_at",
        ]
        return readonly + [name for name in EDITABLE_FIELDS if name not in editable]

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

    # What the list's rows never show, the pinned document above all (kilobytes a row).
    list_deferred = (
        "pinned",
        "explanation",
        "write_up",
        "origin_unavailable_reason",
        "correction_note",
        "retraction_reason",
    )

    def get_queryset(self, request):
        claims = Prefetch("claim", queryset=Claim.objects.only("pk", "text"))
        return (
            super()
            .get_queryset(request)
            .with_queue_rank()
            .prefetch_related(claims)
            .defer(*self.list_deferred)
        )

    def get_search_results(self, request, queryset, search_term):
        """Reviews whose claim the claims' full-text search finds (``ClaimQuerySet.search``: its
        text and quotes), checked claim by claim for the reviews: a ``LIKE`` on the joined
        claims, or a join with every match of a common word, reads the whole claims table.
        (A scalar subquery stays a check per review; PostgreSQL turns ``IN`` and ``EXISTS``
        into joins.)"""
        term = search_term.strip()
        if not term:
            return queryset, False
        claim = Claim.objects.filter(pk=OuterRef("claim_id")).order_by()
        matching = claim.search(term).values("pk")[:1]
        return queryset.filter(claim_id=Subquery(matching)), False

    def get_detail_queryset(self, request):
        # Not the list's queryset: its queue ranks, deferred texts and claims serve the rows;
        # live_claim() reads the page's claim with its record.
        return (
            self.model._default_manager.select_related("scale", "rating", "previous")
            # The evidence with what its read-only list names (a citation by its source).
            .prefetch_related(
                "authors", Prefetch("evidence", queryset=Citation.objects.select_related("source"))
            )
        )

    # The people a review names, read together by ``get_object``: joining four more tables
    # to the review's query made planning it take longer than reading them apart.
    people_fields = ("assignee", "verdict_author", "approver", "published_by")

    def get_object(self, request, object_id, from_field=None):
        review = super().get_object(request, object_id, from_field)
        if review is not None:
            ids = {getattr(review, f"{name}_id") for name in self.people_fields} - {None}
            people = get_user_model().objects.in_bulk(ids) if ids else {}
            for name in self.people_fields:
                person = people.get(getattr(review, f"{name}_id"))
                Review._meta.get_field(name).set_cached_value(review, person)
            rating = review.rating
            if rating is not None and rating.scale_id == review.scale_id:
                RatingLabel.scale.field.set_cached_value(rating, review.scale)
        return review

    def get_ordering(self, request):
        # The queue's order, as the API's /reviews/queue/ pages through it. Expressions, as
        # the ranks are annotations that get_queryset() adds after ordering.
        return [F(name).asc() for name in QUEUE_ORDERING]

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
            return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[object_id]))
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
                if not any(TRANSITIONS[name].takes_assignee for name, _ in choices):
                    del action_form.fields["assignee"]
            else:
                context["action_form"] = None
            context["transition_form_id"] = TRANSITION_FORM_ID
        return super().render_change_form(request, context, add, change, form_url, obj)

    def take_transition(self, request, queryset, transition):
        """Take a step of the workflow on the page's review, with the form's comment (and
        assignee); a refusal becomes an error message."""
        review = queryset.get()
        prefix = ActionLocation.CHANGE_FORM.value
        arguments = {transition.text: request.POST.get(f"{prefix}-comment", "").strip()}
        if transition.takes_assignee:
            chosen = request.POST.get(f"{prefix}-assignee", "")
            # Any user: the service says why one who is not a fact-checker cannot be assigned.
            arguments["assignee"] = (
                get_user_model().objects.filter(pk=chosen).first() if chosen.isdigit() else None
            )
        try:
            result = review_transition(
                review=review, user=request.user, action=transition.action, **arguments
            )
        except (ReviewRefused, PermissionDenied) as refusal:
            self.message_user(
                request, f"{transition.label}: {refusal_message(refusal)}", messages.ERROR
            )
            return None
        self.message_user(
            request,
            f"{transition.done}: version {result.version} is now "
            f"{result.get_state_display().lower()}.",
            messages.SUCCESS,
        )
        if result.pk != review.pk:
            return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[result.pk]))
        return None

    # Columns and panels

    @admin.display(description="claim", ordering="claim__text")
    def short_claim(self, obj):
        return shorten(obj.claim.text, 70)

    @admin.display(description="due", ordering="due_on")
    def due(self, obj):
        if obj.due_on is None:
            return "—"
        overdue = obj.due_on < timezone.localdate() and obj.state in ReviewState.open()
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

    @admin.display(description="record changed", boolean=True)
    def record_changed(self, obj):
        """Whether an approved or published version's record changed since it was pinned."""
        if obj.state not in WATCHED_STATES:
            return None
        check = getattr(obj, "record_check", None)
        return check.changed if check is not None else None

    @admin.display(description="pinned")
    def pinned_summary(self, obj):
        return format_html(
            "{} <code>{}</code>",
            timezone.localtime(obj.pinned_at).strftime("%Y-%m-%d %H:%M"),
            obj.pinned_sha256[:16],
        )

    @admin.display(description="what changed since")
    def record_changes(self, obj):
        """The differences between the record the version pinned and the record now."""
        changed, changes = review_record_changes(obj, claim=self.live_claim(obj))
        if not changed:
            return format_html(
                '<span class="ct-verdict--ok">{}</span>',
                "Nothing: the record reads as it did when this version was approved.",
            )
        return format_html(
            '<p class="ct-changed">{}</p><table class="ct-timeline"><thead><tr><th>what</th>'
            "<th>field</th><th>as pinned</th><th>now</th></tr></thead><tbody>{}</tbody></table>",
            "The record changed since this version was approved; readers still see it as "
            "pinned. A correction publishes a new version.",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        change["what"],
                        change["field"],
                        _shown(change["before"]),
                        _shown(change["after"]),
                    )
                    for change in changes
                ),
            ),
        )

    @admin.display(description="authors")
    def author_names(self, obj):
        """Everyone who wrote a word of this version's verdict: none of them may approve it."""
        names = [author.get_username() for author in obj.authors.all()]
        return ", ".join(sorted(names)) or "—"

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

    @staticmethod
    def live_claim(obj) -> Claim:
        """The version's claim as the record stands, with its statements and chains: read
        once for the page's title, panels and evidence, and the claim of its previous
        version too."""
        if "_live_claim" not in obj.__dict__:
            claim = Claim.objects.for_detail().get(pk=obj.claim_id)
            obj._live_claim = claim
            Review.claim.field.set_cached_value(obj, claim)
            previous = obj.previous if Review.previous.is_cached(obj) else None
            if previous is not None and previous.claim_id == claim.pk:
                Review.claim.field.set_cached_value(previous, claim)
        return obj._live_claim

    @admin.display(description="statements, quotes and chains")
    def record(self, obj):
        """What the verdict is about as the record stands: the claim's denials, and each
        statement's quotes and chains, as on the claim's page."""
        claim = self.live_claim(obj)
        claim_admin = self.admin_site.get_model_admin(Claim)
        return format_html("{}{}", claim_admin.denials(claim), claim_admin.chains(claim))

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


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def _differs(review, name, value) -> bool:
    """Whether ``value`` of a form field differs from the review's current one."""
    if name == "evidence":
        return {c.pk for c in value} != set(review.evidence.values_list("pk", flat=True))
    if name == "rating":
        return (value.pk if value else None) != review.rating_id
    return getattr(review, name, value) != value


# The claim page, with its reviews and its whole history


class ReviewedClaimAdmin(ClaimAdmin):
    """``claims.admin.ClaimAdmin`` with a "Reviews" panel (each version, and a link to start
    one when the services allow it) and the claim's whole history page (record edits and
    review events). It replaces the claims app's registration of ``Claim``."""

    readonly_fields = [*ClaimAdmin.readonly_fields, "reviews"]
    fieldsets = [
        ClaimAdmin.fieldsets[0],
        ("Reviews", {"fields": ["reviews"]}),
        *ClaimAdmin.fieldsets[1:],
    ]
    live_panels = (*ClaimAdmin.live_panels, "Reviews")
    inlines = [*ClaimAdmin.inlines, ExternalFactCheckInline]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not is_past_version(obj):
            # Read-only panels receive the object only: what they need of the request rides
            # on it, with the claim's reviews loaded once.
            obj.review_rows = list(obj.reviews.select_related("rating").order_by("version"))
            obj.may_open_review = review_can_open(
                claim=obj, user=request.user, reviews=obj.review_rows
            )
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
                    reverse("admin:reviews_review_change", args=[review.pk]),
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
            add_url = reverse("admin:reviews_review_add")
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
        is_id = object_id.isascii() and object_id.isdigit() and len(object_id) <= 18
        claim = Claim.objects.filter(pk=object_id).first() if is_id else None
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": claim,
            "title": f"Whole history of “{shorten(claim.text, 60)}”",
            "entries": claim_timeline(claim),
            "change_url": reverse("admin:claims_claim_change", args=[claim.pk]),
        }
        return TemplateResponse(request, "admin/claims/claim/timeline.html", context)


admin.site.unregister(Claim)
admin.site.register(Claim, ReviewedClaimAdmin)
