"""Turn the document formats we ingest into source text and a default title: pure text code.

Plain text and Markdown are kept verbatim. HTML becomes plain text: block elements are
paragraphs separated by blank lines, ``<br>`` a line break, whitespace inside a block
collapsed (as a browser shows it; ``&nbsp;`` kept), script, style and the head dropped,
character references decoded. The text is converted once, at ingest, and stored: from then
on it is the source, kept verbatim like any other.
"""

import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p "
    "pre section summary table tbody tfoot thead tr ul".split()
)
CELLS = frozenset({"td", "th"})
HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "svg", "math"})
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # not the non-breaking space, which is text
MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
SETEXT_HEADING = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)


def first_line(text: str) -> str:
    """The first non-blank line, trimmed: the title of a plain text."""
    return text.strip().splitlines()[0].strip() if text.strip() else ""


def markdown_title(text: str) -> str:
    """The first heading of a Markdown text without its #s (or underline), else its first line."""
    headings = [m for m in (MARKDOWN_HEADING.search(text), SETEXT_HEADING.search(text)) if m]
    if not headings:
        return first_line(text)
    return min(headings, key=lambda match: match.start()).group(1).strip()


class _TextParser(HTMLParser):
    """Collects an HTML document's visible text as blocks, and its title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.lines: list[str] = [""]  # the current block, split at <br>
        self.hidden: list[str] = []  # open elements whose content is not shown
        self.pre = 0  # depth of <pre>, inside which whitespace is kept
        self.title: list[str] | None = None  # text of <title> while it is being read
        self.titles: dict[str, str] = {}  # "title" and the first "h1"
        self.h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title" and self.hidden in ([], ["head"]):  # not an <svg>'s title
            self.title = []
        elif tag in HIDDEN:
            self.hidden.append(tag)
        elif self.hidden:
            return
        elif tag == "br":
            self.lines.append("")
        elif tag in BLOCKS:
            self.end_block()
            if tag == "pre":
                self.pre += 1
            if tag == "h1" and "h1" not in self.titles:
                self.h1 = []
        if tag in CELLS:
            self.lines[-1] += " "

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.titles.setdefault("title", collapse("".join(self.title)))
            self.title = None
        elif self.hidden and tag in HIDDEN:
            if tag in self.hidden:
                del self.hidden[self.hidden.index(tag) :]  # also elements left unclosed in it
        elif not self.hidden and tag in BLOCKS:
            self.end_block()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            if tag == "h1" and self.h1 is not None:
                self.titles.setdefault("h1", collapse("".join(self.h1)))
                self.h1 = None

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        elif not self.hidden:
            self.lines[-1] += data
            if self.h1 is not None:
                self.h1.append(data)

    def end_block(self) -> None:
        if self.pre:
            block = "\n".join(self.lines).removeprefix("\n").rstrip()
        else:
            block = "\n".join(filter(None, (collapse(line) for line in self.lines)))
        if block.strip():
            self.blocks.append(block)
        self.lines = [""]


def collapse(text: str) -> str:
    """Runs of HTML whitespace made one space, and none at either end."""
    return HTML_WHITESPACE.sub(" ", text).strip(" ")


def html_to_text(html: str) -> tuple[str, str]:
    """The visible text of an HTML document, one paragraph per block, and its title: the
    <title>, else the first <h1>, else the first line of the text."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser.end_block()
    text = "\n\n".join(parser.blocks)
    title = parser.titles.get("title") or parser.titles.get("h1") or first_line(text)
    return (text + "\n" if text else ""), title
