"""Admin of actors, sources and snapshots, arranged for fast data entry."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from core.admin import ServiceAdmin, ServiceModelForm, ServiceTabularInline, WithdrawableAdmin
from core.text import fold

from .models import Actor, Alias, Snapshot, Source
from .services import actor_save, alias_save, snapshot_capture, source_save


class AliasFormSet(BaseInlineFormSet):
    """Checks the alias rows against each other and against the actor's name as submitted.

    ``Alias.clean`` compares with aliases already saved, so it cannot see two new rows that
    are the same name, or the rows of an actor being added.
    """

    def clean(self):
        super().clean()
        own_name = fold(self.instance.name or "")
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            name = form.cleaned_data.get("name")
            if not name:
                continue
            folded = fold(name)
            if folded == own_name:
                form.add_error("name", "This is the actor's own name, not an alias.")
            elif folded in seen:
                form.add_error(
                    "name", "This alias is already in the list (case and accents do not count)."
                )
            seen.add(folded)


class AliasInline(ServiceTabularInline):
    model = Alias
    formset = AliasFormSet
    fields = ["name"]
    extra = 2

    def save_with_service(self, request, obj):
        alias_save(alias=obj, user=request.user)


@admin.register(Actor)
class ActorAdmin(WithdrawableAdmin):
    list_display = ["name", "kind", "parent", "country", "wikidata_id", "alias_count"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    # The alias count groups rows, and grouped queries drop the model's default ordering.
    ordering = ["name", "id"]
    autocomplete_fields = ["parent", "leader"]
    fields = ["kind", "name", "description", "parent", "leader", "country", "wikidata_id"]
    inlines = [AliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    def get_detail_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "leader")

    def get_extra_search_condition(self, request, search_term):
        return Q(pk__in=Actor.objects.named_like(search_term).values("pk"))

    def save_with_service(self, request, obj, form):
        actor_save(actor=obj, user=request.user)

    @admin.display(description="aliases", ordering="alias_count")
    def alias_count(self, obj):
        return obj.alias_count


class SnapshotInline(admin.TabularInline):
    """The snapshots of a source, read-only: a snapshot is captured, never edited."""

    model = Snapshot
    fields = ["captured_at", "sha256", "captured_by", "open_snapshot"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").defer("text")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="snapshot")
    def open_snapshot(self, obj):
        if obj.pk is None:
            return ""
        url = reverse("admin:sources_snapshot_change", args=[obj.pk])
        return format_html('<a href="{}">Read the captured text</a>', url)


@admin.register(Source)
class SourceAdmin(WithdrawableAdmin):
    list_display = ["title", "kind", "publisher", "published", "language", "is_public"]
    list_filter = [
        "kind",
        "language",
        "is_public",
        ("publisher", admin.RelatedOnlyFieldListFilter),
        "published_on",
    ]
    list_select_related = ["publisher"]
    date_hierarchy = "published_on"
    search_fields = ["title", "url", "publisher__name"]
    autocomplete_fields = ["publisher", "authors"]
    readonly_fields = ["url_normalized", "capture_snapshot"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "title",
                    "publisher",
                    "authors",
                    "url",
                    "url_normalized",
                    "language",
                ]
            },
        ),
        ("Publication", {"fields": ["published_on", "published_precision"]}),
        ("Access", {"fields": ["is_public", "access_note", "archive_url"]}),
        ("Snapshots", {"fields": ["capture_snapshot"]}),
    ]
    inlines = [SnapshotInline]

    @admin.display(description="new snapshot")
    def capture_snapshot(self, obj):
        """A link to the snapshot form with this source chosen (once the source is saved)."""
        if obj is None or obj.pk is None:
            return "Save the source first."
        url = f"{reverse('admin:sources_snapshot_add')}?source={obj.pk}"
        return format_html('<a href="{}">Capture a snapshot of this source</a>', url)

    def get_extra_search_condition(self, request, search_term):
        return Q(publisher__in=Actor.objects.named_like(search_term))

    def save_with_service(self, request, obj, form):
        source_save(source=obj, user=request.user)

    @admin.display(description="published", ordering="published_on")
    def published(self, obj):
        return obj.published_display


class SnapshotForm(ServiceModelForm):
    def clean(self):
        cleaned_data = super().clean()
        source, text = cleaned_data.get("source"), cleaned_data.get("text")
        if source is not None and text and self.instance._state.adding:
            existing = source.snapshots.filter(sha256=Snapshot.digest(text)).first()
            if existing is not None:
                raise forms.ValidationError(
                    "This source already has a snapshot with exactly this text (%(snapshot)s).",
                    code="duplicate",
                    params={"snapshot": existing},
                )
        return cleaned_data


@admin.register(Snapshot)
class SnapshotAdmin(ServiceAdmin):
    """Snapshots are added here and then only read: a changed source gets a new snapshot."""

    form = SnapshotForm
    list_display = ["source", "captured_at", "captured_by", "short_sha256"]
    list_filter = ["captured_at"]
    list_select_related = ["source"]
    search_fields = ["source__title"]
    autocomplete_fields = ["source"]
    readonly_fields = ["sha256", "captured_text"]

    def get_queryset(self, request):
        # Snapshots hold whole articles: lists and autocompletes never load the text.
        return super().get_queryset(request).select_related("source").defer("text")

    def get_detail_queryset(self, request):
        return self.get_queryset(request).defer(None)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["source", "text", "captured_at", "captured_by", "captured_from"]
        return [
            "source",
            "captured_at",
            "captured_by",
            "captured_from",
            "sha256",
            "captured_text",
            "created_at",
        ]

    def get_changeform_initial_data(self, request):
        return {
            "captured_by": request.user.get_username(),
            **super().get_changeform_initial_data(request),
        }

    def has_change_permission(self, request, obj=None):
        return False

    def save_with_service(self, request, obj, form):
        captured = snapshot_capture(
            source=obj.source,
            text=obj.text,
            captured_by=obj.captured_by,
            captured_from=obj.captured_from,
            captured_at=obj.captured_at,
            user=request.user,
        )
        # The service may hand back an identical snapshot captured meanwhile; the admin
        # then logs and shows that one.
        for name in ("id", "sha256", "captured_at", "created_at"):
            setattr(obj, name, getattr(captured, name))
        obj._state.adding = False

    @admin.display(description="SHA-256")
    def short_sha256(self, obj):
        return obj.sha256[:12]

    @admin.display(description="text")
    def captured_text(self, obj):
        return format_html('<pre class="ct-snapshot-text">{}</pre>', obj.text)
