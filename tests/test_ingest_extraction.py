"""Ingest finds the dates and actors each passage mentions, and proposes events from them:
draft events, or citations suggested for events that already match."""

import datetime
from io import StringIO
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from events import timex
from events.fixtures import load_missing
from events.mentions import Mentions
from events.models import (
    Actor,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventType,
    Passage,
    Source,
)
from events.proposals import dating_mentions, draft_title, propose_events
from tests.test_ingest import IngestTestCase

MODELS = [Source, Passage, DateMention, ActorMention, Event, EventActor, Citation]

WAR_TXT = (
    "Russia enters the war\n"
    "On 30 September 2015, Russia began air strikes in Syria. "
    "The strikes were requested by Damascus.\n"
    "Qassem Soleimani’s visit to Moscow in July 2015 preceded the intervention.\n"
    "Officials said the campaign would last three months.\n"
)
CRASH_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Raisi dies in helicopter crash</title>
<script>document.title = "On 1 May 2024, Iran fell";</script></head>
<body>
<h1>Helicopter crash</h1>
<p>Iran said on May 19, 2024 that President
   Ebrahim Raisi had died.</p>
<p>On Thursday, Assad met Khamenei in Tehran.</p>
</body></html>
"""
ASTANA_MD = (
    "# Talks in Astana\n"
    "\n"
    "Russia, Iran and Turkey met in Astana on 23 January 2017. "
    "A day later, Russia and Turkey agreed to monitor the ceasefire.\n"
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


class ExtractionTestCase(IngestTestCase):
    @classmethod
    def setUpTestData(cls):
        load_missing(settings.FIXTURES_DIR / "actors.json")

    def ingest_war(self, **options) -> str:
        return self.ingest(self.write("war.txt", WAR_TXT), published="2024-05-31", **options)

    def actor_slugs(self, event: Event) -> set[str]:
        return set(event.actors.values_list("slug", flat=True))

    def forget_ingested(self) -> None:
        """Delete the sources, events and citations a case made, for the next case."""
        for model in (Citation, EventActor, Event, Source):
            model.objects.all().delete()


class MentionTests(ExtractionTestCase):
    def test_a_text_files_passages_record_the_dates_and_actors_they_mention(self):
        self.ingest_war()
        passages = list(Source.objects.get(file_name="war.txt").passages.all())
        dates = [(m.passage.number, m.text, m.value, m.edtf) for m in DateMention.objects.all()]
        self.assertIn((2, "30 September 2015", "2015-09-30", "2015-09-30"), dates)
        self.assertIn((3, "July 2015", "2015-07", "2015-07"), dates)
        duration = DateMention.objects.get(type="DURATION")
        self.assertEqual((duration.passage.number, duration.edtf), (4, ""))
        self.assertIsNone(duration.start_date)
        actors = [(m.passage.number, m.text, m.actor.slug) for m in ActorMention.objects.all()]
        self.assertEqual(
            actors,
            [
                (1, "Russia", "russia"),
                (2, "Russia", "russia"),
                (2, "Syria", "syria"),
                (2, "Damascus", "syria"),
                (3, "Qassem Soleimani", "qasem-soleimani"),
                (3, "Moscow", "russia"),
            ],
        )
        self.assertEqual(len(passages), 4)

    def test_a_states_demonym_is_a_mention_of_it_where_it_qualifies_the_states_doing(self):
        text = (
            "Israeli jets struck Iranian positions near Damascus on 9 December 2024.\n"
            "Syrian refugees in Lebanese villages watched.\n"
        )
        self.ingest(self.write("strikes.txt", text), published="2024-12-10")
        actors = [(m.passage.number, m.text, m.actor.slug) for m in ActorMention.objects.all()]
        self.assertEqual(
            actors,
            [(1, "Israeli", "israel"), (1, "Iranian", "iran"), (1, "Damascus", "syria")],
        )
        draft = Event.objects.get(status="draft")
        self.assertEqual(self.actor_slugs(draft), {"israel", "iran", "syria"})

    def test_a_states_demonym_before_its_organs_name_is_a_mention_of_it(self):
        text = "The Iranian Quds Force moved into Aleppo in December 2016.\n"
        self.ingest(self.write("quds.txt", text), published="2017-01-10")
        actors = [(m.text, m.actor.slug) for m in ActorMention.objects.all()]
        self.assertEqual(actors, [("Iranian", "iran"), ("Quds Force", "quds-force")])

    def test_a_plural_demonym_after_the_is_a_mention_of_its_state(self):
        text = (
            "In December 2016 the Russians and the Iranians retook Aleppo.\n"
            "Thousands of Syrians fled in December 2016.\n"
        )
        self.ingest(self.write("aleppo.txt", text), published="2017-01-10")
        actors = [(m.passage.number, m.text, m.actor.slug) for m in ActorMention.objects.all()]
        self.assertEqual(actors, [(1, "Russians", "russia"), (1, "Iranians", "iran")])
        draft = Event.objects.get(status="draft")
        self.assertEqual(self.actor_slugs(draft), {"russia", "iran"})

    def test_a_person_named_in_full_is_then_found_by_surname_in_any_passage(self):
        text = "Qassem Soleimani flew to Moscow.\nA US drone killed Soleimani in January 2020.\n"
        self.ingest(self.write("drone.txt", text), published="2020-02")
        surname = ActorMention.objects.get(text="Soleimani")
        self.assertEqual((surname.passage.number, surname.actor.slug), (2, "qasem-soleimani"))
        draft = Event.objects.get(date="2020-01")
        self.assertEqual(self.actor_slugs(draft), {"united-states", "qasem-soleimani"})

    def test_every_mention_is_the_exact_slice_of_its_passage(self):
        self.ingest_war()
        self.ingest(self.write("crash.html", CRASH_HTML), published="2024-05-31")
        self.ingest(self.write("astana.md", ASTANA_MD), published="2017-02")
        mentions = [*DateMention.objects.all(), *ActorMention.objects.all()]
        self.assertGreater(len(mentions), 15)
        for mention in mentions:
            with self.subTest(mention.text):
                self.assertEqual(mention.passage.text[mention.start : mention.end], mention.text)

    def test_a_date_mention_knows_its_span(self):
        self.ingest_war()
        july = DateMention.objects.get(text="July 2015")
        self.assertEqual((str(july.start_date), str(july.end_date)), ("2015-07-01", "2015-07-31"))
        self.assertEqual(july.anchor, "absolute")

    def test_an_html_file_is_stored_as_the_text_it_shows_in_paragraphs(self):
        self.ingest(self.write("crash.html", CRASH_HTML), published="2024-05-31")
        source = Source.objects.get(file_name="crash.html")
        self.assertEqual(source.title, "Raisi dies in helicopter crash")
        self.assertEqual(
            source.text,
            "Helicopter crash\n\n"
            "Iran said on May 19, 2024 that President Ebrahim Raisi had died.\n\n"
            "On Thursday, Assad met Khamenei in Tehran.\n",
        )
        self.assertEqual(
            [p.text for p in source.passages.all()],
            [
                "Helicopter crash",
                "Iran said on May 19, 2024 that President Ebrahim Raisi had died.",
                "On Thursday, Assad met Khamenei in Tehran.",
            ],
        )
        self.assertFalse(DateMention.objects.filter(text__contains="1 May").exists())

    def test_a_markdown_file_is_stored_verbatim_titled_by_its_first_heading(self):
        self.ingest(self.write("astana.md", ASTANA_MD), published="2017-02")
        source = Source.objects.get(file_name="astana.md")
        self.assertEqual((source.title, source.text), ("Talks in Astana", ASTANA_MD))
        self.assertEqual(source.passages.first().text, "# Talks in Astana")

    def test_relative_dates_resolve_against_the_publication_date(self):
        self.ingest(self.write("crash.html", CRASH_HTML), published="2024-05-31")
        thursday = DateMention.objects.get(text="Thursday")
        self.assertEqual((thursday.edtf, thursday.anchor), ("2024-05-30", "dct"))

    def test_today_is_the_publication_day_in_a_news_article_and_the_present_in_a_speech(self):
        for kind, value in [("news-article", "2024-05-31"), ("speech", "PRESENT_REF")]:
            with self.subTest(kind):
                text = f"Iran and Russia sign a new agreement today ({kind}).\n"
                self.ingest(self.write(f"{kind}.txt", text), published="2024-05-31", kind=kind)
                mention = DateMention.objects.get(passage__source__kind=kind)
                self.assertEqual((mention.text, mention.value), ("today", value))
        self.assertEqual(list(Event.objects.values_list("date", flat=True)), ["2024-05-31"])

    def test_a_source_stored_before_mentions_were_recorded_gets_them_when_ingested_again(self):
        path = self.write("war.txt", WAR_TXT)
        Source.objects.create_with_passages(
            file_name="war.txt", title="Russia enters the war", text=WAR_TXT, published="2024"
        )
        output = self.ingest(path, published="2024")
        self.assertIn("mentions recorded: 4 passages, 3 date mentions, 6 actor mentions", output)
        self.assertEqual(ActorMention.objects.count(), 6)
        self.assertFalse(Event.objects.exists())  # nothing proposed from an old source
        self.assertIn("unchanged war.txt", self.ingest(path, published="2024"))


class DraftTests(ExtractionTestCase):
    def test_a_sentence_naming_a_date_and_actors_becomes_a_draft_event(self):
        self.ingest_war()
        event = Event.objects.get(date="2015-09-30")
        self.assertEqual(event.title, "On 30 September 2015, Russia began air strikes in Syria")
        self.assertEqual(
            (event.status, event.event_type.slug, event.precision),
            ("draft", "unclassified", "day"),
        )
        self.assertEqual(self.actor_slugs(event), {"russia", "syria"})
        self.assertEqual(set(event.event_actors.values_list("role", flat=True)), {"actor"})
        self.assertEqual(
            event.slug, "2015-09-30-on-30-september-2015-russia-began-air-strikes-in-syria"
        )

    def test_each_dated_sentence_with_actors_is_proposed_once(self):
        self.ingest_war()
        self.assertEqual(
            sorted(Event.objects.values_list("date", flat=True)), ["2015-07", "2015-09-30"]
        )
        july = Event.objects.get(date="2015-07")
        self.assertEqual(self.actor_slugs(july), {"qasem-soleimani", "russia"})

    def test_a_draft_cites_its_sentence_exactly_and_the_citation_verifies(self):
        self.ingest_war()
        citation = Event.objects.get(date="2015-09-30").citations.get()
        self.assertEqual(citation.quote, "On 30 September 2015, Russia began air strikes in Syria.")
        self.assertEqual(citation.passage.text[citation.start : citation.end], citation.quote)
        self.assertEqual(
            (citation.start, citation.stance, citation.suggested), (0, "mentions", False)
        )
        self.assertEqual(citation.suffix, " The strikes were requested by D")
        citation.full_clean()  # the quote is where it says, so it can be saved again as it is

    def test_a_draft_says_how_its_date_was_established(self):
        self.ingest(self.write("crash.html", CRASH_HTML), published="2024-05-31")
        self.ingest(self.write("astana.md", ASTANA_MD), published="2017-02")
        cases = [
            ("2024-05-19", "stated", "“May 19, 2024” stated in the text"),
            ("2024-05-30", "resolved", "“Thursday” resolved from publication date (2024-05-31)"),
            ("2017-01-24", "stated", "“A day later” resolved from an earlier date in the text"),
        ]
        for date, basis, note in cases:
            with self.subTest(date):
                event = Event.objects.get(date=date)
                self.assertEqual(event.date_basis, basis)
                self.assertIn(note, event.date_note)

    def test_a_range_of_dates_dates_the_draft_as_that_interval(self):
        text = (
            "Drills\n"
            "Iran and Russia held drills in Sep–Nov 2024.\n"
            "Hezbollah fighters trained in Syria between March and May 2019.\n"
            "Iran shipped arms to Syria from 2012 until 2015.\n"
            "Russia bombed Idlib on 3–5 March 2020.\n"
            "Turkey and Iran met in September and November 2023.\n"
            "Iran and Syria talked in Sep–Nov about trade.\n"
        )
        self.ingest(self.write("ranges.txt", text), published="2024-12-12")
        cases = [
            ("Iran and Russia held drills", "2024-09/2024-11", "“Sep–Nov 2024” stated"),
            ("Hezbollah fighters", "2019-03/2019-05", "“March and May 2019” stated"),
            ("Iran shipped arms", "2012/2015", "“2012 until 2015” stated"),
            ("Russia bombed Idlib", "2020-03-03/2020-03-05", "“3–5 March 2020” stated"),
            # Two months named, not the three between them.
            ("Turkey and Iran met", "2023-09", "“September” stated"),
            ("Iran and Syria talked", "2024-09/2024-11", "“Sep–Nov” resolved from publication"),
        ]
        for title, date, note in cases:
            with self.subTest(title):
                event = Event.objects.get(title__startswith=title)
                self.assertEqual(event.date, date)
                self.assertIn(note, event.date_note)
                self.assertLessEqual(event.start_date, event.end_date)

    def test_an_approximate_date_dates_the_draft_as_approximate(self):
        text = (
            "Oil\n"
            "Around 2012, Iran began sending oil to Syria.\n"
            "Hezbollah trained in Syria from circa 2013 until 2015.\n"
        )
        self.ingest(self.write("oil.txt", text), published="2024-12-12")
        cases = [
            ("sending oil", "2012~", datetime.date(2012, 1, 1), datetime.date(2012, 12, 31)),
            (
                "Hezbollah trained",
                "2013~/2015",
                datetime.date(2013, 1, 1),
                datetime.date(2015, 12, 31),
            ),
        ]
        for words, edtf_date, start, end in cases:
            with self.subTest(words):
                event = Event.objects.get(title__contains=words)
                self.assertEqual(event.date, edtf_date)
                self.assertEqual((event.start_date, event.end_date), (start, end))

    def test_a_quarter_or_half_dates_the_draft_as_its_months(self):
        text = (
            "Trade\n"
            "Iran sent fighters to Syria in the first half of 2013.\n"
            "Russia and Iran traded from the first quarter of 2016 to Q3 2017.\n"
            "Pre-2011, Iran kept its distance from Syria.\n"
        )
        self.ingest(self.write("trade.txt", text), published="2024-12-12")
        self.assertEqual(
            sorted(Event.objects.values_list("date", "start_date", "end_date")),
            [
                ("2013-01/2013-06", datetime.date(2013, 1, 1), datetime.date(2013, 6, 30)),
                ("2016-01/2017-09", datetime.date(2016, 1, 1), datetime.date(2017, 9, 30)),
            ],  # "pre-2011" is no date an event can have
        )

    def test_drafts_are_proposed_from_each_format(self):
        self.ingest(self.write("crash.html", CRASH_HTML), published="2024-05-31")
        self.ingest(self.write("astana.md", ASTANA_MD), published="2017-02")
        titles = {event.date: event.title for event in Event.objects.all()}
        self.assertEqual(
            titles,
            {
                "2024-05-19": "Iran said on May 19, 2024 that President Ebrahim Raisi had died",
                "2024-05-30": "On Thursday, Assad met Khamenei in Tehran",
                "2017-01-23": "Russia, Iran and Turkey met in Astana on 23 January 2017",
                "2017-01-24": "A day later, Russia and Turkey agreed to monitor the ceasefire",
            },
        )

    def test_a_sentence_opening_with_a_pronoun_is_about_the_actor_the_one_before_names(self):
        met = "He met Putin on 24 July 2015."
        lost = "It lost fighters near Aleppo on 24 July 2015."
        took = "They took Qusayr on 24 July 2015."
        cases = [  # the sentence before, the dated one, the actors of its draft (None: none)
            ("Qassem Soleimani flew to Moscow.", met, {"qasem-soleimani", "vladimir-putin"}),
            ("General Soleimani flew to Moscow.", met, {"qasem-soleimani", "vladimir-putin"}),
            ("Qassem Soleimani and Sergei Lavrov met.", met, {"vladimir-putin"}),  # which?
            ("Iran sent a general to Moscow.", met, {"vladimir-putin"}),  # no person
            ("Hezbollah fought at Qusayr.", lost, {"hezbollah"}),
            ("Nasrallah said Hezbollah would fight.", lost, {"hezbollah"}),  # "It" is no person
            ("Hezbollah and Hamas met.", lost, None),  # which of two?
            ("Hezbollah fighters massed at the border.", took, {"hezbollah"}),
            ("Nasrallah sent Hezbollah fighters.", took, None),  # they, or he and they?
            (
                "Hezbollah fought at Qusayr.",
                "It was 24 July 2015 when Putin called.",
                {"vladimir-putin"},
            ),
        ]
        for before, dated, actors in cases:
            with self.subTest(before=before, dated=dated):
                try:
                    text = f"{before} {dated}\n"
                    self.ingest(self.write("visit.txt", text), published="2015-08-01")
                    drafts = Event.objects.filter(status="draft", date="2015-07-24")
                    self.assertEqual(
                        self.actor_slugs(drafts.get()) if actors else drafts.count(), actors or 0
                    )
                finally:
                    self.forget_ingested()

    def test_each_dated_clause_of_a_sentence_is_an_event_of_its_own(self):
        killed = "On 3 January 2020 a US strike killed Qassem Soleimani"
        fired = "on 8 January Iran fired missiles at US bases in Iraq"
        cases = [  # the sentence, the drafts proposed from it as (date, title, actors)
            (
                f"{killed}, and {fired}.",
                {
                    ("2020-01-03", killed, ("qasem-soleimani", "united-states")),
                    ("2020-01-08", fired, ("iran", "iraq", "united-states")),
                },
            ),
            (
                "Russia began strikes in September 2015; Iran sent advisers in 2012.",
                {
                    ("2015-09", "Russia began strikes in September 2015", ("russia",)),
                    ("2012", "Iran sent advisers in 2012", ("iran",)),
                },
            ),
            # A clause with no date of its own, or no actor, tells no event of its own.
            (
                "Iran sent troops in 2015, and Russia sent jets.",
                {("2015", "Iran sent troops in 2015, and Russia sent jets", ("iran", "russia"))},
            ),
            (
                "Iran sent advisers in 2012, and again in 2015.",
                {("2012", "Iran sent advisers in 2012", ("iran",))},
            ),
            (
                "Iran sent troops in September, October, and November 2015.",
                {
                    (
                        "2015-09",
                        "Iran sent troops in September, October, and November 2015",
                        ("iran",),
                    )
                },
            ),
        ]
        for text, drafts in cases:
            with self.subTest(text):
                try:
                    self.ingest(self.write("clauses.txt", text + "\n"), published="2020-01-10")
                    made = {
                        (e.date, e.title, tuple(sorted(self.actor_slugs(e))))
                        for e in Event.objects.filter(status="draft")
                    }
                    self.assertEqual(made, drafts)
                    for citation in Citation.objects.all():
                        self.assertEqual(
                            citation.passage.text[citation.start : citation.end], citation.quote
                        )
                finally:
                    self.forget_ingested()

    def test_a_heading_is_no_event(self):
        cases = [  # file name, text
            ("chronology.md", "# Iran and Russia in Syria, 2011–2024\n\n"),
            ("chronology.txt", "Iran and Russia in Syria, 2011–2024\n\n"),  # the title line
        ]
        for name, heading in cases:
            with self.subTest(name):
                text = heading + "Iran and Russia met on 3 May 2023.\n"
                self.ingest(self.write(name, text), published="2024-12-20")
                self.assertEqual(list(Event.objects.values_list("date", flat=True)), ["2023-05-03"])
                self.forget_ingested()

    def test_a_later_sentence_on_the_same_event_is_suggested_for_the_draft(self):
        text = (
            "On 30 September 2015, Russia began air strikes in Syria.\n"
            "The strikes Russia flew over Syria on 30 September 2015 hit rebel positions.\n"
        )
        output = self.ingest(self.write("strikes.txt", text), published="2015-10")
        self.assertIn("1 draft proposed, 1 citation suggested", output)
        event = Event.objects.get()
        self.assertEqual(
            [(c.passage.number, c.suggested) for c in event.citations.order_by("passage")],
            [(1, False), (2, True)],
        )

    def test_a_long_sentence_gives_a_title_cut_at_a_word(self):
        sentence = (
            "On 30 September 2015, after weeks of preparation and several meetings in Moscow "
            "and Tehran, Russia began a campaign of air strikes in Syria that would last years."
        )
        self.ingest(self.write("long.txt", sentence), published="2024")
        self.assertEqual(
            Event.objects.get().title,
            "On 30 September 2015, after weeks of preparation and several meetings in Moscow "
            "and Tehran, Russia began a campaign of…",
        )

    def test_no_drafts_records_mentions_but_proposes_nothing(self):
        output = self.ingest_war(no_drafts=True)
        self.assertEqual(DateMention.objects.count(), 3)
        self.assertFalse(Event.objects.exists())
        self.assertIn("0 drafts proposed, 0 citations suggested", output)

    def test_the_summary_line_counts_what_was_found(self):
        output = self.ingest_war()
        self.assertIn(
            "created   war.txt (4 passages, 3 date mentions, 6 actor mentions, "
            "2 drafts proposed, 0 citations suggested)",
            output,
        )


class SuggestionTests(ExtractionTestCase):
    def make_event(
        self, date: str, *actors: str, status: str = "published", title: str = ""
    ) -> Event:
        event = Event.objects.create(
            title=title or f"Event of {date}",
            event_type=EventType.objects.get(slug="military-operation"),
            date=date,
            date_basis="curator",
            status=status,
        )
        event.set_actors([(Actor.objects.get(slug=slug), "actor") for slug in actors])
        return event

    def test_an_event_with_the_actors_and_an_overlapping_date_gets_a_suggested_citation(self):
        event = self.make_event("2015-09", "russia", "syria", "iran")
        before = Event.objects.count()
        output = self.ingest_war()
        self.assertGreater(Event.objects.get(pk=event.pk).updated, event.updated)
        self.assertIn("1 draft proposed, 1 citation suggested", output)
        self.assertEqual(Event.objects.count(), before + 1)  # the July visit only
        citation = event.citations.get()
        self.assertEqual(
            (citation.quote, citation.suggested, citation.stance),
            ("On 30 September 2015, Russia began air strikes in Syria.", True, "mentions"),
        )
        citation.full_clean()

    def test_the_most_precisely_dated_matching_event_is_chosen_whatever_its_status(self):
        self.make_event("2015", "russia", "syria")
        self.make_event("2015-09-30", "russia", "syria", status="draft")
        self.make_event("2015-09", "russia", "syria")
        self.ingest_war()
        suggested = Citation.objects.get(suggested=True)
        self.assertEqual(suggested.event.date, "2015-09-30")

    def test_events_that_do_not_match_get_nothing(self):
        cases = [
            ("2015-09-30", ["russia"]),  # lacks Syria, which the sentence names
            ("2016", ["russia", "syria"]),  # another date
            ("2015-10/2016-03", ["russia", "syria"]),  # starts after it
        ]
        for date, actors in cases:
            with self.subTest(date=date, actors=actors):
                event = self.make_event(date, *actors)
                self.ingest_war()
                self.assertFalse(event.citations.exists())
                self.assertTrue(Event.objects.filter(date="2015-09-30", status="draft").exists())
                self.forget_ingested()

    def test_an_event_dated_much_more_broadly_must_share_a_word_with_the_sentence(self):
        # The sentence: "On 30 September 2015, Russia began air strikes in Syria."
        cases = [  # the event's date and title, whether the sentence is suggested for it
            ("2015", "Event of 2015", False),
            ("2014/2016", "Russian strikes over Syria", True),
            ("2015", "Russia's war", False),  # the actors' names are no shared word
            ("2015-09", "Event of 2015-09", True),  # dated at most a month more broadly
            ("2015-08-31/2015-10-30", "Event of two months", False),
        ]
        for date, title, suggested in cases:
            with self.subTest(date=date, title=title):
                self.assertEqual(self.proposed_for(date, title, "russia", "syria"), suggested)

    def test_an_event_lacking_one_of_the_sentences_actors_must_be_as_precise_and_share_a_title_word(
        self,
    ):
        # The sentence names Russia and Syria; each event has Russia only.
        cases = [  # the event's date and title, whether the sentence is suggested for it
            ("2015-09-30", "Air strikes begin", True),
            ("2015-09", "Air strikes begin", True),
            ("2015", "Air strikes begin", False),  # dated too broadly
            ("2015-09-30", "Event of 2015-09-30", False),  # no shared word
        ]
        for date, title, suggested in cases:
            with self.subTest(date=date, title=title):
                self.assertEqual(self.proposed_for(date, title, "russia"), suggested)

    def test_of_events_with_some_of_the_sentences_actors_the_one_with_most_is_suggested(self):
        text = "On 8 December 2024, Iran, Russia and Syria held emergency talks.\n"
        cases = [  # events (title, actors), the title of the one suggested
            (
                [("Emergency talks", ["iran"]), ("Other business", ["iran", "russia"])],
                "Emergency talks",
            ),
            (
                [("Emergency talks", ["iran"]), ("Talks in an emergency", ["iran", "russia"])],
                "Talks in an emergency",
            ),
        ]
        for events, expected in cases:
            with self.subTest(expected=expected):
                try:
                    for title, actors in events:
                        self.make_event("2024-12-08", *actors, title=title)
                    self.ingest(self.write("talks.txt", text), published="2024-12-09")
                    suggested = Citation.objects.get(suggested=True)
                    self.assertEqual(suggested.event.title, expected)
                    self.assertFalse(Event.objects.filter(status="draft").exists())
                finally:
                    self.forget_ingested()

    def test_an_event_dated_much_more_narrowly_must_share_a_word_with_the_sentence(self):
        text = "Iran sent advisers to Syria in 2012, at the request of the Syrian government.\n"
        cases = [  # the event's date and title, whether the sentence is suggested for it
            ("2012-03-15", "Arab League suspends Syria", False),  # a day of the year only
            ("2012-03-15", "Syrian government falls", False),  # nationality, general word
            ("2012-03-15", "First advisers arrive", True),
            ("2012~", "Event of 2012", True),  # dated about as precisely
        ]
        for date, title, suggested in cases:
            with self.subTest(date=date, title=title):
                try:
                    event = self.make_event(date, "iran", "syria", title=title)
                    self.ingest(self.write("advisers.txt", text), published="2024-05-31")
                    self.assertEqual(event.citations.exists(), suggested)
                finally:
                    self.forget_ingested()

    def proposed_for(self, date: str, title: str, *actors: str) -> bool:
        """Whether ingesting WAR_TXT suggests the sentence of 30 September 2015 for an
        event made with this date, title and actors; else it must be drafted."""
        try:
            event = self.make_event(date, *actors, title=title)
            self.ingest_war()
            suggested = event.citations.exists()
            drafted = Event.objects.filter(date="2015-09-30", status="draft").exists()
            self.assertNotEqual(suggested, drafted)
            return suggested
        finally:
            self.forget_ingested()

    def test_a_sentence_whose_one_actor_is_a_state_must_share_a_word_with_the_event(self):
        cases = [  # the sentence, the event's title and actors, whether it is suggested
            ("Israeli troops crossed the border.", "Iran fires missiles", ["israel"], False),
            ("Israeli troops crossed the border.", "Troops cross the border", ["israel"], True),
            (
                "Israeli troops crossed the border.",
                "Iran fires missiles",
                ["israel", "iran"],
                False,
            ),
            ("Netanyahu spoke.", "Iran fires missiles", ["benjamin-netanyahu"], True),  # a person
            ("Israel and Iran spoke.", "Iran fires missiles", ["israel", "iran"], True),
        ]
        for sentence, title, actors, suggested in cases:
            with self.subTest(sentence=sentence, title=title, actors=actors):
                try:
                    event = self.make_event("2024-10-01", *actors, title=title)
                    text = f"On 1 October 2024, {sentence}\n"
                    self.ingest(self.write("border.txt", text), published="2024-10-02")
                    self.assertEqual(event.citations.exists(), suggested)
                    drafted = Event.objects.filter(status="draft").exists()
                    self.assertNotEqual(drafted, suggested)
                finally:
                    self.forget_ingested()

    def test_a_state_standing_for_its_organ_is_a_drafts_actor_but_no_event_needs_it(self):
        text = "In July 2015 the Iranian Quds Force commander Qassem Soleimani flew to Moscow.\n"
        cases = [  # the event's actors, whether the sentence is suggested for it
            (["quds-force", "qasem-soleimani", "russia"], True),
            (["iran", "quds-force", "qasem-soleimani", "russia"], True),
            (["quds-force", "russia"], False),  # not Soleimani, whom the sentence names
        ]
        for actors, suggested in cases:
            with self.subTest(actors=actors):
                try:
                    event = self.make_event("2015-07", *actors, title="Soleimani flies to Moscow")
                    self.ingest(self.write("moscow.txt", text), published="2015-08-01")
                    self.assertEqual(event.citations.exists(), suggested)
                    if not suggested:
                        draft = Event.objects.get(status="draft")
                        self.assertEqual(
                            self.actor_slugs(draft),
                            {"iran", "quds-force", "qasem-soleimani", "russia"},
                        )
                finally:
                    self.forget_ingested()

    def test_a_sentence_an_event_already_cites_in_part_is_not_proposed_again(self):
        self.ingest_war(no_drafts=True)
        event = self.make_event("2024", "iran")
        passage = Passage.objects.get(text__startswith="On 30 September")
        Citation.objects.create(event=event, passage=passage, quote="Russia began air strikes")
        source = Source.objects.get()
        mentions = Mentions(
            dates=list(DateMention.objects.filter(passage__source=source)),
            actors=list(ActorMention.objects.filter(passage__source=source)),
        )
        proposals = propose_events(source, list(source.passages.all()), mentions)
        self.assertEqual([event.date for event in proposals.drafts], ["2015-07"])
        self.assertEqual(proposals.suggested, [])


class RedatingTests(ExtractionTestCase):
    TEXT = "Strike\nIsrael struck Iran's consulate in Damascus on Monday.\n"

    def test_a_corrected_publication_date_dates_again_the_drafts_no_one_has_changed(self):
        path = self.write("strike.txt", self.TEXT)
        self.ingest(path, published="2024-04-09")
        draft = Event.objects.get(status="draft")
        self.assertEqual(draft.date, "2024-04-08")
        output = self.ingest(path, published="2024-04-02")
        self.assertIn("drafts re-dated: 1", output)
        draft.refresh_from_db()
        self.assertEqual((draft.date, draft.start_date), ("2024-04-01", datetime.date(2024, 4, 1)))
        self.assertIn("resolved from publication date (2024-04-02)", draft.date_note)

    def test_a_draft_a_curator_has_changed_keeps_its_date(self):
        path = self.write("strike.txt", self.TEXT)
        self.ingest(path, published="2024-04-09")
        draft = Event.objects.get(status="draft")
        draft.title = "Israeli strike on the consulate"
        draft._history_user = User.objects.create_user("curator")
        draft.save()
        output = self.ingest(path, published="2024-04-02")
        self.assertNotIn("re-dated", output)
        draft.refresh_from_db()
        self.assertEqual(draft.date, "2024-04-08")


class IdempotenceAndFailureTests(ExtractionTestCase):
    def test_ingesting_the_same_files_again_adds_nothing(self):
        paths = [
            self.write("war.txt", WAR_TXT),
            self.write("crash.html", CRASH_HTML),
            self.write("astana.md", ASTANA_MD),
        ]
        self.ingest(*paths, published="2024-05-31")
        first = counts()
        self.assertGreater(first["Event"], 3)
        output = self.ingest(*paths, published="2024-05-31")
        self.assertEqual(counts(), first)
        for name in ("war.txt", "crash.html", "astana.md"):
            self.assertIn(f"unchanged {name}", output)

    def test_broken_files_are_refused_naming_the_file_and_nothing_changes(self):
        self.ingest_war()
        before = counts()
        cases = [
            ("missing.html", None, "missing.html: no such file or folder"),
            ("empty.md", b"", "empty.md: the file is empty"),
            ("binary.html", b"<p>a\x00b</p>", "binary.html: looks binary (NUL byte at offset 4)"),
            ("latin1.html", "<p>café</p>".encode("latin-1"), "latin1.html: not UTF-8 text"),
            (
                "blank.html",
                b"<html><head><title>T</title></head><body> <br> </body></html>",
                "blank.html: the HTML shows no text",
            ),
            ("script.htm", b"<script>var x = 1;</script>", "script.htm: the HTML shows no text"),
            (
                "utf16.txt",
                "Iran, 2024".encode("utf-16"),
                "utf16.txt: UTF-16 text, not UTF-8 (save it as UTF-8)",
            ),
        ]
        for name, content, message in cases:
            with self.subTest(name):
                path = self.write(name, content) if content is not None else self.folder / name
                with self.assertRaisesMessage(CommandError, message):
                    self.ingest(path, published="2024")
                self.assertEqual(counts(), before)
                path.unlink(missing_ok=True)

    def test_a_folder_with_no_file_to_ingest_is_refused_naming_it(self):
        folder = self.folder / "reports"
        folder.mkdir()
        (folder / "report.pdf").write_bytes(b"%PDF-1.4")
        with self.assertRaisesMessage(CommandError, "reports: no .htm, .html, .md, .txt files"):
            self.ingest(folder, published="2024")
        self.assertFalse(Source.objects.exists())

    def test_a_file_failing_as_it_is_written_leaves_the_ones_before_it(self):
        self.write(
            "manifest.toml", '[documents."crash.html"]\ntitle = "Crash"\nurl = "not a url"\n'
        )
        war, crash = self.write("war.txt", WAR_TXT), self.write("crash.html", CRASH_HTML)
        with self.assertRaisesMessage(CommandError, "crash.html: url: Enter a valid URL."):
            self.ingest(war, crash)
        self.assertEqual(list(Source.objects.values_list("file_name", flat=True)), ["war.txt"])
        self.assertEqual(Passage.objects.count(), 4)

    def test_a_failure_inside_a_files_transaction_rolls_back_all_of_it(self):
        war, crash = self.write("war.txt", WAR_TXT), self.write("crash.html", CRASH_HTML)
        self.ingest(war, published="2024-05-31")
        before = counts()
        with (
            mock.patch("events.proposals.suggest_citation", side_effect=RuntimeError("disk full")),
            mock.patch("events.proposals.draft_event", side_effect=RuntimeError("disk full")),
            self.assertRaisesMessage(RuntimeError, "disk full"),
        ):
            self.ingest(crash, published="2024-05-31")
        self.assertEqual(counts(), before)  # no source, passages or mentions of crash.html


class OptionTests(ExtractionTestCase):
    def test_published_title_and_kind_override_the_metadata(self):
        self.write("manifest.toml", '[documents."war.txt"]\ntitle = "From the manifest"\n')
        self.ingest(
            self.write("war.txt", WAR_TXT), published="2015-10", title="War", kind="news-article"
        )
        source = Source.objects.get()
        self.assertEqual(
            (source.title, source.kind, source.published), ("War", "news-article", "2015-10")
        )

    def test_bad_options_are_refused_saying_what_is_wrong(self):
        war, crash = self.write("war.txt", WAR_TXT), self.write("crash.html", CRASH_HTML)
        cases = [
            ({"published": "2024-13"}, [war], "--published: '2024-13': month 13"),
            ({"published": "yesterday"}, [war], "--published:"),
            ({"kind": "poem"}, [war], "--kind: 'poem' is not one of interview, speech"),
            ({"title": " "}, [war], "--title: the title is empty"),
            ({"title": "Both"}, [war, crash], "--title names one document, but 2 were given"),
            ({"title": "All"}, [self.folder], "--title names one document, but 2 were given"),
        ]
        for options, paths, message in cases:
            with self.subTest(options=options, paths=paths):
                with self.assertRaisesMessage(CommandError, message):
                    self.ingest(*paths, **options)
                self.assertEqual(Source.objects.count(), 0)


class DatingMentionTests(SimpleTestCase):
    def test_the_date_that_dates_a_sentences_event(self):
        cases = [  # sentence, publication date, the date mention that dates its event
            ("Iran struck on 3 March 2015.", "2016-01-01", "3 March 2015"),
            ("Iran has said since October 2023 that it wants calm.", "2024-01-01", None),
            ("Iran grew stronger after 1982 and by 1990.", "2024-01-01", None),
            ("Iran shipped arms from 2012 until 2015.", "2024-01-01", "2012"),
            (
                "By early 2019 strikes resumed, and in July 2018 Putin spoke.",
                "2024-01-01",
                "July 2018",
            ),
            (
                "Less than a month later, on 20 January 2024, Iran struck.",
                "2024-02-01",
                "20 January 2024",
            ),
            (
                "On 25 December 2023 Israel struck. Ten days later, Iran did.",
                "2024-02-01",
                "25 December 2023",
            ),
            ("On Monday, on 1 April 2024, Israel struck.", "2024-04-02", "Monday"),
            ("The US left the 2015 nuclear deal on 8 May 2018.", "2019-01-01", "8 May 2018"),
            ("The Dec. 21, 1988, bombing was avenged in April 1999.", "1999-06-07", "April 1999"),
            ("Israel and Iran signed the 1955 Treaty.", "2019-01-01", "1955"),  # no other date
            ("In 2006 the war began; 2007 was calm.", "2024-01-01", "2006"),
            (
                "The Saudis, who had cut ties with Tehran in 2016, restored them on 10 March 2023.",
                "2024-01-01",
                "10 March 2023",
            ),
            (
                "Iran (which had lost Soleimani in 2020) struck in April 2024.",
                "2024-05-01",
                "April 2024",
            ),
            ("The Saudis, who cut ties in 2016, were angry.", "2024-01-01", "2016"),  # no other
            (  # a day whose year the story gave is no count to be restated ("ten days later")
                "Since 12 September 2015 Putin had planned it. On 30 September Russia struck, "
                "as the Soviets had in 1971.",
                "2024-01-01",
                "30 September",
            ),
        ]
        for sentence, published, expected in cases:
            with self.subTest(sentence):
                mentions = [
                    DateMention(
                        start=m.start, end=m.end, text=m.text, anchor=m.anchor, edtf=m.edtf or ""
                    )
                    for m in timex.extract(sentence, datetime.date.fromisoformat(published))
                    if m.edtf
                ]
                dating = dating_mentions(sentence, mentions)
                self.assertEqual(dating[0].text if dating else None, expected)


class DraftTitleTests(SimpleTestCase):
    def test_a_title_is_the_sentence_on_one_line_without_its_full_stop(self):
        cases = [
            ("Russia began air strikes.", "Russia began air strikes"),
            ("Russia began\u00a0air  strikes\n in Syria.", "Russia began air strikes in Syria"),
            ("Was it Iran?", "Was it Iran?"),
            ("“We will win,” Assad said.", "“We will win,” Assad said"),
            ("Talks ended;", "Talks ended"),
            ("- 8 Dec. 2024: Damascus falls.", "8 Dec. 2024: Damascus falls"),
            ("• 2013: Qusayr falls.", "2013: Qusayr falls"),
            ("5. Partners were asked to act.", "Partners were asked to act"),
            ("2015. Russia intervened.", "2015. Russia intervened"),
        ]
        for sentence, expected in cases:
            with self.subTest(sentence):
                self.assertEqual(draft_title(sentence), expected)

    def test_a_long_title_is_cut_at_a_word_boundary_with_an_ellipsis(self):
        cases = [
            ("one two three four", 12, "one two…"),
            ("one two, three four", 12, "one two…"),
            ("one two (three four", 12, "one two…"),
            ("one two three", 13, "one two three"),
            ("abcdefghijklmnop", 8, "abcdefg…"),
            ("one two three four", 9, "one two…"),
        ]
        for sentence, limit, expected in cases:
            with self.subTest(sentence=sentence, limit=limit):
                title = draft_title(sentence, limit)
                self.assertEqual(title, expected)
                self.assertLessEqual(len(title), limit)


MEETING_TXT = (
    "Talks\nOn Thursday, Iran and Russia met Wagner Group envoys, as agreed on 2 May 2024.\n"
)


class RefreshTests(ExtractionTestCase):
    """Stored mentions found again: after a source's publication date or kind changes, after
    actors or aliases are added, or after the tagger improves."""

    def ingest_meeting(self) -> Source:
        self.ingest(self.write("meeting.txt", MEETING_TXT), published="2024-05-31", kind="report")
        return Source.objects.get(file_name="meeting.txt")

    def dates(self) -> dict[str, tuple]:
        return {m.text: (m.pk, m.value, m.start_date) for m in DateMention.objects.all()}

    def refresh(self, *sources: str, **options) -> str:
        out = StringIO()
        call_command("refresh_mentions", *sources, stdout=out, **options)
        return out.getvalue()

    def test_a_new_publication_date_re_dates_relative_dates_and_keeps_the_rest(self):
        source = self.ingest_meeting()
        before = self.dates()
        self.assertEqual(before["Thursday"][1], "2024-05-30")
        source = Source.objects.get(pk=source.pk)
        source.published = "2024-06-14"
        source.save()
        after = self.dates()
        self.assertEqual(after["Thursday"][1:], ("2024-06-13", datetime.date(2024, 6, 13)))
        self.assertEqual(after["2 May 2024"], before["2 May 2024"])  # the same row, kept
        # and the draft proposed from the sentence is dated again too
        self.assertEqual(
            str(source.mention_changes), "date mentions: 1 added, 1 removed; drafts re-dated: 1"
        )

    def test_ingesting_with_a_new_publication_date_says_what_it_re_dated(self):
        self.ingest_meeting()
        output = self.ingest(self.write("meeting.txt", MEETING_TXT), published="2024-06-14")
        self.assertIn(
            "updated   meeting.txt (published; date mentions: 1 added, 1 removed; "
            "drafts re-dated: 1)",
            output,
        )
        self.assertEqual(DateMention.objects.get(text="Thursday").value, "2024-06-13")

    def test_saving_other_metadata_leaves_the_mentions_alone(self):
        source = self.ingest_meeting()
        before = self.dates()
        source = Source.objects.get(pk=source.pk)
        source.title = "Tehran talks"
        source.save()
        self.assertEqual(self.dates(), before)
        self.assertIsNone(source.mention_changes)

    def test_an_actor_added_later_is_found_in_stored_sources(self):
        self.ingest_meeting()
        events = Event.objects.count()
        wagner = Actor.objects.create(slug="wagner-group", name="Wagner Group", kind="armed-group")
        output = self.refresh()
        self.assertIn("updated   meeting.txt (actor mentions: 1 added, 0 removed)", output)
        self.assertEqual(ActorMention.objects.get(actor=wagner).text, "Wagner Group")
        self.assertEqual(Event.objects.count(), events)  # nothing proposed
        self.assertIn("unchanged meeting.txt", self.refresh("meeting.txt"))

    def test_dates_only_leaves_actor_mentions_as_they_are(self):
        source = self.ingest_meeting()
        Actor.objects.create(slug="wagner-group", name="Wagner Group", kind="armed-group")
        DateMention.objects.filter(text="Thursday").update(value="2024-05-23")  # a stale value
        output = self.refresh(str(source.pk), dates_only=True)
        self.assertIn("updated   meeting.txt (date mentions: 1 added, 1 removed)", output)
        self.assertEqual(DateMention.objects.get(text="Thursday").value, "2024-05-30")
        self.assertFalse(ActorMention.objects.filter(text="Wagner Group").exists())

    def test_an_unknown_source_is_refused_by_name_and_nothing_changes(self):
        self.ingest_meeting()
        Actor.objects.create(slug="wagner-group", name="Wagner Group", kind="armed-group")
        before = counts()
        with self.assertRaisesMessage(CommandError, "no source with the id or file name nope.txt"):
            self.refresh("meeting.txt", "nope.txt")
        self.assertEqual(counts(), before)
