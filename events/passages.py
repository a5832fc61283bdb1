"""Split a source's text into passages: pure text code, no ORM.

A passage is one non-blank line (a paragraph, or one question or answer turn in an
interview). Its span is the line without leading and trailing whitespace, so that
``text[start:end]`` is the passage exactly as it stands in the original.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_passages(text: str) -> list[Span]:
    """Return the spans of the non-blank lines of ``text``, in order."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = offset + (len(body) - len(body.lstrip()))
            spans.append(Span(start, start + len(stripped)))
        offset += len(line)
    return spans
