import hashlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models import Max
from tqdm import tqdm

from events import dataset, link_dates, search, synth
from events.models import Actor, ActorAlias, Citation, Event, EventActor, EventType, Passage, Source

BATCH = 5000


class Command(BaseCommand):
    help = (
        "Add a synthetic chronology of N events (with actors, aliases, sources, passages and "
        "1-5 citations per event) for measuring the system at scale. Rows go in by bulk "
        "inserts (COPY on PostgreSQL), without history rows, in one transaction; the search "
        "indexes are rebuilt once at the end. The same seed gives the same chronology; a seed "
        "already used is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="How many events.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, events, seed, **options):
        if events < 1:
            raise CommandError("--events: give a positive number of events.")
        if Source.objects.filter(file_name__startswith=f"synth-{seed}-").exists():
            raise CommandError(f"--seed {seed}: this database already has that chronology.")
        types = list(EventType.objects.values_list("pk", flat=True)) or self.make_types()
        chronology = synth.Chronology(events, seed, next_ids(), types)
        started = time.perf_counter()
        progress = self.stdout.isatty() or options["verbosity"] > 1
        with transaction.atomic():
            # Rebuilt once at the end: faster than row by row. The links come with their
            # copies of the events' dates, which install() checks.
            search.uninstall(connection)
            link_dates.uninstall(connection.alias)
            self.load(chronology, progress)
            if connection.vendor == "postgresql":
                # Check the deferred foreign keys now: PostgreSQL builds no index on a
                # table with checks pending.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            search.install(connection)
            link_dates.install(connection.alias)
            dataset.reset_sequences()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner needs to know the tables' new sizes
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Added {events} events, {chronology.actor_count} actors, "
            f"{chronology.source_count} sources and {len(chronology.passages)} passages "
            f"in {seconds:.1f} s."
        )

    def load(self, chronology: synth.Chronology, progress: bool) -> None:
        actors, aliases = Bulk(Actor), Bulk(ActorAlias)
        actors.extend(chronology.actors())
        aliases.extend(chronology.aliases())
        sources, passages = Bulk(Source), Bulk(Passage)
        for source, rows in chronology.sources():
            source["content_hash"] = hashlib.sha256(source["text"].encode()).hexdigest()
            sources.add(source)
            passages.extend(rows)
        for table in (actors, aliases, sources, passages):
            table.flush()
        events, links, citations = Bulk(Event), Bulk(EventActor), Bulk(Citation)
        rows = chronology.event_rows()
        if progress:
            rows = tqdm(rows, total=chronology.events, unit=" events")
        for event, event_links, event_citations in rows:
            events.add(event)
            links.extend(event_links)
            citations.extend(event_citations)
        for table in (events, links, citations):
            table.flush()

    def make_types(self) -> list[int]:
        created = EventType.objects.bulk_create(
            EventType(slug=slug, name=name) for slug, name in synth.EVENT_TYPES
        )
        return [event_type.pk for event_type in created]


def next_ids() -> synth.Ids:
    def after(model: type[models.Model]) -> int:
        return (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1

    return synth.Ids(
        actor=after(Actor),
        alias=after(ActorAlias),
        source=after(Source),
        passage=after(Passage),
        event=after(Event),
        event_actor=after(EventActor),
        citation=after(Citation),
    )


class Bulk:
    """Rows of one table, inserted in batches as they are: executemany on SQLite, COPY on
    PostgreSQL (several times faster than INSERTs there)."""

    def __init__(self, model: type[models.Model]):
        quote = connection.ops.quote_name
        self.fields = model._meta.concrete_fields
        columns = ", ".join(quote(field.column) for field in self.fields)
        table = quote(model._meta.db_table)
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        self.copy = f"COPY {table} ({columns}) FROM STDIN"
        self.names = [field.attname for field in self.fields]
        self.convert = [self.converter(field) for field in self.fields]
        self.pending: list[tuple] = []

    @staticmethod
    def converter(field: models.Field):
        if isinstance(field, models.DateTimeField):
            return connection.ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return connection.ops.adapt_datefield_value
        return None

    def add(self, row: dict) -> None:
        values = [row[name] for name in self.names]
        for index, convert in enumerate(self.convert):
            if convert is not None:
                values[index] = convert(values[index])
        self.pending.append(values)
        if len(self.pending) >= BATCH:
            self.flush()

    def extend(self, rows) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if not self.pending:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(self.copy) as copy:
                    for row in self.pending:
                        copy.write_row(row)
            else:
                cursor.executemany(self.insert, self.pending)
        self.pending = []
