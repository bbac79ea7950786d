"""``?format=csv`` on a list: every object its filters keep, as the bulk file's CSV, streamed.

The rows are those of the kind's bulk file (``core.transfer``: the same columns, references
by UUID), read in chunks by id whatever the ordering asked for, so a list of a million
objects starts answering at once, in constant memory, with a fixed number of queries per
chunk. It is not paginated. A refusal (a bad filter value, no permission) answers JSON as
elsewhere.
"""

from django.http import StreamingHttpResponse
from rest_framework.settings import api_settings

from core.transfer import lines

from .renderers import FastJSONRenderer

CSV = "csv"


class CsvListMixin:
    """A viewset whose list also answers CSV; ``transfer_kind`` names its bulk file's kind."""

    transfer_kind = None

    def wants_csv(self, request) -> bool:
        return (
            getattr(self, "action", None) == "list"
            and request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) == CSV
        )

    def perform_content_negotiation(self, request, force=False):
        if self.wants_csv(request):
            # The list itself streams CSV; anything else the request answers (an error) is JSON.
            return FastJSONRenderer(), FastJSONRenderer.media_type
        return super().perform_content_negotiation(request, force)

    def list(self, request, *args, **kwargs):
        if not self.wants_csv(request):
            return super().list(request, *args, **kwargs)
        # The filters run (and refuse bad values) before the first byte is sent.
        queryset = self.filter_queryset(type(self).queryset.all())
        kind = self.transfer_kind
        response = StreamingHttpResponse(
            lines(kind, CSV, queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{kind.name}.csv"'
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, StreamingHttpResponse):
            return response
        return super().finalize_response(request, response, *args, **kwargs)
