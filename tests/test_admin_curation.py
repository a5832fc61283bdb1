"""Curation in the admin: every action driven through the admin's own views, checking what
lands in the database, history included."""

import os
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from events.ingest import add_source
from events.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventType,
    Tombstone,
)
from tests.base import PASSWORD, make_curator

TEXT = (
    "Damascus agreement\n"
    "On 3 March 2025, Iran and Syria signed a defence agreement in Damascus. "
    "Officials called it historic.\n"
    "A day later, Hezbollah welcomed the agreement between Iran and Syria.\n"
)


def form_data(response) -> dict:
    """What a browser would post back from an admin form page, unchanged: the main form
    and every inline, with their management forms."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def form_errors(response) -> str:
    """The errors of an admin form page that did not save, for failure messages."""
    if response.status_code != 200 or response.context is None:
        return ""
    errors = [response.context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
    errors += [
        inline.formset.non_form_errors() for inline in response.context["inline_admin_formsets"]
    ]
    return repr(errors)


class CurationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.iran = Actor.objects.create(slug="iran", name="Iran", kind="state")
        cls.syria = Actor.objects.create(slug="syria", name="Syria", kind="state")
        cls.hezbollah = Actor.objects.create(slug="hezbollah", name="Hezbollah", kind="armed-group")
        cls.source, _ = add_source(
            {
                "title": "Damascus agreement",
                "kind": "news-article",
                "file_name": "damascus.txt",
                "text": TEXT,
                "published": "2025-03-05",
            },
            propose_drafts=False,
        )
        cls.signing = DateMention.objects.get(text="3 March 2025")
        cls.day_later = DateMention.objects.get(text="A day later")
        cls.statement = EventType.objects.get(slug="statement")
        cls.curator = make_curator("curator")

    def setUp(self):
        self.client.force_login(self.curator)

    def make_event(self, title, date, *actors, status=Event.Status.DRAFT) -> Event:
        event = Event.objects.create(
            title=title,
            date=date,
            date_basis=Event.DateBasis.STATED,
            event_type=self.statement,
            status=status,
        )
        event.set_actors([(actor, "actor") for actor in actors])
        return event

    def change_url(self, record) -> str:
        return reverse(f"admin:events_{record._meta.model_name}_change", args=[record.pk])

    def messages(self, response) -> list[str]:
        return [str(message) for message in get_messages(response.wsgi_request)]

    def run_action(self, model: str, action: str, records, **extra):
        return self.client.post(
            reverse(f"admin:events_{model}_changelist"),
            {"action": action, "_selected_action": [r.pk for r in records], **extra},
        )


class CreateAndAttachTests(CurationTestCase):
    def test_an_event_made_from_a_date_mention_is_filled_in_from_its_sentence(self):
        url = reverse("admin:events_event_add") + (
            f"?passage={self.signing.passage_id}&mention={self.signing.pk}"
        )
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        data = form_data(page)
        self.assertEqual(data["date"], "2025-03-03")
        response = self.client.post(url, {**data, "_save": "Save"})
        self.assertEqual(response.status_code, 302, form_errors(response))

        event = Event.objects.get(date="2025-03-03")
        sentence = "On 3 March 2025, Iran and Syria signed a defence agreement in Damascus."
        self.assertEqual(event.title, sentence.rstrip("."))
        self.assertEqual(event.status, Event.Status.DRAFT)
        self.assertEqual(event.date_basis, Event.DateBasis.STATED)
        self.assertEqual(set(event.actors.all()), {self.iran, self.syria})
        citation = event.citations.get()
        self.assertEqual(citation.quote, sentence)
        self.assertEqual(citation.passage.text[citation.start : citation.end], sentence)
        record = event.history.get()
        self.assertEqual((record.history_type, record.history_user), ("+", self.curator))
        self.assertEqual(Citation.history.get(id=citation.pk).history_user, self.curator)

    def test_an_event_made_from_the_start_of_a_range_is_dated_by_the_range(self):
        fields = {"title": "Drills", "kind": "news-article", "file_name": "drills.txt"}
        text = "Drills\nIran and Syria held drills in Sep–Nov 2024.\n"
        source, _ = add_source(
            {**fields, "text": text, "published": "2024-12-12"}, propose_drafts=False
        )
        start = DateMention.objects.get(passage__source=source, text="Sep")
        url = reverse("admin:events_event_add") + (
            f"?passage={start.passage_id}&mention={start.pk}"
        )
        data = form_data(self.client.get(url))
        self.assertEqual(data["date"], "2024-09/2024-11")
        self.assertIn("“Sep–Nov 2024” stated in the text", data["date_note"])

    def test_an_event_made_from_a_whole_passage_quotes_it_and_takes_its_first_date(self):
        passage = self.signing.passage
        url = reverse("admin:events_event_add") + f"?passage={passage.pk}"
        data = form_data(self.client.get(url))
        self.assertEqual(data["date"], "2025-03-03")
        self.assertEqual(data["citations-0-quote"], passage.text)
        self.client.post(url, {**data, "_save": "Save"})
        self.assertEqual(Event.objects.get().citations.get().quote, passage.text)

    def test_attaching_a_passage_offers_matching_events_and_fills_in_the_citation(self):
        event = self.make_event("Defence agreement signed", "2025-03", self.iran)
        unrelated = self.make_event("Earlier talks", "2024-01", self.iran)
        passage = self.day_later.passage
        attach = reverse("admin:events_passage_attach", args=[passage.pk])
        page = self.client.get(f"{attach}?mention={self.day_later.pk}")
        candidates = [candidate for candidate, url in page.context["candidates"]]
        self.assertEqual(candidates, [event])  # overlapping 4 March 2025, sharing Iran
        searched = self.client.get(f"{attach}?mention={self.day_later.pk}&q=talks")
        self.assertEqual([e for e, url in searched.context["candidates"]], [unrelated])

        url = dict(page.context["candidates"])[event]
        data = form_data(self.client.get(url))
        response = self.client.post(url, {**data, "_save": "Save"})
        self.assertEqual(response.status_code, 302, form_errors(response))
        quote = "A day later, Hezbollah welcomed the agreement between Iran and Syria."
        self.assertEqual(event.citations.get().quote, quote)
        # The actors the sentence names that the event lacked are added with it.
        self.assertEqual(set(event.actors.all()), {self.iran, self.syria, self.hezbollah})
        self.assertEqual(EventActor.history.filter(history_user=self.curator).count(), 2)

    def test_a_quote_that_is_not_in_the_passage_is_refused_with_the_reason(self):
        url = reverse("admin:events_event_add") + f"?passage={self.signing.passage_id}"
        data = form_data(self.client.get(url))
        data["citations-0-quote"] = "Iran and Syria signed a trade deal"
        data["citations-0-start"] = data["citations-0-end"] = ""
        response = self.client.post(url, {**data, "_save": "Save"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The quote does not occur in")
        self.assertFalse(Event.objects.exists())


class DateFieldTests(CurationTestCase):
    def save_date(self, event: Event, date: str):
        data = form_data(self.client.get(self.change_url(event)))
        return self.client.post(self.change_url(event), {**data, "date": date, "_continue": "1"})

    def test_saving_says_what_the_date_means(self):
        event = self.make_event("Warnings", "2024")
        response = self.save_date(event, "2024-09/2024-11")
        self.assertIn(
            "Date 2024-09/2024-11: 1 Sep 2024 to 30 Nov 2024, range of months.",
            self.messages(response),
        )
        page = self.client.get(self.change_url(event))
        self.assertContains(page, "2024-09/2024-11: 1 Sep 2024 to 30 Nov 2024, range of months")
        event.refresh_from_db()
        self.assertEqual((event.start_date.isoformat(), event.precision), ("2024-09-01", "range"))

    def test_an_invalid_date_is_refused_with_the_reason(self):
        event = self.make_event("Warnings", "2024")
        for date, reason in [
            ("2024-13", "month"),
            ("Sept 2024", "spaces are not allowed"),
            ("2017-33", "level 2"),
        ]:
            with self.subTest(date):
                response = self.save_date(event, date)
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["date"]
                self.assertIn(reason, " ".join(errors))
        event.refresh_from_db()
        self.assertEqual(event.date, "2024")
        self.assertEqual(event.history.count(), 1)


class ReviewActionTests(CurationTestCase):
    def test_status_actions_save_each_event_with_its_history(self):
        first = self.make_event("First", "2025-03-03")
        second = self.make_event("Second", "2025-03-04")
        for action, status in [
            ("mark_reviewed", Event.Status.REVIEWED),
            ("publish", Event.Status.PUBLISHED),
            ("send_back_to_draft", Event.Status.DRAFT),
        ]:
            with self.subTest(action):
                self.run_action("event", action, [first, second])
                for event in (first, second):
                    event.refresh_from_db()
                    self.assertEqual(event.status, status)
                    latest = event.history.first()
                    self.assertEqual((latest.status, latest.history_user), (status, self.curator))
        # Sent back from published: syncing readers are told it left the public record.
        withdrawn = Tombstone.objects.filter(reason="withdrawn", object_id__in=[first.pk])
        self.assertTrue(withdrawn.exists())

    def test_merging_events_moves_citations_and_actors_to_the_kept_one(self):
        kept = self.make_event("Agreement signed", "2025-03-03", self.iran)
        duplicate = self.make_event("Iran–Syria defence pact", "2025-03", self.iran, self.syria)
        passage = self.signing.passage
        Citation.objects.create(event=kept, passage=passage, quote="Iran and Syria signed")
        Citation.objects.create(event=duplicate, passage=passage, quote="Iran and Syria signed")
        Citation.objects.create(event=duplicate, passage=passage, quote="called it historic")

        page = self.run_action("event", "merge_events", [kept, duplicate])
        self.assertContains(page, "Choose the event to keep")
        self.assertEqual(Event.objects.count(), 2)  # nothing happens before the choice
        self.run_action("event", "merge_events", [kept, duplicate], confirm="yes", kept=kept.pk)

        self.assertFalse(Event.objects.filter(pk=duplicate.pk).exists())
        quotes = sorted(kept.citations.values_list("quote", flat=True))
        self.assertEqual(quotes, ["Iran and Syria signed", "called it historic"])
        self.assertEqual(set(kept.actors.all()), {self.iran, self.syria})
        deleted = Event.history.get(id=duplicate.pk, history_type="-")
        self.assertEqual(deleted.history_user, self.curator)
        moved = Citation.history.filter(event_id=kept.pk, history_type="~")
        self.assertEqual(moved.get().quote, "called it historic")

    def test_merging_needs_two_events(self):
        event = self.make_event("Alone", "2025")
        response = self.run_action("event", "merge_events", [event], follow=True)
        self.assertIn("Select at least two events to merge.", self.messages(response))

    def test_merging_actors_moves_their_links_mentions_claims_and_names(self):
        duplicate = Actor.objects.create(slug="hizbullah", name="Hizbullah", kind="armed-group")
        ActorAlias.objects.create(actor=duplicate, name="Party of God")
        both = self.make_event("Both", "2025-03", self.hezbollah, duplicate)
        only = self.make_event("Only the duplicate", "2025-02", duplicate)
        claim = Citation.objects.create(
            event=only,
            passage=self.day_later.passage,
            quote="Hezbollah welcomed",
            stance="reports",
            claimant=duplicate,
        )
        mention = ActorMention.objects.filter(actor=self.hezbollah).first()
        mention.actor = duplicate
        mention.save()

        confirm = {"confirm": "yes", "kept": self.hezbollah.pk}
        self.run_action("actor", "merge_actors", [self.hezbollah, duplicate], **confirm)

        self.assertFalse(Actor.objects.filter(pk=duplicate.pk).exists())
        self.assertEqual(list(both.actors.all()), [self.hezbollah])
        self.assertEqual(list(only.actors.all()), [self.hezbollah])
        claim.refresh_from_db()
        self.assertEqual(claim.claimant, self.hezbollah)
        mention.refresh_from_db()
        self.assertEqual(mention.actor, self.hezbollah)
        aliases = set(self.hezbollah.aliases.values_list("name", flat=True))
        self.assertEqual(aliases, {"Hizbullah", "Party of God"})
        self.assertEqual(
            Actor.history.get(id=duplicate.pk, history_type="-").history_user, self.curator
        )

    def test_merging_actors_gives_the_kept_one_a_demonym_it_lacks(self):
        cases = [  # the kept actor's demonym, the duplicate's, the kept one's after
            ("", "Persian", "Persian"),
            ("Iranian", "Persian", "Iranian"),
        ]
        for kept, duplicate, expected in cases:
            with self.subTest(kept=kept, duplicate=duplicate):
                Actor.objects.filter(pk=self.iran.pk).update(demonym=kept)
                persia = Actor.objects.create(
                    slug="persia", name="Persia", kind="state", demonym=duplicate
                )
                confirm = {"confirm": "yes", "kept": self.iran.pk}
                self.run_action("actor", "merge_actors", [self.iran, persia], **confirm)
                self.iran.refresh_from_db()
                self.assertEqual(self.iran.demonym, expected)


class ConcurrencyTests(CurationTestCase):
    def test_a_save_over_a_newer_version_is_refused_and_both_versions_are_kept(self):
        event = self.make_event("Agreement signed", "2025-03-03", self.iran)
        url = self.change_url(event)
        other = make_curator("other")
        mine = form_data(self.client.get(url))  # I open the event...

        self.client.force_login(other)  # ...someone else opens it and saves first
        theirs = form_data(self.client.get(url))
        self.client.post(url, {**theirs, "title": "Their title", "_save": "Save"})

        self.client.force_login(self.curator)
        response = self.client.post(url, {**mine, "title": "My title", "_save": "Save"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone saved this event after you opened it")
        self.assertContains(response, 'value="My title"')  # my changes are still in the form
        newest = event.history.first()
        self.assertContains(
            response, reverse("admin:events_event_simple_history", args=[event.pk, newest.pk])
        )
        event.refresh_from_db()
        self.assertEqual(event.title, "Their title")
        titles = list(event.history.order_by("history_date").values_list("title", "history_user"))
        self.assertEqual(titles, [("Agreement signed", None), ("Their title", other.pk)])

    def test_a_save_over_the_version_opened_goes_through(self):
        event = self.make_event("Agreement signed", "2025-03-03")
        url = self.change_url(event)
        data = form_data(self.client.get(url))
        self.client.post(url, {**data, "title": "Renamed", "_continue": "1"})
        data = form_data(self.client.get(url))
        self.client.post(url, {**data, "title": "Renamed again", "_continue": "1"})
        event.refresh_from_db()
        self.assertEqual(event.title, "Renamed again")
        self.assertEqual(event.history.count(), 3)


class MentionRefreshTests(CurationTestCase):
    def test_an_actor_added_later_is_found_by_the_source_action(self):
        damascus = Actor.objects.create(slug="damascus", name="Damascus", kind="other")
        response = self.run_action("source", "find_mentions_again", [self.source])
        self.assertEqual(
            self.messages(response),
            ["Mentions found again in 1 source: damascus.txt, actor mentions: 2 added, 0 removed."],
        )
        mentions = ActorMention.objects.filter(actor=damascus)
        self.assertEqual([m.passage.number for m in mentions], [1, 2])  # title, sentence
        response = self.run_action("source", "find_mentions_again", [self.source])
        self.assertEqual(
            self.messages(response)[-1], "Mentions found again in 1 source: nothing changed."
        )

    def test_a_new_publication_date_saved_in_the_admin_re_dates_relative_dates(self):
        source, _ = add_source(
            {
                "title": "Talks",
                "kind": "news-article",
                "file_name": "talks.txt",
                "text": "Talks\nOn Thursday, Iran and Syria met in Damascus.\n",
                "published": "2025-03-07",
            },
            propose_drafts=False,
        )
        self.assertEqual(DateMention.objects.get(passage__source=source).value, "2025-03-06")
        url = self.change_url(source)
        data = form_data(self.client.get(url))
        response = self.client.post(url, {**data, "published": "2025-03-14", "_continue": "1"})
        self.assertIn(
            "Dates found again: date mentions: 1 added, 1 removed.", self.messages(response)
        )
        self.assertEqual(DateMention.objects.get(passage__source=source).value, "2025-03-13")


class HistoryTests(CurationTestCase):
    def test_an_earlier_version_can_be_seen_and_restored(self):
        event = self.make_event("Agreement signed", "2025-03-03")
        url = self.change_url(event)
        data = form_data(self.client.get(url))
        self.client.post(url, {**data, "title": "Wrong title", "date": "2025", "_continue": "1"})
        history = self.client.get(reverse("admin:events_event_history", args=[event.pk]))
        self.assertContains(history, "Wrong title")
        first = event.history.last()
        revert = reverse("admin:events_event_simple_history", args=[event.pk, first.pk])
        data = form_data(self.client.get(revert))
        self.client.post(revert, {**data, "_save": "Save"})
        event.refresh_from_db()
        self.assertEqual((event.title, event.date), ("Agreement signed", "2025-03-03"))
        self.assertEqual(event.history.count(), 3)

    def test_a_deleted_citation_can_be_found_in_history_and_restored(self):
        event = self.make_event("Agreement signed", "2025-03-03")
        citation = Citation.objects.create(event=event, passage=self.signing.passage, quote="Iran")
        pk = citation.pk
        citation.delete()
        history = self.client.get(reverse("admin:events_citation_history", args=[pk]))
        self.assertEqual(history.status_code, 200)
        record = Citation.history.get(id=pk, history_type="+")
        revert = reverse("admin:events_citation_simple_history", args=[pk, record.pk])
        data = form_data(self.client.get(revert))
        self.client.post(revert, {**data, "_save": "Save"})
        self.assertEqual(Citation.objects.get(pk=pk).quote, "Iran")

    def test_an_events_history_page_lists_changes_to_its_actors_and_citations(self):
        event = self.make_event("Agreement signed", "2025-03-03", self.iran)
        Citation.objects.create(event=event, passage=self.signing.passage, quote="Iran")
        page = self.client.get(reverse("admin:events_event_history", args=[event.pk]))
        related = page.context["related_history"]
        changes = [(row.kind, row.change) for row in related]
        self.assertEqual(changes, [("citation", "Created"), ("actor", "Created")])
        self.assertContains(page, "Iran (actor)")
        self.assertContains(page, "“Iran”")


class CuratorRoleTests(TestCase):
    def test_the_curators_group_has_exactly_what_curating_needs(self):
        codenames = set(
            Group.objects.get(name="curators").permissions.values_list("codename", flat=True)
        )
        for model in ("event", "citation", "eventactor", "actor", "actoralias"):
            for action in ("view", "add", "change", "delete"):
                self.assertIn(f"{action}_{model}", codenames)
        self.assertLessEqual({"view_source", "add_source", "change_source"}, codenames)
        for missing in (
            "delete_source",
            "add_passage",
            "change_passage",
            "add_user",
            "change_group",
        ):
            self.assertNotIn(missing, codenames)

    def test_createcurator_takes_the_password_from_the_environment(self):
        user = make_curator("alice")
        self.assertTrue(user.is_staff)
        self.assertFalse(user.is_superuser)
        self.assertTrue(user.check_password(PASSWORD))
        self.assertTrue(user.has_perm("events.change_event"))
        self.assertFalse(user.has_perm("events.delete_source"))

    def test_createcurator_prompts_twice_and_has_no_default(self):
        answers = iter(["first passphrase 42", "other passphrase 42", PASSWORD, PASSWORD])
        with mock.patch("getpass.getpass", lambda prompt: next(answers)):
            call_command("createcurator", "bob", stdout=StringIO(), stderr=StringIO())
        self.assertTrue(get_user_model().objects.get(username="bob").check_password(PASSWORD))
        with self.assertRaisesMessage(CommandError, "Set CURATOR_PASSWORD"):
            call_command("createcurator", "carol", "--no-input", stdout=StringIO())
        self.assertFalse(get_user_model().objects.filter(username="carol").exists())

    def test_createcurator_refuses_a_weak_password(self):
        with mock.patch.dict(os.environ, {"CURATOR_PASSWORD": "12345"}):
            with self.assertRaisesMessage(CommandError, "Password refused"):
                call_command("createcurator", "dave", stdout=StringIO())
        self.assertFalse(get_user_model().objects.filter(username="dave").exists())

    def test_an_existing_account_is_made_a_curator_keeping_its_password(self):
        get_user_model().objects.create_user("erin", password="erin's own passphrase 7")
        call_command("createcurator", "erin", "--no-input", stdout=StringIO())
        erin = get_user_model().objects.get(username="erin")
        self.assertTrue(erin.is_staff and erin.groups.filter(name="curators").exists())
        self.assertTrue(erin.check_password("erin's own passphrase 7"))
