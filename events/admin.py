from django.contrib import admin
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

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


class ReadOnlyMixin:
    """Records made by ingest, shown but not edited: they are found again from the text."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def listed_mentions(passage: Passage) -> str:
    """A passage's mentions, one per line: dates with their value, actors with their name."""
    dates = [(m.text, m.edtf or m.value) for m in passage.date_mentions.all()]
    actors = [(m.text, m.actor.name) for m in passage.actor_mentions.all()]
    return format_html_join(mark_safe("<br>"), "{} → {}", dates + actors) or "—"


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ["number", "start", "end", "text", "mentions"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "date_mentions",
                Prefetch("actor_mentions", queryset=ActorMention.objects.select_related("actor")),
            )
        )

    @admin.display(description="dates and actors mentioned")
    def mentions(self, passage):
        return listed_mentions(passage)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "outlet", "published", "passage_count", "file_name"]
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
        "text",
    ]
    inlines = [PassageInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, source):
        return source.passage_total


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
    search_fields = ["text"]
    readonly_fields = ["source", "number", "start", "end", "text"]
    list_select_related = ["source"]
    inlines = [DateMentionInline, ActorMentionInline]


@admin.register(DateMention)
class DateMentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["text", "type", "value", "anchor", "edtf", "passage"]
    list_filter = ["type", "anchor"]
    search_fields = ["text", "value"]
    date_hierarchy = "start_date"
    list_select_related = ["passage__source"]


@admin.register(ActorMention)
class ActorMentionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["text", "actor", "passage"]
    search_fields = ["text", "actor__name"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor", "passage__source"]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["name"]
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "wikidata_id", "event_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_total=Count("events", distinct=True))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, actor):
        return actor.event_total


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


class EventActorInline(admin.TabularInline):
    model = EventActor
    autocomplete_fields = ["actor"]
    extra = 1


class CitationInline(admin.StackedInline):
    model = Citation
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


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date_display", "precision", "event_type", "status", "citation_count"]
    list_filter = ["status", "event_type", "precision", "date_basis", "citations__suggested"]
    search_fields = ["title", "summary", "slug", "actors__name", "citations__quote"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["start_date", "end_date", "precision", "approximate", "uncertain"]
    list_select_related = ["event_type"]
    inlines = [EventActorInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "event_type", "status"]}),
        (
            "Date",
            {
                "fields": [
                    "date",
                    "date_basis",
                    "date_note",
                    ("start_date", "end_date", "precision", "approximate", "uncertain"),
                ]
            },
        ),
        ("Place", {"fields": ["location", ("latitude", "longitude")]}),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(citation_total=Count("citations", distinct=True))
        )

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, event):
        return event.citation_total

    @admin.display(description="date", ordering="start_date")
    def date_display(self, event):
        return event.date_display
