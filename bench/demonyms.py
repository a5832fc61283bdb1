"""Measure how well a state's demonym is found as a mention of it (events.actor_names).

bench/demonyms/ holds thirteen documents written for this and annotated by hand: every
demonym of the curated states in them, adjective ("Iranian", "Israeli"...) or plural noun
("Iranians", "the British"), with whether it names the state acting ("an Israeli air
strike", "Iranian officials said", "the Iranians sent advisers") or not ("Syrian refugees",
"Lebanese Hezbollah", "thousands of Syrians"). The rules were written looking at the
"written-with" documents; the "held-out" ones were first scored unseen (see the README).
The matcher is built from the curated actors, as ingest builds it from the database: their
names, aliases and demonyms.

A demonym that names its state counts as found when a mention of that state covers it: by
the demonym, or by a name that holds it ("Syrian government").

    .venv/bin/python bench/demonyms.py [--errors]
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the matcher is imported from the project, not installed

from events.actor_names import ActorMatcher  # noqa: E402

FOLDER = ROOT / "bench" / "demonyms"
ACTORS = ROOT / "fixtures" / "actors.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="List each miss and false find.")
    args = parser.parse_args(argv)
    matcher = curated_matcher()
    documents = json.loads((FOLDER / "gold.json").read_text(encoding="utf-8"))
    # Per set of documents, and for all: demonyms, those naming the state, found, found right
    sets = ("written-with", "held-out", "adjectives", "plurals", "all")
    totals = {name: [0, 0, 0, 0] for name in sets}
    for document in documents:
        text = (FOLDER / document["file"]).read_text(encoding="utf-8")
        mentions = matcher.find(text)
        for demonym in document["demonyms"]:
            found = any(
                mention.start < demonym["end"]
                and demonym["start"] < mention.end
                and mention.actor_id == demonym["state"]
                for mention in mentions
            )
            form = {"adjective": "adjectives", "plural": "plurals"}[demonym["form"]]
            for name in (document["set"], form, "all"):
                counts = totals[name]
                counts[0] += 1
                counts[1] += demonym["acts"]
                counts[2] += found
                counts[3] += found and demonym["acts"]
            if args.errors and found != demonym["acts"]:
                what = "missed" if demonym["acts"] else "wrong "
                print(f"{what} {document['file']}: {demonym['text']} in {demonym['phrase']!r}")
    print_table(totals)


def curated_matcher() -> ActorMatcher:
    records = json.loads(ACTORS.read_text(encoding="utf-8"))
    actors = [record["fields"] for record in records if record["model"] == "events.actor"]
    aliases = [record["fields"] for record in records if record["model"] == "events.actoralias"]
    names = [(actor["slug"], actor["name"]) for actor in actors]
    names += [(alias["actor"][0], alias["name"]) for alias in aliases]
    people = [actor["slug"] for actor in actors if actor["kind"] == "person"]
    demonyms = [(actor["slug"], actor["demonym"]) for actor in actors if actor.get("demonym")]
    organs = [actor["slug"] for actor in actors if actor["kind"] in ("military", "government-body")]
    return ActorMatcher(names, people=people, demonyms=demonyms, organs=organs)


def print_table(totals: dict[str, list[int]]) -> None:
    print(
        f"{'documents':13} {'demonyms':>8} {'acting':>6} {'found':>5} {'right':>5} "
        f"{'precision':>9} {'recall':>6} {'F1':>5} {'P if all':>8}"
    )
    for name, (demonyms, acting, found, right) in totals.items():
        precision = right / found if found else 0.0
        recall = right / acting if acting else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{name:13} {demonyms:8} {acting:6} {found:5} {right:5} {precision:9.3f} "
            f"{recall:6.3f} {f1:5.3f} {acting / demonyms:8.3f}"
        )
    print("(P if all: the precision of taking every demonym for its state)")


if __name__ == "__main__":
    main()
