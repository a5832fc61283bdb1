"""The timeline grouping and the CSV, iCalendar and TimelineJS exports, each parsed back."""

import csv
import io
from datetime import date

import icalendar

from events.models import Event, EventType
from tests.base import ApiTestCase


class TimelineTests(ApiTestCase):
    def test_events_are_grouped_by_year_and_month_where_their_dates_start(self):
        body = self.client.get("/api/timeline/").json()
        self.assertEqual(body["count"], 6)
        outline = [
            (
                year["label"],
                year["count"],
                [e["slug"] for e in year["events"]],
                [(m["label"], [e["slug"] for e in m["events"]]) for m in year["months"]],
            )
            for year in body["years"]
        ]
        self.assertEqual(
            outline,
            [
                ("1982", 1, [], [("April 1982", ["pipeline"])]),
                ("2014", 1, ["caliphate"], []),
                ("2023", 1, [], [("October 2023", ["war"])]),
                (
                    "2024",
                    3,
                    [],
                    [("May 2024", ["raisi-crash", "meeting"]), ("September 2024", ["warnings"])],
                ),
            ],
        )

    def test_a_range_sits_where_it_starts_and_says_where_it_ends(self):
        body = self.client.get("/api/timeline/?actor=syria&date_after=2024-06").json()
        [year] = body["years"]
        [month] = year["months"]
        [event] = month["events"]
        self.assertEqual(
            (month["month"], event["end_date"], event["date_display"]),
            (9, "2024-11-30", "Sep–Nov 2024"),
        )

    def test_open_and_year_starts_are_not_put_in_january(self):
        statement = EventType.objects.get(slug="statement")
        self.make_event("until", "../2011", "Before 2011", statement)
        self.make_event("years", "2011/2013-06", "2011 to June 2013", statement)
        body = self.client.get("/api/timeline/?date_before=2013").json()
        outline = [
            (y["year"], [e["slug"] for e in y["events"]], y["months"]) for y in body["years"]
        ]
        self.assertEqual(outline[0], (None, ["until"], []))
        self.assertIn((2011, ["years"], []), outline)

    def test_too_many_events_for_a_timeline_is_a_400(self):
        with self.settings(TIMELINE_MAX_EVENTS=3):
            body = self.assertError(self.client.get("/api/timeline/"), 400)
        self.assertIn("match 6 events", body["message"])


class TimelineJSTests(ApiTestCase):
    def test_slides_carry_only_the_known_parts_of_their_dates(self):
        body = self.client.get("/api/timeline/?format=timelinejs").json()
        slides = {slide["unique_id"]: slide for slide in body["events"]}
        self.assertEqual(len(slides), 6)
        cases = [
            ("raisi-crash", {"year": 2024, "month": 5, "day": 19}, None, "19 May 2024"),
            ("warnings", {"year": 2024, "month": 9}, {"year": 2024, "month": 11}, "Sep–Nov 2024"),
            ("caliphate", {"year": 2014}, None, "2014"),
            ("pipeline", {"year": 1982, "month": 4}, None, "c. April 1982"),
            ("war", {"year": 2023, "month": 10, "day": 7}, None, "from 7 October 2023"),
        ]
        for slug, start, end, display in cases:
            with self.subTest(slug):
                slide = slides[slug]
                self.assertEqual(slide["start_date"], start)
                self.assertEqual(slide.get("end_date"), end)
                self.assertEqual(slide["display_date"], display)
        crash = slides["raisi-crash"]
        self.assertEqual(crash["group"], "Death")
        self.assertEqual(crash["text"]["headline"], "Raisi killed in helicopter crash")
        self.assertIn(
            "<blockquote>“killed in his helicopter crash on May 19”", crash["text"]["text"]
        )

    def test_text_is_escaped_html(self):
        Event.objects.filter(pk=self.crash.pk).update(summary="<script>alert(1)</script>")
        body = self.client.get("/api/timeline/?format=timelinejs&actor=ebrahim-raisi").json()
        self.assertIn("&lt;script&gt;", body["events"][0]["text"]["text"])


class CSVTests(ApiTestCase):
    def rows(self, query: str = "") -> list[dict]:
        response = self.client.get(f"/api/events/?format=csv&{query}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.DictReader(io.StringIO(text)))

    def test_the_csv_holds_every_matching_event_unpaged(self):
        rows = self.rows("page_size=1")
        self.assertEqual(
            [row["slug"] for row in rows],
            ["pipeline", "caliphate", "war", "raisi-crash", "meeting", "warnings"],
        )

    def test_the_csv_honours_the_filters_and_flattens_actors_and_quotes(self):
        [row] = self.rows("actor=ibrahim raisi")
        self.assertEqual(row["date"], "2024-05-19")
        self.assertEqual(row["date_display"], "19 May 2024")
        self.assertEqual(row["actors"], "Ebrahim Raisi (victim)")
        self.assertEqual(row["actor_slugs"], "ebrahim-raisi:victim")
        self.assertEqual(row["citation_count"], "1")
        self.assertIn("killed in his helicopter crash on May 19", row["quotes"])
        self.assertEqual(row["sources"], "raisi.txt")
        [row] = self.rows("date_after=2024-09&date_before=2024-11&date_match=within")
        self.assertEqual(
            (row["start_date"], row["end_date"], row["precision"]),
            ("2024-09-01", "2024-11-30", "range"),
        )

    def test_cells_that_would_run_as_formulas_are_defused(self):
        Event.objects.filter(pk=self.crash.pk).update(title='=HYPERLINK("http://x")')
        [row] = self.rows("actor=ebrahim-raisi")
        self.assertEqual(row["title"], '\'=HYPERLINK("http://x")')

    def test_every_text_cell_is_defused(self):
        self.source.file_name = '=HYPERLINK("http://evil","x").txt'
        self.source.save()
        [row] = self.rows("actor=ebrahim-raisi")
        self.assertTrue(row["sources"].startswith("'="))

    def test_the_accept_header_chooses_csv_too(self):
        response = self.client.get("/api/events/", headers={"Accept": "text/csv"})
        self.assertTrue(b"".join(response.streaming_content).startswith(b"id,slug,title"))

    def test_an_error_is_json_even_when_csv_was_asked_for(self):
        response = self.client.get("/api/events/?format=csv&date_after=2024-99")
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertError(response, 400, "date_after")


class ICalendarTests(ApiTestCase):
    def calendar(self, query: str = "") -> icalendar.Calendar:
        response = self.client.get(f"/api/events/?format=ics&{query}")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        return icalendar.Calendar.from_ical(b"".join(response.streaming_content))

    def test_events_are_all_day_events_from_first_to_last_day(self):
        entries = {e["X-EDTF"]: e for e in self.calendar().walk("VEVENT")}
        self.assertEqual(len(entries), 6)
        cases = [
            ("2024-05-19", date(2024, 5, 19), date(2024, 5, 20)),
            ("2024-09/2024-11", date(2024, 9, 1), date(2024, 12, 1)),
            ("2014", date(2014, 1, 1), date(2015, 1, 1)),
            ("2023-10-07/..", date(2023, 10, 7), date(2023, 10, 8)),
        ]
        for edtf_date, start, end in cases:
            with self.subTest(edtf_date):
                entry = entries[edtf_date]
                self.assertEqual(entry.decoded("dtstart"), start)
                self.assertEqual(entry.decoded("dtend"), end)
        crash = entries["2024-05-19"]
        self.assertEqual(str(crash["summary"]), "Raisi killed in helicopter crash")
        self.assertIn("19 May 2024", str(crash["description"]))
        self.assertIn("killed in his helicopter crash", str(crash["description"]))

    def test_the_last_storable_day_is_exported(self):
        self.make_event("far", "9999-12-31", "End of the calendar", self.death)
        [entry] = self.calendar("date_after=9999&date_match=within").walk("VEVENT")
        self.assertEqual(entry.decoded("dtstart"), date(9999, 12, 31))
        self.assertNotIn("DTEND", entry)

    def test_the_calendar_honours_the_filters(self):
        entries = self.calendar("actor=syria").walk("VEVENT")
        self.assertEqual(
            sorted(str(e["summary"]) for e in entries),
            ["Assad meets Khamenei", "Iranian warnings to Syria"],
        )
