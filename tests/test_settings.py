import os
import shutil
import subprocess
import sys
import tempfile

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase, TestCase


class SQLiteSettingsTests(TestCase):
    def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite only")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            self.assertGreaterEqual(cursor.fetchone()[0], 5000)
            cursor.execute("PRAGMA foreign_keys")
            self.assertEqual(cursor.fetchone()[0], 1)
        self.assertEqual(settings.DATABASES["default"]["OPTIONS"]["transaction_mode"], "IMMEDIATE")

    def test_the_development_database_file_uses_wal(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite only")
        # The test database lives in memory, where WAL does not apply: check a real file.
        code = (
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='timeline.settings';"
            "django.setup(); from django.db import connection as c; cur=c.cursor();"
            "cur.execute('PRAGMA journal_mode'); print(cur.fetchone()[0])"
        )
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/wal-check.sqlite3"}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True
        )
        self.assertEqual(result.stdout.strip(), "wal", result.stderr)


class ProductionSettingsTests(SimpleTestCase):
    def run_settings(self, **env: str) -> subprocess.CompletedProcess:
        code = "import timeline.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"
        environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
        return subprocess.run(
            [sys.executable, "-c", code],
            env={**environment, **env},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = self.run_settings(DEBUG="0")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_settings_come_from_the_environment(self):
        result = self.run_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.org, b.org")
        self.assertEqual(result.stdout.strip(), "False ['a.org', 'b.org']", result.stderr)
