"""Ingest documents: file -> Source and its Passages, with metadata from a manifest.

Everything is read and checked before anything is written; each file is then written in
its own transaction, so an error leaves no source without its passages.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from events import edtf
from events.models import Passage, Source

MANIFEST_NAME = "manifest.toml"
SUPPORTED_SUFFIXES = {".txt"}
METADATA_FIELDS = {
    "title",
    "kind",
    "outlet",
    "author",
    "url",
    "language",
    "published",
    "dating",
    "provenance",
    "stance",
}


class IngestError(Exception):
    """A document or manifest that cannot be ingested; the message names the file."""


@dataclass
class Document:
    """A document read from disk and checked, ready to be written."""

    path: Path
    text: str
    metadata: dict = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass
class IngestResult:
    file_name: str
    outcome: str  # "created", "updated" or "unchanged"
    source: Source
    detail: str = ""


def collect_paths(paths: list[Path]) -> list[Path]:
    """The document files named by ``paths``: files as given, folders' supported files sorted."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in SUPPORTED_SUFFIXES))
        elif not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        elif path.suffix not in SUPPORTED_SUFFIXES:
            raise IngestError(
                f"{path}: only {', '.join(sorted(SUPPORTED_SUFFIXES))} files can be ingested"
            )
        else:
            found.append(path)
    return found


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 and otherwise untouched.

    Only a leading byte-order mark is dropped: it marks the encoding, it is not text.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot be read ({error.strerror})") from error
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(f"{path}: looks binary (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from error
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError(f"{path}: the file is empty")
    return text


def load_manifest(path: Path) -> dict[str, dict]:
    """The manifest's entries by file name; an empty dict when there is no manifest."""
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            documents = tomllib.load(handle).get("documents", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: not a valid TOML manifest ({error})") from error
    for file_name, entry in documents.items():
        check_metadata(path, file_name, entry)
    return documents


def check_metadata(manifest: Path, file_name: str, entry: dict) -> None:
    where = f'{manifest}: [documents."{file_name}"]'
    unknown = set(entry) - METADATA_FIELDS
    if unknown:
        raise IngestError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if "kind" in entry and entry["kind"] not in Source.Kind.values:
        raise IngestError(
            f"{where}: kind {entry['kind']!r} is not one of {', '.join(Source.Kind.values)}"
        )
    if entry.get("published"):
        try:
            edtf.parse(entry["published"])
        except edtf.EDTFError as error:
            raise IngestError(f"{where}: published: {error}") from error


def default_metadata(text: str) -> dict:
    """Metadata for a document the manifest does not describe: its first line as title."""
    first_line = text.strip().splitlines()[0].strip()
    return {"title": first_line[:500], "provenance": "No manifest entry when ingested."}


def read_documents(paths: list[Path], manifest_path: Path | None = None) -> list[Document]:
    """Read and check every document before anything is written."""
    documents, manifests = [], {}
    for path in collect_paths(paths):
        manifest_file = manifest_path or path.parent / MANIFEST_NAME
        if manifest_file not in manifests:
            manifests[manifest_file] = load_manifest(manifest_file)
        text = read_text(path)
        metadata = manifests[manifest_file].get(path.name) or default_metadata(text)
        documents.append(Document(path=path, text=text, metadata=metadata))
    return documents


def ingest_document(document: Document) -> IngestResult:
    """Write one document: a new Source with its Passages, or updated metadata.

    The same text is never stored twice, whatever its file name; a different text under a
    file name already used is refused, since sources are kept verbatim and cited.
    """
    content_hash = Source.hash_text(document.text)
    with transaction.atomic():
        existing = Source.objects.select_for_update().filter(content_hash=content_hash).first()
        if existing is None:
            return create_source(document)
        return update_metadata(existing, document)


def create_source(document: Document) -> IngestResult:
    if Source.objects.filter(file_name=document.file_name).exists():
        raise IngestError(
            f"{document.path}: a different text is already stored as {document.file_name}; "
            "sources are kept verbatim, so add the new version under a new file name"
        )
    source = Source(file_name=document.file_name, text=document.text, **document.metadata)
    save_checked(source, document.path)
    Passage.objects.bulk_create(source.build_passages())
    return IngestResult(
        document.file_name, "created", source, f"{source.passages.count()} passages"
    )


def update_metadata(source: Source, document: Document) -> IngestResult:
    if source.file_name != document.file_name:
        return IngestResult(
            document.file_name, "unchanged", source, f"same text as {source.file_name}"
        )
    changed = [name for name, value in document.metadata.items() if getattr(source, name) != value]
    if not changed:
        return IngestResult(document.file_name, "unchanged", source)
    for name in changed:
        setattr(source, name, document.metadata[name])
    save_checked(source, document.path)
    return IngestResult(document.file_name, "updated", source, ", ".join(sorted(changed)))


def save_checked(source: Source, path: Path) -> None:
    try:
        source.full_clean(exclude=["content_hash"], validate_unique=False)
        source.save()
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
        )
        raise IngestError(f"{path}: {problems}") from error


def ingest_paths(paths: list[Path], manifest_path: Path | None = None) -> list[IngestResult]:
    """Ingest files and folders: check them all, then write each in its own transaction."""
    return [ingest_document(document) for document in read_documents(paths, manifest_path)]
