"""Writing through the API: who may, ETags against lost updates, and the checks on input."""

from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from events.models import (
    Actor,
    Citation,
    DateMention,
    Event,
    EventActor,
    Passage,
    Source,
    Tombstone,
)
from tests.base import RAISI_TEXT, ApiTestCase

NEW_EVENT = {
    "title": "Raisi's funeral in Tabriz",
    "event_type": "statement",
    "date": "2024-05-21",
    "status": "published",
}


class PermissionTests(ApiTestCase):
    def request(self, user, method: str, path: str, data=None):
        self.client.force_authenticate(user)
        headers = {}
        if method in ("put", "patch", "delete") and user is not None:
            headers["If-Match"] = self.client.get(path).headers.get("ETag", '"none"')
        return getattr(self.client, method)(path, data, format="json", headers=headers)

    def test_the_permission_matrix(self):
        actor = f"/api/actors/{self.iran.slug}/"
        event = f"/api/events/{self.war.pk}/"
        writes = [
            ("post", "/api/events/", NEW_EVENT),
            ("patch", event, {"title": "War in Gaza and Lebanon"}),
            ("put", actor, {"name": "Islamic Republic of Iran", "kind": "state", "slug": "iran"}),
            ("post", "/api/actors/", {"name": "Hamas", "kind": "armed-group"}),
            ("post", "/api/event-types/", {"slug": "protest", "name": "Protest"}),
            ("delete", event, None),
        ]
        for method, path, data in writes:
            with self.subTest("anonymous", method=method, path=path):
                self.assertError(self.request(None, method, path, data), 401)
            with self.subTest("reader", method=method, path=path):
                self.assertError(self.request(self.reader, method, path, data), 403)
            with self.subTest("curator", method=method, path=path):
                response = self.request(self.curator, method, path, data)
                self.assertIn(response.status_code, (200, 201, 204), response.content[:300])

    def test_everyone_reads(self):
        paths = [
            "/api/events/",
            f"/api/events/{self.crash.pk}/",
            "/api/actors/",
            "/api/actors/isis/",
            f"/api/actors/{self.isis.pk}/",
            "/api/sources/",
            f"/api/sources/{self.source.pk}/",
            "/api/passages/",
            f"/api/passages/{self.crash_passage.pk}/",
            "/api/event-types/",
            "/api/event-types/death/",
            "/api/timeline/",
            "/api/deletions/",
        ]
        for user in (None, self.reader, self.curator):
            for path in paths:
                with self.subTest(user=str(user), path=path):
                    self.client.force_authenticate(user)
                    self.assertEqual(self.client.get(path).status_code, 200)

    def test_a_draft_is_hidden_from_readers_everywhere(self):
        for user in (None, self.reader):
            self.client.force_authenticate(user)
            with self.subTest(user=str(user)):
                self.assertError(self.client.get(f"/api/events/{self.draft.pk}/"), 404)
                isis = self.client.get("/api/actors/isis/").json()
                self.assertEqual(isis["event_count"], 1)
        self.client.force_authenticate(self.curator)
        self.assertEqual(self.client.get(f"/api/events/{self.draft.pk}/").status_code, 200)
        self.assertEqual(self.client.get("/api/actors/isis/").json()["event_count"], 2)

    def test_passages_are_read_only(self):
        self.client.force_authenticate(self.curator)
        response = self.client.patch(f"/api/passages/{self.crash_passage.pk}/", {"text": "x"})
        self.assertError(response, 405)

    def test_a_token_authenticates(self):
        response = self.client.post(
            "/api/token/", {"username": "curator", "password": "curator-password-1"}
        )
        token = response.json()["token"]
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        self.assertEqual(self.client.post("/api/events/", NEW_EVENT).status_code, 201)
        self.client.credentials(HTTP_AUTHORIZATION="Token wrong")
        self.assertError(self.client.get("/api/events/"), 401)

    def test_a_wrong_password_gets_no_token(self):
        response = self.client.post("/api/token/", {"username": "curator", "password": "guess"})
        self.assertError(response, 400)


class ETagTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.curator)
        self.path = f"/api/events/{self.crash.pk}/"

    def test_a_change_needs_if_match(self):
        for method in ("put", "patch", "delete"):
            with self.subTest(method):
                response = getattr(self.client, method)(self.path, {"title": "x"})
                body = self.assertError(response, 428)
                self.assertIn("If-Match", body["message"])
        self.assertTrue(Event.objects.filter(pk=self.crash.pk, title=self.crash.title).exists())

    def test_a_stale_etag_is_refused_and_nothing_is_lost(self):
        tag = self.client.get(self.path)["ETag"]
        first = self.client.patch(self.path, {"title": "First"}, headers={"If-Match": tag})
        self.assertEqual(first.status_code, 200)
        self.assertNotEqual(first["ETag"], tag)
        second = self.client.patch(self.path, {"title": "Second"}, headers={"If-Match": tag})
        self.assertError(second, 412)
        self.assertEqual(Event.objects.get(pk=self.crash.pk).title, "First")
        third = self.client.patch(
            self.path, {"title": "Third"}, headers={"If-Match": first["ETag"]}
        )
        self.assertEqual(third.json()["title"], "Third")

    def test_changes_through_the_api_are_in_the_history_with_who_made_them(self):
        token = Token.objects.create(user=self.curator)
        self.client.force_authenticate(None)
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        tag = self.client.get(self.path)["ETag"]
        body = {"title": "Renamed", "actors": [{"slug": "isis", "role": "actor"}]}
        self.assertEqual(
            self.client.patch(self.path, body, headers={"If-Match": tag}).status_code, 200
        )
        latest = Event.objects.get(pk=self.crash.pk).history.first()
        self.assertEqual((latest.title, latest.history_user), ("Renamed", self.curator))
        added = EventActor.history.get(event_id=self.crash.pk, actor_id=self.isis.pk)
        self.assertEqual((added.history_type, added.history_user), ("+", self.curator))

    def test_a_wildcard_is_not_a_version(self):
        response = self.client.delete(self.path, headers={"If-Match": "*"})
        self.assertError(response, 428)
        self.assertTrue(Event.objects.filter(pk=self.crash.pk).exists())

    def test_a_delete_with_the_current_etag_removes_the_event_and_its_citations(self):
        tag = self.client.get(self.path)["ETag"]
        self.assertEqual(self.client.delete(self.path, headers={"If-Match": tag}).status_code, 204)
        self.assertFalse(Event.objects.filter(pk=self.crash.pk).exists())
        self.assertFalse(Citation.objects.filter(event_id=self.crash.pk).exists())

    def test_the_etag_changes_when_an_actor_is_edited(self):
        path = "/api/actors/iran/"
        tag = self.client.get(path)["ETag"]
        response = self.client.patch(path, {"aliases": ["IRI"]}, headers={"If-Match": tag})
        self.assertEqual(response.json()["aliases"], ["IRI"])
        self.assertError(self.client.patch(path, {"aliases": []}, headers={"If-Match": tag}), 412)


class EventWriteTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.curator)

    def create(self, **fields):
        return self.client.post("/api/events/", {**NEW_EVENT, **fields})

    def test_an_event_is_created_with_its_actors_and_citations(self):
        response = self.create(
            actors=[
                {"slug": "ebrahim-raisi", "role": "subject"},
                {"id": self.iran.pk, "role": "actor"},
            ],
            citations=[{"passage": self.crash_passage.pk, "quote": "The news was confirmed"}],
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(response["Location"], body["url"])
        self.assertEqual(body["date_display"], "21 May 2024")
        self.assertEqual({a["slug"] for a in body["actors"]}, {"ebrahim-raisi", "iran"})
        event = Event.objects.get(pk=body["id"])
        citation = event.citations.get()
        self.assertEqual(
            self.crash_passage.text[citation.start : citation.end], "The news was confirmed"
        )
        self.assertEqual(event.slug, "2024-05-21-raisis-funeral-in-tabriz")

    def test_writing_the_lists_replaces_them(self):
        path = f"/api/events/{self.meeting.pk}/"
        body = self.client.get(path).json()
        citation_id = body["citations"][0]["id"]
        body["actors"] = [{"slug": "syria", "role": "visitor"}]
        body["citations"].append({"passage": self.meeting_passage.pk, "quote": "condolences"})
        response = self.client.put(path, body, headers={"If-Match": self.client.get(path)["ETag"]})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual([a["slug"] for a in response.json()["actors"]], ["syria"])
        self.assertEqual(len(response.json()["citations"]), 2)
        self.assertIn(citation_id, [c["id"] for c in response.json()["citations"]])

    def test_bad_input_is_a_400_naming_the_field_and_nothing_is_written(self):
        cases = [
            ({"date": "2024-13"}, "date"),
            ({"date": "May 2024"}, "date"),
            ({"date": "2024-02-30"}, "date"),
            ({"event_type": "picnic"}, "event_type"),
            ({"title": ""}, "title"),
            ({"title": "x" * 400}, "title"),
            ({"status": "secret"}, "status"),
            ({"latitude": 35.7}, "latitude"),
            ({"latitude": 135, "longitude": 51}, "latitude"),
            ({"actors": [{"slug": "nobody", "role": "actor"}]}, "actors.0.slug"),
            ({"actors": [{"slug": "iran", "role": "hero"}]}, "actors.0.role"),
            ({"actors": [{"role": "actor"}]}, "actors.0.slug"),
            (
                {"citations": [{"passage": self.crash_passage.pk, "quote": "not in it"}]},
                "citations.0.quote",
            ),
            (
                {
                    "citations": [
                        {"passage": self.crash_passage.pk, "quote": "killed", "start": 0, "end": 6}
                    ]
                },
                "citations.0.quote",
            ),
            ({"citations": [{"passage": 999999, "quote": "x"}]}, "citations.0.passage"),
            (
                {
                    "citations": [
                        {"passage": self.crash_passage.pk, "quote": "killed", "stance": "reports"}
                    ]
                },
                "citations.0.claimant",
            ),
            ({"title": "nul \x00 byte"}, "title"),
        ]
        before = Event.objects.count()
        for fields, name in cases:
            with self.subTest(name, fields=str(fields)[:60]):
                self.assertError(self.create(**fields), 400, name)
        self.assertEqual(Event.objects.count(), before)

    def test_a_bad_change_leaves_the_event_as_it_was(self):
        path = f"/api/events/{self.meeting.pk}/"
        tag = self.client.get(path)["ETag"]
        response = self.client.patch(
            path,
            {"title": "Changed", "citations": [{"passage": self.crash_passage.pk, "quote": "no"}]},
            headers={"If-Match": tag},
        )
        self.assertError(response, 400, "citations.0.quote")
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.title, "Assad meets Khamenei")
        self.assertEqual(self.meeting.citations.count(), 1)

    def test_a_body_that_is_not_json_is_a_400(self):
        response = self.client.generic(
            "POST", "/api/events/", "{not json", content_type="application/json"
        )
        self.assertError(response, 400)


class OtherWriteTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_authenticate(self.curator)

    def etag(self, path):
        return {"If-Match": self.client.get(path)["ETag"]}

    def test_a_new_source_is_split_into_passages(self):
        text = "First paragraph.\n\nSecond, on 3 May 2024.\n"
        response = self.client.post(
            "/api/sources/",
            {"title": "Note", "file_name": "note.txt", "text": text, "published": "2024-05"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["passage_count"], 2)
        source = Source.objects.get(file_name="note.txt")
        self.assertEqual(
            [p.text for p in source.passages.all()], ["First paragraph.", "Second, on 3 May 2024."]
        )

    def test_a_new_publication_date_re_dates_the_sources_relative_dates(self):
        text = "Talks\nOn Thursday, Iran and Syria met.\n"
        response = self.client.post(
            "/api/sources/",
            {"title": "Talks", "file_name": "talks.txt", "text": text, "published": "2025-03-07"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        path = f"/api/sources/{response.json()['id']}/"
        mentions = DateMention.objects.filter(passage__source__file_name="talks.txt")
        self.assertEqual(list(mentions.values_list("value", flat=True)), ["2025-03-06"])
        response = self.client.patch(path, {"published": "2025-03-14"}, headers=self.etag(path))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(list(mentions.values_list("value", flat=True)), ["2025-03-13"])

    def test_a_source_keeps_its_text_and_refuses_duplicates(self):
        path = f"/api/sources/{self.source.pk}/"
        response = self.client.patch(path, {"text": "Something else"}, headers=self.etag(path))
        self.assertError(response, 400, "text")
        response = self.client.post(
            "/api/sources/", {"title": "Copy", "file_name": "copy.txt", "text": RAISI_TEXT}
        )
        body = self.assertError(response, 400, "text")
        self.assertIn("raisi.txt", body["message"])
        response = self.client.patch(path, {"published": "2024-31-01"}, headers=self.etag(path))
        self.assertError(response, 400, "published")

    def test_a_cited_source_cannot_be_deleted(self):
        path = f"/api/sources/{self.source.pk}/"
        body = self.assertError(self.client.delete(path, headers=self.etag(path)), 409)
        self.assertIn("2 citations. Remove those references", body["message"])
        self.assertTrue(Passage.objects.filter(source=self.source).exists())

    def test_an_actor_in_events_cannot_be_deleted(self):
        path = "/api/actors/iran/"
        self.assertError(self.client.delete(path, headers=self.etag(path)), 409)
        self.assertTrue(Actor.objects.filter(slug="iran").exists())

    def test_a_conflict_names_no_records_the_caller_may_not_see(self):
        self.client.force_authenticate(self.reader)
        self.reader.user_permissions.add(Permission.objects.get(codename="delete_eventtype"))
        path = "/api/event-types/statement/"
        body = self.assertError(self.client.delete(path, headers=self.etag(path)), 409)
        self.assertNotIn("Unreviewed report", body["message"])
        self.assertIn("6 events", body["message"])

    def test_new_actors_get_unique_slugs_whatever_their_name(self):
        cases = [("Iran", "iran-2"), ("ايران", "actor"), ("إيران", "actor-2")]
        for name, slug in cases:
            with self.subTest(name):
                response = self.client.post("/api/actors/", {"name": name, "kind": "state"})
                self.assertEqual(response.json()["slug"], slug)
        self.assertEqual(self.client.get("/api/actors/").status_code, 200)

    def test_an_actor_is_found_by_slug_before_id(self):
        numbered = Actor.objects.create(slug=str(self.iran.pk), name="Number", kind="state")
        self.assertEqual(self.client.get(f"/api/actors/{self.iran.pk}/").json()["id"], numbered.pk)
        self.assertEqual(self.client.get(f"/api/actors/{self.syria.pk}/").json()["slug"], "syria")

    def test_a_user_who_may_only_add_events_can_add_a_draft(self):
        self.reader.user_permissions.add(Permission.objects.get(codename="add_event"))
        self.client.force_authenticate(self.reader)
        response = self.client.post("/api/events/", {**NEW_EVENT, "status": "draft"})
        self.assertEqual(response.status_code, 201, response.content)

    def test_an_actor_is_created_with_aliases(self):
        response = self.client.post(
            "/api/actors/",
            {"name": "Hezbollah", "kind": "armed-group", "aliases": ["Hizbullah", "hizbullah"]},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["slug"], "hezbollah")
        self.assertEqual(response.json()["aliases"], ["Hizbullah"])
        self.assertEqual(
            self.client.get("/api/actors/?q=hizb").json()["results"][0]["name"], "Hezbollah"
        )

    def test_an_actors_demonym_is_one_capitalised_word(self):
        cases = [  # demonym, status
            ("Israeli", 201),
            ("", 201),
            ("israeli", 400),
            ("Israeli forces", 400),
            ("ISRAELI", 400),
        ]
        for demonym, status in cases:
            with self.subTest(demonym):
                body = {"name": f"State {demonym or 'none'}", "kind": "state", "demonym": demonym}
                response = self.client.post("/api/actors/", body)
                if status == 400:
                    self.assertError(response, 400, "demonym")
                else:
                    self.assertEqual(response.status_code, 201, response.content)
                    self.assertEqual(response.json()["demonym"], demonym)


class DeletionFeedTests(ApiTestCase):
    def test_deleted_and_withdrawn_events_are_listed_for_sync(self):
        since = self.client.get("/api/events/").json()["results"][0]["updated"]
        self.client.force_authenticate(self.curator)
        path = f"/api/events/{self.war.pk}/"
        self.client.delete(path, headers={"If-Match": self.client.get(path)["ETag"]})
        path = f"/api/events/{self.pipeline.pk}/"
        self.client.patch(
            path, {"status": "draft"}, headers={"If-Match": self.client.get(path)["ETag"]}
        )
        self.draft.delete()
        self.client.force_authenticate(None)
        body = self.client.get("/api/deletions/", {"since": since}).json()
        removed = {(r["resource"], r["key"], r["reason"]) for r in body["results"]}
        self.assertEqual(removed, {("event", "war", "deleted"), ("event", "pipeline", "withdrawn")})
        self.client.force_authenticate(self.curator)
        body = self.client.get("/api/deletions/", {"since": since, "resource": "event"}).json()
        self.assertIn(
            ("event", "draft", "deleted"),
            {(r["resource"], r["key"], r["reason"]) for r in body["results"]},
        )

    def test_a_bulk_status_change_withdraws_published_events(self):
        Event.objects.filter(slug__in=["war", "draft"]).update(status="reviewed")
        self.assertEqual(
            list(Tombstone.objects.values_list("key", "reason")), [("war", "withdrawn")]
        )
