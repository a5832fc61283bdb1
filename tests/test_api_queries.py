"""The events list's lean documents, and the fixed number of queries of every listing."""

from django.contrib.auth.models import AnonymousUser

from events import listing
from events.filters import EventFilter
from events.models import Citation, Event, Passage, Source
from events.serializers import EventSerializer
from tests.base import ApiTestCase


class LeanListTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A reported claim with a claimant and a suggestion only curators see.
        Citation.objects.create(
            event=cls.warnings,
            passage=cls.meeting_passage,
            quote="offering “condolences”",
            stance=Citation.Stance.REPORTS,
            claimant=cls.syria,
            note="as reported",
        )
        Citation.objects.create(
            event=cls.crash, passage=cls.meeting_passage, quote="Assad", suggested=True
        )
        cls.meeting.latitude, cls.meeting.longitude = 35.7, 51.4
        cls.meeting.save()

    def test_each_listed_event_is_the_document_of_its_own_page(self):
        for user in (AnonymousUser(), self.curator):
            self.client.force_authenticate(user if user.is_authenticated else None)
            listed = self.client.get("/api/events/?page_size=500").json()["results"]
            self.assertEqual(len(listed), Event.objects.visible_to(user).count())
            for document in listed:
                with self.subTest(user=str(user), event=document["slug"]):
                    self.assertEqual(document, self.client.get(document["url"]).json())

    def test_list_documents_match_the_serializer(self):
        response = self.client.get("/api/events/?actor=syria")
        request = response.wsgi_request
        for document in response.json()["results"]:
            event = Event.objects.get(pk=document["id"])
            with self.subTest(event=event.slug):
                expected = EventSerializer(event, context={"request": request}).data
                expected["citations"] = [c for c in expected["citations"] if not c["suggested"]]
                self.assertEqual(document, expected)

    def test_an_actors_events_are_listed_as_the_events_list_lists_them(self):
        for user in (None, self.curator):
            self.client.force_authenticate(user)
            mine = self.client.get("/api/actors/syria/events/").json()["results"]
            listed = self.client.get("/api/events/?actor=syria").json()["results"]
            self.assertEqual(mine, listed)


class EventRowsTests(ApiTestCase):
    def test_rows_come_in_the_order_of_the_page_and_drafts_only_when_asked(self):
        ids = [self.draft.pk, self.meeting.pk, self.crash.pk]
        cases = [(True, ids), (False, [self.meeting.pk, self.crash.pk])]
        for drafts, expected in cases:
            with self.subTest(drafts=drafts):
                rows = listing.event_rows(ids, drafts, "default")
                self.assertEqual([row["id"] for row in rows], expected)

    def test_a_window_ending_before_it_starts_is_refused_with_only_the_given_fields(self):
        response = self.client.get("/api/events/?q=crash&date_after=2025&date_before=2024")
        self.assertEqual(response.status_code, 400)
        self.assertIn("date_before", response.json()["errors"])


class QueryCountTests(ApiTestCase):
    """Each listing costs the same number of queries, whatever the page holds."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.make_day_events("bulk", 60)
        for n in range(30):
            Source.objects.create_with_passages(
                title=f"Source {n}", file_name=f"s{n}.txt", text=f"Paragraph {n}.\nMore {n}.\n"
            )

    LISTINGS = [
        # the page (ordering values and ids), its events, their actors, their citations
        ("/api/events/", 4),
        # the actor named; then its page, read from its links, and as above
        ("/api/events/?date_after=2001&date_before=2001-06&actor=iran", 5),
        # + the type, and how many records the words match (which picks the search's plan)
        ("/api/events/?q=bulk&event_type=statement&precision=day", 6),
        ("/api/actors/iran/events/", 5),  # likewise
        ("/api/actors/", 2),  # + aliases
        ("/api/sources/", 1),
        ("/api/passages/", 4),  # + date mentions, actor mentions, citing events
        ("/api/event-types/", 1),
        ("/api/deletions/", 1),
        ("/api/timeline/?date_after=2001&date_before=2001", 3),
    ]

    def test_each_listing_takes_a_fixed_number_of_queries(self):
        for user in (None, self.curator):
            self.client.force_authenticate(user)
            self.client.get("/api/events/")  # a curator's permissions, read once
            for url, queries in self.LISTINGS:
                for size in (1, 50):
                    joined = "&" if "?" in url else "?"
                    with self.subTest(url=url, user=str(user), page_size=size):
                        with self.assertNumQueries(queries):
                            response = self.client.get(f"{url}{joined}page_size={size}")
                        self.assertEqual(response.status_code, 200, response.content[:300])

    def test_the_next_page_costs_what_the_first_did(self):
        first = self.client.get("/api/events/?page_size=10").json()
        with self.assertNumQueries(4):
            second = self.client.get(first["next"]).json()
        self.assertEqual(len(second["results"]), 10)
        self.assertGreater(Passage.objects.count(), 50)


class FilterSetCopyTests(ApiTestCase):
    def test_each_request_filters_with_its_own_copies(self):
        first, second = EventFilter({"q": "crash"}), EventFilter({"source": "raisi.txt"})
        for filterset in (first, second):
            for name, filter_ in filterset.filters.items():
                with self.subTest(name=name):
                    self.assertIs(filter_.parent, filterset)
                    if filter_.method is not None:
                        self.assertIs(filter_.filter.f, filter_)
        self.assertIsNot(first.filters["q"], second.filters["q"])
        self.assertIsNot(first.form.fields["q"], second.form.fields["q"])
        bad = EventFilter({"date_after": "soon", "precision": "eon"})
        self.assertEqual(set(bad.errors), {"date_after", "precision"})
        self.assertTrue(EventFilter({"date_after": "2024"}).is_valid())
        self.assertEqual([event.slug for event in first.qs], ["raisi-crash"])
