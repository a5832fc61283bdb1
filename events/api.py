"""The REST API: viewsets for events, actors, sources, passages and event types, the
timeline, exports and the removals feed for incremental sync."""

import hashlib

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, renderers, serializers, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from events import chronology, exports, listing
from events.errors import PreconditionFailed, PreconditionRequired, too_large_message
from events.filters import (
    ActorFilter,
    EventFilter,
    PassageFilter,
    SourceFilter,
    TombstoneFilter,
)
from events.models import (
    Actor,
    ActorMention,
    Citation,
    Event,
    EventActor,
    EventType,
    Passage,
    Source,
    Tombstone,
    as_id,
)
from events.renderers import CSVRenderer, ICalendarRenderer, TimelineJSRenderer
from events.schema import AutoSchema
from events.serializers import (
    ActorSerializer,
    EventSerializer,
    EventTypeSerializer,
    ExtractResultSerializer,
    ExtractSerializer,
    IngestSerializer,
    PassageSerializer,
    SourceCreatedSerializer,
    SourceDetailSerializer,
    SourceSerializer,
    TimelineSerializer,
    TombstoneSerializer,
)
from events.throttles import ExtractThrottle, LoginThrottle
from events.timex import extract

# Preconditions


def etag(instance) -> str:
    """The version of a record: changes whenever it is saved."""
    version = f"{instance._meta.label}:{instance.pk}:{instance.updated.isoformat()}"
    return '"' + hashlib.sha256(version.encode()).hexdigest()[:32] + '"'


def listed_tags(header: str) -> list[str]:
    # Weak tags count too: a proxy that compresses may weaken ours, and ours name versions.
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def nul_in(data, path: str = "") -> str | None:
    """The path of the first string in request data holding a NUL character, if any."""
    if isinstance(data, str):
        return path if "\x00" in data else None
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return None
    for key, value in items:
        found = nul_in(key, path) if isinstance(key, str) else None
        found = found or nul_in(value, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


class APIViewMixin:
    """What every endpoint shares: clean query parameters and JSON errors in every format."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Databases refuse NUL characters in text (PostgreSQL with an error): stop them here.
        if any("\x00" in str(value) for value in kwargs.values()):
            raise NotFound("There is no record whose name contains a NUL character.")
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in [name, *values]):
                raise ValidationError({name: ["Parameters cannot contain NUL characters."]})
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            where = nul_in(request.data)
            if where is not None:
                raise ValidationError({where: ["Text cannot contain NUL characters."]})

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and renderer and renderer.format not in ("json", "api"):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


class VersionedModelViewSet(APIViewMixin, viewsets.ModelViewSet):
    """A model viewset whose records carry an ETag; changes need If-Match with it, so
    no one overwrites a change they have not seen."""

    def retrieve(self, request, *args, **kwargs):
        # No 304 for If-None-Match: the ETag versions the record, not the related records
        # (actor names, counts) its JSON also shows.
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": etag(instance)})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        return self.current(instance.pk, status=201)

    def update(self, request, *args, partial=False, **kwargs):
        with transaction.atomic():
            instance = self.get_object_to_change()
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            serializer.save()
        return self.current(instance.pk)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            self.get_object_to_change().delete()
        return Response(status=204)

    def get_object_to_change(self):
        """The record, locked until the transaction ends, if the client has seen this version."""
        instance = self.get_object()
        locked = type(instance).objects.select_for_update().get(pk=instance.pk)
        header = self.request.headers.get("If-Match", "")
        tags = listed_tags(header)
        if not tags or tags == ["*"]:
            raise PreconditionRequired(
                "Send If-Match with the ETag from your last GET of this record, so that a "
                "change made since then is not overwritten."
            )
        if etag(locked) not in tags:
            raise PreconditionFailed(
                f"This record changed after you read it (it is now at ETag {etag(locked)}); "
                "GET it again, reapply your change and retry."
            )
        return locked

    def current(self, pk, status=200) -> Response:
        instance = self.get_queryset().get(pk=pk)
        data = self.get_serializer(instance).data
        headers = {"ETag": etag(instance)}
        if status == 201:
            headers["Location"] = self.reverse_action("detail", args=[self.lookup_of(instance)])
        return Response(data, status=status, headers=headers)

    def lookup_of(self, instance):
        return getattr(instance, self.lookup_field)


# Events


def event_queryset(request):
    """Events the requesting user may see, with everything their JSON needs, in 3 queries."""
    citations = Citation.objects.visible_to(request.user)
    citations = citations.select_related("passage__source", "claimant").defer(
        "passage__text",
        "passage__source__text",
        "passage__source__dating",
        "passage__source__provenance",
        "passage__source__stance",
    )
    return (
        Event.objects.visible_to(request.user)
        .select_related("event_type")
        .prefetch_related(
            Prefetch("event_actors", queryset=EventActor.objects.select_related("actor")),
            Prefetch("citations", queryset=citations),
        )
    )


EXPORT_CHUNK = 500


def paged_events(view, events, actor: Actor | None = None) -> Response:
    """A page of ``events`` (of ``actor``'s, if given), filtered by the request, as JSON from
    plain rows rather than model instances (see events/listing.py): the events list is what
    users wait on most. One actor's events in date order are paged through its links."""
    filterset = DjangoFilterBackend().get_filterset(view.request, events, view)
    if not filterset.is_valid_given():
        raise translate_validation(filterset.errors)
    links = filterset.actor_links(actor)
    if links is None:
        using = filterset.qs.db
        keys = view.paginate_queryset(listing.event_keys(filterset.qs))
        ids = [key["id"] for key in keys]
    else:
        using = links[0].db
        keys = view.paginator.paginate_queryset(
            listing.link_keys(links), view.request, view, unique="event_id"
        )
        ids = [key["event_id"] for key in keys]
    drafts = Event.shows_drafts_to(view.request.user)  # as Citation.objects.visible_to
    rows = listing.event_rows(ids, drafts, using)
    documents = listing.event_documents(rows, view.request, drafts, using=using)
    return view.get_paginated_response(documents)


def export_response(request, events) -> StreamingHttpResponse:
    """The whole filtered listing as a streamed CSV or iCalendar file."""
    events = events.iterator(chunk_size=EXPORT_CHUNK)
    if request.accepted_renderer.format == "csv":
        content, media_type, name = exports.csv_lines(events), "text/csv", "events.csv"
    else:
        site = request.get_host().split(":")[0]
        content, media_type, name = exports.ics_lines(events, site), "text/calendar", "events.ics"
    response = StreamingHttpResponse(content, content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description=(
            "Events in chronological order (see `ordering`), filtered by any combination of "
            "parameters. `?format=csv` and `?format=ics` export every matching event (no "
            "paging) as CSV or as an iCalendar file of all-day events."
        ),
    ),
    retrieve=extend_schema(summary="One event"),
    create=extend_schema(summary="Create an event (curators)"),
    update=extend_schema(summary="Replace an event (curators; needs If-Match)"),
    partial_update=extend_schema(summary="Change some of an event's fields (needs If-Match)"),
    destroy=extend_schema(summary="Delete an event (curators; needs If-Match)"),
)
class EventViewSet(VersionedModelViewSet):
    """Dated events, each with its actors and the passages that cite it."""

    serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        if self.action == "list":
            # The list reads plain rows (paged_events) or prefetches for an export itself.
            # The permission check asks for the queryset too, to learn the model: build it
            # once (a filter through the ORM costs as much as the quickest page's query).
            if not hasattr(self, "_visible"):
                self._visible = Event.objects.visible_to(self.request.user)
            return self._visible
        return event_queryset(self.request)

    def get_renderers(self):
        if self.action == "list":
            return [*super().get_renderers(), CSVRenderer(), ICalendarRenderer()]
        return super().get_renderers()

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format in ("csv", "ics"):
            # Exports are not paged, but a malformed page_size is refused in every format.
            self.paginator.get_page_size(request)
            return export_response(request, self.filter_queryset(event_queryset(request)))
        return paged_events(self, self.get_queryset())


class TimelineSchema(AutoSchema):
    def get_filter_backends(self):
        # One grouped object, not a list, but it takes every filter of the event list.
        return self.view.filter_backends


class TimelineView(APIViewMixin, generics.GenericAPIView):
    """The filtered events grouped by year, then month, with counts."""

    schema = TimelineSchema()
    filterset_class = EventFilter
    pagination_class = None
    serializer_class = EventSerializer

    def get_queryset(self):
        return event_queryset(self.request)

    def get_renderers(self):
        return [*super().get_renderers(), TimelineJSRenderer()]

    @extend_schema(
        summary="Chronology grouped by year and month",
        description=(
            "The events matching the filters (the same as /api/events/), grouped by year and "
            "month. An event sits where its date starts, at the precision it is known to: a "
            "year-only event under its year, not under January; a range under its start, with "
            "its end in `end_date`. `?format=timelinejs` gives TimelineJS 3 JSON instead. "
            "Filters matching more events than a timeline shows (TIMELINE_MAX_EVENTS, 5000 by "
            "default) are a 400: narrow them, or page through /api/events/."
        ),
        responses={200: TimelineSerializer},
    )
    def get(self, request):
        events = self.matching_events()
        if request.accepted_renderer.format == "timelinejs":
            return Response(exports.timelinejs(events))
        data = self.get_serializer(events, many=True).data
        by_id = {item["id"]: item for item in data}
        years = chronology.group_by_period(events, lambda event: by_id[event.pk])
        return Response({"count": len(events), "years": years})

    def matching_events(self) -> list[Event]:
        events = self.filter_queryset(self.get_queryset())
        limit = settings.TIMELINE_MAX_EVENTS
        found = list(events[: limit + 1])
        if len(found) > limit:
            raise ValidationError(
                f"The filters match {events.count()} events, more than the {limit} a "
                "timeline shows; narrow the date range or other filters, page through "
                "/api/events/, or export with /api/events/?format=csv."
            )
        return found


# Actors


@extend_schema_view(
    list=extend_schema(summary="List actors"),
    retrieve=extend_schema(summary="One actor, by slug or id"),
    create=extend_schema(summary="Create an actor (curators)"),
    update=extend_schema(summary="Replace an actor (needs If-Match)"),
    partial_update=extend_schema(summary="Change some of an actor's fields (needs If-Match)"),
    destroy=extend_schema(summary="Delete an actor not linked to any event (needs If-Match)"),
)
class ActorViewSet(VersionedModelViewSet):
    """People, states, organisations and groups that take part in events."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        if self.action == "events":
            return Event.objects.visible_to(self.request.user)
        visible = Event.objects.visible_to(self.request.user).values("pk")
        count = Count("event_roles__event", filter=Q(event_roles__event__in=visible), distinct=True)
        return (
            Actor.objects.annotate(event_count=count)
            .prefetch_related("aliases")
            .order_by("name", "id")
        )

    def get_object(self):
        return self.find_actor(self.get_queryset())

    def find_actor(self, queryset) -> Actor:
        """The actor named in the URL by slug, or else by id."""
        value = self.kwargs["slug"]
        actor = queryset.filter(slug=value).first() or queryset.filter(pk=as_id(value)).first()
        if actor is None:
            raise NotFound(f"There is no actor with slug or id {value[:100]!r}.")
        self.check_object_permissions(self.request, actor)
        return actor

    @extend_schema(
        summary="An actor's events, in chronological order",
        description="Takes every filter of /api/events/ as well.",
        responses={200: EventSerializer(many=True)},
    )
    @action(detail=True, serializer_class=EventSerializer, filterset_class=EventFilter)
    def events(self, request, slug=None):
        actor = self.find_actor(Actor.objects.all())
        events = Event.objects.visible_to(request.user).involving(actor)
        return paged_events(self, events, actor)


# Sources and passages


@extend_schema_view(
    list=extend_schema(summary="List sources"),
    retrieve=extend_schema(summary="One source, with its text"),
    create=extend_schema(
        summary="Add a source (curators)",
        description=(
            "The text is split into passages; the dates and actors each passage mentions are "
            "recorded; and each sentence naming a specific date and an actor either becomes "
            "a draft event or, when an event with those actors and an overlapping date "
            "exists, is suggested as a citation of it for a curator to confirm. `ingest` "
            "gives the counts."
        ),
        responses={201: SourceCreatedSerializer},
    ),
    update=extend_schema(summary="Replace a source's details; the text never changes"),
    partial_update=extend_schema(summary="Change some of a source's details (needs If-Match)"),
    destroy=extend_schema(summary="Delete a source none of whose passages is cited"),
)
class SourceViewSet(VersionedModelViewSet):
    """Documents, kept verbatim."""

    filterset_class = SourceFilter

    def get_queryset(self):
        sources = Source.objects.annotate(passage_count=Count("passages")).order_by("id")
        return sources if self.action != "list" else sources.defer("text")

    def get_serializer_class(self):
        return SourceSerializer if self.action == "list" else SourceDetailSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = serializer.save()
        response = self.current(source.pk, status=201)
        response.data["ingest"] = IngestSerializer(serializer.findings).data
        return response


@extend_schema_view(
    list=extend_schema(summary="List passages"),
    retrieve=extend_schema(summary="One passage, with the events citing it"),
)
class PassageViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    """Paragraphs and turns of the sources, exact slices of their text, with the dates and
    actors they mention; made when a source is added, so they are read-only."""

    serializer_class = PassageSerializer
    filterset_class = PassageFilter

    def get_queryset(self):
        visible = Event.objects.visible_to(self.request.user)
        citations = Citation.objects.visible_to(self.request.user).filter(event__in=visible)
        return Passage.objects.prefetch_related(
            Prefetch(
                "citations", queryset=citations.select_related("event"), to_attr="visible_citations"
            ),
            "date_mentions",
            Prefetch("actor_mentions", queryset=ActorMention.objects.select_related("actor")),
        ).order_by("source_id", "number", "id")


# Event types and removals


@extend_schema_view(
    list=extend_schema(summary="List event types"),
    retrieve=extend_schema(summary="One event type"),
    create=extend_schema(summary="Add an event type (curators)"),
    update=extend_schema(summary="Replace an event type (needs If-Match)"),
    partial_update=extend_schema(summary="Change an event type (needs If-Match)"),
    destroy=extend_schema(summary="Delete an unused event type (needs If-Match)"),
)
class EventTypeViewSet(VersionedModelViewSet):
    """The controlled vocabulary of event types."""

    serializer_class = EventTypeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return EventType.objects.order_by("slug", "id")


@extend_schema_view(
    list=extend_schema(
        summary="Removals, for incremental sync",
        description=(
            "Records deleted, and events withdrawn from publication, so that a client "
            "syncing with ?updated_since= can drop them. Apply these before the changes "
            "fetched for the same period."
        ),
    )
)
class TombstoneViewSet(APIViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilter

    def get_queryset(self):
        return Tombstone.objects.visible_to(self.request.user).order_by("removed", "id")


# Tokens


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="Your account's username.")
    password = serializers.CharField(help_text="Your password.", style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")


class TokenView(APIViewMixin, ObtainAuthToken):
    """Exchange a username and password for an API token (send it as `Authorization: Token …`)."""

    throttle_classes = [LoginThrottle]

    @extend_schema(
        summary="Get an API token for your account",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


# Date extraction

EXTRACT_EXAMPLE_TEXT = "The talks began on 30 September 2015 and ended two days later."


class ExtractView(APIViewMixin, generics.GenericAPIView):
    """Find the temporal expressions in a text and normalise them; nothing is stored."""

    serializer_class = ExtractSerializer
    permission_classes = [AllowAny]
    throttle_classes = [ExtractThrottle]

    @extend_schema(
        summary="Find the dates in a text",
        description=(
            "The dates, times, durations and recurrences mentioned in `text` (English), each "
            "with its character offsets (0-based, end exclusive: `text[start:end]` is the "
            'mention) and its TimeML TIMEX3 type and value. Relative expressions ("yesterday", '
            '"last week") are resolved against `dct`, the document creation time; "two days '
            'later" against the last date the text stated. Nothing is stored, so anyone may '
            "ask, at most API_EXTRACT_RATE times (30 a minute by default); the text may be at "
            "most EXTRACT_MAX_CHARS characters (100,000 by default). The body must be JSON."
        ),
        request=ExtractSerializer,
        responses={
            200: OpenApiResponse(
                ExtractResultSerializer, description="The mentions; an empty list if none."
            )
        },
        examples=[
            OpenApiExample(
                "Talks in 2015",
                request_only=True,
                value={"text": EXTRACT_EXAMPLE_TEXT, "dct": "2015-10-05"},
            ),
            OpenApiExample(
                "Talks in 2015",
                response_only=True,
                value={
                    "mentions": [
                        {
                            "start": 19,
                            "end": 36,
                            "text": "30 September 2015",
                            "type": "DATE",
                            "value": "2015-09-30",
                            "mod": None,
                        },
                        {
                            "start": 47,
                            "end": 61,
                            "text": "two days later",
                            "type": "DATE",
                            "value": "2015-10-02",
                            "mod": None,
                        },
                    ]
                },
            ),
        ],
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mentions = extract(data["text"], data["dct"], data.get("kind"))
        return Response({"mentions": [mention.as_dict() for mention in mentions]})

    def handle_exception(self, exc):
        if isinstance(exc, RequestDataTooBig):
            message = too_large_message(self.request)
            exc = ParseError(f"{message} Send at most {settings.EXTRACT_MAX_CHARS:,} characters.")
        return super().handle_exception(exc)
