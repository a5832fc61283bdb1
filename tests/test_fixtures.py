"""The curated chronology: every event dated honestly, every citation exact."""

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from events import edtf
from events.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    Passage,
    Source,
)

MODELS = [
    Source,
    Passage,
    DateMention,
    ActorMention,
    Actor,
    ActorAlias,
    Event,
    EventActor,
    Citation,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


class BootstrapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("bootstrap", stdout=StringIO())
        cls.first_counts = counts()

    def test_bootstrap_loads_the_seeds_and_the_curated_chronology(self):
        self.assertEqual(self.first_counts["Source"], 5)
        self.assertGreaterEqual(self.first_counts["Event"], 40)
        self.assertGreaterEqual(self.first_counts["Actor"], 40)

    def test_bootstrap_records_what_the_seeds_mention_but_proposes_no_events(self):
        self.assertGreater(DateMention.objects.count(), 50)
        self.assertGreater(ActorMention.objects.count(), 300)
        soleimani = ActorMention.objects.filter(actor__slug="qasem-soleimani")
        self.assertTrue(soleimani.exists())
        self.assertFalse(Event.objects.exclude(status="published").exists())
        self.assertFalse(Citation.objects.filter(suggested=True).exists())

    def test_running_bootstrap_again_changes_nothing(self):
        before = {event.pk: (event.title, event.updated) for event in Event.objects.all()}
        output = StringIO()
        call_command("bootstrap", stdout=output)
        self.assertEqual(counts(), self.first_counts)
        self.assertEqual({e.pk: (e.title, e.updated) for e in Event.objects.all()}, before)
        self.assertIn("unchanged 000_6ebd91648be1933b.txt", output.getvalue())
        self.assertIn("chronology.json: 0 added", output.getvalue())

    def test_bootstrap_never_overwrites_a_curators_edit(self):
        event = Event.objects.get(slug="2024-05-19-raisi-helicopter-crash")
        event.title = "Edited by a curator"
        event.save()
        call_command("bootstrap", stdout=StringIO())
        event.refresh_from_db()
        self.assertEqual(event.title, "Edited by a curator")

    def test_bootstrap_restores_a_deleted_fixture_event(self):
        Event.objects.get(slug="2024-05-19-raisi-helicopter-crash").delete()
        call_command("bootstrap", stdout=StringIO())
        self.assertEqual(counts(), self.first_counts)


class CuratedChronologyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("bootstrap", stdout=StringIO())

    def test_every_event_date_parses_and_agrees_with_its_stored_span(self):
        for event in Event.objects.all():
            with self.subTest(event.slug):
                parsed = edtf.parse(event.date)
                self.assertEqual(
                    (event.start_date, event.end_date, event.precision),
                    (parsed.start, parsed.end, parsed.precision),
                )
                self.assertEqual(
                    (event.approximate, event.uncertain), (parsed.approximate, parsed.uncertain)
                )
                self.assertEqual(event.date_display, parsed.display())

    def test_every_citation_quote_is_in_its_passage_at_its_offsets(self):
        citations = Citation.objects.select_related("passage__source")
        self.assertGreater(citations.count(), 100)
        for citation in citations:
            with self.subTest(citation.pk):
                passage = citation.passage
                self.assertEqual(passage.text[citation.start : citation.end], citation.quote)
                self.assertEqual(passage.source.text[passage.start : passage.end], passage.text)
                self.assertTrue(passage.text[: citation.start].endswith(citation.prefix))
                self.assertTrue(passage.text[citation.end :].startswith(citation.suffix))

    def test_every_event_is_published_evidenced_and_explained(self):
        for event in Event.objects.prefetch_related("citations", "event_actors"):
            with self.subTest(event.slug):
                self.assertEqual(event.status, Event.Status.PUBLISHED)
                self.assertTrue(event.citations.all(), "no citation")
                self.assertTrue(event.event_actors.all(), "no actor")
                self.assertTrue(event.summary and event.date_note)

    def test_every_reported_claim_names_its_claimant(self):
        reported = Citation.objects.filter(stance=Citation.Stance.REPORTS)
        self.assertTrue(reported.exists())
        for citation in reported:
            self.assertTrue(citation.claimant_id or citation.attribution, citation.pk)

    def test_every_source_is_cited(self):
        for source in Source.objects.all():
            with self.subTest(source.file_name):
                self.assertTrue(Citation.objects.filter(passage__source=source).exists())

    def test_key_events_are_dated_as_precisely_as_the_evidence_allows(self):
        cases = [
            ("2024-05-19-raisi-helicopter-crash", "2024-05-19", "day"),
            ("2024-09-iranian-intelligence-warnings-to-syria", "2024-09/2024-11", "range"),
            ("2024-05-30-assad-meets-khamenei-in-tehran", "2024-05-30", "day"),
            ("1982-04-10-syria-shuts-kirkuk-banias-pipeline", "1982-04-10", "day"),
            ("2023-10-07-israel-war-in-gaza", "2023-10-07/..", "range"),
        ]
        for slug, date_text, precision in cases:
            with self.subTest(slug):
                event = Event.objects.get(slug=slug)
                self.assertEqual((event.date, event.precision), (date_text, precision))

    def test_the_warning_reports_are_found_in_october_2024_and_the_crash_is_not(self):
        october = Event.objects.overlapping(date(2024, 10, 1), date(2024, 10, 31))
        slugs = set(october.values_list("slug", flat=True))
        self.assertIn("2024-09-iranian-intelligence-warnings-to-syria", slugs)
        self.assertNotIn("2024-05-19-raisi-helicopter-crash", slugs)

    def test_the_2017_astana_talks_cite_the_shamkhani_interview(self):
        astana = Event.objects.filter(title__icontains="Astana", start_date__year=2017)
        self.assertTrue(astana.exists())
        files = set(
            Citation.objects.filter(event__in=astana).values_list(
                "passage__source__file_name", flat=True
            )
        )
        self.assertIn("002_e5474656ea9a69d0.txt", files)

    def test_the_seeds_name_of_isis_in_any_case_is_found_as_a_mention(self):
        # Seed 000 writes "Daesh", which an all-capitals alias "DAESH" would match only as
        # written.
        found = ActorMention.objects.filter(
            actor__slug="isis", text="Daesh", passage__source__file_name__startswith="000_"
        )
        self.assertGreaterEqual(found.count(), 3)

    def test_actors_carry_the_aliases_the_sources_use(self):
        cases = [
            ("daesh", "isis"),
            ("Hajj Qassem", "qasem-soleimani"),
            ("ISIL", "isis"),
            ("Martyr Soleimani", "qasem-soleimani"),
            ("Qassem Soleimani", "qasem-soleimani"),
            ("al-assad", "bashar-al-assad"),
            ("Ibrahim Raisi", "ebrahim-raisi"),
            ("Revolutionary Guards", "irgc"),
        ]
        for term, slug in cases:
            with self.subTest(term):
                self.assertEqual(
                    list(Actor.objects.matching(term).values_list("slug", flat=True)), [slug]
                )
