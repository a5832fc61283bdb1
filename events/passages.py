"""Split a source's text into passages, and passages into sentences, and find the words that
say what a sentence is about: pure text code, no ORM.

A passage is one non-blank line (a paragraph, or one question or answer turn in an
interview). Its span is the line without leading and trailing whitespace, so that
``text[start:end]`` is the passage exactly as it stands in the original. Sentences are
spans of the same kind.
"""

import re
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


# Sentences

# Abbreviations before a name, which never end a sentence: "Mr. Araghchi", "Gen. Soleimani".
TITLES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm brig cmdr gov sen rep pres rev "
    "hon amb st mt ft".split()
)
# Abbreviations that stand before a number: "No. 5", "Sept. 30", "Dec. 2015".
BEFORE_NUMBERS = frozenset(
    "no nos nr vol art fig p pp para sec ch "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words that start sentences, telling "in the U.S. The talks..." from "U.S. President".
SENTENCE_STARTERS = frozenset(
    "a an the this that these those it its he she they we i you in on at but and after "
    "before when while there then however".split()
)
_END = re.compile(r"""(?:\.\.\.|…|[.!?])+[)\]"'’”»]*(?=\s|$)""")
_WORD_BEFORE = re.compile(r"""([\w.]*?)(?:\.\.\.|…|[.!?])+[)\]"'’”»]*$""")
_INITIALS = re.compile(r"(?:\w\.)*\w")  # "J", "U.S", "e.g"
_OPENING = "\"'‘“«([¿¡"


def split_sentences(text: str) -> list[Span]:
    """The spans of the sentences of ``text``, in order, each without surrounding whitespace.

    A sentence ends at ".", "!", "?" or an ellipsis (and any closing quotes or brackets after
    it) followed by whitespace and something that is not lower case, and at every line break.
    A full stop does not end one after a title ("Mr.", "Gen.", "St."), after "No." or a
    month's abbreviation followed by a number ("No. 5", "Sept. 30"), or after initials
    ("J. Smith", "U.S. forces") unless a word that starts sentences follows ("... in the
    U.S. The talks"). Decimals ("3.5") have no space after the point.
    """
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        spans += [Span(offset + s.start, offset + s.end) for s in _line_sentences(line)]
        offset += len(line)
    return spans


def _line_sentences(line: str) -> list[Span]:
    spans, start = [], 0
    for end in _END.finditer(line):
        if _ends_sentence(line, end):
            spans.append(_trimmed(line, start, end.end()))
            start = end.end()
    spans.append(_trimmed(line, start, len(line)))
    return [span for span in spans if span.end > span.start]


def _trimmed(line: str, start: int, end: int) -> Span:
    body = line[start:end]
    leading = len(body) - len(body.lstrip())
    return Span(start + leading, start + len(body.rstrip()))


def _ends_sentence(line: str, end: re.Match) -> bool:
    following = line[end.end() :].lstrip()
    if not following:
        return True
    first = following.lstrip(_OPENING)[:1]
    if first.islower():
        return False
    punctuation = end.group().rstrip(")]\"'’”»")
    if punctuation != ".":
        return True  # "!", "?", an ellipsis, or several marks
    word = _WORD_BEFORE.search(line[: end.end()]).group(1)
    return not _abbreviation(word, following)


def _abbreviation(word: str, following: str) -> bool:
    """Whether the full stop after ``word`` marks an abbreviation, given the text after it."""
    key = word.lower()
    if key in TITLES:
        return True
    if key in BEFORE_NUMBERS and following[:1].isdigit():
        return True
    if _INITIALS.fullmatch(word) and (len(word) == 1 or "." in word):
        next_word = re.match(r"\w*\.?", following).group()
        initial = len(next_word) == 2 and next_word.endswith(".")  # "A. A. Ahmadian"
        return initial or next_word.lower() not in SENTENCE_STARTERS
    return False


# Topic words

# Words that say nothing of what a sentence is about: function words, reporting verbs, the
# words of dates, which are compared as dates, and (below) nationalities.
_NOT_TOPICS = frozenset(
    """about above after again against also among amid around because been before being
    between both could during each early either from further have having here into just
    late later latest more most much near next only other over same several should since
    some such than that their them then there these they this those through under until
    upon very were what when where which while whom will with within without would your
    said says told tells according reported reports reportedly stated statement added
    announced official officials there's it's year years month months week weeks today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december sept""".split()
) | frozenset(
    # Nationalities and the most general words of politics and war, offices included
    # ("Foreign Minister"), which the sentences and the events of one conflict nearly all
    # share.
    """iranian syrian israeli russian american lebanese iraqi turkish saudi jordanian
    palestinian kurdish yemeni afghan pakistani british french chinese arab egyptian
    emirati qatari government force military country people state group leader regime
    president prime minister foreign""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]")


def topic_words(text: str) -> frozenset[str]:
    """The words of ``text`` that may say what it is about, lowercased, without a
    possessive or a plural "s": in "Aleppo falls to government forces", aleppo and fall
    (government and force say little: see _NOT_TOPICS)."""
    words = set()
    for word in _WORD.findall(text.lower()):
        word = re.sub(r"['’]s?$", "", word)
        if len(word) < 4 or word in _NOT_TOPICS:
            continue
        singular = word[:-1] if word.endswith("s") and len(word) > 4 else word
        if singular not in _NOT_TOPICS:
            words.add(singular)
    return frozenset(words)
