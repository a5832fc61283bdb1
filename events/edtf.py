"""Parse and describe EDTF dates (Extended Date/Time Format, ISO 8601-2), levels 0 and 1.

Pure date code, no ORM. ``parse`` turns a string such as ``'1985-04~'``, ``'201X'``,
``'2015-24'`` or ``'2004-06/2006-08'`` into an ``EDTFDate``: the first and last day the
string can mean, how precise it is and whether it is qualified. Anything that is not a
supported EDTF date raises ``EDTFError`` with a message saying why.

Only years 1-9999 can be stored (they are ``datetime.date`` values), so valid EDTF years
outside that range (``Y170000002``, ``-1985``, ``0000``) are rejected with a reason.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

PRECISIONS = ("day", "month", "season", "year", "decade", "century", "range")
OPEN_START = datetime.date.min  # used for '..' or unknown start of an interval
OPEN_END = datetime.date.max

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)

# EDTF season codes -> (name, first month); each season is three months long.
_SEASONS = {21: ("Spring", 3), 22: ("Summer", 6), 23: ("Autumn", 9), 24: ("Winter", 12)}
_SEASON_NAMES_BY_FIRST_MONTH = {first: name for name, first in _SEASONS.values()}

# Qualifier at the end of a date -> (approximate, uncertain).
_QUALIFIERS = {"?": (False, True), "~": (True, False), "%": (True, True)}

_OPEN = ".."
_UNKNOWN = ""
_STORABLE = "outside 1-9999, which this system can store"
_LEVEL_2 = "a level 2 feature, which is not supported"

_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(Z|[+-](\d{2}):(\d{2}))?")


class EDTFError(ValueError):
    """A string that is not a valid, supported EDTF date; the message says why."""


class _Span(NamedTuple):
    start: datetime.date
    end: datetime.date
    precision: str


class _Tokens(NamedTuple):
    """The parts of a date as people write them; None where the date has no such part."""

    day: str | None
    month: str | None
    year: str | None


@dataclass(frozen=True)
class EDTFDate:
    """A parsed EDTF date or interval, as the span of days it can mean."""

    text: str  # the string as given (stripped)
    start: datetime.date  # first day it can mean
    end: datetime.date  # last day it can mean
    precision: str  # one of PRECISIONS
    approximate: bool
    uncertain: bool

    def display(self) -> str:
        """Describe the date for people, in English ('c. April 1982', 'Sep–Nov 2024')."""
        if self.precision == "range":
            return _display_interval(self.text)
        return _qualify(_join(_tokens(self, in_range=False)), self)

    def explain(self) -> str:
        """What the date means, for a curator checking it: the days it spans and how it is
        known ('1 Sep 2024 to 30 Nov 2024, range of months', '19 May 2024, one day')."""
        span = _day_words(self.start, "open start")
        if self.end != self.start:
            span = f"{span} to {_day_words(self.end, 'open end')}"
        return ", ".join([span, self._extent(), *self._qualifiers()])

    def _extent(self) -> str:
        if self.precision != "range":
            return f"one {self.precision}"
        left, right = sides(self)
        unit = (left or right).precision  # parse() rejects '../..'
        return f"range of {unit}s" if left and right else f"range of {unit}s, open-ended"

    def _qualifiers(self) -> list[str]:
        return [
            word
            for word, on in (("approximate", self.approximate), ("uncertain", self.uncertain))
            if on
        ]


def _day_words(day: datetime.date, open_words: str) -> str:
    if day in (OPEN_START, OPEN_END):
        return open_words
    return f"{day.day} {_MONTH_ABBREVIATIONS[day.month]} {day.year}"


def parse(text: str) -> EDTFDate:
    """Parse an EDTF level 0 or 1 string; raise EDTFError saying why it is not one."""
    source = text.strip()
    _check_characters(source)
    if "/" in source:
        return _parse_interval(source)
    if source == _OPEN:
        raise _error(source, "'..' marks an open end and belongs in an interval ('../2011')")
    return _parse_single(source, source)


def sides(date: EDTFDate) -> tuple[EDTFDate | None, EDTFDate | None]:
    """The start and end a date is written with: an interval's two sides (None for an
    open or unknown end), or a single date twice. '2024-09/2024-11' starts in a month;
    '2011/2013' starts in a year, so it belongs under 2011, not under January 2011."""
    if date.precision != "range":
        return date, date
    left_text, right_text = date.text.split("/")
    return _parse_end(left_text, date.text), _parse_end(right_text, date.text)


def _error(source: str, reason: str) -> EDTFError:
    return EDTFError(f"{source!r}: {reason}")


def _check_characters(source: str) -> None:
    if not source:
        raise _error(source, "empty date")
    if any(character.isspace() for character in source):
        raise _error(source, "spaces are not allowed inside a date")
    if any(bracket in source for bracket in "[]{}"):
        raise _error(source, f"sets and lists ('[...]', '{{...}}') are {_LEVEL_2}")
    if "x" in source:
        raise _error(source, "unspecified digits must be a capital 'X', not 'x'")
    if source.count("/") > 1:
        raise _error(source, "only one '/' is allowed; nested intervals are not supported")


# Intervals


def _parse_interval(source: str) -> EDTFDate:
    left_text, right_text = source.split("/")
    if left_text in (_OPEN, _UNKNOWN) and right_text in (_OPEN, _UNKNOWN):
        raise _error(source, "an interval needs at least one date")
    left = _parse_end(left_text, source)
    right = _parse_end(right_text, source)
    start = left.start if left else OPEN_START
    end = right.end if right else OPEN_END
    if end < start:
        raise _error(source, "the interval ends before it starts")
    sides = [side for side in (left, right) if side]
    return EDTFDate(
        text=source,
        start=start,
        end=end,
        precision="range",
        approximate=any(side.approximate for side in sides),
        uncertain=any(side.uncertain for side in sides),
    )


def _parse_end(text: str, source: str) -> EDTFDate | None:
    """One side of an interval; None for an open ('..') or unknown ('') end."""
    if text in (_OPEN, _UNKNOWN):
        return None
    return _parse_single(text, source)


# Single dates


def _parse_single(text: str, source: str) -> EDTFDate:
    body, approximate, uncertain = _split_qualifier(text, source)
    if "T" in body:
        if approximate or uncertain:
            raise _error(source, "'?', '~' and '%' qualify dates, not date-times")
        day = _parse_date_time(body, source)
        return EDTFDate(text, day, day, "day", approximate=False, uncertain=False)
    span = _parse_calendar_date(body, source)
    return EDTFDate(text, span.start, span.end, span.precision, approximate, uncertain)


def _split_qualifier(text: str, source: str) -> tuple[str, bool, bool]:
    """Split '1982-04~' into ('1982-04', approximate, uncertain)."""
    if len(text) >= 2 and text[-1] in _QUALIFIERS and text[-2] in _QUALIFIERS:
        raise _error(source, "use one qualifier; '%' means both uncertain and approximate")
    approximate = uncertain = False
    if text and text[-1] in _QUALIFIERS:
        approximate, uncertain = _QUALIFIERS[text[-1]]
        text = text[:-1]
    if any(qualifier in text for qualifier in _QUALIFIERS):
        raise _error(source, f"qualifying part of a date (not its end) is {_LEVEL_2}")
    return text, approximate, uncertain


def _parse_date_time(body: str, source: str) -> datetime.date:
    """The day of 'YYYY-MM-DDThh:mm:ss[Z|±hh:mm]'."""
    date_text, _, time_text = body.partition("T")
    span = _parse_calendar_date(date_text, source)
    if span.precision != "day":
        raise _error(source, "a time needs a full date (YYYY-MM-DD) before the 'T'")
    _check_time(time_text, source)
    # The day as written: a time zone offset does not move it to another day.
    return span.start


def _check_time(time_text: str, source: str) -> None:
    match = _TIME.fullmatch(time_text)
    if not match:
        raise _error(source, f"time {time_text!r} is not hh:mm:ss with optional Z or ±hh:mm")
    hour, minute, second, zone, zone_hour, zone_minute = match.groups()
    if int(hour) > 23:
        raise _error(source, f"hour {hour} is not 00-23")
    if int(minute) > 59:
        raise _error(source, f"minute {minute} is not 00-59")
    if int(second) > 59:
        raise _error(source, f"second {second} is not 00-59")
    if zone_hour and (int(zone_hour) > 23 or int(zone_minute) > 59):
        raise _error(source, f"time zone offset {zone} is not a valid ±hh:mm")


def _parse_calendar_date(body: str, source: str) -> _Span:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', with level 1 'X' digits and seasons."""
    _reject_unsupported_years(body, source)
    year_text, *rest = body.split("-")
    if len(rest) > 2:
        raise _error(source, "too many parts; expected YYYY, YYYY-MM or YYYY-MM-DD")
    if _UNKNOWN in rest:
        raise _error(source, "a part is missing after '-'")
    _check_digits(year_text, "year", 4, source)
    if "X" in year_text:
        if rest:
            raise _error(source, f"unspecified digits in the year of a longer date are {_LEVEL_2}")
        return _unspecified_year(year_text, source)
    year = _storable_year(year_text, source)
    if not rest:
        return _whole_year(year)
    return _parse_month(year, rest[0], rest[1] if len(rest) == 2 else None, source)


def _reject_unsupported_years(body: str, source: str) -> None:
    """Valid EDTF years that cannot be stored, and level 2 year forms."""
    if re.search(r"\dS\d", body) or (body.startswith("Y") and "E" in body):
        raise _error(source, f"exponential years and significant digits are {_LEVEL_2}")
    if re.fullmatch(r"Y-?\d{5,}", body):
        raise _error(source, f"year {body[1:]} is {_STORABLE}")
    if body.startswith("Y"):
        raise _error(source, "a 'Y' prefix must be followed by a year of more than four digits")
    negative_year = re.match(r"-(\d{4,})", body)
    if negative_year:
        raise _error(source, f"year -{negative_year.group(1)} is {_STORABLE}")


def _check_digits(text: str, name: str, length: int, source: str) -> None:
    """A year, month or day part: digits or 'X', exactly ``length`` of them."""
    if not text:
        raise _error(source, f"{name} is missing")
    if not re.fullmatch(r"[0-9X]+", text):
        raise _error(source, f"{name} {text!r} is not a number")
    if len(text) != length:
        digits = "four" if length == 4 else "two"
        raise _error(source, f"{name} must have {digits} digits")


def _storable_year(year_text: str, source: str) -> int:
    year = int(year_text)
    if year < datetime.MINYEAR:
        raise _error(source, f"year {year_text} is {_STORABLE}")
    return year


def _unspecified_year(year_text: str, source: str) -> _Span:
    """'201X' is a decade and '20XX' a century."""
    if re.fullmatch(r"\d{3}X", year_text):
        first = int(year_text[:3]) * 10
        precision, last = "decade", first + 9
    elif re.fullmatch(r"\d{2}XX", year_text):
        first = int(year_text[:2]) * 100
        precision, last = "century", first + 99
    else:
        raise _error(source, f"'X' beyond the last two digits of a year is {_LEVEL_2}")
    # Year 0 cannot be stored, so '000X' and '00XX' start at the first storable year.
    first = max(first, datetime.MINYEAR)
    return _Span(datetime.date(first, 1, 1), datetime.date(last, 12, 31), precision)


def _parse_month(year: int, month_text: str, day_text: str | None, source: str) -> _Span:
    _check_digits(month_text, "month", 2, source)
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise _error(source, f"an unspecified month with a known day is {_LEVEL_2}")
        return _whole_year(year)
    if "X" in month_text:
        raise _error(source, f"'X' in one digit of a month is {_LEVEL_2}")
    month = int(month_text)
    if month in _SEASONS:
        if day_text is not None:
            raise _error(source, f"season {month_text} cannot have a day")
        return _season(year, month, source)
    if 25 <= month <= 41:
        raise _error(source, f"sub-year grouping {month_text} is {_LEVEL_2} (seasons 21-24 are)")
    if not 1 <= month <= 12:
        raise _error(source, f"month {month_text} is not 01-12")
    if day_text is None:
        return _whole_month(year, month, "month")
    return _parse_day(year, month, day_text, source)


def _parse_day(year: int, month: int, day_text: str, source: str) -> _Span:
    _check_digits(day_text, "day", 2, source)
    if day_text == "XX":
        return _whole_month(year, month, "month")
    if "X" in day_text:
        raise _error(source, f"'X' in one digit of a day is {_LEVEL_2}")
    day = int(day_text)
    if not 1 <= day <= 31:
        raise _error(source, f"day {day_text} is not 01-31")
    if day > _last_day(year, month):
        raise _error(source, f"day {day} does not exist in {MONTH_NAMES[month]} {year}")
    date = datetime.date(year, month, day)
    return _Span(date, date, "day")


def _season(year: int, code: int, source: str) -> _Span:
    """Northern-hemisphere meteorological seasons; winter runs into the next year."""
    first_month = _SEASONS[code][1]
    last_month = first_month + 2
    last_year = year
    if last_month > 12:
        last_month -= 12
        last_year += 1
    if last_year > datetime.MAXYEAR:
        raise _error(source, f"winter {year} ends in year {last_year}, {_STORABLE}")
    end = datetime.date(last_year, last_month, _last_day(last_year, last_month))
    return _Span(datetime.date(year, first_month, 1), end, "season")


def _whole_year(year: int) -> _Span:
    return _Span(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")


def _whole_month(year: int, month: int, precision: str) -> _Span:
    end = datetime.date(year, month, _last_day(year, month))
    return _Span(datetime.date(year, month, 1), end, precision)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# Display


def _display_interval(text: str) -> str:
    left_text, right_text = text.split("/")
    left = _parse_end(left_text, text)
    right = _parse_end(right_text, text)
    if left is None and right is not None:
        unknown = " (start unknown)" if left_text == _UNKNOWN else ""
        return f"until {right.display()}{unknown}"
    if right is None and left is not None:
        unknown = " (end unknown)" if right_text == _UNKNOWN else ""
        return f"from {left.display()}{unknown}"
    assert left is not None and right is not None  # parse() rejects '../..'
    return _display_closed(left, right)


def _display_closed(left: EDTFDate, right: EDTFDate) -> str:
    """'15–31 Dec 2015': parts the two sides share are written once, on the right."""
    if left == right:
        return left.display()
    left_tokens = _tokens(left, in_range=True)
    right_tokens = _tokens(right, in_range=True)
    # A qualified left side keeps all its parts: 'c. Jun–Aug 2004' would read as if
    # the whole range were approximate.
    if not (left.approximate or left.uncertain):
        left_tokens = _without_shared(left_tokens, right_tokens)
    return f"{_qualify(_join(left_tokens), left)}–{_qualify(_join(right_tokens), right)}"


def _without_shared(left: _Tokens, right: _Tokens) -> _Tokens:
    """Drop the left side's year, and then month, when the right side repeats them."""
    if left.month and right.month and left.year == right.year:
        left = left._replace(year=None)
        if left.day and right.day and left.month == right.month:
            left = left._replace(month=None)
    return left


def _tokens(date: EDTFDate, in_range: bool) -> _Tokens:
    """Day, month and year words; ranges abbreviate months and give winter one year."""
    start = date.start
    months = _MONTH_ABBREVIATIONS if in_range else MONTH_NAMES
    year = str(start.year)
    if date.precision == "day":
        return _Tokens(str(start.day), months[start.month], year)
    if date.precision == "month":
        return _Tokens(None, months[start.month], year)
    if date.precision == "season":
        season = _SEASON_NAMES_BY_FIRST_MONTH[start.month]
        if season == "Winter" and not in_range:
            year = _winter_years(start.year)
        return _Tokens(None, season, year)
    if date.precision == "decade":
        return _Tokens(None, None, f"{start.year // 10 * 10}s")
    if date.precision == "century":
        return _Tokens(None, None, f"{_ordinal(start.year // 100 + 1)} century")
    return _Tokens(None, None, year)


def _winter_years(year: int) -> str:
    """'2015–16', but '1999–2000' when the century changes."""
    following = year + 1
    if following // 100 == year // 100:
        return f"{year}–{following % 100:02d}"
    return f"{year}–{following}"


def _ordinal(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _join(tokens: _Tokens) -> str:
    return " ".join(token for token in tokens if token)


def _qualify(words: str, date: EDTFDate) -> str:
    prefix = "c. " if date.approximate else ""
    suffix = "?" if date.uncertain else ""
    return f"{prefix}{words}{suffix}"
