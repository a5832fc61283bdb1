"""Find temporal expressions in English text and normalise them as TimeML TIMEX3.

Pure text and date code, no ORM. ``extract(text, dct)`` returns the expressions found in
``text`` as ``Timex`` values (offsets into ``text`` as given), each with its TIMEX3 type
(DATE, TIME, DURATION, SET) and value as in the TempEval-3 corpora: ``2015-09-30``,
``2024-09``, ``198`` (the 1980s), ``2024-W20``, ``2015-SU``, ``2017-Q1``, ``P2Y``, ``PXM``,
``PRESENT_REF``...; a month or year of the Solar Hijri or Islamic calendar is the interval
of its Gregorian days (``2024-09-22/2024-10-21``).

How it works: a list of rules, each a regular expression and a function that normalises
what it matched. Every rule is run over the text; where matches overlap the longest wins;
the winners are then normalised in reading order, so that "a day later" can resolve
against the last date the text stated, and "Sept. 30" against the document creation time
(``dct``) and the tense of its sentence.
"""

import re
from datetime import date
from typing import NamedTuple

from events.timex.rules import ABSOLUTE, DAY_REPORTS, FROM_DCT, FROM_TEXT, scan

__all__ = [
    "ABSOLUTE",
    "AFTER",
    "APPROX",
    "BEFORE",
    "DAY_REPORTS",
    "END",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "FROM_DCT",
    "FROM_TEXT",
    "LESS_THAN",
    "MID",
    "MODS",
    "MORE_THAN",
    "START",
    "Timex",
    "extract",
]

APPROX = "APPROX"  # TIMEX3's mod for an approximate expression
# Its mods for an amount that is a bound: "more than two years ago", "almost a decade", "at
# least 30 days", "up to six months"
MORE_THAN, LESS_THAN = "MORE_THAN", "LESS_THAN"
EQUAL_OR_MORE, EQUAL_OR_LESS = "EQUAL_OR_MORE", "EQUAL_OR_LESS"
_NEAR = frozenset([APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS])
BEFORE, AFTER = "BEFORE", "AFTER"  # its mods for "pre-2011" and "post-1959"
START, MID, END = "START", "MID", "END"  # and for "early 2017", "mid-May", "late 1990s"
# Every mod an expression may have, as /api/extract/ lists them.
MODS = (APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS, BEFORE, AFTER, START, MID, END)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^\d{4}$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")
_HOURS = re.compile(r"(?i:\b(?:hours?|minutes?|seconds)\b)")  # not "the second half"
_EDTF_SEASONS = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
# Quarters and halves as their months: EDTF level 1 has seasons but no quarters.
_MONTHS_OF = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12)}


class Timex(NamedTuple):
    """One expression found. A named tuple, built three times faster than a frozen
    dataclass: a text may hold hundreds."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    anchor: str = ABSOLUTE  # ABSOLUTE, FROM_DCT or FROM_TEXT
    # TIMEX3 mod: APPROX for "around 2012", "about two years ago"; MORE_THAN, LESS_THAN,
    # EQUAL_OR_MORE and EQUAL_OR_LESS for "more than", "almost", "at least" and "up to" two
    # years (ago); BEFORE for "pre-2011", AFTER for "post-1959"; START, MID and END for
    # "early 2017", "mid-May", "late 1990s"
    mod: str | None = None

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }

    @property
    def edtf(self) -> str | None:
        """The value as an EDTF date when it names a specific day, month, season or year,
        or a quarter or half of a year stated with its year, as its months ("Q1 2017" is
        2017-01/2017-03).

        Durations, sets, vague references (PAST_REF), decades and the times before or after
        a date ("pre-2011") give None: they do not date an event. So do fiscal quarters, and
        quarters without their year ("the quarter", "the first quarter"), which in business
        news are mostly a company's fiscal ones: their months are not the calendar's. An
        approximate date is qualified as one ("1987~" for "about two years ago"), and so is
        one counted by a bound ("more than two years ago", "almost a decade ago"); an
        approximate time is not, as its day is known ("at about 3 p.m."), nor a day counted
        in hours ("just over an hour later").
        """
        if self.type not in ("DATE", "TIME") or self.mod in (BEFORE, AFTER):
            return None
        value = self.value[:10] if self.type == "TIME" else self.value
        approximate = ""
        if self.mod in _NEAR and self.type == "DATE" and not _HOURS.search(self.text):
            approximate = "~"
        if "/" in value:  # a month or year of another calendar, as its Gregorian days
            return "/".join(side + approximate for side in value.split("/"))
        if season := _SEASON.match(value):
            value = f"{season[1]}-{_EDTF_SEASONS[season[2]]}"
        elif part := _PART_OF_YEAR.match(value):
            if self.anchor != ABSOLUTE or "fiscal" in self.text.lower():
                return None
            first, last = _MONTHS_OF[part[2]]
            return f"{part[1]}-{first:02}{approximate}/{part[1]}-{last:02}{approximate}"
        elif not (_DAY.match(value) or _MONTH.match(value) or _YEAR.match(value)):
            return None
        return value + approximate


def extract(text: str, dct: date | None = None, kind: str | None = None) -> list[Timex]:
    """The temporal expressions in ``text``, in order, normalised against ``dct``.

    ``kind`` is the document's kind, as a Source's ("news-article", "speech"...): in a
    report of the day (DAY_REPORTS) "today" is the DCT's day, unless it is the present age
    ("today's youth"). Any other kind, or None, leaves that to the clause."""
    found, last_end = [], 0
    for start, end, type_, value, anchor in scan(text, dct, kind):
        if type_ == "DURATION" and _title(text, start, end):
            continue
        start, mod = _approximation(text, type_, start, end, last_end)
        if value.endswith("~"):  # a date of the Islamic calendar: see rules.py
            value, mod = value[:-1], mod or APPROX
        if text[start] in "pPtT" and (side := _PRE_OR_POST.match(text, start)):
            mod = BEFORE if side[1] else AFTER
        elif mod is None and (text[start] in "eEmMlLtT" or text.endswith("end", start, end)):
            mod = _part_of(text, type_, start, end)
        found.append(Timex(start, end, text[start:end], type_, value, anchor, mod))
        last_end = end
    return found


# A length of time whose unit is capitalised, in quotes, is a title: CBS's ''60 Minutes.'',
# "48 Hours". Not a quoted length ("''60 minutes''") nor a headline's (no quotes).
_OPENING_QUOTE = re.compile(r"(?:''|``|[\"“‘])$")
_CLOSING_QUOTE = re.compile(r"[.,!?]?(?:''|[\"”’])")


def _title(text: str, start: int, end: int) -> bool:
    return (
        text[start:end].istitle()
        and _OPENING_QUOTE.search(text, max(0, start - 2), start) is not None
        and _CLOSING_QUOTE.match(text, end) is not None
    )


# "Pre-2011", "post-1959", "the post-1990s world": an open time before or after the date.
_PRE_OR_POST = re.compile(r"(?i:(?:the\s)?(?:(pre)|post)-)")

# The part of a date an expression names: its start ("early 2017", "the beginning of the
# year", "the first days of January"), its middle ("mid-May", "the middle of 1998") or its
# end ("late 1990s", "the end of the year", "by year end", "the last week of June"). The
# value stays the whole date, as TIMEX3 writes it, and so does its EDTF: early 2017 is some
# time in 2017.
_START_MID_END = re.compile(
    r"(?i:(?:the\s)?(?:(early[\s-]|(?:beginning|start)\sof\s|(?:first|opening)\s"
    r"(?:few\s)?(?:days|weeks?)\sof\s)|(mid[\s-]|middle\sof\s)|(late[\s-]|end\sof\s|"
    r"(?:last|final|closing)\s(?:few\s)?(?:days|weeks?)\sof\s)))"
)
_YEAR_END = re.compile(r"(?i:year(?:['’]s)?\send)")
_PARTS = {1: START, 2: MID, 3: END}


def _part_of(text: str, type_: str, start: int, end: int) -> str | None:
    """START, MID or END for a date or time that names that part of it, else None. Called
    only where a word of them can be: most expressions start with none of the words, nor end
    in "end"."""
    if type_ not in ("DATE", "TIME"):
        return None
    if found := _START_MID_END.match(text, start, end):
        return _PARTS[found.lastindex]
    if _YEAR_END.search(text, max(start, end - 10), end):
        return END
    return None


# Words that make an expression approximate, within it ("about two years ago", "some 20
# years") or just before it ("around 2012", "circa 1950", "at about 3 p.m.", "on or about
# 14 May"); or that make
# its amount a bound, within it ("more than two years ago", "just over a week"). "Some day"
# is a time to come, no nearer one.
_NEAR_WITHIN = re.compile(
    r"(?:just\s)?(?:(about|around|approximately|roughly|some(?!\sday\b)|circa)|(more\sthan|over)|"
    r"(less\sthan|almost|nearly)|(at\sleast)|(up\sto))\s",
    re.IGNORECASE,
)
_NEAR_MODS = {1: APPROX, 2: MORE_THAN, 3: LESS_THAN, 4: EQUAL_OR_MORE, 5: EQUAL_OR_LESS}
# "No more than sixty days" is at most sixty, "not less than" at least.
_NEGATED = re.compile(r"\b(?:[Nn]o|[Nn]ot)\s$")
_NEGATION = {MORE_THAN: EQUAL_OR_LESS, LESS_THAN: EQUAL_OR_MORE}
_APPROX_BEFORE = re.compile(
    r"(?:\b(?P<preposition>in|at|on|since|from|until|till|by|to|before|after)\s(?:or\s)?)?"
    r"(?P<word>\b(?:[Aa]bout|[Aa]round|[Aa]pproximately|[Rr]oughly|[Cc]irca)|\bca?\.)\s$"
)

# How the words of _APPROX_BEFORE end: "about", "around", "approximately", "circa", "c."...
_APPROX_ENDINGS = frozenset(["ut", "nd", "ly", "ca", "c.", "a."])
_POSSESSIVE = re.compile(r"['’]s\b")


def _approximation(
    text: str, type_: str, start: int, end: int, last_end: int
) -> tuple[int, str | None]:
    """Where the expression starts, with any approximating or negating word before it, and
    its mod. "About" before a date counts only after a preposition ("in about 1990"): "wrote
    about 1968" is on the year, not near it. "Over" an amount of time is more than it only
    counting back or on ("over a week ago"): "spread over three years" is during them."""
    if within := _NEAR_WITHIN.match(text, start, end):
        mod = _NEAR_MODS[within.lastindex]
        if mod in _NEGATION and (negated := _NEGATED.search(text, max(0, start - 4), start)):
            return negated.start(), _NEGATION[mod]
        if type_ == "DURATION" and within[2] == "over":
            return start, None
        return start, mod
    if start < 3 or text[start - 3 : start - 1].lower() not in _APPROX_ENDINGS:
        return start, None  # the common case, found without a search
    before = _APPROX_BEFORE.search(text, max(last_end, start - 30), start)
    if before is None or _POSSESSIVE.match(text, end):
        return start, None  # "to get around Wednesday's ruling" is no time near Wednesday
    if before["word"].lower() == "about" and not before["preposition"]:
        return start, None
    return before.start("word"), APPROX
