from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events import edtf
from events.ingest import IngestError, ingest_documents, read_documents
from events.management.progress import progress_bar, write_above
from events.models import Source


class Command(BaseCommand):
    help = (
        "Ingest documents (.txt, .md, .html or .htm files, UTF-8, or folders of them) as "
        "sources with their passages, the dates and actors the passages mention, and draft "
        "events proposed from sentences naming a date and an actor (or, where an event "
        "already matches, citations suggested for it). Metadata comes from manifest.toml "
        "beside each file. Re-ingesting the same text changes nothing but metadata."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders.")
        parser.add_argument(
            "--manifest",
            type=Path,
            help="Manifest to use instead of manifest.toml beside each file.",
        )
        parser.add_argument(
            "--published",
            help="Publication date as EDTF (2024-05-31, 2024-05, 2024?), for every file.",
        )
        parser.add_argument("--title", help="Title of the document (a single file only).")
        parser.add_argument(
            "--kind", help=f"Kind of document, for every file: {', '.join(Source.Kind.values)}."
        )
        parser.add_argument(
            "--no-drafts",
            action="store_true",
            help="Record mentions, but propose no draft events or citations.",
        )

    def handle(self, *args, paths, manifest, no_drafts, **options):
        manifest = Path(manifest) if manifest else None  # call_command passes a str
        if manifest is not None and not manifest.exists():
            raise CommandError(f"{manifest}: no such manifest")
        overrides = self.overrides(options)
        try:
            documents = read_documents(paths, manifest, overrides=overrides)
            if "title" in overrides and len(documents) != 1:
                raise CommandError(
                    f"--title names one document, but {len(documents)} were given; "
                    "give a single file, and describe several in a manifest"
                )
            self.write_all(documents, propose_drafts=not no_drafts)
        except IngestError as error:
            raise CommandError(str(error)) from error

    @staticmethod
    def overrides(options) -> dict:
        """The metadata given as options, checked."""
        given = {name: options[name] for name in ("published", "title", "kind")}
        given = {name: value for name, value in given.items() if value is not None}
        if "published" in given:
            try:
                edtf.parse(given["published"])
            except edtf.EDTFError as error:
                raise CommandError(f"--published: {error}") from error
        if "kind" in given and given["kind"] not in Source.Kind.values:
            raise CommandError(
                f"--kind: {given['kind']!r} is not one of {', '.join(Source.Kind.values)}"
            )
        if "title" in given and not given["title"].strip():
            raise CommandError("--title: the title is empty")
        return given

    def write_all(self, documents, *, propose_drafts: bool) -> None:
        with progress_bar(len(documents), "Ingesting", "file") as bar:
            for result in ingest_documents(documents, propose_drafts=propose_drafts):
                detail = f" ({result.detail})" if result.detail else ""
                write_above(self, f"{result.outcome:9} {result.file_name}{detail}")
                bar.update()
