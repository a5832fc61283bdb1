"""Passages as HTML with their mentions marked: pure text code, no ORM.

Each mention becomes a ``<mark>`` whose title says what it was read as (a date's TIMEX3
value, an actor's name), with that reading also written beside a date, so that a curator
sees it without hovering. Where mentions overlap, the first one (then the longest) wins.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "date" or "actor": the mark's CSS class is mention-<kind>
    reading: str  # what the mention was read as: "2024-09-30", "Qasem Soleimani"
    beside: bool = False  # write the reading after the mention too
    href: str = ""  # where following the mention leads, if anywhere
    key: str = ""  # an identifier for scripts and tests (data-mention)


def highlight(text: str, marks: list[Mark]) -> SafeString:
    """``text``, escaped, with each of ``marks`` wrapped in a <mark>."""
    parts, position = [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position:
            continue  # inside a mention already marked
        parts += [escape(text[position : mark.start]), _marked(text[mark.start : mark.end], mark)]
        position = mark.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def _marked(words: str, mark: Mark) -> str:
    inner = format_html('<a href="{}">{}</a>', mark.href, words) if mark.href else escape(words)
    html = format_html(
        '<mark class="mention-{}" title="{}" data-mention="{}">{}</mark>',
        mark.kind,
        mark.reading,
        mark.key,
        inner,
    )
    if mark.beside:
        html += format_html(' <small class="mention-reading">[{}]</small>', mark.reading)
    return html
