"""JSON representations of the API's resources, and the checks on what curators write."""

import datetime
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from events import formats, timex
from events.ingest import HTML_SUFFIXES, add_source
from events.models import (
    Actor,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventType,
    Passage,
    Source,
    Tombstone,
)

HELP = {
    "id": "Numeric id, stable for the life of the record.",
    "created": "When the record was created (ISO 8601).",
    "updated": "When the record last changed (ISO 8601); see updated_since.",
}


def django_errors(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(get_error_detail(error))


class StringsOnly:
    """DRF's text fields take a number as its digits; ours refuse anything but a string."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(f"Must be a string, not {json_type(data)}.")
        return super().to_internal_value(data)


class StrictCharField(StringsOnly, serializers.CharField):
    pass


class StrictSlugField(StringsOnly, serializers.SlugField):
    pass


class StrictURLField(StringsOnly, serializers.URLField):
    pass


class ModelSerializer(serializers.ModelSerializer):
    """DRF's, with the text fields of the models read strictly (StringsOnly)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.URLField: StrictURLField,
    }


class EventTypeSerializer(ModelSerializer):
    class Meta:
        model = EventType
        fields = ["id", "slug", "name", "description", "created", "updated"]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "slug": {"help_text": "Identifier used in filters: ?event_type=attack."},
            "name": {"help_text": "Name for people."},
            "description": {"help_text": "What events of this type are."},
            "created": {"help_text": HELP["created"]},
            "updated": {"help_text": HELP["updated"]},
        }


# Actors


@extend_schema_field({"type": "array", "items": {"type": "string", "maxLength": 200}})
class AliasesField(serializers.ListField):
    child = StrictCharField(max_length=200)

    def to_representation(self, aliases):
        return [alias.name for alias in aliases.all()]


class ActorSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="actor-detail", lookup_field="slug", help_text="This actor in the API."
    )
    events_url = serializers.HyperlinkedIdentityField(
        view_name="actor-events",
        lookup_field="slug",
        help_text="This actor's events, in chronological order.",
    )
    aliases = AliasesField(
        required=False,
        help_text="Other names: each finds this actor in ?actor= and in texts. Writing "
        "replaces the list.",
    )
    event_count = serializers.IntegerField(
        read_only=True, help_text="Events this actor takes part in that you can see."
    )

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "description",
            "demonym",
            "wikidata_id",
            "aliases",
            "event_count",
            "events_url",
            "created",
            "updated",
        ]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "slug": {
                "required": False,
                "help_text": "Identifier in URLs; made from the name when left out.",
            },
            "name": {"help_text": "Canonical name."},
            "kind": {"help_text": "What sort of actor this is."},
            "description": {"help_text": "Who or what this is, briefly."},
            "demonym": {
                "help_text": "A state's adjective (Iranian): it finds the state in texts "
                "where it qualifies the state's doing or organs (Iranian officials, an Iranian "
                "drone strike), not its people or places."
            },
            "wikidata_id": {"help_text": "Wikidata item, e.g. Q794 for Iran."},
            "created": {"help_text": HELP["created"]},
            "updated": {"help_text": HELP["updated"]},
        }

    def save(self, **kwargs):
        aliases = self.validated_data.pop("aliases", None)
        with transaction.atomic():
            actor = super().save(**kwargs)
            if aliases is not None:
                actor.set_aliases(aliases)
        return actor


# Sources and passages


class SourceSerializer(ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="source-detail", help_text="This source in the API."
    )
    passage_count = serializers.IntegerField(read_only=True, help_text="Number of passages.")
    passages_url = serializers.SerializerMethodField(help_text="This source's passages.")

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "title",
            "kind",
            "outlet",
            "author",
            "url",
            "language",
            "file_name",
            "published",
            "published_start",
            "published_end",
            "dating",
            "provenance",
            "stance",
            "content_hash",
            "passage_count",
            "passages_url",
            "created",
            "updated",
        ]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "title": {"help_text": "Title or headline."},
            "kind": {"help_text": "What sort of document this is."},
            "outlet": {"help_text": "Publisher, broadcaster or website."},
            "url": {"help_text": "Where the document was published, where known."},
            "language": {"help_text": "Language of the text (BCP 47, e.g. en)."},
            "file_name": {"help_text": "Unique file name the text was ingested under."},
            "published_start": {"help_text": "First day the publication date can mean."},
            "published_end": {"help_text": "Last day the publication date can mean."},
            "provenance": {"help_text": "Where the text was obtained and how it was checked."},
            "content_hash": {"help_text": "SHA-256 of the text, hex."},
            "created": {"help_text": HELP["created"]},
            "updated": {"help_text": HELP["updated"]},
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_passages_url(self, source) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"/api/passages/?source={source.pk}")


class SourceDetailSerializer(SourceSerializer):
    """A source with its full text; the text can be given once, when it is created."""

    text = StrictCharField(
        trim_whitespace=False,
        help_text="The full text exactly as ingested. Set when the source is created; "
        "it never changes after, since passages and citations point into it.",
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text"]

    def validate_text(self, text):
        if self.instance is not None and text != self.instance.text:
            raise serializers.ValidationError(
                "The text of a stored source cannot change; add the new version as a new source."
            )
        duplicate = Source.objects.filter(content_hash=Source.hash_text(text))
        if self.instance is None and duplicate.exists():
            raise serializers.ValidationError(
                f"The same text is already stored as {duplicate.get().file_name}."
            )
        if not text.strip():
            raise serializers.ValidationError("The text is empty.")
        return text

    def validate_file_name(self, file_name):
        if self.instance is not None and file_name != self.instance.file_name:
            raise serializers.ValidationError("A stored source keeps its file name.")
        return file_name

    def validate(self, attrs):
        """The text of a new .html or .htm file is its markup, stored as ``ingest`` stores
        it: the visible text, one paragraph per block."""
        attrs = super().validate(attrs)
        if self.instance is not None or "text" not in attrs:
            return attrs
        if PurePosixPath(attrs.get("file_name", "")).suffix.lower() not in HTML_SUFFIXES:
            return attrs
        text, _title = formats.html_to_text(attrs["text"])
        if not text.strip():
            raise serializers.ValidationError({"text": "The HTML shows no text."})
        try:
            self.validate_text(text)  # its visible text may be stored already
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"text": error.detail}) from error
        return {**attrs, "text": text}

    def create(self, validated_data):
        source, self.findings = add_source(validated_data)
        return source


class IngestSerializer(serializers.Serializer):
    """What ingesting a new source found and proposed (the counts of ``Findings``)."""

    passages = serializers.IntegerField(help_text="Passages the text was split into.")
    date_mentions = serializers.IntegerField(help_text="Temporal expressions found.")
    actor_mentions = serializers.IntegerField(help_text="Names of actors found.")
    drafts_proposed = serializers.IntegerField(
        help_text="Draft events made from sentences naming a date and an actor."
    )
    citations_suggested = serializers.IntegerField(
        help_text="Sentences suggested as citations of existing events, for a curator to confirm."
    )


class SourceCreatedSerializer(SourceDetailSerializer):
    """A new source, with what ingesting it found (documents the create response)."""

    ingest = IngestSerializer(
        read_only=True, help_text="What ingesting the text found and proposed."
    )

    class Meta(SourceDetailSerializer.Meta):
        fields = [*SourceDetailSerializer.Meta.fields, "ingest"]


class CitingEventSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="event-detail", help_text="The event.")
    date_display = serializers.CharField(read_only=True, help_text="The event's date for people.")

    class Meta:
        model = Event
        fields = ["id", "url", "title", "date", "date_display"]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "title": {"help_text": "The event's title."},
            "date": {"help_text": "The event's date, EDTF."},
        }


class DateMentionSerializer(ModelSerializer):
    class Meta:
        model = DateMention
        fields = ["start", "end", "text", "type", "value", "anchor", "edtf"]
        extra_kwargs = {
            "start": {"help_text": "Offset of the expression in the passage (0-based)."},
            "end": {"help_text": "Offset just past it: passage text[start:end] is the mention."},
            "type": {"help_text": "TIMEX3 type: DATE, TIME, DURATION or SET."},
            "anchor": {
                "help_text": "How the value was reached: absolute (written out in full), dct "
                "(resolved from the publication date) or text (from an earlier date in it)."
            },
            "edtf": {"help_text": "The date as EDTF when it is a specific one; else empty."},
        }


class ActorMentionSerializer(ModelSerializer):
    actor = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Slug of the actor named."
    )

    class Meta:
        model = ActorMention
        fields = ["start", "end", "text", "actor"]
        extra_kwargs = {
            "start": {"help_text": "Offset of the name in the passage (0-based)."},
            "end": {"help_text": "Offset just past it: passage text[start:end] is the name."},
        }


class PassageSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="passage-detail", help_text="This passage in the API."
    )
    source = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The source's id.")
    events = serializers.SerializerMethodField(
        help_text="The events that cite this passage (those you can see)."
    )
    date_mentions = DateMentionSerializer(
        many=True, read_only=True, help_text="The dates and times it mentions, in order."
    )
    actor_mentions = ActorMentionSerializer(
        many=True, read_only=True, help_text="The actors it names, in order."
    )

    class Meta:
        model = Passage
        fields = [
            "id",
            "url",
            "source",
            "number",
            "text",
            "start",
            "end",
            "events",
            "date_mentions",
            "actor_mentions",
        ]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "text": {"help_text": "The passage text, exactly source.text[start:end]."},
        }

    @extend_schema_field(CitingEventSerializer(many=True))
    def get_events(self, passage):
        events = {citation.event.pk: citation.event for citation in passage.visible_citations}
        return CitingEventSerializer(events.values(), many=True, context=self.context).data


# Events


class EventActorSerializer(serializers.Serializer):
    """An actor and its role; write it with the actor's `id` or `slug`."""

    id = serializers.IntegerField(
        source="actor.id", required=False, min_value=1, help_text="The actor's id."
    )
    slug = StrictCharField(
        source="actor.slug", required=False, max_length=100, help_text="The actor's slug."
    )
    name = serializers.CharField(source="actor.name", read_only=True, help_text="Actor's name.")
    kind = serializers.CharField(source="actor.kind", read_only=True, help_text="Actor's kind.")
    role = serializers.ChoiceField(
        choices=EventActor.Role.choices, help_text="The actor's part in the event."
    )

    def validate(self, attrs):
        reference = attrs.pop("actor", {})
        if "id" in reference:
            attrs["actor"] = Actor.objects.filter(pk=reference["id"]).first()
            missing = {"id": f"There is no actor with id {reference['id']}."}
        elif "slug" in reference:
            attrs["actor"] = Actor.objects.filter(slug=reference["slug"]).first()
            missing = {"slug": f"There is no actor with slug {reference['slug']!r}."}
        else:
            raise serializers.ValidationError({"slug": "Name the actor by its id or slug."})
        if attrs["actor"] is None:
            raise serializers.ValidationError(missing)
        return attrs


class CitationSerializer(ModelSerializer):
    """A quote from a passage, at character offsets into the passage (and the source)."""

    passage = serializers.PrimaryKeyRelatedField(
        queryset=Passage.objects.all(), help_text="The cited passage's id."
    )
    passage_number = serializers.IntegerField(
        source="passage.number", read_only=True, help_text="The passage's number in its source."
    )
    source = serializers.IntegerField(
        source="passage.source_id", read_only=True, help_text="The source's id."
    )
    source_title = serializers.CharField(
        source="passage.source.title", read_only=True, help_text="The source's title."
    )
    start = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Offset of the quote in the passage; found from the quote if left out.",
    )
    end = serializers.IntegerField(
        required=False, min_value=1, help_text="Offset just past the quote in the passage."
    )
    source_start = serializers.SerializerMethodField(help_text="Offset of the quote in the source.")
    source_end = serializers.SerializerMethodField(help_text="Offset just past it in the source.")
    claimant = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the actor whose claim the passage reports.",
    )

    class Meta:
        model = Citation
        fields = [
            "id",
            "passage",
            "passage_number",
            "source",
            "source_title",
            "quote",
            "start",
            "end",
            "source_start",
            "source_end",
            "stance",
            "claimant",
            "attribution",
            "note",
            "suggested",
        ]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "quote": {"trim_whitespace": False, "help_text": "The exact quoted text."},
            "stance": {"help_text": "How the source stands to the event."},
            "note": {"help_text": "Curator's note."},
            "suggested": {
                "help_text": "Proposed by ingestion for a curator to confirm (write false to "
                "confirm it); shown only to curators."
            },
        }
        validators = []  # uniqueness is per event, settled when the event is saved

    def get_source_start(self, citation) -> int:
        return citation.passage.start + citation.start

    def get_source_end(self, citation) -> int:
        return citation.passage.start + citation.end

    def validate(self, attrs):
        citation = Citation(**attrs)
        try:
            citation.clean()
        except DjangoValidationError as error:
            raise django_errors(error) from error
        return {**attrs, "start": citation.start, "end": citation.end}


class EventSerializer(ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="event-detail", help_text="This event in the API."
    )
    event_type = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=EventType.objects.all(),
        help_text="Event type slug (see /api/event-types/).",
    )
    date_display = serializers.CharField(
        read_only=True,
        help_text='The date for people: "19 May 2024", "May 2024", "Sep–Nov 2024", '
        '"c. April 1982".',
    )
    date_basis = serializers.ChoiceField(
        choices=Event.DateBasis.choices,
        default=Event.DateBasis.CURATOR,
        help_text="Where the date comes from.",
    )
    actors = EventActorSerializer(
        source="event_actors",
        many=True,
        required=False,
        help_text="The actors and their roles. Writing replaces the list.",
    )
    citations = CitationSerializer(
        many=True,
        required=False,
        help_text="The passages that mention the event. Writing replaces the list; a "
        "citation of the same passage at the same offsets keeps its id.",
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "summary",
            "event_type",
            "date",
            "start_date",
            "end_date",
            "precision",
            "approximate",
            "uncertain",
            "date_display",
            "date_basis",
            "date_note",
            "location",
            "latitude",
            "longitude",
            "status",
            "actors",
            "citations",
            "created",
            "updated",
        ]
        extra_kwargs = {
            "id": {"help_text": HELP["id"]},
            "slug": {
                "required": False,
                "help_text": "Unique readable identifier; made from "
                "the date and title when left out.",
            },
            "title": {"help_text": "What happened, in a line."},
            "summary": {"help_text": "What happened, in a paragraph."},
            "date": {
                "help_text": "The date as EDTF: 2024-05-19, 2024-05, 2024-09/2024-11, "
                "1982-04~ (approximate), 2015? (uncertain), 198X, 2023-10-07/.. (open)."
            },
            "start_date": {"help_text": "First day the date can mean (ISO 8601)."},
            "end_date": {"help_text": "Last day the date can mean (ISO 8601)."},
            "precision": {"help_text": "How precisely the date is known."},
            "approximate": {"help_text": "Whether the date is approximate (EDTF ~ or %)."},
            "uncertain": {"help_text": "Whether the date is uncertain (EDTF ? or %)."},
            "location": {"help_text": "Where it happened, as text."},
            "latitude": {"help_text": "WGS 84 latitude, with longitude or not at all."},
            "longitude": {"help_text": "WGS 84 longitude, with latitude or not at all."},
            "status": {"help_text": "Review status; only published events are public."},
            "created": {"help_text": HELP["created"]},
            "updated": {"help_text": HELP["updated"]},
        }

    def validate(self, attrs):
        latitude = attrs.get("latitude", getattr(self.instance, "latitude", None))
        longitude = attrs.get("longitude", getattr(self.instance, "longitude", None))
        if (latitude is None) != (longitude is None):
            message = "Give both latitude and longitude, or neither."
            raise serializers.ValidationError({"latitude": message, "longitude": message})
        return attrs

    def save(self, **kwargs):
        links = self.validated_data.pop("event_actors", None)
        citations = self.validated_data.pop("citations", None)
        with transaction.atomic():
            event = super().save(**kwargs)
            if links is not None:
                event.set_actors([(link["actor"], link["role"]) for link in links])
            if citations is not None:
                event.set_citations([Citation(**fields) for fields in citations])
        return event


class TombstoneSerializer(ModelSerializer):
    class Meta:
        model = Tombstone
        fields = ["id", "resource", "object_id", "key", "reason", "removed"]
        extra_kwargs = {
            "id": {"help_text": "Id of this removal record."},
            "reason": {"help_text": "deleted, or withdrawn (an event no longer published)."},
        }


class TimelineMonthSerializer(serializers.Serializer):
    month = serializers.IntegerField(help_text="Month number, 1-12.")
    label = serializers.CharField(help_text='The month for people: "May 2024".')
    count = serializers.IntegerField(help_text="Events that start in this month.")
    events = EventSerializer(many=True, help_text="Those events, in order.")


class TimelineYearSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        allow_null=True, help_text="The year; null for events whose start is open or unknown."
    )
    label = serializers.CharField(help_text='The year for people: "2024", or "Start unknown".')
    count = serializers.IntegerField(help_text="Events that start in this year, all told.")
    events = EventSerializer(
        many=True, help_text="Events known only to this year (or coarser): not under a month."
    )
    months = TimelineMonthSerializer(many=True, help_text="The months with events, in order.")


class TimelineSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Events matching the filters.")
    years = TimelineYearSerializer(many=True, help_text="The years with events, in order.")


# Date extraction (/api/extract/)

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIMEX_TYPES = [
    ("DATE", "a day, week, month, season, quarter, year, decade or century"),
    ("TIME", "a date with a time of day"),
    ("DURATION", "a length of time"),
    ("SET", "a recurrence"),
]


class TextField(serializers.CharField):
    """A JSON string, kept exactly as sent: numbers and other values are not turned into text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        super().__init__(trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(f"Must be a string, not {json_type(data)}.")
        return data


@extend_schema_field(OpenApiTypes.DATE)
class DayField(TextField):
    """A day written YYYY-MM-DD, and nothing else ISO 8601 allows (20241212, 2024-W50-4)."""

    def to_internal_value(self, data) -> datetime.date:
        text = super().to_internal_value(data)
        try:
            if DAY.fullmatch(text):
                return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        raise serializers.ValidationError(f"{text[:40]!r} is not a valid date (YYYY-MM-DD).")


def json_type(value) -> str:
    """The JSON name of a parsed JSON value's type, for messages."""
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    names |= {dict: "an object", type(None): "null", str: "a string"}
    return names.get(type(value), type(value).__name__)


class ExtractSerializer(serializers.Serializer):
    text = TextField(
        help_text="The text to search, in English; at most EXTRACT_MAX_CHARS (100,000 by "
        "default) characters. The offsets in the answer count its characters (Unicode code "
        "points) as sent."
    )
    dct = DayField(
        allow_blank=False,
        help_text="The document creation time, YYYY-MM-DD: the day relative expressions "
        '("yesterday", "last week", "30 September") are resolved against.',
    )
    kind = serializers.ChoiceField(
        choices=Source.Kind.choices,
        required=False,
        help_text="The kind of document, as a source's. In a news article or a statement, "
        '"today" is the DCT\'s day; otherwise, as in a speech, it is the present '
        '(PRESENT_REF) unless its clause dates it ("said today").',
    )

    def validate_text(self, text: str) -> str:
        limit = settings.EXTRACT_MAX_CHARS
        if len(text) > limit:
            raise serializers.ValidationError(
                f"The text is {len(text):,} characters long; at most {limit:,} can be sent "
                "at once. Split it, at paragraph breaks, into several requests."
            )
        return text


class MentionSerializer(serializers.Serializer):
    start = serializers.IntegerField(
        help_text="Offset of the mention's first character in the text (0-based)."
    )
    end = serializers.IntegerField(
        help_text="Offset just after its last character: text[start:end] is the mention."
    )
    text = serializers.CharField(help_text="The mention as written: text[start:end].")
    type = serializers.ChoiceField(choices=TIMEX_TYPES, help_text="TimeML TIMEX3 type.")
    value = serializers.CharField(
        help_text="TIMEX3 value, normalised against dct: 2015-09-30, 2024-09, 2015-SU, "
        "2024-W20, 198 (the 1980s), 2024-05-19T10:00, P2Y (two years), PAST_REF, ...; a "
        "month or year of the Solar Hijri or Islamic calendar is its first and last "
        "Gregorian days: 2024-09-22/2024-10-21 for Mehr 1403."
    )
    mod = serializers.ChoiceField(
        choices=list(timex.MODS),
        allow_null=True,
        help_text=(
            'TIMEX3 mod: APPROX for an approximate expression ("around 2012", "about two years '
            'ago") and for a date of the Islamic calendar, whose months begin a day apart from '
            "one country to the next; MORE_THAN, LESS_THAN, EQUAL_OR_MORE and EQUAL_OR_LESS for "
            'an amount that is a bound ("more than two years ago", "almost a decade", "at least '
            '30 days", "up to six months"); BEFORE for "pre-2011", AFTER for "post-1959"; '
            'START, MID and END for "early 2017", "mid-May" and "late 1990s" (the value is the '
            "whole date); null otherwise."
        ),
    )


class ExtractResultSerializer(serializers.Serializer):
    mentions = MentionSerializer(
        many=True, help_text="The temporal expressions found, in the order of the text."
    )
