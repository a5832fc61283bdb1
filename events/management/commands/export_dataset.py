import gzip
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events import dataset


class Command(BaseCommand):
    help = (
        "Write the whole dataset to FILE as JSON Lines, gzipped when FILE ends in .gz (- writes "
        "to standard output): sources, passages, actors and aliases, event types, events with "
        "their actors and citations, date and actor mentions, tombstones, the history of every "
        "change, and the user accounts with their groups. Like any database dump, the file "
        "holds the users' password hashes: keep it as safe as the database. The rows are read "
        "as one snapshot while the site keeps running; import_dataset restores them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to write (.jsonl or .jsonl.gz), or -.")

    def handle(self, *args, file, **options):
        if file == "-":
            tally = dataset.export(self.stdout)
            self.stderr.write(f"Exported {tally}", style_func=self.style.SUCCESS)
        else:
            tally = self.write(Path(file))
            self.stdout.write(f"Exported {tally} to {file}")

    @staticmethod
    def write(path: Path) -> dataset.Tally:
        # Written beside the file and renamed once complete, so that a failed export never
        # replaces the last good backup.
        partial = path.with_name(path.name + ".partial")
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(partial, "wt", encoding="utf-8") as stream:
                tally = dataset.export(stream)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(f"{path}: cannot be written ({error.strerror})") from error
        finally:
            partial.unlink(missing_ok=True)
        return tally
