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

Given the actors' demonyms ("Israeli" for Israel), a nationality adjective mentions its
state where what it qualifies is the state's doing or one of its organs: "an Israeli air
strike", "Iranian-backed militias", "Turkish troops", "Iranian-Syrian relations"; and where
it opens or comes before the name of one of its armed forces or government bodies (given as
``organs``): "the Syrian army", "the Iranian Quds Force". Not where
it qualifies people, places or things of that nationality: "Syrian refugees", "the Syrian
opposition", "Lebanese villages", "Iranian-born"; nor inside a longer proper name ("Latin
American", "the Free Syrian Army").

The plural noun of a demonym after "the" mentions the state too, as writing on conflict and
diplomacy uses it: "the Iranians sent advisers", "talks with the Americans", "the Russians
and Turks", "the British warned". Without "the" it names people ("thousands of Syrians",
"ordinary Iranians"), and so it does before "who" or "living" ("the Syrians who fled").
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

    def __init__(
        self,
        names: Iterable[tuple[int, str]],
        people: Iterable[int] = (),
        demonyms: Iterable[tuple[int, str]] = (),
        organs: Iterable[int] = (),
    ) -> None:
        self.people = frozenset(people)  # the actors that are persons, for surnames
        self.organs = frozenset(organs)  # a state's armed forces and government bodies
        # A demonym as written, capitalised, and in capitals -> the actors it is of
        self.demonyms: dict[str, set[int]] = defaultdict(set)
        for actor_id, demonym in demonyms:
            if _DEMONYM.fullmatch(demonym := demonym.strip()):
                self.demonyms[demonym].add(actor_id)
                self.demonyms[demonym.upper()].add(actor_id)
        self.demonym_regex = _demonym_regex(self.demonyms)
        # A demonym's plural noun, as written, capitalised, and in capitals -> its actors
        self.plurals: dict[str, set[int]] = defaultdict(set)
        for demonym, actor_ids in self.demonyms.items():
            self.plurals[plural(demonym)] |= actor_ids
        self.plural_regex = _plural_regex(self.plurals)
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
        mention of each. Then the states named by their demonyms, where no name is."""
        if self.regex is None:
            named = []
        else:
            named = [
                Mention(match.start(), match.end(), match.group(), actor_id)
                for match in self.regex.finditer(text)
                for actor_id in sorted(self.actors_named(match.group()))
            ]
        if self.demonym_regex is None:
            return named
        by_demonym = list(self.by_demonym(text, named))
        said = {(mention.start, mention.actor_id) for mention in by_demonym}
        by_demonym += [m for m in self.by_organs(text, named) if (m.start, m.actor_id) not in said]
        taken = named + by_demonym
        by_demonym += self.by_plural(text, taken)
        if not by_demonym:
            return named
        return sorted([*named, *by_demonym], key=lambda mention: (mention.start, mention.actor_id))

    def by_demonym(self, text: str, named: list[Mention]) -> Iterator[Mention]:
        """The states that demonyms in ``text`` name (see the module's docstring), where
        ``named`` has no name."""
        taken = [(mention.start, mention.end) for mention in named]
        for match in self.demonym_regex.finditer(text):
            if _NAME_BEFORE_DEMONYM.search(text, max(0, match.start() - 10), match.start()):
                continue  # inside a longer name: "Free Syrian Army", "Latin American"
            for word in _WORD.finditer(text, match.start(), match.end()):
                start, end = word.span()
                if word.group() not in self.demonyms:
                    continue  # "and", "or" between demonyms
                if any(start < right and left < end for left, right in taken):
                    continue
                for actor_id in sorted(self.demonyms[word.group()]):
                    yield Mention(start, end, word.group(), actor_id)

    def by_organs(self, text: str, named: list[Mention]) -> Iterator[Mention]:
        """The state of an organ that ``named`` holds, where a demonym opens the organ's
        name or stands just before it: "the Syrian army", "Iranian Revolutionary Guards",
        "the Iranian Quds Force". Not before another actor's: "Egyptian Muslim Brotherhood"
        is no act of Egypt's."""
        for mention in named:
            if mention.actor_id not in self.organs:
                continue
            demonym = _WORD.match(text, mention.start)
            if demonym is None or demonym.group() not in self.demonyms:
                demonym = _WORD_BEFORE_NAME.search(text, max(0, mention.start - 20), mention.start)
            if demonym is None or demonym.group() not in self.demonyms:
                continue
            if _NAME_BEFORE_DEMONYM.search(text, max(0, demonym.start() - 10), demonym.start()):
                continue
            for actor_id in sorted(self.demonyms[demonym.group()]):
                yield Mention(demonym.start(), demonym.end(), demonym.group(), actor_id)

    def by_plural(self, text: str, taken: list[Mention]) -> list[Mention]:
        """The states that plural demonyms after "the" name, where ``taken`` has nothing:
        "the Iranians", "the Russians and Iranians", "The British, who warned"."""
        if self.plural_regex is None:
            return []
        found = []
        for run in self.plural_regex.finditer(text):
            if _PEOPLE_AFTER.match(text, run.end()):
                continue  # "the Syrians who fled", "the Iranians living abroad"
            words = _NATIONS.findall(text, run.start(), run.end())
            if all(word in self.demonyms for word in words) and not _NOUN_ENDS.match(
                text, run.end()
            ):
                continue  # "the British government": an adjective, left to by_demonym
            for word in _NATIONS.finditer(text, run.start(), run.end()):
                start, end = word.span()
                if word.group() not in self.plurals:
                    continue  # a nation that is no actor
                if any(start < mention.end and mention.start < end for mention in taken):
                    continue
                for actor_id in sorted(self.plurals[word.group()]):
                    found.append(Mention(start, end, word.group(), actor_id))
        return found

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


# A demonym: one capitalised word ("Israeli", "Saudi", "Emirati"); Actor.demonym validates
# by it too.
DEMONYM_FORM = r"^[A-Z][a-z]+$"
_DEMONYM = re.compile(DEMONYM_FORM)
_WORD = re.compile(r"\w+")
_WORD_BEFORE_NAME = re.compile(r"(?<![\w-])\w+(?=\s+$)")  # then a space, then the name
# What a demonym names its state in qualifying: the state's organs and people acting for
# it, its armed forces and their weapons, and what a state does. After a hyphen, how it
# stands to what follows: "Iranian-backed", "Turkish-held".
_STATE_PARTICIPLES = (
    r"backed|led|sponsored|supported|funded|financed|brokered|trained|armed|allied|aligned|"
    r"controlled|held|occupied|mediated|imposed|proposed|ordered|directed|supplied"
)
_STATE_NOUNS = (
    r"government|governments|regime|state|administration|authorities|officials?|leadership|"
    r"leaders?|president|presidency|(?:prime\s)?ministers?|ministry|secretary|cabinet|"
    r"parliament|lawmakers|MPs|diplomats?|diplomacy|embassy|ambassador|envoys?|consulate|"
    r"missions?|delegation|delegates|negotiators|mediators|intermediaries|counterparts?|"
    r"spokes(?:man|woman|person)|side|"
    r"military|army|navy|air\sforce|forces|troops|soldiers|service\smembers|servicemen|"
    r"units|personnel|commanders?|generals?|officers|advisers|advisors|pilots|planners|"
    r"agents|operatives|intelligence|police|guards|"
    r"(?:air\s?)?strikes?|airstrikes?|attacks?|raids?|bombings?|bombardment|shelling|"
    r"offensive|campaign|operations?|incursions?|intervention|invasion|occupation|"
    r"involvement|presence|entrenchment|expansionism|deployment|withdrawal|retaliation|"
    r"response|conduct|aggression|sovereignty|"
    r"[A-Z][A-Za-z]{0,2}-\d+[A-Z]?s?|jets?|warplanes|planes|aircraft|bombers|helicopters|"
    r"flights|airpower|air\scover|drones?|missiles?|rockets|bombs|warships|ships|"
    r"destroyers?|tanks|artillery|weapons|arms|shipments|defen[cs]es|batteries|bases|"
    r"positions|targets|facilities|sites|installations|assets|"
    r"support|backing|aid|assistance|funding|sanctions|pressure|threats?|demands|"
    r"policy|strategy|role|influence|meddling|plot|plan|proposal|initiative|mediation|"
    r"position|stance|red\slines|messages?|relations|ties|alliance|axis|cooperation|"
    r"coordination|talks|agreement|deal|normali[sz]ation|rapprochement|d[ée]tente|"
    r"nuclear\sprogram(?:me)?"
)
# Words that may come between a demonym and such a noun: "an Israeli air strike", "Iranian
# military advisers", "the Russian Foreign Minister". Any other word there ("the Syrian
# opposition forces", "Iraqi Shia militias") leaves the demonym naming no state.
_STATE_MODIFIERS = (
    r"air|war|military|naval|ground|special|security|armed|border|foreign|defen[cs]e|elite|"
    r"top|senior|high-ranking|state|government|cruise|ballistic|chemical|retaliatory|"
    r"precision|covert|drone|missile|rocket|helicopter|transport|aid|political|diplomatic|"
    r"consular|financial|economic|logistical|direct|official|deputy|supreme|intelligence|"
    r"new|latest|recent|continued|repeated|fresh|heavy|massive|joint|first|secondary|"
    r"interior|revolutionary|"
    r"[A-Z][A-Za-z]{0,2}-\d+[A-Z]?"  # an aircraft's designation: "a Turkish F-16", "Su-24"
)
# Words that make a demonym after them part of another name, even opening a sentence.
_NAME_BEFORE_DEMONYM = re.compile(r"\b(?:Latin|North|South|East|West|Central|Free|New)\s$")
_DEMONYMS_JOINED = r"(?:-|–|/|,?\s(?:and|or)\s|,\s)"
# The demonym of a state that is no actor, in a run with others: "American, British and
# French forces".
_OTHER_DEMONYM = r"[A-Z][a-z]+(?:an|ese|ish|ch|i)"


def _demonym_regex(demonyms: dict[str, set[int]]) -> re.Pattern | None:
    """Runs of demonyms ("Iranian", "Iranian and Russian", "Iranian-Syrian") that qualify
    something of a state (see _STATE_NOUNS), matching the run only."""
    if not demonyms:
        return None
    one = "|".join(map(re.escape, sorted(demonyms, key=lambda word: (-len(word), word))))
    run = rf"(?:{one})(?:{_DEMONYMS_JOINED}(?:{one}|{_OTHER_DEMONYM}))*"
    qualified = (
        rf"-(?i:{_STATE_PARTICIPLES})\b"
        rf"|\s(?:(?i:{_STATE_MODIFIERS})[\s-]){{0,2}}(?i:{_STATE_NOUNS})\b"
    )
    # A lookahead on the first letters lets the regex engine skip to them, not try everywhere.
    firsts = "".join(sorted({word[0] for word in demonyms}))
    return re.compile(rf"(?=[{firsts}])(?<![\w-])(?:{run})(?={qualified})")


# Plurals that are not the demonym and an "s", nor the demonym itself.
_IRREGULAR_PLURALS = {
    "Turkish": "Turks",
    "Kurdish": "Kurds",
    "Polish": "Poles",
    "Danish": "Danes",
    "Swedish": "Swedes",
    "Finnish": "Finns",
    "Scottish": "Scots",
    "Spanish": "Spaniards",
    "Czech": "Czechs",
}
# Demonyms whose plural is the demonym: "the British", "the Lebanese", "the French".
_SAME_PLURAL = re.compile(r".*(?:sh|ch|ese|ss)")


def plural(demonym: str) -> str:
    """The noun for the people of a demonym: Iranians, Saudis, Turks, the British."""
    if demonym.isupper():
        return plural(demonym.capitalize()).upper()
    if demonym in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[demonym]
    return demonym if _SAME_PLURAL.fullmatch(demonym) else demonym + "s"


# What follows a plural demonym naming people, not a state.
_PEOPLE_AFTER = re.compile(r"\s+(?:who|whom|whose|living|born|abroad|in\s+exile)\b")
# What may follow a plural that is also the demonym ("the British", "the Lebanese") when it
# is a noun: a stop, a possessive, a verb ending in -ed, or a word that no noun is.
_NOUN_ENDS = re.compile(
    r"(?:\s*[.,;:!?)\]\"”’]|['’]s?\b|\s+(?:\w+ed|has|have|had|is|are|was|were|will|would|"
    r"could|should|can|may|might|must|did|do|does|also|still|never|not|then|now|too|"
    r"themselves|in|at|on|with|to|for|from|into|by|against|over|under|as|but)\b)"
)


# The plural of a nation that is no actor, in a run with others: "the Russians and Iranians".
_OTHER_PLURAL = r"[A-Z][a-z]+s"
# The nations' words in such a run: not "the", nor "AND" or "OR" in capitals.
_NATIONS = re.compile(r"(?!(?:The|THE|AND|OR)\b)[A-Z]\w+")


def _plural_regex(plurals: dict[str, set[int]]) -> re.Pattern | None:
    """Runs of plural demonyms after "the": "the Iranians", "the Russians and (the)
    Iranians", "the Americans, British and Saudis"."""
    if not plurals:
        return None
    one = "|".join(map(re.escape, sorted(plurals, key=lambda word: (-len(word), word))))
    item = rf"(?:{one}|{_OTHER_PLURAL})(?![\w-])"
    run = rf"{item}(?:(?:,\s+|,?\s+(?:and|or)\s+)(?:the\s+)?{item})*"
    return re.compile(rf"(?<![\w-])(?:the|The|THE)\s+{run}")


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
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec".split()
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
    name: not a title, a possessive, a day or month ("On Tuesday Soleimani"), nor the first
    word of a sentence."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None or not before[1][:1].isupper():
        return False
    word = before[1].translate(_SAME_CHARACTER)
    bare = word.rstrip(".,")
    if bare in _TITLES or bare in _CALENDAR or word.endswith("'s"):
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
