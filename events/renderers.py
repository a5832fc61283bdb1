"""Export formats, and the choice between them (?format= or the Accept header)."""

from rest_framework import renderers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The exports stream straight from the view, and errors are switched to JSON before
        # rendering; whatever else reaches here is written as JSON text, never lost.
        return renderers.JSONRenderer().render(data)


class ICalendarRenderer(CSVRenderer):
    media_type = "text/calendar"
    format = "ics"


class TimelineJSRenderer(renderers.JSONRenderer):
    format = "timelinejs"


class FormatNegotiation(DefaultContentNegotiation):
    """As DRF's, but an unknown ?format= is a 400 naming the formats on offer."""

    def filter_renderers(self, renderers, format):
        offered = [renderer for renderer in renderers if renderer.format == format]
        if not offered:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError({"format": [f"Unknown format {format[:40]!r}; use {formats}."]})
        return offered
