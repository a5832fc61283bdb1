"""The curators' admin: read sources with what was found in them, turn passages into events
or attach them to existing ones, date them, publish, merge duplicates, and see and revert
every change (django-simple-history)."""

import math
from datetime import datetime
from typing import NamedTuple

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from simple_history.admin import SimpleHistoryAdmin

from events.curation import Draft, draft_from
from events.highlight import Mark, highlight
from events.mentions import refresh_mentions
from events.models import (
    Actor,
    ActorAlias,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventType,
    Passage,
    Source,
)
from events.throttles import LoginThrottle


class ReadOnlyMixin:
    """Records made by ingest, shown but not edited: they are found again from the text."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Passages as curators read them


def new_event_url(passage: Passage, mention: DateMention | None = None) -> str:
    """The add-event form, filled from the passage or from the sentence around a mention."""
    return reverse("admin:events_event_add") + "?" + draft_query(passage, mention)


def attach_url(passage: Passage, mention: DateMention | None = None) -> str:
    query = f"?mention={mention.pk}" if mention else ""
    return reverse("admin:events_passage_attach", args=[passage.pk]) + query


def draft_query(passage: Passage, mention: DateMention | None) -> str:
    params = {"passage": passage.pk}
    if mention is not None:
        params["mention"] = mention.pk
    return urlencode(params)


def passage_marks(passage: Passage) -> list[Mark]:
    dates = [
        Mark(
            m.start,
            m.end,
            "date",
            m.value,
            beside=True,
            href=new_event_url(passage, m) if m.dates_an_event else "",
            key=f"date-{m.pk}",
        )
        for m in passage.date_mentions.all()
    ]
    actors = [
        Mark(m.start, m.end, "actor", m.actor.name, key=f"actor-{m.pk}")
        for m in passage.actor_mentions.all()
    ]
    return dates + actors


def passage_reading(passage: Passage) -> SafeString:
    """A passage with its mentions marked, what to do with it, and the events citing it.
    Expects date_mentions, actor_mentions (with actor) and citations (with event) prefetched."""
    actions = format_html(
        '<a href="{}">create event from this passage</a> · '
        '<a href="{}">attach this passage to an event</a>',
        new_event_url(passage),
        attach_url(passage),
    )
    dated = [m for m in passage.date_mentions.all() if m.dates_an_event]
    date_actions = format_html_join(
        "",
        '<li>“{}” → {}: <a href="{}">create event</a> · <a href="{}">attach to an event</a></li>',
        ((m.text, m.edtf, new_event_url(passage, m), attach_url(passage, m)) for m in dated),
    )
    return format_html(
        '<section class="passage" id="p{}"><p class="passage-text">{}</p>'
        '<p class="passage-actions">¶{} · <a href="{}">passage</a> · {}</p>'
        '<ul class="passage-dates">{}</ul>{}</section>',
        passage.number,
        highlight(passage.text, passage_marks(passage)),
        passage.number,
        reverse("admin:events_passage_change", args=[passage.pk]),
        actions,
        date_actions,
        citing_events(passage),
    )


def citing_events(passage: Passage) -> SafeString:
    events = {citation.event.pk: citation for citation in passage.citations.all()}.values()
    if not events:
        return mark_safe("")
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>{}',
        (
            (
                reverse("admin:events_event_change", args=[c.event.pk]),
                str(c.event),
                " (suggested)" if c.suggested else "",
            )
            for c in events
        ),
    )
    return format_html('<p class="passage-events">Cited by: {}</p>', links)


def passages_for_reading():
    return Passage.objects.prefetch_related(
        "date_mentions",
        Prefetch("actor_mentions", queryset=ActorMention.objects.select_related("actor")),
        Prefetch("citations", queryset=Citation.objects.select_related("event")),
    )


CURATION_MEDIA = forms.Media(css={"all": ["events/admin.css"]})


# Sources


def count_of(queryset, column: str, distinct: str = "") -> Coalesce:
    """A correlated count of ``queryset``'s rows (or of its distinct ``distinct`` values),
    which unlike a joined count does not multiply with other joins."""
    total = Count(distinct, distinct=True) if distinct else Count("*")
    counted = queryset.order_by().values(column).annotate(total=total).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "outlet", "published", "passage_count", "event_count"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "outlet", "author", "file_name"]
    readonly_fields = [
        "file_name",
        "content_hash",
        "published_start",
        "published_end",
        "published_precision",
        "created",
        "updated",
        "reading",
    ]
    fieldsets = [
        (None, {"fields": ["title", "kind", "outlet", "author", "url", "language"]}),
        (
            "Publication",
            {"fields": ["published", ("published_start", "published_end", "published_precision")]},
        ),
        ("About the source", {"fields": ["dating", "provenance", "stance"]}),
        ("Record", {"fields": ["file_name", "content_hash", "created", "updated"]}),
        ("Text, passage by passage", {"fields": ["reading"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    media = CURATION_MEDIA
    actions = ["find_mentions_again"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.mention_changes:  # a new publication date or kind re-dates relative dates
            self.message_user(request, f"Dates found again: {obj.mention_changes}.")

    @admin.action(
        description="Find the dates and actors mentioned again (after adding actors, aliases or "
        "demonyms)",
        permissions=["change"],
    )
    def find_mentions_again(self, request, queryset):
        matcher = Actor.objects.name_matcher()
        sources = list(queryset.order_by("pk"))
        changed = [
            f"{source.file_name}, {changes}"
            for source in sources
            if (changes := refresh_mentions(source, matcher=matcher))
        ]
        noun = "source" if len(sources) == 1 else "sources"
        summary = "; ".join(changed) or "nothing changed"
        self.message_user(request, f"Mentions found again in {len(sources)} {noun}: {summary}.")

    def get_queryset(self, request):
        passages = Passage.objects.filter(source=OuterRef("pk"))
        citations = Citation.objects.filter(passage__source=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                passage_total=count_of(passages, "source"),
                event_total=count_of(citations, "passage__source", distinct="event"),
            )
        )

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, source):
        return source.passage_total

    @admin.display(description="events", ordering="event_total")
    def event_count(self, source):
        return source.event_total

    @admin.display(description="passages with the dates and actors found in them")
    def reading(self, source):
        passages = passages_for_reading().filter(source=source)
        return format_html_join("", "{}", ((passage_reading(p),) for p in passages))


# Passages and mentions


class DateMentionInline(ReadOnlyMixin, admin.TabularInline):
    model = DateMention
    fields = ["start", "end", "text", "type", "value", "anchor", "edtf", "start_date", "end_date"]
    readonly_fields = fields
    extra = 0


class ActorMentionInline(ReadOnlyMixin, admin.TabularInline):
    model = ActorMention
    fields = ["start", "end", "text", "actor"]
    readonly_fields = fields
    extra = 0


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "number", "start", "end"]
    list_filter = ["source"]
    search_fields = ["text", "source__title"]
    fields = ["source", "number", "start", "end", "reading"]
    readonly_fields = fields
    list_select_related = ["source"]
    inlines = [DateMentionInline, ActorMentionInline]
    media = CURATION_MEDIA

    @admin.display(description="text, with the dates and actors found in it")
    def reading(self, passage):
        return passage_reading(passages_for_reading().get(pk=passage.pk))

    def get_urls(self):
        attach = path(
            "<int:pk>/attach/",
            self.admin_site.admin_view(self.attach_view),
            name="events_passage_attach",
        )
        return [attach, *super().get_urls()]

    def attach_view(self, request, pk):
        """Choose the event a passage (or the sentence around a mention) is evidence of;
        the event's form then opens with the citation and any new actors filled in."""
        if not request.user.has_perm("events.change_event"):
            raise PermissionDenied
        passage = get_object_or_404(Passage.objects.select_related("source"), pk=pk)
        draft = draft_from_request(request, passage)
        search = request.GET.get("q", "").strip()
        query = draft_query(passage, draft.mention)
        candidates = [
            (event, reverse("admin:events_event_change", args=[event.pk]) + "?" + query)
            for event in draft.candidates(search)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Attach a passage to an event",
            "opts": self.opts,
            "passage": passage,
            "draft": draft,
            "search": search,
            "candidates": candidates,
            "mention_id": draft.mention.pk if draft.mention else "",
        }
        return TemplateResponse(request, "admin/events/passage/attach.html", context)


def draft_from_request(request, passage: Passage | None = None) -> Draft | None:
    """The draft named by the request's ?passage= and ?mention=, or None; remembered on the
    request, since the event form and each inline ask for it."""
    if not hasattr(request, "curation_draft"):
        request.curation_draft = None
        passage_id = passage.pk if passage else request.GET.get("passage", "")
        mention_id = request.GET.get("mention", "")
        if str(passage_id).isdigit():
            passage = passage or get_object_or_404(Passage, pk=passage_id)
            mention = None
            if mention_id.isdigit():
                mention = get_object_or_404(DateMention, pk=mention_id, passage=passage)
            request.curation_draft = draft_from(passage, mention)
    return request.curation_draft


@admin.register(DateMention)
class DateMentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["text", "type", "value", "anchor", "edtf", "passage", "curate"]
    list_filter = ["type", "anchor"]
    search_fields = ["text", "value"]
    date_hierarchy = "start_date"
    list_select_related = ["passage__source"]

    @admin.display(description="curate")
    def curate(self, mention):
        if not mention.dates_an_event:
            return "—"
        return format_html(
            '<a href="{}">create event</a> · <a href="{}">attach</a>',
            new_event_url(mention.passage, mention),
            attach_url(mention.passage, mention),
        )


@admin.register(ActorMention)
class ActorMentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["text", "actor", "passage"]
    search_fields = ["text", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor", "passage__source"]


# Merging duplicates


def merge(modeladmin, request, queryset, describe):
    """The merge action: a page to choose the record to keep, then ``kept.absorb(others)``.
    ``describe`` gives a line about each record, so the curator can tell them apart."""
    records = list(queryset)
    noun = modeladmin.opts.verbose_name_plural
    if len(records) < 2:
        modeladmin.message_user(request, f"Select at least two {noun} to merge.", messages.ERROR)
        return None
    kept_id = request.POST.get("kept", "")
    kept = next((r for r in records if str(r.pk) == kept_id), None)
    if "confirm" in request.POST and kept is not None:
        others = [r for r in records if r is not kept]
        kept.absorb(others)
        removed = ", ".join(str(r) for r in others)
        modeladmin.message_user(request, f"Merged into “{kept}”; removed: {removed}.")
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {noun}",
        "opts": modeladmin.opts,
        "records": [(record, describe(record)) for record in records],
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "noun": noun,
        "missing_choice": "confirm" in request.POST,
    }
    return TemplateResponse(request, "admin/events/merge.html", context)


# Actors


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["name"]
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "alias_list", "event_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name", "demonym"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    actions = ["merge_actors"]

    def get_queryset(self, request):
        links = EventActor.objects.filter(actor=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(event_total=count_of(links, "actor", distinct="event"))
            .prefetch_related("aliases")
        )

    @admin.display(description="events", ordering="event_total")
    def event_count(self, actor):
        return actor.event_total

    @admin.display(description="aliases")
    def alias_list(self, actor):
        return ", ".join(alias.name for alias in actor.aliases.all())

    @admin.action(description="Merge selected actors…", permissions=["change", "delete"])
    def merge_actors(self, request, queryset):
        return merge(self, request, queryset.prefetch_related("aliases"), describe_actor)


def describe_actor(actor: Actor) -> str:
    aliases = ", ".join(alias.name for alias in actor.aliases.all()) or "no aliases"
    return f"{actor.get_kind_display()}; {aliases}; {actor.event_total} events"


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


# Events


class PrefilledRowForm(forms.ModelForm):
    """An inline row filled in from a passage is saved as it stands: Django would otherwise
    take an unchanged extra row for an untouched empty one and drop it."""

    def has_changed(self):
        return super().has_changed() or (self.instance.pk is None and bool(self.initial))


class PrefilledInline:
    """An inline that adds a row for each row the request's draft fills in."""

    def draft_rows(self, request, obj) -> list[dict]:
        """The initial values of the rows the request's draft fills in (none here)."""
        return []

    def get_extra(self, request, obj=None, **kwargs):
        return max(super().get_extra(request, obj, **kwargs), len(self.draft_rows(request, obj)))


class EventActorInline(PrefilledInline, admin.TabularInline):
    model = EventActor
    form = PrefilledRowForm
    autocomplete_fields = ["actor"]
    extra = 0

    def draft_rows(self, request, obj):
        draft = draft_from_request(request)
        return draft.actor_initial(obj if obj and obj.pk else None) if draft else []


class CitationInline(PrefilledInline, admin.StackedInline):
    model = Citation
    form = PrefilledRowForm
    fk_name = "event"
    autocomplete_fields = ["passage", "claimant"]
    fields = [
        "passage",
        "quote",
        ("start", "end"),
        ("stance", "claimant", "attribution"),
        "note",
        "suggested",
    ]
    extra = 0

    def draft_rows(self, request, obj):
        draft = draft_from_request(request)
        if draft is None:
            return []
        if obj and obj.pk:
            cited = obj.citations.filter(passage=draft.passage, start=draft.span.start)
            if cited.filter(end=draft.span.end).exists():
                return []
        return [draft.citation_initial()]


def version_of(event: Event) -> str:
    return event.updated.isoformat()


class EventForm(forms.ModelForm):
    """The event form, refusing a save over a version saved since the form was opened."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set on the form class the history's revert view builds (EventAdmin.get_form).
    reverting = False

    class Meta:
        model = Event
        fields = [
            *("title", "slug", "summary", "event_type", "status"),
            *("date", "date_basis", "date_note", "location", "latitude", "longitude"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The version of the values shown, read with them: a version read apart from
            # them could be of a save made in between, which this form would then undo.
            # Reverting shows an old version's values: its version is the current one,
            # so that the revert is refused, like any save, if the event changes after.
            current = self.instance
            if self.reverting:
                current = Event.objects.filter(pk=self.instance.pk).first()
            self.fields["version"].initial = version_of(current) if current else ""
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Made from the date and title when left blank."

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_version(cleaned.get("version", ""))
        return cleaned

    def check_version(self, opened: str) -> None:
        # The admin saves inside a transaction: the lock holds until this save commits.
        current = Event.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError("This event has been deleted since you opened it.")
        if version_of(current) == opened:
            return
        newer = current.history.first()
        who = f" by {newer.history_user}" if newer and newer.history_user else ""
        link = reverse("admin:events_event_simple_history", args=[current.pk, newer.pk])
        raise ValidationError(
            format_html(
                "Someone saved this event after you opened it ({}{}), so your changes were "
                'not saved. They are still in this form. <a href="{}">See the newer '
                "version</a>, then open the event again and make your changes there.",
                f"{current.updated:%Y-%m-%d %H:%M:%S}",
                who,
                link,
            ),
            code="stale",
        )


class ActorFilter(admin.SimpleListFilter):
    title = "actor"
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        involved = Actor.objects.filter(event_roles__isnull=False).distinct()
        return involved.order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(event_actors__actor__slug=self.value()).distinct()
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(source.pk, source.title[:80]) for source in Source.objects.order_by("title")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(citations__passage__source=self.value()).distinct()
        return queryset


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventForm

    list_display = [
        "title",
        "date_display",
        "precision",
        "event_type",
        "status",
        "actor_list",
        "citation_count",
    ]
    list_filter = ["status", "event_type", "precision", ActorFilter, SourceFilter, "date_basis"]
    search_fields = [
        "title",
        "summary",
        "slug",
        "actors__name",
        "actors__aliases__name",
        "citations__quote",
    ]
    date_hierarchy = "start_date"
    readonly_fields = ["date_meaning"]
    list_select_related = ["event_type"]
    inlines = [EventActorInline, CitationInline]
    actions = ["publish", "mark_reviewed", "send_back_to_draft", "merge_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "event_type", "status", "version"]}),
        ("Date", {"fields": ["date", "date_meaning", "date_basis", "date_note"]}),
        ("Place", {"fields": ["location", ("latitude", "longitude")]}),
    ]

    def get_queryset(self, request):
        citations = Citation.objects.filter(event=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(citation_total=count_of(citations, "event"))
            .prefetch_related("actors")
        )

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, event):
        return event.citation_total

    @admin.display(description="date", ordering="start_date")
    def date_display(self, event):
        return event.date_display

    @admin.display(description="actors")
    def actor_list(self, event):
        return ", ".join(sorted({actor.name for actor in event.actors.all()}))

    @admin.display(description="what the date means")
    def date_meaning(self, event):
        return explain_date(event.date) if event.date else "—"

    # Filling in the form from a passage

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name in ("passage", "mention"):
            initial.pop(name, None)  # not the event's fields: they name the draft
        draft = draft_from_request(request)
        return {**initial, **draft.event_initial()} if draft else initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        match = request.resolver_match
        if match and match.url_name == "events_event_simple_history":
            form = type(form.__name__, (form,), {"reverting": True})
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, PrefilledInline):
            kwargs["initial"] = inline.draft_rows(request, obj)
        return kwargs

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.message_user(request, f"Date {explain_date(obj.date)}.", messages.INFO)

    # Review

    @admin.action(description="Publish selected events", permissions=["change"])
    def publish(self, request, queryset):
        self.set_status(request, queryset, Event.Status.PUBLISHED)

    @admin.action(description="Mark selected events reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self.set_status(request, queryset, Event.Status.REVIEWED)

    @admin.action(description="Send selected events back to draft", permissions=["change"])
    def send_back_to_draft(self, request, queryset):
        self.set_status(request, queryset, Event.Status.DRAFT)

    def set_status(self, request, queryset, status: str) -> None:
        """Save each event with the new status, so that the history records who did it."""
        changed = 0
        with transaction.atomic():
            for event in queryset.select_for_update().exclude(status=status):
                event.status = status
                event._history_user = request.user
                event.save()
                changed += 1
        noun = "event" if changed == 1 else "events"
        self.message_user(request, f"{changed} {noun} now {Event.Status(status).label.lower()}.")

    @admin.action(description="Merge selected events…", permissions=["change", "delete"])
    def merge_events(self, request, queryset):
        queryset = queryset.prefetch_related("actors", "citations__passage__source")
        return merge(self, request, queryset, describe_event)

    # History of the event's actors and citations beside its own

    def history_view(self, request, object_id, extra_context=None):
        related = related_history(object_id)
        extra_context = {**(extra_context or {}), "related_history": related}
        return super().history_view(request, object_id, extra_context)

    object_history_template = "admin/events/event/object_history.html"


def explain_date(value: str) -> str:
    return f"{value}: {Event(date=value).date_explained}"


def describe_event(event: Event) -> str:
    actors = ", ".join(actor.name for actor in event.actors.all()) or "no actors"
    sources = {c.passage.source.title for c in event.citations.all()}
    return (
        f"{event.date_display}; {event.get_status_display()}; {actors}; "
        f"{len(event.citations.all())} citations from {len(sources)} sources"
    )


class RelatedChange(NamedTuple):
    when: datetime
    kind: str  # "actor" or "citation"
    what: str
    change: str  # Created, Changed or Deleted
    user: object
    reason: str


def related_history(event_id) -> list[RelatedChange]:
    """Changes to an event's actors and citations, newest first, for its history page."""
    if not str(event_id).isdigit():
        return []
    links = list(EventActor.history.filter(event_id=event_id).select_related("history_user"))
    names = dict(Actor.objects.filter(pk__in={r.actor_id for r in links}).values_list("pk", "name"))
    citations = Citation.history.filter(event_id=event_id).select_related("history_user")
    rows = [
        *(change(r, "actor", f"{names.get(r.actor_id, r.actor_id)} ({r.role})") for r in links),
        *(change(r, "citation", f"“{r.quote[:120]}”") for r in citations),
    ]
    return sorted(rows, key=lambda row: row.when, reverse=True)


def change(record, kind: str, what: str) -> RelatedChange:
    return RelatedChange(
        when=record.history_date,
        kind=kind,
        what=what,
        change=record.get_history_type_display(),
        user=record.history_user,
        reason=record.history_change_reason or "",
    )


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    """Citations are edited with their event; here they can be found, and their history
    seen and reverted, even once deleted."""

    list_display = ["__str__", "event", "stance", "suggested"]
    list_filter = ["stance", "suggested"]
    search_fields = ["quote", "event__title"]
    autocomplete_fields = ["event", "passage", "claimant"]
    list_select_related = ["event", "passage__source"]


def throttled_login(request, extra_context=None):
    """The admin's sign-in, limited per client address by the same count as /api/token/,
    so a password cannot be guessed faster through one than through the other."""
    if request.method == "POST":
        throttle = LoginThrottle()
        if not throttle.allow_request(request, None):
            wait = math.ceil(throttle.wait() or 1)
            context = {**admin.site.each_context(request), "wait": wait}
            response = TemplateResponse(request, "admin/login_throttled.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
    return admin.site.login(request, extra_context)
