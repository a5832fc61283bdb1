"""Read TempEval-3 TimeML files and score temporal taggers as in TE3 Task A.

``read_document`` gives a .tml file's creation date, the plain text of its <TEXT> element and
the gold TIMEX3 in it, with offsets into that text. ``match`` pairs gold and system mentions
one to one; ``count`` turns one document's pairs into ``Counts``, which add up over documents
(micro-averaging) and give the figures: strict and relaxed precision, recall and F1, type and
value accuracy over the relaxed matches, and type and value F1 (accuracy x relaxed F1).
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import NamedTuple


class Mention(NamedTuple):
    start: int  # offsets into the document's plain text, end exclusive
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str


@dataclass(frozen=True)
class Document:
    path: Path
    docid: str
    dct: date | None
    text: str
    gold: list[Mention]
    kind: str | None = None  # the kind of document, as a Source's; TimeML does not say it


# TE3 gives some creation times with a clock time ("1998-01-08T19:48"); the date is what we use.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_document(path: Path) -> Document:
    return parse_document(path.read_bytes(), path)


def parse_document(xml: bytes | str, path: Path = Path("-")) -> Document:
    root = ET.fromstring(xml)
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    text, gold = _flatten(body)
    docid = (root.findtext("DOCID") or path.stem).strip()
    return Document(path, docid, _creation_date(root), text, gold)


def _creation_date(root: ET.Element) -> date | None:
    for timex in root.iterfind("DCT/TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            found = _DATE.match(timex.get("value", ""))
            return date(*map(int, found.groups())) if found else None
    return None


def _flatten(body: ET.Element) -> tuple[str, list[Mention]]:
    """The element's text with the tags taken out, and its TIMEX3 as offsets into that text."""
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    length = 0

    def add(piece: str | None) -> None:
        nonlocal length
        parts.append(piece or "")
        length += len(piece or "")

    def walk(element: ET.Element) -> None:
        start = length
        add(element.text)
        for child in element:
            walk(child)
            add(child.tail)
        if element.tag == "TIMEX3":
            spans.append((start, length, element))

    walk(body)
    text = "".join(parts)
    gold = [
        Mention(start, end, text[start:end], timex.get("type", ""), timex.get("value", ""))
        for start, end, timex in spans
    ]
    return text, sorted(gold)


def match(gold: list[Mention], system: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Pair each gold with at most one system mention: identical spans first, then the pairs
    sharing most characters, then in text order. Spans that share no character never pair."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((not exact, -overlap, i, j))
    pairs, used_gold, used_system = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((gold[i], system[j]))
    return sorted(pairs)


@dataclass
class Counts:
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0  # pairs with identical spans
    relaxed: int = 0  # all pairs, identical or overlapping
    type_correct: int = 0  # pairs whose types agree
    value_correct: int = 0  # pairs whose values agree

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def figures(self) -> dict:
        """Micro-averaged figures, as fractions; 0.0 where nothing was there to count."""
        relaxed_f1 = _f1(self.relaxed, self.system, self.gold)
        type_accuracy = _ratio(self.type_correct, self.relaxed)
        value_accuracy = _ratio(self.value_correct, self.relaxed)
        return asdict(self) | {
            "strict_p": _ratio(self.strict, self.system),
            "strict_r": _ratio(self.strict, self.gold),
            "strict_f1": _f1(self.strict, self.system, self.gold),
            "relaxed_p": _ratio(self.relaxed, self.system),
            "relaxed_r": _ratio(self.relaxed, self.gold),
            "relaxed_f1": relaxed_f1,
            "type_accuracy": type_accuracy,
            "value_accuracy": value_accuracy,
            "type_f1": type_accuracy * relaxed_f1,
            "value_f1": value_accuracy * relaxed_f1,
        }


def count(gold: list[Mention], system: list[Mention], pairs) -> Counts:
    """One document's counts, given the pairs ``match`` made of its mentions."""
    return Counts(
        documents=1,
        gold=len(gold),
        system=len(system),
        strict=sum((g.start, g.end) == (s.start, s.end) for g, s in pairs),
        relaxed=len(pairs),
        type_correct=sum(g.type == s.type for g, s in pairs),
        value_correct=sum(g.value == s.value for g, s in pairs),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(hits: int, system: int, gold: int) -> float:
    # 2PR/(P+R) with P = hits/system and R = hits/gold comes to this.
    return _ratio(2 * hits, system + gold)


def self_test() -> None:
    """Known answers for the reader and the scorer; raises AssertionError if one is wrong."""
    doc = parse_document(
        '<TimeML><DOCID>x</DOCID><DCT><TIMEX3 tid="t0" type="TIME" value="1998-01-08T19:48"'
        ' functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>\nOn <TIMEX3 type="DATE"'
        ' value="1998-01-07">Wednesday</TIMEX3> it <EVENT eid="e1">fell</EVENT> for <TIMEX3'
        ' type="DURATION" value="P2D">two days</TIMEX3>.\n</TEXT></TimeML>'
    )
    assert doc.dct == date(1998, 1, 8), doc.dct
    assert doc.text == "\nOn Wednesday it fell for two days.\n", doc.text
    assert doc.gold == [
        Mention(4, 13, "Wednesday", "DATE", "1998-01-07"),
        Mention(26, 34, "two days", "DURATION", "P2D"),
    ], doc.gold

    def scored(gold, system) -> Counts:
        gold, system = [Mention(*m) for m in gold], [Mention(*m) for m in system]
        return count(gold, system, match(gold, system))

    # One exact pair, one overlapping pair with a wrong value, one spurious mention.
    one = scored(
        [(0, 4, "1998", "DATE", "1998"), (10, 19, "last week", "DATE", "1998-W01")],
        [
            (0, 4, "1998", "DATE", "1998"),
            (15, 19, "week", "DURATION", "P1W"),
            (30, 33, "now", "DATE", "PRESENT_REF"),
        ],
    )
    assert one == Counts(1, 2, 3, strict=1, relaxed=2, type_correct=1, value_correct=1), one
    figures = one.figures()
    assert (figures["strict_p"], figures["strict_r"], figures["strict_f1"]) == (1 / 3, 1 / 2, 0.4)
    assert (figures["relaxed_p"], figures["relaxed_r"], figures["relaxed_f1"]) == (2 / 3, 1, 0.8)
    assert figures["value_accuracy"] == 0.5 and figures["value_f1"] == 0.4, figures

    # One to one: a gold span split in two by the system matches only once.
    split = scored(
        [(0, 10, "a", "DATE", "v")], [(0, 5, "b", "DATE", "v"), (5, 10, "c", "DATE", "v")]
    )
    assert (split.relaxed, split.system) == (1, 2), split
    # The exact pair wins over an overlapping one, then the larger overlap wins.
    exact = scored(
        [(0, 10, "a", "DATE", "long"), (0, 5, "b", "DATE", "short")], [(0, 5, "b", "DATE", "short")]
    )
    assert (exact.strict, exact.value_correct) == (1, 1), exact
    largest = match(
        [Mention(0, 10, "a", "DATE", "v")],
        [Mention(0, 3, "b", "DATE", "x"), Mention(2, 10, "c", "DATE", "v")],
    )
    assert largest == [(Mention(0, 10, "a", "DATE", "v"), Mention(2, 10, "c", "DATE", "v"))]
    # Touching spans share no character.
    assert scored([(0, 4, "a", "DATE", "v")], [(4, 8, "b", "DATE", "v")]).relaxed == 0

    # Micro-averaging: counts are summed over documents before dividing.
    total = scored([(0, 4, "a", "DATE", "v")], []) + scored(
        [(0, 4, "a", "DATE", "v")], [(0, 4, "a", "DATE", "v")]
    )
    assert (total.documents, total.figures()["strict_p"], total.figures()["strict_r"]) == (
        2,
        1,
        0.5,
    )
    assert Counts().figures()["relaxed_f1"] == 0.0
