"""Curators editing the same events at once, in separate processes, through the API (with
If-Match) and through the admin (with the form's version), on the database under test."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter

import psycopg
from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase

WORKERS = ["api", "api", "admin", "admin"]
TAGS_PER_WORKER = 6
EVENTS = 2

SETUP = """
import os
from django.core.management import call_command
from events.models import Event, EventType
call_command("createcurator", "curator", no_input=True, verbosity=0)
from django.contrib.auth import get_user_model
get_user_model().objects.filter(username="curator").update(is_staff=True)
kind = EventType.objects.get(slug="statement")
ids = [
    Event.objects.create(
        title=f"Shared {n}", event_type=kind, date="2024-05", summary="start",
        date_basis="curator", status="published",
    ).pk
    for n in range(%d)
]
print(",".join(map(str, ids)))
"""

FINAL = """
import json
from events.models import Event
for event in Event.objects.filter(pk__in=[%s]).order_by("pk"):
    history = [row.summary for row in event.history.order_by("history_id")]
    print(json.dumps({"event": event.pk, "summary": event.summary, "history": history}))
"""


class ConcurrentCuratorTests(SimpleTestCase):
    """Each process has its own connection, as app servers' workers do, on a scratch
    database of the same kind as the one under test (a file for SQLite)."""

    def setUp(self):
        self.env = {
            **os.environ,
            "DATABASE_URL": self.scratch_database(),
            "CURATOR_PASSWORD": "a passphrase for the curators test",
            "LOG_LEVEL": "ERROR",
        }
        self.manage("migrate", "-v0")
        self.event_ids = self.python(SETUP % EVENTS).splitlines()[-1]

    def scratch_database(self) -> str:
        if connection.vendor == "sqlite":
            folder = tempfile.mkdtemp()
            self.addCleanup(shutil.rmtree, folder)
            return f"sqlite:///{folder}/curators.sqlite3"
        name = f"curators_{uuid.uuid4().hex[:12]}"
        server = {**connection.get_connection_params(), "dbname": "postgres"}
        server.pop("cursor_factory", None)
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        self.addCleanup(self.drop, server, name)
        settings_ = connection.settings_dict
        return f"postgres://{settings_['USER']}@{settings_['HOST']}:{settings_['PORT']}/{name}"

    @staticmethod
    def drop(server: dict, name: str) -> None:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def manage(self, *arguments: str) -> str:
        return self.run_checked([sys.executable, "manage.py", *arguments])

    def python(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    def run_checked(self, command: list[str]) -> str:
        result = subprocess.run(
            command, env=self.env, cwd=settings.BASE_DIR, capture_output=True, text=True
        )
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        return result.stdout

    def run_curators(self) -> list[dict]:
        start_at = time.time() + 3  # time for every process to start Django
        processes = [
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "tests.curators", way, self.event_ids),
                    ",".join(f"{way}{number}-{tag}" for tag in range(TAGS_PER_WORKER)),
                    str(start_at),
                ],
                env=self.env,
                cwd=settings.BASE_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for number, way in enumerate(WORKERS)
        ]
        writes = []
        for process in processes:
            out, err = process.communicate(timeout=600)
            self.assertEqual(process.returncode, 0, err[-2000:])
            writes += [json.loads(line) for line in out.splitlines()]
        return writes

    def test_no_write_fails_and_no_update_is_lost(self):
        writes = self.run_curators()
        statuses = Counter(write["status"] for write in writes)
        self.assertEqual(statuses, {"accepted": len(WORKERS) * TAGS_PER_WORKER * EVENTS})
        # The writes really overlapped: some were refused as stale and made again.
        self.assertGreater(sum(write["attempts"] > 1 for write in writes), 0)
        for line in self.python(FINAL % self.event_ids).splitlines()[-EVENTS:]:
            final = json.loads(line)
            with self.subTest(event=final["event"]):
                accepted = [w["tag"] for w in writes if w["event"] == final["event"]]
                replayed = self.replay(final["history"])
                # Every accepted write is in the history once, in the order it was saved,
                # and the event is what replaying them one after another gives.
                self.assertCountEqual(replayed, accepted)
                self.assertEqual(final["summary"], " ".join(["start", *replayed]))

    def replay(self, history: list[str]) -> list[str]:
        """The tag each saved version added to the one before it."""
        tags = []
        for before, after in zip(history, history[1:], strict=False):
            self.assertTrue(after.startswith(f"{before} "), f"{after!r} does not extend {before!r}")
            tags.append(after[len(before) + 1 :])
        return tags
