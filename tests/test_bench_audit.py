"""Tests for bench/audit.py: reading an audit of a corpus's gold, and what it explains."""

import sys
import tempfile
from datetime import date
from pathlib import Path

from django.test import SimpleTestCase

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))  # the benchmark's modules are scripts' neighbours, not a package

import audit  # noqa: E402
import te3  # noqa: E402
from te3 import Document, Mention  # noqa: E402

HEADER = "doc\tstart\tend\ttext\tkind\treason\tnote\n"
TEXT = "Talks began Friday night and ended last week; now they wait, said the daily Granma."


def span(text: str, type_: str = "DATE", value: str = "X") -> Mention:
    start = TEXT.index(text)
    return Mention(start, start + len(text), text, type_, value)


GOLD = [
    span("Friday", value="1998-08-07"),  # the system's value differs: a fault of the gold
    span("last week", value="P1W"),  # the system's value differs: the tagger's error
    span("daily", "SET", "P1D"),  # missed: the gold tags a newspaper's name
    span("wait", "DURATION", "PXD"),  # missed, for a test's sake: the tagger's error
    span("Talks", value="1998-08-14"),  # right
]
SYSTEM = [
    span("Talks", value="1998-08-14"),
    span("Friday", value="1998-08-14"),  # pairs with the gold "Friday", spans equal
    span("Friday night", "TIME", "1998-08-14TNI"),  # spurious: the tagger's error
    span("last week", value="1998-W33"),
    span("now", value="PRESENT_REF"),  # spurious: the gold left it out
    span("ended", value="1998-08-15"),  # spurious: the tagger's error
]


def row(text: str, kind: str, reason: str = "convention", doc: str = "d1") -> str:
    start = TEXT.index(text)
    return f"{doc}\t{start}\t{start + len(text)}\t{text}\t{kind}\t{reason}\ta note\n"


class AuditTests(SimpleTestCase):
    def read(self, content: str) -> list[audit.Fault]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "audit.tsv"
            path.write_text(content, encoding="utf-8")
            return audit.read_audit(path)

    def document(self) -> Document:
        return Document(Path("d1.tml"), "d1", date(1998, 8, 20), TEXT, GOLD)

    def test_a_malformed_row_is_refused_naming_its_line(self):
        cases = [
            ("doc\tstart\tend\ttext\tkind\treason\n", ":1: the header must be"),
            (HEADER + "d1\t12\t18\tFriday\tvalue\twrong\n", ":2: 6 columns, not 7"),
            (HEADER + row("Friday", "value") + "d1\tx\t18\tFriday\tvalue\twrong\tn\n", ":3: start"),
            (HEADER + "d1\t18\t12\tFriday\tvalue\twrong\tn\n", ":2: start and end"),
            (HEADER + "d1\t12\t12\tFriday\tvalue\twrong\tn\n", ":2: start and end"),
            (HEADER + row("Friday", "missing"), ":2: kind 'missing' is not one of"),
            (HEADER + row("Friday", "value", "odd"), ":2: reason 'odd' is not one of"),
        ]
        for content, message in cases:
            with self.subTest(message), self.assertRaisesMessage(audit.AuditError, message):
                self.read(content)

    def test_a_row_that_does_not_fit_the_corpus_is_refused(self):
        other = row("Friday", "value").replace("\t12\t18\tFriday", "\t12\t18\tMonday")
        cases = [
            (other, "the text there is 'Friday', not 'Monday'"),
            (row("began", "value"), "no gold TIMEX3 spans 'began'"),
            (row("began", "extra"), "no gold TIMEX3 spans 'began'"),
            (row("Friday night", "omitted"), "a gold TIMEX3 overlaps 'Friday night'"),
        ]
        for content, message in cases:
            faults = self.read(HEADER + content)
            with self.subTest(message), self.assertRaisesMessage(audit.AuditError, message):
                audit.check(faults, [self.document()])

    def test_an_omitted_expression_may_touch_a_gold_one(self):
        faults = self.read(HEADER + row("ended ", "omitted"))  # "last week" follows
        self.assertEqual(len(audit.check(faults, [self.document()])), 1)

    def test_faults_of_other_documents_are_left_out(self):
        faults = self.read(HEADER + row("Friday", "value") + row("now", "omitted", doc="d2"))
        self.assertEqual(
            [(f.doc, f.text) for f in audit.check(faults, [self.document()])], [("d1", "Friday")]
        )

    def test_errors_on_faults_are_told_from_the_taggers_own(self):
        faults = self.read(
            HEADER
            + row("Friday", "value", "wrong")
            + row("daily", "extra", "wrong")
            + row("now", "omitted")
            + row("Talks", "value", "malformed")  # the tagger got it right: on no error
        )
        documents = [self.document()]
        pairs = [te3.match(GOLD, SYSTEM)]
        result = audit.explain(documents, [SYSTEM], pairs, audit.check(faults, documents))
        self.assertEqual(result["errors_on_faults"], {"value": 1, "missed": 1, "spurious": 1})
        self.assertEqual(result["errors_on_faults_by_reason"], {"wrong": 2, "convention": 1})
        self.assertEqual(result["other_errors"], {"value": 1, "missed": 1, "spurious": 2})
        self.assertEqual(result["faults_on_no_error"], [faults[3].where])
        # 1 right value of 5 gold and 6 system mentions; with the tagger's own errors fixed,
        # 3 right ("last week", "wait" found, "Talks") of 5 gold and 5 system (two spurious
        # gone, one missed found). "Friday night" overlaps a fault of the gold's "Friday",
        # but a spurious mention is the gold's fault only where the gold left it out.
        self.assertAlmostEqual(result["value_f1"], 2 * 1 / (5 + 6))
        self.assertAlmostEqual(result["value_f1_other_errors_fixed"], 2 * 3 / (5 + 5))
        report = audit.report(Path("audit.tsv"), result)
        self.assertIn("value F1 18.2% now, 60.0% with every other error fixed", report)
        self.assertIn(f"{faults[3].where}: on no error of the tagger", report)
