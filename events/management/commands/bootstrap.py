from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from events.fixtures import load_missing
from events.ingest import IngestError, ingest_paths

ACTORS, CHRONOLOGY = "actors.json", "chronology.json"


class Command(BaseCommand):
    help = (
        "Set up a database: migrate, load the curated actors, ingest seeds/ (recording the "
        "dates and actors their passages mention, but proposing no events: the curated "
        "chronology covers them), and load the curated chronology. Fixture objects that "
        "already exist are left as they are, so running it again changes nothing and never "
        "overwrites a curator's edits."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        call_command("createcachetable")  # the shared cache's table, if SHARED_CACHE is set
        # Actors before the seeds, so that ingest finds their names in them. Ids are counted
        # per table, so the sources, passages and events get the ids they always had.
        self.load(ACTORS)
        try:
            results = ingest_paths([settings.SEEDS_DIR], propose_drafts=False)
        except IngestError as error:
            raise CommandError(str(error)) from error
        for result in results:
            detail = f" ({result.detail})" if result.detail else ""
            self.stdout.write(f"{result.outcome:9} {result.file_name}{detail}")
        self.load(CHRONOLOGY)

    def load(self, name: str) -> None:
        added, present = load_missing(settings.FIXTURES_DIR / name)
        self.stdout.write(f"fixture   {name}: {added} added, {present} already present")
