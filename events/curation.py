"""What a curator starts from when turning a passage into an event, or attaching it to one.

From a date mention, the draft is the sentence around it: quoted, dated by the mention (or
the range it opens: "Sep–Nov 2024"), with the actors the sentence names. From a whole
passage it is the passage, dated by its first mention of a specific date, with every actor
it names. The admin fills its forms with a draft; nothing is saved until the curator saves
them.
"""

from dataclasses import dataclass

from events.models import DateMention, Event, EventActor, EventType, Passage
from events.passages import Span, split_sentences
from events.proposals import UNCLASSIFIED, Dating, draft_title


@dataclass(frozen=True)
class Draft:
    passage: Passage
    span: Span  # the quote's offsets in the passage
    mention: DateMention | None  # what dates it, if anything does
    actor_ids: list[int]

    @property
    def dating(self) -> Dating | None:
        """The mention's dating, or the range's it opens with the next mention."""
        if self.mention is None:
            return None
        later = [m for m in self.passage.date_mentions.all() if m.start > self.mention.start]
        return Dating.starting(self.passage, [self.mention, *later[:1]])

    @property
    def quote(self) -> str:
        return self.passage.text[self.span.start : self.span.end]

    def event_initial(self) -> dict:
        """Initial values of the new event's own fields."""
        initial = {"title": draft_title(self.quote), "status": Event.Status.DRAFT}
        event_type = EventType.objects.filter(slug=UNCLASSIFIED).first()
        if event_type is not None:
            initial["event_type"] = event_type.pk
        dating = self.dating
        if dating is not None:
            basis, note = dating.basis(self.passage.source)
            initial.update(date=dating.edtf, date_basis=basis, date_note=f"{note}.")
        return initial

    def citation_initial(self) -> dict:
        return {
            "passage": self.passage.pk,
            "quote": self.quote,
            "start": self.span.start,
            "end": self.span.end,
            "stance": "mentions",
        }

    def actor_initial(self, event: Event | None = None) -> list[dict]:
        """One row per actor the quote names that ``event`` does not have yet."""
        present = set(event.event_actors.values_list("actor_id", flat=True)) if event else set()
        return [
            {"actor": actor_id, "role": EventActor.Role.ACTOR}
            for actor_id in self.actor_ids
            if actor_id not in present
        ]

    def candidates(self, search: str = "", limit: int = 25) -> list[Event]:
        """Events the quote may be evidence of: those sharing an actor with it and
        overlapping its date, the most precisely dated first; or, given ``search``, events
        whose title contains it."""
        if search:
            events = Event.objects.filter(title__icontains=search)
        else:
            events = Event.objects.filter(actors__in=self.actor_ids).distinct()
            dating = self.dating
            if dating is not None and dating.start_date:
                events = events.overlapping(dating.start_date, dating.end_date)
        return list(events.narrowest_first().select_related("event_type")[:limit])


def draft_from(passage: Passage, mention: DateMention | None = None) -> Draft:
    """The draft for ``passage``, or for the sentence of it around ``mention``."""
    actors = list(passage.actor_mentions.all())
    if mention is None:
        span = Span(0, len(passage.text))
        dated = [m for m in passage.date_mentions.all() if m.dates_an_event]
        mention = dated[0] if dated else None
    else:
        span = next(
            (s for s in split_sentences(passage.text) if s.start <= mention.start < s.end),
            Span(0, len(passage.text)),
        )
    named = [m.actor_id for m in actors if span.start <= m.start and m.end <= span.end]
    return Draft(passage, span, mention, list(dict.fromkeys(named)))
