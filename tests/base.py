"""A small named cast of test data, shared by the tests that need a database."""

from django.test import TestCase

from events.models import Actor, ActorAlias, Citation, Event, EventActor, EventType, Source

RAISI_TEXT = (
    "Helicopter crash\n"
    "President Ibrahim Raisi was killed in his helicopter crash on May 19, along with 7 other "
    "people.\u00a0The news was confirmed on Monday.\n"
    "\n"
    "Assad met Khamenei on Thursday, offering “condolences”.\n"
)


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
