"""Tests for events.edtf: parsing EDTF levels 0 and 1, rejecting the rest, display()."""

import dataclasses
from datetime import date

from django.test import SimpleTestCase

from events import edtf
from events.edtf import OPEN_END, OPEN_START, PRECISIONS, EDTFDate, EDTFError, parse

# (text, start, end, precision, approximate, uncertain)
VALID = [
    # Level 0: dates
    ("2024-05-19", date(2024, 5, 19), date(2024, 5, 19), "day", False, False),
    ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "day", False, False),
    ("2024-05", date(2024, 5, 1), date(2024, 5, 31), "month", False, False),
    ("2024-04", date(2024, 4, 1), date(2024, 4, 30), "month", False, False),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", False, False),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month", False, False),
    ("1900-02", date(1900, 2, 1), date(1900, 2, 28), "month", False, False),
    ("2000-02", date(2000, 2, 1), date(2000, 2, 29), "month", False, False),
    ("2017", date(2017, 1, 1), date(2017, 12, 31), "year", False, False),
    ("0001", date(1, 1, 1), date(1, 12, 31), "year", False, False),
    ("9999", date(9999, 1, 1), date(9999, 12, 31), "year", False, False),
    # Level 0: date and time
    ("1985-04-12T23:20:30", date(1985, 4, 12), date(1985, 4, 12), "day", False, False),
    ("1985-04-12T23:20:30Z", date(1985, 4, 12), date(1985, 4, 12), "day", False, False),
    ("1985-04-12T23:20:30-04:00", date(1985, 4, 12), date(1985, 4, 12), "day", False, False),
    ("1985-04-12T00:00:00+05:30", date(1985, 4, 12), date(1985, 4, 12), "day", False, False),
    # Level 0: intervals
    ("1964/2008", date(1964, 1, 1), date(2008, 12, 31), "range", False, False),
    ("2004-06/2006-08", date(2004, 6, 1), date(2006, 8, 31), "range", False, False),
    ("2004-02-01/2005-02-08", date(2004, 2, 1), date(2005, 2, 8), "range", False, False),
    ("2004-02-01/2005", date(2004, 2, 1), date(2005, 12, 31), "range", False, False),
    ("2005/2006-02", date(2005, 1, 1), date(2006, 2, 28), "range", False, False),
    ("2024/2024", date(2024, 1, 1), date(2024, 12, 31), "range", False, False),
    ("2004-02-01T10:10:10Z/2004-02-03", date(2004, 2, 1), date(2004, 2, 3), "range", False, False),
    # Level 1: qualification
    ("1984?", date(1984, 1, 1), date(1984, 12, 31), "year", False, True),
    ("2004-06~", date(2004, 6, 1), date(2004, 6, 30), "month", True, False),
    ("1982-04~", date(1982, 4, 1), date(1982, 4, 30), "month", True, False),
    ("2004-06-11%", date(2004, 6, 11), date(2004, 6, 11), "day", True, True),
    # Level 1: unspecified digits
    ("201X", date(2010, 1, 1), date(2019, 12, 31), "decade", False, False),
    ("198X?", date(1980, 1, 1), date(1989, 12, 31), "decade", False, True),
    ("20XX", date(2000, 1, 1), date(2099, 12, 31), "century", False, False),
    ("19XX~", date(1900, 1, 1), date(1999, 12, 31), "century", True, False),
    ("000X", date(1, 1, 1), date(9, 12, 31), "decade", False, False),
    ("00XX", date(1, 1, 1), date(99, 12, 31), "century", False, False),
    ("2004-XX", date(2004, 1, 1), date(2004, 12, 31), "year", False, False),
    ("1985-04-XX", date(1985, 4, 1), date(1985, 4, 30), "month", False, False),
    ("2024-02-XX", date(2024, 2, 1), date(2024, 2, 29), "month", False, False),
    ("1985-XX-XX", date(1985, 1, 1), date(1985, 12, 31), "year", False, False),
    # Level 1: seasons
    ("2001-21", date(2001, 3, 1), date(2001, 5, 31), "season", False, False),
    ("2001-22", date(2001, 6, 1), date(2001, 8, 31), "season", False, False),
    ("2001-23", date(2001, 9, 1), date(2001, 11, 30), "season", False, False),
    ("2015-24", date(2015, 12, 1), date(2016, 2, 29), "season", False, False),
    ("2024-24", date(2024, 12, 1), date(2025, 2, 28), "season", False, False),
    ("2023-24", date(2023, 12, 1), date(2024, 2, 29), "season", False, False),
    ("9998-24", date(9998, 12, 1), date(9999, 2, 28), "season", False, False),
    ("2001-21~", date(2001, 3, 1), date(2001, 5, 31), "season", True, False),
    # Level 1: extended intervals
    ("../1985-04-12", OPEN_START, date(1985, 4, 12), "range", False, False),
    ("1985-04-12/..", date(1985, 4, 12), OPEN_END, "range", False, False),
    ("/1985-04-12", OPEN_START, date(1985, 4, 12), "range", False, False),
    ("1985-04-12/", date(1985, 4, 12), OPEN_END, "range", False, False),
    ("../2011?", OPEN_START, date(2011, 12, 31), "range", False, True),
    ("1984~/2004-06", date(1984, 1, 1), date(2004, 6, 30), "range", True, False),
    ("2004-06/2006-08~", date(2004, 6, 1), date(2006, 8, 31), "range", True, False),
    ("1984?/2004%", date(1984, 1, 1), date(2004, 12, 31), "range", True, True),
    ("2004-06-XX/2004-07-03", date(2004, 6, 1), date(2004, 7, 3), "range", False, False),
    ("201X/202X", date(2010, 1, 1), date(2029, 12, 31), "range", False, False),
    ("2015-21/2015-23", date(2015, 3, 1), date(2015, 11, 30), "range", False, False),
    ("2024-05/2024", date(2024, 5, 1), date(2024, 12, 31), "range", False, False),
]

# (text, fragment the error message must contain)
INVALID = [
    ("", "empty date"),
    ("   ", "empty date"),
    ("2024-13", "'2024-13': month 13 is not 01-12"),
    ("2024-00", "month 00 is not 01-12"),
    ("2017-20", "month 20 is not 01-12"),
    ("2024-02-30", "'2024-02-30': day 30 does not exist in February 2024"),
    ("2023-02-29", "day 29 does not exist in February 2023"),
    ("2024-04-31", "day 31 does not exist in April 2024"),
    ("2024-01-32", "day 32 is not 01-31"),
    ("2024-01-00", "day 00 is not 01-31"),
    ("2024-5", "'2024-5': month must have two digits"),
    ("2024-05-1", "day must have two digits"),
    ("24", "year must have four digits"),
    ("05", "year must have four digits"),
    ("-05", "year is missing"),
    ("12345", "year must have four digits"),
    ("abcd", "year 'abcd' is not a number"),
    ("2024-ab", "month 'ab' is not a number"),
    ("2024-", "a part is missing after '-'"),
    ("2024-05-19-01", "too many parts"),
    ("201x", "capital 'X'"),
    ("2024 05", "spaces are not allowed"),
    ("2024-05-01 / 2024-06", "spaces are not allowed"),
    ("2024-09/2024-01", "'2024-09/2024-01': the interval ends before it starts"),
    ("2024-09-10/2024-09-09", "the interval ends before it starts"),
    ("2024-13/2025", "month 13 is not 01-12"),
    ("../..", "an interval needs at least one date"),
    ("/", "an interval needs at least one date"),
    ("../", "an interval needs at least one date"),
    ("..", "belongs in an interval"),
    ("2004/2005/2006", "only one '/' is allowed"),
    ("Y170000002", "year 170000002 is outside 1-9999, which this system can store"),
    ("Y-170000002", "outside 1-9999, which this system can store"),
    ("-1985", "year -1985 is outside 1-9999, which this system can store"),
    ("0000", "year 0000 is outside 1-9999"),
    ("9999-24", "winter 9999 ends in year 10000, outside 1-9999"),
    ("Y2024", "'Y' prefix must be followed by a year of more than four digits"),
    ("2004-06~-11", "qualifying part of a date (not its end) is a level 2 feature"),
    ("?2004", "level 2 feature"),
    ("2015?~", "use one qualifier"),
    ("{1667,1668}", "sets and lists ('[...]', '{...}') are a level 2 feature"),
    ("[1667..1672]", "sets and lists ('[...]', '{...}') are a level 2 feature"),
    ("2017-33", "sub-year grouping 33 is a level 2 feature"),
    ("2017-25", "sub-year grouping 25 is a level 2 feature"),
    ("1950S2", "significant digits are a level 2 feature"),
    ("Y-17E7", "exponential years"),
    ("156X-12-25", "unspecified digits in the year of a longer date are a level 2 feature"),
    ("1XXX", "'X' beyond the last two digits of a year is a level 2 feature"),
    ("XXXX", "'X' beyond the last two digits of a year is a level 2 feature"),
    ("1985-1X", "'X' in one digit of a month is a level 2 feature"),
    ("1985-04-1X", "'X' in one digit of a day is a level 2 feature"),
    ("1985-XX-12", "an unspecified month with a known day is a level 2 feature"),
    ("2015-21-05", "season 21 cannot have a day"),
    ("2024-05-19T25:00:00", "hour 25 is not 00-23"),
    ("2024-05-19T10:61:00", "minute 61 is not 00-59"),
    ("2024-05-19T10:00:61", "second 61 is not 00-59"),
    ("2024-05-19T10:00", "is not hh:mm:ss"),
    ("2024-05-19T10:00:00+25:00", "time zone offset +25:00"),
    ("2024-05T10:00:00", "a time needs a full date"),
    ("2024-05-19T10:00:00~", "qualify dates, not date-times"),
]

# (text, display())
DISPLAY = [
    # Single dates: full month names
    ("2024-05-19", "19 May 2024"),
    ("2024-05", "May 2024"),
    ("2017", "2017"),
    ("198X", "1980s"),
    ("19XX", "20th century"),
    ("20XX", "21st century"),
    ("21XX", "22nd century"),
    ("22XX", "23rd century"),
    ("10XX", "11th century"),
    ("11XX", "12th century"),
    ("12XX", "13th century"),
    ("2015-22", "Summer 2015"),
    ("2015-24", "Winter 2015–16"),
    ("1999-24", "Winter 1999–2000"),
    ("1985-04-XX", "April 1985"),
    ("2004-XX", "2004"),
    ("1985-04-12T23:20:30Z", "12 April 1985"),
    # Qualified single dates
    ("1982-04~", "c. April 1982"),
    ("2015?", "2015?"),
    ("2004-06-11%", "c. 11 June 2004?"),
    # Ranges: abbreviated months, shared parts written once
    ("2024-09/2024-11", "Sep–Nov 2024"),
    ("2015-11/2016-01", "Nov 2015–Jan 2016"),
    ("2015-12-15/2015-12-31", "15–31 Dec 2015"),
    ("2015-11-28/2015-12-15", "28 Nov–15 Dec 2015"),
    ("2016-12-30/2017-01-02", "30 Dec 2016–2 Jan 2017"),
    ("2013/2014", "2013–2014"),
    ("1980-09/1988-08", "Sep 1980–Aug 1988"),
    ("2015-12-15/2016-01", "15 Dec 2015–Jan 2016"),
    ("2017-01-23/2017-05-04", "23 Jan–4 May 2017"),
    ("2017-05/2017-06-04", "May–4 Jun 2017"),
    ("2001-21/2001-23", "Spring–Autumn 2001"),
    ("198X/199X", "1980s–1990s"),
    ("2024-05/2024-05", "May 2024"),
    # Open and unknown ends
    ("2023-10-07/..", "from 7 October 2023"),
    ("../2011", "until 2011"),
    ("1985-04-12/", "from 12 April 1985 (end unknown)"),
    ("/2011", "until 2011 (start unknown)"),
    ("1984~/..", "from c. 1984"),
    # Qualified ends of a range
    ("1984~/2004-06", "c. 1984–Jun 2004"),
    ("2004-06/2006-08~", "Jun 2004–c. Aug 2006"),
    ("2004?/2006", "2004?–2006"),
    ("2004-06-11%/2004-06-20", "c. 11 Jun 2004?–20 Jun 2004"),
    ("2004-06~/2004-08", "c. Jun 2004–Aug 2004"),
    ("2004-06/2004-08?", "Jun–Aug 2004?"),
]


class ParseValidTests(SimpleTestCase):
    def test_valid_strings_parse_to_their_span_precision_and_qualifiers(self) -> None:
        for text, start, end, precision, approximate, uncertain in VALID:
            with self.subTest(text=text):
                parsed = parse(text)
                self.assertEqual(
                    (parsed.start, parsed.end, parsed.precision),
                    (start, end, precision),
                )
                self.assertEqual((parsed.approximate, parsed.uncertain), (approximate, uncertain))
                self.assertEqual(parsed.text, text)

    def test_every_precision_is_one_of_precisions(self) -> None:
        for row in VALID:
            with self.subTest(text=row[0]):
                self.assertIn(parse(row[0]).precision, PRECISIONS)


class ParseInvalidTests(SimpleTestCase):
    def test_invalid_strings_raise_an_error_saying_why(self) -> None:
        for text, fragment in INVALID:
            with self.subTest(text=text):
                with self.assertRaises(EDTFError) as caught:
                    parse(text)
                self.assertIn(fragment, str(caught.exception))


class DisplayTests(SimpleTestCase):
    def test_display_describes_the_date_for_people(self) -> None:
        for text, expected in DISPLAY:
            with self.subTest(text=text):
                self.assertEqual(parse(text).display(), expected)


EXPLAINED = [
    ("2024-05-19", "19 May 2024, one day"),
    ("2024-09/2024-11", "1 Sep 2024 to 30 Nov 2024, range of months"),
    ("1982-04~", "1 Apr 1982 to 30 Apr 1982, one month, approximate"),
    ("2015?", "1 Jan 2015 to 31 Dec 2015, one year, uncertain"),
    ("2015-23", "1 Sep 2015 to 30 Nov 2015, one season"),
    ("198X", "1 Jan 1980 to 31 Dec 1989, one decade"),
    ("2011/2013", "1 Jan 2011 to 31 Dec 2013, range of years"),
    ("2024-06-03/2024-06", "3 Jun 2024 to 30 Jun 2024, range of days"),
    ("2023-10-07/..", "7 Oct 2023 to open end, range of days, open-ended"),
    ("../2011", "open start to 31 Dec 2011, range of years, open-ended"),
]


class ExplainTests(SimpleTestCase):
    def test_explain_gives_the_days_a_date_spans_and_how_it_is_known(self) -> None:
        for text, expected in EXPLAINED:
            with self.subTest(text=text):
                self.assertEqual(parse(text).explain(), expected)


class EDTFBehaviourTests(SimpleTestCase):
    def test_surrounding_whitespace_is_stripped_from_text(self) -> None:
        parsed = parse("  2017-05 \n")
        self.assertEqual(parsed.text, "2017-05")
        self.assertEqual(parsed.start, date(2017, 5, 1))

    def test_error_is_a_value_error(self) -> None:
        with self.assertRaises(ValueError):
            parse("2024-13")

    def test_error_quotes_the_stripped_string(self) -> None:
        with self.assertRaisesMessage(EDTFError, "'2024-13': month 13 is not 01-12"):
            parse(" 2024-13 ")

    def test_parsed_date_is_immutable(self) -> None:
        parsed = parse("2017")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            parsed.start = date(2018, 1, 1)  # type: ignore[misc]

    def test_equal_strings_parse_to_equal_dates(self) -> None:
        self.assertEqual(parse("2004-06~"), parse("2004-06~"))

    def test_open_ends_are_the_extreme_dates(self) -> None:
        self.assertEqual(OPEN_START, date.min)
        self.assertEqual(OPEN_END, date.max)

    def test_precisions_are_listed_from_finest_to_range(self) -> None:
        self.assertEqual(
            PRECISIONS, ("day", "month", "season", "year", "decade", "century", "range")
        )

    def test_display_of_a_hand_built_single_date_uses_its_fields(self) -> None:
        built = EDTFDate("x", date(2020, 3, 1), date(2020, 3, 31), "month", True, False)
        self.assertEqual(built.display(), "c. March 2020")

    def test_time_zone_offset_does_not_move_the_day(self) -> None:
        self.assertEqual(parse("2024-05-19T23:30:00-10:00").start, date(2024, 5, 19))


class SidesTests(SimpleTestCase):
    def test_sides_give_the_precision_each_end_is_written_with(self) -> None:
        cases = [
            ("2024-05-19", ("day", "day")),
            ("2017", ("year", "year")),
            ("2024-09/2024-11", ("month", "month")),
            ("2011/2013-06", ("year", "month")),
            ("2023-10-07/..", ("day", None)),
            ("../2011", (None, "year")),
            ("/2011-05", (None, "month")),
        ]
        for text, expected in cases:
            with self.subTest(text):
                left, right = edtf.sides(edtf.parse(text))
                self.assertEqual((left and left.precision, right and right.precision), expected)
