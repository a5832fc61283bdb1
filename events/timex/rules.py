"""The tagger's rules: each a regular expression and a function that normalises what it
matched into a TIMEX3 type and value.

Speed: running every rule over the whole text would cost a pass per rule. Instead one
pass finds trigger words (month names, "year", "yesterday", four-digit years...), and each
rule runs only in the short windows around the triggers it declares, and there only at the
words it can start with (see starts.py). Whatever ignores case (the triggers, most rules,
the tense markers) is searched in the text lowercased once, which the regex engine does
about twice as fast as ignoring case.
"""

import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import cache

from dateutil.easter import easter

from events.timex.calendar import (
    Point,
    add,
    day_point,
    days_in_month,
    nearest_month,
    nearest_weekday,
    week_of,
)
from events.timex.hijri import (
    ISLAMIC_MONTHS,
    SOLAR_MONTHS,
    islamic_day,
    islamic_days_in,
    islamic_month,
    islamic_year,
    islamic_years_around,
    month_key,
    nowruz,
    solar_day,
    solar_month,
    solar_year,
)
from events.timex.starts import ANY, first_two_words
from events.timex.words import (
    ABBREVIATIONS,
    DURATION_UNITS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER,
    ORDINAL,
    ORDINAL_WORD,
    SEASONS,
    TENSE_MARKER_PLACES,
    TENSE_MARKERS,
    UNIT,
    WEEKDAYS,
    amount,
    duration,
    ordinal_value,
    spelled_year,
    trie,
)

# How a value was reached; the ingester notes dates resolved from the publication date.
ABSOLUTE = "absolute"  # written out in full ("30 September 2015", "the 1980s")
FROM_DCT = "dct"  # needed the document creation time ("Sept. 30", "yesterday")
FROM_TEXT = "text"  # needed a date stated earlier in the text ("a day later")

# Kinds of document (a Source's kind) written on the day of their DCT to report it: in them
# "today" is that day, whatever its sentence ("Good news for AT&T today"). In the others
# ("today, Hezbollah is a complete army", in a speech) it is the present unless its clause
# dates it. TimeBank and AQUAINT, all news, date "today" 46 times of 47.
DAY_REPORTS = frozenset({"news-article", "statement"})

# What a rule makes of its match: (type, value, anchor); or, for a match that holds several
# expressions ("3–5 March 2019" holds "3" and "5 March 2019"), a list of Parts; or None.
Part = tuple[int, int, str, str, str]  # (start, end, type, value, anchor)
Result = tuple[str, str, str] | list[Part] | None

# Triggers: the words without which no rule can match ("May", "year", "yesterday", a
# four-digit year), found in one pass; each rule declares the kinds it needs.
_TRIGGER_WORDS = {
    "month": "Jan January Feb February Mar March Apr April May Jun June Jul July Aug August "
    "Sep Sept September Oct October Nov November Dec December",
    "weekday": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "weekdays": "Mondays Tuesdays Wednesdays Thursdays Fridays Saturdays Sundays",
    # Units of time, in families: a rule that needs "century" is not tried near "week".
    "unit-common": "second seconds minute minutes hour hours day days night nights week weeks "
    "weekend weekends fortnight fortnights month months decade decades",
    "unit-year": "year years",
    "unit-quarter": "quarter quarters period periods",
    "unit-century": "century centuries",
    "word": "yesterday today tomorrow tonight overnight now current currently recent recently "
    "lately nowadays present future past moment morning mornings afternoon afternoons evening "
    "evenings spring summer autumn fall winter hourly daily nightly weekly monthly annually "
    "yearly biweekly per nineteen thousand term ago soon",
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties",
    "clock": "noon midnight midday",
    "o'clock": "o'clock o’clock",
    "holiday": "Thanksgiving Christmas Election Independence Easter Good Holy Memorial Labor "
    "Ramadan Ramadhan Ramazan Muharram Nowruz Norouz Nowrouz Noruz Newroz Navruz Eid Ashura "
    "Arbaeen Arbaein Quds",
    "time": "time",  # "at the time", only
    "times": "once twice thrice times",  # how often: "three times a week"
    "numeric": "Q1 Q2 Q3 Q4",  # quarters; also numbers, found by their digits
    "year": "FY",  # a fiscal year; years are numbers, found by their digits
}
_UNIT_KINDS = [kind for kind in _TRIGGER_WORDS if kind.startswith("unit-")]
_KIND_OF_WORD = {
    variant: kind
    for kind, words in _TRIGGER_WORDS.items()
    for word in words.split()
    for variant in ({word} if word[0].isupper() else {word, word.capitalize()})
}


# A trigger is searched for with the character before it, one that is not an ASCII
# lowercase letter, digit or underscore (the text is given a leading space): a pattern that
# opens with a character set lets the regex engine skip the letters inside words without
# trying the trie at each, twice as fast as opening with \b, and a set of ASCII characters
# a fifth faster again than \W. It finds every trigger \W would, and a few more after other
# letters ("éyear"), which are no word start and so start no rule. It is searched in the
# text lowercased, then looked up as written ("May", not "may"). A match that starts with a
# letter is a trigger word; one that starts with a digit, a number that may be a trigger
# (_number_kind decides): one that can be a year or an eight-digit date, or one that a
# date's separator, a clock time's or a decade's "s" follows. Most numbers are neither
# ("$2.03", "15%"). The words are alternatives by their first letter, not one group: the
# engine enters one alternative fewer at each word.
_TRIGGER_WORDS_LOWERED = sorted({word.lower() for word in _KIND_OF_WORD})
_TRIGGERS = re.compile(
    r"[^a-z0-9_](?:"
    + "|".join(
        re.escape(first) + trie([w[1:] for w in _TRIGGER_WORDS_LOWERED if w[0] == first]) + r"\b"
        for first in sorted({word[0] for word in _TRIGGER_WORDS_LOWERED})
    )
    + r"|fy(?=\d)|"  # "FY2021", a fiscal year with its number glued on
    # A number's first digit is read before its kind is: a set that fails at a letter costs
    # the engine less than a lookahead, and most characters after a space are letters.
    r"\d(?:(?<=1)\d\d\d(?!\d)|(?<=2)0\d\d(?!\d)|\d{7}(?!\d)|"
    r"\d*+(?=[/-]\d|\.[01]?\d\.\d|:[0-5]\d|\s?[ap]\.?m\b|0?'?s\b)|"
    r"(?<=['’]\d)\d(?![\w'’])))"  # "'82"
)
# The same scan, faster (see _trigger_scan), in a copy of the text lowercased where every
# character but an ASCII letter, digit or "_" is a space: a pattern that opens with one
# character, not a set, lets the regex engine jump from space to space. "o'clock" is "o
# clock" there. A number is found if it can be a trigger, and more: the characters after
# it that tell are spaces. The second form finds every two-digit number, for a text that
# may hold an "'82".
_WORD_BYTES = bytes(
    byte if chr(byte) in string.ascii_letters + string.digits + "_" else ord(" ")
    for byte in range(256)
)
_SPACED_WORD_END = "(?![A-Za-z0-9_])"
_SPACED_TRIGGERS = (
    r" (?:"
    + "|".join(
        re.escape(first)
        + trie([w[1:].replace("'", " ") for w in _TRIGGER_WORDS_LOWERED if w[0] == first])
        + _SPACED_WORD_END
        for first in sorted({word[0] for word in _TRIGGER_WORDS_LOWERED})
    )
    + r"|fy(?=[0-9])|[0-9](?:(?<=1)[0-9]{3}(?![0-9])|(?<=2)0[0-9][0-9](?![0-9])|[0-9]{7}(?![0-9])|"
    + rf"[0-9]*+(?= [0-9]| ?[ap] ?m{_SPACED_WORD_END}|0? ?s{_SPACED_WORD_END})"
)
_SPACED_TRIGGERS_BY_QUOTES = (
    re.compile(f"{_SPACED_TRIGGERS}))".encode()),
    re.compile(f"{_SPACED_TRIGGERS}|[0-9]{_SPACED_WORD_END}))".encode()),
)
_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")
_NUMERIC_AFTER = re.compile(r"[/-]\d|\.[01]?\d\.\d|:[0-5]\d|\s?(?:[ap]\.?m\b|[AP]M\b)|0?'?s\b")
# A word start, with the run of letters it opens (see starts.py): "sept" in "sept. 30",
# "" in "1998" and "'80s". Each trigger kind has its own, which finds only the words its
# rules can start with (see _index_by_start). It is searched for with the character before
# it, in the text lowercased after a space, so that a match starts where its word does in
# the text: opening with a set of characters, the pattern lets the regex engine skip the
# letters inside words. Only the "'" of "'80s" is no word start: a text with one is
# searched without the character before (see _candidates).
_WORD_STARTS = r"\W(?=\w)([^\W\d_]*)"
_WORD_STARTS_QUOTED = r"\b(?=\w)([^\W\d_]*)|'(?=\d)"
_QUOTED_NUMBER = re.compile(r"'(?=\d)")
# The second run of letters, after a word start's first (see starts.py): "year" in "the
# year", "s" in "the 1990s".
_SECOND_WORD = re.compile(r"[\W\d_]*([^\W\d_]*)")
# How far before its trigger an expression may start: "the first half of 2015",
# "Tuesday, Sept. 30", "approximately four-and-a-half years" (30 characters before the
# unit; farther back, each unit in a text would cost tries at more words for nothing).
_REACH = {
    "month": 25,
    "month-day": 25,
    "month-to": 16,
    "month-ord": 25,
    "weekday": 20,
    "weekdays": 12,
    "year": 35,
    **dict.fromkeys(_UNIT_KINDS, 32),
    "unit-quarter": 45,  # as far as reporting_period reaches: "quarter" is rare
    "word": 25,
    "decade": 12,
    "clock": 3,
    "o'clock": 8,
    "holiday": 20,  # "last International" Quds Day
    "time": 9,
    "times": 24,
    "short-year": 0,
    "numeric": 3,
    "unit-long": 0,
    "unit-and": 45,
    "unit-of": 18,  # "the first few days of" May
    "year-dash": 0,
    "year-q": 0,
    "year-s": 12,
}

# How far before its trigger each rule's expressions may start, in characters:
# "Tuesday, the 30th of" September, "the comparable year-ago fiscal" quarter. Trying a
# rule only where it can start is most of the tagger's speed.
_RULE_REACH = {
    "full_date": 25,
    "month_day": 25,
    "spoken_day": 40,  # "Wednesday, the twenty-first of" June
    "week_holding": 12,
    "date_range": 16,
    "date_list": 25,  # "1st, 2nd, 15th and" 28th of March
    "numeric_date": 0,
    "month": 18,
    "month_relative": 6,
    "year": 20,
    "decade": 10,
    "century": 24,
    "season": 12,
    "half_year": 22,
    "quarter": 30,
    "reporting_period": 40,  # found from "quarter", not "year", in "the year-ago quarter"
    "the_year": 22,
    "deictic_day": 22,
    "day_of_a_run": 18,  # "the seventeenth day"
    "weekday": 12,
    "weekdays": 0,
    "clock": 0,
    "hour_of_day": 16,  # "eleven in the evening"
    "relative_period": 22,
    "amount_of_time": 32,
    "compound_amount": 45,
    "unspecified_amount": 25,
    "lasting": 0,
    "fortnight": 14,  # "the coming fortnight"
    "anaphoric": 22,
    "vague": 18,  # "a little while ago"
    "recurring": 12,
    "rate": 24,  # "three times a week"
    "holiday": 10,
    "solar_hijri": 26,  # "the 30th of Ordibehesht" 1403
    "islamic": 30,  # "the 30th of Jumada al-Akhirah" 1445
    "hijri_year": 32,  # "the Solar Hijri calendar year" 1403
    "islamic_month_near": 7,  # "Last" Ramadan
    "hijri_holiday": 20,  # "last International" Quds Day
    "overnight": 0,
}
Normaliser = Callable[[re.Match, "_Context"], Result]
# (pattern, normaliser, reach, whether the pattern is matched against the text lowercased)
_RULES: list[tuple[re.Pattern, Normaliser, int, bool]] = []


_RULES_BY_KIND: dict[str, list[int]] = {}


def _kinds(triggers: tuple[str, ...]) -> list[str]:
    return [kind for name in triggers for kind in (_UNIT_KINDS if name == "unit" else [name])]


def rule(pattern: str, *triggers: str, flags: int = 0):
    """Register a rule: ``pattern`` finds candidates near ``triggers``, the function
    normalises them, returning (type, value, anchor), or None when the match is not a
    temporal expression after all. The trigger "unit" is any unit of time; "unit-year"
    and the like, one family of them; "month-day" and the like, a trigger followed by what
    the rule needs (see _NARROWER).

    A rule that ignores case is matched against the text lowercased, with its pattern
    lowercased, which the regex engine runs twice as fast: its match's groups are then
    lowercase, and its normaliser reads the text itself where case matters ("May")."""

    def register(normalise: Normaliser) -> Normaliser:
        for kind in _kinds(triggers):
            _RULES_BY_KIND.setdefault(kind, []).append(len(_RULES))
        reach = _RULE_REACH.get(normalise.__name__, 0)
        lowered = bool(flags & re.IGNORECASE)
        if lowered:
            compiled = re.compile(_lowercase_pattern(pattern), flags & ~re.IGNORECASE)
        else:
            compiled = re.compile(pattern, flags)
        _RULES.append((compiled, normalise, reach, lowered))
        return normalise

    return register


# An escape ("\W", "\s"), a named group's opening, or a run of anything else.
_PATTERN_PARTS = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|\(|[^\\(]+", re.DOTALL)


def _lowercase_pattern(pattern: str) -> str:
    """``pattern`` with its letters lowercased but not its escapes ("\\W" stays a
    non-word character) nor its groups' names."""
    return "".join(
        part if part[0] == "\\" or part.startswith("(?P") else part.lower()
        for part in _PATTERN_PARTS.findall(pattern)
    )


# The rules' building blocks. Month and weekday names are matched case-sensitively (as
# capitalised words), so that "may" and "march" stay verbs.
_M = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
    r"Oct\.?|Nov\.?|Dec\.?)"
)
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_SPELLED_YEAR = (
    r"nineteen[\s-](?:hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\sthousand"
    r"(?:\s(?:and\s)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?"
)
_Y = rf"(?P<year>(?:1[0-9]|20)\d\d(?!\d|,\d)|{_SPELLED_YEAR})"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_B = r"(?<![\w$£€/.-])"  # not glued to a word, number, currency or date before
_E = r"(?![\w/]|-\d|[.,]\d)"  # not glued to a word or number after
_W = r"(?![\w-])"  # a whole word: "quarter" but not "quarter-century"
_PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
_MOD = r"(?P<mod>early|late|mid|middle|the\send\sof|the\sbeginning\sof|the\sstart\sof)"
_CLOCK = (
    r"(?:(?P<hour>[012]?\d)(?::(?P<minute>[0-5]\d))?\s?"
    r"(?P<meridiem>[ap]\.\s?m\.|[ap]m\b|[AP]M\b|[ap]\.m\b)|(?P<named>noon|midnight|midday))"
    r"(?:\s(?P<zone>[ECMP][SD]T|GMT|UTC)\b)?"
)
_ORD_Q = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_TO = r"(?:\s?[–—-]\s?|\s(?:to|through|thru|until|till|and)\s)"  # in a range of dates
_M2 = _M.replace("?P<month>", "?P<month2>")
_D1 = r"(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?"

# What may follow a trigger of a kind to make it one of a narrower kind, by group, for the
# rules that need it: "1998-99", "March 3", "a day-long meeting", "two years and six
# months", "the first days of May", "Monday nights". Those rules are tried only there, not
# near each of the thousands of years, months or units in a corpus. A trigger of the kind
# "month+month-day" starts the rules of both "month" and "month-day". In the text
# lowercased.
_NARROWER = {
    kind: (re.compile(after), tuple(f"{kind}+{narrower}" for narrower in kinds))
    for kinds, after, triggers in [
        (("year-dash", "year-q", "year-s"), r"(\s?[–—-]\s?\d)|([\s-]q[1-4])|('?s\b)", ["year"]),
        (
            ("month-day", "month-to", "month-ord"),
            rf"\.?(?:(,?\s(?:\d|nineteen|two\sthousand))|({_TO})|(\s(?:the\s)?{ORDINAL_WORD}))",
            ["month"],
        ),
        (("weekdays",), r"(\snights\b)", ["weekday"]),
        (("unit-long", "unit-and", "unit-of"), r"(-long)|(,?\sand\s)|(\sof\s)", _UNIT_KINDS),
    ]
    for kind in triggers
}


def _g(match: re.Match, name: str) -> str | None:
    """A named group's text; None when it did not match or the rule's pattern lacks it."""
    return match[name] if name in match.re.groupindex else None


def _lower(match: re.Match, name: str) -> str:
    return (_g(match, name) or "").lower()


def _written(context: "_Context", match: re.Match, name: str | int = 0) -> str:
    """A group as the text writes it: the groups of a rule that ignores case are lowercase
    (see ``rule``)."""
    return context.text[match.start(name) : match.end(name)]


@dataclass
class _Context:
    """What resolving an expression needs: the text, its DCT, and the last dates stated."""

    text: str
    dct: date | None
    lowered: str  # the text lowercased, for the tense markers (see ``_lowercase``)
    kind: str | None = None  # the document's kind (see DAY_REPORTS)
    spaced: str = ""  # the text lowercased after a space
    scanned: bytes | None = None  # its ASCII copy (see _ascii_copy)
    every_word: bool = False  # whether the copy has every word of the text
    ref: Point | None = None  # the last date the text stated, for "a day later"
    ref_start: int = -1  # where its expression starts and ends
    ref_end: int = -1
    ref_anchor: str = FROM_DCT  # how its year was found
    quarter: Point | None = None  # the last quarter, for "the quarter" and "a year ago"
    decade: tuple[int, int] | None = None  # the last decade stated (199 for the 1990s), its end
    months_at: int | None = None  # where the story turned to "the first nine months"
    day_first_votes: tuple[int, int] | None = None  # see day_first

    def markers(self, lo: int, hi: int) -> Iterator[re.Match]:
        """The matches of TENSE_MARKERS in the text lowercased from ``lo`` to ``hi``, as
        ``TENSE_MARKERS.finditer`` finds them: where the ASCII copy has every word, at the
        places TENSE_MARKER_PLACES finds there, which holds every match and more."""
        lowered = self.lowered
        if not self.every_word:
            yield from TENSE_MARKERS.finditer(lowered, lo, hi)
            return
        taken = lo  # where the next marker may start: after the last one
        for place in TENSE_MARKER_PLACES.finditer(self.scanned, lo, hi + 1):
            at = place.start()  # where its word starts in the text (see _ascii_copy)
            if lowered.startswith("ll", at) and lowered.endswith("'", 0, at):
                at -= 1  # "'ll" opens with its apostrophe
            if at >= taken and (marker := TENSE_MARKERS.match(lowered, at, hi)) is not None:
                taken = marker.end()
                yield marker

    def tense(self, start: int, end: int) -> str | None:
        """ "future", "past" or None: the nearest tense marker in the sentence, looking
        left first ("will meet on Thursday"), then right ("Thursday's talks will")."""
        text, searched = self.text, self.lowered
        if searched.endswith("since ", 0, start):
            return "past"
        if searched[start - 2 : start - 1] in _SCHEDULE_ENDS and _PRESENT_SCHEDULE.search(
            searched, max(0, start - 30), start
        ):
            return "future"  # "the election is in November": what is set for a date is ahead
        # The sentence, up to 70 characters before the date and 50 after it.
        left, right = max(0, start - 70), end + 50
        left = max(
            _sentence_start(searched, left, start), text.rfind("\n", left, start), start - 70
        )
        nearest = None
        for marker in self.markers(left + 1, start):
            if not _no_tense(searched, marker):
                nearest = marker
        if (
            nearest is not None
            and nearest[0] in _INTENT
            and searched.startswith(" to ", nearest.end())
        ):
            nearest = None  # "decided to admit them in early March": what was decided is ahead
        if nearest is not None and _REPORTED.match(searched, nearest.start(), start):
            nearest = None  # "said it is calling for the redemption on Dec. 7"
        if nearest is None:
            opens = _OPENER.fullmatch(searched, left + 1, start) is not None
            if opens:
                # "In January, a week after the anniversary, a bombing killed...": a date
                # that opens its sentence takes the tense of the whole of it, reporting verb
                # and all ("On Sunday, the government said it would...").
                right = end + 200
            stops = [_sentence_end(searched, end, right), text.find("\n", end, right)]
            stops = [stop for stop in stops if stop >= 0]
            after = self.markers(end, min([*stops, right]))
            # "..., an official said": the reporting verb says nothing of the reported clause,
            # nor one set off by commas ("Sunday, officials said, the talks will resume").
            after = (
                m
                for m in after
                if not _no_tense(searched, m)
                and (m[0] not in _REPORTING or (opens and searched[m.end() : m.end() + 1] != ","))
            )
            nearest = next(after, None)
        if nearest is None:
            return None
        if nearest["future"] and _FUTURE_IN_PAST.search(
            searched, max(0, nearest.start() - 10), nearest.start()
        ):
            return "past"  # "had been scheduled to expire Friday": it has expired
        return "future" if nearest["future"] else "past"

    def day_first(self) -> bool:
        """Whether the text writes its days before its months, as in Britain: "30/01/2024"
        and "8 December 2024" say so, "1/30/2024" and "December 8" say not. A numeric date
        that settles it counts over written ones; with neither, months come first."""
        if self.day_first_votes is None:
            self.day_first_votes = _date_order_votes(self.text)
        numeric, written = self.day_first_votes
        return numeric > 0 if numeric else written > 0

    def dct_point(self) -> Point | None:
        return day_point(self.dct) if self.dct else None

    def reference(self) -> tuple[Point | None, str]:
        """The last date stated in the text, else the DCT."""
        if self.ref is not None:
            return self.ref, FROM_TEXT
        return self.dct_point(), FROM_DCT

    def remember(self, kind: str, value: str, anchor: str, start: int, end: int) -> None:
        """Keep a stated date as the reference for later relative expressions ("a day
        later"). A quarter becomes the quarter of a results story ("the latest quarter", "a
        year ago") when the text reports on it (see _story_quarter): not one found by
        counting back from that quarter, nor one still ahead ("losses through the third
        quarter of 1990")."""
        if kind == "DURATION" and _NINE_MONTHS.search(self.lowered, start, end):
            self.months_at = end
        if kind not in ("DATE", "TIME"):
            return
        if len(value) == 3 and value.isdigit():  # a decade: "199", the 1990s
            self.decade = int(value), end
        point = Point.parse(value[:10])
        if point is None and _SEASON_VALUE.fullmatch(value):
            point = Point(int(value[:4]))  # "the summer of 2013": its year, for "a year later"
        if point is not None:
            self.ref, self.ref_start, self.ref_end, self.ref_anchor = point, start, end, anchor
            if point.quarter and anchor != FROM_TEXT and self._story_quarter(point, start, end):
                self.quarter = point
                self.months_at = None

    def story_date(self, start: int) -> Point | None:
        """The day or month the sentence last stated, when it is in another year than the
        DCT: the time a story told in the past is at ("30 September 2015: Russia begins
        strikes; Soleimani had visited Moscow in July"); the year, or month of a year, that
        opens a sentence of the story (see ``_story_year``); or the year that heads a line
        of a chronology ("2013, June 5: Hezbollah enters Qusayr")."""
        ref, text = self.ref, self.text
        if ref is None or self.dct is None or text.find("\n", self.ref_end, start) >= 0:
            return None
        # A month whose year came from the DCT leaves the day after it to the DCT as well.
        stated = ref.month is None or self.ref_anchor != FROM_DCT
        if ref.day is None and stated and self._story_year(start):
            return ref
        heads = (
            ref.month is None
            and _LINE_OPENING.fullmatch(
                text, text.rfind("\n", 0, self.ref_start) + 1, self.ref_start
            )
            is not None
            and _HEADING_BREAK.match(text, self.ref_end) is not None
        )
        if not heads and (ref.month is None or ref.year == self.dct.year):
            return None
        if _sentence_start(self.lowered, self.ref_end, start) >= 0:
            return None
        before = self.lowered[max(0, self.ref_start - 80) : self.ref_start]
        if _RELATIVE.search(before[max(map(before.rfind, _CLAUSE_BREAKS)) + 1 :]):
            return None  # "the plan, drawn up after a heatwave that peaked on 12 August 2003,"
        return ref

    def day_told(self, start: int) -> Point | None:
        """The day the paragraph last stated with its year (or found from one that did),
        for a day without its year that follows it in the story: "On Dec. 27, 2019, a
        rocket attack killed a contractor. Washington answered with airstrikes on Dec. 29"
        (see ``_day_without_year``). Not a month: "the August 1988 cease-fire" names a
        thing more often than it sets the time of a story."""
        ref = self.ref
        if ref is None or ref.day is None or self.ref_anchor == FROM_DCT:
            return None
        if self.text.find("\n", self.ref_end, start) >= 0:
            return None
        return ref

    def year_told(self, start: int) -> int | None:
        """With no DCT, the year the story is at, if a year, or a month with its year,
        opening a sentence has said it (see ``_story_year``)."""
        ref = self.ref
        if ref is None or ref.day is not None or self.text.find("\n", self.ref_end, start) >= 0:
            return None
        return ref.year if self._story_year(start) else None

    def _story_year(self, start: int) -> bool:
        """Whether the year (or month of a year) last stated is the one a story is at, for
        a month or day after it in its paragraph: said as the time of the sentence ("In
        2015, Iran agreed in July"), or as the time of the sentences after it, opening its
        own ("In 2015, the deal was signed. In July, Iran began...", "In September 2015,
        Russia deployed jets. On Sept. 30, they struck", "It was 2020. The day they killed
        Soleimani, the third of January, ..."), these in the past tense."""
        lowered, at = self.lowered, self.ref_start
        opening = max(_sentence_start(lowered, max(0, at - 20), at), lowered.rfind("\n", 0, at))
        opening += 1  # 0 when neither is found
        if at - opening > 20 or _YEAR_OPENS.fullmatch(lowered, opening, at) is None:
            return False
        same_sentence = _sentence_start(lowered, self.ref_end, start) < 0
        return same_sentence or self.tense(start, start + 1) == "past"

    def year_to_date(self, start: int) -> bool:
        """Whether the story is now on its year to date ("In the first nine months, net was
        $306 million, compared with a loss in the 1988 period"), not on its quarter."""
        return self.months_at is not None and "\n" not in self.text[self.months_at : start]

    def _story_quarter(self, quarter: Point, start: int, end: int) -> bool:
        """Whether a quarter the text names is now the one its story reports on: the latest
        reported, as an earlier one is a comparison ("after a flat second quarter", in a
        story on the third). A fiscal quarter is another company's year: it always is."""
        if not self._reported(quarter, start, end):
            return False
        return (
            self.quarter is None
            or (quarter.year, quarter.quarter) >= (self.quarter.year, self.quarter.quarter)
            or "fiscal" in self.lowered[start:end]
        )

    def _reported(self, quarter: Point, start: int, end: int) -> bool:
        """Whether a quarter is over by the DCT, said to have ended (a fiscal one: "its
        fourth quarter ended Sept. 30") or spoken of in the past tense."""
        after = add(quarter, 1, "Q")
        if self.dct is None or (after is not None and after.as_date() <= self.dct):
            return True
        return bool(_ENDED.match(self.text, end)) or self.tense(start, end) == "past"


# A present-tense copula setting something for a date, as schedules are written: "the
# election is in November", "talks are set for Tuesday", "the vote is due on 3 March".
_PRESENT_SCHEDULE = re.compile(
    r"\b(?:is|are)\s(?:(?:set|slated|due|scheduled|planned|expected)\s)?(?:in|on|for)\s(?:the\s)?$"
)
_SCHEDULE_ENDS = ("n", "r", "e")  # the last letters it can end with, looked at before it
_NINE_MONTHS = re.compile(r"nine\smonths|nine-month")
_SEASON_VALUE = re.compile(r"\d{4}-(?:SP|SU|FA|WI)")
# Past verbs of intent, whose infinitive names something still to come.
_INTENT = frozenset(
    "decided agreed voted promised pledged vowed offered threatened hoped wanted asked urged "
    "ordered invited".split()
)
# Reporting verbs, which set no tense for a date in what they report ("..., he said").
_REPORTING = frozenset({"said", "told"})
# A reporting verb whose reported clause holds the date: that clause's tense is its own.
_REPORTED = re.compile(r"(?:said|told\s\w+|announced)(?:\sthat)?\s(?:it|they|he|she|we|i)\s")

# Before a period that ends no sentence, in lowercased text: an abbreviation ("sept. 30",
# "mr. ali"), an initialism ("u.s. forces", "9 a.m. tuesday") or an initial.
_ABBREVIATED = re.compile(rf"(?:^|[^\w.])(?:[a-z](?:\.[a-z])*|{trie(sorted(ABBREVIATIONS))})$")


# What may come before a date that opens its sentence ("In January, ...").
_OPENER = re.compile(r"\s*(?:(?:in|on|by|since|until|early|late|earlier|later)\s)?")
# And before a year (or a season of one) that opens its sentence as the time of the story:
# "In 2015,", "It was 2020.", "By the summer of 2015 Assad was losing ground".
_YEAR_OPENS = re.compile(r"\s*(?:in\s|during\s|by\s|it\swas\s|the\syear\swas\s)?")


# What may come before a year that heads a line of a chronology, and after it.
_LINE_OPENING = re.compile(r"[\s*•·-]*")
_HEADING_BREAK = re.compile(r"\s?[,:–—-]\s")

# What may start the clause a date is in, and the words that make it a relative clause.
_CLAUSE_BREAKS = (",", ";", ":", "(", "—", "–", ". ", "\n")
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|whom)\b")


_NUMERIC_DATE = re.compile(r"(?<![\w/])([0-3]?\d)/([0-3]?\d)/(?:\d\d){1,2}(?![\w/])")
_DAY_MONTH = re.compile(rf"\b[0-3]?\d(?:st|nd|rd|th)?\s(?:of\s)?{_M}")
_MONTH_DAY = re.compile(rf"{_M}\.?\s[0-3]?\d\b")


def _date_order_votes(text: str) -> tuple[int, int]:
    """For days first, against: numeric dates that settle it, then dates written out."""
    numeric = 0
    for found in _NUMERIC_DATE.finditer(text):
        first, second = int(found[1]), int(found[2])
        numeric += (first > 12 >= second) - (second > 12 >= first)
    written = len(_DAY_MONTH.findall(text)) - len(_MONTH_DAY.findall(text))
    return numeric, written


def _sentence_start(lowered: str, lo: int, start: int) -> int:
    """The last period before ``start`` (from ``lo``) that ends a sentence, or -1."""
    at = start
    while (at := lowered.rfind(".", lo, at)) >= 0:
        if _ends_sentence(lowered, at):
            return at
    return -1


def _sentence_end(lowered: str, end: int, hi: int) -> int:
    """The first period from ``end`` (before ``hi``) that ends a sentence, or -1."""
    at = end - 1
    while (at := lowered.find(".", at + 1, hi)) >= 0:
        if _ends_sentence(lowered, at):
            return at
    return -1


def _ends_sentence(lowered: str, at: int) -> bool:
    """Whether the period at ``at`` ends a sentence: not one in a number ("$29.75") nor
    after an abbreviation."""
    if lowered[at + 1 : at + 2].isdigit() or lowered[at + 1 : at + 2] in (",", ";"):
        return False  # "$29.75", "Birmingham, Ala., killed"
    return not _ABBREVIATED.search(lowered[max(0, at - 8) : at])


_ENDED = re.compile(r",?\sended\b")
_FUTURE_IN_PAST = re.compile(r"\bhad\s(?:been\s)?$", re.IGNORECASE)
_AUXILIARY = re.compile(r"\b(?:be|is|are|been|being|get|gets)\s$", re.IGNORECASE)


# A participle after a determiner, or after a determiner and an adverb, is an adjective:
# "the hastily planned trip", "a newly elected parliament".
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that)\s(?:\w+ly\s)?$")


def _no_tense(text: str, marker: re.Match) -> bool:
    """Whether a past participle follows a present or future auxiliary ("will be banned",
    "must be understood"), modifies a noun ("the hastily planned trip") or opens a phrase
    set off by a comma (", followed by burials"), so that it says nothing of the tense."""
    at = marker.start()
    if marker[0].endswith("ed") and _ATTRIBUTIVE.search(text, max(0, at - 20), at):
        return True
    if marker["past"] and text.endswith(", ", 0, at) and text.startswith(" by ", marker.end()):
        return True  # "planned for Thursday, followed by burials on Friday": no verb of its own
    return bool(marker["past"] and _AUXILIARY.search(text, max(0, at - 7), at))


def scan(
    text: str, dct: date | None, kind: str | None = None
) -> Iterator[tuple[int, int, str, str, str]]:
    """Yield (start, end, type, value, anchor) for each expression, in reading order."""
    lowered = _lowercase(text)
    spaced = " " + lowered  # a word with the character before it starts here where it does in text
    scanned, every_word = _ascii_copy(spaced)
    context = _Context(text, dct, lowered, kind, spaced, scanned, every_word)
    matches = _longest_matches(context)
    taken = -1  # the index of a match already made part of the one before it
    for at, (match, normalise) in enumerate(matches):
        if at == taken:
            continue
        parts = None
        if normalise is anaphoric and (
            step := _DAY_BEFORE_OR_AFTER.get(context.lowered[match.start() : match.end()])
        ):
            parts = _day_before_or_after(match, step, matches[at + 1 : at + 2], context)
            if parts:
                taken = at + 1
        if not parts:
            result = normalise(match, context)
            if result is None:
                continue
            parts = result if isinstance(result, list) else [(*match.span(), *result)]
        for start, end, kind, value, anchor in parts:
            while text[end - 1] in " ,":
                end -= 1
            yield start, end, kind, value, anchor
            context.remember(kind, value, anchor, start, end)


_DAY_BEFORE_OR_AFTER = {"the day before": -1, "the day after": 1}


def _day_before_or_after(match: re.Match, step: int, following: list, context: "_Context"):
    """ "The day after Christmas", "the day before last Tuesday's hearing": one expression,
    the day next to the date that follows. Else nothing, and each is read on its own."""
    if not following or following[0][0].start() != match.end() + 1:
        return None
    date_match, normalise = following[0]
    result = normalise(date_match, context)
    if not isinstance(result, tuple) or result[0] != "DATE":
        return None
    _kind, value, anchor = result
    day = Point.parse(value)
    next_day = add(day, step, "D") if day is not None and day.day else None
    if next_day is None:  # not a day, or past the ends of the calendar
        return None
    return [(match.start(), date_match.end(), "DATE", str(next_day), anchor)]


def _lowercase(text: str) -> str:
    """``text`` lowercased, for searching without regard to case: the regex engine runs
    faster on lowercase text than it ignores case. Offsets must agree with the text's, so a
    letter whose lowercase is longer ("İ") is left as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(letter if len(letter.lower()) > 1 else letter.lower() for letter in text)


def _triggers(
    text: str, lowered: str, spaced: str, scanned: bytes | None, quoted: bool
) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each trigger in ``text``; ``lowered`` is it lowercased,
    ``spaced`` that after a space, ``scanned`` the ASCII copy of that (see _ascii_copy);
    ``quoted`` whether it holds an "'80s"."""
    for start, end in _trigger_scan(lowered, spaced, scanned, quoted):
        if "a" <= lowered[start] <= "z":
            kind = _KIND_OF_WORD.get(text[start:end])
        else:
            kind = _number_kind(text, end, lowered[start:end])
        if kind is None:
            continue
        if kind in _NARROWER:
            after, narrower = _NARROWER[kind]
            if (found := after.match(lowered, end)) is not None:
                kind = narrower[found.lastindex - 1]
        yield kind, start, end


def _trigger_scan(
    lowered: str, spaced: str, scanned: bytes | None, quoted: bool
) -> Iterator[tuple[int, int]]:
    """(start, end) in the text of each match of _TRIGGERS in ``spaced`` (the leading space
    and the character before cancel out).

    Searched for with _SPACED_TRIGGERS in the ASCII copy ``scanned``, where every character
    that _TRIGGERS finds a trigger after is a space. That finds what _TRIGGERS finds and
    more, and _TRIGGERS decides on the more: a number whose kind the characters after it
    tell, and a word that a letter of another alphabet follows ("todayé"). A year, an
    eight-digit number and a word that an ASCII character follows are found the same either
    way. Without a copy (see _ascii_copy), _TRIGGERS itself."""
    if scanned is None:
        yield from ((match.start(), match.end() - 1) for match in _TRIGGERS.finditer(spaced))
        return
    ascii = spaced.isascii()
    for match in _SPACED_TRIGGERS_BY_QUOTES[quoted or not ascii].finditer(scanned):
        start, end = match.start(), match.end() - 1
        if "a" <= lowered[start] <= "z":  # a word: not "o clock", only "o'clock" is one
            found = (ascii or lowered[end : end + 1].isascii()) and lowered[start + 1] != " "
        else:
            year = lowered[start] == "1" or lowered.startswith("20", start)
            found = end - start == 8 or (end - start == 4 and year)
        if found:
            yield start, end
        elif (match := _TRIGGERS.match(spaced, start)) is not None:
            yield start, match.end() - 1


def _ascii_copy(spaced: str) -> tuple[bytes | None, bool]:
    """``spaced`` as bytes with a space for every character but an ASCII letter, digit or
    "_", in which to search for triggers and tense markers faster; None when it holds
    digits of another script, which the copy would hide. And whether it holds no letter of
    another script either: then the copy has every word of the text ("réservé" is "r serv "
    there)."""
    if spaced.isascii():
        return spaced.encode().translate(_WORD_BYTES), True
    replaced = spaced.encode("ascii", "replace")
    # Each character of another script is a "?" there: most are quotes and dashes, looked
    # at one by one (faster than a search of the text) up to the first letter or digit.
    at = replaced.find(b"?")
    while at >= 0:
        if spaced[at].isalnum():  # what \w is outside ASCII
            if _NON_ASCII_DIGIT.search(spaced, at):
                return None, False
            return replaced.translate(_WORD_BYTES), False
        at = replaced.find(b"?", at + 1)
    return replaced.translate(_WORD_BYTES), True


def _number_kind(text: str, end: int, token: str) -> str | None:
    """A number is a trigger when it can be a year, part of a numeric date or a clock time,
    or a decade ("'80s"); other numbers are found from the units after them."""
    if len(token) == 4 and (token[0] == "1" or token[:2] == "20"):
        return "year"
    after = _NUMERIC_AFTER.match(text, end)
    if after is None:
        if len(token) == 2:  # after an apostrophe: "'82"
            return "short-year"
        return "numeric" if len(token) == 8 else None
    mark = after.group()
    if mark[-1] == "s":
        return "decade"
    return "numeric" if mark[0] in "/-." else "clock"


def _longest_matches(context: "_Context") -> list[tuple[re.Match, Normaliser]]:
    """Every rule's matches starting shortly before its triggers; where matches overlap,
    the longest wins. In reading order."""
    return _without_overlaps(_candidates(context))


def _candidates(context: "_Context") -> list[tuple[int, int, int, re.Match, Normaliser]]:
    """(-length, rule order, start, match, normaliser) of every rule's matches near its
    triggers.

    Rules are tried only at the starts of words near a trigger (``pattern.match``), and
    only those that can start with the word found there: most tries would fail at once,
    and a failed try costs as much as a match.
    """
    text, lowered, spaced = context.text, context.lowered, context.spaced
    candidates = []
    tried = set()  # position * _RULE_SLOTS + rule order, for windows that overlap
    # Word starts are found with the character before them (see _WORD_STARTS); but an "'"
    # opening "'80s" is one itself: a text with one is searched the slower way.
    quoted = _QUOTED_NUMBER.search(lowered) is not None
    searched, after = (lowered, 0) if quoted else (spaced, 1)
    for kind, start, end in _triggers(text, lowered, spaced, context.scanned, quoted):
        starts, by_word, anywhere, reach_before = _RULES_BY_START[kind][quoted]
        # Up to the trigger's end, not its start: the trigger's own letters are a word.
        for word in starts.finditer(searched, max(0, start - reach_before), end + after):
            position = word.start()
            offset = start - position
            slot = position * _RULE_SLOTS
            rules_here = by_word.get(word[1] or "", anywhere)
            if type(rules_here) is dict:  # some of them need a certain second word
                second = _SECOND_WORD.match(searched, word.end())[1]
                rules_here = rules_here.get(second, rules_here[ANY])
            for order, pattern, normalise, reach, on_lowered in rules_here:
                if offset > reach:
                    break  # the rules come farthest-reaching first
                if slot + order in tried:
                    continue
                tried.add(slot + order)
                match = pattern.match(lowered if on_lowered else text, position)
                if match is not None and match.end() > position:
                    candidates.append((position - match.end(), order, position, match, normalise))
    return candidates


def _without_overlaps(candidates: list) -> list[tuple[re.Match, Normaliser]]:
    """The longest candidates (then the earliest rule, then the earliest start) that
    overlap none longer, in reading order."""
    candidates.sort()  # (-length, order, start) is unique: the matches are never compared
    starts: list[int] = []  # the spans taken, in reading order: they never overlap
    ends: list[int] = []
    chosen = []
    for _length, _order, start, match, normalise in candidates:
        end = match.end()
        at = bisect_right(starts, start)
        if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
        chosen.insert(at, (match, normalise))
    return chosen


def _trigger_kinds() -> dict[str, tuple[list[int], int]]:
    """Per kind of trigger, its rules (by order) and how far before it they may start: no
    farther than the farthest-reaching of them may. A narrower kind ("month+month-day") has
    the rules of both its kinds."""
    kinds = {kind: (orders, _REACH[kind]) for kind, orders in _RULES_BY_KIND.items()}
    for kind, (_after, narrower_kinds) in _NARROWER.items():
        for combined in narrower_kinds:
            narrower = combined.partition("+")[2]
            orders = sorted({*_RULES_BY_KIND.get(kind, ()), *_RULES_BY_KIND[narrower]})
            kinds[combined] = (orders, max(_REACH[kind], _REACH[narrower]))
    return {
        kind: (orders, min(reach, max(_RULES[order][2] for order in orders)))
        for kind, (orders, reach) in kinds.items()
    }


def _index_by_start() -> dict[str, tuple[tuple, tuple]]:
    """Per trigger kind: a pattern finding the starts of the words its rules can start with
    (see starts.py), with the run of letters there; per such word, its rules, as (order,
    pattern, normaliser, reach, whether matched on the text lowercased), or, where some of
    them need a second word, a dict of the rules per second word, with those for any other
    under ANY; the rules that can start with any word; and how far before the trigger to
    look for words. Twice: for a text without an "'80s" (see _WORD_STARTS), and for one
    with."""
    pairs = {order: first_two_words(pattern) for order, (pattern, *_rest) in enumerate(_RULES)}
    index = {}
    for kind, (orders, reach) in _TRIGGER_KINDS.items():
        # Per rule that can start with known words: per such word, its second words.
        seconds: dict[int, dict[str, set]] = {o: {} for o in orders if pairs[o] is not None}
        for order in seconds:
            for first, second in pairs[order]:
                seconds[order].setdefault(first, set()).add(second)
        by_word = {
            word: _by_second_word(
                [o for o in orders if o not in seconds or word in seconds[o]],
                {o: seconds[o][word] for o in seconds if word in seconds[o]},
            )
            for word in set().union(*seconds.values())
        }
        anywhere = _farthest_first(frozenset(o for o in orders if pairs[o] is None))
        words = set(by_word)
        index[kind] = tuple(
            (_word_starts(None if anywhere else words, quoted), by_word, anywhere, reach)
            for quoted in (False, True)
        )
    return index


def _by_second_word(orders: list[int], seconds: dict[int, set]) -> tuple | dict:
    """The rules ``orders`` to try at a word, as _farthest_first gives them; or, where some
    can only go on with certain second words (``seconds``, per rule), per second word."""
    anyway = [o for o in orders if o not in seconds or ANY in seconds[o]]
    if len(anyway) == len(orders):
        return _farthest_first(frozenset(orders))
    rules_of = {}  # per second word, the rules that need it
    for order, words in seconds.items():
        for word in words - {ANY}:
            rules_of.setdefault(word, []).append(order)
    by_second = {
        second: _farthest_first(frozenset([*anyway, *needing]))
        for second, needing in rules_of.items()
    }
    by_second[ANY] = _farthest_first(frozenset(anyway))
    return by_second


@cache
def _farthest_first(orders: frozenset[int]) -> tuple:
    """The rules ``orders``, as _candidates tries them: those that reach farthest before
    their trigger first, so that it can stop at the first that cannot reach it."""
    entries = [(order, *_RULES[order]) for order in sorted(orders)]
    return tuple(sorted(entries, key=lambda entry: -entry[3]))


def _word_starts(words: set[str] | None, quoted: bool) -> re.Pattern:
    """A pattern finding the starts of ``words`` (runs of letters, "" for a word that
    opens with a digit, as "1998" and "'80s"), or of any word when None: with the
    character before each, unless ``quoted`` (see _WORD_STARTS)."""
    if words is None:
        return re.compile(_WORD_STARTS_QUOTED if quoted else _WORD_STARTS)
    if not words:
        return re.compile(r"(?!)")
    letters = sorted(words - {""})
    # The first letters, checked before the words' trie: most word boundaries in a window
    # are word ends or words that start no rule, and fail there at once.
    firsts = "".join(sorted({word[0] for word in letters})) + ("0-9_" if "" in words else "")
    starts = [rf"({trie(letters)})(?![^\W\d_])" if letters else "()(?!)"]  # group 1: the word
    if "" in words:
        starts.append(r"(?=[\d_])")
    if not quoted:
        return re.compile(rf"\W(?=[{firsts}])(?:{'|'.join(starts)})")
    digit_decade = r"|'(?=\d)" if "" in words else ""
    return re.compile(rf"(?<!\w)(?=[{firsts}])(?:{'|'.join(starts)}){digit_decade}")


def _years_around(dct: date) -> list[int]:
    """The DCT's year and those either side, as far as the calendar goes (1 to 9999)."""
    return [year for year in (dct.year - 1, dct.year, dct.year + 1) if MINYEAR <= year <= MAXYEAR]


def _dated(point: Point | None, anchor: str, kind: str = "DATE", suffix: str = "") -> Result:
    if point is None:
        return None
    return kind, str(point) + suffix, anchor


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_number(text: str) -> int:
    return int(text) if text.isdigit() else spelled_year(text)


# Calendar dates: "Sept. 30, 2015", "30 September 2015", "Tuesday, Sept. 30".


_AT_CLOCK = r"(?:,?\s(?:at\s)?(?P<clock>[012]?\d:[0-5]\d)\s?(?P<ampm>[ap]\.?m\.?|[AP]M)?)?"


@rule(rf"{_B}(?:{_WD},?\s)?{_M}\s{_D},?\s{_Y}{_E}{_AT_CLOCK}", "month-day")
@rule(
    rf"{_B}(?:{_WD},?\s)?(?:the\s)?{_D}(?:\sday)?\s(?:of\s)?{_M},?\s{_Y}{_E}{_AT_CLOCK}",
    "month-day",
)
def full_date(match: re.Match, context: _Context) -> Result:
    point = Point.make(
        _year_number(match["year"]), _month_number(match["month"]), int(match["day"])
    )
    if point is not None and match["clock"]:
        hour, minute = (int(part) for part in match["clock"].split(":"))
        if (match["ampm"] or "").lower().startswith("p") and hour < 12:
            hour += 12
        return "TIME", f"{point}T{hour:02d}:{minute:02d}", ABSOLUTE
    return _dated(point, ABSOLUTE)


@rule(rf"{_B}(?:{_WD},?\s)?{_M},?\s{_D}{_E}(?!,?\s(?:1[0-9]|20)\d\d)", "month-day")
@rule(
    rf"{_B}(?:{_WD},?\s)?(?:the\s)?{_D}(?:\sday)?\s(?:of\s)?{_M}(?!\.?\w)"
    rf"(?!,?\s(?:1[0-9]|20)\d\d)",
    "month",
)
def month_day(match: re.Match, context: _Context) -> Result:
    month, day = _month_number(match["month"]), int(match["day"])
    if not 1 <= day <= 31:
        return None
    if context.dct is None:
        return _undated(context, match, month, day)
    return _dated(*_day_without_year(context, match, month, day))


def _undated(context: _Context, match: re.Match, month: int, day: int | None = None) -> Result:
    """A month or day without its year in a text without a DCT: of the year its story is
    at, if a sentence opening with it has said ("In 2015, Iran signed. In July, ..."),
    else of no known year ("XXXX-07")."""
    year = context.year_told(match.start())
    if year is None:
        point = Point.make(_STAND_IN_YEAR, month, day)
        return None if point is None else ("DATE", _of_year(point, known=False), FROM_DCT)
    return _dated(Point.make(year, month, day), FROM_TEXT)


# Days spoken as words: "Sunday, March eighth", "the twenty-first of June 2019".
_SPOKEN_DAY = rf"(?P<ordinal>{ORDINAL_WORD})(?![\w-]|\s(?:quarter|half|round|time|place|term)\b)"


@rule(rf"{_B}(?:{_WD},?\s)?{_M}\s(?:the\s)?{_SPOKEN_DAY}(?:,?\s{_Y}{_E})?", "month-ord")
@rule(rf"{_B}(?:{_WD},?\s)?the\s{_SPOKEN_DAY}(?:\sday)?\sof\s{_M}(?:,?\s{_Y})?{_E}", "month")
def spoken_day(match: re.Match, context: _Context) -> Result:
    month, day = _month_number(match["month"]), ordinal_value(match["ordinal"])
    if Point.make(2000, month, day) is None:
        return None  # "February thirtieth"; 2000 is a leap year
    if match["year"]:
        return _dated(Point.make(_year_number(match["year"]), month, day), ABSOLUTE)
    if context.dct is None:
        return _undated(context, match, month, day)
    return _dated(*_day_without_year(context, match, month, day))


@rule(rf"{_B}[Tt]he\sweek\sof\s{_M}\s{_D}(?:,\s{_Y})?{_E}", "month-day")
@rule(rf"{_B}[Tt]he\sweek\sof\s(?:the\s)?{_D}\s(?:of\s)?{_M}(?:,?\s{_Y})?{_E}", "unit-of")
def week_holding(match: re.Match, context: _Context) -> Result:
    """ "The week of March 6", "the week of 22 July 2019": the ISO week that holds the
    day."""
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        point, anchor = Point.make(_year_number(match["year"]), month, day), ABSOLUTE
    elif context.dct is None:
        return "DATE", "XXXX-WXX", FROM_DCT
    else:
        point, anchor = _day_without_year(context, match, month, day)
    return None if point is None else ("DATE", point.at("week"), anchor)


def _day_without_year(
    context: _Context, match: re.Match, month: int, day: int
) -> tuple[Point | None, str]:
    """A month and day take the year that puts them nearest the DCT in the sentence's
    tense, or nearest the date its sentence is at (see ``_likeliest``); a weekday named
    with them ("Tuesday, Sept. 30") settles it. With how the year was found."""
    story = context.story_date(match.start())
    if story is None and (told := context.day_told(match.start())) is not None:
        if (near := _near_day_told(match, month, day, told)) is not None:
            return near, FROM_TEXT
    anchor = FROM_DCT if story is None else FROM_TEXT
    years = _years_around(story.as_date() if story else context.dct)
    if _g(match, "weekday"):
        wanted = WEEKDAYS[match["weekday"].lower()]
        for year in years:
            point = Point.make(year, month, day)
            if point and point.as_date().weekday() == wanted:
                return point, anchor
    candidates = [p for p in (Point.make(y, month, day) for y in years) if p is not None]
    return _likeliest(context, match, candidates), anchor


# How near a day without its year must be to the day a sentence before it stated,
# to be taken as further on (or back) in the same story rather than as near the DCT.
_TOLD_DAYS = 45


def _near_day_told(match: re.Match, month: int, day: int, told: Point) -> Point | None:
    """The reading of a day without its year within _TOLD_DAYS of the day an earlier
    sentence stated, agreeing with the weekday named with it, if any."""
    for year in _years_around(told.as_date()):
        point = Point.make(year, month, day)
        if point is None:
            continue
        at = point.as_date()
        if _g(match, "weekday") and at.weekday() != WEEKDAYS[match["weekday"].lower()]:
            continue
        if abs((at - told.as_date()).days) <= _TOLD_DAYS:
            return point
    return None


# A date against the sentence's tense is still likely when it is near the DCT: "extended
# to Nov. 20" in a text of 2 November. The penalty, in days, weighs tense against distance:
# a day without its year goes against the tense within about a month of the DCT, where the
# reading a year away is some 300 days further ("changed to a calendar year in December",
# said in late October, is the December before, not the one five weeks on).
_AGAINST_TENSE = 300
# With no tense at all, news looks back more often than ahead: a future reading must be
# about two months nearer than the past one ("its record high set on Aug. 6", in February,
# is the August before). Not so for the start or end of a schedule ("from August 6").
_UNMARKED_FUTURE = 60
_SCHEDULE = re.compile(
    r"\b(?:until|till|through|from|by|starting|beginning|(?:no|not)\slater\sthan)\s$"
)
# A deadline after a past verb may still be ahead: "extended the loans through January".
_UNTIL = re.compile(r"\b(?:until|till|through|(?:no|not)\slater\sthan)\s$")


def _likeliest(context: _Context, match: re.Match, candidates: list[Point]) -> Point | None:
    """Of the readings of a date without its year, the one nearest the DCT, preferring
    those that agree with the sentence's tense; in a sentence at a day or month of another
    year, the one nearest that ("30 September 2015: Russia begins air strikes; Soleimani
    had visited Moscow in July"), either side, as a story moves both ways from its date."""
    if (story := context.story_date(match.start())) is not None:
        if story.month is None:  # the year heading a chronology's line
            return next((point for point in candidates if point.year == story.year), None)
        day = story.as_date()
        return min(candidates, key=lambda point: abs(_days_from(point, day)), default=None)
    dct = context.dct
    tense = context.tense(*match.span())
    before = context.lowered[max(0, match.start() - 15) : match.start()]
    if tense == "past" and _UNTIL.search(before):
        tense = None  # "extended the loans through January": a deadline, which may be ahead
    ahead = _UNMARKED_FUTURE if tense is None and not _SCHEDULE.search(before) else 0
    if tense == "past" and context.text.endswith("since ", 0, match.start()):
        # "since October 7" is a day already past, however far.
        candidates = [p for p in candidates if p.as_date() <= dct] or candidates

    def cost(point: Point) -> int:
        days = _days_from(point, dct)
        against = (tense == "future" and days < 0) or (tense == "past" and days > 0)
        return abs(days) + (_AGAINST_TENSE if against else 0) + (ahead if days > 0 else 0)

    return min(candidates, key=cost, default=None)


def _days_from(point: Point, day: date) -> int:
    """Days from ``day`` to a day or month (to its nearest day), negative before it."""
    days = (point.as_date() - day).days
    if point.day is None:
        last = days_in_month(point.year, point.month) - 1
        days = 0 if 0 <= -days <= last else (days if days > 0 else days + last)
    return days


@rule(
    rf"{_B}(?P<iso>(?:1[0-9]|20)\d\d-[01]\d-[0-3]\d)"
    rf"(?:[T ](?P<time>[012]\d:[0-5]\d(?::[0-5]\d)?))?{_E}",
    "numeric",
    "year-dash",  # "2014-06-02" starts with a year's trigger
)
@rule(
    rf"{_B}(?P<us>[0-3]?\d/[0-3]?\d/(?:(?:19|20)\d\d|\d\d))"
    rf"(?:\s(?P<time>[012]\d:[0-5]\d(?::[0-5]\d)?))?{_E}",
    "numeric",
)
@rule(rf"{_B}(?P<compact>(?:19|20)\d\d[01]\d[0-3]\d){_E}", "numeric")
def numeric_date(match: re.Match, context: _Context) -> Result:
    if _g(match, "iso"):
        year, month, day = (int(part) for part in match["iso"].split("-"))
    elif _g(match, "us"):
        first, second, year = (int(part) for part in match["us"].split("/"))
        day_first = first > 12 or (second <= 12 and context.day_first())
        day, month = (first, second) if day_first else (second, first)
        if year < 100:
            year += 1900 if year >= 50 else 2000
    else:
        digits = match["compact"]
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    point = Point.make(year, month, day)
    if point is None:
        return None
    if _g(match, "time"):
        return "TIME", f"{point}T{match['time']}", ABSOLUTE
    return _dated(point, ABSOLUTE)


@rule(rf"{_B}(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d){_E}", "numeric")
def dotted_date(match: re.Match, context: _Context) -> Result:
    """ "14.07.2015": the day first, as wherever dates are written with dots."""
    point = Point.make(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if point is None else _dated(point, ABSOLUTE)


_SHORT_RANGE_YEARS = 20  # the most years a range spans when its end is written short

# Ranges: "3–5 March 2019", "March 3-5, 2019", "April 24 and 25", "Sep–Nov 2024",
# "March 30 to April 2", "2011–13". TimeML tags each end on its own; the first takes what
# it leaves unsaid (the month, the year) from the second.

_NOT_A_COUNT = r"(?!\s[a-z])"  # "March 3 and 25 people" is no range


@rule(rf"{_B}(?P<first>{_D1}){_TO}(?P<second>{_D}\s(?:of\s)?{_M}(?:,?\s{_Y})?){_E}", "month")
@rule(
    rf"{_B}(?P<first>{_M}\s{_D1}){_TO}(?P<second>(?:{_M2}\s)?{_D}(?:,?\s{_Y})?){_E}"
    rf"(?(month2)|{_NOT_A_COUNT})",
    "month-day",
)
@rule(
    rf"{_B}(?P<first>{_D1}\s(?:of\s)?{_M}){_TO}(?P<second>{_D}\s(?:of\s)?{_M2}(?:,?\s{_Y})?){_E}",
    "month-to",
)
# "Sep–Nov", but "September to November" only with its year: "They March to May".
@rule(
    rf"{_B}(?P<first>{_M})(?:(?P<dash>\s?[–—-]\s?)|{_TO})(?P<second>{_M2}(?:,?\s{_Y})?){_E}"
    r"(?(dash)|(?(year)|(?!)))",
    "month-to",
)
@rule(
    rf"{_B}(?P<first>(?:1[0-9]|20)\d\d)(?P<dash>\s?[–—-]\s?)(?P<second>(?:1[0-9]|20)\d\d|\d\d)"
    r"(?![\d-])",
    "year-dash",
)
def date_range(match: re.Match, context: _Context) -> Result:
    if not _g(match, "month"):
        return _year_range(match)
    month1 = _month_number(match["month"])
    month2 = _month_number(match["month2"]) if _g(match, "month2") else month1
    day1 = int(match["day1"]) if _g(match, "day1") else None
    day2 = int(match["day"]) if _g(match, "day") else None
    if month1 == month2 and day1 is not None and day1 >= day2:
        return None  # "March 5-3" is no range
    known = match["year"] or context.dct
    if match["year"]:
        year2, anchor = _year_number(match["year"]), ABSOLUTE
    elif context.dct is None:
        year2, anchor = _STAND_IN_YEAR, FROM_DCT
    else:
        if day2:
            second, anchor = _day_without_year(context, match, month2, day2)
        else:
            story = context.story_date(match.start())
            years = _years_around(story.as_date() if story else context.dct)
            second = _likeliest(context, match, [Point(year, month2) for year in years])
            anchor = FROM_DCT if story is None else FROM_TEXT
        if second is None:
            return None
        year2 = second.year
    year1 = year2 if (month1, day1 or 0) < (month2, day2 or 0) else year2 - 1
    first, second = Point.make(year1, month1, day1), Point.make(year2, month2, day2)
    if first is None or second is None:
        return None
    return [
        (*match.span("first"), "DATE", _of_year(first, known), anchor),
        (*match.span("second"), "DATE", _of_year(second, known), anchor),
    ]


# Stands in for a year that neither the text nor a DCT gives: a leap year has every day.
_STAND_IN_YEAR = 2000


def _of_year(point: Point, known: bool) -> str:
    """The value of a day or month, its year unknown ("XXXX-03-05") unless ``known``."""
    return str(point) if known else "XXXX" + str(point)[4:]


# Lists whose last item carries what the others leave unsaid: "September, October, and
# November 2015", "3, 5 and 8 March 2015" (a list of two is a range's: see date_range).
_LISTED_MONTH = _M.replace("?P<month>", "?:")
_LISTED_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"


@rule(
    rf"{_B}(?P<list>{_LISTED_MONTH}(?:,\s{_LISTED_MONTH})+,?\s(?:and|or)\s){_M},?\s{_Y}{_E}",
    "month",
)
@rule(
    rf"{_B}(?P<list>{_LISTED_DAY}(?:,\s{_LISTED_DAY})+,?\s(?:and|or)\s){_D}\s(?:of\s)?{_M}"
    rf"(?:,?\s{_Y})?{_E}",
    "month",
)
def date_list(match: re.Match, context: _Context) -> Result:
    """Each item of the list, with the month and year of the last, or the year before when
    it comes later in the year ("November, December and January 2016"). With no year, nor
    a DCT to find one, each day is of no known year ("XXXX-03-05")."""
    month, day = _month_number(match["month"]), _g(match, "day")
    last_at = match.start("day") if day else match.start("month")
    known = match["year"] or context.dct
    if match["year"]:
        year = _year_number(match["year"].lower())
        last, anchor = Point.make(year, month, int(day) if day else None), ABSOLUTE
    elif context.dct is None:
        last, anchor = Point.make(_STAND_IN_YEAR, month, int(day)), FROM_DCT
    else:
        last, anchor = _day_without_year(context, match, month, int(day))
    if last is None:
        return None
    points = []
    for item in _LIST_ITEM.finditer(context.text, match.start(), match.end("list")):
        if day:
            point = Point.make(last.year, month, int(item[0].rstrip("stndrh")))
        else:
            number = _month_number(item[0])
            point = Point(last.year - (number > month), number)
        if point is None:
            return None
        points.append((*item.span(), point))
    points.append((last_at, match.end(), last))
    return [(start, end, "DATE", _of_year(point, known), anchor) for start, end, point in points]


_LIST_ITEM = re.compile(rf"{_LISTED_MONTH}|\d+(?:st|nd|rd|th)?")


def _year_range(match: re.Match) -> Result:
    """ "2011-2013", "1994-95", "1999-2000": the second year takes the century of the first,
    or of the next if it must ("1998-02"). After a hyphen, two digits up to 12 that do not
    name the next year are ISO's month: "2011-05" is May 2011, "2011-12" the two years."""
    first, second = int(match["first"]), match["second"]
    last = _range_end(first, second)
    if len(second) == 2:
        if match["dash"] == "-" and int(second) <= 12 and last != first + 1:
            month = int(second)
            return ("DATE", f"{first}-{month:02d}", ABSOLUTE) if month else None
        if last - first > _SHORT_RANGE_YEARS:
            return None  # "2011–00" is no range
    if last <= first:
        return None
    return [
        (*match.span("first"), "DATE", str(first), ABSOLUTE),
        (*match.span("second"), "DATE", str(last), ABSOLUTE),
    ]


def _range_end(first: int, second: str) -> int:
    """The year that ends a range from ``first``, written in full or as its last two digits
    ("95" after 1994, "00" after 1999)."""
    if len(second) == 4:
        return int(second)
    last = first // 100 * 100 + int(second)
    return last + 100 if last <= first else last


# Months: "September 2015", "mid-May", "since September", "January this year".


# A few days or weeks at the start or end of a month: "the first days of January", "the last
# week of June 2023" (START and END of the month, as "early January" is).
_SPAN_OF = r"the\s(?P<span>first|last|final|opening|closing)\s(?:few\s)?(?:days|weeks?)\sof"


@rule(rf"{_B}(?:{_MOD}[\s-])?{_M}(?:,?\s(?:of\s)?{_Y})?{_E}", "month", flags=re.IGNORECASE)
@rule(rf"{_B}{_SPAN_OF}\s{_M}(?:,?\s(?:of\s)?{_Y})?{_E}", "unit-of", flags=re.IGNORECASE)
def month(match: re.Match, context: _Context) -> Result:
    name = _written(context, match, "month")
    if not name[0].isupper():
        return None
    month = _month_number(name)
    if match["year"]:
        return _dated(Point.make(_year_number(match["year"]), month), ABSOLUTE)
    if name in ("May", "March") and not (
        _g(match, "mod")
        or _g(match, "span")
        or _after_time_word(context.text, match)
        or _month_as_modifier(context, match)
    ):
        return None  # "May" the verb, "March" the walk
    if name.lower() in MONTH_ABBREVIATIONS and (  # with no period
        not _after_time_word(context.text, match) or _NAME_AFTER.match(context.text, match.end())
    ):
        return None  # "Jan" with no period, day or year is a name: "minister, Jan Kavan"
    if context.dct is None:
        return _undated(context, match, month)
    story = context.story_date(match.start())
    years = _years_around(story.as_date() if story else context.dct)
    point = _likeliest(context, match, [Point(y, month) for y in years])
    return _dated(point, FROM_DCT if story is None else FROM_TEXT)


@rule(
    rf"{_B}(?P<rel>last|next|this|past|coming)\s{_M}(?:\s{_D}(?!\d|,?\s(?:1[0-9]|20)\d\d))?{_E}",
    "month",
    flags=re.IGNORECASE,
)
@rule(
    rf"{_B}{_M}(?:\s{_D})?,?\s(?:of\s)?(?:(?P<yrel>this|last|next)|(?P<that>that)|"
    rf"the\s(?P<arel>same|following|next|previous|prior))\syear{_E}",
    "month",
)
def month_relative(match: re.Match, context: _Context) -> Result:
    """ "Last April", "next March"; "May of last year", "July of that year" (the year last
    stated), "March of the following year"."""
    if not _written(context, match, "month")[0].isupper():
        return None
    month = _month_number(match["month"])
    day = _g(match, "day")
    if _g(match, "that") or _g(match, "arel"):
        base, anchor = context.reference()
        if base is None:
            return "DATE", f"XXXX-{month:02d}", FROM_DCT
        step = _ANAPHORIC_STEP.get(match["arel"] or "same", 0)
        return _dated(Point.make(base.year + step, month, int(day) if day else None), anchor)
    if context.dct is None:
        return "DATE", f"XXXX-{month:02d}", FROM_DCT
    dct = context.dct
    if _g(match, "yrel"):  # "May of last year" is last year's, whatever the month
        year = dct.year + {"last": -1, "this": 0, "next": 1}[match["yrel"]]
        return _dated(Point.make(year, month, int(day) if day else None), FROM_DCT)
    rel = _lower(match, "rel")
    if rel in ("last", "past"):
        # The last such month before the one just past: "last April" said in October is
        # this year's, "last February" said in March a year back ("last month" would do).
        year = dct.year if month <= dct.month - 2 else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month else dct.year + 1
    else:
        year = dct.year
    return _dated(Point.make(year, month, int(day) if day else None), FROM_DCT)


_NAME_AFTER = re.compile(r"\s[A-Z]")
# A preposition may have an approximating word after it: "since about March".
_TIME_WORD_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|during|of|before|after|early|late|mid|"
    r"last|next|this|between|on|around|to)[\s-]+(?:(?:about|approximately|roughly)\s)?|,\s)$",
    re.IGNORECASE,
)


_MONTH_LIST_BEFORE = re.compile(
    r"(?:January|February|March|April|June|July|August|September|October|November|December)"
    r",?\s(?:and|or)\s$"
)


# "The March accession", "the May elections": a month names the time of what follows it.
# Not "the March on Washington", "the March was peaceful": the walk, before a preposition
# or a verb.
_THE_BEFORE = re.compile(r"\b[Tt]he\s$")
_NOUN_AFTER = re.compile(
    r"\s(?!(?:on|of|to|in|for|from|through|into|across|at|by|with|against|and|or|was|were|"
    r"is|are|has|had|have|will|would|began|ended|that|which)\b)[a-z]{3,}\b"
)


def _month_as_modifier(context: _Context, match: re.Match) -> bool:
    start, end = match.span()
    return bool(
        _THE_BEFORE.search(context.text, max(0, start - 4), start)
        and _NOUN_AFTER.match(context.text, end)
    )


def _after_time_word(text: str, match: re.Match) -> bool:
    """Whether a word that may or may not be a time follows one that makes it a time:
    "in May", "since March", "April and May"."""
    start = match.start()
    return bool(
        _TIME_WORD_BEFORE.search(text, max(0, start - 27), start)
        or _MONTH_LIST_BEFORE.search(text, max(0, start - 16), start)
    )


# Years, decades, centuries.

_NOT_A_YEAR_AFTER = (
    r"(?!\s?(?:%|percent|per\s?cent|people|troops|soldiers|men|women|children|residents|"
    r"votes|members|workers|employees|shares|barrels|tons|tonnes|dollars|euros|pounds|yen|"
    r"miles|km|kilometers|kilometres|meters|metres|feet|acres|hectares|units|cars|homes|"
    r"jobs|cases|deaths|points|pages|rooms|square|gmt|utc|hours|hrs|ah|sh|a\.h\.|s\.h\.)\b)"
)
# A year of another calendar: "the Iranian year 1403", "the Hijri year 1445".
_OTHER_CALENDAR = re.compile(
    r"\b(?:iranian|persian|solar|shamsi|hijri|hejri|lunar|islamic)\s(?:calendar\s)?year\s$",
    re.IGNORECASE,
)


@rule(
    rf"{_B}(?:(?P<pre>early|late|mid|the\send\sof|the\sbeginning\sof|the\sstart\sof|"
    rf"the\sfirst\shalf\sof|the\ssecond\shalf\sof|fiscal(?:\syear)?|calendar|the\syear|h1|h2)"
    rf"[\s-]+|(?:pre|post)-)?{_Y}{_E}{_NOT_A_YEAR_AFTER}",
    "year",
    "word",
    flags=re.IGNORECASE,
)
def year(match: re.Match, context: _Context) -> Result:
    value = _year_number(match["year"].lower())
    if not 1000 <= value <= 2099:
        return None
    pre = _lower(match, "pre")
    if not pre and _named(context.text, match.start()):
        return None  # "Resolution 1701", "a venture called Orion 1980": a name
    if not pre and _OTHER_CALENDAR.search(context.text, max(0, match.start() - 30), match.start()):
        return None  # "the Iranian year 1402" is no year of ours
    if (
        not pre
        and _after_digits(context.text, match.start())
        and _PHONE_BEFORE.search(context.text, max(0, match.start() - 30), match.start())
    ):
        return None  # "Tel: +90 342 211 1301": a telephone number's last digits
    if "first half" in pre or pre.startswith("h1"):
        return "DATE", f"{value}-H1", ABSOLUTE
    if "second half" in pre or pre.startswith("h2"):
        return "DATE", f"{value}-H2", ABSOLUTE
    return "DATE", str(value), ABSOLUTE


def _after_digits(text: str, start: int) -> bool:
    """Whether a digit and a space, dot or hyphen come just before ``start`` ("211 1301")."""
    return start >= 2 and text[start - 1] in " .-" and text[start - 2].isdigit()


_PHONE_BEFORE = re.compile(
    r"(?:\+\d|\b(?:[Tt]el|[Pp]hone|[Ff]ax|[Mm]obile|[Cc]all)\b)[\d\s().:/+-]*\d[\s.-]$"
)


@rule(rf"{_B}FY\s?(?:{_Y}|(?P<yy>\d\d)){_E}", "year", flags=re.IGNORECASE)
def fiscal_year(match: re.Match, context: _Context) -> Result:
    """ "FY2021", "FY 2019", "FY21": the year a fiscal year ends in, as TimeBank gives
    "fiscal 1989". Written short, the century is the DCT's, unless that puts the year more
    than ten years ahead of it."""
    if match["year"]:
        return "DATE", str(_year_number(match["year"].lower())), ABSOLUTE
    if context.dct is None:
        return "DATE", f"XX{match['yy']}", FROM_DCT
    return "DATE", str(_century_of(context.dct, int(match["yy"]))), FROM_DCT


def _century_of(dct: date, yy: int) -> int:
    """The year ``yy`` (two digits) in the DCT's century, or the one before if that would
    put it more than ten years ahead."""
    year = dct.year // 100 * 100 + yy
    return year - 100 if year > dct.year + 10 else year


@rule(r"(?<=['’])(?P<yy>\d\d)(?![\w'’-])", "short-year")
def short_year(match: re.Match, context: _Context) -> Result:
    """A year written short: "when I was there in '82", "the class of ’06", its apostrophe
    included. The century is the DCT's, unless that puts the year more than ten years
    ahead of it."""
    start = match.start() - 1  # the apostrophe, which starts no word a rule is tried at
    if not _SHORT_YEAR_BEFORE.search(context.lowered, max(0, start - 8), start):
        return None  # a quoted number: "'82 percent,' he said"
    if context.dct is None:
        return [(start, match.end(), "DATE", f"XX{match['yy']}", FROM_DCT)]
    year = _century_of(context.dct, int(match["yy"]))
    return [(start, match.end(), "DATE", str(year), FROM_DCT)]


_SHORT_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|from|until|till|by|between|and|to|the|early|late|mid|spring|summer|"
    r"autumn|fall|winter)[\s-]$"
)


# A capitalised word just before a number, not at a sentence's start (nor a list item's,
# after "- " or "• "): a name's.
_NAME_BEFORE = re.compile(r"(?<![.!?\"“'‘(\n•*–—-])\s(?P<word>[A-Z][a-z]+)\s$")
# Capitalised words that may stand before a year in running text.
_BEFORE_A_YEAR = frozenset(
    "In Since By From Until Till Through During Before After Of To And Or For Around About "
    "Between Throughout Circa Starting Beginning "
    "Early Late Mid Fiscal Calendar Year Spring Summer Autumn Fall Winter Ramadan Easter".split()
)


def _named(text: str, start: int) -> bool:
    before = _NAME_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and not (
        before["word"] in _BEFORE_A_YEAR or before["word"] in _KIND_OF_WORD
    )


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


@rule(
    rf"{_B}(?:the\s)?(?:(?:early|late|mid)[\s-]|(?:pre|post)-)?(?:(?P<century>1[0-9]|20)|['’])?"
    rf"(?:(?P<decade>\d)0'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|"
    rf"eighties|nineties)){_E}",
    "decade",
    "year-s",  # the trigger for "1980" comes first and hides the one for "80s"
    flags=re.IGNORECASE,
)
def decade(match: re.Match, context: _Context) -> Result:
    if match["word"]:
        if not match.group(0).lower().startswith("the"):
            return None  # "in his forties" is an age
        digit = _DECADE_WORDS[match["word"].lower()]
    elif match["century"] is None and "'" not in match.group(0) and "’" not in match.group(0):
        return None  # "the 80s" could be temperatures
    else:
        digit = int(match["decade"])
    century = match["century"]
    if century is None:  # "the '80s": the last such decade before the DCT
        now = context.dct.year if context.dct else 2000
        century = str(now // 100 if digit * 10 <= now % 100 else now // 100 - 1)
    return "DATE", f"{century}{digit}", ABSOLUTE


@rule(
    rf"{_B}(?:the\s)?(?:(?:early|late|mid)[\s-])?(?P<n>{ORDINAL})[\s-]century{_E}",
    "unit-century",
    flags=re.IGNORECASE,
)
def century(match: re.Match, context: _Context) -> Result:
    return "DATE", f"{ordinal_value(match['n']) - 1:02d}", ABSOLUTE


# Seasons, quarters and halves.

_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_YEAR_AFTER = re.compile(r"\s(?:of\s)?(?:1[0-9]|20)\d\d")


@rule(
    rf"{_B}(?:(?P<the>the)\s)?(?:(?P<mod>early|late|mid)[\s-])?(?P<season>spring|summer|"
    rf"autumn|fall|(?P<winter>winter))(?:\s(?:of\s)?{_Y}"
    rf"(?(winter)(?:\s?[–—/-]\s?(?P<next>(?:1[0-9]|20)?\d\d))?))?{_E}",
    "word",
    flags=re.IGNORECASE,
)
@rule(rf"{_B}(?P<rel>last|next|this|past|coming)\s{_SEASON}{_E}", "word", flags=re.IGNORECASE)
def season(match: re.Match, context: _Context) -> Result:
    code = SEASONS[match["season"].lower()]
    if _g(match, "year"):
        year = _year_number(match["year"].lower())
        last = _range_end(year, match["next"]) if _g(match, "next") else year + 1
        if last != year + 1:  # not one winter but two years: "the winter of 2015-17"
            return [
                (*match.span("year"), "DATE", str(year), ABSOLUTE),
                (*match.span("next"), "DATE", str(last), ABSOLUTE),
            ]
        # The winter of two years is that of the first: "the winter of 2015-16" (TIMEX3).
        return "DATE", f"{year}-{code}", ABSOLUTE
    if _YEAR_AFTER.match(context.text, match.end()):
        return None  # "summer 2015-16" is no season; the years are tagged on their own
    rel = _lower(match, "rel")
    if context.text.startswith(" of ", match.end()):
        return None  # "the fall of the government"
    if not (rel or _g(match, "the") or _g(match, "mod")):
        if not _after_time_word(context.text, match) or match["season"].lower() == "fall":
            return None  # "to fall", "spring up"
    if context.dct is None:
        return "DATE", f"XXXX-{code}", FROM_DCT
    return "DATE", f"{_season_year(context, code, rel, match)}-{code}", FROM_DCT


def _season_year(context: _Context, code: str, rel: str, match: re.Match) -> int:
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    dct = context.dct
    if rel == "this":
        return dct.year
    if rel in ("next", "coming"):
        return nearest_month(dct, first_month, future=True)
    if rel in ("last", "past"):
        year = nearest_month(dct, first_month, future=False)
        return year - 1 if year == dct.year and dct.month < first_month + 3 else year
    return nearest_month(dct, first_month, context.tense(*match.span()) == "future")


@rule(
    rf"{_B}the\s(?P<half>first|second|last)\s(?:half|two\squarters)\sof\s(?:(?P<this>the\s"
    rf"year|this\syear)|(?P<lastyear>last\syear)|{_Y})",
    "unit-year",
    "unit-quarter",
    "year",
    flags=re.IGNORECASE,
)
def half_year(match: re.Match, context: _Context) -> Result:
    """ "the first half of 2019", "the last two quarters of the year" (TIMEX3 H1, H2)."""
    half = "H1" if match["half"].lower() == "first" else "H2"
    if match["year"]:
        return "DATE", f"{_year_number(match['year'].lower())}-{half}", ABSOLUTE
    base = context.quarter or context.dct_point()
    if base is None:
        return "DATE", f"XXXX-{half}", FROM_DCT
    year = base.year - (1 if match["lastyear"] else 0)
    return "DATE", f"{year}-{half}", FROM_TEXT if context.quarter else FROM_DCT


@rule(
    rf"{_B}(?:(?P<the>the|its|their)\s|(?P<yrel_before>last|this|next)\syear's\s)?"
    rf"(?:(?P<rel>last|next|this|past|previous|current|"
    rf"latest|fiscal|same)\s)?(?:(?P<pyear>(?:1[0-9]|20)\d\d)\s)?(?:fiscal[\s-])?{_ORD_Q}[\s-]"
    rf"(?:fiscal[\s-])?quarter(?:,?\s(?:of\s)?(?:(?:fiscal|calendar)\s)?(?:{_Y}|"
    rf"(?P<yrel>last|this|next)\syear))?{_E}",
    "unit-quarter",
    flags=re.IGNORECASE,
)
@rule(rf"{_B}Q(?P<qn>[1-4])(?:[\s-]{_Y})?{_E}", "numeric")
@rule(rf"{_B}{_Y}[\s-]Q(?P<qn>[1-4]){_E}", "year-q")
def quarter(match: re.Match, context: _Context) -> Result:
    number = int(_g(match, "qn") or ordinal_value(match["q"]))
    year = _g(match, "year") or _g(match, "pyear")
    if year:
        return "DATE", f"{_year_number(year.lower())}-Q{number}", ABSOLUTE
    if context.dct is None:
        return "DATE", f"XXXX-Q{number}", FROM_DCT
    dct = context.dct
    yrel = _lower(match, "yrel") or _lower(match, "yrel_before")  # "next year's first quarter"
    shift = {"last": -1, "next": 1}.get(yrel, 0)
    if _lower(match, "rel") == "last":
        shift = -1
    year = dct.year + shift
    if not shift and number > (dct.month - 1) // 3 + 1:
        if context.tense(*match.span()) != "future":
            year -= 1  # a past quarter later in the year than the DCT is last year's
    return "DATE", f"{year}-Q{number}", FROM_DCT


# The reporting periods of company results: "the quarter", "the year-ago period".


@rule(
    rf"{_B}(?:(?P<the>the|this|its)\s)(?:(?P<rel>latest|current|same|comparable|"
    rf"corresponding)\s)?(?:(?P<ago>year[\s-](?:ago|earlier))\s)?(?:(?:first|second|third|"
    rf"fourth|fiscal)\s)?(?P<what>quarter|period)(?:'s)?(?P<last>\s(?:a\syear\s(?:ago|earlier)|"
    rf"last\syear|of\slast\syear))?{_W}",
    "unit-quarter",
    flags=re.IGNORECASE,
)
@rule(rf"{_B}(?P<ago>year[\s-](?:ago|earlier)){_W}", "unit-year", flags=re.IGNORECASE)
@rule(
    rf"{_B}(?P<last>last\syear's)\s(?P<what>quarter|period){_W}",
    "unit-year",
    flags=re.IGNORECASE,
)
@rule(
    rf"{_B}the\s(?P<pyear>(?:1[0-9]|20)\d\d)\s(?P<what>quarter|period){_W}",
    "year",
    flags=re.IGNORECASE,
)
def reporting_period(match: re.Match, context: _Context) -> Result:
    """ "The quarter", "the year-ago period": the story's quarter (see _Context.quarter),
    or one counted from it; in a text with none, the DCT's, or the one a date ends."""
    if _g(match, "pyear"):  # "the 1988 period": the quarter in hand, in that year
        if context.quarter is None or context.year_to_date(match.start()):
            return "DATE", match["pyear"], ABSOLUTE
        return "DATE", f"{match['pyear']}-Q{context.quarter.quarter}", FROM_TEXT
    back = bool(_g(match, "ago") or _g(match, "last"))
    if _lower(match, "rel") == "current" and context.dct is not None:  # the DCT's, not the story's
        return _dated(Point(context.dct.year, quarter=(context.dct.month - 1) // 3 + 1), FROM_DCT)
    if context.quarter is not None:
        if back and context.year_to_date(match.start()):
            return "DATE", str(context.quarter.year - 1), FROM_TEXT
        point = add(context.quarter, -1, "Y") if back else context.quarter
        return _dated(point, FROM_TEXT)
    if context.dct is None:
        return "DATE", "XXXX-QX", FROM_DCT
    if _lower(match, "what") == "period" and not back:
        return None  # "the period" is a quarter only in a text about quarters
    ended = None if back else _QUARTER_ENDED.match(context.text, match.end())
    if ended:
        return _dated(_quarter_ending(context.dct, ended), FROM_DCT)
    dct_quarter = Point(context.dct.year, quarter=(context.dct.month - 1) // 3 + 1)
    if _lower(match, "rel") == "latest":
        dct_quarter = add(dct_quarter, -1, "Q")
    if back:
        return "DATE", str(context.dct.year - 1), FROM_DCT
    return _dated(dct_quarter, FROM_DCT)


# "The quarter ended July 31": a company's own quarter, from May to July.
_QUARTER_ENDED = re.compile(rf",?\s(?:ended|ending)\s{_M}\s{_D}(?:,\s{_Y})?{_E}")


def _quarter_ending(dct: date, ended: re.Match) -> Point | None:
    """The calendar quarter that holds most of the three months to a date: the quarter
    ended July 31 is 1989-Q2, the one ended Sept. 30 is 1989-Q3. Without its year, the
    date is the last such day by the DCT, as a quarter ended is over."""
    month, day = _month_number(ended["month"]), int(ended["day"])
    if ended["year"]:
        year = _year_number(ended["year"].lower())
    else:
        year = dct.year if (month, day) <= (dct.month, dct.day) else dct.year - 1
    middle = month - (1 if day >= 15 else 2)  # the middle of the three months
    if middle < 1:
        year, middle = year - 1, middle + 12
    return Point(year, quarter=(middle - 1) // 3 + 1)


@rule(
    rf"{_B}(?P<part>the\s(?:end|beginning|start|middle)\sof\s)?(?:the\s)?"
    rf"(?:(?P<rel>full|fiscal|current\sfiscal|current|latest\sfiscal|"
    rf"calendar|same)\s)?year(?![\w-])(?=(?P<ended>\s(?:ended|ending|to)\b)?)",
    "unit-year",
    flags=re.IGNORECASE,
)
@rule(rf"{_B}(?:around\s)?(?P<end>year[\s-]end|year's\send){_W}", "unit-year", flags=re.IGNORECASE)
def the_year(match: re.Match, context: _Context) -> Result:
    text = match.group(0).lower()
    if not (text.startswith("the") or _g(match, "end")):
        return None
    if context.lowered.startswith((" before ", " after "), match.end()):
        return None  # "the year before the war": the war's year is not said
    if _g(match, "ended"):
        # "The end of the year ended Sept. 30" is that day, which the text goes on to say.
        return None if _g(match, "part") else ("DURATION", "P1Y", ABSOLUTE)
    base = context.quarter or context.dct_point()
    if base is None:
        return "DATE", "XXXX", FROM_DCT
    year = base.year - (1 if "latest" in text else 0)
    anchor = FROM_TEXT if context.quarter else FROM_DCT
    if _g(match, "end"):
        if not context.quarter and context.tense(*match.span()) == "past":
            year -= 1  # "since year-end": the last one before the DCT
        # "Year-end", the accounts' closing day, is the 31st; "by year end" and "at year's
        # end" are the end of the year, as "the end of the year" is: not a known day.
        if "-" in match["end"]:
            return "DATE", f"{year}-12-31", anchor
    return "DATE", str(year), anchor


# Holidays of fixed or rule-given dates: "Thanksgiving Day", "last Christmas".


def _fourth_thursday_of_november(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _election_day(year: int) -> date:  # the Tuesday after the first Monday of November
    first = date(year, 11, 1)
    return first + timedelta(days=(0 - first.weekday()) % 7 + 1)


def _last_monday_of_may(year: int) -> date:  # Memorial Day
    last = date(year, 5, 31)
    return last - timedelta(days=last.weekday())


def _first_monday_of_september(year: int) -> date:  # Labor Day
    first = date(year, 9, 1)
    return first + timedelta(days=-first.weekday() % 7)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "thanksgiving": _fourth_thursday_of_november,
    "election day": _election_day,
    "easter": easter,  # Western Easter, as dateutil reckons it
    "easter sunday": easter,
    "easter monday": lambda year: easter(year) + timedelta(days=1),
    "good friday": lambda year: easter(year) - timedelta(days=2),
    # Holy Week runs up to Easter Sunday, the last day of its ISO week.
    "easter week": easter,
    "holy week": easter,
    "memorial day": _last_monday_of_may,
    "labor day": _first_monday_of_september,
    "christmas": lambda year: date(year, 12, 25),
    "christmas eve": lambda year: date(year, 12, 24),
    "new year's": lambda year: date(year, 1, 1),
    "new year's eve": lambda year: date(year, 12, 31),
    "independence day": lambda year: date(year, 7, 4),
}


# What a holiday names as a kind of thing, not a day: "Christmas cards", "Easter eggs".
_HOLIDAY_THINGS = re.compile(
    r"\s(?:cards?|trees?|gifts?|presents?|shopping|shoppers|carols?|lights|decorations|eggs|"
    r"greetings|markets?|songs?|music|movies?|films?|turkeys?|dinners)\b"
)


@rule(
    rf"{_B}(?:(?P<rel>last|next|this)\s)?(?P<name>Thanksgiving|Christmas(?:\sEve)?|"
    rf"New\sYear['’]s(?:\sEve)?|Election\sDay|Independence\sDay|Easter(?:\s(?:Sunday|Monday|"
    rf"[Ww]eek))?|Good\sFriday|Holy\s[Ww]eek|Memorial\sDay|Labor\sDay)(?:\sDay)?"
    rf"(?:,?\s{_Y}{_E}|(?![\w-]))",
    "holiday",
    "unit-year",  # "New Year's" has the trigger "Year"
)
def holiday(match: re.Match, context: _Context) -> Result:
    if not match["year"] and _HOLIDAY_THINGS.match(context.text, match.end()):
        return None  # "Christmas cards", "Easter eggs": things of any year's holiday
    name = " ".join(match["name"].lower().replace("’", "'").split())
    on = _HOLIDAYS[name]
    if match["year"]:  # "Christmas 1998"
        return _holiday(name, day_point(on(_year_number(match["year"].lower()))), ABSOLUTE)
    if context.dct is None:
        return None
    day = _holiday_near(context, match, [on(year) for year in _years_around(context.dct)])
    return None if day is None else _holiday(name, day_point(day), FROM_DCT)


def _holiday_near(context: _Context, match: re.Match, days: list[date]) -> date | None:
    """Of a holiday's days (in order) in the years around the DCT, the one "last", "next"
    or "this" names, else the likeliest by the tense (see ``_likeliest``)."""
    dct, rel = context.dct, _lower(match, "rel")
    if rel == "last":
        return max((d for d in days if d < dct), default=None)
    if rel == "next":
        return min((d for d in days if d > dct), default=None)
    if rel == "this":
        return next((d for d in days if d.year == dct.year), None)
    likeliest = _likeliest(context, match, [day_point(d) for d in days])
    return likeliest.as_date() if likeliest else None


def _holiday(name: str, day: Point | None, anchor: str) -> Result:
    """A holiday's day, or the ISO week of one that is a week ("Holy Week")."""
    if day is None:
        return None
    return "DATE", day.at("week") if name.endswith(" week") else str(day), anchor


# Dates of the Solar Hijri (Iranian) and Islamic calendars: "15 Farvardin 1398", "Mehr
# 1403", "1 Ramadan 1445 AH", "the Iranian year 1403", "last Ramadan", "Nowruz", "Eid
# al-Fitr". A month or year of theirs crosses Gregorian months, so its value is its first
# and last days, as an ISO 8601 interval ("2024-03-11/2024-04-09"). The Islamic calendar's
# months start a day apart from one country to the next, so its dates are approximate: a
# value ending in "~", which extract makes the mod APPROX. See hijri.py.

_SOLAR_MONTH = (
    r"(?P<month>Farvardin|Ordibehesht|Khordad|Tir|A?[Mm]ordad|Shahrivar|Mehr|Aban|Azar|De[yi]|"
    r"Bahman|Esfand|Espand|Isfand)"
)
_ISLAMIC_MONTH = (
    r"(?P<month>(?:Rabi|Jumada)['’]?[\s-](?:(?:al|ul|el)[\s-]?)?(?:Awwal|Ula|Thani|Akhirah?|"
    r"Akhir|II|I)|Dhu['’]?l?[\s-](?:(?:al|ul|el)[\s-]?)?(?:Qa['’]?dah|Qi['’]?dah|Hijjah?)|"
    r"Muharram|Safar|Rajab|Sha['’]?a?ban|Ramadh?an|Ramazan|Shawwal)"
)
_DAY_OF = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s(?:of\s)?"
_SOLAR_YEAR = r"(?P<year>1[2-4]\d\d)(?:\s(?:SH|S\.H\.|AP))?"
_ISLAMIC_YEAR = r"(?P<year>1[345]\d\d)(?:\s?(?:AH|A\.H\.))?"


@rule(rf"{_B}{_DAY_OF}{_SOLAR_MONTH},?\s{_SOLAR_YEAR}{_E}", "year")
@rule(rf"{_B}{_SOLAR_MONTH}\s(?P<day>[0-3]?\d),?\s{_SOLAR_YEAR}{_E}", "year")
@rule(rf"{_B}{_SOLAR_MONTH},?\s(?:of\s)?{_SOLAR_YEAR}{_E}", "year")
def solar_hijri(match: re.Match, context: _Context) -> Result:
    """ "15 Farvardin 1398" is 2019-04-04; "Mehr 1403" is 2024-09-22/2024-10-21."""
    year, month = int(match["year"]), SOLAR_MONTHS[month_key(match["month"])]
    if _g(match, "day"):
        return _calendar_day(solar_day(year, month, int(match["day"])), ABSOLUTE)
    return _calendar_days(solar_month(year, month), ABSOLUTE)


@rule(rf"{_B}{_DAY_OF}{_ISLAMIC_MONTH},?\s{_ISLAMIC_YEAR}{_E}", "year")
@rule(rf"{_B}{_ISLAMIC_MONTH}\s(?P<day>[0-3]?\d),?\s{_ISLAMIC_YEAR}{_E}", "year")
@rule(rf"{_B}{_ISLAMIC_MONTH},?\s(?:of\s)?{_ISLAMIC_YEAR}{_E}", "year")
def islamic(match: re.Match, context: _Context) -> Result:
    """ "1 Ramadan 1445" is about 2024-03-11; "Ramadan 1445" is 2024-03-11/2024-04-09."""
    year, month = int(match["year"]), ISLAMIC_MONTHS[month_key(match["month"])]
    if _g(match, "day"):
        return _calendar_day(islamic_day(year, month, int(match["day"])), ABSOLUTE, "~")
    return _calendar_days(islamic_month(year, month), ABSOLUTE, "~")


@rule(rf"{_B}(?P<year>1[0-5]\d\d)\s?(?P<era>AH|A\.H\.|SH|S\.H\.)(?!\w)", "year")
@rule(
    rf"{_B}the\s(?P<calendar>iranian|persian|solar\shijri|solar|shamsi|hijri|hejri|islamic|"
    rf"lunar)\s(?:calendar\s)?year\s(?P<year>1[0-5]\d\d){_E}",
    "year",
    flags=re.IGNORECASE,
)
def hijri_year(match: re.Match, context: _Context) -> Result:
    """ "1445 AH" (2023-07-19/2024-07-06), "the Iranian year 1403" (Nowruz to Nowruz)."""
    year = int(match["year"])
    era = (_g(match, "era") or "").upper()
    calendar_name = _lower(match, "calendar")
    if era.startswith("S") or calendar_name.startswith(("iranian", "persian", "solar", "sham")):
        return _calendar_days(solar_year(year), ABSOLUTE)
    return _calendar_days(islamic_year(year), ABSOLUTE, "~")


@rule(
    rf"{_B}(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s)?(?P<month>Ramadh?an|Ramazan|Muharram)"
    rf"(?![\w-]|,?\s(?:of\s)?1[345]\d\d)",
    "holiday",
)
def islamic_month_near(match: re.Match, context: _Context) -> Result:
    """ "During Ramadan", "last Ramadan": the month nearest the DCT by the words or the
    tense. Only after a word that makes it a time: "Taha Yassin Ramadan" is a name."""
    rel = _lower(match, "rel")
    if context.dct is None or not (rel or _after_time_word(context.text, match)):
        return None
    month = ISLAMIC_MONTHS[month_key(match["month"])]
    spans = [islamic_month(year, month) for year in islamic_years_around(context.dct)]
    span = _nearest_span(context, match, [span for span in spans if span], rel)
    return _calendar_days(span, FROM_DCT, "~")


def _nearest_span(
    context: _Context, match: re.Match, spans: list[tuple[date, date]], rel: str
) -> tuple[date, date] | None:
    """Of the spans a month names (in reading order), the one the words ("last", "next")
    or the tense say, else the nearest the DCT (0 days away if it holds the DCT)."""
    dct = context.dct
    if rel == "last":
        return next((s for s in reversed(spans) if s[1] < dct), None)
    if rel == "next":
        return next((s for s in spans if s[0] > dct), None)
    tense = None if rel else context.tense(*match.span())
    if tense == "future" or rel == "coming":
        return next((s for s in spans if s[1] >= dct), None)
    if tense == "past":
        return next((s for s in reversed(spans) if s[0] <= dct), None)
    return min(spans, key=lambda s: max((s[0] - dct).days, (dct - s[1]).days, 0), default=None)


def _calendar_day(day: date | None, anchor: str, approximate: str = "") -> Result:
    return None if day is None else ("DATE", day.isoformat() + approximate, anchor)


def _calendar_days(span: tuple[date, date] | None, anchor: str, approximate: str = "") -> Result:
    if span is None:
        return None
    return "DATE", f"{span[0].isoformat()}/{span[1].isoformat()}{approximate}", anchor


def _quds_days(year: int) -> list[date]:
    """Quds Day: the last Friday of Ramadan."""
    spans = (islamic_month(y, 9) for y in islamic_years_around(date(year, 7, 1)))
    fridays = (end - timedelta(days=(end.weekday() - 4) % 7) for _, end in filter(None, spans))
    return [day for day in fridays if day.year == year]


# Holidays of Iran's calendars, as the days they fall on in a Gregorian year, and whether
# those are approximate (of the Islamic calendar).
_HIJRI_HOLIDAYS: dict[str, tuple[Callable[[int], list[date]], bool]] = {
    "nowruz": (lambda year: [day] if (day := nowruz(year)) else [], False),
    "fitr": (lambda year: islamic_days_in(year, 10, 1), True),
    "adha": (lambda year: islamic_days_in(year, 12, 10), True),
    "ashura": (lambda year: islamic_days_in(year, 1, 10), True),
    "arba": (lambda year: islamic_days_in(year, 2, 20), True),  # Arbaeen, Arbaein
    "quds": (_quds_days, True),
}


@rule(
    rf"{_B}(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s)?(?:International\s|al-)?(?P<name>"
    rf"No[wu]r[ou]u?z|Newroz|Navruz|Eid\s(?:al|ul|el)[\s-]?(?:Fitr|Adha)|Ashura|Arbae[ei]n|"
    rf"Quds\sDay)(?:,?\s{_Y}{_E}|(?![\w-]))",
    "holiday",
)
def hijri_holiday(match: re.Match, context: _Context) -> Result:
    """Nowruz (the Iranian new year), Eid al-Fitr, Eid al-Adha, Ashura, Arbaeen, Quds Day:
    in the year given, else as other holidays are (see ``holiday``)."""
    if not match["year"] and _HOLIDAY_THINGS.match(context.text, match.end()):
        return None
    key = month_key(match["name"])
    name = next((name for name in _HIJRI_HOLIDAYS if name in key), "nowruz")
    days_in, approximate = _HIJRI_HOLIDAYS[name]
    approximate = "~" if approximate else ""
    if match["year"]:
        days = days_in(_year_number(match["year"].lower()))
        return _calendar_day(days[0], ABSOLUTE, approximate) if len(days) == 1 else None
    if context.dct is None:
        return None
    days = sorted(day for year in _years_around(context.dct) for day in days_in(year))
    return _calendar_day(_holiday_near(context, match, days), FROM_DCT, approximate)


# Days named relative to the DCT: "yesterday", "on Thursday", "Tuesday night".


# A capitalised word before a capitalised "Today" makes it a title: "VOA Today".
_TITLE_BEFORE = re.compile(r"\b[A-Z]\w*\s$")


@rule(
    rf"{_B}(?:(?P<mod>early|late|mid)[\s-]?(?P<modpart>morning|afternoon|evening)?\s)?"
    rf"(?P<word>yesterday|today|tomorrow|tonight|the\sday\sbefore\syesterday|"
    rf"the\sday\safter\stomorrow)(?:\s{_PART})?{_E}",
    "word",
    flags=re.IGNORECASE,
)
def deictic_day(match: re.Match, context: _Context) -> Result:
    word = " ".join(match["word"].lower().split())
    days = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}.get(
        word, -2 if "before" in word else 2
    )
    point = add(context.dct_point(), days, "D")
    if point is None or (
        _written(context, match, "word") == "Today"
        and _TITLE_BEFORE.search(context.text, max(0, match.start() - 20), match.start())
    ):
        return None  # "This is VOA Today", "USA Today": a title
    if word == "tomorrow" and context.lowered.endswith(" of ", 0, match.start()):
        return "DATE", "FUTURE_REF", FROM_DCT  # "the people of tomorrow": the age to come
    if word == "today" and not match["part"] and _present_today(context, match):
        return "DATE", "PRESENT_REF", FROM_DCT  # "today, the region is ...": the present
    part = _part_code(match["part"] or match["modpart"], word == "tonight")
    if part:
        return "TIME", f"{point}T{part}", FROM_DCT
    return _dated(point, FROM_DCT)


@rule(
    rf"(?:(?<=\btoday\sis\s)|(?<=\bit's\s)|(?<=\bit’s\s)|(?<=\bit\sis\s)|(?<=\bthis\sis\s))"
    rf"the\s{ORDINAL}\sday(?=\sof\b)",
    "unit-common",
    flags=re.IGNORECASE,
)
def day_of_a_run(match: re.Match, context: _Context) -> Result:
    """ "Today is the eighth day of the blockade", "it's the second day of an offensive":
    the day itself, in the present tense."""
    return _dated(context.dct_point(), FROM_DCT)


# "Today" that names the day itself: "today's session", "today is the third day", "from
# today through Nov. 17".
_TODAY_THE_DAY_AFTER = re.compile(r"['’]s\s|\s(?:is|was|marks)\s(?:the|a|an)\b", re.IGNORECASE)
_TODAY_THE_DAY_BEFORE = re.compile(r"\b(?:from|until|till|by|through)\s$", re.IGNORECASE)


def _present_today(context: _Context, match: re.Match) -> bool:
    """Whether "today" means the present rather than the day: always before a people or
    a world ("today's youth"); else never in a report of the day; elsewhere in a clause
    without a tense marker, unless its words make it the day."""
    text, (start, end) = context.text, match.span()
    if _TODAYS_ERA.match(context.lowered, end):
        return True
    if context.kind in DAY_REPORTS:
        return False
    if _TODAY_THE_DAY_AFTER.match(text, end) or _TODAY_THE_DAY_BEFORE.search(
        text, max(0, start - 9), start
    ):
        return False
    return _clause_tense(context, start, end) is None


# Where a clause ends, for "today" in a speech or an interview, which so often means the
# present: "its weapon was terror, and this remains the case today", "the equipment that is
# needed for Syria today". The tense of the clause before says nothing of it.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:()\"“”—–]|,\s(?:and|but|or|yet|so|while)\s|\s(?:that|which|who)\s"
)
_CLAUSE_REACH = 120  # characters either side of the date
# Clauses that name no day: a past that did not happen ("today we would have been fighting
# them") and a habit ("whenever someone invites us to go somewhere today").
_NO_DAY = re.compile(
    r"\b(?:(?:would|could|might|should)(?:\snot)?\shave|whenever|every\stime|always)\b"
)


def _clause_tense(context: _Context, start: int, end: int) -> str | None:
    """ "future", "past" or None: the tense marker nearest the date in its own clause."""
    lowered = context.lowered
    left = max(0, start - _CLAUSE_REACH)
    for found in _CLAUSE_BREAK.finditer(lowered, left, start):
        left = found.end()
    found = _CLAUSE_BREAK.search(lowered, end, end + _CLAUSE_REACH)
    right = found.start() if found else min(len(lowered), end + _CLAUSE_REACH)
    if _NO_DAY.search(lowered, left, right):
        return None
    markers = [
        marker
        for marker in context.markers(left, right)
        if not _no_tense(lowered, marker) and not start <= marker.start() < end
    ]
    if not markers:
        return None
    nearest = min(markers, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    return "future" if nearest["future"] else "past"


# What belongs to the present age, not to the day: "today's youth", "in today's world".
_TODAYS_ERA = re.compile(
    r"['’]s\s(?:[a-z-]+\s)?(?:world|youth|society|generations?|children|kids|young|"
    r"teenagers|students|parents|families|women|men|economy|technology|culture|standards|"
    r"dollars|computers|consumers|workers)\b"
)


def _part_code(part: str | None, night: bool = False) -> str | None:
    if night:
        return "NI"
    return {
        "morning": "MO",
        "afternoon": "AF",
        "evening": "EV",
        "night": "NI",
        "overnight": "NI",
    }.get((part or "").lower())


@rule(
    rf"{_B}(?:(?P<mod>[Ee]arly|[Ll]ate)\s)?(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|"
    rf"[Pp]revious|[Ff]ollowing)\s)?{_WD}(?:\s{_PART})?{_E}",
    "weekday",
)
@rule(rf"{_B}(?P<rel>last|this)\s{_PART}{_E}", "word", "unit-common", flags=re.IGNORECASE)
@rule(
    rf"{_B}(?P<mod>mid|early|late)[\s-]?(?P<part>morning|afternoon|evening){_E}",
    "word",
    flags=re.IGNORECASE,
)
def weekday(match: re.Match, context: _Context) -> Result:
    part = _part_code(match["part"])
    if _g(match, "weekday") is None:  # "last night", "this morning", "mid-afternoon"
        back = _lower(match, "rel") == "last" and match["part"].lower() == "night"
        return _dated(
            add(context.dct_point(), -1 if back else 0, "D"), FROM_DCT, "TIME", "T" + part
        )
    if _lower(match, "rel") in ("last", "next") and _OF_A_MONTH.match(context.text, match.end()):
        return None  # "the last Friday of Ramadan" is no day counted from the DCT
    if context.dct is None:
        return "DATE", "XXXX-XX-XX", FROM_DCT
    # "Tuesday night" is a time of its day ("...TNI"), by the guidelines and as TimeBank
    # gives its 4 cases. AQUAINT gives the bare day in 15 of its 26 (in 5 tagging only
    # "Tuesday"), so that this costs it values: the guidelines are what users read.
    if part is not None:
        return _dated(_weekday_date(context, match), FROM_DCT, "TIME", "T" + part)
    return _dated(_weekday_date(context, match), FROM_DCT)


_OF_A_MONTH = re.compile(r"\sof\s(?:the\s|this\s|that\s)?(?:holy\s)?(?:month|[A-Z])")


@rule(
    rf"{_B}overnight{_W}(?!\s(?:success|sensation|star|celebrity)\b)", "word", flags=re.IGNORECASE
)
def overnight(match: re.Match, context: _Context) -> Result:
    """ "Overnight, Israel struck Damascus", "overnight losses in New York": the night
    before the DCT, or the night of it said in the future tense ("will work overnight").
    Not a night of no date ("an overnight stay"), nor "suddenly" ("it did not happen
    overnight")."""
    before = context.lowered[max(0, match.start() - 25) : match.start()]
    if _NOT_A_NIGHT_BEFORE.search(before):
        return None
    ahead = context.tense(*match.span()) == "future"
    return _dated(add(context.dct_point(), 0 if ahead else -1, "D"), FROM_DCT, "TIME", "TNI")


_NOT_A_NIGHT_BEFORE = re.compile(
    r"(?:\ban?|(?:n't|\bnot|\bnever)\s(?:\w+\s)?\w+|\b(?:almost|virtually|seemingly|"
    r"practically|nearly|literally|happen|happens|"
    r"happened|change|changes|changed|vanish|vanished|disappear|disappeared|become|"
    r"became|turn|turned|transform|transformed)),?\s$"
)


# A weekday that ends a wait is ahead: "postponed until Tuesday morning", "ahead of
# Sunday's vote". Not so "Until Thursday, they had not called", opening a sentence about
# the past.
_DEADLINE = re.compile(r"\b(?:until|till|ahead\sof)\s$")


_JOINED = re.compile(r"(?P<range>\s(?:to|through|until)\s|\s?[–—-]\s?)|\s(?:and|or)\s|,\s")
_WEEKDAY_BEFORE = re.compile(rf"{_WD}$")


def _weekday_date(context: _Context, match: re.Match) -> Point | None:
    """The day a weekday names: the nearest one before or after the DCT, as the words or
    the tense say. "Last Monday" and "next Monday" said on a Monday are a week away; "the
    previous Friday" and "the following Friday" count from the last date stated."""
    rel = _lower(match, "rel")
    start = match.start()
    target = WEEKDAYS[match["weekday"].lower()]
    ref, text = context.ref, context.text
    joined = _JOINED.fullmatch(text, context.ref_end, start) if ref is not None else None
    if (
        joined
        and not rel
        and ref.day
        and _WEEKDAY_BEFORE.search(text, max(0, context.ref_end - 9), context.ref_end)
    ):
        # The second of two weekdays joined: "Monday to Friday" runs on from the first;
        # "Thursday and Friday", "Friday and Thursday" lie on the same side of the DCT.
        if joined["range"]:
            return add(ref, (target - ref.as_date().weekday() - 1) % 7 + 1, "D")
        day = nearest_weekday(context.dct, target, ref.as_date() > context.dct)
        return None if day is None else day_point(day)
    base = context.dct
    if rel in ("previous", "following") and context.ref is not None and context.ref.day:
        base = context.ref.as_date()
    strict = rel in ("next", "last", "past", "previous", "following")
    if not strict and target == base.weekday():
        return day_point(base)  # the DCT's own weekday is its day, in any tense
    future = rel in ("next", "coming", "following") or (
        rel not in ("last", "past", "previous")
        and not _done_that_day(context, match)
        and (
            _DEADLINE.search(context.text, max(0, start - 9), start) is not None
            or _ahead_by_tense(context, match)
        )
    )
    day = nearest_weekday(base, target, future, strict=strict)
    return None if day is None else day_point(day)


def _ahead_by_tense(context: _Context, match: re.Match) -> bool:
    """Whether the sentence's tense puts a weekday ahead; with no tense, whether the day
    the sentence stated before it is in the days ahead ("a funeral is planned for
    Thursday, followed by burials on Friday")."""
    tense = context.tense(*match.span())
    if tense is not None:
        return tense == "future"
    ref, start = context.ref, match.start()
    if ref is None or not ref.day or context.text.find("\n", context.ref_end, start) >= 0:
        return False
    if _sentence_start(context.lowered, context.ref_end, start) >= 0:
        return False
    return 0 < (ref.as_date() - context.dct).days <= 7


def _done_that_day(context: _Context, match: re.Match) -> bool:
    """Whether the weekday's is a thing done, to be answered in any tense: "will appeal
    Wednesday's ruling", "Iran will retaliate for Monday's strike"; unless still awaited
    ("ahead of Wednesday's ruling", "waiting for Wednesday's ruling")."""
    start = match.start()
    return (
        _DONE_THING.match(context.text, match.end()) is not None
        and _AWAITED.search(context.lowered, max(0, start - 14), start) is None
    )


_DONE_THING = re.compile(
    r"['’]s\s(?:[\w-]+\s)?(?:ruling|decision|verdict|announcement|statement|remarks|comments|"
    r"declaration|attacks?|strikes?|bombings?|killings?|shootings?|blasts?|explosions?|raids?|"
    r"assassination|incident|massacre|crash|clashes|shelling|assault|coup|arrests?|death|"
    r"murder|results|close|closing)\b"
)
_AWAITED = re.compile(
    r"\b(?:ahead\sof|before|awaiting|awaits?|wait(?:s|ing)?\sfor|until|till|pending)\s$"
)


@rule(
    rf"{_B}(?P<weekday>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays|"
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\snights){_E}",
    "weekdays",
)
def weekdays(match: re.Match, context: _Context) -> Result:
    name = match["weekday"].split()[0].rstrip("s").lower()
    night = "TNI" if " " in match["weekday"] else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[name] + 1}{night}", ABSOLUTE


# The same time in another zone, then the day: "10:35 a.m. (0735 GMT) Friday", "6 a.m.
# local time (0300 GMT) on Thursday".
_ASIDE_THEN_DAY = re.compile(rf"(?:\slocal\stime)?(?:\s\([^)\n]{{1,20}}\))?,?\s(?:on\s)?{_WD}\b")
_ASIDE_WITH_DAY = re.compile(rf"\s\([^)\n]{{0,20}}?\b{_WD}\)")


@rule(
    rf"{_B}{_CLOCK}(?:,?\s(?:on\s)?(?:{_WD}|(?P<word>yesterday|today|tomorrow)|{_M}\s{_D}))?"
    rf"{_E}",
    "clock",
)
def clock(match: re.Match, context: _Context) -> Result:
    if match["named"]:
        hour, minute = (24 if match["named"].lower() == "midnight" else 12), 0
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour > 12:
            return None
        hour = hour % 12 + (12 if match["meridiem"].lower().startswith("p") else 0)
    return _time_of_day(context, match, hour, minute)


@rule(
    rf"{_B}(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?P<tz>\s?(?:GMT|UTC)\b|"
    rf"\s(?:local|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\stime\b)?"
    rf"(?:,?\s(?:on\s)?(?:{_WD}|(?P<word>yesterday|today|tomorrow)|{_M}\s{_D}))?{_E}",
    "clock",
)
def clock_24h(match: re.Match, context: _Context) -> Result:
    """A time on the 24-hour clock: "14:32 GMT", "09:05 local time", "at 15:00". Without a
    zone, only after a preposition of time or opening a line (a live blog's entry): "won
    2:15" is no time, nor "Genesis 3:16"."""
    start, text = match.start(), context.text
    opens_line = not text[text.rfind("\n", 0, start) + 1 : start].strip()
    if not (
        match["tz"] or opens_line or _CLOCK_BEFORE.search(context.lowered, max(0, start - 9), start)
    ):
        return None
    return _time_of_day(context, match, int(match["hour"]), int(match["minute"]))


_CLOCK_BEFORE = re.compile(r"\b(?:at|by|until|till|from|since|around|about|after|before|to)\s$")


# An hour in words: "ten o'clock", "at 4 in the morning", "by eleven at night". Without
# "o'clock" only after a preposition of time: "one in the morning paper" is no time.
_HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
_HOUR = rf"(?P<hour>1[0-2]|0?[1-9]|{'|'.join(_HOUR_WORDS)})"
_PART_OF_DAY = r"in\sthe\s(?P<part>morning|afternoon|evening)|at\s(?P<night>night)"
_ON_A_DAY = rf"(?:,?\s(?:on\s)?(?:{_WD}|(?P<word>yesterday|today|tomorrow)|{_M}\s{_D}))?{_E}"


@rule(
    rf"{_B}{_HOUR}\so['’]clock(?:\s(?:{_PART_OF_DAY}))?{_ON_A_DAY}", "o'clock", flags=re.IGNORECASE
)
@rule(
    rf"{_B}(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\baround\s)|"
    rf"(?<=\babout\s)|(?<=\bafter\s)|(?<=\bbefore\s)|(?<=\bfrom\s)|(?<=\bsince\s))"
    rf"{_HOUR}\s(?:{_PART_OF_DAY}){_ON_A_DAY}",
    "word",  # "morning", "afternoon", "evening"
    "unit-common",  # "night"
    flags=re.IGNORECASE,
)
def hour_of_day(match: re.Match, context: _Context) -> Result:
    """ "Ten o'clock" is 10:00, as said; "4 in the morning" 04:00, "eleven at night" 23:00."""
    hour = match["hour"].lower()
    hour = int(hour) if hour.isdigit() else _HOUR_WORDS.index(hour) + 1
    if match["part"] or match["night"]:
        later = match["part"] in ("afternoon", "evening") or (match["night"] and hour >= 6)
        hour = hour % 12 + (12 if later else 0)
    return _time_of_day(context, match, hour, 0, half_said=bool(match["part"] or match["night"]))


# The part of the day a time is said in, just after it or just before it: "10 o'clock local
# time last night", "tonight at 9".
_PART_SAID_AFTER = re.compile(
    r"(?:\slocal\stime|\s[A-Z]{3})?,?\s(?P<part>last\snight|tonight|this\s(?:morning|afternoon|"
    r"evening))\b",
    re.IGNORECASE,
)
_PART_SAID_BEFORE = re.compile(
    r"\b(?P<part>last\snight|tonight|this\s(?:morning|afternoon|evening))\s(?:at\s)?$",
    re.IGNORECASE,
)
_EARLY_HOURS = 5  # "2 a.m. last night" is early on the DCT's day, not on the day before


def _time_of_day(
    context: _Context, match: re.Match, hour: int, minute: int, half_said: bool = True
) -> Result:
    """The time on the day it is said of: a weekday, day or "yesterday" after it, "last
    night" or "this morning" beside it, else the last day the paragraph stated, else the
    DCT. An hour said without its half takes the half of "tonight" or "this afternoon"."""
    said = _PART_SAID_AFTER.match(context.text, match.end()) or _PART_SAID_BEFORE.search(
        context.text, max(0, match.start() - 20), match.start()
    )
    if said and not (match["weekday"] or match["word"] or match["month"]) and context.dct:
        part = said["part"].lower()
        if not half_said and hour < 12 and (part != "this morning") and hour >= _EARLY_HOURS:
            hour += 12
        back = part.startswith("last") and hour >= _EARLY_HOURS
        point = add(context.dct_point(), -1 if back else 0, "D")
        return "TIME", f"{point}T{hour:02d}:{minute:02d}", FROM_DCT
    point, _anchor = context.reference()
    if point is None or point.day is None or "\n" in context.text[context.ref_end : match.start()]:
        point = context.dct_point()  # a day stated in another paragraph is not this time's
    # The time restated in an aside with its weekday: "10:35 a.m. (0735 GMT) Friday", "4 in
    # the morning (4 a.m. EDT Thursday)".
    text, end = context.text, match.end()
    later_day = _ASIDE_THEN_DAY.match(text, end) or _ASIDE_WITH_DAY.match(text, end)
    if match["weekday"] and context.dct:
        point = _weekday_date(context, match)
    elif later_day and context.dct:
        point = _weekday_date(context, later_day)
    elif match["word"]:
        point = add(point, {"yesterday": -1, "today": 0, "tomorrow": 1}[match["word"].lower()], "D")
    elif match["month"] and context.dct:
        point, _anchor = _day_without_year(
            context, match, _month_number(match["month"]), int(match["day"])
        )
    if point is None:
        return "TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}", FROM_DCT
    return "TIME", f"{point}T{hour:02d}:{minute:02d}", FROM_DCT


# Calendar periods relative to the DCT: "last week", "this year", "earlier this month".

_REL_STEP = {
    "last": -1,
    "previous": -1,
    "prior": -1,
    "past": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
}


@rule(
    rf"{_B}(?:(?P<pre>earlier|later)\s)?(?:(?P<the>the)\s)?(?P<rel>last|next|this|coming|"
    rf"past|previous|current|same|latest|following|prior)\s(?P<unit>week|weekend|month|"
    rf"year|quarter|decade|century)(?![\w-])(?!'s\s(?:first|second|third|fourth))",
    "unit",
    flags=re.IGNORECASE,
)
@rule(
    rf"{_B}{_MOD}[\s-](?:the\s)?(?P<rel>last|next|this|current)\s"
    rf"(?P<unit>week|month|year|decade){_E}",
    "unit-common",
    "unit-year",
    flags=re.IGNORECASE,
)
@rule(
    rf"{_B}(?:(?P<the>the)|(?P<rel>this|last|next))\s(?P<unit>weekend){_E}",
    "unit-common",
    flags=re.IGNORECASE,
)
def relative_period(match: re.Match, context: _Context) -> Result:
    rel, unit = _lower(match, "rel"), match["unit"].lower()
    if (
        _written(context, match)[0].isupper()
        and _written(context, match, "unit")[0].isupper()
        and match.start() > 0
    ):
        if context.text[match.start() - 2] not in ".\n":
            return None  # "This Week", a title
    if _g(match, "the") and rel in ("past", "last", "next", "coming"):
        # "the past year" and "the next month" are durations, not calendar periods.
        return "DURATION", duration(1, unit), ABSOLUTE
    if unit == "weekend":
        return _weekend(context, match, rel)
    if unit == "quarter" and context.quarter:  # counted from the story's quarter
        if rel in ("previous", "prior", "following"):
            return _dated(add(context.quarter, _REL_STEP[rel], "Q"), FROM_TEXT)
        if rel in ("this", "latest", "same"):
            return _dated(context.quarter, FROM_TEXT)
    if unit == "quarter" and rel == "latest" and context.dct:  # the last quarter reported on
        return _dated(
            add(Point(context.dct.year, quarter=(context.dct.month + 2) // 3), -1, "Q"), FROM_DCT
        )
    if unit == "decade" and rel in ("same", "following", "previous", "prior"):
        if context.decade and context.decade[1] > context.ref_end:
            # "the 1990s ... the following decade": counted from the decade last stated
            return "DATE", f"{context.decade[0] + _REL_STEP.get(rel, 0):03d}", FROM_TEXT
    if rel in ("same", "following", "previous", "prior"):
        base, anchor = context.reference()
    else:
        base, anchor = context.dct_point(), FROM_DCT
    if base is None:
        return "DATE", _unknown(unit), FROM_DCT
    return "DATE", _period(base, unit, _REL_STEP.get(rel, 0)), anchor


def _weekend(context: _Context, match: re.Match, rel: str) -> Result:
    if context.dct is None:
        return "DATE", "XXXX-WXX-WE", FROM_DCT
    future = rel in ("next", "coming") or (
        rel != "last" and context.tense(*match.span()) == "future"
    )
    saturday = nearest_weekday(context.dct, 5, future, strict=rel == "next")
    if saturday is None:
        return None
    year, week, _ = saturday.isocalendar()
    return "DATE", f"{year}-W{week:02d}-WE", FROM_DCT


def _unknown(unit: str) -> str:
    return {
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "decade": "XXX",
        "century": "XX",
    }.get(unit, "XXXX")


def _period(base: Point, unit: str, step: int) -> str:
    if unit == "week":
        moved = week_of(add(base, 7 * step, "D"))
        return f"{moved[0]}-W{moved[1]:02d}" if moved else _unknown(unit)
    if unit == "month":
        moved = add(base.truncate("month"), step, "M")
        return str(moved) if moved else _unknown(unit)
    if unit == "quarter":
        moved = add(base, 3 * step, "M")
        return moved.at("quarter") if moved else _unknown(unit)
    if unit == "decade":
        return f"{base.year // 10 + step:03d}"
    if unit == "century":
        return f"{base.year // 100 + step:02d}"
    return f"{base.year + step:04d}"


# Amounts of time: "two years", "six-year", "the past two years", "four-and-a-half years",
# "two years ago", "a day later".

_APPROX = (
    r"(?:about|around|almost|nearly|over|more\sthan|less\sthan|at\sleast|some|roughly|"
    r"up\sto|just|only|barely|another|an\sadditional)"
)


@rule(
    rf"{_B}(?P<lead>(?:the|its|their|his|her|these|those)\s|an?\s(?![\w.]+-\w))?(?:(?P<rel>past|last|next|"
    rf"first|coming|previous|final|following|recent|latest|initial|remaining|year-earlier|"
    rf"year-ago|comparable)\s)?(?:(?P<approx>{_APPROX})\s)?(?P<n>{NUMBER})(?:\s(?:more|additional|full|straight|"
    rf"consecutive|trading|business|working|calendar))?[\s-]+{UNIT}(?P<half>\sand\sa\shalf)?(?P<orso>\sor\sso)?"
    rf"(?P<dir>\s(?:ago|earlier|later|from\snow|hence|(?:before|after)\s(?:that|then))\b)?"
    rf"(?![\w-]*-old|\sold\b)(?![\w-])",
    "unit",
    flags=re.IGNORECASE,
)
def amount_of_time(match: re.Match, context: _Context) -> Result:
    number = amount(match["n"])
    if number is not None and match["half"]:
        number += 0.5
    unit = match["unit"].lower()
    unit = "century" if unit == "centuries" else unit.removesuffix("s")
    if unit == "quarter" and (
        re.search(r"three[\s-]quarters", match.group(0), re.IGNORECASE)
        or (number == 1 and _FRACTION_OF.match(context.text, match.end()))
        or (number == 1 and not match["dir"] and context.lowered.endswith("by ", 0, match.start()))
    ):
        return None  # a fraction, not a time: "a quarter of a point", "fell by about a quarter"
    direction = _lower(match, "dir").strip()
    if direction:
        return _distance(context, number, unit, direction, match.start())
    hyphenated = "-" in match.string[match.end("n") : match.start("unit")]  # "a one-day trip"
    if number is None and not (hyphenated or match["unit"].lower().endswith("s")):
        # A vague amount of one unit is no amount ("several-year" is): "some day" is a
        # time to come.
        return _some_day(context, match) if match.group(0).lower() == "some day" else None
    if _lower(match, "n") in ("a", "an", "one") and not (
        match["lead"] or match["rel"] or hyphenated
    ):
        if _per(context.text, match.start()):
            return "SET", duration(1, unit), ABSOLUTE  # a rate: "$5 million a year"
        if unit in ("day", "second") and not _duration_context(context.text, match.start()):
            return _some_day(context, match) if unit == "day" else None
        if unit == "second" and _ORDINAL_SECOND.match(context.text, match.end()):
            return None  # "for a second day": the ordinal
    if hyphenated and match["lead"] and not (match["rel"] or match["approx"]):
        # "the eight-year war": the length is the adjective's, not the noun phrase's.
        return [(match.start("n"), match.end(), "DURATION", duration(number, unit), ABSOLUTE)]
    return "DURATION", duration(number, unit), ABSOLUTE


# "A year and some months", "two days and six hours": units in falling order, no weeks.
_COMPOUND_UNITS = ("year", "month", "day", "hour", "minute", "second")
_COMPOUND_UNIT = r"(?:years?|months?|days?|hours?|minutes?|seconds?)"


@rule(
    rf"{_B}(?P<n>{NUMBER})[\s-](?P<unit>{_COMPOUND_UNIT}),?\sand\s(?P<n2>{NUMBER})\s"
    rf"(?P<unit2>{_COMPOUND_UNIT})(?![\w-])",
    "unit-and",
    flags=re.IGNORECASE,
)
def compound_amount(match: re.Match, context: _Context) -> Result:
    first, second = (match[group].lower().removesuffix("s") for group in ("unit", "unit2"))
    numbers = amount(match["n"]), amount(match["n2"])
    head, tail = duration(numbers[0], first), duration(numbers[1], second)
    whole = all(number is None or number == int(number) for number in numbers)
    if not whole or _COMPOUND_UNITS.index(first) >= _COMPOUND_UNITS.index(second):
        # Two amounts, not one: "two months and three years".
        return [
            (match.start(), match.end("unit"), "DURATION", head, ABSOLUTE),
            (match.start("n2"), match.end(), "DURATION", tail, ABSOLUTE),
        ]
    time_part = tail.startswith("PT")
    tail = tail.removeprefix("PT" if time_part else "P")
    return "DURATION", head + ("T" if time_part and "T" not in head else "") + tail, ABSOLUTE


# "Of" after "a quarter" makes it a fraction, unless of a time: "a quarter of a century".
_FRACTION_OF = re.compile(
    r"\sof\s(?!(?:a\s|an\s|the\s)?(?:century|decade|year|month|hour|day|week|\d))", re.IGNORECASE
)


_ORDINAL_SECOND = re.compile(
    r"\s(?:day|week|month|year|time|term|round|night|straight|consecutive|successive|"
    r"attempt|wave|phase|stage)\b",
    re.IGNORECASE,
)


def _per(text: str, start: int) -> bool:
    """Whether "a year" after an amount is a rate: "$5 million a year", "four flights a
    week"; not after a preposition ("ten people died in a week")."""
    before = text[max(0, start - 30) : start].lower()
    return _RATE_BEFORE.search(before) is not None and not _TIME_PREPOSITION.search(before)


_RATE_BEFORE = re.compile(
    r"(?:\d|million|billion|percent|%|times|once|twice|dollars|cents|\b(?:two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\s)[\w\s]{0,20}$"
)
_TIME_PREPOSITION = re.compile(r"\b(?:in|for|within|over|after|than|during|under|about)\s$")


def _some_day(context: _Context, match: re.Match) -> Result:
    """ "One day" or "some day" with no duration about it is a vague time ("will one day
    be", a story's "One day, everyone was sitting..."), or none ("One day a movement is in
    power"). "A day" is none ("it was a day of anger"), and so is a day counted from an
    event ("a day after rebels entered Damascus", whatever the sentence's tense)."""
    n = _lower(match, "n")
    if n not in ("one", "some") or _FROM_AN_EVENT.match(context.text, match.end()):
        return None
    tense = context.tense(*match.span())
    if tense == "future":
        return "DATE", "FUTURE_REF", FROM_DCT
    if tense == "past" and n == "one" and _sentence_initial(context, match):
        return "DATE", "PAST_REF", FROM_DCT
    return None


_FROM_AN_EVENT = re.compile(r"\s(?:after|before)\b", re.IGNORECASE)


def _duration_context(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start].lower()
    return bool(_DURATION_BEFORE.search(before))


# Before "a day" or "one day" that is an amount of time: "for a day", "followed by one
# day", "had only been in the job one day".
_DURATION_BEFORE = re.compile(
    r"(?:\b(?:for|in|over|within|take|took|takes|taking|lasted|after|than|last|spent|spend|"
    r"spending|every|each|"
    r"per|by)|\bbeen\b[\w\s]{0,20})\s$"
)


_GRANULARITIES = ("century", "decade", "year", "quarter", "month", "week", "day")


def _finer(granularity: str, unit: str) -> str:
    unit = {
        "hour": "day",
        "minute": "day",
        "second": "day",
        "night": "day",
        "fortnight": "week",
        "weekend": "week",
    }.get(unit, unit)
    if unit not in _GRANULARITIES:
        return granularity
    return max(granularity, unit, key=_GRANULARITIES.index)


def _distance(
    context: _Context, number: float | None, unit: str, direction: str, start: int
) -> Result:
    """ "two years ago" from the DCT; "a day later" from the last date stated."""
    sign = -1 if direction in ("ago", "earlier", "before that", "before then") else 1
    if number is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", FROM_DCT
    if unit == "year" and number == 1 and context.quarter is not None:
        if context.year_to_date(start):
            return "DATE", str(context.quarter.year - 1), FROM_TEXT
        base, anchor, granularity = context.quarter, FROM_TEXT, "quarter"
    elif direction in ("ago", "from now", "hence"):
        # "A decade ago" is ten years back, like "ten years ago": not the decade before
        # ("198" from 1999 would be all of the 1980s, and no year to date an event by).
        base, anchor = context.dct_point(), FROM_DCT
        granularity = "year" if unit == "decade" else unit
    else:  # "two weeks later" than a stated day is a day; "two years later", a year
        base, anchor = context.reference()
        granularity = unit
        if base is not None and unit not in _COARSE_UNITS:
            granularity = _finer(base.granularity, unit)
    if base is None:
        return "DATE", _unknown(unit), anchor
    years = number * {"year": 1, "decade": 10, "century": 100}.get(unit, 0)
    if not MINYEAR <= base.year + sign * years <= MAXYEAR:  # "2,000 years ago": before year 1
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor
    point = add(base, sign * number, DURATION_UNITS.get(unit, "D"))
    if point is None:
        return None
    level = {
        "hour": "day",
        "minute": "day",
        "second": "day",
        "night": "day",
        "fortnight": "week",
        "weekend": "week",
    }.get(granularity, granularity)
    return "DATE", point.at(level), anchor


# Counted in these from a stated day, the day itself is not meant: "Russia intervened on
# 30 September 2015; two years later, ..." is 2017, not 30 September 2017.
_COARSE_UNITS = ("month", "quarter", "year", "decade", "century")


# Units of time in the plural. Two of them are one span, of the first unit at least:
# "within weeks or months", "in recent weeks and months".
_UNITS = "seconds|minutes|hours|days|weeks|months|years|quarters|decades|centuries"


@rule(
    rf"{_B}(?P<lead>(?:the\s)?(?:past|last|next|coming|recent|following|early|first|"
    rf"final)\s)?(?:(?P<q>several|many|few|some|a\sfew|a\scouple\sof|recent|coming)\s)?"
    rf"(?P<unit>{_UNITS})(?:\s(?:or|to|and)\s(?:{_UNITS}))?"
    rf"(?P<dir>\sago|\searlier|\slater)?(?![\w-])",
    "unit",
    flags=re.IGNORECASE,
)
def unspecified_amount(match: re.Match, context: _Context) -> Result:
    unit = match["unit"].lower()
    singular = "century" if unit == "centuries" else unit[:-1]
    lead, quantity = _lower(match, "lead").strip(), _lower(match, "q")
    if match["dir"]:
        past = match["dir"].strip().lower() in ("ago", "earlier")
        return "DATE", "PAST_REF" if past else "FUTURE_REF", FROM_DCT
    if lead == "coming" or quantity == "coming":
        return "DATE", "FUTURE_REF", FROM_DCT
    if unit == "hours" and (
        lead.endswith("early")
        or _SMALL.search(context.lowered, max(0, match.start() - 6), match.start())
    ):
        return None  # "the early hours", "the small hours" (of Sunday): a time, not a length
    if not (lead or quantity or _duration_context(context.text, match.start())):
        if not context.text.startswith(" of ", match.end()):  # "months of drought"
            return None
    return "DURATION", duration(None, singular), ABSOLUTE


_SMALL = re.compile(r"\b(?:small|wee)\s$")


@rule(rf"{_B}(?:the\s)?(?:past|last|next|coming)\sfortnight{_W}", "unit", flags=re.IGNORECASE)
def fortnight(match: re.Match, context: _Context) -> Result:
    """ "The past fortnight": two weeks, as "the past two weeks" is."""
    return "DURATION", "P2W", ABSOLUTE


@rule(rf"{_B}{UNIT}-long{_W}", "unit-long", flags=re.IGNORECASE)
def lasting(match: re.Match, context: _Context) -> Result:
    """ "A day-long meeting" lasts a day, "a decades-long battle" some decades."""
    unit = match["unit"].lower()
    singular = "century" if unit == "centuries" else unit.removesuffix("s")
    return "DURATION", duration(1 if singular == unit else None, singular), ABSOLUTE


_ANAPHORIC_STEP = {
    "next": 1,
    "following": 1,
    "after": 1,
    "later": 1,
    "previous": -1,
    "before": -1,
    "earlier": -1,
}


@rule(
    rf"{_B}(?:(?P<pre>earlier|later)\s)?(?:the\s(?P<rel>next|following|previous|same)\s"
    rf"(?P<unit>day|morning|evening|night|week|month|quarter|year)|"
    rf"that\s(?P<same>(?:very\s)?same\s)?(?P<unit2>day|week|month|quarter|year|morning|"
    rf"evening|night)|the\sday\s(?P<dir>before|after)|"
    rf"the\s(?P<unit3>week|month|year)\s(?P<dir3>before|after|earlier|later)(?=[.,;:!?)]))"
    rf"(?![\w-])",
    "unit-common",
    "unit-year",
    "unit-quarter",
    "word",
    flags=re.IGNORECASE,
)
def anaphoric(match: re.Match, context: _Context) -> Result:
    """ "The next day", "that week", "the year before": a period counted from the date the
    text last stated."""
    if _TITLE_CASE.match(_written(context, match)):
        return None  # a title: "The Day After Assad: What Iran Lost"
    base, anchor = context.reference()
    if base is None:
        return None
    rel = _lower(match, "rel") or _lower(match, "dir") or _lower(match, "dir3") or "same"
    unit = (match["unit"] or match["unit2"] or match["unit3"] or "day").lower()
    step = _ANAPHORIC_STEP.get(rel, 0)
    if unit in ("morning", "evening", "night"):
        return _dated(add(base, step, "D"), anchor, "TIME", "T" + _part_code(unit))
    if unit == "day" and not base.day:
        said_same = match["same"] or _lower(match, "rel") == "same"
        if said_same and base.month and not match["pre"]:
            # "That same day" after "last October": a day of that month, which is unsaid.
            return "DATE", f"{base}-XX", anchor
        if _g(match, "unit2") and context.tense(*match.span()) == "past":
            return "DATE", "PAST_REF", FROM_DCT  # "I gave a speech that day": which, unsaid
        return None
    if unit == "day" and match["dir"] and _day_of_event(context, match):
        return [(match.start(), match.start("dir") - 1, "DATE", str(base), anchor)]
    if unit == "day":
        return _dated(add(base, step, "D"), anchor)
    if unit == "quarter" and context.quarter:
        return _dated(add(context.quarter, step, "Q"), FROM_TEXT)
    return "DATE", _period(base, unit, step), anchor


# Words after the first capitalised, as in a title ("The Day After", "That Day").
_TITLE_CASE = re.compile(r"\S+(?:\s[A-Z]\S*)+$")


def _day_of_event(context: _Context, match: re.Match) -> bool:
    """Whether "the day" of "the day before" is the date last stated, "before" opening the
    event it precedes: said of that date ("Oct. 12, the day before the stock market
    plunge"), or before a clause ("later in the day before returning home")."""
    text, end = context.text, match.end()
    if _GERUND_AFTER.match(text, end):
        return True
    return (
        context.ref_end == match.start() - 2
        and text.startswith(", ", context.ref_end)
        and _WORD_AFTER.match(text, end) is not None
    )


_GERUND_AFTER = re.compile(r"\s(?!(?:some|no|any|every)thing\b|spring\b|during\b)[a-z]{2,}ing\b")
_WORD_AFTER = re.compile(r"\s[A-Za-z]")


# Vague references and sets.

_VAGUE = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "lately": "PAST_REF",
    "recent": "PAST_REF",  # "the recent offensive", an event of the recent past
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "those days": "PAST_REF",
    "the time": "PAST_REF",  # "at the time"
    "that time": "PAST_REF",
}


@rule(
    r"(?<![\w-])(?:right\snow|now|currently|current|nowadays|these\sdays|at\spresent|the\s"
    r"present|at\sthe\smoment|(?:more\s)?recently|the\s(?:near\s|distant\s)?future|the\spast|"
    r"lately|recent|as\ssoon\sas\spossible|(?<!\bas\s)(?<!\bso\s)(?<!\btoo\s)(?<!\bhow\s)soon|"
    r"the\s(?:near|short)\sterm|those\sdays|"
    r"(?<=\bat\s)(?:the|that)\stime(?!\sof\b)|"
    r"(?:a\s(?:little\s|short\s|long\s)?while|some\stime|a\s(?:long\s|short\s)?time|"
    r"(?:not\s(?:so\s|that\s|too\s)?)?long)\sago)(?![\w-])",
    "word",
    "unit-common",  # "these days"
    "time",
    flags=re.IGNORECASE,
)
def vague(match: re.Match, context: _Context) -> Result:
    words = " ".join(match.group(0).lower().split())
    after = context.text[match.end() : match.end() + 12].lower()
    if words == "the past" and re.match(
        r"\s(?:few|several|\d|two|three|four|five|six|seven|"
        r"eight|nine|ten|year|month|week|decade|day)",
        after,
    ):
        return None
    if words == "now" and _sentence_initial(context, match) and re.match(r",|\sfor\b", after):
        return None  # "Now, ..." opening a point
    if words == "current" and re.match(r"\s(?:account|events|affairs|law|system|crisis)", after):
        return None
    if words == "the future" and after.startswith(" of"):
        return None
    if words == "soon" and (
        _NOT_SOON_AFTER.match(after) or _clause_tense(context, *match.span()) == "past"
    ):
        return None  # "soon after the war", "as soon as", "it soon became": no time of its own
    if words.endswith(" ago"):
        return "DATE", "PAST_REF", FROM_DCT  # "a while ago", "not long ago": when, unsaid
    if words in ("the time", "that time") and context.tense(*match.span()) == "future":
        return "DATE", "FUTURE_REF", FROM_DCT  # "we will decide at that time"
    return "DATE", _VAGUE[words], FROM_DCT


_NOT_SOON_AFTER = re.compile(r"\s(?:after|afterwards?|thereafter|as|than|enough)\b")


def _sentence_initial(context: _Context, match: re.Match) -> bool:
    before = context.text[max(0, match.start() - 3) : match.start()].strip(" \"'“‘")
    return match.start() == 0 or before == "" or before[-1:] in ".!?\n"


_SET_UNITS = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "biweekly": "fortnight",
}


@rule(
    r"(?<![\w-])(?:(?:every|each)\s(?:(?P<n>other|two|three|four|five|six|\d+)\s)?"
    r"(?P<unit>second|minute|hour|day|night|week|month|year|quarter|decade|century|morning|"
    r"evening|spring|summer|autumn|fall|winter|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)s?|(?P<adverb>hourly|daily|nightly|weekly|"
    r"monthly|annually|yearly|biweekly)|per\s(?P<per>day|week|month|year|hour|annum))"
    r"(?![\w-])",
    "unit",
    "word",
    "month",
    "weekday",
    "weekdays",
    flags=re.IGNORECASE,
)
def recurring(match: re.Match, context: _Context) -> Result:
    if match["adverb"]:
        if re.match(r"\s+dividends?", context.text[match.end() : match.end() + 12]):
            return None
        if _NAME_AFTER.match(context.text, match.end()):
            return None  # a newspaper: "the London-based daily Asharq Al-Awsat"
        return "SET", duration(1, _SET_UNITS[match["adverb"].lower()]), ABSOLUTE
    if match["per"]:
        unit = match["per"].lower()
        return "SET", duration(1, "year" if unit == "annum" else unit), ABSOLUTE
    unit = match["unit"].lower()
    if unit in MONTHS:
        return "SET", f"XXXX-{MONTHS[unit]:02d}", ABSOLUTE
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}", ABSOLUTE
    if unit in ("morning", "evening"):
        return "SET", "TMO" if unit == "morning" else "TEV", ABSOLUTE
    if unit in SEASONS:
        return "SET", "XXXX-" + SEASONS[unit], ABSOLUTE
    n = match["n"]
    count = 2 if n and n.lower() == "other" else (amount(n) if n else 1)
    return "SET", duration(count, "day" if unit == "night" else unit), ABSOLUTE


@rule(
    rf"{_B}(?:once|twice|thrice|{NUMBER}\stimes)\s"
    r"(?:an?|per)\s(?P<unit>hour|day|night|week|month|year)(?![\w-])"
    r"(?!\s(?:ago|later|earlier|after|before|since|of|or|old|long|prior|beforehand)\b)",
    "times",
    flags=re.IGNORECASE,
)
def rate(match: re.Match, context: _Context) -> Result:
    """How often: "three times a week", "twice a year", a set of the unit as "every week"
    is. (A rate of an amount, "$1 billion a year", is the unit's too: see _per.)"""
    unit = match["unit"].lower()
    return "SET", duration(1, "day" if unit == "night" else unit), ABSOLUTE


# Built once every rule above is registered.
_TRIGGER_KINDS = _trigger_kinds()
_RULES_BY_START = _index_by_start()
_RULE_SLOTS = len(_RULES)  # keys of tried rules: position * _RULE_SLOTS + order
