"""The timeline's data: sources kept verbatim, their passages, actors, and dated events
that cite the exact passages mentioning them."""

import hashlib
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from events import edtf, search
from events.actor_names import DEMONYM_FORM, ActorMatcher
from events.link_dates import SPAN_LIMITS
from events.passages import split_passages, topic_words

if TYPE_CHECKING:
    from events.timex import Timex

# The longest free text a curator writes, in characters: enforced by the admin's forms and
# the API (a megabyte of summary is a mistake or an attack, never a summary).
DESCRIPTION = 20_000
LONG_NOTE = 5_000
QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with a citation (W3C TextQuoteSelector)


def validate_edtf(value: str) -> None:
    """Field validator: reject a string that is not EDTF (levels 0 and 1), saying why."""
    try:
        edtf.parse(value)
    except edtf.EDTFError as error:
        raise ValidationError(str(error), code="invalid_edtf") from error


def parse_edtf(value: str, field: str) -> edtf.EDTFDate:
    """Parse ``value`` as EDTF, raising a ValidationError on ``field`` that says why not."""
    try:
        return edtf.parse(value)
    except edtf.EDTFError as error:
        raise ValidationError({field: str(error)}, code="invalid_edtf") from error


class Precision(models.TextChoices):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"


def as_id(term: str) -> int | None:
    """``term`` as a primary key, or None when it cannot be one (so it matches nothing)."""
    term = term.strip()
    if term.isascii() and term.isdigit() and 0 < int(term) < 2**63:
        return int(term)
    return None


def unique_slug(instance: models.Model, text: str, fallback: str) -> str:
    """A slug made from ``text`` that no other row of the model has: 'iran', 'iran-2'.
    Text with no Latin letters or digits (ايران) gets ``fallback``, numbered in turn."""
    base = slugify(text)[:90].strip("-") or fallback
    others = type(instance).objects.exclude(pk=instance.pk)
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Sources and passages


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, file_name: str) -> "Source":
        return self.get(file_name=file_name)

    def create_with_passages(self, **fields) -> "Source":
        """Save a new source and its passages together: a source is never without them."""
        with transaction.atomic():
            source = self.create(**fields)
            Passage.objects.bulk_create(source.build_passages())
        return source

    def identified_by(self, term: str) -> "SourceQuerySet":
        """The source whose id or file name is ``term``."""
        return self.filter(Q(file_name=term) | Q(pk=as_id(term)))


class Source(models.Model):
    """One document, its text exactly as ingested."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview"
        SPEECH = "speech"
        NEWS_ARTICLE = "news-article", "news article"
        OPINION = "opinion"
        ANALYSIS = "analysis"
        REPORT = "report"
        STATEMENT = "statement"
        OTHER = "other"

    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True, help_text="Author or speaker.")
    url = models.URLField(max_length=1000, blank=True, help_text="Original URL, where known.")
    language = models.CharField(max_length=16, default="en")
    file_name = models.CharField(max_length=255, unique=True)
    text = models.TextField(help_text="The full text exactly as ingested.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    published = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_edtf],
        help_text="Publication date as EDTF; the document creation time (DCT) for relative dates.",
    )
    published_start = models.DateField(null=True, blank=True, editable=False)
    published_end = models.DateField(null=True, blank=True, editable=False)
    published_precision = models.CharField(
        max_length=10, choices=Precision.choices, blank=True, editable=False
    )
    dating = models.TextField(
        blank=True, max_length=LONG_NOTE, help_text="How the publication date was established."
    )
    provenance = models.TextField(blank=True, max_length=LONG_NOTE)
    stance = models.TextField(
        blank=True, max_length=LONG_NOTE, help_text="The outlet's and author's standpoint."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["published_start", "file_name"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.content_hash = self.hash_text(self.text)
        self.derive_published()
        redated = self.stored_reading not in (None, self.reading_basis)
        self.mention_changes = None
        with transaction.atomic():
            super().save(*args, **kwargs)
            # Relative dates ("on Thursday", "today") were resolved against the publication
            # date and read as the kind of text: when either changes, so may they.
            if redated:
                from events.mentions import refresh_mentions  # they build on these models
                from events.proposals import redate_drafts

                self.mention_changes = refresh_mentions(self)
                self.mention_changes.drafts_redated = redate_drafts(self)
        self.stored_reading = self.reading_basis

    @classmethod
    def from_db(cls, db, field_names, values) -> "Source":
        source = super().from_db(db, field_names, values)
        if {"published_start", "kind"} <= set(field_names):
            source.stored_reading = source.reading_basis
        return source

    # What the temporal tagger reads the text against, as last read from or written to the
    # database (None when unknown), and what saving changed in the date mentions.
    stored_reading = None
    mention_changes = None

    @property
    def reading_basis(self) -> tuple[date | None, str]:
        return (self.published_start, self.kind)

    def natural_key(self) -> tuple[str]:
        return (self.file_name,)

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def derive_published(self) -> None:
        parsed = parse_edtf(self.published, "published") if self.published else None
        self.published_start = parsed.start if parsed else None
        self.published_end = parsed.end if parsed else None
        self.published_precision = parsed.precision if parsed else ""

    @property
    def published_display(self) -> str:
        """The publication date for people: "15–31 Dec 2015"; blank when unknown."""
        try:
            return edtf.parse(self.published).display() if self.published else ""
        except edtf.EDTFError:
            return self.published

    @property
    def dct(self) -> date | None:
        """The document creation time relative dates resolve against: the first day the
        publication date can mean (the earliest the text can have been written from)."""
        return self.published_start

    def build_passages(self) -> list["Passage"]:
        """Unsaved passages of this source's text, numbered from 1."""
        return [
            Passage(
                source=self,
                number=number,
                start=span.start,
                end=span.end,
                text=self.text[span.start : span.end],
            )
            for number, span in enumerate(split_passages(self.text), start=1)
        ]


class PassageQuerySet(models.QuerySet):
    def get_by_natural_key(self, file_name: str, number: int) -> "Passage":
        return self.get(source__file_name=file_name, number=number)

    def mentioning(self, actors: "models.QuerySet | list[int]") -> "PassageQuerySet":
        """Passages that name any of ``actors`` (by name or alias)."""
        mentions = ActorMention.objects.filter(actor__in=actors).values("passage_id")
        return self.filter(pk__in=mentions)

    def mentioning_dates(self, start: date, end: date) -> "PassageQuerySet":
        """Passages mentioning a specific date whose span meets the window [start, end]."""
        return self.filter(pk__in=DateMention.objects.overlapping(start, end).values("passage_id"))


class Passage(models.Model):
    """A paragraph or interview turn: exactly ``source.text[start:end]``."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages")
    number = models.PositiveIntegerField(help_text="Position in the source, from 1.")
    start = models.PositiveIntegerField(help_text="Offset of the first character in the source.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character.")
    text = models.TextField()

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="passage_number_unique"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="passage_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.file_name} ¶{self.number}"

    def natural_key(self) -> tuple[str, int]:
        return (self.source.file_name, self.number)

    natural_key.dependencies = ["events.source"]


# Actors


class ActorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> "Actor":
        return self.get(slug=slug)

    def matching(self, term: str) -> "ActorQuerySet":
        """Actors whose id, slug, name or any alias is ``term``, ignoring case."""
        return self.filter(pk__in=Actor.objects.matching_ids(term))

    def matching_ids(self, term: str) -> models.QuerySet:
        """The ids of ``matching(term)``: one index lookup per column, united (conditions
        on several columns ORed together would scan the table)."""
        key = ActorAlias.normalize(term)
        named = [
            Actor.objects.filter(slug=slugify(term)),
            Actor.objects.filter(name_key=key),
            *([Actor.objects.filter(pk=as_id(term))] if as_id(term) is not None else []),
        ]
        ids = [actors.order_by().values_list("pk", flat=True) for actors in named]
        aliased = ActorAlias.objects.filter(name_key=key).order_by()
        return aliased.values_list("actor_id", flat=True).union(*ids)

    def name_matcher(self) -> ActorMatcher:
        """A matcher that finds these actors' names and aliases in texts."""
        names = list(self.values_list("pk", "name"))
        names += ActorAlias.objects.filter(actor__in=self).values_list("actor_id", "name")
        people = self.filter(kind=Actor.Kind.PERSON).values_list("pk", flat=True)
        demonyms = self.exclude(demonym="").values_list("pk", "demonym")
        organs = self.filter(kind__in=Actor.ORGANS).values_list("pk", flat=True)
        return ActorMatcher(names, people=people, demonyms=demonyms, organs=organs)


class Actor(models.Model):
    """A person, state, organisation, armed group, media outlet... that takes part in events."""

    class Kind(models.TextChoices):
        PERSON = "person"
        STATE = "state"
        GOVERNMENT_BODY = "government-body", "government body"
        MILITARY = "military", "military force"
        ARMED_GROUP = "armed-group", "armed group"
        ORGANISATION = "organisation"
        MEDIA = "media", "media outlet"

    # The kinds of a state's own bodies, whose acts are the state's (see ActorMatcher).
    ORGANS = (Kind.MILITARY, Kind.GOVERNMENT_BODY)

    slug = models.SlugField(
        max_length=100, unique=True, help_text="Identifier in URLs and filters: iran, isis."
    )
    name = models.CharField(max_length=200, help_text="Canonical name.")
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True, max_length=DESCRIPTION)
    demonym = models.CharField(
        max_length=50,
        blank=True,
        validators=[RegexValidator(DEMONYM_FORM, "A demonym is one capitalised word: Iranian.")],
        help_text="The adjective of a state, as Iranian for Iran: it names the state in texts "
        "where it qualifies the state's doing or organs (an Iranian drone strike, Iranian "
        "officials), not its people or places (Iranian dissidents, Iranian cities).",
    )
    wikidata_id = models.CharField(
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q794.")],
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = ActorAlias.normalize(self.name)
        if not self.slug:
            self.slug = unique_slug(self, self.name, "actor")
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def absorb(self, duplicates: "list[Actor]") -> None:
        """Merge duplicates of this actor into it, all or nothing: their event links, the
        claims attributed to them and their mentions move here, their names and aliases
        become this actor's aliases (and a demonym its own, if it has none), and they are
        deleted."""
        duplicates = [actor for actor in duplicates if actor.pk != self.pk]
        with transaction.atomic():
            names = list(self.aliases.values_list("name", flat=True))
            for duplicate in duplicates:
                linked = set(EventActor.objects.filter(actor=self).values_list("event_id", "role"))
                for link in duplicate.event_roles.all():
                    key = (link.event_id, link.role)
                    linked = move_unless_present(link, key, linked, self, "actor")
                for citation in duplicate.claims.all():
                    citation.claimant = self
                    citation.save()
                duplicate.mentions.update(actor=self)
                names += [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]
                self.demonym = self.demonym or duplicate.demonym
                duplicate.delete()
            self.set_aliases(names)
            self.save()

    def set_aliases(self, names: list[str]) -> None:
        """Make ``names`` this actor's aliases: new ones added, missing ones removed.

        Names that compare equal (case, apostrophes, spacing) count once; the canonical
        name is not repeated as an alias."""
        wanted = {}
        for name in names:
            key = ActorAlias.normalize(name)
            if key and key != self.name_key:
                wanted.setdefault(key, " ".join(name.split()))
        self.aliases.exclude(name_key__in=wanted).delete()
        present = set(self.aliases.values_list("name_key", flat=True))
        added = [
            ActorAlias(actor=self, name=name, name_key=key)
            for key, name in wanted.items()
            if key not in present
        ]
        bulk_create_with_history(added, ActorAlias)


class ActorAliasQuerySet(models.QuerySet):
    def get_by_natural_key(self, actor_slug: str, name: str) -> "ActorAlias":
        return self.get(actor__slug=actor_slug, name=name)


class ActorAlias(models.Model):
    """Another name an actor goes by (DAESH for ISIS, Martyr Soleimani for Qasem Soleimani)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    objects = ActorAliasQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["actor", "name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(fields=["actor", "name_key"], name="alias_unique_per_actor"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = self.normalize(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str, str]:
        return (self.actor.slug, self.name)

    natural_key.dependencies = ["events.actor"]

    @staticmethod
    def normalize(name: str) -> str:
        """The form names are compared in: case-folded, curly apostrophes straightened,
        runs of whitespace (non-breaking spaces included) made one space."""
        return " ".join(name.replace("’", "'").casefold().split())


# Events


class EventTypeQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> "EventType":
        return self.get(slug=slug)


class EventType(models.Model):
    """One term of the controlled vocabulary of event types."""

    slug = models.SlugField(
        max_length=50, unique=True, help_text="Identifier in URLs and filters: attack, meeting."
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=DESCRIPTION)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class DatedQuerySet(models.QuerySet):
    """Rows with an event's status and span: events, and the actor links that copy them."""

    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def visible_to(self, user):
        """All of them for curators; only published events' for everyone else."""
        return self if Event.shows_drafts_to(user) else self.published()

    def overlapping(self, start: date, end: date):
        """Those whose span [start_date, end_date] meets the window [start, end]."""
        return self.filter(start_date__lte=end, end_date__gte=start)

    def within(self, start: date, end: date):
        """Those whose whole span lies inside the window [start, end]."""
        return self.filter(start_date__gte=start, end_date__lte=end)


class EventQuerySet(DatedQuerySet):
    def get_by_natural_key(self, slug: str) -> "Event":
        return self.get(slug=slug)

    def chronological(self) -> "EventQuerySet":
        """Earliest first; of two starting the same day, the shorter (more precise) first."""
        return self.order_by("start_date", "end_date", "id")

    def involving(self, actors: "Actor | models.QuerySet") -> "EventQuerySet":
        """Events in which the actor (or any of the actors) takes part, in any role."""
        if isinstance(actors, Actor):
            actors = [actors.pk]
        links = EventActor.objects.filter(actor__in=actors).values("event_id")
        return self.filter(pk__in=links)

    def involving_all(self, groups: list[models.QuerySet]) -> "EventQuerySet":
        """Events with at least one actor from every group (each group: one name's matches)."""
        events = self
        for actors in groups:
            events = events.involving(actors)
        return events

    def involving_every(self, actor_ids: list[int]) -> "EventQuerySet":
        """Events in which every one of these actors takes part, perhaps among others."""
        events = self
        for actor_id in actor_ids:
            events = events.filter(
                pk__in=EventActor.objects.filter(actor_id=actor_id).values("event_id")
            )
        return events

    def narrowest_first(self, *before: str) -> "EventQuerySet":
        """The most precisely dated first (the shortest span), then the earliest; ordered
        by the fields ``before`` first, if any."""
        span = models.ExpressionWrapper(
            models.F("end_date") - models.F("start_date"), output_field=models.DurationField()
        )
        return self.order_by(*before, span, "start_date", "id")

    def citing(
        self, sources: models.QuerySet, citations: "CitationQuerySet | None" = None
    ) -> "EventQuerySet":
        """Events with a citation (of ``citations``, by default any) in any of ``sources``."""
        citations = Citation.objects.all() if citations is None else citations
        cited = citations.filter(passage__source__in=sources).values("event_id")
        return self.filter(pk__in=cited)

    def search(self, query: str) -> "EventQuerySet":
        """Events whose title, summary or a cited passage matches the full-text ``query``.

        Common words are tested event by event, in the order asked for (see events/search.py)."""
        if search.is_common(self.db, query):
            return self.filter(search.event_test(self.db, query))
        return self.filter(pk__in=search.matching_event_ids(self.db, query))

    def update(self, **kwargs) -> int:
        # A bulk change of the date must carry its derived columns, or they would drift;
        # every change moves `updated`, which ETags and incremental sync rely on.
        if "date" in kwargs:
            kwargs.update(Event.date_columns(kwargs["date"]))
        kwargs.setdefault("updated", timezone.now())
        with transaction.atomic(using=self.db):
            if kwargs.get("status", Event.Status.PUBLISHED) != Event.Status.PUBLISHED:
                Tombstone.objects.record_withdrawn(self.filter(status=Event.Status.PUBLISHED))
            return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs) -> list["Event"]:
        objs = list(objs)  # a generator would be spent deriving the dates
        for event in objs:
            event.derive_dates()
        return super().bulk_create(objs, *args, **kwargs)


class Event(models.Model):
    """Something that happened, dated honestly and backed by citations of passages."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        REVIEWED = "reviewed"
        PUBLISHED = "published"

    class DateBasis(models.TextChoices):
        STATED = "stated", "stated in the text"
        RESOLVED = "resolved", "resolved from the publication date"
        CURATOR = "curator", "curator knowledge"

    slug = models.SlugField(max_length=150, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True, max_length=DESCRIPTION)
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events")
    date = models.CharField(
        max_length=64,
        validators=[validate_edtf],
        help_text="EDTF, e.g. 2024-05-19, 2024-05, 2024-09/2024-11, 1982-04~, 2015?, 198X, ../2011",
    )
    start_date = models.DateField(editable=False, help_text="First day the date can mean.")
    end_date = models.DateField(editable=False, help_text="Last day the date can mean.")
    precision = models.CharField(max_length=10, choices=Precision.choices, editable=False)
    approximate = models.BooleanField(default=False, editable=False)
    uncertain = models.BooleanField(default=False, editable=False)
    # Stored, like the first and last days, so that listings read it rather than parse
    # every date again (tens of microseconds each, most of a page's time).
    date_display = models.CharField(
        max_length=100, editable=False, help_text='"19 May 2024", "Sep–Nov 2024", "c. April 1982".'
    )
    date_basis = models.CharField(max_length=10, choices=DateBasis.choices)
    date_note = models.TextField(
        blank=True, max_length=LONG_NOTE, help_text="How the date was established."
    )
    location = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "end_date", "id"]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="event_span"),
            models.Index(fields=["end_date"], name="event_end"),
            # What the public sees, in the order it is listed: a page is a range of it.
            models.Index(
                fields=["status", "start_date", "end_date", "id"], name="event_status_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="event_starts_before_end"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="event_coordinates_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.derive_dates()
        if not self.slug:
            self.slug = self.unique_slug()
        if self.stored_status is None and self.pk is not None:
            # Not read from the database (a reverted version, say): ask it.
            stored = Event.objects.filter(pk=self.pk).values_list("status", flat=True)
            self.stored_status = stored.first()
        withdrawn = self.stored_status == self.Status.PUBLISHED != self.status
        with transaction.atomic():
            super().save(*args, **kwargs)
            if withdrawn:
                Tombstone.objects.record_withdrawn([self])
        self.stored_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values) -> "Event":
        event = super().from_db(db, field_names, values)
        # Remembered so that save() sees an event leave the published record.
        event.stored_status = event.__dict__.get("status")
        return event

    stored_status = None  # the status as last read from or written to the database

    @staticmethod
    def shows_drafts_to(user) -> bool:
        """Whether ``user`` may see unpublished (draft and reviewed) events."""
        if not user.is_active:  # anonymous users among them, as most readers are
            return False
        return any(user.has_perm(f"events.{action}_event") for action in ("view", "add", "change"))

    def set_actors(self, links: list[tuple[Actor, str]]) -> None:
        """Make these (actor, role) pairs the event's actors, keeping the links already there."""
        wanted = {(actor.pk, role) for actor, role in links}
        current = {(link.actor_id, link.role): link for link in self.event_actors.all()}
        stale = [link.pk for key, link in current.items() if key not in wanted]
        self.event_actors.filter(pk__in=stale).delete()
        added = [
            EventActor(event=self, actor=actor, role=role)
            for actor, role in dict.fromkeys(links)
            if (actor.pk, role) not in current
        ]
        bulk_create_with_history(added, EventActor)

    def set_citations(self, citations: list["Citation"]) -> None:
        """Make these anchored, unsaved citations the event's evidence.

        A citation of the same passage at the same offsets keeps its id and takes the new
        stance, claimant, attribution and note; the others are removed or added."""
        current = {(c.passage_id, c.start, c.end): c.pk for c in self.citations.all()}
        unique = {(c.passage_id, c.start, c.end): c for c in citations}
        for key, citation in unique.items():
            citation.event, citation.pk = self, current.get(key)
            citation.save()
        self.citations.exclude(pk__in=[c.pk for c in unique.values()]).delete()

    def absorb(self, duplicates: "list[Event]") -> None:
        """Merge duplicates of this event into it: their citations and actors move here
        (kept once where this event has them already) and they are deleted, all or nothing.
        Each move is saved one by one, so that the history records it."""
        duplicates = [event for event in duplicates if event.pk != self.pk]
        with transaction.atomic():
            cited = {(c.passage_id, c.start, c.end) for c in self.citations.all()}
            linked = {(link.actor_id, link.role) for link in self.event_actors.all()}
            for duplicate in duplicates:
                for citation in duplicate.citations.all():
                    cited = move_unless_present(
                        citation, (citation.passage_id, citation.start, citation.end), cited, self
                    )
                for link in duplicate.event_actors.all():
                    linked = move_unless_present(link, (link.actor_id, link.role), linked, self)
                duplicate.delete()
            self.save()  # moves `updated`, and records the merge in the event's history

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @staticmethod
    def date_columns(value: str) -> dict:
        """Every stored column derived from the EDTF date string ``value``."""
        if not isinstance(value, str):
            raise TypeError("Event dates are set from EDTF strings.")
        parsed = parse_edtf(value, "date")
        return {
            "start_date": parsed.start,
            "end_date": parsed.end,
            "precision": parsed.precision,
            "approximate": parsed.approximate,
            "uncertain": parsed.uncertain,
            "date_display": parsed.display(),
        }

    def derive_dates(self) -> None:
        for name, value in self.date_columns(self.date).items():
            setattr(self, name, value)

    @property
    def date_explained(self) -> str:
        """The days the date spans and how it is known: "1 Sep 2024 to 30 Nov 2024, range
        of months"."""
        try:
            return edtf.parse(self.date).explain()
        except edtf.EDTFError as error:
            return str(error)

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Give both latitude and longitude, or neither.")

    def unique_slug(self) -> str:
        return unique_slug(self, f"{self.date.replace('/', '-')} {self.title}", "event")

    def topics(self) -> frozenset[str]:
        """The words of its title and summary that may say what it is about."""
        return topic_words(f"{self.title}\n{self.summary}")


class EventActorQuerySet(DatedQuerySet):
    def get_by_natural_key(self, event_slug: str, actor_slug: str, role: str) -> "EventActor":
        return self.get(event__slug=event_slug, actor__slug=actor_slug, role=role)

    def span_ranges(self, meeting: date | None = None) -> list["EventActorQuerySet"]:
        """These links as one queryset per span class (see events/link_dates.py), each a
        range of event_actor_span_order for one actor. With ``meeting``, the first day of a
        window they must meet, each class's range starts where its longest span still
        reaches that day: the class's earlier links end before it, however many there are."""
        ranges = []
        for number in range(len(SPAN_LIMITS) + 1):
            links = self.filter(span_class=number)
            if meeting is not None and number < len(SPAN_LIMITS):
                days = min(SPAN_LIMITS[number], (meeting - date.min).days)
                links = links.filter(start_date__gte=meeting - timedelta(days=days))
            ranges.append(links)
        return ranges


class EventActor(models.Model):
    """An actor's part in an event."""

    class Role(models.TextChoices):
        ACTOR = "actor"
        TARGET = "target"
        VICTIM = "victim"
        PARTICIPANT = "participant"
        SPEAKER = "speaker"
        HOST = "host"
        VISITOR = "visitor"
        MEDIATOR = "mediator"
        CLAIMANT = "claimant", "claimant (claimed responsibility)"
        ALLEGED_PERPETRATOR = "alleged-perpetrator", "alleged perpetrator"
        SUBJECT = "subject"
        PUBLISHER = "publisher"
        SOURCE = "source", "source of information"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_actors")
    # Indexed first in event_actor_span_order, which serves every lookup by actor.
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="event_roles", db_index=False
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ACTOR)
    # The event's, copied by the database (see events/link_dates.py): an actor's events in
    # date order are ranges of event_actor_span_order. Read them; never set them. Null until
    # copied: SQLite fills a row only after inserting it.
    status = models.CharField(  # noqa: DJ001
        max_length=10, choices=Event.Status.choices, null=True, editable=False
    )
    start_date = models.DateField(null=True, editable=False)
    end_date = models.DateField(null=True, editable=False)
    # How long the event lasts, as a class of SPAN_LIMITS in events/link_dates.py.
    span_class = models.PositiveSmallIntegerField(null=True, editable=False)

    objects = EventActorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["status", "start_date", "end_date", "span_class"])

    class Meta:
        ordering = ["event", "id"]
        verbose_name = "event actor"
        indexes = [
            models.Index(
                fields=["actor", "span_class", "start_date", "end_date", "event", "status"],
                name="event_actor_span_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="event_actor_role_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"

    def natural_key(self) -> tuple[str, str, str]:
        return (self.event.slug, self.actor.slug, self.role)

    natural_key.dependencies = ["events.event", "events.actor"]


class CitationQuerySet(models.QuerySet):
    def get_by_natural_key(
        self, event_slug: str, file_name: str, number: int, start: int
    ) -> "Citation":
        return self.get(
            event__slug=event_slug,
            passage__source__file_name=file_name,
            passage__number=number,
            start=start,
        )

    def visible_to(self, user) -> "CitationQuerySet":
        """All citations for curators; for others, not those only suggested by ingestion."""
        return self if Event.shows_drafts_to(user) else self.filter(suggested=False)

    def overlapping(self, passage: Passage, start: int, end: int) -> "CitationQuerySet":
        """Citations of any part of the stretch [start, end) of a passage."""
        return self.filter(passage=passage, start__lt=end, end__gt=start)


class Citation(models.Model):
    """An event's evidence: the exact quote in a passage, at its character offsets."""

    class Stance(models.TextChoices):
        ASSERTS = "asserts", "asserts it"
        REPORTS = "reports", "reports someone else's claim"
        DISPUTES = "disputes", "disputes it"
        MENTIONS = "mentions", "only mentions it"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    passage = models.ForeignKey(Passage, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="Exact text of the passage between start and end.")
    start = models.PositiveIntegerField(
        blank=True, help_text="Offset of the quote in the passage (0-based); found if left blank."
    )
    end = models.PositiveIntegerField(blank=True, help_text="Offset just past the quote.")
    prefix = models.CharField(max_length=QUOTE_CONTEXT, blank=True, editable=False)
    suffix = models.CharField(max_length=QUOTE_CONTEXT, blank=True, editable=False)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.ASSERTS)
    claimant = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Whose claim the passage reports.",
    )
    attribution = models.CharField(
        max_length=300,
        blank=True,
        help_text="Whose claim, when no actor fits (“a senior official”).",
    )
    note = models.TextField(blank=True, max_length=LONG_NOTE)
    suggested = models.BooleanField(
        default=False, help_text="Proposed by ingestion for a curator to confirm."
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "passage", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "passage", "start", "end"], name="citation_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="citation_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(stance="reports") | Q(claimant__isnull=False) | ~Q(attribution=""),
                name="reported_claim_has_claimant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.passage}: “{self.quote[:60]}”"

    def save(self, *args, **kwargs) -> None:
        self.anchor()
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str, str, int, int]:
        return (self.event.slug, *self.passage.natural_key(), self.start)

    natural_key.dependencies = ["events.event", "events.passage"]

    def anchor(self) -> None:
        """Find or check the quote in its passage and record the surrounding context.

        Raises ValidationError, naming the passage, when the quote is not there.
        """
        text = self.passage.text
        if not self.quote:
            raise ValidationError({"quote": "A citation needs the quoted text."})
        if self.start is None or self.end is None:
            found = text.find(self.quote)
            if found < 0:
                raise ValidationError(
                    {"quote": f"The quote does not occur in {self.passage}: “{self.quote[:80]}”."}
                )
            self.start, self.end = found, found + len(self.quote)
        if text[self.start : self.end] != self.quote:
            raise ValidationError(
                {
                    "quote": (
                        f"The quote is not the text of {self.passage} at {self.start}–{self.end}."
                    )
                }
            )
        self.prefix = text[max(0, self.start - QUOTE_CONTEXT) : self.start]
        self.suffix = text[self.end : self.end + QUOTE_CONTEXT]

    def clean(self) -> None:
        if self.passage_id is not None:
            self.anchor()
        if self.stance == self.Stance.REPORTS and not (self.claimant_id or self.attribution):
            raise ValidationError(
                {"claimant": "A reported claim needs its claimant or an attribution."}
            )


# Mentions found in passages at ingest


class DateMentionQuerySet(models.QuerySet):
    def overlapping(self, start: date, end: date) -> "DateMentionQuerySet":
        """Mentions of a specific date whose span [start_date, end_date] meets [start, end]."""
        return self.filter(start_date__lte=end, end_date__gte=start)


class DateMention(models.Model):
    """A temporal expression in a passage, as the tagger (events.timex) read it: its TIMEX3
    type and value, and the EDTF date and span when it names a specific day, month, season
    or year, or a quarter or half with its year (as its months)."""

    class Type(models.TextChoices):
        DATE = "DATE", "date"
        TIME = "TIME", "time"
        DURATION = "DURATION", "duration"
        SET = "SET", "set (a recurrence)"

    class Anchor(models.TextChoices):
        ABSOLUTE = "absolute", "written out in full"
        DCT = "dct", "resolved from the publication date"
        TEXT = "text", "resolved from an earlier date in the text"

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="date_mentions")
    start = models.PositiveIntegerField(help_text="Offset of the mention in the passage.")
    end = models.PositiveIntegerField(help_text="Offset just past the mention.")
    text = models.TextField(help_text="The expression as written: passage.text[start:end].")
    type = models.CharField(max_length=10, choices=Type.choices)
    value = models.CharField(
        max_length=100, help_text="TIMEX3 value: 2015-09-30, 2024-09, 2015-SU, P2Y, PAST_REF."
    )
    anchor = models.CharField(
        max_length=10, choices=Anchor.choices, help_text="How the value was reached."
    )
    edtf = models.CharField(
        max_length=64, blank=True, help_text="EDTF date; blank when not a specific date."
    )
    start_date = models.DateField(null=True, blank=True, help_text="First day the date can mean.")
    end_date = models.DateField(null=True, blank=True, help_text="Last day the date can mean.")

    objects = DateMentionQuerySet.as_manager()

    class Meta:
        ordering = ["passage", "start"]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="datemention_span"),
            models.Index(fields=["end_date"], name="datemention_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="datemention_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.value})"

    def save(self, *args, **kwargs) -> None:
        self.derive_dates()
        super().save(*args, **kwargs)

    @classmethod
    def from_timex(cls, expression: "Timex", passage: Passage) -> "DateMention":
        """The unsaved mention of a tagger's expression, found at offsets into the passage's
        source text, in ``passage``."""
        mention = cls(
            passage=passage,
            start=expression.start - passage.start,
            end=expression.end - passage.start,
            text=expression.text,
            type=expression.type,
            value=expression.value,
            anchor=expression.anchor,
            edtf=expression.edtf or "",
        )
        mention.derive_dates()
        return mention

    def derive_dates(self) -> None:
        """Set start_date and end_date from the EDTF date; a date this system cannot store
        (year 0, say) is left out, as not a specific date."""
        try:
            parsed = edtf.parse(self.edtf) if self.edtf else None
        except edtf.EDTFError:
            parsed, self.edtf = None, ""
        self.start_date = parsed.start if parsed else None
        self.end_date = parsed.end if parsed else None

    @property
    def dates_an_event(self) -> bool:
        """Whether the mention names a specific date: one with an EDTF date."""
        return bool(self.edtf) and self.type in (self.Type.DATE, self.Type.TIME)

    def dating(self, source: Source) -> tuple[str, str]:
        """How an event dated by this mention in ``source`` got its date: its date basis
        and a note for curators."""
        return date_basis(self.text, self.anchor, source)


def date_basis(text: str, anchor: str, source: Source) -> tuple[str, str]:
    """The date basis of an event dated by ``text`` (a date mention's, or a range's) found
    in ``source`` the way ``anchor`` says, and a note for curators."""
    quoted = f"“{text}”"
    if anchor == DateMention.Anchor.DCT:
        note = f"{quoted} resolved from publication date ({source.published})"
        return Event.DateBasis.RESOLVED, note
    if anchor == DateMention.Anchor.TEXT:
        # Not the publication date: the text alone gives it, so it counts as stated.
        note = f"{quoted} resolved from an earlier date in the text"
        return Event.DateBasis.STATED, note
    return Event.DateBasis.STATED, f"{quoted} stated in the text"


class ActorMention(models.Model):
    """A name or alias of an actor in a passage."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="actor_mentions")
    # Mentions are found again from the text, so they go with a deleted actor rather than
    # keep it: PROTECT would make every actor named anywhere undeletable.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    start = models.PositiveIntegerField(help_text="Offset of the name in the passage.")
    end = models.PositiveIntegerField(help_text="Offset just past the name.")
    text = models.TextField(help_text="The name as written: passage.text[start:end].")

    class Meta:
        ordering = ["passage", "start"]
        indexes = [models.Index(fields=["actor", "passage"], name="actormention_actor")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="actormention_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.actor_id})"


def move_unless_present(row: models.Model, key: tuple, present: set, to, field="event") -> set:
    """Point ``row`` at ``to`` through ``field`` and save it, unless ``to`` already has a
    row with this key, in which case the duplicate row is deleted. Returns the keys ``to``
    has now."""
    if key in present:
        row.delete()
    else:
        setattr(row, field, to)
        row.save()
    return present | {key}


# Sync


class TombstoneQuerySet(models.QuerySet):
    def record_withdrawn(self, events) -> None:
        """Note that these published events are leaving the published record."""
        self.bulk_create(
            Tombstone(
                resource="event",
                object_id=event.pk,
                key=event.slug,
                reason=Tombstone.Reason.WITHDRAWN,
            )
            for event in events
        )

    def visible_to(self, user) -> "TombstoneQuerySet":
        """Everything for curators; for others, only what they could once have seen."""
        return self if Event.shows_drafts_to(user) else self.filter(public=True)


class Tombstone(models.Model):
    """A record that something left the public record, so syncing clients can drop it:
    deleted, or (an event) withdrawn from publication back to draft or review."""

    class Reason(models.TextChoices):
        DELETED = "deleted"
        WITHDRAWN = "withdrawn", "withdrawn from publication"

    RESOURCES = {Event: "event", Actor: "actor", Source: "source", Passage: "passage"}
    RESOURCES[EventType] = "event-type"

    resource = models.CharField(
        max_length=20, help_text="What was removed: event, actor, source, passage or event-type."
    )
    object_id = models.BigIntegerField(help_text="Its id.")
    key = models.CharField(max_length=300, help_text="Its slug or file name, for reference.")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    public = models.BooleanField(
        default=True, help_text="Whether readers without curator rights could see it."
    )
    removed = models.DateTimeField(default=timezone.now, help_text="When it was removed.")

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["removed", "id"]
        indexes = [models.Index(fields=["removed", "id"], name="tombstone_removed")]

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id} {self.reason} {self.removed:%Y-%m-%d %H:%M}"

    @classmethod
    def for_deleted(cls, instance: models.Model) -> "Tombstone":
        if isinstance(instance, Passage):
            key = f"source {instance.source_id} ¶{instance.number}"  # the source may be gone
        else:
            key = getattr(instance, "slug", None) or instance.file_name
        public = not isinstance(instance, Event) or instance.status == Event.Status.PUBLISHED
        return cls(
            resource=cls.RESOURCES[type(instance)],
            object_id=instance.pk,
            key=key[:300],
            reason=cls.Reason.DELETED,
            public=public,
        )
