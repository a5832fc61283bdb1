"""The words of time in English: month, weekday and season names, numbers as written
("twenty-four", "four-and-a-half", "a few"), units, and the words that mark a sentence as
speaking of the future."""

import functools
import re

_MONTH_NAMES = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
MONTH_ABBREVIATIONS = {name for _full, *short in _MONTH_NAMES for name in short}
# Words written with a period that ends no sentence: "Sept. 30", "Mr. Ali". Not "Inc." and
# "Co.", which end many.
ABBREVIATIONS = {
    *MONTH_ABBREVIATIONS,
    *"mr mrs ms dr gen col lt sen rep gov st prof sgt capt maj adm cmdr brig jr sr vs".split(),
}

WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

# TIMEX3 season codes.
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Quantities people do not state: "several years" is PXY.
_VAGUE_AMOUNTS = ("a few", "several", "few", "some", "many", "dozens of")
_LITERAL_AMOUNTS = {
    "a": 1,
    "an": 1,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "a dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
}

_ONE_WORD = "|".join(sorted(_ONES, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_CARDINAL = (
    rf"(?:(?:{_TENS_WORD})(?:[\s-](?:{_ONE_WORD}))?|{_ONE_WORD}|\d+(?:\.\d+|\s1/2|½)?|a|an)"
    rf"(?:(?:\s|-)(?:hundred|thousand))?"
)
NUMBER = (
    rf"(?:\d+\s?[–-]\s?\d+|{_CARDINAL}(?:[\s-]and[\s-]a[\s-]half)?|a\sfew|(?:a\s)?couple(?:\sof)?|several|few|"
    rf"some|many|dozens\sof|a\sdozen|half\san?|a\shalf)"
)

UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|"
    r"quarters?|years?|decades?|century|centuries)"
)

# Unit -> the letter of a TIMEX3 duration (and of calendar arithmetic).
DURATION_UNITS = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "half": "HALF",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
    **{
        f"twenty{space}{ones}": 20 + n
        for n, ones in enumerate("second third fourth fifth sixth seventh eighth ninth".split(), 2)
        for space in "- "
    },
    "thirtieth": 30,
    "thirty-first": 31,
    "thirty first": 31,
}
ORDINAL_WORD = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD})"


def trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, as a trie: the regex engine tries
    one branch per letter instead of every word in turn. A space matches any whitespace."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    branches = [
        (r"\s" if letter == " " else re.escape(letter)) + _branches(child)
        for letter, child in sorted(node.items())
        if letter
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# Words that set a sentence's tense, nearest first: "will meet on Thursday", "met on
# Thursday". The future words come first so that "scheduled" counts as future; "plan"
# after a determiner is the noun ("announced the plan Aug. 21").
_FUTURE_WORDS = [
    *"will won't shall 'll planning planned scheduled expected expects upcoming would".split(),
    *"payable effective".split(),
    *["wo n't", "going to", "plan to", "plans to", "is due", "are due", "due to", "is to"],
    *["are to", "set to", "intend to", "intends to", "supposed to", "hope to", "hopes to"],
    *["as soon as", "as early as"],
]
_PAST_WORDS = [
    *"was were had did said told came went met took made gave began left saw held fell".split(),
    *"rose won lost got sent struck killed fought ago last earlier".split(),
    "has been",
    "have been",
    # Irregular past forms that are not also present ones ("read", "set", "cut" are both).
    *"brought bought thought sought caught taught became ran paid sold led felt kept built".split(),
    *"spent grew knew threw drew flew wrote spoke broke chose drove stood fled heard meant".split(),
    *"understood withdrew arose dealt sank shot forgot".split(),
]
# Regular past forms, but not the words that merely end in -ed, nor the adjectives of un-
# and -ed that news uses ("an unspecified date", "an unnamed official").
_NOT_PAST = [
    *"united hundred indeed proceed succeed exceed speed seed feed breed greed need sacred".split(),
    *"naked wicked kindred ahmed mohammed mohamed".split(),
    *(
        f"un{stem}ed"
        for stem in "specifi expect precedent identifi nam confirm relat disclos arm employ limit "
        "resolv solv schedul authoriz found want".split()
    ),
]
# Tries, not lists of words: the markers are searched around every date without a year.
# A participle after a determiner is an adjective, not a verb: "the certified results".
# "(?=[\w'])" lets the engine skip the ends of words at once. A word is read before the
# determiner behind it is looked for: few words are "plan" or end in "-ed".
_TENSE_MARKERS = (
    rf"\b(?=[\w'])(?:(?P<future>{trie(_FUTURE_WORDS)}|next(?!\sto\b)|"
    r"plan(?<!the\splan)(?<!\ba\splan)(?<!its\splan)(?<!this\splan)(?<!that\splan))|"
    rf"(?P<past>{trie(_PAST_WORDS)}|(?=\w{{3,}}ed\b)(?<!the\s)(?<!\ba\s)(?<!its\s)"
    rf"(?<!their\s)(?!{trie(_NOT_PAST)}\b)\w{{3,}}ed))\b"
)
# For text already lowercased: several times faster than ignoring case.
TENSE_MARKERS = re.compile(_TENSE_MARKERS)
# Where a tense marker may start, in a text's ASCII copy, which has a space for every
# character but an ASCII letter, digit or "_" (see rules._ascii_copy): TENSE_MARKERS
# decides at each. "'ll" is "ll" there, "won't" is "won t". Searched for after its space,
# the copy lets the regex engine jump from space to space, where \b stops it at every
# character.
TENSE_MARKER_PLACES = re.compile(
    (
        " (?:"
        + trie(sorted({w.replace("'", " ").strip() for w in [*_FUTURE_WORDS, *_PAST_WORDS]}))
        + r"|next|plan|[A-Za-z0-9_]{3,}ed)(?![A-Za-z0-9_])"
    ).encode()
)

_YEAR_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def spelled_year(text: str) -> int:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 2003 for "two thousand and
    three"."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (_ONES[words[2]] if len(words) > 2 else 0)
    century = _ONES[words[0]] * 100
    rest = words[1:]
    if rest == ["hundred"]:
        return century
    if rest[0] in _YEAR_TENS:
        return century + _YEAR_TENS[rest[0]] + (_ONES[rest[1]] if len(rest) > 1 else 0)
    return century + _ONES[rest[0]]


_SCALES = {"hundred": 100, "thousand": 1000}


# Pure, and called with the same few phrases again and again ("two", "a"): cached, as
# are ordinal_value and duration.
@functools.lru_cache(maxsize=1024)
def amount(text: str) -> float | None:
    """The number a phrase states ("twenty-four" 24, "four-and-a-half" 4.5), or None when
    it leaves the quantity open ("several", "a few")."""
    if re.fullmatch(r"\d+\s?[–-]\s?\d+", text):  # "400–500 days": a range, not one number
        return None
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE_AMOUNTS:
        return None
    if words in _LITERAL_AMOUNTS:
        return _LITERAL_AMOUNTS[words]
    half = 0.5 if words.endswith(" and a half") else 0
    words = words.removesuffix(" and a half")
    scale = next((n for word, n in _SCALES.items() if words.endswith(" " + word)), 1)
    words = words.rsplit(" ", 1)[0] if scale > 1 else words
    value = _cardinal(words)
    if value is None:
        return None
    return (value * scale) + half


def _cardinal(words: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    if re.fullmatch(r"\d+(?: 1/2|½)", words):  # "2 1/2"
        return int(re.match(r"\d+", words)[0]) + 0.5
    if words in ("a", "an"):
        return 1
    total = 0
    for word in words.split():
        if word in _ONES:
            total += _ONES[word]
        elif word in _TENS:
            total += _TENS[word]
        else:
            return None
    return total


@functools.lru_cache(maxsize=1024)
def ordinal_value(text: str) -> int:
    """1 for "first" or "1st"."""
    text = " ".join(text.lower().split())
    if text[:1].isdigit():
        return int(re.match(r"\d+", text)[0])
    return _ORDINALS[text.replace(" ", "-")] if "-" not in text else _ORDINALS[text]


@functools.lru_cache(maxsize=1024)
def duration(number: float | None, unit: str) -> str:
    """A TIMEX3 duration: duration(2, "year") is "P2Y", (4.5, "year") "P4Y6M", (24, "hour")
    "PT24H", (None, "month") "PXM"."""
    code = DURATION_UNITS[unit]
    if code in ("DE", "CE"):  # decades and centuries in years, as TimeBank writes them
        factor = 10 if code == "DE" else 100
        number, code = (None if number is None else number * factor), "Y"
    if code == "FN":
        number, code = (None if number is None else number * 2), "W"
    if code == "WE":
        return "P2D" if number in (None, 1) else f"P{_n(number * 2)}D"
    if code == "HALF":
        number, code = (None if number is None else number * 6), "M"
    if code == "Q":  # quarters are counted in months, as in TimeBank
        number, code = (None if number is None else number * 3), "M"
    time = code in ("H", "MIN", "S")
    letter = {"MIN": "M"}.get(code, code)
    if number is not None and number != int(number):
        return _fraction(number, code)
    return ("PT" if time else "P") + _n(number) + letter


def _n(number: float | None) -> str:
    return "X" if number is None else str(int(number))


# A fraction of one unit in the next smaller one: 4.5 years is 4 years 6 months.
_SMALLER = {
    "Y": (12, "M"),
    "M": (30, "D"),
    "W": (7, "D"),
    "D": (24, "H"),
    "H": (60, "M"),
    "MIN": (60, "S"),
    "DE": (10, "Y"),
    "CE": (100, "Y"),
}


def _fraction(number: float, code: str) -> str:
    if code == "S":  # nothing smaller: "PT4.5S"
        return f"PT{number:g}S"
    whole = int(number)
    factor, smaller = _SMALLER[code]
    rest = round((number - whole) * factor)
    time_prefix = code in ("H", "MIN", "S") or (code == "D" and smaller == "H")
    letter = {"MIN": "M"}.get(code, code)
    if code == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    if time_prefix:
        return f"PT{whole}{letter}{rest}{smaller}" if whole else f"PT{rest}{smaller}"
    return f"P{whole}{letter}{rest}{smaller}" if whole else f"P{rest}{smaller}"
