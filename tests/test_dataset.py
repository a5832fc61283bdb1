"""Backups: export_dataset writes the whole dataset to a file, and import_dataset restores
it into an empty database, all or nothing."""

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import TestCase

from events import dataset
from events.models import Actor, Citation, Event, EventType, Source, Tombstone
from tests.base import make_curator

HISTORY = [model for model in dataset.TABLES if model._meta.model_name.startswith("historical")]


def empty_database() -> None:
    """Delete every row a dataset restores, leaving the database as newly migrated."""
    User = get_user_model()
    # Sequences are not rolled back with a test's transaction: one restarted by an earlier
    # test would give the history rows the deletions record ids that are taken.
    dataset.reset_sequences()
    # Events first, since their citations protect passages and actors; history and
    # tombstones after the rows, because deleting those records more of them.
    for model in [Event, Source, Actor, *HISTORY, Tombstone, User]:
        model._base_manager.all().delete()
    restarted = [model for model in [User, *dataset.TABLES] if model is not EventType]
    sequences = [{"table": m._meta.db_table, "column": m._meta.pk.column} for m in restarted]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(statement)


def whole(rows: list[str]) -> list[str]:
    """A file of these row lines, with the header and the closing line that fit them."""
    tally = dataset.Tally()
    for row in rows:
        tally.add(row)
    header = {"format": dataset.FORMAT, "version": dataset.VERSION}
    closing = {"end": True, "rows": tally.rows, "digest": tally.digest}
    return [dataset.line(header), *rows, dataset.line(closing)]


def without_text(row: str) -> str:
    record = json.loads(row)
    del record["fields"]["text"]
    return dataset.line(record)


class DatasetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("bootstrap", stdout=StringIO())
        cls.curator = make_curator("mina")
        event = Event.objects.get(slug__contains="helicopter")
        event.title += " (corrected)"
        event._history_user = cls.curator
        event.save()
        citation = Citation.objects.first()
        citation._history_user = cls.curator
        citation.delete()
        cls.digest = dataset.digest()
        cls.folder = Path(tempfile.mkdtemp())
        cls.addClassCleanup(shutil.rmtree, cls.folder)
        cls.backup = cls.folder / "backup.jsonl.gz"
        cls.plain = cls.folder / "backup.jsonl"
        for path in (cls.backup, cls.plain):
            call_command("export_dataset", str(path), stdout=StringIO())
        cls.lines = cls.plain.read_text(encoding="utf-8").splitlines(keepends=True)

    def restore(self, path: Path) -> str:
        out = StringIO()
        call_command("import_dataset", str(path), stdout=out)
        return out.getvalue()

    def write(self, name: str, lines: list[str]) -> Path:
        path = self.folder / name
        path.write_text("".join(lines), encoding="utf-8")
        return path

    def test_a_restored_backup_holds_exactly_the_rows_exported(self):
        searched = Event.objects.search("helicopter").count()
        empty_database()
        output = self.restore(self.backup)
        self.assertEqual(dataset.digest(), self.digest)
        self.assertIn(self.digest, output)
        self.assertTrue(Event.history.filter(history_user__username="mina").exists())
        self.assertEqual(Event.objects.search("helicopter").count(), searched)

    def test_a_plain_backup_restores_like_a_gzipped_one(self):
        empty_database()
        self.restore(self.plain)
        self.assertEqual(dataset.digest(), self.digest)

    def test_the_dataset_can_be_written_to_standard_output(self):
        out, err = StringIO(), StringIO()
        call_command("export_dataset", "-", stdout=out, stderr=err)
        self.assertEqual(out.getvalue().splitlines(True)[1:], self.lines[1:])
        self.assertIn(self.digest, err.getvalue())

    def test_new_rows_get_fresh_ids_after_a_restore(self):
        empty_database()
        self.restore(self.backup)
        largest = Event.objects.order_by("-pk").first().pk
        event = Event.objects.create(
            title="Added after the restore",
            event_type=EventType.objects.first(),
            date="2025",
            date_basis=Event.DateBasis.CURATOR,
        )
        self.assertGreater(event.pk, largest)
        make_curator("new-curator")

    def test_a_database_that_is_not_empty_is_refused(self):
        with self.assertRaisesMessage(CommandError, "the database is not empty"):
            self.restore(self.backup)
        self.assertEqual(dataset.digest(), self.digest)

    def test_a_damaged_file_is_refused_naming_the_file_and_line_and_nothing_is_written(self):
        lines, last = self.lines, len(self.lines)
        rows = lines[1:-1]  # the row on line n is rows[n - 2]
        n = self.line_of("events.passage")
        row = lines[n - 1]
        source = self.line_of("events.source")

        def replaced(text: str) -> list[str]:
            return [*lines[: n - 1], text, *lines[n:]]

        damaged = {
            "bad JSON": (replaced(row[:40] + "\n"), f"line {n}: not JSON"),
            "an unknown model": (
                replaced(row.replace("events.passage", "events.paragraph")),
                f"line {n}: unknown model 'events.paragraph'",
            ),
            "another version": (
                [lines[0].replace('"version":1', '"version":2'), *lines[1:]],
                "line 1: timeline-dataset version 2",
            ),
            "no closing line": (lines[:-1], f"line {last}: the file ends before its closing line"),
            "a row changed after export": (
                replaced(row.replace('"number":1,', '"number":7,')),
                f"line {last}: the rows do not match",
            ),
            "a row without a field": (
                whole([*rows[: n - 2], without_text(row), *rows[n - 1 :]]),
                f"line {n}: events.passage: lacks text",
            ),
            "a row the database refuses": (
                whole([*rows[: n - 1], row, *rows[n - 1 :]]),
                f"line {n + 1}: events.passage: refused by the database",
            ),
            "a row referring to a row not in the file": (
                whole([*rows[: source - 2], *rows[source - 1 :]]),
                "a row refers to a row the file does not hold",
            ),
        }
        event_types = list(EventType.objects.values_list("pk", "slug", "updated"))
        empty_database()
        for case, (content, error) in damaged.items():
            with self.subTest(case):
                path = self.write(f"{case}.jsonl", content)
                with self.assertRaisesMessage(CommandError, f"{path}: {error}"):
                    self.restore(path)
                self.assertFalse(Source.objects.exists() or get_user_model().objects.exists())
                self.assertEqual(
                    list(EventType.objects.values_list("pk", "slug", "updated")), event_types
                )

    def test_a_gzip_cut_short_is_refused_naming_the_line_it_could_not_read(self):
        data = self.backup.read_bytes()
        cut = self.folder / "cut.jsonl.gz"
        cut.write_bytes(data[: len(data) // 2])
        empty_database()
        with self.assertRaisesRegex(CommandError, rf"^{cut}: line \d+: cannot be read"):
            self.restore(cut)
        self.assertFalse(Source.objects.exists())

    def line_of(self, model: str) -> int:
        """The number of the first line holding a row of ``model``."""
        return next(n for n, text in enumerate(self.lines, 1) if f'"model":"{model}"' in text)
