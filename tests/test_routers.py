"""The replica router: reads to a replica, writes and the reads that must see them to the
primary."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connections
from django.test import RequestFactory, SimpleTestCase, override_settings

from events.models import Actor, Event
from events.routers import PrimaryForWritesMiddleware, ReplicaRouter

ROOT = Path(__file__).resolve().parent.parent


@override_settings(DATABASE_REPLICAS=["replica1", "replica2"])
class ReplicaRouterTests(SimpleTestCase):
    router = ReplicaRouter()

    def test_reads_go_to_a_replica(self):
        chosen = {self.router.db_for_read(Event) for _ in range(200)}
        self.assertEqual(chosen, {"replica1", "replica2"})

    def test_writes_go_to_the_primary(self):
        for model in (Event, Actor):
            with self.subTest(model=model.__name__):
                self.assertEqual(self.router.db_for_write(model), "default")

    def test_only_the_primary_is_migrated(self):
        self.assertTrue(self.router.allow_migrate("default", "events"))
        self.assertFalse(self.router.allow_migrate("replica1", "events"))

    def test_reads_inside_a_transaction_on_the_primary_stay_on_it(self):
        connection = connections["default"]
        connection.in_atomic_block = True  # as inside transaction.atomic(), without a database
        try:
            self.assertEqual(self.router.db_for_read(Event), "default")
        finally:
            connection.in_atomic_block = False

    def test_requests_that_write_or_come_to_the_admin_read_from_the_primary(self):
        factory = RequestFactory()
        cases = [
            (factory.get("/api/events/"), {"replica1", "replica2"}),
            (factory.head("/api/events/"), {"replica1", "replica2"}),
            (factory.post("/api/events/"), {"default"}),
            (factory.patch("/api/events/1/"), {"default"}),
            (factory.delete("/api/events/1/"), {"default"}),
            (factory.get("/admin/events/event/"), {"default"}),
        ]
        for request, expected in cases:
            with self.subTest(method=request.method, path=request.path):
                seen = set()

                def view(request, seen=seen):
                    seen.update(self.router.db_for_read(Event) for _ in range(50))

                PrimaryForWritesMiddleware(view)(request)
                self.assertEqual(seen, expected)
        self.assertEqual(len({self.router.db_for_read(Event) for _ in range(50)}), 2)

    @override_settings(DATABASE_REPLICAS=[])
    def test_without_replicas_everything_is_the_primary(self):
        self.assertEqual(self.router.db_for_read(Event), "default")


def settings_with(env: dict, expression: str) -> str:
    """What ``expression`` (of ``s``, the settings) prints in a process started with ``env``."""
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "timeline.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


class ReplicaSettingsTests(SimpleTestCase):
    def test_replica_urls_become_databases_that_mirror_the_primary_in_tests(self):
        urls = "postgres://reader@replica-a:5432/timeline,postgres://reader@replica-b/timeline"
        output = settings_with(
            {"DATABASE_REPLICA_URLS": urls},
            "s.DATABASE_REPLICAS, s.DATABASES['replica1']['HOST'], "
            "s.DATABASES['replica2']['HOST'], s.DATABASES['replica2']['TEST']['MIRROR'], "
            "s.DATABASE_ROUTERS",
        )
        self.assertEqual(
            output,
            "['replica1', 'replica2'] replica-a replica-b default ['events.routers.ReplicaRouter']",
        )

    def test_shared_cache_counts_in_the_database(self):
        output = settings_with({"SHARED_CACHE": "1"}, "s.CACHES['default']['BACKEND']")
        self.assertEqual(output, "django.core.cache.backends.db.DatabaseCache")
