"""Faults of a corpus's gold TIMEX3, and the value F1 a tagger could reach in spite of them.

An audit is a tab-separated file with a header and a row per fault of the gold annotation:
``doc start end text kind reason note``. ``start`` and ``end`` are offsets into the
document's text (as ``te3.read_document`` gives it) and ``text`` is what lies between them,
so that a row that no longer fits the corpus is refused rather than misapplied. ``kind``:

- ``value``: the gold TIMEX3 with this span has a value a tagger should not give it, reading
  the text and its creation date;
- ``extra``: the gold TIMEX3 with this span is not a temporal expression;
- ``omitted``: the gold leaves out this temporal expression, which its conventions tag.

``reason`` says why: ``malformed`` (not TIMEX3's form for the expression), ``wrong`` (the
text or the calendar says otherwise), ``convention`` (TimeBank and the TimeML guidelines
annotate the expression otherwise, and the corpus itself is split), ``span`` (the gold's span
is not the expression's, so a tagger's match carries another value), ``dct`` (the file's
creation date is wrong, and the gold resolves from the right one), ``text`` (the gold
corrects the text). ``note`` says what is wrong, for a reader.

``explain`` sorts the tagger's errors into those on a fault and the others, and gives the
value F1 the tagger would reach with every other error fixed: the most a tagger can score
against this gold without reproducing its faults.
"""

import csv
from dataclasses import dataclass, replace
from pathlib import Path

import te3
from te3 import Document, Mention

COLUMNS = ("doc", "start", "end", "text", "kind", "reason", "note")
KINDS = ("value", "extra", "omitted")
REASONS = ("malformed", "wrong", "convention", "span", "dct", "text")


class AuditError(ValueError):
    """An audit row that is malformed or does not fit its corpus; the message names it."""


@dataclass(frozen=True)
class Fault:
    doc: str
    start: int
    end: int
    text: str
    kind: str
    reason: str
    note: str
    where: str  # "FILE:LINE", for messages


def read_audit(path: Path) -> list[Fault]:
    with path.open(encoding="utf-8", newline="") as lines:
        rows = list(csv.reader(lines, delimiter="\t"))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise AuditError(f"{path}:1: the header must be {' '.join(COLUMNS)}")
    return [_fault(row, f"{path}:{number}") for number, row in enumerate(rows[1:], start=2)]


def _fault(row: list[str], where: str) -> Fault:
    if len(row) != len(COLUMNS):
        raise AuditError(f"{where}: {len(row)} columns, not {len(COLUMNS)}")
    doc, start, end, text, kind, reason, note = row
    if not (start.isdigit() and end.isdigit() and int(start) < int(end)):
        raise AuditError(f"{where}: start and end must be offsets, start first: {start} {end}")
    if kind not in KINDS:
        raise AuditError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if reason not in REASONS:
        raise AuditError(f"{where}: reason {reason!r} is not one of {', '.join(REASONS)}")
    return Fault(doc, int(start), int(end), text, kind, reason, note, where)


def check(faults: list[Fault], documents: list[Document]) -> list[Fault]:
    """The faults of these documents, each checked against its document's text and gold."""
    by_doc = {document.docid: document for document in documents}
    checked = []
    for fault in faults:
        document = by_doc.get(fault.doc)
        if document is None:
            continue  # a fault of another corpus
        found = document.text[fault.start : fault.end]
        if found != fault.text:
            raise AuditError(f"{fault.where}: the text there is {found!r}, not {fault.text!r}")
        spans = {(g.start, g.end) for g in document.gold}
        if fault.kind != "omitted" and (fault.start, fault.end) not in spans:
            raise AuditError(f"{fault.where}: no gold TIMEX3 spans {fault.text!r}")
        if fault.kind == "omitted" and any(_overlap(fault, g) for g in document.gold):
            raise AuditError(f"{fault.where}: a gold TIMEX3 overlaps {fault.text!r}")
        checked.append(fault)
    return checked


def explain(documents, outputs, pairs, faults: list[Fault]) -> dict:
    """The tagger's errors on the faults and the others, by kind of error, and the value F1
    now and with every other error fixed. ``outputs`` and ``pairs`` are per document, as
    ``te3.match`` pairs them; ``faults`` as ``check`` returns them."""
    on_fault = {"value": 0, "missed": 0, "spurious": 0}
    other = dict(on_fault)
    reasons = dict.fromkeys(REASONS, 0)
    used = set()
    now = te3.Counts()
    for document, output, doc_pairs in zip(documents, outputs, pairs, strict=True):
        now += te3.count(document.gold, output, doc_pairs)
        faults_here = [fault for fault in faults if fault.doc == document.docid]
        for error, mention in _errors(document, output, doc_pairs):
            fault = _fault_of(error, mention, faults_here)
            if fault is None:
                other[error] += 1
            else:
                on_fault[error] += 1
                reasons[fault.reason] += 1
                used.add(fault)
    # Fixing another error: a wrong value becomes right; a missed mention is found, with its
    # value; a spurious one goes.
    fixed = replace(
        now,
        system=now.system - other["spurious"] + other["missed"],
        relaxed=now.relaxed + other["missed"],
        value_correct=now.value_correct + other["value"] + other["missed"],
    )
    return {
        "faults": len(faults),
        "errors_on_faults": on_fault,
        "errors_on_faults_by_reason": {reason: n for reason, n in reasons.items() if n},
        "other_errors": other,
        "faults_on_no_error": [fault.where for fault in faults if fault not in used],
        "value_f1": now.figures()["value_f1"],
        "value_f1_other_errors_fixed": fixed.figures()["value_f1"],
    }


def _errors(document: Document, output: list[Mention], pairs):
    matched_gold, matched_system = {g for g, _ in pairs}, {s for _, s in pairs}
    yield from (("missed", g) for g in document.gold if g not in matched_gold)
    yield from (("spurious", s) for s in output if s not in matched_system)
    yield from (("value", g) for g, s in pairs if g.value != s.value)


def _fault_of(error: str, mention: Mention, faults: list[Fault]) -> Fault | None:
    """The fault that explains an error: for a spurious mention, a gold omission it overlaps;
    for a missed or wrongly valued gold mention, a fault of that very TIMEX3."""
    for fault in faults:
        if error == "spurious":
            if fault.kind == "omitted" and _overlap(fault, mention):
                return fault
        elif fault.kind != "omitted" and (fault.start, fault.end) == mention[:2]:
            return fault
    return None


def _overlap(fault: Fault, mention: Mention) -> bool:
    return min(fault.end, mention.end) > max(fault.start, mention.start)


def report(path: Path, result: dict) -> str:
    on, other = result["errors_on_faults"], result["other_errors"]
    reasons = ", ".join(f"{r} {n}" for r, n in result["errors_on_faults_by_reason"].items())
    lines = [
        f"gold faults ({path}, {result['faults']} rows):",
        f"  the tagger's errors on them: {_counts(on)} (by reason: {reasons or 'none'})",
        f"  its other errors:            {_counts(other)}",
        f"  value F1 {result['value_f1']:.1%} now, {result['value_f1_other_errors_fixed']:.1%}"
        " with every other error fixed",
    ]
    lines += [f"  {where}: on no error of the tagger" for where in result["faults_on_no_error"]]
    return "\n".join(lines)


def _counts(errors: dict) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in errors.items())
