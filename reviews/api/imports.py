"""Importing ClaimReview files through the API: ``POST /external-fact-checks/import/``.

The action of ``ExternalFactCheckViewSet`` (``ClaimReviewImportAction``) takes a file as a
multipart upload and answers the report of ``reviews.claimreview_import.import_claimreviews``,
the service the admin's upload and ``manage.py import_claimreview`` run.
"""

from django.template.defaultfilters import filesizeformat
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.reverse import reverse

from core.api.serializers import StrictSerializer

from ..claimreview_import import (
    CREATED,
    IMPORT_PERMISSIONS,
    MAX_UPLOAD,
    UNCHANGED,
    UPDATED,
    import_claimreviews,
)

# Room for the multipart envelope around a file of MAX_UPLOAD bytes: a body past it is a 413
# before it is read, a file past MAX_UPLOAD within it a 400 on ``file``.
MAX_BODY = MAX_UPLOAD + 64 * 1024


class ImportPermission(BasePermission):
    """Importing needs every permission of what an import may write (as in the admin)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(IMPORT_PERMISSIONS))


class ClaimReviewUploadSerializer(StrictSerializer):
    """The multipart body: the file, and whether to write nothing. A field it does not take
    is refused; its values are the form's text (`dry_run`: true, false, 1, 0)."""

    file = serializers.FileField(
        help_text="ClaimReview JSON-LD (one object, a list, an @graph, a DataFeed), an HTML "
        "page with JSON-LD or microdata, a Fact Check Tools API answer, or a Fact-Check "
        "Insights export (a CSV file's name ends in .csv). UTF-8. At most "
        f"{filesizeformat(MAX_UPLOAD)}."
    )
    dry_run = serializers.BooleanField(
        default=False,
        help_text="`true`: answer what the import would do, and write nothing.",
    )

    @staticmethod
    def _type_error(field, value) -> str | None:
        return None  # a form's values are text: each field reads its own

    def validate_file(self, upload):
        if upload.size > MAX_UPLOAD:
            raise serializers.ValidationError(
                f"The file is larger than {filesizeformat(MAX_UPLOAD)}: import it with "
                "manage.py import_claimreview."
            )
        return upload


class ImportProblemSerializer(serializers.Serializer):
    where = serializers.CharField(help_text="Where in the file: “item 2”, “line 3”, “file”.")
    field = serializers.CharField(
        help_text="The markup's name of the field (`reviewRating`, `itemReviewed.author`); "
        "empty when the whole item or file is at fault."
    )
    reason = serializers.CharField()


class ImportedItemSerializer(serializers.Serializer):
    where = serializers.CharField(help_text="Where in the file: “item 2”, “line 3”.")
    url = serializers.CharField(
        help_text="Where the fact-check is published, as the file gives it (its `web_url`)."
    )
    outcome = serializers.ChoiceField(choices=[CREATED, UPDATED, UNCHANGED])
    fact_check = serializers.SerializerMethodField(
        help_text="The fact-check's API URL; null in a dry run's new items."
    )
    claim = serializers.SerializerMethodField(
        help_text="The API URL of the claim it checks; null in a dry run's new claims."
    )
    claim_found = serializers.CharField(
        source="claim",
        help_text="How the claim was found: “new”, “same text”, “matched (0.93)”, “as recorded”.",
    )
    changes = serializers.SerializerMethodField(
        help_text="For an update: each changed field's value before and after."
    )
    notes = serializers.ListField(
        child=serializers.CharField(),
        help_text="New actors, appearances recorded as sources, a claimant left out.",
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_fact_check(self, item):
        return self._url("api:externalfactcheck-detail", item.fact_check_id)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_claim(self, item):
        return self._url("api:claim-detail", item.claim_id)

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {"type": "string", "nullable": True},
                "minItems": 2,
                "maxItems": 2,
            },
        }
    )
    def get_changes(self, item):
        return {
            name: [_text(before), _text(after)] for name, (before, after) in item.changes.items()
        }

    def _url(self, view_name: str, pk: int | None) -> str | None:
        if pk is None:
            return None
        return reverse(view_name, args=[pk], request=self.context.get("request"))


class ClaimReviewImportReportSerializer(serializers.Serializer):
    """What an import recorded, updated or found unchanged, and what it could not."""

    dry_run = serializers.BooleanField(help_text="True: nothing was written.")
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    items = ImportedItemSerializer(many=True)
    problems = ImportProblemSerializer(
        many=True,
        help_text="What could not be read or recorded; nothing of such an item is written.",
    )


def _text(value) -> str | None:
    """A field's value as JSON gives it: a date in ISO 8601, an empty value as null."""
    if value in ("", None):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class ClaimReviewImportAction:
    """``POST /external-fact-checks/import/`` on the fact-checks by others."""

    @extend_schema(
        summary="Import a ClaimReview file",
        description="Records the fact-checks of an uploaded file (multipart/form-data: "
        "`file`, and `dry_run`), as the admin's *Import ClaimReview* and `manage.py "
        "import_claimreview` do: each item in a transaction of its own, found by its "
        "normalised URL (a re-import changes nothing), its publisher and claimant found or "
        "recorded, its claim found or recorded with the claimant's statement and the pages "
        "where the claim appeared. History names the user and “Imported from <file name>”. "
        "Answers 200 with the report, also when some items could not be read or recorded "
        "(`problems`). Needs the permissions of what an import may write: "
        + ", ".join(f"`{name}`" for name in IMPORT_PERMISSIONS)
        + f". A file over {filesizeformat(MAX_UPLOAD)} is a 400 on `file`; a larger body a "
        "413.",
        request={"multipart/form-data": ClaimReviewUploadSerializer},
        responses={200: ClaimReviewImportReportSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        permission_classes=[ImportPermission],
        parser_classes=[MultiPartParser],
        filter_backends=[],
        pagination_class=None,
        max_body_bytes=MAX_BODY,
    )
    def import_file(self, request):
        body = ClaimReviewUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        report = import_claimreviews(
            upload.read(),
            name=upload.name or "",
            user=request.user,
            dry_run=body.validated_data["dry_run"],
        )
        data = {
            "dry_run": report.dry_run,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "items": report.items,
            "problems": report.problems,
        }
        context = self.get_serializer_context()
        return Response(ClaimReviewImportReportSerializer(data, context=context).data)
