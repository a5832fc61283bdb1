"""The API side of ingestion: adding a source proposes events; passages show and filter by
what they mention; suggested citations are for curators' eyes only."""

from contextlib import nullcontext
from itertools import product

from events.ingest import add_source
from events.models import Citation, Event, Source
from tests.base import WALKING, ApiTestCase

NEWS = (
    "Ibrahim Raisi was killed on 19 May 2024.\n"
    "ISIS proclaimed its caliphate in 2014.\n"
    "Iran and Syria met again on 3 March 2023.\n"
)


class MentionApiTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.news, cls.findings = add_source(
            {"title": "News", "file_name": "news.txt", "text": NEWS, "published": "2024-06-01"}
        )
        cls.raisi_passage, cls.isis_passage, cls.talks_passage = cls.news.passages.all()

    def get(self, path: str, user=None) -> dict:
        self.client.force_authenticate(user)
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()

    def passage_numbers(self, query: str) -> list[int]:
        body = self.get(f"/api/passages/?source={self.news.pk}&{query}")
        return [passage["number"] for passage in body["results"]]


class SourceCreationTests(MentionApiTestCase):
    def test_ingesting_proposes_drafts_and_suggests_citations(self):
        self.assertEqual((self.findings.drafts_proposed, self.findings.citations_suggested), (1, 2))
        draft = Event.objects.get(date="2023-03-03")
        self.assertEqual((draft.status, draft.event_type.slug), ("draft", "unclassified"))
        self.assertEqual(set(draft.actors.values_list("slug", flat=True)), {"iran", "syria"})
        suggested = Citation.objects.filter(suggested=True).order_by("event__date")
        self.assertEqual([c.event for c in suggested], [self.caliphate, self.crash])

    def test_a_curator_adding_a_source_gets_what_ingest_found(self):
        self.client.force_authenticate(self.curator)
        text = "On 30 September 2015, Iran sent advisers to Syria. Iran said so.\n\nNothing else.\n"
        response = self.client.post(
            "/api/sources/",
            {"title": "Advisers", "file_name": "advisers.txt", "text": text, "published": "2016"},
            format="json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(
            body["ingest"],
            {
                "passages": 2,
                "date_mentions": 1,
                "actor_mentions": 3,
                "drafts_proposed": 1,
                "citations_suggested": 0,
            },
        )
        self.assertEqual(body["passage_count"], 2)
        event = Event.objects.get(date="2015-09-30")
        self.assertEqual(event.title, "On 30 September 2015, Iran sent advisers to Syria")
        self.assertEqual(event.citations.get().passage.source_id, body["id"])

    def test_an_html_source_is_stored_as_its_visible_text_as_ingest_stores_it(self):
        self.client.force_authenticate(self.curator)
        html = (
            "<!DOCTYPE html><html><head><title>Advisers arrive</title>"
            "<script>var published = '2019-01-01';</script></head>"
            "<body><p>On 30 September 2015, Iran sent advisers to Syria.</p>"
            "<p>Iran called it &ldquo;help&rdquo;.</p></body></html>"
        )
        response = self.client.post(
            "/api/sources/",
            {"title": "Advisers", "file_name": "advisers.html", "text": html, "published": "2016"},
            format="json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(
            body["text"],
            "On 30 September 2015, Iran sent advisers to Syria.\n\nIran called it “help”.\n",
        )
        self.assertEqual(body["passage_count"], 2)
        self.assertEqual(
            Event.objects.get(date="2015-09-30").title,
            "On 30 September 2015, Iran sent advisers to Syria",
        )

    def test_an_html_source_with_no_visible_text_is_refused(self):
        self.client.force_authenticate(self.curator)
        data = {"title": "X", "file_name": "x.html", "text": "<html><script>1</script></html>"}
        response = self.client.post("/api/sources/", data, format="json")
        self.assertError(response, 400)
        self.assertIn("The HTML shows no text.", str(response.json()))
        self.assertFalse(Source.objects.filter(file_name="x.html").exists())

    def test_only_curators_may_add_sources(self):
        data = {"title": "X", "file_name": "x.txt", "text": "Iran, on 1 May 2024."}
        for user, status in [(None, 401), (self.reader, 403)]:
            with self.subTest(user=str(user)):
                self.client.force_authenticate(user)
                self.assertError(self.client.post("/api/sources/", data, format="json"), status)
        self.assertFalse(Source.objects.filter(file_name="x.txt").exists())
        self.assertFalse(Event.objects.filter(date="2024-05-01").exists())


class SuggestedCitationVisibilityTests(MentionApiTestCase):
    def test_readers_do_not_see_suggested_citations_of_events(self):
        for user in (None, self.reader):
            with self.subTest(user=str(user)):
                event = self.get(f"/api/events/{self.crash.pk}/", user)
                self.assertEqual(len(event["citations"]), 1)
                self.assertNotIn(True, [c["suggested"] for c in event["citations"]])
                listed = self.get("/api/events/?q=caliphate", user)["results"]
                self.assertEqual([len(e["citations"]) for e in listed], [0])
        event = self.get(f"/api/events/{self.crash.pk}/", self.curator)
        self.assertEqual(
            [(c["quote"], c["suggested"]) for c in event["citations"]],
            [
                ("killed in his helicopter crash on May 19", False),
                ("Ibrahim Raisi was killed on 19 May 2024.", True),
            ],
        )

    def test_readers_do_not_see_events_a_passage_is_only_suggested_for(self):
        path = f"/api/passages/{self.raisi_passage.pk}/"
        self.assertEqual(self.get(path)["events"], [])
        curator_view = self.get(path, self.curator)["events"]
        self.assertEqual([e["id"] for e in curator_view], [self.crash.pk])

    def test_search_does_not_find_events_through_passages_only_suggested_for_them(self):
        text = "Ibrahim Raisi, who loved zeppelins, was killed on 19 May 2024.\n"
        add_source({"title": "Z", "file_name": "z.txt", "text": text, "published": "2024-06-01"})
        suggestion = Citation.objects.get(suggested=True, quote__contains="zeppelins")
        self.assertEqual(suggestion.event, self.crash)
        for user, walking in product((None, self.curator), (False, True)):
            with (
                self.subTest(user=str(user), walking=walking),
                WALKING if walking else nullcontext(),
            ):
                self.assertEqual(self.get("/api/events/?q=zeppelins", user)["results"], [])
        Citation.objects.filter(pk=suggestion.pk).update(suggested=False)
        found = self.get("/api/events/?q=zeppelins")["results"]
        self.assertEqual([e["id"] for e in found], [self.crash.pk])

    def test_readers_do_not_find_events_by_sources_only_suggested_for_them(self):
        path = f"/api/events/?source={self.news.pk}"
        self.assertEqual(self.slugs(self.client.get(path)), [])
        self.client.force_authenticate(self.curator)
        self.assertEqual(len(self.slugs(self.client.get(path))), 3)


class PassageMentionTests(MentionApiTestCase):
    def test_a_passage_shows_the_dates_and_actors_it_mentions(self):
        passage = self.get(f"/api/passages/{self.raisi_passage.pk}/")
        self.assertEqual(
            passage["date_mentions"],
            [
                {
                    "start": 28,
                    "end": 39,
                    "text": "19 May 2024",
                    "type": "DATE",
                    "value": "2024-05-19",
                    "anchor": "absolute",
                    "edtf": "2024-05-19",
                }
            ],
        )
        self.assertEqual(
            passage["actor_mentions"],
            [{"start": 0, "end": 13, "text": "Ibrahim Raisi", "actor": "ebrahim-raisi"}],
        )

    def test_passages_filter_by_the_actors_they_name(self):
        cases = [
            ("mentions_actor=ebrahim-raisi", [1]),
            (f"mentions_actor={self.raisi.pk}", [1]),
            ("mentions_actor=EBRAHIM%20RAISI", [1]),
            ("mentions_actor=daesh", [2]),
            ("mentions_actor=syrian%20arab%20republic", [3]),
            ("mentions_actor=iran&mentions_actor=isis", [2, 3]),
            ("mentions_actor=nobody", []),
        ]
        for query, expected in cases:
            with self.subTest(query):
                self.assertEqual(self.passage_numbers(query), expected)

    def test_passages_filter_by_the_dates_they_mention(self):
        cases = [
            ("mentions_date_after=2024-05", [1]),
            ("mentions_date_before=2014", [2]),
            ("mentions_date_after=2014-06&mentions_date_before=2014-06", [2]),
            ("mentions_date_after=2015&mentions_date_before=2023-03-03", [3]),
            ("mentions_date_after=2024-05-20", []),
            ("mentions_date_after=2014&mentions_actor=iran", [3]),
        ]
        for query, expected in cases:
            with self.subTest(query):
                self.assertEqual(self.passage_numbers(query), expected)

    def test_bad_date_filters_are_refused(self):
        cases = [
            ("mentions_date_after=2024-13", "mentions_date_after"),
            ("mentions_date_after=2024&mentions_date_before=2023", "mentions_date_before"),
        ]
        for query, field in cases:
            with self.subTest(query):
                self.assertError(self.client.get(f"/api/passages/?{query}"), 400, field)

    def test_the_passage_list_takes_the_same_queries_however_long_the_page(self):
        for size in (1, 100):
            with self.subTest(page_size=size), self.assertNumQueries(4):
                body = self.client.get(f"/api/passages/?page_size={size}").json()
            self.assertEqual(len(body["results"]), min(size, 6))
        self.assertTrue(any(p["actor_mentions"] for p in body["results"]))
