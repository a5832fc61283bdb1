"""The raw-SQL yardstick: the same page of the events list as /api/events/ gives anonymous
users, fetched with hand-written SQL through the database driver and turned into the same
JSON with the least Python that can do it. No ORM, no serializer, no DRF.

``page(cursor, vendor, request)`` answers one of the benchmark's queries; ``view`` serves
it over HTTP for wrk (bench/settings.py routes /bench/raw-events/ to it).
"""

import datetime
import json

from django.db import connection
from django.http import HttpResponse

from events import link_dates, search

COLUMNS = (
    "e.id, e.slug, e.title, e.summary, t.slug, e.date, e.start_date, e.end_date, e.precision, "
    "e.approximate, e.uncertain, e.date_display, e.date_basis, e.date_note, e.location, "
    "e.latitude, e.longitude, e.status, e.created, e.updated"
)
NAMES = [
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
    "created",
    "updated",
]
ACTOR_IDS = """
    SELECT id FROM events_actor WHERE slug = %s OR name_key = %s
    UNION SELECT actor_id FROM events_actoralias WHERE name_key = %s
"""
ACTORS = """
    SELECT l.event_id, a.id, a.slug, a.name, a.kind, l.role
    FROM events_eventactor l JOIN events_actor a ON a.id = l.actor_id
    WHERE l.event_id IN ({ids}) ORDER BY l.event_id, l.id
"""
CITATIONS = """
    SELECT c.event_id, c.id, c.passage_id, p.number, p.source_id, s.title, c.quote, c.start,
        c."end", p.start, c.stance, a.slug, c.attribution, c.note, c.suggested
    FROM events_citation c JOIN events_passage p ON p.id = c.passage_id
    JOIN events_source s ON s.id = p.source_id
    LEFT JOIN events_actor a ON a.id = c.claimant_id
    WHERE c.event_id IN ({ids}) AND NOT c.suggested ORDER BY c.event_id, c.passage_id, c.start
"""


def page(cursor, vendor: str, query: dict, size: int = 50) -> list[dict]:
    """The documents of one page: ``query`` may hold ``window`` (first and last day),
    ``actor`` (a slug, name or alias), ``q`` and ``after`` (start, end, id of the last
    event of the page before)."""
    where, params = ["e.status = 'published'"], []
    if "window" in query:
        first, last = query["window"]
        where.append("e.start_date <= %s AND e.end_date >= %s")
        params += [last, first]
    if "actor" in query:
        return actor_page(cursor, vendor, query, size)
    if "q" in query and search.is_common(cursor.db.alias, query["q"]):
        # The API's plan for a common word, with the same count that chooses it.
        sql, words = search.event_test_sql(vendor, "e", query["q"])
        where.append(sql)
        params += words
    elif "q" in query:
        if vendor == "postgresql":
            where.append(f"e.id IN ({search.POSTGRES_EVENT_IDS})")
            params += [query["q"], query["q"]]
        else:
            expression = search.to_fts5(query["q"])
            where.append(f"e.id IN ({search.SQLITE_EVENT_IDS})")
            params += [expression, expression]
    if "after" in query:
        start, end, last_id = query["after"]
        where.append("e.start_date >= %s AND (e.start_date, e.end_date, e.id) > (%s, %s, %s)")
        params += [start, start, end, last_id]
    cursor.execute(
        f"SELECT {COLUMNS} FROM events_event e JOIN events_eventtype t ON t.id = e.event_type_id "
        f"WHERE {' AND '.join(where)} ORDER BY e.start_date, e.end_date, e.id LIMIT %s",
        [*params, size + 1],
    )
    return documents(cursor, cursor.fetchall()[:size])


def actor_page(cursor, vendor: str, query: dict, size: int) -> list[dict]:
    """One actor's page: the actor named first, then a range of its links' index (which
    carry their events' status, dates and span class) for each span class, merged, joined
    to the events."""
    term = query["actor"].lower()
    cursor.execute(ACTOR_IDS, [term, term, term])
    (actor_id,) = cursor.fetchone()
    ranges, params = [], []
    for number in range(len(link_dates.SPAN_LIMITS) + 1):
        where = ["actor_id = %s AND span_class = %s AND status = 'published'"]
        params += [actor_id, number]
        if "window" in query:
            first, last = query["window"]
            if number < len(link_dates.SPAN_LIMITS):
                where.append("start_date >= %s")
                params.append(first - datetime.timedelta(days=link_dates.SPAN_LIMITS[number]))
            where.append("start_date <= %s AND end_date >= %s")
            params += [last, first]
        ranges.append(
            f"SELECT DISTINCT start_date, end_date, event_id FROM events_eventactor "
            f"WHERE {' AND '.join(where)}"
        )
    if vendor == "postgresql":  # each range stops at a page, as the API's (pagination.py)
        ranges = [f"({sql} ORDER BY 1, 2, 3 LIMIT {size + 1})" for sql in ranges]
    cursor.execute(
        f"SELECT {COLUMNS} FROM ({' UNION '.join(ranges)} ORDER BY 1, 2, 3 LIMIT %s) k "
        "JOIN events_event e ON e.id = k.event_id "
        "JOIN events_eventtype t ON t.id = e.event_type_id "
        "ORDER BY k.start_date, k.end_date, k.event_id",
        [*params, size + 1],
    )
    return documents(cursor, cursor.fetchall()[:size])


def documents(cursor, rows: list[tuple]) -> list[dict]:
    """The events of these rows (of COLUMNS), with their actors and citations."""
    events = [dict(zip(NAMES, row, strict=True)) for row in rows]
    if not events:
        return []
    ids = ", ".join(str(event["id"]) for event in events)
    actors, cited = {}, {}
    cursor.execute(ACTORS.format(ids=ids))
    for event_id, actor_id, slug, name, kind, role in cursor.fetchall():
        actors.setdefault(event_id, []).append(
            {"id": actor_id, "slug": slug, "name": name, "kind": kind, "role": role}
        )
    cursor.execute(CITATIONS.format(ids=ids))
    for row in cursor.fetchall():
        cited.setdefault(row[0], []).append(
            {
                "id": row[1],
                "passage": row[2],
                "passage_number": row[3],
                "source": row[4],
                "source_title": row[5],
                "quote": row[6],
                "start": row[7],
                "end": row[8],
                "source_start": row[9] + row[7],
                "source_end": row[9] + row[8],
                "stance": row[10],
                "claimant": row[11],
                "attribution": row[12],
                "note": row[13],
                "suggested": bool(row[14]),
            }
        )
    for event in events:
        for name in ("start_date", "end_date", "created", "updated"):
            event[name] = str(event[name])
        event["actors"] = actors.get(event["id"], [])
        event["citations"] = cited.get(event["id"], [])
    return events


def document(query: dict, size: int = 50) -> bytes:
    with connection.cursor() as cursor:
        results = page(cursor, connection.vendor, query, size)
    return json.dumps({"next": None, "previous": None, "results": results}).encode()


def view(request):
    """/bench/raw-events/: the first page of every published event, for wrk."""
    return HttpResponse(document({}), content_type="application/json")
