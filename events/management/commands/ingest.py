from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.ingest import IngestError, ingest_paths


class Command(BaseCommand):
    help = (
        "Ingest documents (.txt files, or folders of them) as sources with their passages. "
        "Metadata comes from manifest.toml beside each file. Re-ingesting the same text "
        "changes nothing but metadata."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders.")
        parser.add_argument(
            "--manifest",
            type=Path,
            help="Manifest to use instead of manifest.toml beside each file.",
        )

    def handle(self, *args, paths, manifest, **options):
        manifest = Path(manifest) if manifest else None  # call_command passes a str
        if manifest is not None and not manifest.exists():
            raise CommandError(f"{manifest}: no such manifest")
        try:
            results = ingest_paths(paths, manifest)
        except IngestError as error:
            raise CommandError(str(error)) from error
        for result in results:
            detail = f" ({result.detail})" if result.detail else ""
            self.stdout.write(f"{result.outcome:9} {result.file_name}{detail}")
