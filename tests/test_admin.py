from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from events.models import Actor, ActorMention, Event, Passage, Source


class AdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("bootstrap", stdout=StringIO())
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_the_admin_lists_the_seeded_data(self):
        cases = [
            ("source", "Iran’s role in Syria"),
            ("passage", "003_c7630da142b29633.txt ¶1"),
            ("actor", "Qasem Soleimani"),
            ("event", "Sep–Nov 2024"),
            ("eventtype", "Military operation"),
        ]
        for model, text in cases:
            with self.subTest(model):
                response = self.client.get(reverse(f"admin:events_{model}_changelist"))
                self.assertContains(response, text)

    def test_change_pages_open_for_each_kind_of_record(self):
        records = [
            Source.objects.first(),
            Passage.objects.first(),
            Actor.objects.first(),
            Event.objects.first(),
        ]
        for record in records:
            with self.subTest(type(record).__name__):
                url = reverse(f"admin:events_{record._meta.model_name}_change", args=[record.pk])
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_sources_passages_list_what_they_mention(self):
        mention = ActorMention.objects.filter(actor__slug="qasem-soleimani").first()
        source = mention.passage.source
        response = self.client.get(reverse("admin:events_source_change", args=[source.pk]))
        self.assertContains(response, "Dates and actors mentioned")
        self.assertContains(response, f"{mention.text} → Qasem Soleimani")

    def test_mentions_are_shown_read_only(self):
        for model in ("datemention", "actormention"):
            with self.subTest(model):
                changelist = reverse(f"admin:events_{model}_changelist")
                self.assertEqual(self.client.get(changelist).status_code, 200)
                add = self.client.get(reverse(f"admin:events_{model}_add"))
                self.assertEqual(add.status_code, 403)
        passage = Passage.objects.filter(date_mentions__isnull=False).first()
        response = self.client.get(reverse("admin:events_passage_change", args=[passage.pk]))
        self.assertContains(response, passage.date_mentions.first().text)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        response = self.client.get(reverse("admin:events_event_changelist"))
        self.assertRedirects(response, "/admin/login/?next=/admin/events/event/")
