"""The admin of fact-checks published elsewhere and of how their ratings read on the desk's
scales. The claim's page lists its fact-checks by others (``ExternalFactCheckInline``, added
by ``reviews.admin.ReviewedClaimAdmin``); "Import ClaimReview" on their list records those of
an uploaded file (``reviews.claimreview_import``)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims.models import Claim
from core.admin import ServiceAdmin, ServiceTabularInline
from sources.admin import PublisherFilter

from .claimreview_import import IMPORT_PERMISSIONS, MAX_UPLOAD, import_claimreviews
from .models import ExternalFactCheck, ExternalRatingMapping
from .services import (
    external_fact_check_delete,
    external_fact_check_save,
    rating_mapping_delete,
    rating_mapping_save,
)


class ClaimReviewImportForm(forms.Form):
    file = forms.FileField(
        help_text="ClaimReview JSON-LD, an HTML page with JSON-LD or microdata, a Fact Check "
        "Tools API answer, or a Fact-Check Insights export (a CSV file's name ends in .csv). "
        f"At most {filesizeformat(MAX_UPLOAD)}."
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Dry run",
        help_text="Show what would change, and write nothing.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                f"The file is larger than {filesizeformat(MAX_UPLOAD)}: import it with "
                "manage.py import_claimreview."
            )
        return upload


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(ServiceAdmin):
    list_display = ["__str__", "publisher", "claim", "rating_label", "published_on", "language"]
    # The claims are read for the page's rows only (get_queryset): joined to every row,
    # PostgreSQL may read the whole claims table.
    list_select_related = ["publisher", "rating_label"]
    list_filter = [("publisher", PublisherFilter), "language"]
    search_fields = ["headline", "url", "textual_rating"]
    autocomplete_fields = ["claim", "publisher"]
    fields = [
        "claim",
        "publisher",
        "url",
        "headline",
        "claim_reviewed",
        ("textual_rating", "rating_label"),
        ("published_on", "language"),
    ]
    readonly_fields = ["rating_label"]
    change_list_template = "admin/reviews/externalfactcheck/change_list.html"
    import_template = "admin/reviews/externalfactcheck/import.html"

    def get_queryset(self, request):
        claims = Prefetch("claim", queryset=Claim.objects.only("pk", "text"))
        return super().get_queryset(request).prefetch_related(claims)

    def save_with_service(self, request, obj, form):
        external_fact_check_save(fact_check=obj, user=request.user)

    def delete_model(self, request, obj):
        external_fact_check_delete(fact_check=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for fact_check in queryset:
            external_fact_check_delete(fact_check=fact_check, user=request.user)

    # Importing ClaimReview files

    def has_import_permission(self, request) -> bool:
        """Recording what an import may write: fact-checks, claims, statements, actors,
        sources and citations."""
        return request.user.has_perms(IMPORT_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        upload = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_import",
        )
        return [upload, *super().get_urls()]

    def import_view(self, request):
        """The upload form; posted, the same page with the import's report."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ClaimReviewImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                report = import_claimreviews(
                    upload.read(),
                    name=upload.name,
                    user=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
        else:
            form = ClaimReviewImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import ClaimReview",
            "subtitle": None,
            "form": form,
            "report": report,
            "rows": _report_rows(report) if report else [],
            "has_view_permission": self.has_view_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.import_template, context)


def _report_rows(report) -> list[dict]:
    """The report's items with the addresses of what they recorded (none in a dry run)."""
    rows = []
    for item in report.items:
        fact_check_url = claim_url = ""
        if item.fact_check_id:
            fact_check_url = reverse(
                "admin:reviews_externalfactcheck_change", args=[item.fact_check_id]
            )
        if item.claim_id:
            claim_url = reverse("admin:claims_claim_change", args=[item.claim_id])
        rows.append({"item": item, "fact_check_url": fact_check_url, "claim_url": claim_url})
    return rows


class ExternalFactCheckInline(ServiceTabularInline):
    """The claim's fact-checks by others, on the claim's page."""

    model = ExternalFactCheck
    fields = ["publisher", "url", "headline", "textual_rating", "rating_label", "published_on"]
    readonly_fields = ["rating_label"]
    autocomplete_fields = ["publisher"]
    extra = 0
    verbose_name = "fact-check published elsewhere"
    verbose_name_plural = "Fact-checks published elsewhere"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("publisher", "rating_label")

    def save_with_service(self, request, obj):
        external_fact_check_save(fact_check=obj, user=request.user)


@admin.register(ExternalRatingMapping)
class ExternalRatingMappingAdmin(ServiceAdmin):
    """Which of the desk's labels another publisher's rating reads as. Saving one relabels
    that publisher's fact-checks with that rating; deleting one takes the label away."""

    list_display = ["publisher", "textual_rating", "label"]
    list_select_related = ["publisher", "label", "label__scale"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["textual_rating"]
    autocomplete_fields = ["publisher"]
    fields = ["publisher", "textual_rating", "label"]

    def save_with_service(self, request, obj, form):
        rating_mapping_save(mapping=obj, user=request.user)

    def delete_model(self, request, obj):
        rating_mapping_delete(mapping=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for mapping in queryset:
            rating_mapping_delete(mapping=mapping, user=request.user)
