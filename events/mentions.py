"""Find the dates and actors a source's passages mention, and store them: a step of ingest.

The temporal tagger reads the whole text at once, so that "a day later" can resolve against
a date stated in an earlier passage; each expression is then stored with the passage it lies
in, at offsets into that passage. Actors' names are matched passage by passage.
"""

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from events import timex
from events.actor_names import ActorMatcher
from events.models import ActorMention, DateMention, Passage, Source


@dataclass
class Mentions:
    """The mentions stored for a source's passages."""

    dates: list[DateMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)


def record_mentions(source: Source, passages: list[Passage], *, matcher: ActorMatcher) -> Mentions:
    """Tag the dates in the source's text and match actors' names in its passages (in
    order), and store both."""
    dates = DateMention.objects.bulk_create(date_mentions(source, passages))
    actors = ActorMention.objects.bulk_create(actor_mentions(passages, matcher))
    return Mentions(dates=dates, actors=actors)


def date_mentions(source: Source, passages: list[Passage]) -> list[DateMention]:
    """Unsaved mentions of the temporal expressions in the source's text, each in the
    passage holding it; an expression reaching across passages (a tagger's mistake) is
    left out."""
    starts = [passage.start for passage in passages]
    found = []
    for expression in timex.extract(source.text, source.dct, source.kind):
        index = bisect_right(starts, expression.start) - 1
        if index >= 0 and expression.end <= passages[index].end:
            found.append(DateMention.from_timex(expression, passages[index]))
    return found


def actor_mentions(passages: list[Passage], matcher: ActorMatcher) -> Iterator[ActorMention]:
    """Unsaved mentions of the actors named in each passage."""
    for passage in passages:
        for name in matcher.find(passage.text):
            yield ActorMention(
                passage=passage,
                actor_id=name.actor_id,
                start=name.start,
                end=name.end,
                text=name.text,
            )
