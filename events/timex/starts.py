"""Which words can begin a match of a regular expression.

The tagger tries its rules at the word starts near each trigger. Most of those tries fail
on the first word ("the year" tried at "said") or the second ("the year" at "the
talks"), yet each costs a call into the regex engine. Knowing the words a rule can start
with lets the tagger skip them with a dictionary look-up.

A word here is a run of letters (word characters but digits and "_"), casefolded: the
first words of "Sept. 30" are "sept" and nothing, those of "1998" or "'80s" nothing and
nothing, those of "the 1990s" "the" and "s": between two runs of letters is anything
else. ``first_words`` and ``first_two_words`` answer from the parsed pattern of the ``re``
module, and are conservative: wherever they cannot tell (a loop over letters, a set
mixing letters and other characters, a construct they do not know, a private module that
moved), they answer "any word", and the rule is simply tried.
"""

import re

try:  # the parser is private to ``re``: read it where Python 3.11+ keeps it
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python: no index, every rule is tried
    _sre = _sre_parse = None

_LETTER = re.compile(r"[^\W\d_]")  # a word character, not a digit or "_"
_MAX_WORDS = 5000  # beyond this many first words (pairs: twice), the analysis gives up
_MAX_REPEATS = 64  # a repeat that still gives new states after this many is over letters


class _Unknown(Exception):
    """The pattern does something the analysis does not follow."""


ANY = None  # as a second word: the rule's match may go on with any word, or none


def first_words(pattern: re.Pattern) -> frozenset[str] | None:
    """The casefolded runs of letters a non-empty match of ``pattern`` can start with, or
    None if any."""
    try:
        return frozenset(first for (first,) in _leading_words(pattern, 1))
    except _Unknown:
        return None


def first_two_words(pattern: re.Pattern) -> frozenset[tuple[str, str | None]] | None:
    """The pairs of the first two runs of letters a non-empty match of ``pattern`` can
    start with, the second ANY where the match may end before it or the analysis cannot
    tell ("the" and "year" for "the year 2015"; the runs between them are anything but
    letters: "the" and "s" for "the 1990s"). None if the first can be any."""
    try:
        return frozenset(_leading_words(pattern, 2))
    except _Unknown:
        if (firsts := first_words(pattern)) is None:
            return None
        return frozenset((first, ANY) for first in firsts)


# The analysis follows the pattern from its start with its states: per run of letters under
# way (None between words, "" before the first character) and count of words ended, the
# words ended so far. The words ended do not change what the rest of the pattern does, so
# that they are carried along, not followed one by one. Once it has ``count`` words, a
# state is done: the rest of the pattern cannot change it.
_States = dict[tuple[int, str | None], set[tuple[str, ...]]]


def _leading_words(pattern: re.Pattern, count: int) -> set[tuple]:
    """The first ``count`` words of ``pattern``'s non-empty matches, ANY for those it may
    end before; raises _Unknown where the first word can be any."""
    if _sre_parse is None:
        raise _Unknown
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        states = _sequence(list(parsed), {(0, ""): {()}}, count)
    except (AttributeError, TypeError, ValueError) as error:
        raise _Unknown from error
    leading = set()
    for (ended_count, run), ended in states.items():
        if not ended_count and run:
            raise _Unknown  # a match may stop inside a run of letters: "now" in "nowhere"
        if ended_count:  # else the match is empty
            leading.update(words + (ANY,) * (count - ended_count) for words in ended)
    return leading


def _sequence(items: list, states: _States, count: int) -> _States:
    for op, av in items:
        if all(ended_count == count for ended_count, _run in states):
            break
        states = _item(op, av, states, count)
        if sum(map(len, states.values())) > _MAX_WORDS * count:
            raise _Unknown
    return states


def _item(op, av, states: _States, count: int) -> _States:
    if op is _sre.LITERAL:
        return _step(states, [chr(av)], count)
    if op is _sre.IN:
        return _step(states, _charset(av), count)
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]), states, count)
    if op is _sre.BRANCH:
        return _union(_sequence(list(branch), states, count) for branch in av[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        return _repeat(av, states, count)
    if op is _sre.AT:
        if av is _sre.AT_BOUNDARY:  # after letters, a boundary ends the word
            return _end_words(states, count)
        raise _Unknown
    if op is _sre.ASSERT_NOT and av[0] == 1 and _excludes_letters(av[1]):
        return _end_words(states, count)
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return states  # zero width: says nothing of the letters matched
    raise _Unknown


def _union(all_states) -> _States:
    united: _States = {}
    for states in all_states:
        for key, ended in states.items():
            united.setdefault(key, set()).update(ended)
    return united


def _step(states: _States, chars: list[str] | None, count: int) -> _States:
    """One character from ``chars``: letters go on with the run under way or begin the
    next word, anything else ends the run."""
    if chars is None:
        raise _Unknown
    letters = [char.casefold() for char in chars if _LETTER.fullmatch(char)]
    if not letters:
        return _end_words(states, count, empty=True)
    if len(letters) < len(chars):
        raise _Unknown  # letters or not: the analysis would have to fork
    stepped: list[_States] = []
    for (ended_count, run), ended in states.items():
        if ended_count == count:
            stepped.append({(ended_count, run): ended})
        else:
            stepped.extend({(ended_count, (run or "") + letter): ended} for letter in letters)
    return _union(stepped)


def _end_words(states: _States, count: int, empty: bool = False) -> _States:
    """The states after a character that is no letter, or after a boundary (which ends
    no run before the first character: ``empty`` says whether one does)."""
    ended_states: list[_States] = []
    for (ended_count, run), ended in states.items():
        if ended_count == count or run is None or (run == "" and not empty):
            ended_states.append({(ended_count, run): ended})
        else:
            ended_states.append({(ended_count + 1, None): {words + (run,) for words in ended}})
    return _union(ended_states)


def _repeat(av, states: _States, count: int) -> _States:
    """The states after ``low`` to ``high`` repeats: repeating on until they give no new
    state, or for good in a loop over letters ("\\w{3,}"), which the analysis gives up."""
    low, high, body = av
    reached: _States = _union([states]) if low == 0 else {}
    current = states
    for times in range(1, high + 1):
        current = _sequence(list(body), current, count)
        if times >= low:
            if all(ended <= reached.get(key, set()) for key, ended in current.items()):
                break
            reached = _union([reached, current])
        if times > _MAX_REPEATS:
            raise _Unknown
    return reached


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
