"""Find actors' names and aliases in text: pure text code, no ORM.

``ActorMatcher([(actor_id, name), ...])`` compiles every name into one regular expression,
longest name first, and ``find(text)`` returns the mentions in order: leftmost-longest and
non-overlapping, so "Islamic Revolutionary Guard Corps" is one mention, not "Guard".

- Names match on word boundaries: "Iran" is not found in "Iranian"; a possessive is left
  out of the mention ("Soleimani’s" mentions "Soleimani").
- Straight and curly apostrophes (and quotes) in names are the same character, and any run
  of whitespace, non-breaking spaces included, matches a space.
- A short all-capitals name (an acronym of up to five characters: US, UN, IRGC, SAA)
  matches only in capitals, so the words "us" and "un-" are not the United States and the
  United Nations; every other name matches whatever its case.

``find_in_document(texts)`` does the same for a document's passages, and also finds a
person named in full somewhere in the document by the surname alone, as news writes it:
"Qassem Soleimani" once, then "Soleimani".
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

ACRONYM_LENGTH = 5  # all-capitals names up to this long match only in capitals
APOSTROPHES = "'’‘ʼ"
QUOTES = '"“”'
_SAME_CHARACTER = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(QUOTES, '"')})


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an actor found in a text: ``text[start:end]``."""

    start: int
    end: int
    text: str
    actor_id: int


def is_acronym(name: str) -> bool:
    """Whether ``name`` is matched only as written: short and all capitals (US, IRGC, U.S.)."""
    name = name.strip()
    return len(name) <= ACRONYM_LENGTH and name.isupper()


def name_key(name: str, *, fold_case: bool = True) -> str:
    """The form names are looked up in: one kind of apostrophe and quote, single spaces,
    and (unless ``fold_case`` is false) case-folded."""
    key = " ".join(name.translate(_SAME_CHARACTER).split())
    return key.casefold() if fold_case else key


def name_pattern(name: str) -> str:
    """A regular expression for ``name`` as it may be written: any apostrophe or quote for
    one, any whitespace for a space, any case unless it is an acronym."""
    words = []
    for word in name.split():
        escaped = re.escape(word.translate(_SAME_CHARACTER))
        escaped = escaped.replace("'", f"[{APOSTROPHES}]").replace('"', f"[{QUOTES}]")
        words.append(escaped)
    pattern = r"\s+".join(words)
    return pattern if is_acronym(name) else f"(?i:{pattern})"


class ActorMatcher:
    """Finds the names of many actors in texts with one compiled regular expression."""

    def __init__(self, names: Iterable[tuple[int, str]], people: Iterable[int] = ()) -> None:
        self.people = frozenset(people)  # the actors that are persons, for surnames
        self.acronyms: dict[str, set[int]] = defaultdict(set)
        self.names: dict[str, set[int]] = defaultdict(set)
        # first character (lower case) -> {pattern: length of the name it matches}
        self.patterns: dict[str, dict[str, int]] = defaultdict(dict)
        for actor_id, name in names:
            if re.search(r"\w", name):
                self.add(actor_id, name.strip())
        self.regex = self.compile()

    def add(self, actor_id: int, name: str) -> None:
        if is_acronym(name):
            self.acronyms[name_key(name, fold_case=False)].add(actor_id)
        else:
            self.names[name_key(name)].add(actor_id)
        first = name.translate(_SAME_CHARACTER)[0].lower()
        self.patterns[first][name_pattern(name)] = len(name_key(name))

    def compile(self) -> re.Pattern | None:
        """One expression: a branch per first character, each branch's names longest first,
        so that at any position the longest name there wins. The branches only make it fast:
        a lookahead on the first character skips a branch in one step."""
        if not self.patterns:
            return None
        branches = []
        for first, lengths in sorted(self.patterns.items()):
            ordered = sorted(lengths, key=lambda pattern: (-lengths[pattern], pattern))
            branches.append(f"(?={first_character(first)})(?:{'|'.join(ordered)})")
        return re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)")

    def find(self, text: str) -> list[Mention]:
        """The actors named in ``text``, in order; a name shared by several actors gives a
        mention of each."""
        if self.regex is None:
            return []
        return [
            Mention(match.start(), match.end(), match.group(), actor_id)
            for match in self.regex.finditer(text)
            for actor_id in sorted(self.actors_named(match.group()))
        ]

    def actors_named(self, written: str) -> set[int]:
        exact = self.acronyms.get(name_key(written, fold_case=False), set())
        return exact | self.names.get(name_key(written), set())

    def find_in_document(self, texts: list[str]) -> list[list[Mention]]:
        """The actors named in each of a document's texts (its passages, in order). A
        person the document names in full is also found by the surname alone, capitalised
        ("Qassem Soleimani", then "Soleimani’s death"), unless two people it names share
        it, or another given name comes before it ("Hafez al-Assad" is not Bashar)."""
        found = [self.find(text) for text in texts]
        surnames = self.surnames(mention for mentions in found for mention in mentions)
        if not surnames:
            return found
        ordered = sorted(surnames, key=lambda surname: (-len(surname), surname))
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")
        return [
            sorted(
                [*mentions, *_by_surname(text, mentions, surnames, regex)],
                key=lambda mention: (mention.start, mention.actor_id),
            )
            for text, mentions in zip(texts, found, strict=True)
        ]

    def surnames(self, mentions: Iterable[Mention]) -> dict[str, int]:
        """Surname -> person, for the people mentioned by a name of several words: its last
        word, and without "al-" ("Bashar al-Assad": al-Assad, Assad). Names that are some
        actor's own are left to ``find``."""
        people = defaultdict(set)
        for mention in mentions:
            words = mention.text.split()
            if mention.actor_id not in self.people or len(words) < 2:
                continue
            last = words[-1].translate(_SAME_CHARACTER)
            for surname in (last, _ARTICLE.sub("", last)):
                if _SURNAME.fullmatch(surname) and not self.actors_named(surname):
                    people[surname].add(mention.actor_id)
        return {surname: ids.pop() for surname, ids in people.items() if len(ids) == 1}


# A surname as names write it: capitalised, three letters or more ("Zahedi", "O'Brien"),
# perhaps after an article ("al-Assad").
_SURNAME = re.compile(r"(?:[a-z]{1,3}-)?[A-Z][\w'-]{2,}")
_ARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l)-")
# A capitalised word before a surname that still leaves it the person's: a title or rank,
# or a possessive ("Iran's Soleimani").
_TITLES = frozenset(
    "President Gen General Maj Major Brig Brigadier Lt Col Colonel Commander Cmdr Admiral "
    "Adm Mr Mrs Ms Dr Minister Sheikh Ayatollah Sayyed Sayyid Martyr King Prince Emir Imam "
    "Leader Secretary Senator Sen Rep Ambassador Envoy Chief Speaker Chairman Director "
    "Captain Capt Sergeant Sgt Premier Hojatoleslam Judge Justice".split()
)
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _by_surname(
    text: str, mentions: list[Mention], surnames: dict[str, int], regex: re.Pattern
) -> Iterator[Mention]:
    taken = [(mention.start, mention.end) for mention in mentions]
    for match in regex.finditer(text.translate(_SAME_CHARACTER)):
        start, end = match.span()
        if any(start < right and left < end for left, right in taken):
            continue
        if _after_given_name(text, start):
            continue
        yield Mention(start, end, text[start:end], surnames[match.group()])


def _after_given_name(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a capitalised word that may be another given
    name: not a title, a possessive, nor the first word of a sentence."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None or not before[1][:1].isupper():
        return False
    word = before[1].translate(_SAME_CHARACTER)
    if word.rstrip(".") in _TITLES or word.endswith("'s"):
        return False
    ahead = text[: before.start(1)].rstrip(" \t\"“‘'(")
    return not (ahead == "" or ahead[-1] in ".!?:\n")


def first_character(first: str) -> str:
    """A character class for a name's first character in any case (or any apostrophe)."""
    if first == "'":
        return f"[{APOSTROPHES}]"
    if first == '"':
        return f"[{QUOTES}]"
    return "[" + re.escape("".join(sorted({first, first.upper()}))) + "]"
