"""The synthetic chronology: rows as consistent as curated ones, the same for the same seed."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test import TestCase

from events import edtf, link_dates, synth
from events.models import Actor, Citation, Event, EventActor, Passage, Source
from events.passages import split_passages


class SynthTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("synth", events=400, seed=5, stdout=StringIO())

    def test_it_adds_what_it_says(self):
        self.assertEqual(Event.objects.count(), 400)
        self.assertEqual(Actor.objects.filter(slug__startswith="s5-").count(), 20)
        self.assertEqual(Source.objects.filter(file_name__startswith="synth-5-").count(), 4)
        counts = Event.objects.annotate(n=Count("citations")).values_list("n", flat=True)
        self.assertEqual((min(counts), max(counts)), (1, 5))

    def test_passages_and_quotes_are_exact_slices(self):
        for source in Source.objects.all():
            spans = [(span.start, span.end) for span in split_passages(source.text)]
            stored = list(source.passages.order_by("number").values_list("start", "end"))
            self.assertEqual(stored, spans)
        for passage in Passage.objects.all():
            self.assertEqual(passage.text, passage.source.text[passage.start : passage.end])
        for citation in Citation.objects.select_related("passage"):
            text = citation.passage.text
            self.assertEqual(citation.quote, text[citation.start : citation.end])
            self.assertEqual(citation.prefix, text[max(0, citation.start - 32) : citation.start])
            self.assertEqual(citation.suffix, text[citation.end : citation.end + 32])

    def test_derived_date_columns_agree_with_the_dates(self):
        precisions = set()
        for event in Event.objects.all():
            parsed = edtf.parse(event.date)
            self.assertEqual(
                (event.start_date, event.end_date, event.precision, event.date_display),
                (parsed.start, parsed.end, parsed.precision, parsed.display()),
            )
            precisions.add(event.precision)
        self.assertGreaterEqual(precisions, {"day", "month", "season", "year", "range"})

    def test_links_carry_their_events_dates_and_the_triggers_are_back(self):
        self.assertEqual(link_dates.stale_links(connection.alias), 0)
        event = Event.objects.filter(event_actors__isnull=False).first()
        Event.objects.filter(pk=event.pk).update(date="1901")
        self.assertEqual(link_dates.stale_links(connection.alias), 0)

    def test_actors_follow_zipfs_law(self):
        counts = list(EventActor.objects.values("actor").annotate(n=Count("id")).order_by("-n"))
        self.assertGreater(counts[0]["n"], 5 * counts[len(counts) // 2]["n"])

    def test_search_finds_a_village_that_few_events_name(self):
        summary = Event.objects.order_by("id").first().summary
        village = summary.split(" by ")[1].split(",")[0]
        found = Event.objects.search(village)
        self.assertTrue(found.exists())
        self.assertEqual(set(found), set(Event.objects.filter(summary__contains=f" {village},")))

    def test_the_same_seed_is_refused_and_another_adds(self):
        with self.assertRaisesMessage(CommandError, "--seed 5"):
            call_command("synth", events=10, seed=5, stdout=StringIO())
        call_command("synth", events=10, seed=6, stdout=StringIO())
        self.assertEqual(Event.objects.count(), 410)
        self.assertEqual(Event.objects.filter(slug__startswith="s6-").count(), 10)

    def test_the_same_seed_gives_the_same_chronology(self):
        first, second = (synth.Chronology(50, 9, types=[1, 2]) for _ in range(2))
        self.assertEqual(list(first.actors()), list(second.actors()))
        self.assertEqual(list(first.sources()), list(second.sources()))
        self.assertEqual(list(first.event_rows()), list(second.event_rows()))
