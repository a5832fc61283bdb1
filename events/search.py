"""Full-text search over event titles and summaries and over passage text.

PostgreSQL: GIN indexes on ``to_tsvector('english', ...)``, queried with
``websearch_to_tsquery``, so users write queries as in a web search box: words, "quoted
phrases", OR, and -excluded words. SQLite: FTS5 tables kept in step by triggers, with the
same query syntax translated to FTS5 and the Porter stemmer standing in for PostgreSQL's
English one.

A search takes one of two plans, by how many records its words match (is_common): a rare
word's few matches are read from the index and then put in date order; a common word's are
found by walking the events in date order and testing each, as a page of them comes early
in the walk (reading all of a common word's matches to sort them takes seconds with a
million events).
"""

import math
import re

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate

EVENT_VECTOR = "to_tsvector('english', title || ' ' || summary)"
PASSAGE_VECTOR = "to_tsvector('english', text)"

POSTGRES_EVENT_IDS = f"""
    SELECT id FROM events_event WHERE {EVENT_VECTOR} @@ websearch_to_tsquery('english', %s)
    UNION
    SELECT c.event_id FROM events_citation c JOIN events_passage p ON p.id = c.passage_id
    WHERE {PASSAGE_VECTOR.replace("text", "p.text")} @@ websearch_to_tsquery('english', %s)
    AND NOT c.suggested
"""
POSTGRES_PASSAGE_IDS = (
    f"SELECT id FROM events_passage WHERE {PASSAGE_VECTOR} @@ websearch_to_tsquery('english', %s)"
)
SQLITE_EVENT_IDS = """
    SELECT rowid FROM events_event_fts WHERE events_event_fts MATCH %s
    UNION
    SELECT event_id FROM events_citation WHERE NOT suggested AND passage_id IN
        (SELECT rowid FROM events_passage_fts WHERE events_passage_fts MATCH %s)
"""
SQLITE_PASSAGE_IDS = "SELECT rowid FROM events_passage_fts WHERE events_passage_fts MATCH %s"

# Per event ({event}: the events table's name), for a common word: its own text, then the
# passages of its confirmed citations. OFFSET 0 keeps PostgreSQL from turning the EXISTS
# into a hash of every matching citation, built in full before the first event is tested.
POSTGRES_EVENT_TEST = f"""(
    to_tsvector('english', {{event}}.title || ' ' || {{event}}.summary)
        @@ websearch_to_tsquery('english', %s)
    OR EXISTS (
        SELECT 1 FROM events_citation c JOIN events_passage p ON p.id = c.passage_id
        WHERE c.event_id = {{event}}.id AND NOT c.suggested
        AND {PASSAGE_VECTOR.replace("text", "p.text")} @@ websearch_to_tsquery('english', %s)
        OFFSET 0))
"""
SQLITE_EVENT_TEST = """(
    EXISTS (SELECT 1 FROM events_event_fts
            WHERE events_event_fts.rowid = {event}.id AND events_event_fts MATCH %s)
    OR EXISTS (
        SELECT 1 FROM events_citation c
        JOIN events_passage_fts ON events_passage_fts.rowid = c.passage_id
        WHERE c.event_id = {event}.id AND NOT c.suggested
        AND events_passage_fts MATCH %s))
"""
# How many records a search's words match, events and passages, each counted no further
# than COUNT_CAP, and how many events there are (nearly: the highest id).
COUNT_CAP = 50_000
POSTGRES_MATCHES = f"""
    SELECT (SELECT count(*) FROM (SELECT 1 FROM events_event
            WHERE {EVENT_VECTOR} @@ websearch_to_tsquery('english', %s) LIMIT %s) e)
         + (SELECT count(*) FROM (SELECT 1 FROM events_passage
            WHERE {PASSAGE_VECTOR} @@ websearch_to_tsquery('english', %s) LIMIT %s) p),
           (SELECT max(id) FROM events_event)
"""
SQLITE_MATCHES = """
    SELECT (SELECT count(*) FROM (SELECT 1 FROM events_event_fts
            WHERE events_event_fts MATCH %s LIMIT %s))
         + (SELECT count(*) FROM (SELECT 1 FROM events_passage_fts
            WHERE events_passage_fts MATCH %s LIMIT %s)),
           (SELECT max(id) FROM events_event)
"""
# The cost of testing one event, against reading one match from an index and sorting it,
# times the page (50): see common_threshold.
WALK_COST = 250


POSTGRES_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS event_search ON events_event USING gin ({EVENT_VECTOR})",
    f"CREATE INDEX IF NOT EXISTS passage_search ON events_passage USING gin ({PASSAGE_VECTOR})",
]
SQLITE_TABLES = {"events_event_fts": ("events_event", ["title", "summary"])}
SQLITE_TABLES["events_passage_fts"] = ("events_passage", ["text"])
TOKENIZER = "porter unicode61 remove_diacritics 2"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def to_fts5(query: str) -> str | None:
    """Translate a web-search-style query to an FTS5 query; None when nothing is left to
    search for. Every word is quoted, so no user input is read as FTS5 syntax."""
    positive, negative = [], []
    for match in _TOKEN.finditer(query):
        minus, phrase, word = match.groups()
        if word == "OR":
            if positive and positive[-1] != "OR":
                positive.append("OR")
            continue
        if word is not None:
            minus, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        if re.search(r"\w", phrase):
            (negative if minus else positive).append('"' + phrase.replace('"', '""') + '"')
    while positive and positive[-1] == "OR":
        positive.pop()
    if not positive:
        return None
    expression = " ".join(positive)
    if negative:
        expression = f"({expression}) NOT " + " NOT ".join(negative)
    return expression


def matching_event_ids(alias: str, query: str) -> RawSQL | list:
    """A subquery of the ids of events whose text or cited passages match ``query``.

    A query with nothing to look for (only punctuation, or only -excluded words) matches
    nothing, on both databases."""
    expression = to_fts5(query)
    if expression is None:
        return []
    if connections[alias].vendor == "postgresql":
        return RawSQL(POSTGRES_EVENT_IDS, [query, query])
    return RawSQL(SQLITE_EVENT_IDS, [expression, expression])


def is_common(alias: str, query: str) -> bool:
    """Whether ``query``'s words match so many records that a page of events is found
    sooner by testing the events one by one in date order than by sorting the matches."""
    expression = to_fts5(query)
    if expression is None:
        return False
    postgres = connections[alias].vendor == "postgresql"
    sql, words = (POSTGRES_MATCHES, query) if postgres else (SQLITE_MATCHES, expression)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [words, COUNT_CAP, words, COUNT_CAP])
        matches, events = cursor.fetchone()
    return matches >= common_threshold(events or 0)


def common_threshold(events: int) -> int:
    """The number of matches from which walking is cheaper. Sorting M matches costs about
    M; walking to a page of P costs about P * N / M tests of events, each dearer: the two
    meet where M is the square root of P * N * (a test's cost), 16,000 for a million
    events, 1,600 for ten thousand."""
    return math.isqrt(WALK_COST * events)


def event_test(alias: str, query: str) -> RawSQL:
    """A per-event test of ``query``, for walking the events in their own order."""
    sql, params = event_test_sql(connections[alias].vendor, '"events_event"', query)
    return RawSQL(sql, params, output_field=BooleanField())


def event_test_sql(vendor: str, event: str, query: str) -> tuple[str, list]:
    """The SQL of ``event_test`` and its parameters, ``event`` naming the events table."""
    if vendor == "postgresql":
        return POSTGRES_EVENT_TEST.format(event=event), [query, query]
    expression = to_fts5(query)
    return SQLITE_EVENT_TEST.format(event=event), [expression, expression]


def matching_passage_ids(alias: str, query: str) -> RawSQL | list:
    """A subquery of the ids of passages whose text matches ``query``."""
    expression = to_fts5(query)
    if expression is None:
        return []
    if connections[alias].vendor == "postgresql":
        return RawSQL(POSTGRES_PASSAGE_IDS, [query])
    return RawSQL(SQLITE_PASSAGE_IDS, [expression])


# Installing the indexes


def install(connection) -> None:
    """Create the search indexes (and on SQLite the triggers feeding them) where missing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in POSTGRES_INDEXES:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for table, (content, columns) in SQLITE_TABLES.items():
                _install_fts5(cursor, table, content, columns)


def _install_fts5(cursor, table: str, content: str, columns: list[str]) -> None:
    parts = [table, *(f"{table}_{suffix}" for suffix in ("insert", "delete", "update"))]
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", parts)
    complete = cursor.fetchone()[0] == len(parts)
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    remove = f"INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {table}(rowid, {names}) VALUES (new.id, {new});"
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({names}, "
        f"content='{content}', content_rowid='id', tokenize='{TOKENIZER}')"
    )
    for suffix, when, body in [
        ("insert", "AFTER INSERT", add),
        ("delete", "AFTER DELETE", remove),
        ("update", "AFTER UPDATE", remove + add),
    ]:
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_{suffix} {when} ON {content} BEGIN {body} END"
        )
    if not complete:
        # New, or its triggers were lost when a migration rebuilt the content table.
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS event_search")
            cursor.execute("DROP INDEX IF EXISTS passage_search")
        elif connection.vendor == "sqlite":
            for table in SQLITE_TABLES:
                for suffix in ("insert", "delete", "update"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


def repair_after_migrate(sender, using, plan=None, **kwargs) -> None:
    # SQLite rebuilds a table for many schema changes, dropping its triggers with it.
    if sender.name == "events" and any(
        migration.app_label == "events" for migration, _ in plan or []
    ):
        connection = connections[using]
        if _search_migrated(connection):
            install(connection)


def _search_migrated(connection) -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    return ("events", "0004_full_text_search") in recorder.applied_migrations()


def connect() -> None:
    post_migrate.connect(repair_after_migrate, dispatch_uid="events-search-repair")
