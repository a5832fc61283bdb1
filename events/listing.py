"""Pages of events as JSON documents, built from plain rows.

The events list is what users wait on most, so it does not go through model instances and
ModelSerializer fields (several times slower than the queries themselves): one query reads
the page (the values its ordering compares, and the ids), one its events, one their actors
and one their citations, each fetching tuples, assembled into the same documents
``EventSerializer`` gives for one event.
"""

from collections import defaultdict

from django.db import connections
from django.db.models import QuerySet
from django.urls import reverse

from .models import Event

EVENT_COLUMNS = [
    "id",
    "slug",
    "title",
    "summary",
    "event_type__slug",
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
    "created",
    "updated",
]
# The nested rows of a page, by the ids of its events: fixed statements, run as they are,
# since building them through the ORM would cost more than running them.
ACTORS = """
    SELECT l.event_id, a.id, a.slug, a.name, a.kind, l.role
    FROM events_eventactor l JOIN events_actor a ON a.id = l.actor_id
    WHERE l.event_id IN ({ids}) ORDER BY l.event_id, l.id
"""
CITATIONS = """
    SELECT c.event_id, c.id, c.passage_id, p.number, p.source_id, s.title, c.quote,
        c.start, c."end", p.start, c.stance, a.slug, c.attribution, c.note, c.suggested
    FROM events_citation c JOIN events_passage p ON p.id = c.passage_id
    JOIN events_source s ON s.id = p.source_id LEFT JOIN events_actor a ON a.id = c.claimant_id
    WHERE c.event_id IN ({ids}) {visible} ORDER BY c.event_id, c.passage_id, c.start
"""


# A page's events, by id: a fixed statement too. The page itself is read as the values of
# its ordering's columns only (event_keys, link_keys); compiling a query of every column
# through the ORM costs more than running this second one.
EVENTS = """
    SELECT e.id, e.slug, e.title, e.summary, t.slug, e.date, e.start_date, e.end_date,
        e.precision, e.approximate, e.uncertain, e.date_display, e.date_basis, e.date_note,
        e.location, e.latitude, e.longitude, e.status, e.created, e.updated
    FROM events_event e JOIN events_eventtype t ON t.id = e.event_type_id
    WHERE e.id IN ({ids}) {visible}
"""


def _moment(value) -> str:
    """A time as DRF's DateTimeField writes it (ISO 8601, "Z" for UTC), without its per-call
    time zone work: the database hands back UTC, and the project's time zone is UTC. SQLite
    read by a fixed statement gives it without its zone."""
    text = value.isoformat()
    if value.tzinfo is None:
        return text + "Z"
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def event_keys(events: QuerySet) -> QuerySet:
    """The events as the values of the columns they are ordered by, ending in the id: what
    a page is read as (see EVENTS)."""
    columns = [term.lstrip("-") for term in events.query.order_by]
    return events.values(*columns, *([] if "id" in columns else ["id"]))


def link_keys(ranges: list[QuerySet]) -> list[QuerySet]:
    """Each event of these ranges of actor links once (an actor may have several roles in
    one), as the values of its links' ordering: start_date, end_date and event_id."""
    return [links.values("start_date", "end_date", "event_id").distinct() for links in ranges]


def event_rows(ids: list[int], drafts: bool, using: str) -> list[dict]:
    """The events with these ids, in this order, as dicts of the columns a document needs;
    only published ones unless ``drafts`` (an event withdrawn since its page was read is
    left out rather than shown)."""
    if not ids:
        return []
    visible = "" if drafts else "AND e.status = %s"
    params = [*ids] if drafts else [*ids, Event.Status.PUBLISHED]
    with connections[using].cursor() as cursor:
        cursor.execute(EVENTS.format(ids=", ".join(["%s"] * len(ids)), visible=visible), params)
        found = {row[0]: dict(zip(EVENT_COLUMNS, row, strict=True)) for row in cursor}
    return [found[event_id] for event_id in ids if event_id in found]


def event_documents(rows: list[dict], request, suggested: bool, using: str) -> list[dict]:
    """The JSON documents of these events (``event_rows`` read from the database ``using``),
    with the actors and the citations of each, including those only suggested by ingestion
    when ``suggested``."""
    ids = [row["id"] for row in rows]
    actors, cited = defaultdict(list), defaultdict(list)
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        visible = "" if suggested else "AND NOT c.suggested"
        with connections[using].cursor() as cursor:
            cursor.execute(ACTORS.format(ids=marks), ids)
            for event_id, actor_id, slug, name, kind, role in cursor.fetchall():
                actors[event_id].append(
                    {"id": actor_id, "slug": slug, "name": name, "kind": kind, "role": role}
                )
            cursor.execute(CITATIONS.format(ids=marks, visible=visible), ids)
            for row in cursor.fetchall():
                cited[row[0]].append(citation_document(row))
    url = request.build_absolute_uri(reverse("event-list"))
    return [event_document(row, url, actors, cited) for row in rows]


def event_document(row: dict, url: str, actors: dict, cited: dict) -> dict:
    event_id = row["id"]
    return {
        "id": event_id,
        "url": f"{url}{event_id}/",
        "slug": row["slug"],
        "title": row["title"],
        "summary": row["summary"],
        "event_type": row["event_type__slug"],
        "date": row["date"],
        "start_date": row["start_date"].isoformat(),
        "end_date": row["end_date"].isoformat(),
        "precision": row["precision"],
        "approximate": row["approximate"],
        "uncertain": row["uncertain"],
        "date_display": row["date_display"],
        "date_basis": row["date_basis"],
        "date_note": row["date_note"],
        "location": row["location"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "status": row["status"],
        "actors": actors.get(event_id, []),
        "citations": cited.get(event_id, []),
        "created": _moment(row["created"]),
        "updated": _moment(row["updated"]),
    }


def citation_document(row: tuple) -> dict:
    (
        _,
        citation_id,
        passage_id,
        number,
        source_id,
        source_title,
        quote,
        start,
        end,
        passage_start,
        stance,
        claimant,
        attribution,
        note,
        suggested,
    ) = row
    return {
        "id": citation_id,
        "passage": passage_id,
        "passage_number": number,
        "source": source_id,
        "source_title": source_title,
        "quote": quote,
        "start": start,
        "end": end,
        "source_start": passage_start + start,
        "source_end": passage_start + end,
        "stance": stance,
        "claimant": claimant,
        "attribution": attribution,
        "note": note,
        "suggested": bool(suggested),  # SQLite gives 0 and 1
    }
