"""Each actor link carries a copy of its event's status and first and last days.

An actor's events in date order are then a range of one index on the links (actor, dates),
read a page at a time, rather than all of the actor's events fetched and sorted for every
page (23,000 of them for a common actor in a million events). The copies are kept by the
database's own triggers, so that every way of writing (the ORM's saves and bulk updates,
fixtures, raw SQL, COPY) keeps them true: a link takes its event's values when it is
written, and an event's changed values go to its links.
"""

import datetime

from django.db import connections
from django.db.models.signals import post_migrate

COLUMNS = ("status", "start_date", "end_date", "span_class")

# The migration that installs the triggers, with the last column they copy.
INSTALLED_BY = "0013_link_span_class"

# A link's span class: the first of these limits, in days, that its event's span (last day
# minus first) is within, or one past the last for longer and open spans. An event of class
# c that meets a window starting on day d starts no earlier than d minus the class's limit,
# so each class of an actor's links is read from a bounded range of their index rather than
# from the actor's first event (see EventActorQuerySet.span_ranges).
SPAN_LIMITS = (92, 366, 3653)  # a season, a year, a decade


def span_class(start: datetime.date, end: datetime.date) -> int:
    days = (end - start).days
    classes = enumerate(SPAN_LIMITS)
    return next((number for number, limit in classes if days <= limit), len(SPAN_LIMITS))


def _span_class_sql(days: str) -> str:
    cases = " ".join(
        f"WHEN {days} <= {limit} THEN {number}" for number, limit in enumerate(SPAN_LIMITS)
    )
    return f"CASE {cases} ELSE {len(SPAN_LIMITS)} END"


def _sqlite_class(prefix: str) -> str:
    return _span_class_sql(f"julianday({prefix}end_date) - julianday({prefix}start_date)")


def _postgres_class(prefix: str) -> str:
    return _span_class_sql(f"({prefix}end_date - {prefix}start_date)")


def _class_sql(vendor: str, prefix: str) -> str:
    return _postgres_class(prefix) if vendor == "postgresql" else _sqlite_class(prefix)


SQLITE_TRIGGERS = {
    # SQLite cannot change the row being inserted, so the link is updated just after.
    "eventactor_copy_insert": "AFTER INSERT ON events_eventactor",
    "eventactor_copy_update": (
        "AFTER UPDATE OF event_id, status, start_date, end_date, span_class ON events_eventactor"
    ),
}
SQLITE_LINK_BODY = f"""
    UPDATE events_eventactor SET (status, start_date, end_date, span_class) =
        (SELECT status, start_date, end_date, {_sqlite_class("")}
         FROM events_event WHERE id = NEW.event_id)
    WHERE id = NEW.id;
"""
# An event inserted after its links (fixtures and restores defer their foreign keys), or
# changed: its links take its values.
SQLITE_EVENT_TRIGGERS = {
    "event_copy_insert": "AFTER INSERT ON events_event",
    "event_copy_update": (
        "AFTER UPDATE OF status, start_date, end_date ON events_event WHEN "
        "OLD.status IS NOT NEW.status OR OLD.start_date IS NOT NEW.start_date "
        "OR OLD.end_date IS NOT NEW.end_date"
    ),
}
SQLITE_EVENT_BODY = f"""
    UPDATE events_eventactor
    SET status = NEW.status, start_date = NEW.start_date, end_date = NEW.end_date,
        span_class = {_sqlite_class("NEW.")}
    WHERE event_id = NEW.id;
"""

POSTGRES_FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION events_eventactor_copy() RETURNS trigger AS $$
    BEGIN
        SELECT e.status, e.start_date, e.end_date, {_postgres_class("e.")}
        INTO NEW.status, NEW.start_date, NEW.end_date, NEW.span_class
        FROM events_event e WHERE e.id = NEW.event_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE OR REPLACE FUNCTION events_event_copy() RETURNS trigger AS $$
    BEGIN
        UPDATE events_eventactor
        SET status = NEW.status, start_date = NEW.start_date, end_date = NEW.end_date,
            span_class = {_postgres_class("NEW.")}
        WHERE event_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
]
POSTGRES_TRIGGERS = {
    "eventactor_copy": (
        "BEFORE INSERT OR UPDATE ON events_eventactor FOR EACH ROW "
        "EXECUTE FUNCTION events_eventactor_copy()"
    ),
    "event_copy_insert": (
        "AFTER INSERT ON events_event FOR EACH ROW EXECUTE FUNCTION events_event_copy()"
    ),
    "event_copy_update": (
        "AFTER UPDATE OF status, start_date, end_date ON events_event FOR EACH ROW WHEN "
        "(OLD.status IS DISTINCT FROM NEW.status OR OLD.start_date IS DISTINCT FROM "
        "NEW.start_date OR OLD.end_date IS DISTINCT FROM NEW.end_date) "
        "EXECUTE FUNCTION events_event_copy()"
    ),
}
POSTGRES_TABLES = {
    "eventactor_copy": "events_eventactor",
    "event_copy_insert": "events_event",
    "event_copy_update": "events_event",
}

# Links whose copy is missing or stale: filled once, in one statement, after a bulk load.
STALE_WHERE = """
    (l.status IS NULL OR l.status <> e.status OR l.start_date <> e.start_date
     OR l.end_date <> e.end_date OR l.span_class IS NULL OR l.span_class <> {span_class})
"""
STALE = """
    UPDATE events_eventactor AS l SET status = e.status, start_date = e.start_date,
        end_date = e.end_date, span_class = {span_class}
    FROM events_event e
    WHERE e.id = l.event_id AND {stale}
"""


def _stale_where(vendor: str) -> str:
    return STALE_WHERE.format(span_class=_class_sql(vendor, "e."))


def install(using: str) -> None:
    """Create the triggers where missing, and bring every link's copy up to date."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_FUNCTIONS:
                cursor.execute(statement)
            for name, definition in POSTGRES_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {POSTGRES_TABLES[name]}")
                cursor.execute(f"CREATE TRIGGER {name} {definition}")
        elif connection.vendor == "sqlite":
            for triggers, body in [
                (SQLITE_TRIGGERS, SQLITE_LINK_BODY),
                (SQLITE_EVENT_TRIGGERS, SQLITE_EVENT_BODY),
            ]:
                for name, when in triggers.items():
                    cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END")
        vendor = connection.vendor
        cursor.execute(
            STALE.format(span_class=_class_sql(vendor, "e."), stale=_stale_where(vendor))
        )


def uninstall(using: str) -> None:
    """Drop the triggers, for a bulk load that writes the copies itself or calls
    ``install`` after it."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name, table in POSTGRES_TABLES.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        elif connection.vendor == "sqlite":
            for name in [*SQLITE_TRIGGERS, *SQLITE_EVENT_TRIGGERS]:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def stale_links(using: str) -> int:
    """How many links' copies disagree with their events (0 unless something is wrong)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM events_eventactor l JOIN events_event e ON e.id = l.event_id "
            f"WHERE {_stale_where(connections[using].vendor)}"
        )
        return cursor.fetchone()[0]


def repair_after_migrate(sender, using, plan=None, **kwargs) -> None:
    # SQLite rebuilds a table for many schema changes, dropping its triggers with it.
    if sender.name == "events" and any(
        migration.app_label == "events" for migration, _ in plan or []
    ):
        from django.db.migrations.recorder import MigrationRecorder

        applied = MigrationRecorder(connections[using]).applied_migrations()
        if ("events", INSTALLED_BY) in applied:
            install(using)


def connect() -> None:
    post_migrate.connect(repair_after_migrate, dispatch_uid="events-link-dates-repair")
