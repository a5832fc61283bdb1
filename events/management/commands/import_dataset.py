import gzip
import sys

from django.core.management.base import BaseCommand, CommandError

from events import dataset


class Command(BaseCommand):
    help = (
        "Restore a file written by export_dataset (gzipped when FILE ends in .gz; - reads "
        "standard input) into a newly migrated, empty database: no accounts and no timeline "
        "rows (the event types and groups migrations make are replaced by the file's). Ids are "
        "kept. All or nothing: a damaged file is refused, naming its line, and nothing is "
        "written. The restored rows are checked against the digest the file ends with."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to read (.jsonl or .jsonl.gz), or -.")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                tally = dataset.load(sys.stdin)
            else:
                opener = gzip.open if file.endswith(".gz") else open
                with opener(file, "rt", encoding="utf-8") as lines:
                    tally = dataset.load(lines)
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror})") from error
        except dataset.DatasetError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(f"Imported {tally} from {file}")
