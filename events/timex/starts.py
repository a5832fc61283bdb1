"""Which words can begin a match of a regular expression.

The tagger tries its rules at the word starts near each trigger. Most of those tries fail
on the first word ("the year" tried at "said"), yet each costs a call into the regex
engine. Knowing the words a rule can start with lets the tagger skip them with a
dictionary look-up.

A word here is the run of letters (word characters but digits and "_") at the start of a
match, casefolded: "sept" for
"Sept. 30", "" for "1998" or "'80s". ``first_words`` answers from the parsed pattern of
the ``re`` module, and is conservative: wherever it cannot tell (a loop over letters, a
set mixing letters and other characters, a construct it does not know, a private module
that moved), it answers None, "any word", and the rule is simply always tried.
"""

import re

try:  # the parser is private to ``re``: read it where Python 3.11+ keeps it
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: no index, every rule is tried
    _sre = _sre_parse = None

_LETTER = re.compile(r"[^\W\d_]")  # a word character, not a digit or "_"
_MAX_WORDS = 5000  # beyond this many first words, the rule is tried everywhere


class _Unknown(Exception):
    """The pattern does something the analysis does not follow."""


def first_words(pattern: re.Pattern) -> frozenset[str] | None:
    """The casefolded runs of letters a non-empty match of ``pattern`` can start with, or
    None if any."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        open_, closed = _sequence(list(parsed), {""})
    except (_Unknown, AttributeError, TypeError, ValueError):
        return None
    if open_ - {""}:
        return None  # a match may stop inside a run of letters: "now" in "nowhere"
    return frozenset(closed)


# The analysis follows the pattern from its start with the set of words begun so far
# ("open") and returns them with the set of words already ended by a character that is
# not a letter ("closed").


def _sequence(items: list, open_: set[str]) -> tuple[set[str], set[str]]:
    closed: set[str] = set()
    for op, av in items:
        if not open_:
            break
        open_, ended = _item(op, av, open_)
        closed |= ended
        if len(open_) + len(closed) > _MAX_WORDS:
            raise _Unknown
    return open_, closed


def _item(op, av, open_: set[str]) -> tuple[set[str], set[str]]:
    if op is _sre.LITERAL:
        return _step(open_, [chr(av)])
    if op is _sre.IN:
        return _step(open_, _charset(av))
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]), open_)
    if op is _sre.BRANCH:
        opened: set[str] = set()
        closed: set[str] = set()
        for branch in av[1]:
            more_open, more_closed = _sequence(list(branch), set(open_))
            opened |= more_open
            closed |= more_closed
        return opened, closed
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        return _repeat(av, open_)
    if op is _sre.AT:
        if av is _sre.AT_BOUNDARY:  # after letters, a boundary ends the word
            return {word for word in open_ if not word}, {word for word in open_ if word}
        raise _Unknown
    if op is _sre.ASSERT_NOT and av[0] == 1 and _excludes_letters(av[1]):
        return {word for word in open_ if not word}, {word for word in open_ if word}
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return open_, set()  # zero width: says nothing of the letters matched
    raise _Unknown


def _step(open_: set[str], chars: list[str] | None) -> tuple[set[str], set[str]]:
    """One character from ``chars``: letters continue the words begun, anything else ends
    them."""
    if chars is None:
        raise _Unknown
    letters = [char for char in chars if _LETTER.fullmatch(char)]
    if not letters:
        return set(), set(open_)
    if len(letters) < len(chars):
        raise _Unknown  # letters or not: the analysis would have to fork
    return {word + letter.casefold() for word in open_ for letter in letters}, set()


def _repeat(av, open_: set[str]) -> tuple[set[str], set[str]]:
    low, high, body = av
    once_open, once_closed = _sequence(list(body), set(open_))
    if high == 1 or not once_open:  # "x?", or a repeat ended by its first character
        if low == 0:
            return once_open | open_, once_closed
        return once_open, once_closed
    raise _Unknown  # a loop over letters: "\w{3,}"


def _charset(items: list) -> list[str] | None:
    """The characters of a set, with categories of non-letters as a stand-in ("0" for any
    digit); None for a set the analysis cannot list."""
    chars: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            chars.append(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < 128:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av in (_sre.CATEGORY_DIGIT, _sre.CATEGORY_SPACE):
            chars.append(" ")  # no letter
        else:
            return None  # a negated set, the word category...
    return chars


def _excludes_letters(body) -> bool:
    """Whether a negative lookahead rules out a letter next: "(?![\\w-])"."""
    if len(body) != 1:
        return False
    op, av = body[0]
    if op is _sre.BRANCH:
        return any(_excludes_letters(branch) for branch in av[1])
    return op is _sre.IN and (_sre.CATEGORY, _sre.CATEGORY_WORD) in av
