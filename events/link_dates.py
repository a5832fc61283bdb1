"""Each actor link carries a copy of its event's status and first and last days.

An actor's events in date order are then a range of one index on the links (actor, dates),
read a page at a time, rather than all of the actor's events fetched and sorted for every
page (23,000 of them for a common actor in a million events). The copies are kept by the
database's own triggers, so that every way of writing (the ORM's saves and bulk updates,
fixtures, raw SQL, COPY) keeps them true: a link takes its event's values when it is
written, and an event's changed values go to its links.
"""

from django.db import connections
from django.db.models.signals import post_migrate

COLUMNS = ("status", "start_date", "end_date")

SQLITE_TRIGGERS = {
    # SQLite cannot change the row being inserted, so the link is updated just after.
    "eventactor_copy_insert": "AFTER INSERT ON events_eventactor",
    "eventactor_copy_update": (
        "AFTER UPDATE OF event_id, status, start_date, end_date ON events_eventactor"
    ),
}
SQLITE_LINK_BODY = """
    UPDATE events_eventactor SET (status, start_date, end_date) =
        (SELECT status, start_date, end_date FROM events_event WHERE id = NEW.event_id)
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
SQLITE_EVENT_BODY = """
    UPDATE events_eventactor
    SET status = NEW.status, start_date = NEW.start_date, end_date = NEW.end_date
    WHERE event_id = NEW.id;
"""

POSTGRES_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION events_eventactor_copy() RETURNS trigger AS $$
    BEGIN
        SELECT e.status, e.start_date, e.end_date INTO NEW.status, NEW.start_date, NEW.end_date
        FROM events_event e WHERE e.id = NEW.event_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE OR REPLACE FUNCTION events_event_copy() RETURNS trigger AS $$
    BEGIN
        UPDATE events_eventactor
        SET status = NEW.status, start_date = NEW.start_date, end_date = NEW.end_date
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
STALE = """
    UPDATE events_eventactor SET status = e.status, start_date = e.start_date,
        end_date = e.end_date
    FROM events_event e
    WHERE e.id = events_eventactor.event_id AND (events_eventactor.status IS NULL
        OR events_eventactor.status <> e.status OR events_eventactor.start_date <> e.start_date
        OR events_eventactor.end_date <> e.end_date)
"""


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
        cursor.execute(STALE)


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
            "WHERE l.status IS NULL OR l.status <> e.status OR l.start_date <> e.start_date "
            "OR l.end_date <> e.end_date"
        )
        return cursor.fetchone()[0]


def repair_after_migrate(sender, using, plan=None, **kwargs) -> None:
    # SQLite rebuilds a table for many schema changes, dropping its triggers with it.
    if sender.name == "events" and any(
        migration.app_label == "events" for migration, _ in plan or []
    ):
        from django.db.migrations.recorder import MigrationRecorder

        applied = MigrationRecorder(connections[using]).applied_migrations()
        if ("events", "0011_actor_link_dates") in applied:
            install(using)


def connect() -> None:
    post_migrate.connect(repair_after_migrate, dispatch_uid="events-link-dates-repair")
