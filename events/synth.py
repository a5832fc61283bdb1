"""A synthetic chronology for measuring the system at scale: pure code, no ORM.

``Chronology(events, seed)`` yields rows for every table, as dicts keyed by column
(attribute) name, with ids given, so they can be bulk-inserted without reading anything
back. The same seed gives the same rows. The shape follows what a conflict chronology
grows into when ACLED-style data and years of news come in:

- dates over 1900-2025, more of them recent, at mixed precisions (days, months, seasons,
  years, decades, ranges of days and of months, approximate and uncertain ones, a few
  open-ended);
- actors drawn by Zipf's law (a few take part in much of the record), most with aliases;
- places: a dozen towns that many events name, and villages that about ten events
  each name (in the summary);
- sources of 25 generated paragraphs naming actors, places and dates; every event cites
  1-5 sentences, each a quote at its exact offsets in its passage.
"""

import bisect
import datetime
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from events import edtf
from events.link_dates import span_class

PASSAGES_PER_SOURCE = 25
SENTENCES_PER_PASSAGE = 3
EVENTS_PER_SOURCE = 100
EVENTS_PER_ACTOR = 200
EVENTS_PER_VILLAGE = 10
QUOTE_CONTEXT = 32  # characters of context kept either side of a quote (Citation.prefix)

FIRST_YEAR, LAST_YEAR = 1900, 2025
ROLES = ["actor", "target", "participant", "speaker", "host", "visitor", "subject"]
KINDS = ["state", "armed-group", "organisation", "person", "party", "other"]
SOURCE_KINDS = ["news-article", "report", "analysis", "statement", "interview"]
STATUSES = ["published"] * 90 + ["reviewed"] * 7 + ["draft"] * 3
EVENT_TYPES = [
    ("attack", "Attack"),
    ("meeting", "Meeting"),
    ("statement", "Statement"),
    ("agreement", "Agreement"),
    ("deployment", "Deployment"),
    ("sanction", "Sanction"),
    ("election", "Election"),
    ("protest", "Protest"),
]
SYLLABLES = "ka ra mi to su an el ha ba di zo qu fa ne lo ti sa ve mo ri ya ko da".split()
PLACES = "Aleppo Homs Hama Idlib Damascus Deir Raqqa Latakia Daraa Palmyra Tartus Qamishli".split()
VERBS = (
    "attacked met signed condemned deployed to sanctioned supported withdrew from "
    "negotiated with shelled announced visited accused reinforced"
).split(" ")
NOUNS = (
    "positions talks agreement forces convoy offensive ceasefire envoy delegation "
    "airstrikes militia advisers supply lines"
).split(" ")
MONTHS = edtf.MONTH_NAMES


@dataclass
class Ids:
    """The first id of each table's new rows (one past the largest already there)."""

    actor: int = 1
    alias: int = 1
    source: int = 1
    passage: int = 1
    event: int = 1
    event_actor: int = 1
    citation: int = 1


@dataclass
class Sentence:
    text: str
    start: int  # offset in the passage


@dataclass
class PassageDraft:
    id: int
    number: int
    start: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)


class Chronology:
    def __init__(self, events: int, seed: int, ids: Ids | None = None, types: list | None = None):
        self.events = events
        self.seed = seed
        self.random = random.Random(seed)
        self.ids = ids or Ids()
        self.type_ids = types or []
        self.now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        self.actor_count = max(20, events // EVENTS_PER_ACTOR)
        self.source_count = max(3, events // EVENTS_PER_SOURCE)
        self.names = self._actor_names()
        # Zipf's law, s = 1.1: the actor of rank r is drawn with weight 1 / r^1.1.
        weights = [1 / rank**1.1 for rank in range(1, self.actor_count + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.passages: list[PassageDraft] = []
        self.dates: dict[str, edtf.EDTFDate] = {}

    # Actors

    def _actor_names(self) -> list[str]:
        names, seen = [], set()
        while len(names) < self.actor_count:
            name = self._word(2, 4).capitalize()
            if len(names) % 3 == 0:
                name = f"{name} {self._word(2, 3).capitalize()}"
            if name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def _word(self, low: int, high: int) -> str:
        return "".join(self.random.choices(SYLLABLES, k=self.random.randint(low, high)))

    def actors(self) -> Iterator[dict]:
        for offset, name in enumerate(self.names):
            yield {
                "id": self.ids.actor + offset,
                "slug": f"s{self.seed}-{name.lower().replace(' ', '-')}",
                "name": name,
                "name_key": name.lower(),
                "kind": KINDS[offset % len(KINDS)],
                "description": f"{name}, a synthetic actor.",
                "demonym": "",
                "wikidata_id": "",
                "created": self.now,
                "updated": self.now,
            }

    def aliases(self) -> Iterator[dict]:
        """Most actors have an alias or two: an acronym, a longer form."""
        number = itertools.count(self.ids.alias)
        for offset, name in enumerate(self.names):
            forms = [f"{name} Forces", "".join(word[:2] for word in name.split()).upper()]
            for alias in forms[: offset % 3]:
                yield {
                    "id": next(number),
                    "actor_id": self.ids.actor + offset,
                    "name": f"{alias} {offset}",
                    "name_key": f"{alias} {offset}".lower(),
                    "created": self.now,
                    "updated": self.now,
                }

    def draw_actors(self, count: int) -> list[int]:
        """Offsets of ``count`` different actors, by Zipf's law."""
        chosen: list[int] = []
        while len(chosen) < count:
            point = self.random.random() * self.cumulative[-1]
            offset = bisect.bisect_left(self.cumulative, point)
            if offset not in chosen:
                chosen.append(offset)
        return chosen

    # Sources and passages

    def sources(self) -> Iterator[tuple[dict, list[dict]]]:
        """Each source with its passages. The passages are kept for citing."""
        passage_id = itertools.count(self.ids.passage)
        for number in range(self.source_count):
            year = self.random.randint(1990, LAST_YEAR)
            drafts, offset = [], 0
            for paragraph in range(1, PASSAGES_PER_SOURCE + 1):
                draft = PassageDraft(next(passage_id), paragraph, offset)
                position = 0
                for _ in range(SENTENCES_PER_PASSAGE):
                    sentence = self._sentence(year)
                    draft.sentences.append(Sentence(sentence, position))
                    position += len(sentence) + 1
                drafts.append(draft)
                offset += len(draft.text) + 2  # the blank line between paragraphs
            self.passages.extend(drafts)
            text = "\n\n".join(draft.text for draft in drafts) + "\n"
            name = f"synth-{self.seed}-{number + 1:07d}.txt"
            published = f"{year}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}"
            day = datetime.date.fromisoformat(published)
            source = {
                "id": self.ids.source + number,
                "title": f"Synthetic report {number + 1} of seed {self.seed}",
                "kind": self.random.choice(SOURCE_KINDS),
                "outlet": f"{self._word(2, 3).capitalize()} News",
                "author": "",
                "url": "",
                "language": "en",
                "file_name": name,
                "text": text,
                "content_hash": "",  # the loader hashes the text
                "published": published,
                "published_start": day,
                "published_end": day,
                "published_precision": "day",
                "dating": "synthetic",
                "provenance": f"python manage.py synth --seed {self.seed}",
                "stance": "",
                "created": self.now,
                "updated": self.now,
            }
            passages = [
                {
                    "id": draft.id,
                    "source_id": source["id"],
                    "number": draft.number,
                    "start": draft.start,
                    "end": draft.start + len(draft.text),
                    "text": draft.text,
                }
                for draft in drafts
            ]
            yield source, passages

    def _sentence(self, year: int) -> str:
        first, second = self.draw_actors(2)
        day = f"{self.random.randint(1, 28)} {MONTHS[self.random.randint(1, 12)]} {year}"
        return (
            f"On {day} {self.names[first]} {self.random.choice(VERBS)} "
            f"{self.names[second]} {self.random.choice(NOUNS)} near "
            f"{self.random.choice(PLACES)}."
        )

    # Events

    def date(self) -> str:
        """An EDTF date: mostly days and months, some years and ranges, a few vaguer ones."""
        year = FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR) * self.random.random() ** 0.5)
        month, day = self.random.randint(1, 12), self.random.randint(1, 28)
        roll = self.random.random()
        if roll < 0.45:
            return f"{year}-{month:02d}-{day:02d}"
        if roll < 0.65:
            return f"{year}-{month:02d}"
        if roll < 0.70:
            return f"{year}-{self.random.randint(21, 24)}"
        if roll < 0.80:
            return str(year)
        if roll < 0.86:
            last = min(month + self.random.randint(1, 5), 12)
            return f"{year}-{month:02d}/{year}-{last:02d}"
        if roll < 0.91:
            start = datetime.date(year, month, day)
            end = start + datetime.timedelta(days=self.random.randint(1, 60))
            return f"{start.isoformat()}/{end.isoformat()}"
        if roll < 0.95:
            return f"{year}-{month:02d}~"
        if roll < 0.98:
            return f"{year}?"
        if roll < 0.995:
            return f"{str(year)[:3]}X"
        return f"../{year}" if self.random.random() < 0.5 else f"{year}-{month:02d}/.."

    def village(self) -> str:
        """A place few events name, as most places are: one of events/10 village names,
        so that any one of them names about ten events at every size of chronology."""
        number = self.random.randrange(max(1, self.events // EVENTS_PER_VILLAGE))
        return f"Qarya{number:x}"

    def parsed(self, date: str) -> edtf.EDTFDate:
        # The same few hundred thousand date strings come back again and again.
        if date not in self.dates:
            self.dates[date] = edtf.parse(date)
        return self.dates[date]

    def event_rows(self) -> Iterator[tuple[dict, list[dict], list[dict]]]:
        """Each event with its actor links and its citations."""
        if not self.passages:
            raise ValueError("Make the sources first: events cite their passages.")
        link_id = itertools.count(self.ids.event_actor)
        citation_id = itertools.count(self.ids.citation)
        for offset in range(self.events):
            event_id = self.ids.event + offset
            date = self.date()
            parsed = self.parsed(date)
            actors = self.draw_actors(self.random.choice((1, 1, 2, 2, 2, 3)))
            verb, noun = self.random.choice(VERBS), self.random.choice(NOUNS)
            place = self.random.choice(PLACES)
            title = f"{self.names[actors[0]]} {verb} {noun} near {place}"
            village = self.village()
            event = {
                "id": event_id,
                "slug": f"s{self.seed}-{event_id}",
                "title": title,
                "summary": f"{title}, by {village}, as the sources report ({parsed.display()}).",
                "event_type_id": self.random.choice(self.type_ids),
                "date": date,
                "start_date": parsed.start,
                "end_date": parsed.end,
                "precision": parsed.precision,
                "approximate": parsed.approximate,
                "uncertain": parsed.uncertain,
                "date_display": parsed.display(),
                "date_basis": "stated",
                "date_note": "synthetic",
                "location": place,
                "latitude": None,
                "longitude": None,
                "status": self.random.choice(STATUSES),
                "created": self.now,
                "updated": self.now,
            }
            links = [
                {
                    "id": next(link_id),
                    "event_id": event_id,
                    "actor_id": self.ids.actor + actor,
                    "role": ROLES[(offset + rank) % len(ROLES)],
                    # The event's own, as the database copies them (events/link_dates.py).
                    "status": event["status"],
                    "start_date": event["start_date"],
                    "end_date": event["end_date"],
                    "span_class": span_class(event["start_date"], event["end_date"]),
                }
                for rank, actor in enumerate(actors)
            ]
            cited = self.random.sample(self.passages, self.random.randint(1, 5))
            citations = [self._citation(next(citation_id), event_id, draft) for draft in cited]
            yield event, links, citations

    def _citation(self, citation_id: int, event_id: int, draft: PassageDraft) -> dict:
        sentence = self.random.choice(draft.sentences)
        text = draft.text
        start, end = sentence.start, sentence.start + len(sentence.text)
        return {
            "id": citation_id,
            "event_id": event_id,
            "passage_id": draft.id,
            "quote": sentence.text,
            "start": start,
            "end": end,
            "prefix": text[max(0, start - QUOTE_CONTEXT) : start],
            "suffix": text[end : end + QUOTE_CONTEXT],
            "stance": "asserts",
            "claimant_id": None,
            "attribution": "",
            "note": "",
            "suggested": False,
        }
