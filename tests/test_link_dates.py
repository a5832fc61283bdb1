"""Actor links carry their event's status and dates, and one actor's events are paged
through them, giving the same pages as the events themselves would."""

import datetime

from django.core import serializers
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import SimpleTestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from events import link_dates
from events.models import Event, EventActor, EventType, Precision
from tests.base import ApiTestCase


def copies(event: Event) -> set[tuple]:
    return set(EventActor.objects.filter(event=event).values_list(*link_dates.COLUMNS))


def own(event: Event) -> set[tuple]:
    event.refresh_from_db()
    span_class = link_dates.span_class(event.start_date, event.end_date)
    return {(event.status, event.start_date, event.end_date, span_class)}


class LinkCopyTests(ApiTestCase):
    """Every way of writing keeps the copies equal to the event's own values."""

    def assertCopiesTrue(self, event: Event) -> None:
        self.assertEqual(copies(event), own(event))
        self.assertEqual(link_dates.stale_links(connection.alias), 0)

    def test_a_new_link_takes_its_events_values(self):
        self.assertEqual(
            copies(self.warnings), {("published", *self.dates("2024-09-01", "2024-11-30"))}
        )
        self.assertCopiesTrue(self.draft)

    def test_saving_an_event_changes_its_links(self):
        self.warnings.date, self.warnings.status = "1999-03", Event.Status.REVIEWED
        self.warnings.save()
        self.assertEqual(
            copies(self.warnings), {("reviewed", *self.dates("1999-03-01", "1999-03-31"))}
        )

    def test_a_bulk_update_changes_the_links(self):
        Event.objects.filter(pk__in=[self.warnings.pk, self.meeting.pk]).update(
            date="2001", status=Event.Status.DRAFT
        )
        for event in (self.warnings, self.meeting):
            with self.subTest(event=event.slug):
                self.assertEqual(
                    copies(event), {("draft", *self.dates("2001-01-01", "2001-12-31"))}
                )

    def test_raw_sql_on_the_event_changes_the_links(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE events_event SET status = %s, end_date = %s WHERE id = %s",
                ["reviewed", "2030-01-01", self.meeting.pk],
            )
        self.assertCopiesTrue(self.meeting)
        self.assertEqual(
            copies(self.meeting), {("reviewed", *self.dates("2024-05-30", "2030-01-01"))}
        )

    def test_a_link_moved_to_another_event_takes_that_events_values(self):
        self.caliphate.absorb([self.draft])  # ISIS's link to the draft moves, or goes
        link = EventActor.objects.create(event=self.pipeline, actor=self.isis, role="subject")
        link.event = self.war
        link.save()
        self.assertCopiesTrue(self.war)
        self.assertCopiesTrue(self.caliphate)

    def test_a_copy_written_by_hand_is_corrected(self):
        link = self.warnings.event_actors.first()
        EventActor.objects.filter(pk=link.pk).update(status="draft", start_date="1900-01-01")
        self.assertCopiesTrue(self.warnings)

    def test_links_loaded_before_their_event_take_its_values(self):
        # As a fixture or a restore may: the foreign keys are checked at commit.
        data = serializers.serialize("json", [*self.meeting.event_actors.all(), self.meeting])
        pk = self.meeting.pk
        self.meeting.delete()
        for item in serializers.deserialize("json", data):
            item.save()
        self.assertEqual(len(copies(Event.objects.get(pk=pk))), 1)
        self.assertCopiesTrue(Event.objects.get(pk=pk))

    def test_install_repairs_copies_made_while_the_triggers_were_off(self):
        link_dates.uninstall(connection.alias)
        try:
            Event.objects.filter(pk=self.meeting.pk).update(date="1950")
            self.assertEqual(link_dates.stale_links(connection.alias), 2)
        finally:
            link_dates.install(connection.alias)
        self.assertCopiesTrue(self.meeting)

    def test_each_span_has_its_class(self):
        # The database's class (by the triggers) and the Python one (own()) agree.
        for date in [
            "2024-05-30",
            "2024-06/2024-08",
            "2024-06/2024-09",
            "2024",
            "2024?",
            "2020/2021",
            "202X",
            "2010/2020",
            "2010/2021",
            "../2024",
            "2024/..",
        ]:
            with self.subTest(date=date):
                self.meeting.date = date
                self.meeting.save()
                self.assertCopiesTrue(self.meeting)

    @staticmethod
    def dates(first: str, last: str) -> tuple:
        start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
        return start, end, link_dates.span_class(start, end)


class ActorPageTests(ApiTestCase):
    """One actor's events, paged through its links, are the pages the events give."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        statement = EventType.objects.get(slug="statement")
        for n, (date, status) in enumerate(
            [
                ("2001-01-05", "published"),
                ("2001-01-05", "published"),  # the same day: ordered by end, then id
                ("2001-01", "published"),
                ("2001", "reviewed"),
                ("2000/2002", "published"),
                ("2001-01-05/..", "draft"),
                ("../2001-02", "published"),
                ("1998", "published"),
                ("2003-06-01", "published"),
                ("199X", "published"),  # a decade, from nine years before 1999
                ("1995/2003", "published"),
            ]
        ):
            event = cls.make_event(f"iran-{n}", date, f"Iran {n}", statement, status=status)
            # Two roles in one event: listed once.
            event.set_actors([(cls.iran, "actor"), (cls.iran, "speaker"), (cls.syria, "target")])

    # Each query, then the same with a filter the links cannot answer (every precision is
    # allowed, so the results are the same), which pages through the events instead.
    QUERIES = [
        "actor=iran",
        "actor=IRAN&ordering=-date",
        "actor=iran&date_after=2001&date_before=2001",
        "actor=iran&date_after=2001-01&date_before=2001-01&date_match=within",
        "actor=iran&date_after=2001-02",
        "actor=iran&date_after=1999&date_before=1999",
        "actor=iran&date_after=1999&ordering=-date",
        "actor=iran&status=reviewed&status=draft",
        "actor=nobody",
        "actor=iran&actor=syria&actor_match=all",
        "actor=iran&actor=syria",
    ]
    EVERY_PRECISION = "".join(f"&precision={name}" for name in Precision.values)

    def walk(self, url: str) -> list[str]:
        """Every page's slugs, forwards, then checked backwards from the last page."""
        pages = [self.client.get(url).json()]
        while pages[-1]["next"]:
            pages.append(self.client.get(pages[-1]["next"]).json())
        back = pages[-1]
        for page in reversed(pages[:-1]):
            back = self.client.get(back["previous"]).json()
            self.assertEqual(back["results"], page["results"])
        return [event["slug"] for page in pages for event in page["results"]]

    def test_actor_pages_equal_the_event_pages(self):
        for user in (None, self.curator):
            self.client.force_authenticate(user)
            for query in self.QUERIES:
                cache.clear()  # the walks come to more requests than a minute's allowance
                with self.subTest(query=query, user=str(user)):
                    linked = self.walk(f"/api/events/?{query}&page_size=2")
                    evented = self.walk(f"/api/events/?{query}{self.EVERY_PRECISION}&page_size=2")
                    self.assertEqual(linked, evented)
                    self.assertEqual(len(linked), len(set(linked)))

    def test_the_actors_own_listing_pages_through_its_links(self):
        for user in (None, self.curator):
            self.client.force_authenticate(user)
            with self.subTest(user=str(user)):
                self.assertEqual(
                    self.walk("/api/actors/iran/events/?page_size=2&date_after=2001"),
                    self.walk(f"/api/events/?actor=iran&date_after=2001{self.EVERY_PRECISION}"),
                )

    def test_one_actors_page_is_read_from_its_links_index(self):
        for url in ("/api/events/?actor=iran&date_after=2001", "/api/actors/iran/events/"):
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            paged = [q["sql"] for q in queries if "LIMIT 51" in q["sql"]]
            self.assertEqual(len(paged), 1)
            self.assertIn('FROM "events_eventactor"', paged[0])

    def test_the_published_record_hides_unpublished_events_of_an_actor(self):
        slugs = self.walk("/api/events/?actor=iran")
        self.assertNotIn("iran-3", slugs)
        self.assertNotIn("iran-5", slugs)
        self.client.force_authenticate(self.curator)
        self.assertIn("iran-5", self.walk("/api/events/?actor=iran"))


class SpanClassTests(SimpleTestCase):
    START = datetime.date(2001, 1, 1)
    # (days from first to last day, class)
    CASES = [(0, 0), (92, 0), (93, 1), (366, 1), (367, 2), (3653, 2), (3654, 3)]

    def test_a_span_takes_the_first_class_it_fits(self):
        for days, expected in self.CASES:
            with self.subTest(days=days):
                end = self.START + datetime.timedelta(days=days)
                self.assertEqual(link_dates.span_class(self.START, end), expected)

    def test_open_spans_are_in_the_last_class(self):
        self.assertEqual(link_dates.span_class(datetime.date.min, self.START), 3)
        self.assertEqual(link_dates.span_class(self.START, datetime.date.max), 3)


class MigrationTests(TransactionTestCase):
    """0013 gives the links already there their copies and classes, and keeps them after."""

    serialized_rollback = True  # the data the migrations made, for the tests after this one
    BEFORE = [("events", "0012_free_text_limits")]
    AFTER = [("events", "0013_link_span_class")]

    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_links_made_before_it_get_their_copies_and_classes(self):
        old = self.migrate(self.BEFORE)
        kind = old.get_model("events", "EventType").objects.create(slug="kind-0013", name="K")
        actor = old.get_model("events", "Actor").objects.create(slug="actor-0013", name="A")
        event = old.get_model("events", "Event").objects.create(
            slug="e",
            title="E",
            event_type=kind,
            date="2015",
            status="published",
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2015, 12, 31),
            precision="year",
            date_basis="stated",
        )
        link = old.get_model("events", "EventActor").objects.create(event=event, actor=actor)
        self.migrate(self.AFTER)
        self.assertEqual(link_dates.stale_links(connection.alias), 0)
        link = EventActor.objects.get(pk=link.pk)
        self.assertEqual((link.status, link.span_class), ("published", 1))
        Event.objects.filter(pk=event.pk).update(date="2015-06")  # the triggers keep them
        self.assertEqual(EventActor.objects.get(pk=link.pk).span_class, 0)
