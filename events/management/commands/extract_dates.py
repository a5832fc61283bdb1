import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError

from events.ingest import IngestError, read_text
from events.models import Source
from events.timex import extract

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class LineError(ValueError):
    """A --jsonl input line that cannot be processed; the message says what is wrong."""


class Command(BaseCommand):
    help = (
        "Print the temporal expressions in a text as JSON: an array with one mention "
        '({"start", "end", "text", "type", "value", "mod"}) per line. FILE is UTF-8 text, '
        'or - for standard input. With --jsonl, read {"id", "text", "dct"} objects (and '
        'optionally "kind") from standard input, one per line, and write {"id", "mentions"} '
        "for each as it is read."
    )
    # Tests hand in a stream for standard input, as createsuperuser's do.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument(
            "--dct",
            help="The document creation time, YYYY-MM-DD, that relative dates resolve against.",
        )
        parser.add_argument(
            "--kind",
            choices=Source.Kind.values,
            help='The kind of document. In a news-article or a statement, "today" is the '
            "DCT's day; otherwise it is the present unless its clause dates it.",
        )
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help='Read {"id", "text", "dct"} lines from standard input, write {"id", '
            '"mentions"} lines (or {"id", "line", "error"} for a bad line).',
        )

    def handle(self, *args, file, dct, kind, jsonl, **options):
        stdin = options.get("stdin") or sys.stdin
        if jsonl:
            if file is not None or dct is not None or kind is not None:
                raise CommandError(
                    "--jsonl reads every document, with its dct and kind, from standard "
                    "input: give neither FILE nor --dct nor --kind."
                )
            self.extract_lines(stdin)
            return
        if file is None or dct is None:
            raise CommandError("Give FILE (or - for standard input) and --dct, or --jsonl.")
        try:
            day = parse_dct(dct)
        except ValueError as error:
            raise CommandError(f"--dct: {error}") from error
        text = read_input(file, stdin)
        mentions = [mention.as_dict() for mention in extract(text, day, kind)]
        self.stdout.write(mentions_json(mentions))

    def extract_lines(self, stdin: TextIO) -> None:
        """One output line per input line, written as soon as it is read."""
        stream = getattr(stdin, "buffer", stdin)
        processed = failed = 0
        # readline, not iteration, so that nothing waits for more input than one line.
        for number, line in enumerate(iter(stream.readline, stream.read(0)), start=1):
            if not line.strip():
                continue
            processed += 1
            result = extract_line(line, number)
            failed += "error" in result
            self.stdout.write(json_line(result))
            self.stdout.flush()
        if failed:
            raise CommandError(f"{failed} of {processed} lines failed.")


def parse_dct(value: str) -> date:
    try:
        if DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"{value[:40]!r} is not a date (YYYY-MM-DD)")


def read_input(file: str, stdin: TextIO) -> str:
    """FILE's text (or standard input's, for -), under the rules ingest reads files by."""
    if file != "-":
        try:
            return read_text(Path(file))
        except IngestError as error:
            raise CommandError(str(error)) from error
    data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CommandError(f"standard input: looks binary (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"standard input: not UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start})"
        ) from error
    if not text.strip():
        raise CommandError("standard input: the input is empty")
    return text


def mentions_json(mentions: list[dict]) -> str:
    """A JSON array with one mention per line: valid JSON, and easy to grep and diff."""
    if not mentions:
        return "[]"
    lines = ",\n".join(json.dumps(mention, ensure_ascii=False) for mention in mentions)
    return f"[\n{lines}\n]"


def extract_line(line: bytes | str, number: int) -> dict:
    """The output object for one --jsonl input line: its mentions, or what is wrong with it."""
    try:
        document = json.loads(line)
    except UnicodeDecodeError as error:
        return {"id": None, "line": number, "error": f"not UTF-8 text ({error.reason})"}
    except ValueError as error:
        return {"id": None, "line": number, "error": f"not JSON ({error})"}
    if not isinstance(document, dict):
        return {"id": None, "line": number, "error": "not a JSON object"}
    try:
        text, day, kind = document_fields(document)
    except LineError as error:
        return {"id": document.get("id"), "line": number, "error": str(error)}
    mentions = [mention.as_dict() for mention in extract(text, day, kind)]
    return {"id": document.get("id"), "mentions": mentions}


def document_fields(document: dict) -> tuple[str, date, str | None]:
    for name in ("text", "dct"):
        if name not in document:
            raise LineError(f"{name}: missing")
        if not isinstance(document[name], str):
            raise LineError(f"{name}: not a string")
    kind = document.get("kind")
    if kind is not None and kind not in Source.Kind.values:
        raise LineError(f"kind: {str(kind)[:40]!r} is not one of {', '.join(Source.Kind.values)}")
    try:
        return document["text"], parse_dct(document["dct"]), kind
    except ValueError as error:
        raise LineError(f"dct: {error}") from error


def json_line(result: dict) -> str:
    line = json.dumps(result, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate, sent escaped ("\\ud800"): escaped back, it stays valid JSON.
        line = json.dumps(result)
    return line
