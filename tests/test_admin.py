from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from events.models import Actor, ActorMention, DateMention, Event, Passage, Source


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

    def test_a_source_reads_passage_by_passage_with_mentions_marked(self):
        mention = ActorMention.objects.filter(actor__slug="qasem-soleimani").first()
        dated = DateMention.objects.get(text="December 15th")
        source = dated.passage.source
        response = self.client.get(reverse("admin:events_source_change", args=[source.pk]))
        self.assertContains(response, f'title="Qasem Soleimani" data-mention="actor-{mention.pk}"')
        create = f"/admin/events/event/add/?passage={dated.passage_id}&amp;mention={dated.pk}"
        self.assertContains(
            response,
            f'<mark class="mention-date" title="2015-12-15" data-mention="date-{dated.pk}">'
            f'<a href="{create}">December 15th</a></mark> '
            '<small class="mention-reading">[2015-12-15]</small>',
            html=True,
        )
        citing = Event.objects.filter(citations__passage=dated.passage).distinct()
        self.assertGreater(len(citing), 0)
        for event in citing:
            self.assertContains(response, reverse("admin:events_event_change", args=[event.pk]))

    def test_the_lists_show_counts_and_what_curators_sort_by(self):
        sources = self.client.get(reverse("admin:events_source_changelist"))
        rows = {s.file_name: s for s in sources.context["cl"].result_list}
        seed = rows["003_c7630da142b29633.txt"]
        self.assertEqual(seed.passage_total, 20)
        cited = Event.objects.filter(citations__passage__source=seed).distinct().count()
        self.assertEqual(seed.event_total, cited)
        actors = self.client.get(reverse("admin:events_actor_changelist") + "?q=Soleimani")
        (soleimani,) = actors.context["cl"].result_list
        self.assertEqual(soleimani.event_total, soleimani.events.distinct().count())
        self.assertContains(actors, "Qassem Soleimani")  # an alias, listed beside the name

    def test_event_filters_and_search(self):
        soleimani = Actor.objects.get(slug="qasem-soleimani")
        seed = Source.objects.get(file_name="003_c7630da142b29633.txt")
        cases = [
            ("status=published", Event.objects.filter(status="published")),
            ("precision=month", Event.objects.filter(precision="month")),
            ("start_date__year=2015", Event.objects.filter(start_date__year=2015)),
            ("actor=qasem-soleimani", Event.objects.filter(actors=soleimani)),
            (f"source={seed.pk}", Event.objects.filter(citations__passage__source=seed)),
            (
                "q=uprisings inside Iran",
                Event.objects.filter(citations__quote__contains="uprisings inside Iran"),
            ),
        ]
        for query, expected in cases:
            with self.subTest(query):
                response = self.client.get(reverse("admin:events_event_changelist") + "?" + query)
                found = {event.pk for event in response.context["cl"].queryset}
                self.assertEqual(found, set(expected.values_list("pk", flat=True)))
                self.assertTrue(found)
        # Actors are found by their aliases too.
        response = self.client.get(reverse("admin:events_event_changelist") + "?q=Qassem")
        found = {event.pk for event in response.context["cl"].queryset}
        self.assertLessEqual(set(soleimani.events.values_list("pk", flat=True)), found)

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
