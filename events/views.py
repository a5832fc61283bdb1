"""The pages people read: the timeline, an actor's events, a source as a reader, one event.

The timeline's filters are the events API's own (``EventFilter``), with the same parameters,
so a page's address and the API query for the same events differ only in their path.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from events import chronology, highlight
from events.api import event_queryset
from events.filters import EventFilter
from events.models import Actor, ActorMention, Citation, Event, EventActor, EventType, Source
from events.timeline_svg import Item, lay_out

LANES = {"type": "event type", "actor": "actor"}


def timeline(request: HttpRequest):
    return timeline_page(request, "events/timeline.html", {})


def actor_detail(request: HttpRequest, slug: str):
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), slug=slug)
    return timeline_page(request, "events/actor.html", {"actor": actor}, actor=actor)


def timeline_page(request: HttpRequest, template: str, context: dict, actor: Actor | None = None):
    """The events matching the request's filters (within one actor's, if given), as a visual
    timeline and a list grouped by year and month."""
    params = without_blanks(request.GET)
    if actor is not None:
        params.setlist("actor", [actor.slug])
    filterset = EventFilter(params, queryset=event_queryset(request), request=request)
    valid = filterset.is_valid()
    found = list(filterset.qs[: settings.TIMELINE_PAGE_EVENTS + 1]) if valid else []
    events = found[: settings.TIMELINE_PAGE_EVENTS]
    data = filterset.form.cleaned_data if valid else {}
    after, before = data.get("date_after"), data.get("date_before")
    lanes = request.GET.get("lanes") if request.GET.get("lanes") in LANES else "type"
    items = [timeline_item(event, lanes) for event in events]
    context = {
        **context,
        "events": events,
        "more": len(found) > len(events),
        "limit": settings.TIMELINE_PAGE_EVENTS,
        "years": chronology.group_by_period(events, lambda event: event),
        "layout": lay_out(items, after.start if after else None, before.end if before else None),
        "errors": filterset.form.errors,
        "filters": filter_choices(request, actor),
        "lanes": lanes,
        "lane_choices": LANES,
        "api_url": api_url(params),
    }
    return render(request, template, context, status=200 if valid else 400)


def without_blanks(query: QueryDict) -> QueryDict:
    """The query without the fields a form sends empty: on a page, blank means any."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        kept.setlist(name, [value for value in values if value.strip()])
    return kept


def timeline_item(event: Event, lanes: str) -> Item:
    if lanes == "actor":
        names = tuple(dict.fromkeys(link.actor.name for link in event.event_actors.all()))
        lane_names = names or ("no actor",)
    else:
        lane_names = (event.event_type.name,)
    return Item(
        key=event.pk,
        title=event.title,
        start=event.start_date,
        end=event.end_date,
        precision=event.precision,
        approximate=event.approximate,
        uncertain=event.uncertain,
        lanes=lane_names,
        href=reverse("event", args=[event.pk]),
        label=event.date_display,
    )


def filter_choices(request: HttpRequest, fixed_actor: Actor | None) -> dict:
    """What the filter bar offers, and what is chosen now."""
    chosen_actors = request.GET.getlist("actor")
    involved = Actor.objects.filter(
        event_roles__event__in=Event.objects.visible_to(request.user)
    ).distinct()
    return {
        "date_after": request.GET.get("date_after", ""),
        "date_before": request.GET.get("date_before", ""),
        "q": request.GET.get("q", ""),
        "actors": [] if fixed_actor else involved.order_by("name").values_list("slug", "name"),
        "chosen_actors": chosen_actors,
        "types": EventType.objects.order_by("name").values_list("slug", "name"),
        "chosen_types": request.GET.getlist("event_type"),
    }


def api_url(params: QueryDict) -> str:
    """The events API query for the same events."""
    query = params.copy()
    query.pop("lanes", None)
    return reverse("event-list") + (f"?{query.urlencode()}" if query else "")


def event_detail(request: HttpRequest, pk: int):
    # Not event_queryset: its citations leave out the passage text this page shows.
    links = Prefetch("event_actors", queryset=EventActor.objects.select_related("actor"))
    events = Event.objects.visible_to(request.user).select_related("event_type")
    event = get_object_or_404(events.prefetch_related(links), pk=pk)
    citations = (
        Citation.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("passage__source", "claimant")
        .order_by("passage__source__published_start", "passage__source", "passage__number")
    )
    context = {
        "event": event,
        "citations": [(c, quoted_in_passage(c)) for c in citations],
        "neighbours": neighbours(request, event),
    }
    return render(request, "events/event.html", context)


def quoted_in_passage(citation: Citation):
    mark = highlight.Mark(citation.start, citation.end, "quote", "quoted")
    return highlight.highlight(citation.passage.text, [mark])


def neighbours(request: HttpRequest, event: Event) -> list[tuple]:
    """For each of the event's actors, the events just before and just after it that
    involve them."""
    visible = Event.objects.visible_to(request.user).exclude(pk=event.pk)
    result = []
    for actor in dict.fromkeys(link.actor for link in event.event_actors.all()):
        theirs = visible.filter(event_actors__actor=actor).distinct()
        same_day = {"start_date": event.start_date}
        earlier = theirs.filter(start_date__lte=event.start_date).exclude(
            **same_day, id__gt=event.pk
        )
        later = theirs.filter(start_date__gte=event.start_date).exclude(**same_day, id__lt=event.pk)
        result.append(
            (
                actor,
                earlier.order_by("-start_date", "-id").first(),
                later.order_by("start_date", "id").first(),
            )
        )
    return result


def source_detail(request: HttpRequest, pk: int):
    source = get_object_or_404(Source, pk=pk)
    visible_events = Event.objects.visible_to(request.user)
    citations = (
        Citation.objects.visible_to(request.user)
        .filter(event__in=visible_events)
        .select_related("event")
    )
    passages = source.passages.order_by("number").prefetch_related(
        "date_mentions",
        Prefetch("actor_mentions", queryset=ActorMention.objects.select_related("actor")),
        Prefetch("citations", queryset=citations, to_attr="visible_citations"),
    )
    reading = [(passage, marked_passage(passage), cited_events(passage)) for passage in passages]
    return render(request, "events/source.html", {"source": source, "passages": reading})


def marked_passage(passage):
    dates = [
        highlight.Mark(m.start, m.end, "date", m.value, beside=False, key=f"date-{m.pk}")
        for m in passage.date_mentions.all()
    ]
    actors = [
        highlight.Mark(
            m.start,
            m.end,
            "actor",
            m.actor.name,
            href=reverse("actor", args=[m.actor.slug]),
            key=f"actor-{m.pk}",
        )
        for m in passage.actor_mentions.all()
    ]
    return highlight.highlight(passage.text, dates + actors)


def cited_events(passage) -> list[Event]:
    events = {c.event.pk: c.event for c in passage.visible_citations}
    return sorted(events.values(), key=lambda event: (event.start_date, event.pk))
