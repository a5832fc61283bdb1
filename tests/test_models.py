from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Actor, Citation, Event
from tests.base import TimelineTestCase


class EventDateTests(TimelineTestCase):
    def make_event(self, date_text: str) -> Event:
        return Event.objects.create(
            title="Warning reports", event_type=self.death, date=date_text, date_basis="resolved"
        )

    def test_saving_derives_the_span_and_precision_from_the_edtf_string(self):
        cases = [
            ("2024-05-19", date(2024, 5, 19), date(2024, 5, 19), "day", False, False),
            ("2024-05", date(2024, 5, 1), date(2024, 5, 31), "month", False, False),
            ("2024-09/2024-11", date(2024, 9, 1), date(2024, 11, 30), "range", False, False),
            ("1982-04~", date(1982, 4, 1), date(1982, 4, 30), "month", True, False),
            ("2015?", date(2015, 1, 1), date(2015, 12, 31), "year", False, True),
            ("198X", date(1980, 1, 1), date(1989, 12, 31), "decade", False, False),
        ]
        for text, start, end, precision, approximate, uncertain in cases:
            with self.subTest(text):
                event = self.make_event(text)
                event.refresh_from_db()
                self.assertEqual(
                    (event.start_date, event.end_date, event.precision),
                    (start, end, precision),
                )
                self.assertEqual((event.approximate, event.uncertain), (approximate, uncertain))

    def test_an_open_start_is_stored_as_the_earliest_day(self):
        event = self.make_event("../2011")
        self.assertEqual((event.start_date, event.end_date), (date.min, date(2011, 12, 31)))

    def test_changing_the_date_string_moves_the_stored_span(self):
        self.crash.date = "2024-05"
        self.crash.save()
        self.crash.refresh_from_db()
        self.assertEqual(
            (self.crash.start_date, self.crash.end_date), (date(2024, 5, 1), date(2024, 5, 31))
        )

    def test_an_invalid_date_is_rejected_with_the_reason_and_nothing_saved(self):
        with self.assertRaisesMessage(ValidationError, "month 13"):
            self.make_event("2024-13")
        self.assertFalse(Event.objects.filter(date="2024-13").exists())

    def test_full_clean_reports_an_invalid_date_on_the_date_field(self):
        event = Event(title="x", event_type=self.death, date="2024-02-30", date_basis="stated")
        with self.assertRaises(ValidationError) as caught:
            event.full_clean()
        self.assertIn("date", caught.exception.message_dict)

    def test_a_bulk_update_of_the_date_keeps_the_span_in_step(self):
        Event.objects.filter(pk=self.crash.pk).update(date="2024-05/2024-06")
        self.crash.refresh_from_db()
        self.assertEqual(
            (self.crash.start_date, self.crash.end_date), (date(2024, 5, 1), date(2024, 6, 30))
        )
        self.assertEqual(self.crash.precision, "range")

    def test_bulk_create_derives_the_span(self):
        [event] = Event.objects.bulk_create(
            [
                Event(
                    slug="bulk",
                    title="Bulk",
                    event_type=self.death,
                    date="2017",
                    date_basis="stated",
                )
            ]
        )
        self.assertEqual(Event.objects.get(slug="bulk").end_date, date(2017, 12, 31))

    def test_the_database_refuses_a_span_that_ends_before_it_starts(self):
        with transaction.atomic(), self.assertRaises(IntegrityError):
            Event.objects.filter(pk=self.crash.pk).update(start_date=date(2025, 1, 1))

    def test_date_display_is_written_for_people(self):
        self.assertEqual(self.crash.date_display, "19 May 2024")

    def test_a_slug_is_made_from_date_and_title_and_kept_unique(self):
        first, second = self.make_event("2024-09/2024-11"), self.make_event("2024-09/2024-11")
        self.assertEqual(first.slug, "2024-09-2024-11-warning-reports")
        self.assertEqual(second.slug, "2024-09-2024-11-warning-reports-2")


class EventQuerySetTests(TimelineTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reports = Event.objects.create(
            slug="reports",
            title="Warning reports",
            event_type=cls.death,
            date="2024-09/2024-11",
            date_basis="resolved",
        )

    def test_overlapping_finds_events_whose_span_meets_the_window(self):
        october = Event.objects.overlapping(date(2024, 10, 1), date(2024, 10, 31))
        self.assertQuerySetEqual(october, [self.reports])

    def test_within_keeps_only_events_wholly_inside_the_window(self):
        window = (date(2024, 10, 1), date(2024, 12, 31))
        self.assertQuerySetEqual(Event.objects.within(*window), [])
        self.assertQuerySetEqual(
            Event.objects.within(date(2024, 1, 1), date(2024, 12, 31)).chronological(),
            [self.crash, self.reports],
        )

    def test_involving_and_published(self):
        self.assertQuerySetEqual(Event.objects.involving(self.raisi), [self.crash])
        self.assertQuerySetEqual(Event.objects.published(), [self.crash])


class ActorTests(TimelineTestCase):
    def test_an_actor_is_found_by_any_alias_ignoring_case(self):
        for term in ["daesh", "ISIS", "Isil", "islamic state", "isis"]:
            with self.subTest(term):
                self.assertQuerySetEqual(Actor.objects.matching(term), [self.isis])

    def test_alias_matching_ignores_curly_apostrophes_and_extra_spaces(self):
        actor = Actor.objects.create(
            slug="hts", name="Hay’at Tahrir\u00a0al-Sham", kind="armed-group"
        )
        self.assertQuerySetEqual(Actor.objects.matching("hay'at  tahrir al-sham"), [actor])


class CitationTests(TimelineTestCase):
    def test_offsets_are_found_from_the_quote_with_its_context(self):
        citation = self.crash.citations.get()
        self.assertEqual(self.crash_passage.text[citation.start : citation.end], citation.quote)
        self.assertEqual(citation.prefix, "President Ibrahim Raisi was ")
        self.assertEqual(citation.suffix, ", along with 7 other people.\u00a0The")

    def test_a_quote_that_is_not_in_the_passage_is_refused_naming_the_passage(self):
        citation = Citation(event=self.crash, passage=self.crash_passage, quote="killed on May 20")
        with self.assertRaisesMessage(ValidationError, "does not occur in raisi.txt ¶2"):
            citation.save()
        self.assertEqual(Citation.objects.count(), 1)

    def test_offsets_that_do_not_hold_the_quote_are_refused(self):
        citation = Citation(
            event=self.crash, passage=self.crash_passage, quote="Raisi", start=0, end=5
        )
        with self.assertRaisesMessage(ValidationError, "is not the text of raisi.txt ¶2 at 0–5"):
            citation.full_clean()

    def test_quotes_keep_non_breaking_spaces_and_curly_quotes(self):
        citation = Citation.objects.create(
            event=self.crash, passage=self.meeting_passage, quote="offering “condolences”"
        )
        self.assertEqual(
            self.meeting_passage.text[citation.start : citation.end], "offering “condolences”"
        )

    def test_a_reported_claim_must_say_whose_it_is(self):
        citation = Citation(
            event=self.crash, passage=self.crash_passage, quote="May 19", stance="reports"
        )
        with self.assertRaises(ValidationError) as caught:
            citation.full_clean()
        self.assertIn("claimant", caught.exception.message_dict)
        citation.attribution = "state television"
        citation.full_clean()


class SourceTests(TimelineTestCase):
    def test_passages_are_exact_slices_of_the_text(self):
        self.assertEqual([p.number for p in self.passages], [1, 2, 3])
        for passage in self.source.passages.all():
            self.assertEqual(self.source.text[passage.start : passage.end], passage.text)

    def test_the_dct_is_the_first_day_of_the_publication_date(self):
        self.source.published = "2024-05-31/2024-06-05"
        self.source.save()
        self.assertEqual(self.source.dct, date(2024, 5, 31))
        self.assertEqual(self.source.published_precision, "range")

    def test_an_invalid_publication_date_is_rejected(self):
        self.source.published = "31 May 2024"
        with self.assertRaises(ValidationError) as caught:
            self.source.save()
        self.assertIn("published", caught.exception.message_dict)
