"""Full-text search: the query translation, and the SQLite index surviving schema changes."""

from unittest import skipUnless

from django.db import connection
from django.test import SimpleTestCase

from events import search
from events.models import Event
from events.search import to_fts5
from tests.base import TimelineTestCase


class FullTextQueryTests(SimpleTestCase):
    def test_web_search_syntax_becomes_a_safe_fts5_query(self):
        cases = [
            ("helicopter", '"helicopter"'),
            ("helicopter crash", '"helicopter" "crash"'),
            ('"helicopter crash" Raisi', '"helicopter crash" "Raisi"'),
            ("iran OR syria", '"iran" OR "syria"'),
            ("khamenei -assad", '("khamenei") NOT "assad"'),
            ('khamenei -"met assad"', '("khamenei") NOT "met assad"'),
            ('say "hi', '"say" "hi"'),
            ('a"b', '"a""b"'),
            ("OR iran OR", '"iran"'),
            ("-assad", None),
            ("!!! ...", None),
            ("", None),
            ("NEAR(a b)", '"NEAR(a" "b)"'),
        ]
        for query, expected in cases:
            with self.subTest(query):
                self.assertEqual(to_fts5(query), expected)


@skipUnless(connection.vendor == "sqlite", "FTS5 triggers exist on SQLite only")
class SQLiteIndexRepairTests(TimelineTestCase):
    def test_lost_triggers_are_recreated_and_the_index_rebuilt(self):
        # A migration that rebuilds events_event drops its triggers with the old table.
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER events_event_fts_insert")
        Event.objects.create(
            title="Earthquake in Herat",
            event_type=self.death,
            date="2023-10-07",
            date_basis="curator",
        )
        self.assertFalse(Event.objects.search("earthquake").exists())
        search.install(connection)
        self.assertTrue(Event.objects.search("earthquake").exists())
