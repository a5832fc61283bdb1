"""The public pages through Django's test client: what each shows, and the filters."""

from django.test import Client

from events.ingest import add_source
from events.models import Citation, Event
from tests.base import ApiTestCase


class PageTestCase(ApiTestCase):
    client_class = Client

    def event_ids(self, response) -> list[int]:
        return [event.pk for event in response.context["events"]]


class TimelinePageTests(PageTestCase):
    def test_the_home_page_is_the_timeline_of_published_events_in_order(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        published = Event.objects.published().order_by("start_date", "end_date", "id")
        self.assertEqual(self.event_ids(response), [e.pk for e in published])
        self.assertNotContains(response, "Unreviewed report")
        self.assertContains(response, '<a href="/api/docs/">API</a>', html=True)

    def test_curators_see_drafts_marked_as_such(self):
        self.client.force_login(self.curator)
        response = self.client.get("/")
        self.assertIn(self.draft.pk, self.event_ids(response))
        self.assertContains(response, '<span class="status">Draft</span>', html=True)

    def test_events_are_grouped_by_year_and_month_where_their_date_starts(self):
        years = {y["label"]: y for y in self.client.get("/").context["years"]}
        self.assertEqual([e.pk for e in years["2014"]["events"]], [self.caliphate.pk])
        months = {m["label"]: [e.pk for e in m["events"]] for m in years["2024"]["months"]}
        self.assertEqual(months["May 2024"], [self.crash.pk, self.meeting.pk])
        self.assertEqual(months["September 2024"], [self.warnings.pk])

    def test_each_event_shows_its_date_precision_actors_and_quotes(self):
        response = self.client.get("/")
        self.assertContains(response, '<time datetime="2024-09/2024-11">Sep–Nov 2024</time>')
        self.assertContains(response, 'class="precision precision-range"')
        self.assertContains(
            response,
            '<span class="precision precision-approximate" title="approximate date">approx.</span>',
            html=True,
        )
        self.assertContains(response, '<a href="/actors/syria/">Syria</a>', html=True)
        passage = self.crash_passage
        self.assertContains(response, f'href="/sources/{passage.source_id}/#p{passage.number}"')
        self.assertContains(response, "<q>killed in his helicopter crash on May 19</q>", html=True)

    def test_filters_from_the_address(self):
        cases = [
            ("actor=syria", [self.meeting, self.warnings]),
            ("actor=Syrian+Arab+Republic", [self.meeting, self.warnings]),  # an alias
            ("date_after=2024-06&date_before=2024-12", [self.war, self.warnings]),
            ("date_after=2024-05&date_before=2024-05&actor=iran", [self.meeting]),
            ("event_type=death", [self.crash]),
            ("q=helicopter", [self.crash]),
            ("actor=syria&event_type=&q=&date_after=", [self.meeting, self.warnings]),
        ]
        for query, expected in cases:
            with self.subTest(query):
                response = self.client.get(f"/?{query}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.event_ids(response), [e.pk for e in expected])

    def test_the_filter_bar_shows_the_state_of_the_address(self):
        response = self.client.get("/?actor=syria&date_after=2024-05&q=met&lanes=actor")
        self.assertContains(response, '<option value="syria" selected>Syria</option>', html=True)
        self.assertContains(response, 'name="date_after" value="2024-05"')
        self.assertContains(response, 'name="q" type="search" value="met"')
        self.assertContains(
            response, '<input type="radio" name="lanes" value="actor" checked>', html=True
        )

    def test_the_same_events_are_a_link_away_as_json(self):
        response = self.client.get("/?actor=syria&lanes=actor")
        api = self.client.get(response.context["api_url"], HTTP_ACCEPT="application/json")
        self.assertEqual([e["id"] for e in api.json()["results"]], self.event_ids(response))

    def test_bad_filters_are_a_400_naming_what_is_wrong(self):
        for query, field in [
            ("date_after=2024-13", "date_after"),
            ("date_after=2025&date_before=2024", "date_before"),
        ]:
            with self.subTest(query):
                response = self.client.get(f"/?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, f"<li>{field}:", status_code=400)
                self.assertEqual(response.context["events"], [])

    def test_the_visual_timeline_draws_each_precision_as_what_it_means(self):
        layout = self.client.get("/?date_after=2024&date_before=2024").context["layout"]
        marks = {mark.item.key: mark for lane in layout.lanes for mark in lane.marks}
        self.assertEqual(marks[self.crash.pk].shape, "point")
        self.assertEqual(marks[self.warnings.pk].shape, "range")
        self.assertTrue(marks[self.war.pk].open_end)
        layout = self.client.get("/?date_after=1982&date_before=1982").context["layout"]
        (pipeline,) = [mark for lane in layout.lanes for mark in lane.marks]
        self.assertEqual(pipeline.shape, "span")
        self.assertIn("mark-qualified", pipeline.css)
        # April 1982 is drawn over all of April: 30 of the year's 365 days.
        plot = layout.plot_end - layout.gutter
        self.assertAlmostEqual(pipeline.width, plot * 30 / 365, places=6)

    def test_lanes_by_actor_give_an_event_a_lane_for_each_actor(self):
        layout = self.client.get("/?lanes=actor&date_after=2024-09&date_before=2024-11").context[
            "layout"
        ]
        # Lanes come in the order of their first event.
        self.assertEqual([lane.name for lane in layout.lanes], ["no actor", "Iran", "Syria"])
        self.assertEqual(
            [[m.item.key for m in lane.marks] for lane in layout.lanes],
            [[self.war.pk], [self.warnings.pk], [self.warnings.pk]],
        )


class ActorPageTests(PageTestCase):
    def test_an_actor_page_shows_the_actor_and_only_their_events(self):
        response = self.client.get("/actors/syria/")
        self.assertContains(response, "<h1>Syria</h1>", html=True)
        self.assertContains(response, "Also: Syrian Arab Republic")
        self.assertEqual(self.event_ids(response), [self.meeting.pk, self.warnings.pk])
        filtered = self.client.get("/actors/syria/?date_after=2024-09")
        self.assertEqual(self.event_ids(filtered), [self.warnings.pk])

    def test_an_unknown_actor_is_a_404(self):
        self.assertEqual(self.client.get("/actors/nobody/").status_code, 404)


class SourcePageTests(PageTestCase):
    def test_a_source_reads_passage_by_passage_with_anchors_and_citing_events(self):
        Citation.objects.create(event=self.draft, passage=self.crash_passage, quote="The news")
        response = self.client.get(f"/sources/{self.source.pk}/")
        for passage in self.passages:
            self.assertContains(response, f'id="p{passage.number}"')
        self.assertContains(response, f'href="/events/{self.crash.pk}/"')
        self.assertNotContains(response, f'href="/events/{self.draft.pk}/"')  # a draft

    def test_mentions_found_at_ingest_are_marked(self):
        source, _ = add_source(
            {
                "title": "t",
                "file_name": "t.txt",
                "text": "Iran met Syria on 3 March 2025.\n",
                "published": "2025-03-05",
            }
        )
        response = self.client.get(f"/sources/{source.pk}/")
        self.assertContains(response, 'class="mention-date" title="2025-03-03"')
        self.assertContains(response, '<a href="/actors/syria/">Syria</a>')

    def test_an_unknown_source_is_a_404(self):
        self.assertEqual(self.client.get("/sources/999999/").status_code, 404)


class EventPageTests(PageTestCase):
    def test_an_event_shows_its_citations_in_context(self):
        response = self.client.get(f"/events/{self.crash.pk}/")
        self.assertContains(response, "<h1>Raisi killed in helicopter crash</h1>", html=True)
        self.assertContains(response, "<code>2024-05-19</code>: 19 May 2024, one day", html=True)
        self.assertContains(
            response,
            '<mark class="mention-quote" title="quoted" data-mention="">'
            "killed in his helicopter crash on May 19</mark>",
        )
        self.assertContains(
            response, f'href="/sources/{self.source.pk}/#p{self.crash_passage.number}"'
        )

    def test_an_event_links_to_the_events_before_and_after_it_of_each_actor(self):
        response = self.client.get(f"/events/{self.meeting.pk}/")
        by_actor = {
            actor.slug: (earlier, later) for actor, earlier, later in response.context["neighbours"]
        }
        self.assertEqual(by_actor["syria"], (None, self.warnings))
        self.assertEqual(by_actor["iran"], (None, self.warnings))
        response = self.client.get(f"/events/{self.warnings.pk}/")
        by_actor = {
            actor.slug: (earlier, later) for actor, earlier, later in response.context["neighbours"]
        }
        self.assertEqual(by_actor["syria"], (self.meeting, None))

    def test_drafts_are_not_shown_to_readers(self):
        self.assertEqual(self.client.get(f"/events/{self.draft.pk}/").status_code, 404)
        self.client.force_login(self.curator)
        self.assertContains(self.client.get(f"/events/{self.draft.pk}/"), "Draft")
