"""Crash safety of ingest: killed part-way, it leaves each file stored whole or not at all,
and a second run stores the rest.

The ingest runs as a separate process, so it works on a scratch database of its own (the
test database lives inside a transaction no other process sees) of the kind the suite runs
on, and the test reads that database with plain SQL.
"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase

from events.passages import split_passages

FILES = 60
PARAGRAPHS = 12  # of four sentences: a few KB a file
KILL_AFTER = 5  # files reported stored before the ingest is killed
TIMEOUT = 60  # seconds any one command may take

ACTORS = ["Iran", "Syria", "Russia", "Israel", "Iraq", "Turkey", "Hezbollah", "Vladimir Putin"]
ACTORS += ["Qasem Soleimani", "Bashar al-Assad", "Hassan Nasrallah", "Ali Khamenei"]
DEEDS = ["met in", "signed an agreement in", "announced talks in", "sent advisers to"]
PLACES = ["Damascus", "Tehran", "Moscow", "Baghdad", "Ankara", "Beirut", "Aleppo"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "December"]
PLAIN = [
    "Officials described the talks as constructive and said more meetings would follow.",
    "Witnesses reported heavy traffic on the roads leading out of the city centre.",
    "The statement did not say who had attended or what had been agreed.",
    "Analysts cautioned that the announcement could be reversed at short notice.",
    "Local newspapers carried the news on their front pages the next morning.",
    "Several delegations declined to comment when reporters asked about the details.",
]

# Rows that must never exist, whatever moment the ingest was killed at.
ORPHANS = {
    "passages without their source": """
        SELECT count(*) FROM events_passage p
        WHERE NOT EXISTS (SELECT 1 FROM events_source s WHERE s.id = p.source_id)""",
    "citations without their passage": """
        SELECT count(*) FROM events_citation c
        WHERE NOT EXISTS (SELECT 1 FROM events_passage p WHERE p.id = c.passage_id)""",
    "date mentions without their passage": """
        SELECT count(*) FROM events_datemention m
        WHERE NOT EXISTS (SELECT 1 FROM events_passage p WHERE p.id = m.passage_id)""",
    "actor mentions without their passage": """
        SELECT count(*) FROM events_actormention m
        WHERE NOT EXISTS (SELECT 1 FROM events_passage p WHERE p.id = m.passage_id)""",
    "draft events without a citation": """
        SELECT count(*) FROM events_event e WHERE e.status = 'draft'
        AND NOT EXISTS (SELECT 1 FROM events_citation c WHERE c.event_id = e.id)""",
    "sources without the dates their text mentions": """
        SELECT count(*) FROM events_source s WHERE NOT EXISTS (
            SELECT 1 FROM events_datemention m JOIN events_passage p ON p.id = m.passage_id
            WHERE p.source_id = s.id)""",
}


def document(number: int) -> str:
    """A dispatch of a few KB, each a different text: paragraphs of plain sentences, one of
    which names a date and actors (the evidence ingest drafts an event from)."""
    rng = random.Random(number)
    paragraphs = [f"Dispatch {number}"]
    for _ in range(PARAGRAPHS):
        one, other = rng.sample(ACTORS, 2)
        dated = (
            f"On {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2024)}, "
            f"{one} and {other} {rng.choice(DEEDS)} {rng.choice(PLACES)}."
        )
        paragraphs.append(" ".join([dated, *rng.sample(PLAIN, 3)]))
    return "\n\n".join(paragraphs) + "\n"


@contextmanager
def sqlite_scratch() -> Iterator[tuple[str, Callable]]:
    folder = Path(tempfile.mkdtemp())
    path = folder / "crash.sqlite3"
    try:
        yield f"sqlite:///{path}", lambda: closing(sqlite3.connect(path))
    finally:
        shutil.rmtree(folder)


@contextmanager
def postgres_scratch() -> Iterator[tuple[str, Callable]]:
    import psycopg

    server = os.environ["DATABASE_URL"]
    name = f"timeline_crash_{os.getpid()}"
    scratch = urlsplit(server)._replace(path=f"/{name}").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield scratch, lambda: psycopg.connect(scratch, autocommit=True)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scratch_database():
    """A database for the subprocesses, of the suite's kind: its DATABASE_URL, and a function
    opening a plain DB-API connection to it."""
    return postgres_scratch() if connection.vendor == "postgresql" else sqlite_scratch()


def command(*arguments: str) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]


def environment(url: str) -> dict:
    # Unbuffered, so that each file is reported as soon as it is stored.
    return {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}


def manage(url: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*arguments),
        env=environment(url),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def ingest_until_killed(url: str, folder: Path) -> tuple[bool, list[str]]:
    """Ingest ``folder`` and SIGKILL the process half-way through the file that follows the
    KILL_AFTER-th reported stored: whether it was still running then, and what it printed."""
    process = subprocess.Popen(
        command("ingest", str(folder)),
        env=environment(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    watchdog = threading.Timer(TIMEOUT, process.kill)
    watchdog.start()
    printed, stored_at = [], []
    try:
        for text in process.stdout:
            printed.append(text)
            if text.startswith("created"):
                stored_at.append(time.monotonic())
            if len(stored_at) == KILL_AFTER:
                # Half-way through the next file, rather than as it starts.
                time.sleep((stored_at[-1] - stored_at[0]) / (KILL_AFTER - 1) / 2)
                break
        running = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        watchdog.cancel()
        process.stdout.close()
    return running, printed


def inconsistencies(db) -> list[str]:
    """What is wrong in the database: orphaned rows, a source without exactly the passages
    its text splits into, or without a citation for each of its dated sentences."""
    problems = []
    for what, query in ORPHANS.items():
        count = db.execute(query).fetchone()[0]
        if count:
            problems.append(f"{count} {what}")
    for source_id, file_name, text in db.execute(
        "SELECT id, file_name, text FROM events_source"
    ).fetchall():
        stored = db.execute(
            'SELECT start, "end", text FROM events_passage '
            f"WHERE source_id = {int(source_id)} ORDER BY number"
        ).fetchall()
        expected = [
            (span.start, span.end, text[span.start : span.end]) for span in split_passages(text)
        ]
        if [tuple(row) for row in stored] != expected:
            problems.append(f"{file_name}: {len(stored)} of {len(expected)} passages")
    for file_name, count in citations_per_file(db).items():
        if count != PARAGRAPHS:
            problems.append(f"{file_name}: {count} of {PARAGRAPHS} citations")
    return problems


def citations_per_file(db) -> dict[str, int]:
    """How many citations, drafted or suggested, cite each stored file: one for each dated
    sentence naming actors (one a paragraph), once its proposals are all written."""
    query = """
        SELECT s.file_name, count(c.id) FROM events_source s
        JOIN events_passage p ON p.source_id = s.id
        LEFT JOIN events_citation c ON c.passage_id = p.id
        GROUP BY s.file_name"""
    return dict(db.execute(query).fetchall())


def stored_files(db) -> list[str]:
    return sorted(row[0] for row in db.execute("SELECT file_name FROM events_source").fetchall())


class CrashSafetyTests(SimpleTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.files = [f"dispatch-{number:03}.txt" for number in range(FILES)]
        for number, name in enumerate(self.files):
            (self.folder / name).write_text(document(number), encoding="utf-8")

    def prepare(self, url: str) -> None:
        """Migrate the scratch database and load the actors, so that drafts get proposed."""
        for arguments in (["migrate"], ["loaddata", "actors.json"]):
            result = manage(url, *arguments)
            self.assertEqual(result.returncode, 0, result.stderr)

    def test_an_ingest_killed_part_way_leaves_whole_files_and_a_rerun_stores_the_rest(self):
        with scratch_database() as (url, connect):
            self.prepare(url)
            running, printed = ingest_until_killed(url, self.folder)
            self.assertTrue(
                running,
                "The ingest finished before it could be killed: make the input larger.\n"
                + "".join(printed),
            )
            with connect() as db:
                self.assertEqual(inconsistencies(db), [])
                stored = stored_files(db)
            self.assertGreaterEqual(len(stored), KILL_AFTER)
            self.assertLess(len(stored), FILES)
            self.assertEqual(stored, self.files[: len(stored)])

            rerun = manage(url, "ingest", str(self.folder))
            self.assertEqual(rerun.returncode, 0, rerun.stdout + rerun.stderr)
            created = [line for line in rerun.stdout.splitlines() if line.startswith("created")]
            self.assertEqual(len(created), FILES - len(stored))
            with connect() as db:
                self.assertEqual(inconsistencies(db), [])
                self.assertEqual(stored_files(db), self.files)
