"""GET /api/events/: the JSON, the filters, ordering and paging."""

from contextlib import nullcontext
from datetime import timedelta
from urllib.parse import urlencode

from django.utils import timezone

from events import search
from events.models import Event, EventType, Passage, Source
from tests.base import WALKING, ApiTestCase

# Full-text search over title, summary and cited passages.
SEARCHES = [
    ("q=helicopter", ["raisi-crash"]),
    ("q=condolences", ["meeting"]),
    ("q=warning", ["warnings"]),
    ('q="met Khamenei"', ["meeting"]),
    ("q=caliphate%20OR%20helicopter", ["caliphate", "raisi-crash"]),
    ("q=khamenei%20-assad", []),
    ("q=", ["pipeline", "caliphate", "war", "raisi-crash", "meeting", "warnings"]),
    ("actor=iran&q=condolences&date_before=2024-05", ["meeting"]),
    ("q=condolences&ordering=-title", ["meeting"]),
    (
        "q=crash%20OR%20khamenei%20OR%20caliphate&ordering=-date",
        ["meeting", "raisi-crash", "caliphate"],
    ),
]


class EventJsonTests(ApiTestCase):
    def test_an_event_carries_its_date_actors_and_citations(self):
        body = self.client.get(f"/api/events/{self.crash.pk}/").json()
        self.assertEqual(
            {key: body[key] for key in ["date", "start_date", "end_date", "precision"]},
            {
                "date": "2024-05-19",
                "start_date": "2024-05-19",
                "end_date": "2024-05-19",
                "precision": "day",
            },
        )
        self.assertEqual(body["date_display"], "19 May 2024")
        self.assertEqual(body["event_type"], "death")
        self.assertTrue(body["url"].endswith(f"/api/events/{self.crash.pk}/"))
        self.assertEqual(
            body["actors"],
            [
                {
                    "id": self.raisi.pk,
                    "slug": "ebrahim-raisi",
                    "name": "Ebrahim Raisi",
                    "kind": "person",
                    "role": "victim",
                }
            ],
        )
        [citation] = body["citations"]
        self.assertEqual(citation["quote"], "killed in his helicopter crash on May 19")
        self.assertEqual(citation["source"], self.source.pk)
        self.assertEqual(citation["source_title"], "Helicopter crash")
        self.assertEqual(citation["passage"], self.crash_passage.pk)
        passage_text = self.crash_passage.text
        self.assertEqual(passage_text[citation["start"] : citation["end"]], citation["quote"])
        source_text = self.source.text
        quoted = source_text[citation["source_start"] : citation["source_end"]]
        self.assertEqual(quoted, citation["quote"])

    def test_partial_dates_are_shown_as_what_they_are(self):
        cases = [
            (self.warnings, "Sep–Nov 2024", "range", "2024-09-01", "2024-11-30"),
            (self.caliphate, "2014", "year", "2014-01-01", "2014-12-31"),
            (self.pipeline, "c. April 1982", "month", "1982-04-01", "1982-04-30"),
            (self.war, "from 7 October 2023", "range", "2023-10-07", "9999-12-31"),
        ]
        for event, display, precision, start, end in cases:
            with self.subTest(event.date):
                body = self.client.get(f"/api/events/{event.pk}/").json()
                self.assertEqual(
                    (body["date_display"], body["precision"], body["start_date"], body["end_date"]),
                    (display, precision, start, end),
                )
        approximate = self.client.get(f"/api/events/{self.pipeline.pk}/").json()
        self.assertEqual((approximate["approximate"], approximate["uncertain"]), (True, False))


class EventFilterTests(ApiTestCase):
    def get_slugs(self, query: str, user=None) -> list[str]:
        if user:
            self.client.force_authenticate(user)
        return self.slugs(self.client.get(f"/api/events/?{query}"))

    def test_filters_select_the_events_a_reader_expects(self):
        cases = [
            # dates: overlap by default, within on request, partial dates to their last day
            ("date_after=2024-10&date_before=2024-10", ["war", "warnings"]),
            ("date_after=2024-09&date_before=2024-11&date_match=within", ["warnings"]),
            ("date_after=2024-10&date_before=2024-10&date_match=within", []),
            ("date_after=2024", ["war", "raisi-crash", "meeting", "warnings"]),
            ("date_after=2024-05-19&date_before=2024-05-19", ["war", "raisi-crash"]),
            ("date_before=2014-06", ["pipeline", "caliphate"]),
            ("date_before=2014-06&date_match=within", ["pipeline"]),
            ("date_before=1982-04-30&date_match=within", ["pipeline"]),
            ("date_before=1982-04-29&date_match=within", []),
            (
                "date_match=within",
                ["pipeline", "caliphate", "war", "raisi-crash", "meeting", "warnings"],
            ),
            # actors: slug, id, name, alias, any case; any or all
            ("actor=isis", ["caliphate"]),
            ("actor=daesh", ["caliphate"]),
            ("actor=Islamic%20State", ["caliphate"]),
            ("actor=ibrahim%20raisi", ["raisi-crash"]),
            ("actor=SYRIAN%20ARAB%20REPUBLIC", ["meeting", "warnings"]),
            ("actor=nobody-at-all", []),
            ("actor=iran&actor=daesh", ["caliphate", "meeting", "warnings"]),
            ("actor=iran&actor=syria&actor_match=all", ["meeting", "warnings"]),
            ("actor=iran&actor=isis&actor_match=all", []),
            ("actor=iran&actor=nobody&actor_match=all", []),
            ("actor=iran&actor=nobody", ["meeting", "warnings"]),
            # the other fields
            ("event_type=death", ["raisi-crash"]),
            ("event_type=death&event_type=statement&date_before=2000", ["pipeline"]),
            ("precision=range", ["war", "warnings"]),
            ("precision=year&precision=month", ["pipeline", "caliphate"]),
            ("status=published&date_after=2024-06", ["war", "warnings"]),
            ("status=draft", []),
            ("source=raisi.txt", ["raisi-crash", "meeting"]),
            ("source=no-such-file.txt", []),
            ("location=tehran", ["meeting"]),
            *SEARCHES,
            # combinations
            ("actor=syria&date_after=2024-06", ["warnings"]),
            ("actor=iran&precision=day&event_type=statement", ["meeting"]),
        ]
        for query, expected in cases:
            with self.subTest(query):
                self.assertEqual(self.get_slugs(query), expected)

    def test_common_and_rare_words_find_the_same_events(self):
        # With a threshold of one match, every word that matches anything is searched by
        # testing the events one by one, in the order asked for.
        self.assertFalse(search.is_common("default", "helicopter"))
        with WALKING:
            self.assertTrue(search.is_common("default", "helicopter"))
        for walking in (False, True):
            for query, expected in SEARCHES:
                with self.subTest(query, walking=walking), WALKING if walking else nullcontext():
                    self.assertEqual(self.get_slugs(query), expected)

    def test_the_threshold_grows_as_the_square_root_of_the_events(self):
        cases = [(0, 0), (10_000, 1_581), (1_000_000, 15_811)]
        for events, threshold in cases:
            with self.subTest(events=events):
                self.assertEqual(search.common_threshold(events), threshold)

    def test_filters_by_id_where_names_are_accepted(self):
        self.assertEqual(self.get_slugs(f"actor={self.isis.pk}"), ["caliphate"])
        self.assertEqual(self.get_slugs(f"source={self.source.pk}"), ["raisi-crash", "meeting"])

    def test_drafts_are_listed_for_curators_only(self):
        self.assertNotIn("draft", self.get_slugs("actor=isis"))
        self.assertNotIn("draft", self.get_slugs("actor=isis", user=self.reader))
        self.assertEqual(self.get_slugs("status=draft", user=self.curator), ["draft"])
        self.assertEqual(self.get_slugs("actor=isis", user=self.curator), ["caliphate", "draft"])

    def test_updated_since_lists_what_changed(self):
        now = timezone.now()
        Event.objects.filter(pk=self.pipeline.pk).update(title="Pipeline closed")
        since = urlencode({"updated_since": now.isoformat()})
        self.assertEqual(self.get_slugs(since), ["pipeline"])
        future = urlencode({"updated_since": (now + timedelta(days=1)).isoformat()})
        self.assertEqual(self.get_slugs(future), [])

    def test_ordering(self):
        chronological = ["pipeline", "caliphate", "war", "raisi-crash", "meeting", "warnings"]
        self.assertEqual(self.get_slugs(""), chronological)
        self.assertEqual(self.get_slugs("ordering=date"), chronological)
        self.assertEqual(self.get_slugs("ordering=-date"), chronological[::-1])
        titles = self.get_slugs("ordering=title")
        self.assertEqual(titles[:2], ["meeting", "caliphate"])
        self.assertEqual(self.get_slugs("ordering=-title"), titles[::-1])

    def test_on_the_same_day_the_more_precise_event_comes_first(self):
        statement = EventType.objects.get(slug="statement")
        self.make_event("month", "2024-05", "Sometime in May", statement)
        self.make_event("day", "2024-05-01", "On 1 May", statement)
        self.assertEqual(
            self.get_slugs("date_after=2024-05&date_before=2024-05")[1:3], ["day", "month"]
        )

    def test_an_actors_events_are_listed_in_order(self):
        response = self.client.get("/api/actors/syria/events/")
        self.assertEqual(self.slugs(response), ["meeting", "warnings"])
        response = self.client.get("/api/actors/syria/events/?date_after=2024-06")
        self.assertEqual(self.slugs(response), ["warnings"])
        self.assertEqual(self.client.get("/api/actors/no-one/events/").status_code, 404)


class EventPagingTests(ApiTestCase):
    def test_pages_follow_each_other_and_back(self):
        first = self.client.get("/api/events/?page_size=2").json()
        self.assertIsNone(first["previous"])
        second = self.client.get(first["next"]).json()
        third = self.client.get(second["next"]).json()
        slugs = [e["slug"] for page in (first, second, third) for e in page["results"]]
        self.assertEqual(
            slugs, ["pipeline", "caliphate", "war", "raisi-crash", "meeting", "warnings"]
        )
        self.assertIsNone(third["next"])
        back = self.client.get(third["previous"]).json()
        self.assertEqual(back["results"], second["results"])
        self.assertEqual(self.client.get(back["previous"]).json()["results"], first["results"])

    def test_pages_stay_stable_while_events_are_added(self):
        first = self.client.get("/api/events/?page_size=3").json()
        statement = EventType.objects.get(slug="statement")
        self.make_event("earlier", "1900", "Added before the cursor", statement)
        self.make_event("later", "2025", "Added after the cursor", statement)
        second = self.client.get(first["next"]).json()
        self.assertEqual(
            [e["slug"] for e in second["results"]], ["raisi-crash", "meeting", "warnings"]
        )

    def test_page_size_is_capped_at_500(self):
        statement = EventType.objects.get(slug="statement")
        Event.objects.bulk_create(
            Event(
                slug=f"e{n}",
                title=f"E{n}",
                event_type=statement,
                date="2000",
                date_basis="curator",
                status="published",
            )
            for n in range(510)
        )
        body = self.client.get("/api/events/?page_size=1000").json()
        self.assertEqual(len(body["results"]), 500)

    def test_the_filters_carry_over_to_the_next_page(self):
        first = self.client.get("/api/events/?date_after=2024&page_size=1").json()
        self.assertIn("date_after=2024", first["next"])
        second = self.client.get(first["next"]).json()
        self.assertEqual([e["slug"] for e in second["results"]], ["raisi-crash"])

    def test_the_list_takes_four_queries_whatever_the_page_size(self):
        self.make_day_events("many", 120)
        for size in (1, 100):
            with self.subTest(page_size=size), self.assertNumQueries(4):
                body = self.client.get(
                    f"/api/events/?page_size={size}&date_after=2001&date_before=2001"
                ).json()
            self.assertEqual(len(body["results"]), size)
            self.assertEqual(len(body["results"][-1]["actors"]), 2)
            self.assertEqual(len(body["results"][-1]["citations"]), 1)


class PassagePagingTests(ApiTestCase):
    def test_passages_page_in_source_order_whatever_the_publication_dates(self):
        older = Source.objects.create_with_passages(
            title="Older", file_name="older.txt", text="One.\nTwo.\n", published="1999"
        )
        expected = [p.pk for p in Passage.objects.order_by("source_id", "number")]
        seen, url = [], "/api/passages/?page_size=1"
        while url:
            body = self.client.get(url).json()
            seen += [p["id"] for p in body["results"]]
            url = body["next"]
        self.assertEqual(seen, expected)
        self.assertEqual(len(older.passages.all()), 2)
