from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from events.fixtures import load_missing
from events.ingest import IngestError, ingest_paths

FIXTURES = ["actors.json", "chronology.json"]


class Command(BaseCommand):
    help = (
        "Set up a database: migrate, ingest seeds/, and load the curated fixtures. Fixture "
        "objects that already exist are left as they are, so running it again changes nothing "
        "and never overwrites a curator's edits."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        try:
            results = ingest_paths([settings.SEEDS_DIR])
        except IngestError as error:
            raise CommandError(str(error)) from error
        for result in results:
            self.stdout.write(f"{result.outcome:9} {result.file_name}")
        for name in FIXTURES:
            added, present = load_missing(settings.FIXTURES_DIR / name)
            self.stdout.write(f"fixture   {name}: {added} added, {present} already present")
