"""Propose events from what a source's sentences mention: the last step of ingest.

A sentence that mentions a specific date (a day, month, season or year, or a quarter or
half with its year: the first such mention if it has several, or the range it opens:
"Sep–Nov 2024", "from 2011 to 2013") and at least one actor is taken as evidence of an
event; a sentence whose clauses are dated each on their own, clause by clause ("On 3
January 2020 a US strike killed Soleimani, and on 8 January Iran fired missiles at US
bases"):

- when an event exists, of any status, whose actors include every actor the sentence names
  and whose date overlaps the mentioned one, the sentence is suggested to a curator as a
  citation of it (``Citation.suggested``); of several such events, the most precisely
  dated. Requiring the event's actors to be exactly the sentence's would miss most real
  matches: a sentence rarely names everyone an event involves. An event dated much more
  broadly than the sentence (by more than a month: "2023/2024" for "1 April 2024") must
  also share a word of its title or summary with the sentence, besides the actors' names
  and nationalities ("Battle of Aleppo" for "Aleppo falls"): overlapping dates and the
  same actors say little when the event spans years and the actors are states. So must an
  event dated much more narrowly than the sentence, a word of its title ("We came in
  2012" is no citation of a day in 2012). And so must any event when the sentence's one
  actor is a state, which takes part in many events a day ("On Oct. 1, Israeli troops
  crossed the border" is not Iran's missile attack on Israel that day).
  An event that has only some of the actors the sentence names matches when it is dated
  about as precisely and shares a word of its title, those with most of them first: "A US
  drone strike kills Soleimani near Baghdad airport" (Iraq, by its capital) is "Qasem
  Soleimani killed by US drone strike in Baghdad" (the US and Soleimani); "8 Dec. 2024:
  Damascus falls; Assad flees to Moscow; Iran's embassy is ransacked" is "Damascus falls
  and Assad's government collapses".
- otherwise a draft event is made from it: its title drafted from the sentence, type
  "unclassified", the mentioned date, the sentence's actors (role "actor") and the sentence
  as its citation.

A sentence that an event already cites, in whole or in part, is left alone: a curator has
dealt with it. Proposals are made only for newly ingested sources, so ingesting the same
text again proposes nothing.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from simple_history.utils import bulk_create_with_history

from events.mentions import Mentions
from events.models import (
    Actor,
    ActorMention,
    Citation,
    DateMention,
    Event,
    EventActor,
    EventQuerySet,
    EventType,
    Passage,
    Source,
    date_basis,
)
from events.passages import Span, split_sentences, topic_words

UNCLASSIFIED = "unclassified"  # the event type of drafts, added by migration 0006
TITLE_LENGTH = 120
# How much more broadly than a sentence an event may be dated and still match it on dates
# and actors alone; and how many of the matching events, most precisely dated first, are
# read for a shared word before a draft is made instead.
BROADER_BY = timedelta(days=31)
CANDIDATES = 20
PROPOSED = "Proposed at ingest:"  # how the date note of a proposed draft begins

# What joins the two ends of a range: "Sep–Nov 2024", "from 2011 to 2013", "March 3-5".
# "And" only after "between": "in September and November" names two months, not three.
_RANGE_JOIN = re.compile(r"\s?[–—-]\s?|\s(?:to|through|thru|until|till)\s")
_BETWEEN = re.compile(r"\bbetween\s$", re.IGNORECASE)
# Of a range's two ends, the anchor that says least for its date: "Sep–Nov 2024" is stated,
# "Sep–Nov" resolved from the publication date.
_WEAKEST_FIRST = [DateMention.Anchor.DCT, DateMention.Anchor.TEXT, DateMention.Anchor.ABSOLUTE]


@dataclass(frozen=True)
class Dating:
    """What dates an event drawn from a passage: a date mention, or two that make a range
    ("Sep–Nov 2024", from ``first`` to ``until``)."""

    passage: Passage
    first: DateMention
    until: DateMention | None = None

    @classmethod
    def starting(cls, passage: Passage, mentions: list[DateMention]) -> "Dating":
        """The dating by ``mentions[0]``, or by the range it opens with ``mentions[1]``."""
        first, *rest = mentions
        until = range_end(passage.text, first, rest[0]) if rest else None
        return cls(passage, first, until)

    @property
    def edtf(self) -> str:
        if self.until is None:
            return self.first.edtf
        # Either end may be an interval of its own (a quarter is its months): the range runs
        # from the start of the first to the end of the second.
        return f"{self.first.edtf.split('/')[0]}/{self.until.edtf.split('/')[-1]}"

    @property
    def start_date(self) -> date | None:
        return self.first.start_date

    @property
    def end_date(self) -> date | None:
        return (self.until or self.first).end_date

    def basis(self, source: Source) -> tuple[str, str]:
        """How the date was established: the date basis and a note for curators."""
        if self.until is None:
            return self.first.dating(source)
        text = self.passage.text[self.first.start : self.until.end]
        anchor = min((self.first.anchor, self.until.anchor), key=_WEAKEST_FIRST.index)
        return date_basis(text, anchor, source)


@dataclass(frozen=True)
class Evidence:
    """A sentence of a passage that mentions a specific date (or range) and some actors."""

    passage: Passage
    sentence: Span
    dating: Dating
    actor_ids: list[int]
    topics: frozenset[str] = frozenset()  # its words, but for dates and actors' names
    # States that stand only for an organ named ("the Iranian Quds Force"): a draft's
    # actors, but not needed by an event to match the sentence.
    implied: tuple[int, ...] = ()

    @property
    def quote(self) -> str:
        return self.passage.text[self.sentence.start : self.sentence.end]


@dataclass
class Proposals:
    """What ingestion proposed for curators to review."""

    drafts: list[Event] = field(default_factory=list)
    suggested: list[Citation] = field(default_factory=list)


def propose_events(source: Source, passages: list[Passage], mentions: Mentions) -> Proposals:
    """Suggest each dated sentence with actors as a citation of a matching event, or draft
    an event from it."""
    proposals = Proposals()
    event_type = EventType.objects.get(slug=UNCLASSIFIED)
    states, people, organs = (
        frozenset(Actor.objects.filter(kind__in=kinds).values_list("pk", flat=True))
        for kinds in ([Actor.Kind.STATE], [Actor.Kind.PERSON], Actor.ORGANS)
    )
    for evidence in find_evidence(passages, mentions, source.title, people, organs):
        sentence = evidence.sentence
        if Citation.objects.overlapping(evidence.passage, sentence.start, sentence.end).exists():
            continue
        event = matching_event(evidence, states)
        if event is not None:
            proposals.suggested.append(suggest_citation(event, evidence))
        else:
            proposals.drafts.append(draft_event(source, evidence, event_type))
    return proposals


def find_evidence(
    passages: list[Passage],
    mentions: Mentions,
    title: str = "",
    people: frozenset[int] = frozenset(),
    organs: frozenset[int] = frozenset(),
) -> Iterator[Evidence]:
    """The sentences, in order, that mention a specific date and at least one actor; not
    in a heading, which names what follows and is no event: a Markdown one, or the line
    that is the document's ``title`` when it is no sentence ("Sanctions briefing: the Iran
    nuclear deal in the courts, 2018-2020") and more follows it. A sentence opening with a
    pronoun also names the actor the sentence before names, if that is clear (see
    ``_referent``; ``people`` are the actors that are persons). A state named by its
    demonym before one of its ``organs`` ("the Iranian Quds Force") is among the actors of
    a draft, but an event need not have it to match: the organ acts for it."""
    dates, actors = by_passage(mentions.dates, mentions.actors)
    title = " ".join(title.split()) if len(passages) > 1 else ""
    for passage in passages:
        if not (dates[passage.pk] and actors[passage.pk]):
            continue
        if passage.text.startswith("#") or _title_line(passage.text, title):
            continue
        named, previous = actors[passage.pk], None
        for sentence in split_sentences(passage.text):
            also = _referent(passage.text, sentence, previous, named, people)
            for part in event_clauses(passage.text, sentence, dates[passage.pk]):
                evidence = sentence_evidence(passage, part, dates[passage.pk], named, also, organs)
                if evidence is not None:
                    yield evidence
                also = ()  # the pronoun is the first clause's subject
            previous = sentence


def event_clauses(text: str, sentence: Span, dates: list[DateMention]) -> list[Span]:
    """The clauses of a sentence that tell events of their own, each dated: "On 3 January
    2020 a US strike killed Soleimani, and on 8 January Iran fired missiles at US bases"
    tells two. A clause with no date of its own belongs with the one before it, or with the
    one after it when it opens the sentence. The sentence whole if only one is dated."""
    parts: list[tuple[Span, bool]] = []  # each clause, and whether it has a date
    start = sentence.start
    for end, after in [*_clause_breaks(text, sentence, dates), (sentence.end, sentence.end)]:
        clause = Span(start, end)
        inside = sorted((m for m in dates if within(m, clause)), key=lambda m: m.start)
        dated = bool(dating_mentions(text, inside))
        if parts and (not dated or not parts[-1][1]):
            parts[-1] = (Span(parts[-1][0].start, end), dated or parts[-1][1])
        else:
            parts.append((clause, dated))
        start = after
    return [part for part, _dated in parts] if len(parts) > 1 else [sentence]


def _clause_breaks(text: str, sentence: Span, dates: list[DateMention]) -> list[tuple[int, int]]:
    """Where a sentence's clauses end and the next begin: at a semicolon, or a comma and a
    conjunction ("..., and on 8 January Iran fired"); not before a date, which a comma and
    a conjunction join to a list ("in September, October, and November 2015")."""
    starts = {mention.start for mention in dates}
    return [
        (found.start(), found.end())
        for found in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)
        if found[0].startswith(";") or found.end() not in starts
    ]


_CLAUSE_BREAK = re.compile(r";\s+|,\s(?:and|but|while|whereas|then)\s")


def _referent(
    text: str,
    sentence: Span,
    previous: Span | None,
    named: list[ActorMention],
    people: frozenset[int],
) -> tuple[int, ...]:
    """The actor a sentence opening with a pronoun is about, when the sentence before names
    one only that the pronoun can stand for: "He" or "She" a person ("Araghchi flies to
    Damascus. He travels on to Ankara the next day"); "It" or "They" a state or group
    ("Hezbollah fought at Qusayr. It lost Badreddine on 13 May 2016"), "They" only if that
    sentence names no person, whom it could mean as well."""
    if previous is None or not (pronoun := _PRONOUN.match(text, sentence.start)):
        return ()
    before = {m.actor_id for m in named if within(m, previous)}
    persons = before & people
    if pronoun["person"]:
        candidates = persons
    elif pronoun["plural"] and persons:
        return ()
    else:
        candidates = before - people
    return tuple(candidates) if len(candidates) == 1 else ()


# A pronoun opening a sentence; not "It" with a verb of being, which is mostly no actor
# ("It was 2020", "It is unclear whether...").
_PRONOUN = re.compile(
    r"(?:(?P<person>He|She|His|Her)|(?P<plural>They|Their)|It(?!\s(?:is|was|has\sbeen|had\s"
    r"been|will\sbe|would\sbe|seems|seemed|appears|appeared|remains|remained)\b)|Its)\b"
)


def _title_line(text: str, title: str) -> bool:
    """Whether a passage is the document's title, written as a heading: no full stop."""
    return bool(title) and " ".join(text.split()) == title and not _SENTENCE_END.search(text)


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s*$")


def by_passage(
    dates: Iterable[DateMention], actors: Iterable[ActorMention]
) -> tuple[dict[int, list[DateMention]], dict[int, list[ActorMention]]]:
    """The date mentions that can date an event, and the actor mentions, by passage id."""
    dates_by, actors_by = defaultdict(list), defaultdict(list)
    for mention in dates:
        if mention.dates_an_event:
            dates_by[mention.passage_id].append(mention)
    for mention in actors:
        actors_by[mention.passage_id].append(mention)
    return dates_by, actors_by


def sentence_evidence(
    passage: Passage,
    sentence: Span,
    dates: list[DateMention],
    actors: list[ActorMention],
    also: tuple[int, ...] = (),
    organs: frozenset[int] = frozenset(),
) -> Evidence | None:
    """The evidence in one sentence, given its passage's mentions and the actors it is
    about without naming them (``also``); None when it lacks a date or an actor. A state
    that only stands for one of its ``organs`` is implied, not required (see Evidence)."""
    inside = sorted((m for m in dates if within(m, sentence)), key=lambda m: m.start)
    inside = dating_mentions(passage.text, inside)
    named = [m for m in actors if within(m, sentence)]
    if not (inside and (named or also)):
        return None
    implied = _standing_for_organs(passage.text, named, organs)
    actor_ids = list(dict.fromkeys([*(m.actor_id for m in named if m not in implied), *also]))
    implied_ids = tuple(dict.fromkeys(m.actor_id for m in implied if m.actor_id not in actor_ids))
    topics = topic_words(passage.text[sentence.start : sentence.end])
    topics = topics.difference(*(topic_words(m.text) for m in named))
    dating = Dating.starting(passage, inside)
    return Evidence(passage, sentence, dating, actor_ids, topics, implied_ids)


def _standing_for_organs(
    text: str, named: list[ActorMention], organs: frozenset[int]
) -> list[ActorMention]:
    """The mentions of a state by the demonym that opens one of its organs' names, or
    stands just before it ("the Iranian Quds Force")."""
    starts = {m.start for m in named if m.actor_id in organs}
    ends = {start - 1 for start in starts if text[start - 1 : start].isspace()}
    return [m for m in named if m.actor_id not in organs and (m.start in starts or m.end in ends)]


def dating_mentions(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Of a sentence's date mentions, in order, those that may date its event, from the
    one that does: not a time the event follows or precedes ("since 2011", "after October
    2023", "by early 2019"); nor, unless no other date is left, one that names something
    else ("withdrew from the 2015 nuclear deal on 8 May 2018"), or one in an aside ("The
    Saudis, who had cut ties in 2016, restored them on 10 March 2023"); and a date stated
    in full before the one counted or approximate just before it ("Less than a month
    later, on 20 January 2024")."""
    mentions = [
        mention
        for before, mention in zip([None, *mentions], mentions, strict=False)
        if not _NOT_WHEN.search(text, 0, mention.start)
        or (before is not None and range_end(text, before, mention) is mention)  # "2012 until 2015"
    ]
    for background in (_names_a_thing, _in_aside):
        aside = [mention for mention in mentions if background(text, mention)]
        if aside and len(aside) < len(mentions):
            mentions = [mention for mention in mentions if mention not in aside]
    first, then = (mentions + [None, None])[:2]
    if (
        then is not None
        and (first.anchor == DateMention.Anchor.TEXT or "~" in first.edtf)
        and then.anchor == DateMention.Anchor.ABSOLUTE
        and _RESTATED.fullmatch(text, first.end, then.start)
    ):
        return mentions[1:]
    return mentions


# Between a date counted or approximate and the same date stated in full after it.
_RESTATED = re.compile(r",?\s(?:on\s|in\s)?|\s?[(—–-]\s?(?:on\s|in\s)?")
# Before a date that bounds the event rather than dates it.
_NOT_WHEN = re.compile(r"\b(?:[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil|[Tt]ill|[Bb]y)\s$")
# A date between an article and a noun names a thing by it: "the 2015 nuclear deal", "the
# 1955 Treaty of Amity", "the 8 December fall of Damascus".
_ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s$")
_NOUN_AFTER = re.compile(
    r",?\s(?!(?:and|or|to|until|till|through|in|on|at|by|when|as|with|after|before|from|of|"
    r"for|is|was|were|are|had|has|have|that|which)\b)[A-Za-z]"
)


def _names_a_thing(text: str, mention: DateMention) -> bool:
    return bool(
        _ARTICLE_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        and _NOUN_AFTER.match(text, mention.end)
    )


# What opens an aside, which a comma, bracket or the sentence's end closes: a relative
# clause set off by a comma, or a bracket.
_ASIDE_OPENS = re.compile(r",\s(?:who|which|whose|whom|where)\b|\(")
_ASIDE_CLOSES = re.compile(r"[^,;()]*?(?:[,)]|[.!?][\"”’')]*(?:\s|$))")
_ASIDE_REACH = 150  # characters either side of the date


def _in_aside(text: str, mention: DateMention) -> bool:
    """Whether a date is in an aside, as in "The Saudis, who had cut ties in 2016, restored
    them", or "Iran (which had lost Soleimani in 2020) struck"."""
    before = text[max(0, mention.start - _ASIDE_REACH) : mention.start]
    opened = max(_ASIDE_OPENS.finditer(before), key=lambda match: match.start(), default=None)
    if opened is None or re.search(r"[,;)]|[.!?]\s", before[opened.end() :]):
        return False
    return _ASIDE_CLOSES.match(text, mention.end, mention.end + _ASIDE_REACH) is not None


def range_end(text: str, first: DateMention, second: DateMention) -> DateMention | None:
    """``second``, when it ends a range that ``first`` opens in ``text``: both specific,
    joined by a dash, "to" or "until", or by "and" after "between"; and not before it."""
    if not (first.dates_an_event and second.dates_an_event):
        return None
    joined = text[first.end : second.start]
    if not (
        _RANGE_JOIN.fullmatch(joined)
        or (joined == " and " and _BETWEEN.search(text, 0, first.start))
    ):
        return None
    return second if second.end_date > first.end_date else None


def within(mention: DateMention | ActorMention, sentence: Span) -> bool:
    return sentence.start <= mention.start and mention.end <= sentence.end


def matching_event(evidence: Evidence, states: frozenset[int] = frozenset()) -> Event | None:
    """The most precisely dated event with all the sentence's actors, overlapping its date,
    and either dated about as precisely or sharing a topic word with it; else one with
    some of the sentence's actors, as many as can be, dated about as precisely and sharing
    a word of its title (see above). A sentence whose one actor is of ``states`` must share
    a word with the event however it is dated."""
    dated = evidence.dating
    one_state = len(evidence.actor_ids) == 1 and evidence.actor_ids[0] in states
    for event in _overlapping(evidence.actor_ids, dated):
        alike = _dated_alike(event, dated) and not one_state
        if alike or evidence.topics & _topics(event, dated):
            return event
    if len(evidence.actor_ids) < 2:
        return None
    for event in _sharing_most(evidence.actor_ids, dated):
        if _dated_alike(event, dated) and evidence.topics & topic_words(event.title):
            return event
    return None


def _sharing_most(actor_ids: list[int], dated: Dating) -> EventQuerySet:
    """The events with some but not all of these actors dated over the sentence's date,
    those with most of them first, then the most precisely dated, as many as are read."""
    links = Q(event_actors__actor__in=actor_ids)
    events = Event.objects.overlapping(dated.start_date, dated.end_date)
    events = events.annotate(shared=Count("event_actors__actor", filter=links, distinct=True))
    events = events.filter(shared__gt=0, shared__lt=len(actor_ids))
    return events.narrowest_first("-shared")[:CANDIDATES]


def _topics(event: Event, dated: Dating) -> frozenset[str]:
    """The words an event must share with a sentence it is not dated alike: of its title
    and summary when it is the broader ("Battle of Aleppo", whose summary tells its
    course); of its title alone when the sentence is ("between 2017 and 2019, Iran signs
    agreements" is no citation of the Astana memorandum for a word of its summary)."""
    if event.end_date - event.start_date > dated.end_date - dated.start_date:
        return event.topics()
    return topic_words(event.title)


def _dated_alike(event: Event, dated: Dating) -> bool:
    """Whether the event and the sentence are dated about as precisely: neither spans more
    than a month longer than the other. A day is not matched to a year on dates alone,
    either way: "Iran came in 2012" is no citation of a day in 2012."""
    event_span = event.end_date - event.start_date
    sentence_span = dated.end_date - dated.start_date
    return abs(event_span - sentence_span) <= BROADER_BY


def _overlapping(actor_ids: tuple[int, ...] | list[int], dated: Dating) -> EventQuerySet:
    """The events with all these actors dated over the sentence's date, most precisely
    dated first, as many as are read."""
    events = Event.objects.involving_every(list(actor_ids))
    return events.overlapping(dated.start_date, dated.end_date).narrowest_first()[:CANDIDATES]


def suggest_citation(event: Event, evidence: Evidence) -> Citation:
    """Cite the sentence for ``event``, flagged for a curator to confirm."""
    citation = cite(evidence, event)
    citation.suggested = True
    citation.save()
    # The event's JSON changed (for curators): move `updated`, which ETags and sync follow.
    Event.objects.filter(pk=event.pk).update()
    return citation


def draft_event(source: Source, evidence: Evidence, event_type: EventType) -> Event:
    """A new draft event made from the sentence, with its actors and citing it."""
    basis, note = evidence.dating.basis(source)
    event = Event(
        title=draft_title(evidence.quote),
        event_type=event_type,
        date=evidence.dating.edtf,
        date_basis=basis,
        date_note=f"{PROPOSED} {note}.",
        status=Event.Status.DRAFT,
    )
    event.save()
    links = [
        EventActor(event=event, actor_id=actor_id, role=EventActor.Role.ACTOR)
        for actor_id in [*evidence.actor_ids, *evidence.implied]
    ]
    bulk_create_with_history(links, EventActor)
    cite(evidence, event).save()
    return event


def redate_drafts(source: Source) -> int:
    """Date again, from the sentences they cite, the drafts proposed from ``source`` that no
    one has changed since: after its publication date or kind changed, their relative dates
    ("on Monday") may be other days. How many were re-dated."""
    dates, actors = by_passage(
        DateMention.objects.filter(passage__source=source),
        ActorMention.objects.filter(passage__source=source),
    )
    proposed = Citation.objects.filter(
        passage__source=source,
        suggested=False,
        event__status=Event.Status.DRAFT,
        event__date_note__startswith=PROPOSED,
    ).select_related("event", "passage")
    redated = 0
    for citation in proposed:
        event, passage = citation.event, citation.passage
        if event.history.exclude(history_user=None).exists():
            continue  # a curator has changed it: the date is theirs now
        sentence = Span(citation.start, citation.end)
        evidence = sentence_evidence(passage, sentence, dates[passage.pk], actors[passage.pk])
        if evidence is None or evidence.dating.edtf == event.date:
            continue
        basis, note = evidence.dating.basis(source)
        event.date = evidence.dating.edtf
        event.date_basis = basis
        event.date_note = f"{PROPOSED} {note}."
        event.save()
        redated += 1
    return redated


def cite(evidence: Evidence, event: Event) -> Citation:
    # Only "mentions": whether the source asserts, reports or disputes it is for a curator.
    return Citation(
        event=event,
        passage=evidence.passage,
        quote=evidence.quote,
        start=evidence.sentence.start,
        end=evidence.sentence.end,
        stance=Citation.Stance.MENTIONS,
    )


_LIST_MARKER = re.compile(r"^(?:[-*•–—]|\d{1,3}[.)])\s+")  # "- ", "• ", "12. " opening a line


def draft_title(sentence: str, limit: int = TITLE_LENGTH) -> str:
    """A title drafted from a sentence: on one line, without a list item's marker or its
    final full stop, and cut at a word boundary with "…" when longer than ``limit``
    characters."""
    title = _LIST_MARKER.sub("", " ".join(sentence.split())).rstrip(" .,;:")
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut and not title[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # do not end on part of a word
    return cut.rstrip(" .,;:-–—([{“‘\"'") + "…"
