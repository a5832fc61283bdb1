import os
import shutil
import subprocess
import sys
import tempfile

from django.conf import settings
from django.db import connection
from django.test import TestCase


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
