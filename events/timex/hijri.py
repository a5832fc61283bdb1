"""Days, months and years of the Solar Hijri (Iranian) and Islamic calendars, as the
Gregorian days they cover.

Pure date code, no ORM. The Solar Hijri calendar is Iran's civil calendar: its year starts
at Nowruz, the March equinox, and jdatetime reckons it as Iran does. The Islamic calendar is
lunar: its months start with the new crescent, seen a day apart from one country to the
next. hijridate reckons it by Umm al-Qura, Saudi Arabia's calendar, for the years 1343 to
1500 AH (1924 to 2077); a day of it is a day this system knows to within about a day.
"""

from datetime import date, timedelta

import jdatetime
from hijridate import Gregorian, Hijri

# Month names as the English press writes them, as their letters only, lowercased ("Rabi'
# al-Awwal" is "rabialawwal", "Dhu'l-Hijjah" "dhulhijjah"): see ``month_key``.
SOLAR_MONTHS = {
    **dict.fromkeys(["farvardin"], 1),
    **dict.fromkeys(["ordibehesht"], 2),
    **dict.fromkeys(["khordad"], 3),
    **dict.fromkeys(["tir"], 4),
    **dict.fromkeys(["mordad", "amordad"], 5),
    **dict.fromkeys(["shahrivar"], 6),
    **dict.fromkeys(["mehr"], 7),
    **dict.fromkeys(["aban"], 8),
    **dict.fromkeys(["azar"], 9),
    **dict.fromkeys(["dey", "dei"], 10),
    **dict.fromkeys(["bahman"], 11),
    **dict.fromkeys(["esfand", "espand", "isfand"], 12),
}
ISLAMIC_MONTHS = {
    **dict.fromkeys(["muharram"], 1),
    **dict.fromkeys(["safar"], 2),
    **dict.fromkeys(["rabialawwal", "rabiulawwal", "rabielawwal", "rabii"], 3),
    **dict.fromkeys(["rabialthani", "rabiulthani", "rabialakhir", "rabiulakhir", "rabiii"], 4),
    **dict.fromkeys(["jumadaalawwal", "jumadaulawwal", "jumadaalula", "jumadai"], 5),
    **dict.fromkeys(["jumadaalthani", "jumadaalakhirah", "jumadaalakhira", "jumadaii"], 6),
    **dict.fromkeys(["rajab"], 7),
    **dict.fromkeys(["shaban", "shaaban"], 8),
    **dict.fromkeys(["ramadan", "ramazan", "ramadhan"], 9),
    **dict.fromkeys(["shawwal"], 10),
    **dict.fromkeys(["dhualqadah", "dhualqidah", "dhulqadah", "dhulqidah"], 11),
    **dict.fromkeys(["dhualhijjah", "dhulhijjah", "dhualhijja", "dhulhijja"], 12),
}
ISLAMIC_YEARS = range(1343, 1501)  # those hijridate knows


def month_key(name: str) -> str:
    """A written month name as the dictionaries above spell it: its letters, lowercased."""
    return "".join(letter for letter in name.lower() if letter.isalpha())


def solar_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Solar Hijri day, or None if there is no such day."""
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None


def solar_month(year: int, month: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of a Solar Hijri month."""
    first, following = solar_day(year, month, 1), solar_day(year + month // 12, month % 12 + 1, 1)
    if first is None or following is None:
        return None
    return first, following - timedelta(days=1)


def solar_year(year: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of a Solar Hijri year: Nowruz to Nowruz."""
    first, last = solar_month(year, 1), solar_month(year, 12)
    if first is None or last is None:
        return None
    return first[0], last[1]


def nowruz(year: int) -> date | None:
    """Nowruz of a Gregorian year: the first day of the Solar Hijri year starting in it."""
    return solar_day(year - 621, 1, 1)


def islamic_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of an Islamic day, or None if it is no day hijridate knows."""
    if year not in ISLAMIC_YEARS:
        return None
    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except ValueError:
        return None


def islamic_month(year: int, month: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of an Islamic month."""
    first = islamic_day(year, month, 1)
    if first is None:
        return None
    return first, first + timedelta(days=Hijri(year, month, 1).month_length() - 1)


def islamic_year(year: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of an Islamic year."""
    first, last = islamic_month(year, 1), islamic_month(year, 12)
    if first is None or last is None:
        return None
    return first[0], last[1]


def islamic_years_around(day: date) -> list[int]:
    """The Islamic year holding ``day`` and those either side, as far as hijridate goes."""
    try:
        year = Gregorian(day.year, day.month, day.day).to_hijri().year
    except (OverflowError, ValueError):
        return []
    return [y for y in (year - 1, year, year + 1) if y in ISLAMIC_YEARS]


def islamic_days_in(gregorian_year: int, month: int, day: int) -> list[date]:
    """The Gregorian days, in ``gregorian_year``, of an Islamic month's day (Eid al-Fitr,
    1 Shawwal): one, two (the lunar year is eleven days shorter) or none."""
    years = islamic_years_around(date(gregorian_year, 7, 1))
    days = (islamic_day(year, month, day) for year in years)
    return [d for d in days if d is not None and d.year == gregorian_year]
