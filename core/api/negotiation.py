"""Content negotiation, decided once per kind of request rather than once per request."""

from rest_framework.negotiation import DefaultContentNegotiation

# Distinct (renderers, format, Accept header) combinations remembered; clients send few.
MAX_REMEMBERED = 256
# (renderer classes, format, Accept header) -> (index of the renderer, media type)
_choices: dict[tuple, tuple[int, str]] = {}


class RememberedContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, remembered: its choice depends only on the view's renderers, the
    format asked for (suffix or ``?format=``) and the ``Accept`` header, and parsing that
    header costs more than answering most requests' other questions. Refusals (406, 404 for
    an unknown format) are not remembered: they are decided again each time.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        key = (
            tuple(type(renderer) for renderer in renderers),
            format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE),
            request.META.get("HTTP_ACCEPT"),
        )
        choice = _choices.get(key)
        if choice is None:
            renderer, media_type = super().select_renderer(request, renderers, format_suffix)
            choice = (renderers.index(renderer), media_type)
            if len(_choices) >= MAX_REMEMBERED:
                _choices.clear()
            _choices[key] = choice
        index, media_type = choice
        return renderers[index], media_type
