"""Find the dates and actors a source's passages mention, and store them: a step of ingest.

The temporal tagger reads the whole text at once, so that "a day later" can resolve against
a date stated in an earlier passage; each expression is then stored with the passage it lies
in, at offsets into that passage. Actors' names are matched passage by passage, except
that a person the source names in full is then found by surname in any of its passages.
"""

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import models, transaction

from events import timex
from events.actor_names import ActorMatcher
from events.models import ActorMention, DateMention, Passage, Source

# What makes a stored mention the same as one found again; the rest derives from these.
DATE_MENTION_KEY = ("passage_id", "start", "end", "type", "value", "anchor", "edtf")
ACTOR_MENTION_KEY = ("passage_id", "start", "end", "actor_id")


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
    """Unsaved mentions of the actors named in each passage (and, by surname, of the people
    the source names in full: see ``ActorMatcher.find_in_document``)."""
    found = matcher.find_in_document([passage.text for passage in passages])
    for passage, names in zip(passages, found, strict=True):
        for name in names:
            yield ActorMention(
                passage=passage,
                actor_id=name.actor_id,
                start=name.start,
                end=name.end,
                text=name.text,
            )


@dataclass
class MentionChanges:
    """What finding a source's mentions again changed; as text, only what did."""

    dates_added: int = 0
    dates_removed: int = 0
    actors_added: int = 0
    actors_removed: int = 0
    drafts_redated: int = 0  # drafts proposed from the source, dated again (see proposals)

    def __bool__(self) -> bool:
        counts = (self.dates_added, self.dates_removed, self.actors_added, self.actors_removed)
        return any((*counts, self.drafts_redated))

    def __str__(self) -> str:
        parts = [
            f"{noun} mentions: {added} added, {removed} removed"
            for noun, added, removed in [
                ("date", self.dates_added, self.dates_removed),
                ("actor", self.actors_added, self.actors_removed),
            ]
            if added or removed
        ]
        if self.drafts_redated:
            parts.append(f"drafts re-dated: {self.drafts_redated}")
        return "; ".join(parts)


def refresh_mentions(source: Source, *, matcher: ActorMatcher | None = None) -> MentionChanges:
    """Find again what a stored source's passages mention, and store the difference: after
    its publication date or kind has changed (relative dates resolve against them), the
    tagger has improved, or, given a ``matcher``, actors, aliases or demonyms were added (without
    one, actor mentions are left as they are). A mention found again is kept, with its id.
    Nothing is proposed: what the source says has been curated already, if at all."""
    passages = list(source.passages.order_by("number"))
    changes = MentionChanges()
    with transaction.atomic():
        stored = DateMention.objects.filter(passage__source=source)
        found = date_mentions(source, passages)
        changes.dates_added, changes.dates_removed = _store_difference(
            stored, found, DATE_MENTION_KEY
        )
        if matcher is not None:
            stored = ActorMention.objects.filter(passage__source=source)
            found = list(actor_mentions(passages, matcher))
            changes.actors_added, changes.actors_removed = _store_difference(
                stored, found, ACTOR_MENTION_KEY
            )
    return changes


def _store_difference(
    stored: models.QuerySet, found: list[models.Model], key: tuple[str, ...]
) -> tuple[int, int]:
    """Delete the stored mentions not found, add those found but not stored; the numbers
    added and deleted."""

    def identity(mention: models.Model) -> tuple:
        return tuple(getattr(mention, name) for name in key)

    current = {identity(mention): mention.pk for mention in stored}
    wanted = {identity(mention): mention for mention in found}
    stale = [pk for known, pk in current.items() if known not in wanted]
    new = [mention for known, mention in wanted.items() if known not in current]
    stored.model.objects.filter(pk__in=stale).delete()
    stored.model.objects.bulk_create(new)
    return len(new), len(stale)
