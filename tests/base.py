"""A small named cast of test data, shared by the tests that need a database."""

import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from rest_framework.test import APIClient

from events import search
from events.models import Actor, ActorAlias, Citation, Event, EventActor, EventType, Source

RAISI_TEXT = (
    "Helicopter crash\n"
    "President Ibrahim Raisi was killed in his helicopter crash on May 19, along with 7 other "
    "people.\u00a0The news was confirmed on Monday.\n"
    "\n"
    "Assad met Khamenei on Thursday, offering “condolences”.\n"
)

PASSWORD = "a curator's passphrase 42"

# Every search that matches anything is made by walking the events (see events/search.py).
WALKING = mock.patch.object(search, "common_threshold", lambda events: 1)


def make_curator(username: str):
    """A curator made as an administrator would: with ``createcurator``."""
    with mock.patch.dict(os.environ, {"CURATOR_PASSWORD": PASSWORD}):
        call_command("createcurator", username, stdout=StringIO())
    return get_user_model().objects.get(username=username)


class TimelineTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = Source.objects.create(
            title="Helicopter crash",
            kind=Source.Kind.NEWS_ARTICLE,
            file_name="raisi.txt",
            text=RAISI_TEXT,
            published="2024-05-31",
        )
        cls.passages = cls.source.build_passages()
        for passage in cls.passages:
            passage.save()
        cls.crash_passage, cls.meeting_passage = cls.passages[1], cls.passages[2]
        cls.raisi = Actor.objects.create(slug="ebrahim-raisi", name="Ebrahim Raisi", kind="person")
        ActorAlias.objects.create(actor=cls.raisi, name="Ibrahim Raisi")
        cls.isis = Actor.objects.create(slug="isis", name="Islamic State", kind="armed-group")
        for alias in ["ISIS", "DAESH", "ISIL"]:
            ActorAlias.objects.create(actor=cls.isis, name=alias)
        cls.death = EventType.objects.get(slug="death")
        cls.crash = Event.objects.create(
            slug="raisi-crash",
            title="Raisi killed in helicopter crash",
            event_type=cls.death,
            date="2024-05-19",
            date_basis=Event.DateBasis.STATED,
            status=Event.Status.PUBLISHED,
        )
        EventActor.objects.create(event=cls.crash, actor=cls.raisi, role="victim")
        Citation.objects.create(
            event=cls.crash,
            passage=cls.crash_passage,
            quote="killed in his helicopter crash on May 19",
        )


class ApiTestCase(TimelineTestCase):
    """The named cast, with events at every precision and the three kinds of user."""

    client_class = APIClient

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.iran = Actor.objects.create(slug="iran", name="Iran", kind="state")
        cls.syria = Actor.objects.create(slug="syria", name="Syria", kind="state")
        ActorAlias.objects.create(actor=cls.syria, name="Syrian Arab Republic")
        statement = EventType.objects.get(slug="statement")
        cls.warnings = cls.make_event(
            "warnings", "2024-09/2024-11", "Iranian warnings to Syria", statement
        )
        cls.warnings.set_actors([(cls.iran, "speaker"), (cls.syria, "target")])
        cls.meeting = cls.make_event("meeting", "2024-05-30", "Assad meets Khamenei", statement)
        cls.meeting.set_actors([(cls.syria, "visitor"), (cls.iran, "host")])
        cls.meeting.location = "Tehran, Iran"
        cls.meeting.save()
        Citation.objects.create(
            event=cls.meeting, passage=cls.meeting_passage, quote="Assad met Khamenei on Thursday"
        )
        cls.caliphate = cls.make_event("caliphate", "2014", "Caliphate proclaimed", statement)
        cls.caliphate.set_actors([(cls.isis, "actor")])
        cls.pipeline = cls.make_event("pipeline", "1982-04~", "Pipeline shut", statement)
        cls.war = cls.make_event("war", "2023-10-07/..", "War in Gaza", statement)
        cls.draft = cls.make_event(
            "draft", "2024-10-15", "Unreviewed report", statement, status=Event.Status.DRAFT
        )
        cls.draft.set_actors([(cls.isis, "actor")])
        users = get_user_model().objects
        cls.reader = users.create_user("reader", password="reader-password-1")
        cls.curator = users.create_user("curator", password="curator-password-1")
        cls.curator.user_permissions.set(
            Permission.objects.filter(content_type__app_label="events")
        )

    @classmethod
    def make_event(cls, slug, date, title, event_type, status=Event.Status.PUBLISHED):
        return Event.objects.create(
            slug=slug,
            title=title,
            event_type=event_type,
            date=date,
            date_basis=Event.DateBasis.CURATOR,
            status=status,
        )

    @classmethod
    def make_day_events(cls, prefix: str, count: int) -> list[Event]:
        """``count`` published events in January 2001, each with Iran and Syria as actors
        and one citation of the crash passage."""
        events = Event.objects.bulk_create(
            Event(
                slug=f"{prefix}-{n}",
                title=f"{prefix.title()} {n}",
                event_type=cls.warnings.event_type,
                date=f"2001-01-{n % 28 + 1:02d}",
                date_basis="curator",
                status="published",
            )
            for n in range(count)
        )
        EventActor.objects.bulk_create(
            EventActor(event=event, actor=actor, role="actor")
            for event in events
            for actor in (cls.iran, cls.syria)
        )
        Citation.objects.bulk_create(
            Citation(event=event, passage=cls.crash_passage, quote="crash", start=40, end=45)
            for event in events
        )
        return events

    def setUp(self):
        cache.clear()  # throttling counts live in the cache

    def slugs(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200, response.content[:500])
        return [event["slug"] for event in response.json()["results"]]

    def assertError(self, response, status: int, field: str | None = None) -> dict:
        """The response is an error of our one shape, naming ``field`` if given."""
        self.assertEqual(response.status_code, status, response.content[:500])
        body = response.json()
        self.assertEqual(set(body), {"status", "code", "message", "errors"})
        self.assertEqual(body["status"], status)
        self.assertTrue(body["message"])
        if field is not None:
            self.assertIn(field, body["errors"])
            self.assertIn(field, body["message"])
        return body
