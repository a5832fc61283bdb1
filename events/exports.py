"""Events as CSV, iCalendar and TimelineJS 3 JSON.

CSV and iCalendar are produced line by line, so a view can stream an export of any size.
"""

import csv
import datetime
import html
from collections.abc import Iterable, Iterator

import icalendar

from events import edtf
from events.models import Event

CSV_COLUMNS = [
    "id",
    "slug",
    "title",
    "summary",
    "event_type",
    "date",
    "start_date",
    "end_date",
    "precision",
    "approximate",
    "uncertain",
    "date_display",
    "date_basis",
    "date_note",
    "location",
    "latitude",
    "longitude",
    "status",
    "actors",
    "actor_slugs",
    "citation_count",
    "quotes",
    "sources",
    "created",
    "updated",
]
# A spreadsheet runs a cell starting with these as a formula (CSV injection); such text
# cells get a leading apostrophe, which spreadsheets hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, line: str) -> str:
        return line


def csv_lines(events: Iterable[Event]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for event in events:
        yield writer.writerow(csv_row(event))


def csv_row(event: Event) -> list:
    links = list(event.event_actors.all())
    citations = list(event.citations.all())
    text = {
        "title": event.title,
        "summary": event.summary,
        "date_note": event.date_note,
        "location": event.location,
        "actors": "; ".join(f"{link.actor.name} ({link.role})" for link in links),
        "quotes": " | ".join(
            f"“{c.quote}” ({c.passage.source.file_name} ¶{c.passage.number})" for c in citations
        ),
    }
    values = {
        **text,
        "id": event.pk,
        "slug": event.slug,
        "event_type": event.event_type.slug,
        "date": event.date,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "precision": event.precision,
        "approximate": event.approximate,
        "uncertain": event.uncertain,
        "date_display": event.date_display,
        "date_basis": event.date_basis,
        "latitude": "" if event.latitude is None else event.latitude,
        "longitude": "" if event.longitude is None else event.longitude,
        "status": event.status,
        "actor_slugs": "; ".join(f"{link.actor.slug}:{link.role}" for link in links),
        "citation_count": len(citations),
        "sources": "; ".join(dict.fromkeys(c.passage.source.file_name for c in citations)),
        "created": event.created.isoformat(),
        "updated": event.updated.isoformat(),
    }
    return [_safe_cell(values[name]) for name in CSV_COLUMNS]


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


# iCalendar


def ics_lines(events: Iterable[Event], site: str) -> Iterator[bytes]:
    """An iCalendar file of all-day events from each event's first to its last day.

    An open end has no last day: the event is shown on its known day only, and its
    description says it is open-ended."""
    yield b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//timeline//events//EN\r\n"
    yield b"X-WR-CALNAME:Timeline\r\nCALSCALE:GREGORIAN\r\n"
    for event in events:
        yield ics_event(event, site).to_ical()
    yield b"END:VCALENDAR\r\n"


def ics_event(event: Event, site: str) -> icalendar.Event:
    first, last = edtf.sides(edtf.parse(event.date))
    start = event.start_date if first else event.end_date
    end = event.end_date if last else start
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@{site}")
    entry.add("dtstamp", event.updated)
    entry.add("dtstart", start)
    if end < datetime.date.max:  # else one day, which a DTSTART alone means
        entry.add("dtend", end + datetime.timedelta(days=1))  # DTEND of a date is exclusive
    entry.add("summary", event.title)
    entry.add("description", _description(event))
    entry.add("categories", [event.event_type.name])
    entry.add("status", "CONFIRMED" if event.status == Event.Status.PUBLISHED else "TENTATIVE")
    entry.add("x-edtf", event.date)
    if event.location:
        entry.add("location", event.location)
    return entry


def _description(event: Event) -> str:
    parts = [f"Date: {event.date_display} (EDTF {event.date})", event.summary]
    parts += [f"“{c.quote}” ({c.passage.source.title})" for c in event.citations.all()]
    return "\n\n".join(part for part in parts if part)


# TimelineJS


def timelinejs(events: Iterable[Event]) -> dict:
    """TimelineJS 3 JSON: each slide's dates carry only the parts that are known."""
    slides = [timelinejs_slide(event) for event in events]
    title = {"text": {"headline": "Timeline", "text": f"{len(slides)} events"}}
    return {"title": title, "events": slides}


def timelinejs_slide(event: Event) -> dict:
    start, end = edtf.sides(edtf.parse(event.date))
    slide = {
        "unique_id": event.slug,
        "start_date": _date_parts(start or end, last=start is None),
        "display_date": event.date_display,
        "text": {"headline": html.escape(event.title), "text": _slide_text(event)},
        "group": event.event_type.name,
    }
    if start and end and (start is not end or start.precision in ("season", "decade", "century")):
        slide["end_date"] = _date_parts(end, last=True)
    return slide


def _date_parts(side: edtf.EDTFDate, last: bool) -> dict:
    day = side.end if last else side.start
    parts = {"year": day.year}
    if side.precision in ("day", "month", "season"):
        parts["month"] = day.month
    if side.precision == "day":
        parts["day"] = day.day
    return parts


def _slide_text(event: Event) -> str:
    paragraphs = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    paragraphs += [
        f"<blockquote>“{html.escape(c.quote)}” <cite>{html.escape(c.passage.source.title)}"
        "</cite></blockquote>"
        for c in event.citations.all()
    ]
    return "".join(paragraphs)
