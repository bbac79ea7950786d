"""The admin of fact-checks published elsewhere and of how their ratings read on the desk's
scales. The claim's page lists its fact-checks by others (``ExternalFactCheckInline``, added
by ``reviews.admin.ReviewedClaimAdmin``)."""

from django.contrib import admin

from core.admin import ServiceAdmin, ServiceTabularInline

from .models import ExternalFactCheck, ExternalRatingMapping
from .services import external_fact_check_save, rating_mapping_delete, rating_mapping_save


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(ServiceAdmin):
    list_display = ["__str__", "publisher", "claim", "rating_label", "published_on", "language"]
    list_select_related = ["publisher", "claim", "rating_label"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter), "language"]
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

    def save_with_service(self, request, obj, form):
        external_fact_check_save(fact_check=obj, user=request.user)


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
