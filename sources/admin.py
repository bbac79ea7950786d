"""Admin of actors, sources and snapshots, arranged for fast data entry."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import AdminForm
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_permission_codename
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin import (
    BIG_LIST_PER_PAGE,
    PARTIAL_DATE_HELP,
    IndexedRelatedFilter,
    IndexedValuesFilter,
    IndexedYearFilter,
    PartialDateFormField,
    ServiceAdmin,
    ServiceInlineFormSet,
    ServiceModelForm,
    ServiceTabularInline,
    WithdrawableAdmin,
)
from core.text import fold
from core.validators import validate_language_tag

from .choices import ActorKind, SourceKind
from .intake import IntakeError, ReducedPage, max_upload_bytes, read_upload, reduce_html, text_page
from .links import normalize_url
from .models import SNAPSHOT_MAX_LENGTH, Actor, Alias, Snapshot, Source
from .services import (
    ActorNameAmbiguous,
    ActorNotFound,
    actor_resolve,
    actor_save,
    alias_save,
    article_intake,
    snapshot_capture,
    source_save,
)


class PublisherFilter(IndexedRelatedFilter):
    """The publishers a foreign key names (see ``IndexedRelatedFilter``), each read as the
    name its label is, not as a whole actor."""

    label_fields = ("name",)


class AliasFormSet(ServiceInlineFormSet):
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


# Taking in an article: its content first (step 1), then what the page says about it (step 2).

INTAKE_SALT = "sources.intake"
# How long the reduced text of step 1 may wait for step 2, in seconds.
INTAKE_MAX_AGE = 24 * 60 * 60


def intake_next_url(snapshot: Snapshot) -> str:
    """Where the intake goes once the article's snapshot is recorded: its annotate screen
    (registered by the claims app, which records what is annotated)."""
    return reverse("admin:sources_snapshot_annotate", args=[snapshot.pk])


class IntakeContentForm(forms.Form):
    """Step 1: the article, as pasted text, an uploaded file, or a URL with its HTML."""

    text = forms.CharField(
        label="Pasted text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
        help_text="The article's text, copied from the page; it is kept as it is.",
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text="A text file (.txt) or a page saved from the browser (.html or .htm).",
    )
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="The article's address: needed with pasted HTML, and worth giving with the rest.",
    )
    html = forms.CharField(
        label="Captured HTML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
        help_text="The page's source as the browser shows it (View source, select all, "
        "copy). A very large page is better saved and uploaded as a file.",
    )

    CONTENTS = ("text", "file", "html")
    page: ReducedPage | None = None
    captured_from = ""

    def clean(self):
        cleaned_data = super().clean()
        given = [name for name in self.CONTENTS if self._given(name, cleaned_data)]
        if not given:
            if not any(name in self.errors for name in self.CONTENTS):
                raise ValidationError(
                    "Give the article: paste its text, upload a file, or give its URL with "
                    "the captured HTML.",
                    code="missing",
                )
            return cleaned_data
        if len(given) > 1:
            raise ValidationError(
                "Give one of pasted text, a file or captured HTML, not several.",
                code="several",
            )
        if "url" in self.errors:
            return cleaned_data
        url = cleaned_data.get("url") or ""
        [content] = given
        try:
            if content == "text":
                page = text_page(cleaned_data["text"], url)
            elif content == "file":
                uploaded = cleaned_data["file"]
                upload = read_upload(uploaded.name, uploaded.read(max_upload_bytes() + 1))
                page = (
                    reduce_html(upload.content, url)
                    if upload.is_html
                    else text_page(upload.content, url)
                )
            else:
                if not url:
                    self.add_error("url", "Give the URL of the page this HTML was captured from.")
                    return cleaned_data
                page = reduce_html(cleaned_data["html"], url)
        except IntakeError as error:
            self.add_error(content, str(error))
            return cleaned_data
        if len(page.text) > SNAPSHOT_MAX_LENGTH:
            self.add_error(
                content,
                f"The text is longer than a snapshot holds ({SNAPSHOT_MAX_LENGTH:,} characters).",
            )
            return cleaned_data
        self.page, self.captured_from = page, url
        return cleaned_data

    @staticmethod
    def _given(name, cleaned_data) -> bool:
        value = cleaned_data.get(name)
        return bool(value) if name == "file" else bool(value and value.strip())


class IntakeArticleForm(forms.Form):
    """Step 2: the source of the article, pre-filled from the page; the text rides along
    signed, so what was shown is what is recorded."""

    payload = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=500)
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS_ARTICLE)
    publisher = forms.ModelChoiceField(queryset=Actor.objects.all(), required=False)
    new_publisher = forms.CharField(
        label="Or a new publisher",
        max_length=255,
        required=False,
        help_text="Recorded as a new actor with the source, unless it is already in the "
        "record by this name or an alias.",
    )
    new_publisher_kind = forms.ChoiceField(
        label="Its kind", choices=ActorKind.choices, initial=ActorKind.NEWS_OUTLET
    )
    published_on = PartialDateFormField(
        label="Published", required=False, help_text=PARTIAL_DATE_HELP
    )
    language = forms.CharField(
        max_length=35,
        validators=[validate_language_tag],
        help_text="BCP 47 tag, such as en or pt-BR.",
    )
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")

    def __init__(self, *args, admin_site, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["publisher"] = forms.ModelChoiceField(
            queryset=Actor.objects.all(),
            required=False,
            widget=AutocompleteSelect(Source._meta.get_field("publisher"), admin_site),
            help_text="The actor who published the article, from the record.",
        )

    @staticmethod
    def sign(page_text: str, captured_from: str, user) -> str:
        payload = {"text": page_text, "from": captured_from, "user": user.pk}
        return signing.dumps(payload, salt=INTAKE_SALT, compress=True)

    def clean_payload(self):
        refused = ValidationError(
            "The article text was altered or has expired: take the article in again.",
            code="tampered",
        )
        try:
            payload = signing.loads(
                self.cleaned_data["payload"], salt=INTAKE_SALT, max_age=INTAKE_MAX_AGE
            )
        except signing.BadSignature:
            raise refused from None
        if (
            not isinstance(payload, dict)
            or not isinstance(payload.get("text"), str)
            or not isinstance(payload.get("from"), str)
            or payload.get("user") != self.user.pk
        ):
            raise refused
        return payload

    @property
    def text(self) -> str:
        """The verified article text, or empty when the signature does not hold."""
        payload = getattr(self, "cleaned_data", {}).get("payload")
        return payload["text"] if isinstance(payload, dict) else ""

    def clean(self):
        cleaned_data = super().clean()
        chosen, name = cleaned_data.get("publisher"), cleaned_data.get("new_publisher", "")
        if chosen is not None and name:
            self.add_error(
                "new_publisher", "Choose a publisher from the record or name a new one, not both."
            )
        elif name:
            try:
                cleaned_data["publisher"] = actor_resolve(name)
            except ActorNotFound:
                cleaned_data["publisher"] = Actor(
                    name=name, kind=cleaned_data.get("new_publisher_kind") or ActorKind.OTHER
                )
            except ActorNameAmbiguous as ambiguous:
                self.add_error("new_publisher", f"{ambiguous} Choose one in the field above.")
        return cleaned_data

    def existing_source(self) -> Source | None:
        """The source that already has the URL in the form, which the snapshot will join."""
        url = self["url"].value() or ""
        normalized = normalize_url(url) if isinstance(url, str) else ""
        if not normalized:
            return None
        return Source.objects.filter(url_normalized=normalized).first()


class IntakeMixin:
    """The "Add from an article" pages of the source admin."""

    intake_template = "admin/sources/source/intake.html"

    def get_urls(self):
        intake = path(
            "intake/",
            self.admin_site.admin_view(self.intake_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_intake",
        )
        return [intake, *super().get_urls()]

    def has_intake_permission(self, request) -> bool:
        """Adding a source and a snapshot: an article may become both."""
        snapshot_opts = Snapshot._meta
        codename = get_permission_codename("add", snapshot_opts)
        return self.has_add_permission(request) and request.user.has_perm(
            f"{snapshot_opts.app_label}.{codename}"
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_intake_permission": self.has_intake_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def intake_view(self, request):
        if not self.has_intake_permission(request):
            raise PermissionDenied
        step = request.POST.get("step") if request.method == "POST" else None
        if step == "2":
            return self._intake_article(request)
        if step == "1":
            form = IntakeContentForm(request.POST, request.FILES)
            if form.is_valid():
                return self._intake_article_form(request, form.page, form.captured_from)
        else:
            form = IntakeContentForm()
        fieldsets = [
            ("Paste the text", {"fields": ["text"]}),
            ("Or upload a file", {"fields": ["file"]}),
            ("Or give the page's URL and its captured HTML", {"fields": ["url", "html"]}),
        ]
        return self._intake_render(request, form, fieldsets, step=1)

    def _intake_article_form(self, request, page: ReducedPage, captured_from: str):
        """Step 2, as the page fills it in."""
        url = page.url
        if captured_from and url != captured_from:
            # The page's canonical URL is preferred, unless only the captured one is known.
            known = Source.objects.filter(url_normalized=normalize_url(captured_from)).exists()
            if known and not Source.objects.filter(url_normalized=normalize_url(url)).exists():
                url = captured_from
        initial = {
            "payload": IntakeArticleForm.sign(page.text, captured_from, request.user),
            "title": page.title[:500],
            "kind": SourceKind.NEWS_ARTICLE,
            "published_on": page.published,
            "language": page.language or Source._meta.get_field("language").default,
            "url": url,
        }
        publisher_note = ""
        if page.publisher:
            try:
                initial["publisher"] = actor_resolve(page.publisher).pk
            except ActorNotFound:
                initial["new_publisher"] = page.publisher[:255]
                publisher_note = (
                    f"“{page.publisher}” is not in the record: it will be recorded as a new "
                    "actor of the kind below, unless you choose a publisher or clear its name."
                )
            except ActorNameAmbiguous as ambiguous:
                publisher_note = f"The page names its publisher “{page.publisher}”. {ambiguous}"
        form = IntakeArticleForm(initial=initial, admin_site=self.admin_site, user=request.user)
        return self._intake_step_two(request, form, page.text, publisher_note)

    def _intake_article(self, request):
        """Step 2, submitted: record the article, or show the form again with its errors."""
        form = IntakeArticleForm(request.POST, admin_site=self.admin_site, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            started = timezone.now()
            try:
                snapshot = article_intake(
                    text=data["payload"]["text"],
                    title=data["title"],
                    kind=data["kind"],
                    publisher=data["publisher"],
                    published_on=data["published_on"],
                    language=data["language"],
                    url=data["url"],
                    captured_from=data["payload"]["from"],
                    user=request.user,
                )
            except ValidationError as refusal:
                self._intake_refused(form, refusal)
            else:
                source = snapshot.source
                if snapshot.created_at < started:
                    done = f"“{source}” already had a snapshot of exactly this text."
                else:
                    done = f"The article was taken in: a new snapshot of “{source}”."
                self.message_user(request, done, messages.SUCCESS)
                return redirect(intake_next_url(snapshot))
        return self._intake_step_two(request, form, form.text, "")

    @staticmethod
    def _intake_refused(form, refusal: ValidationError) -> None:
        """A service's refusal, on the fields it names where the form has them."""
        fields = {"name": "new_publisher", "kind": "kind", "title": "title"}
        fields |= {name: name for name in ("language", "url", "published_on")}
        if not hasattr(refusal, "error_dict"):
            form.add_error(None, refusal.messages)
            return
        for name, errors in refusal.message_dict.items():
            form.add_error(fields.get(name), errors)

    def _intake_step_two(self, request, form, text: str, publisher_note: str):
        fieldsets = [
            (None, {"fields": ["title", "kind"]}),
            ("Publisher", {"fields": ["publisher", ("new_publisher", "new_publisher_kind")]}),
            (None, {"fields": ["published_on", "language", "url"]}),
        ]
        context = {
            "text": text,
            "publisher_note": publisher_note,
            "existing_source": form.existing_source(),
        }
        return self._intake_render(request, form, fieldsets, step=2, **context)

    def _intake_render(self, request, form, fieldsets, *, step: int, **context):
        admin_form = AdminForm(form, fieldsets, {}, model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Add from an article",
            "subtitle": None,
            "step": step,
            "form": form,
            "adminform": admin_form,
            "errors": form.errors,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.intake_template, context)


@admin.register(Source)
class SourceAdmin(IntakeMixin, WithdrawableAdmin):
    list_per_page = BIG_LIST_PER_PAGE
    list_display = ["title", "kind", "publisher", "published", "language", "is_public"]
    list_filter = [
        "kind",
        ("language", IndexedValuesFilter),
        "is_public",
        ("publisher", PublisherFilter),
        "published_on",
        ("published_on", IndexedYearFilter),
    ]
    list_select_related = ["publisher"]
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

    list_per_page = BIG_LIST_PER_PAGE
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
