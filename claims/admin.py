"""Admin of claims, statements and citations: the fact-checker's data-entry desk.

The reviews app extends the claim page with its reviews and whole history
(``reviews.admin.ReviewedClaimAdmin``).
"""

from operator import attrgetter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core import dates
from core.admin import (
    BIG_LIST_PER_PAGE,
    IndexedValuesFilter,
    ServiceAdmin,
    ServiceModelForm,
    ServiceStackedInline,
    ServiceTabularInline,
    WithdrawableAdmin,
    is_past_version,
    prefetched,
)
from core.text import shorten
from sources.admin import PublisherFilter
from sources.choices import ActorKind, SourceKind
from sources.models import Actor, Snapshot

from .chains import chain_to, describe_chain, leaf_chains
from .choices import CitationRole, RelationKind, Stance
from .detail_reads import claim_for_detail
from .models import Citation, Claim, ClaimRelation, Statement, Topic
from .querysets import SEARCH_WINDOW
from .services import citation_save, claim_relation_save, claim_save, statement_save

# Reading a citation's verification, and its chain


def verification_text(citation) -> str:
    """The verification of a citation's quote in words, with its offsets when found."""
    if citation.quote_verified:
        return f"✓ found verbatim at {citation.quote_start}–{citation.quote_end}"
    if not citation.quote:
        return "no quote recorded"
    if citation.snapshot_id is None:
        return "✗ not verified (no snapshot)"
    if citation.role == CitationRole.TRANSLATES:
        return "✗ not verified (a translation: its words are not in the snapshot)"
    return "✗ not verified (not found in the snapshot)"


def verification_html(citation):
    if citation.quote_verified:
        state = "ok"
    elif citation.quote:
        state = "bad"
    else:
        state = "none"
    return format_html('<span class="ct-verdict--{}">{}</span>', state, verification_text(citation))


def snapshot_link(citation):
    if citation.snapshot_id is None:
        return ""
    url = reverse("admin:sources_snapshot_change", args=[citation.snapshot_id])
    return format_html('<a href="{}">snapshot</a>', url)


def statement_citations(statement_id) -> dict:
    """A statement's citations by id, with what describing their chains reads (one query)."""
    citations = Citation.objects.filter(statement_id=statement_id).select_related(
        "source__publisher"
    )
    return {citation.pk: citation for citation in citations}


def chain_text(citation, citations_by_id: dict) -> str:
    """The chain that ends at ``citation``, in words, read from the saved citations."""
    if citation.pk is None or citation.pk not in citations_by_id:
        return ""
    return describe_chain(chain_to(citations_by_id[citation.pk], citations_by_id))


def current(rows) -> list:
    """The rows of a prefetched set that are not withdrawn (the panels show the record now)."""
    return [row for row in rows if row.withdrawn_at is None]


def stated_display(statement) -> str:
    return dates.display(statement.stated_on, statement.stated_precision)


# Filters


def statement_label(statement) -> str:
    """A statement among its claim's: who, what stance, when."""
    when = dates.display(statement.stated_on, statement.stated_precision)
    return f"#{statement.pk} {statement.speaker} {statement.get_stance_display()}" + (
        f", {when}" if when else ""
    )


def snapshot_label(snapshot) -> str:
    """A snapshot among its source's: when it was captured, and the start of its digest."""
    return f"#{snapshot.pk} captured {snapshot.captured_at:%Y-%m-%d %H:%M} ({snapshot.sha256[:12]})"


def citation_label(citation) -> str:
    """A citation among its statement's: which source, in which role, from when."""
    source = citation.source
    when = source.published_display
    return f"#{citation.pk} {source.title} ({citation.get_role_display()}" + (
        f", {when})" if when else ")"
    )


class StanceFilter(admin.SimpleListFilter):
    """Claims that have at least one statement with the chosen stance."""

    title = "stance taken"
    parameter_name = "stance"

    def lookups(self, request, model_admin):
        return Stance.choices

    def queryset(self, request, queryset):
        if self.value() not in Stance.values:
            return queryset
        statements = Statement.objects.filter(claim=OuterRef("pk"), stance=self.value())
        return queryset.filter(Exists(statements))


class DeniedFilter(admin.SimpleListFilter):
    title = "denied"
    parameter_name = "denied"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        denials = Statement.objects.filter(claim=OuterRef("pk"), stance=Stance.DENIES)
        if self.value() == "yes":
            return queryset.filter(Exists(denials))
        if self.value() == "no":
            return queryset.filter(~Exists(denials))
        return queryset


class ActorKindFilter(admin.SimpleListFilter):
    title = "actor kind"
    parameter_name = "actor_kind"

    def lookups(self, request, model_admin):
        return ActorKind.choices

    def queryset(self, request, queryset):
        if self.value() in ActorKind.values:
            return queryset.filter(actor__kind=self.value())
        return queryset


class SourceKindFilter(admin.SimpleListFilter):
    title = "source kind"
    parameter_name = "source_kind"

    def lookups(self, request, model_admin):
        return SourceKind.choices

    def queryset(self, request, queryset):
        if self.value() in SourceKind.values:
            return queryset.filter(source__kind=self.value())
        return queryset


# Claims


class StatementInline(ServiceTabularInline):
    model = Statement
    fields = [
        "actor",
        "speaker_label",
        "stance",
        "stated_on",
        "stated_precision",
        "responds_to",
        "confidence",
    ]
    autocomplete_fields = ["actor"]
    scoped_fields = {"responds_to": "claim_statements"}
    # The claim's page reads its statements (withdrawn ones too) in this order, with their
    # actors and the statements they answer (ClaimQuerySet.for_detail).
    rows_from_parent = "statements"
    show_change_link = True
    # Blank rows on the add page only: a claim's page adds a statement with "Add another",
    # and each blank row is a whole form to render.
    extra = 0

    def claim_statements(self, request, claim):
        """A statement answers another statement of its own claim."""
        statements = Statement.objects.none() if claim is None else claim.statements.all()
        statements = statements.prefetch_related(None).select_related("actor").order_by("pk")
        # The page's claim holds them all, prefetched with their actors.
        read = None if claim is None else prefetched(claim, "statements")
        if read is not None:
            return statements, statement_label, sorted(read, key=attrgetter("pk"))
        return statements, statement_label

    def get_queryset(self, request):
        # Each row shows its actor, the statement it answers, and itself as text.
        return (
            super()
            .get_queryset(request)
            .select_related("claim", "actor", "responds_to__actor", "responds_to__claim")
        )

    def get_extra(self, request, obj=None, **kwargs):
        return 2 if obj is None else self.extra

    def save_with_service(self, request, obj):
        statement_save(statement=obj, user=request.user)


class ClaimForm(ServiceModelForm):
    # Set by the "Already in the record?" panel of the add page: the new claim is saved as
    # the same claim as this one (a duplicate_of relation, in the same transaction).
    same_as = forms.ModelChoiceField(
        queryset=Claim.objects.current(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "The claim chosen as the same claim is not current."},
    )


@admin.register(Claim)
class ClaimAdmin(WithdrawableAdmin):
    list_per_page = BIG_LIST_PER_PAGE
    list_display = [
        "short_text",
        "kind",
        "language",
        "statement_count",
        "has_denial",
        "created_at",
    ]
    list_filter = [
        StanceFilter,
        DeniedFilter,
        "kind",
        ("language", IndexedValuesFilter),
        "topics",
        "created_at",
    ]
    search_fields = ["text"]
    form = ClaimForm
    autocomplete_fields = ["about", "topics"]
    readonly_fields = ["denials", "chains", "similar_claims"]
    fieldsets = [
        (None, {"fields": ["text", "language", "kind"]}),
        ("Already in the record?", {"fields": ["similar_claims"]}),
        ("Denials", {"fields": ["denials"]}),
        (
            "Quantity",
            {
                "fields": [
                    ("quantity_comparator", "quantity_value", "quantity_upper", "quantity_unit")
                ]
            },
        ),
        ("Period", {"fields": [("period_start", "period_end", "period_precision")]}),
        ("Place and subjects", {"fields": ["place", "about", "topics"]}),
        ("Chains", {"fields": ["chains"]}),
    ]
    inlines = [StatementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    def get_detail_queryset(self, request):
        # The page shows none of the list's counts and flags; its panel of known duplicates
        # reads the claim's relations.
        return super().get_queryset(request).for_detail().with_relations()

    def get_object(self, request, object_id, from_field=None):
        """A claim named by its id is read as the API's detail reads it: the objects of
        ``get_detail_queryset``, by queries compiled once (``claims.detail_reads``), not
        built anew for every page."""
        if from_field is None and object_id.isascii() and object_id.isdigit():
            return claim_for_detail(int(object_id))
        return super().get_object(request, object_id, from_field)

    # Panels that read the current record: nothing to show on the add page, and nothing that
    # belongs to an earlier version of the claim on a past version's page.
    live_panels = ("Denials", "Chains", "Already in the record?")

    class Media:
        js = ["claims/matching.js", "claims/similar.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        may_relate = request.user.has_perm("claims.add_claimrelation")
        if obj is None:
            # The add page keeps one live panel: the claims its text matches as it is typed,
            # each a click from saving the new claim as the same claim.
            similar = ("Already in the record?", {"fields": ["similar_claims"]})
            if may_relate:
                similar[1]["fields"].append("same_as")
            return [
                similar if fieldset[0] == similar[0] else fieldset
                for fieldset in fieldsets
                if fieldset[0] not in self.live_panels or fieldset[0] == similar[0]
            ]
        if is_past_version(obj):
            return [fieldset for fieldset in fieldsets if fieldset[0] not in self.live_panels]
        obj.may_relate = may_relate
        return fieldsets

    def get_urls(self):
        view = self.admin_site.admin_view(self.same_claim_view)
        return [
            path("<path:object_id>/same-claim/", view, name="claims_claim_same"),
            *super().get_urls(),
        ]

    def same_claim_view(self, request, object_id):
        """Record that the page's claim is the same claim as another (a duplicate relation)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("claims.add_claimrelation"):
            raise PermissionDenied
        is_id = object_id.isascii() and object_id.isdigit() and len(object_id) <= 18
        claim = Claim.objects.filter(pk=object_id).first() if is_id else None
        if claim is None:
            raise Http404("No such claim.")
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        other_id = request.POST.get("to_claim", "")
        is_id = other_id.isascii() and other_id.isdigit() and len(other_id) <= 18
        other = Claim.objects.filter(pk=other_id).first() if is_id else None
        if other is None:
            self.message_user(request, "Choose a claim of the record.", messages.ERROR)
            return redirect(change_url)
        relation = ClaimRelation(from_claim=claim, to_claim=other, kind=RelationKind.DUPLICATE_OF)
        try:
            with transaction.atomic():  # a refusal is shown, and the request goes on
                claim_relation_save(relation=relation, user=request.user)
        except ValidationError as refusal:
            self.message_user(
                request, f"Not recorded: {' '.join(refusal.messages)}", messages.ERROR
            )
            return redirect(change_url)
        self.message_user(request, f"Recorded: this claim is the same claim as #{other.pk}.")
        return redirect(change_url)

    # How many of the newest matches a search lists (ClaimQuerySet.search_window).
    search_window = SEARCH_WINDOW

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        window = getattr(request, "claims_search_window", None)
        if window is not None and window.full:  # the page renders after this
            self.message_user(
                request,
                f"Only the {self.search_window:,} newest matches are listed: add words to narrow "
                "the search, or filter the list.",
                messages.INFO,
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        """The API's search (``ClaimQuerySet.search``: full-text on the claim's text and its
        quotes), widened to the claims with a current statement by an actor named like the
        term, in a window of the newest matches (``search_window``); best match first, unless
        a column is sorted."""
        term = search_term.strip()
        if not term:
            return queryset, False
        speakers = Actor.objects.named_like(term)
        by_relevance = ORDER_VAR not in request.GET
        window = queryset.search_window(
            term, speakers=speakers, size=self.search_window, ranked=by_relevance
        )
        # The window's claims by their ids: a page of its ranking reads them from the list's
        # queryset, with no condition on the window's other ids.
        request.claims_search_window, request.claims_searched = window, queryset
        claims = window.claims.with_relevance(term)
        if by_relevance:
            claims = claims.order_by("-relevance", "-pk")
        return claims, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        window = getattr(request, "claims_search_window", None)
        if window is not None and window.ranking is not None:
            paginator.know_order(window.ranking, rows=request.claims_searched)
        elif window is not None and window.count is not None:
            paginator.know_count(window.count)
        return paginator

    def save_with_service(self, request, obj, form):
        same_as = form.cleaned_data.get("same_as")
        if same_as is not None and not request.user.has_perm("claims.add_claimrelation"):
            raise ValidationError("You may not record that two claims are the same claim.")
        claim_save(
            claim=obj,
            about=form.cleaned_data.get("about"),
            topics=form.cleaned_data.get("topics"),
            same_as=same_as,
            user=request.user,
        )

    @admin.display(description="claim", ordering="text")
    def short_text(self, obj):
        return shorten(obj.text, 90)

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.display(description="denied", boolean=True, ordering="has_denial")
    def has_denial(self, obj):
        return obj.has_denial

    @admin.display(description="similar claims")
    def similar_claims(self, obj):
        """Filled in the browser from claim matching, so the page never waits for it."""
        if obj.pk is None:  # the add page: matched against the text as it is typed
            return format_html(
                '<div id="ct-similar" data-match-url="{}" data-change-url="{}">'
                '<p class="ct-empty">Claims of the record that say the same will show here '
                "as the claim is typed.</p><ol></ol></div>",
                reverse("api:claim-match"),
                reverse("admin:claims_claim_change", args=[0]),
            )
        # The relations both ways, read with the claim (``get_detail_queryset``).
        relations = [*obj.relations_from.all(), *obj.relations_to.all()]
        duplicates = [r for r in relations if r.kind == RelationKind.DUPLICATE_OF]
        ends = {pk for r in duplicates for pk in (r.from_claim_id, r.to_claim_id)}
        known = sorted(ends - {obj.pk})
        return format_html(
            '<div id="ct-similar" data-claim="{}" data-text="{}" data-match-url="{}" '
            'data-same-url="{}" data-change-url="{}" data-known="{}" data-may-relate="{}">'
            '<p class="ct-empty">Looking for claims that say the same…</p><ol></ol></div>',
            obj.pk,
            obj.text,
            reverse("api:claim-match"),
            reverse("admin:claims_claim_same", args=[obj.pk]),
            reverse("admin:claims_claim_change", args=[0]),
            " ".join(map(str, known)),
            "1" if getattr(obj, "may_relate", False) else "",
        )

    @admin.display(description="denials")
    def denials(self, obj):
        """Each denial: who, when, and the statement it answers."""
        rows = [s for s in current(obj.statements.all()) if s.stance == Stance.DENIES]
        if not rows:
            return format_html('<span class="ct-empty">{}</span>', "No denials recorded.")
        items = []
        for denial in rows:
            when = stated_display(denial) or "date not recorded"
            answered = denial.responds_to
            if answered is None:
                answers = "not linked to the statement it answers"
            else:
                answered_when = stated_display(answered) or "date not recorded"
                answers = (
                    f"in response to {answered.speaker} "
                    f"({answered.get_stance_display()}, {answered_when})"
                )
            url = reverse("admin:claims_statement_change", args=[denial.pk])
            items.append((url, denial.speaker, denial.get_stance_display(), when, answers))
        return format_html(
            '<ul class="ct-panel">{}</ul>',
            format_html_join(
                "",
                '<li class="ct-denial"><a href="{}"><strong>{}</strong> {}</a>, {}, {}</li>',
                items,
            ),
        )

    @admin.display(description="chains")
    def chains(self, obj):
        """For each statement, each citation chain in words and each quote with its check."""
        statements = current(obj.statements.all())
        if not statements:
            return format_html('<span class="ct-empty">{}</span>', "No statements recorded yet.")
        return format_html(
            '<ul class="ct-panel">{}</ul>',
            format_html_join("", "<li>{}</li>", ((self._statement_chains(s),) for s in statements)),
        )

    def _statement_chains(self, statement):
        citations = current(statement.citations.all())
        url = reverse("admin:claims_statement_change", args=[statement.pk])
        when = stated_display(statement)
        heading = format_html(
            '<a href="{}"><strong>{}</strong> {}</a>{}',
            url,
            statement.speaker,
            statement.get_stance_display(),
            f", {when}" if when else "",
        )
        if not citations:
            return format_html('{}<ul><li class="ct-empty">No citations yet.</li></ul>', heading)
        chains = format_html_join(
            "",
            '<li class="ct-chain">{}</li>',
            ((describe_chain(chain),) for chain in leaf_chains(citations)),
        )
        quotes = format_html_join(
            "",
            '<li><q class="ct-quote">{}</q> — {}: {} {}</li>',
            (
                (c.quote, c.source.title, verification_html(c), snapshot_link(c))
                for c in citations
                if c.quote
            ),
        )
        return format_html("{}<ul>{}{}</ul>", heading, chains, quotes)


# Statements


class CitationInline(ServiceStackedInline):
    model = Citation
    fk_name = "statement"
    fields = [
        ("source", "role"),
        ("derived_from", "access"),
        "quote",
        ("quote_prefix", "quote_suffix"),
        ("snapshot", "locator", "retrieved_on"),
        "verification",
        "chain",
        "open_snapshot",
    ]
    readonly_fields = ["verification", "chain", "open_snapshot"]
    autocomplete_fields = ["source", "snapshot"]
    scoped_fields = {"derived_from": "statement_citations"}
    # Blank rows on the add page only, as the statements of a claim's page.
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else self.extra

    def statement_citations(self, request, statement):
        """A chain stays within its statement: a citation derives from one of its own."""
        citations = Citation.objects.none() if statement is None else statement.citations.all()
        return citations.select_related("source").order_by("pk"), citation_label

    def get_queryset(self, request):
        # The autocompletes label their selection from these (see LoadedAutocompleteSelect).
        return (
            super()
            .get_queryset(request)
            .select_related("source", "derived_from__source", "snapshot__source")
            .defer("snapshot__text")
        )

    def save_with_service(self, request, obj):
        citation_save(citation=obj, user=request.user)

    def _citations_by_id(self, statement_id) -> dict:
        # An inline admin lives for one request: the statement's citations load once.
        cache = self.__dict__.setdefault("_citations_cache", {})
        if statement_id not in cache:
            cache[statement_id] = statement_citations(statement_id)
        return cache[statement_id]

    @admin.display(description="verification")
    def verification(self, obj):
        if obj.pk is None:
            return "checked when saved"
        return verification_html(obj)

    @admin.display(description="chain")
    def chain(self, obj):
        if obj.pk is None:
            return "shown once saved"
        return chain_text(obj, self._citations_by_id(obj.statement_id))

    @admin.display(description="snapshot text")
    def open_snapshot(self, obj):
        return snapshot_link(obj)


@admin.register(Statement)
class StatementAdmin(WithdrawableAdmin):
    list_per_page = BIG_LIST_PER_PAGE
    list_display = ["speaker", "stance", "claim", "stated", "citation_count"]
    list_filter = ["stance", "confidence", ActorKindFilter]
    search_fields = ["claim__text", "speaker_label", "actor__name"]
    # The citation count groups rows, and grouped queries drop the model's default ordering.
    ordering = ["claim_id", "stated_on", "id"]
    autocomplete_fields = ["claim", "actor", "responds_to"]
    # The other statements of its claim, once the claim is known (see ``claim_statements``).
    scoped_fields = {"responds_to": "claim_statements"}
    fields = [
        "claim",
        ("actor", "speaker_label"),
        "stance",
        ("stated_on", "stated_precision"),
        "responds_to",
        "confidence",
        "note",
    ]
    inlines = [CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    def get_detail_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("claim", "actor", "responds_to__actor", "responds_to__claim")
        )

    def claim_statements(self, request, statement):
        """A statement answers another statement of its own claim: the claim of the page, or
        the one the add page was opened for (``?claim=``). Without either, the autocomplete
        offers any statement and the model refuses one of another claim."""
        claim_id = self.initial_pk(request, "claim") if statement is None else statement.claim_id
        if claim_id is None:
            return None
        statements = Statement.objects.filter(claim_id=claim_id)
        if statement is not None:
            statements = statements.exclude(pk=statement.pk)
        return statements.select_related("actor").order_by("pk"), statement_label

    def get_extra_search_condition(self, request, search_term):
        return Q(actor__in=Actor.objects.named_like(search_term))

    def save_with_service(self, request, obj, form):
        statement_save(statement=obj, user=request.user)

    @admin.display(description="speaker", ordering="actor__name")
    def speaker(self, obj):
        return obj.speaker

    @admin.display(description="stated", ordering="stated_on")
    def stated(self, obj):
        return stated_display(obj)

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count


@admin.register(Citation)
class CitationAdmin(WithdrawableAdmin):
    list_per_page = BIG_LIST_PER_PAGE
    list_display = ["source", "role", "access", "verified", "speaker", "claim"]
    list_filter = [
        "role",
        "access",
        "quote_verified",
        SourceKindFilter,
        ("source__publisher", PublisherFilter),
    ]
    search_fields = ["quote", "source__title", "source__publisher__name"]
    autocomplete_fields = ["statement", "source", "derived_from", "snapshot"]
    # Once the statement and the source are known (see the methods named here).
    scoped_fields = {"derived_from": "statement_citations", "snapshot": "source_snapshots"}
    fields = [
        "statement",
        ("source", "role"),
        ("derived_from", "access"),
        "quote",
        ("quote_prefix", "quote_suffix"),
        ("snapshot", "locator", "retrieved_on"),
        "verification",
        "chain",
        "open_snapshot",
    ]
    readonly_fields = ["verification", "chain", "open_snapshot"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_changelist()

    def get_detail_queryset(self, request):
        # What the page shows, and no more: every table joined beyond these made PostgreSQL
        # spend longer planning the query (a ten-table join) than running it.
        return (
            super()
            .get_queryset(request)
            .select_related("statement__claim", "statement__actor", "source")
        )

    def statement_citations(self, request, citation):
        """A chain stays within its statement: a citation derives from another of its
        statement's, the statement of the page or the one the add page was opened for
        (``?statement=``). Without either, the model refuses one of another statement."""
        statement_id = (
            self.initial_pk(request, "statement") if citation is None else citation.statement_id
        )
        if statement_id is None:
            return None
        citations = Citation.objects.filter(statement_id=statement_id)
        if citation is not None:
            citations = citations.exclude(pk=citation.pk)
        return citations.select_related("source").order_by("pk"), citation_label

    def source_snapshots(self, request, citation):
        """A quote is checked in a snapshot of the citation's own source (or of ``?source=``)."""
        source_id = self.initial_pk(request, "source") if citation is None else citation.source_id
        if source_id is None:
            return None
        snapshots = Snapshot.objects.filter(source_id=source_id).defer("text")
        return snapshots.order_by("-captured_at", "pk"), snapshot_label

    def save_with_service(self, request, obj, form):
        citation_save(citation=obj, user=request.user)

    @admin.display(description="verified", boolean=True, ordering="quote_verified")
    def verified(self, obj):
        return obj.quote_verified

    @admin.display(description="speaker")
    def speaker(self, obj):
        return obj.statement.speaker

    @admin.display(description="claim")
    def claim(self, obj):
        return obj.statement.claim

    @admin.display(description="verification")
    def verification(self, obj):
        return verification_html(obj)

    @admin.display(description="chain")
    def chain(self, obj):
        if obj.pk is None:
            return "shown once saved"
        return chain_text(obj, statement_citations(obj.statement_id))

    @admin.display(description="snapshot text")
    def open_snapshot(self, obj):
        return snapshot_link(obj)


# Relations and topics


@admin.register(ClaimRelation)
class ClaimRelationAdmin(ServiceAdmin):
    list_per_page = BIG_LIST_PER_PAGE
    list_display = ["from_claim", "kind", "to_claim"]
    list_filter = ["kind"]
    list_select_related = ["from_claim", "to_claim"]
    search_fields = ["from_claim__text", "to_claim__text"]
    autocomplete_fields = ["from_claim", "to_claim"]
    fields = ["from_claim", "kind", "to_claim", "note"]

    def save_with_service(self, request, obj, form):
        claim_relation_save(relation=obj, user=request.user)


@admin.register(Topic)
class TopicAdmin(ServiceAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]


# The snapshot page with its annotate screen, registered once the claim admins are.
from . import admin_annotate  # noqa: E402, F401
