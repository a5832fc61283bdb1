"""Ingest documents: file -> Source, its Passages, the dates and actors they mention, and
proposed events, with metadata from a manifest.

Everything is read and checked before anything is written; each file is then written in
its own transaction (source, passages, mentions and proposals together), so an error leaves
nothing half-written.

Plain text (.txt) and Markdown (.md) are stored verbatim; HTML (.html, .htm) is stored as
the text it shows (see events.formats). Files must be UTF-8.
"""

import codecs
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from events import edtf, formats
from events.actor_names import ActorMatcher
from events.mentions import Mentions, record_mentions
from events.models import Actor, ActorMention, DateMention, Passage, Source
from events.proposals import Proposals, propose_events

MANIFEST_NAME = "manifest.toml"
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = {".txt", ".md", *HTML_SUFFIXES}
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
class Findings:
    """What ingesting a text found and proposed."""

    passages: int = 0
    date_mentions: int = 0
    actor_mentions: int = 0
    drafts_proposed: int = 0
    citations_suggested: int = 0

    @classmethod
    def of(cls, passages: list[Passage], mentions: Mentions, proposals: Proposals) -> "Findings":
        return cls(
            passages=len(passages),
            date_mentions=len(mentions.dates),
            actor_mentions=len(mentions.actors),
            drafts_proposed=len(proposals.drafts),
            citations_suggested=len(proposals.suggested),
        )

    def __str__(self) -> str:
        return (
            f"{counted(self.passages, 'passage')}, "
            f"{counted(self.date_mentions, 'date mention')}, "
            f"{counted(self.actor_mentions, 'actor mention')}, "
            f"{counted(self.drafts_proposed, 'draft')} proposed, "
            f"{counted(self.citations_suggested, 'citation')} suggested"
        )


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@dataclass
class IngestResult:
    file_name: str
    outcome: str  # "created", "updated" or "unchanged"
    source: Source
    detail: str = ""
    findings: Findings | None = None  # for a text stored (or first analysed) now


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def collect_paths(paths: list[Path]) -> list[Path]:
    """The document files named by ``paths``: files as given, folders' supported files sorted."""
    found = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and supported(p))
            if not files:
                raise IngestError(
                    f"{path}: no {', '.join(sorted(SUPPORTED_SUFFIXES))} files in the folder"
                )
            found.extend(files)
        elif not path.exists():
            raise IngestError(f"{path}: no such file or folder")
        elif not supported(path):
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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError(f"{path}: UTF-16 text, not UTF-8 (save it as UTF-8)")
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


def read_document_text(path: Path) -> tuple[str, str]:
    """The text to store for the file at ``path``, by its format, and its default title."""
    raw = read_text(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        text, title = formats.html_to_text(raw)
        if not text.strip():
            raise IngestError(f"{path}: the HTML shows no text")
        return text, title
    if suffix == ".md":
        return raw, formats.markdown_title(raw)
    return raw, formats.first_line(raw)


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


def default_metadata(title: str) -> dict:
    """Metadata for a document the manifest does not describe: the title its format gives."""
    return {"title": title[:500], "provenance": "No manifest entry when ingested."}


def read_documents(
    paths: list[Path], manifest_path: Path | None = None, *, overrides: dict | None = None
) -> list[Document]:
    """Read and check every document before anything is written. ``overrides`` are metadata
    that replace the manifest's (or the default) for every document."""
    documents, manifests = [], {}
    for path in collect_paths(paths):
        manifest_file = manifest_path or path.parent / MANIFEST_NAME
        if manifest_file not in manifests:
            manifests[manifest_file] = load_manifest(manifest_file)
        text, title = read_document_text(path)
        metadata = manifests[manifest_file].get(path.name) or default_metadata(title)
        documents.append(Document(path=path, text=text, metadata={**metadata, **(overrides or {})}))
    return documents


def ingest_documents(
    documents: Iterable[Document], *, propose_drafts: bool = True
) -> Iterator[IngestResult]:
    """Write documents one by one, each in its own transaction, yielding each result once
    it is written."""
    matcher = Actor.objects.name_matcher()
    for document in documents:
        yield ingest_document(document, matcher=matcher, propose_drafts=propose_drafts)


def ingest_document(
    document: Document, *, matcher: ActorMatcher, propose_drafts: bool = True
) -> IngestResult:
    """Write one document: a new Source with its Passages, their mentions and proposed
    events; or updated metadata.

    The same text is never stored twice, whatever its file name; a different text under a
    file name already used is refused, since sources are kept verbatim and cited.
    """
    content_hash = Source.hash_text(document.text)
    with transaction.atomic():
        existing = Source.objects.select_for_update().filter(content_hash=content_hash).first()
        if existing is None:
            return create_source(document, matcher=matcher, propose_drafts=propose_drafts)
        result = update_metadata(existing, document)
        if existing.file_name == document.file_name and not has_mentions(existing):
            record_missing_mentions(result, matcher)
        return result


def create_source(
    document: Document, *, matcher: ActorMatcher, propose_drafts: bool
) -> IngestResult:
    if Source.objects.filter(file_name=document.file_name).exists():
        raise IngestError(
            f"{document.path}: a different text is already stored as {document.file_name}; "
            "sources are kept verbatim, so add the new version under a new file name"
        )
    source = Source(file_name=document.file_name, text=document.text, **document.metadata)
    save_checked(source, document.path)
    findings = analyse(source, matcher=matcher, propose_drafts=propose_drafts)
    return IngestResult(document.file_name, "created", source, str(findings), findings)


def add_source(fields: dict, *, propose_drafts: bool = True) -> tuple[Source, Findings]:
    """Store a new source given its text and metadata (checked already), in one transaction
    with its passages, mentions and proposed events."""
    with transaction.atomic():
        source = Source.objects.create(**fields)
        matcher = Actor.objects.name_matcher()
        return source, analyse(source, matcher=matcher, propose_drafts=propose_drafts)


def analyse(source: Source, *, matcher: ActorMatcher, propose_drafts: bool) -> Findings:
    """Split a newly saved source into passages, store what they mention, and propose
    events from it (unless ``propose_drafts`` is false)."""
    Passage.objects.bulk_create(source.build_passages())
    passages = list(source.passages.order_by("number"))
    mentions = record_mentions(source, passages, matcher=matcher)
    proposals = propose_events(source, passages, mentions) if propose_drafts else Proposals()
    return Findings.of(passages, mentions, proposals)


def has_mentions(source: Source) -> bool:
    return (
        DateMention.objects.filter(passage__source=source).exists()
        or ActorMention.objects.filter(passage__source=source).exists()
    )


def record_missing_mentions(result: IngestResult, matcher: ActorMatcher) -> None:
    """Find the mentions of a source stored before mentions were recorded; nothing is
    proposed from it (what it says was curated by hand, if at all)."""
    passages = list(result.source.passages.order_by("number"))
    mentions = record_mentions(result.source, passages, matcher=matcher)
    if mentions.dates or mentions.actors:
        result.findings = Findings.of(passages, mentions, Proposals())
        mentions_found = f"mentions recorded: {result.findings}"
        result.outcome = "updated"
        result.detail = ", ".join(filter(None, [result.detail, mentions_found]))


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
    detail = ", ".join(sorted(changed))
    if source.mention_changes:  # a new publication date or kind re-dates relative dates
        detail = f"{detail}; {source.mention_changes}"
    return IngestResult(document.file_name, "updated", source, detail)


def save_checked(source: Source, path: Path) -> None:
    try:
        source.full_clean(exclude=["content_hash"], validate_unique=False)
        source.save()
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
        )
        raise IngestError(f"{path}: {problems}") from error


def ingest_paths(
    paths: list[Path],
    manifest_path: Path | None = None,
    *,
    overrides: dict | None = None,
    propose_drafts: bool = True,
) -> list[IngestResult]:
    """Ingest files and folders: check them all, then write each in its own transaction."""
    documents = read_documents(paths, manifest_path, overrides=overrides)
    return list(ingest_documents(documents, propose_drafts=propose_drafts))
