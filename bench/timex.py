"""Benchmark the temporal tagger (events.timex.extract) against gold TimeML and dateparser.

Scores both systems as in TempEval-3 Task A (see te3.py) on the TE3 training corpora and on
our own annotations in bench/eval, and times them on the same texts. See bench/README.md.
"""

import argparse
import calendar
import json
import math
import os
import platform
import re
import shlex
import sys
import time
import tomllib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import audit
import te3
from te3 import Document, Mention

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tagger is imported from the project, not installed

TE3 = ROOT.parent / "shared" / "corpora" / "te3-train"  # beside the checkout, never in it
SEEDS = ROOT / "seeds"
AUDITS = ROOT / "bench" / "audits"  # faults of a corpus's gold: AUDITS / f"{name}.tsv"
SYSTEMS = ("timex", "dateparser")
# Each system is timed best of RUNS runs, and the two systems' runs take turns, so that a
# slow moment of the machine slows both, not the one timed then. A run of our tagger is as
# many passes over the corpus as fill RUN_SECONDS: one pass over the seeds takes 10 ms, too
# short to time alone. A run of dateparser, which takes seconds per corpus, is one pass.
RUNS = 5
RUN_SECONDS = 0.5
CONTEXT = 30  # characters shown either side of a mention in --errors
WARM_UP = "On 8 January 1998, three days later, and yesterday at 5 p.m."

# The kind of each corpus's documents, as a Source's kind, which tells the tagger how to read
# "today". TimeBank and AQUAINT are news; so are our own texts (text-NN). A seed's kind is
# the one seeds/manifest.toml gives it, as ingest stores it.
CORPUS_KINDS = {"TimeBank": "news-article", "AQUAINT": "news-article", "seeds+texts": None}
OWN_TEXTS_KIND = "news-article"
SEED_DOCID = re.compile(r"seed-(\d{3})")
# "Explicit calendar date": a day or month value whose text names the year or the month.
DAY_OR_MONTH = re.compile(r"\d{4}-\d{2}(-\d{2})?")
MONTHS = "|".join([*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"])
NAMES_YEAR_OR_MONTH = re.compile(rf"(?<!\d)\d{{4}}(?!\d)|\b(?:{MONTHS})\b", re.IGNORECASE)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.self_test:
        te3.self_test()
        _self_test_locate()
        print("self-test passed")
        return
    systems = SYSTEMS if args.system == "both" else (args.system,)
    folders = {"TimeBank": args.timebank, "AQUAINT": args.aquaint, "seeds+texts": args.eval}
    report = {"machine": machine(), "command": shlex.join(sys.orig_argv), "corpora": {}}
    print(f"machine: {report['machine']}\ncommand: {report['command']}\n")
    for name in args.corpus or folders:
        documents = load_corpus(name, folders[name], args.limit)
        if documents:
            report["corpora"][name] = run_corpus(name, documents, systems, args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"figures written to {args.json}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = {"timebank": "TimeBank", "aquaint": "AQUAINT", "seeds+texts": "seeds+texts"}
    parser.add_argument(
        "--corpus",
        action="append",
        type=lambda name: names.get(name.lower()) or parser.error(f"no corpus {name!r}"),
        help="TimeBank, AQUAINT or seeds+texts; repeatable (default: all three)",
    )
    parser.add_argument("--system", choices=[*SYSTEMS, "both"], default="both")
    parser.add_argument("--limit", type=int, help="first N documents of each corpus only")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    parser.add_argument("--errors", action="store_true", help="list the tagger's errors")
    parser.add_argument(
        "--errors-limit", type=int, default=100, help="lines of --errors per corpus (100)"
    )
    parser.add_argument("--self-test", action="store_true", help="check the scorer and exit")
    parser.add_argument("--timebank", type=Path, default=TE3 / "TimeBank", metavar="DIR")
    parser.add_argument("--aquaint", type=Path, default=TE3 / "AQUAINT", metavar="DIR")
    parser.add_argument("--eval", type=Path, default=ROOT / "bench" / "eval", metavar="DIR")
    return parser.parse_args(argv)


def machine() -> str:
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"run {datetime.now().isoformat(timespec='seconds')}"
    )


def load_corpus(name: str, folder: Path, limit: int | None) -> list[Document]:
    if not folder.is_dir():
        print(f"note: {name} skipped: no folder {folder}\n")
        return []
    paths = sorted(folder.glob("*.tml"))[:limit]
    if not paths:
        print(f"note: {name} skipped: no .tml files in {folder}\n")
    documents = [te3.read_document(path) for path in paths]
    for document in documents:
        check_seed_text(document)
    return [replace(d, kind=CORPUS_KINDS[name] or eval_kind(d)) for d in documents]


def eval_kind(document: Document) -> str:
    """The kind of one of our annotated documents: a seed's from the seeds' manifest."""
    seed = SEED_DOCID.fullmatch(document.docid)
    if not seed:
        return OWN_TEXTS_KIND
    manifest = tomllib.loads((SEEDS / "manifest.toml").read_text(encoding="utf-8"))
    (source,) = SEEDS.glob(f"{seed[1]}_*.txt")  # check_seed_text has made sure of one
    return manifest["documents"][source.name]["kind"]


def check_seed_text(document: Document) -> None:
    """Our gold for a seed must be annotated on the seed's exact text, or its offsets are wrong."""
    seed = SEED_DOCID.fullmatch(document.docid)
    if not seed:
        if document.path.name.startswith("seed-"):
            sys.exit(f"FAIL {document.path}: named as a seed but DOCID is {document.docid!r}")
        return
    sources = sorted(SEEDS.glob(f"{seed[1]}_*.txt"))
    if len(sources) != 1:
        sys.exit(f"FAIL {document.path}: {len(sources)} files {SEEDS}/{seed[1]}_*.txt, not 1")
    # Bytes decoded by hand: read_text() would translate line endings.
    expected = sources[0].read_bytes().decode("utf-8")
    if document.text != expected:
        at = len(os.path.commonprefix([document.text, expected]))
        sys.exit(
            f"FAIL {document.path}: <TEXT> differs from {sources[0]} at offset {at} "
            f"(lengths {len(document.text)} and {len(expected)}):\n"
            f"  tml:  {document.text[max(0, at - CONTEXT) : at + CONTEXT]!r}\n"
            f"  seed: {expected[max(0, at - CONTEXT) : at + CONTEXT]!r}"
        )


def run_corpus(name: str, documents: list[Document], systems, args) -> dict:
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    result = {"documents": len(documents), "megabytes": megabytes, "systems": {}}
    outputs, pairs = {}, {}
    for system, (found, timing) in time_systems(documents, systems).items():
        outputs[system], more = FINISH[system](documents, found)
        pairs[system] = [
            te3.match(d.gold, out) for d, out in zip(documents, outputs[system], strict=True)
        ]
        counts = map(te3.count, [d.gold for d in documents], outputs[system], pairs[system])
        figures = sum(counts, te3.Counts()).figures() | timing | more
        figures["mb_per_s"] = megabytes / figures["seconds"] if figures["seconds"] else 0.0
        result["systems"][system] = figures
    speeds = [result["systems"].get(system, {}).get("mb_per_s") for system in SYSTEMS]
    if all(speeds):
        result["speed_ratio"] = speeds[0] / speeds[1]
    print_table(name, result)
    if "timex" in systems and name == "seeds+texts":
        result["seed_dates"] = seed_dates(documents, pairs["timex"])
    audit_path = AUDITS / f"{name}.tsv"
    if "timex" in systems and audit_path.exists():
        faults = audit.check(audit.read_audit(audit_path), documents)
        result["audit"] = audit.explain(documents, outputs["timex"], pairs["timex"], faults)
        print(audit.report(audit_path.relative_to(ROOT), result["audit"]))
    if "timex" in systems and args.errors:
        print_errors(documents, outputs["timex"], pairs["timex"], args.errors_limit)
    print()
    return result


def time_systems(documents: list[Document], systems) -> dict[str, tuple[list, dict]]:
    """Each system's output of a pass over ``documents`` and its timing: the seconds of a
    pass, best of RUNS runs, which take turns between the systems."""
    ready = {system: PASSES[system](documents) for system in systems}
    passes = {system: _passes_to_fill_a_run(one_pass) for system, one_pass in ready.items()}
    found, runs = {}, {system: [] for system in ready}
    for _ in range(RUNS):
        for system, one_pass in ready.items():
            start = time.perf_counter()
            for _ in range(passes[system]):
                found[system] = one_pass()
            runs[system].append((time.perf_counter() - start) / passes[system])
    timings = {
        system: {"seconds": min(runs[system]), "runs_seconds": runs[system]}
        | ({"passes": passes[system]} if passes[system] > 1 else {})
        for system in ready
    }
    return {system: (found[system], timings[system]) for system in ready}


def _passes_to_fill_a_run(one_pass) -> int:
    """As many passes as fill RUN_SECONDS, timed by one pass, which also warms up."""
    start = time.perf_counter()
    one_pass()
    return max(1, math.ceil(RUN_SECONDS / (time.perf_counter() - start)))


def timex_pass(documents: list[Document]):
    from events.timex import extract

    def one_pass() -> list:
        found = []
        for document in documents:
            try:
                found.append(extract(document.text, document.dct, document.kind))
            except Exception as error:  # a bug in our tagger: stop, naming the document
                raise RuntimeError(f"events.timex.extract failed on {document.path}") from error
        return found

    extract(WARM_UP, None)  # first-call costs are not throughput
    return one_pass


def timex_mentions(documents: list[Document], found: list) -> tuple[list[list[Mention]], dict]:
    return [[Mention(t.start, t.end, t.text, t.type, t.value) for t in f] for f in found], {}


def dateparser_pass(documents: list[Document]):
    from dateparser.search import search_dates

    settings = [_dateparser_settings(document.dct) for document in documents]

    def one_pass() -> list:
        found = []
        for document, setting in zip(documents, settings, strict=True):
            try:  # None when it finds no date
                found.append(search_dates(document.text, languages=["en"], settings=setting))
            except Exception:  # a crash is a document it tagged nothing in, and is counted
                found.append(Exception)
        return found

    search_dates(WARM_UP, languages=["en"])  # loads its language data, which is not throughput
    return one_pass


def dateparser_mentions(documents: list[Document], found: list) -> tuple[list, dict]:
    failed = sum(f is Exception for f in found)
    found = [None if f is Exception else f for f in found]
    mentions = [locate(d.text, f or []) for d, f in zip(documents, found, strict=True)]
    unlocated = sum(len(f or []) for f in found) - sum(map(len, mentions))
    return mentions, {"failed": failed, "unlocated": unlocated}


def _dateparser_settings(dct: date | None) -> dict:
    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if dct:  # relative dates resolve against the creation date, as for our tagger
        settings["RELATIVE_BASE"] = datetime(dct.year, dct.month, dct.day)
    return settings


PASSES = {"timex": timex_pass, "dateparser": dateparser_pass}
FINISH = {"timex": timex_mentions, "dateparser": dateparser_mentions}


def locate(text: str, found: list) -> list[Mention]:
    """Offsets for dateparser's (substring, datetime) pairs, which come in text order.

    Its values are days, whatever the expression's granularity: that is what it returns."""
    mentions, position = [], 0
    for substring, moment in found:
        start = text.find(substring, position)
        if start < 0:
            continue  # not found verbatim: it cannot be scored, and is counted as unlocated
        position = start + len(substring)
        mentions.append(Mention(start, position, substring, "DATE", moment.date().isoformat()))
    return mentions


def _self_test_locate() -> None:
    day = datetime(2024, 5, 5)
    text = "In May, then on May 5."
    found = locate(text, [("May", day), ("May 5", day), ("June", day)])
    assert [(m.start, m.end, m.value) for m in found] == [
        (3, 6, "2024-05-05"),
        (16, 21, "2024-05-05"),
    ]


def seed_dates(documents: list[Document], pairs: list) -> dict:
    """Whether each explicit calendar date in the seeds got an overlapping span and its value."""
    checked, failures = 0, []
    for document, doc_pairs in zip(documents, pairs, strict=True):
        if not SEED_DOCID.fullmatch(document.docid):
            continue
        matched = dict(doc_pairs)
        for gold in document.gold:
            if DAY_OR_MONTH.fullmatch(gold.value) and NAMES_YEAR_OR_MONTH.search(gold.text):
                checked += 1
                system = matched.get(gold)
                if not system or system.value != gold.value:
                    got = f"got {system.text!r} {system.value}" if system else "missed"
                    failures.append(f"{document.docid}, {got}: {show(document.text, gold)}")
    seeds = sum(bool(SEED_DOCID.fullmatch(d.docid)) for d in documents)
    print(
        f"every explicit calendar date in the seeds ({seeds} of {len(list(SEEDS.glob('*.txt')))}"
        f" annotated) normalised correctly: {checked - len(failures)}/{checked}"
    )
    for failure in failures:
        print(f"  FAIL {failure}")
    return {
        "seeds": seeds,
        "checked": checked,
        "correct": checked - len(failures),
        "failures": failures,
    }


COLUMNS = [  # heading, key in the figures, format; each cell as wide as its heading
    ("system    ", "system", ""),
    (" docs", "documents", ""),
    (" gold", "gold", ""),
    ("  sys", "system_count", ""),
    ("strictP", "strict_p", ".1%"),
    ("strictR", "strict_r", ".1%"),
    ("strictF1", "strict_f1", ".1%"),
    ("relaxP", "relaxed_p", ".1%"),
    ("relaxR", "relaxed_r", ".1%"),
    ("relaxF1", "relaxed_f1", ".1%"),
    ("typeAcc", "type_accuracy", ".1%"),
    ("typeF1", "type_f1", ".1%"),
    ("valueAcc", "value_accuracy", ".1%"),
    ("valueF1", "value_f1", ".1%"),
    ("seconds", "seconds", ".3f"),
    ("    MB/s", "mb_per_s", ".4f"),
]


def print_table(name: str, result: dict) -> None:
    print(f"{name}: {result['documents']} documents, {result['megabytes']:.3f} MB of text")
    print(" ".join(heading for heading, _, _ in COLUMNS))
    for system, figures in result["systems"].items():
        row = figures | {"system": system, "system_count": figures["system"]}
        cells = (format(row[key], spec).rjust(len(heading)) for heading, key, spec in COLUMNS)
        print(" ".join(cells))
    systems = result["systems"]
    if "timex" in systems:
        runs = ", ".join(f"{seconds:.3f}" for seconds in systems["timex"]["runs_seconds"])
        passes = systems["timex"].get("passes", 1)
        print(f"timex: best of {RUNS} runs of {passes} passes ({runs} s a pass)")
    if "dateparser" in systems:
        figures = systems["dateparser"]
        runs = ", ".join(f"{seconds:.3f}" for seconds in figures["runs_seconds"])
        print(f"dateparser: best of {RUNS} runs ({runs} s)")
        failed, unlocated = figures["failed"], figures["unlocated"]
        print(f"dateparser: {failed} documents failed, {unlocated} dates not found in the text")
    if "speed_ratio" in result:
        print(f"speed ratio timex/dateparser (MB/s): {result['speed_ratio']:.1f}x")


def print_errors(documents, outputs, pairs, limit: int) -> None:
    """The tagger's errors in each document, for development."""
    lines = []
    for document, system, doc_pairs in zip(documents, outputs, pairs, strict=True):
        errors = document_errors(document, system, doc_pairs)
        if errors:
            lines += [f"errors in {document.docid} ({document.path.name}):", *errors]
    print("\n".join(lines[:limit]))
    if len(lines) > limit:
        print(f"... {len(lines) - limit} more lines (--errors-limit)")


def document_errors(document: Document, system: list[Mention], pairs) -> list[str]:
    """Missed gold, spurious system mentions, and relaxed matches with the wrong value."""
    matched_gold, matched_system = {g for g, _ in pairs}, {s for _, s in pairs}
    text = document.text
    missed = [f"  missed    {show(text, g)}" for g in document.gold if g not in matched_gold]
    spurious = [f"  spurious  {show(text, s)}" for s in system if s not in matched_system]
    wrong = [
        f"  value     {show(text, g)}\n            system {s.text!r} {s.type} {s.value}"
        for g, s in pairs
        if g.value != s.value
    ]
    return missed + spurious + wrong


def show(text: str, mention: Mention) -> str:
    before = text[max(0, mention.start - CONTEXT) : mention.start]
    after = text[mention.end : mention.end + CONTEXT]
    context = f"{before}[{mention.text}]{after}".replace("\n", " ")
    return f"{mention.text!r} {mention.type} {mention.value}  ...{context}..."


if __name__ == "__main__":
    main()
