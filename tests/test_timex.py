"""Tests for events.timex: finding temporal expressions and normalising them as TIMEX3."""

import re
from datetime import date
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from events.timex import ABSOLUTE, FROM_DCT, FROM_TEXT, Timex, extract, rules
from events.timex.starts import ANY, first_two_words, first_words
from events.timex.words import TENSE_MARKERS, amount, duration, spelled_year

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# (text, dct, the expression, its type, its value): the forms the tagger must know.
FORMS = [
    # Calendar dates in their many spellings; a missing year comes from the DCT and tense.
    (
        "Russia began air strikes on 30 September 2015.",
        "2024-12-12",
        "30 September 2015",
        "DATE",
        "2015-09-30",
    ),
    (
        "It started on September 30, 2015, in Latakia.",
        "2024-12-12",
        "September 30, 2015",
        "DATE",
        "2015-09-30",
    ),
    (
        "The data, published 2015-09-30, show a rise.",
        "2024-12-12",
        "2015-09-30",
        "DATE",
        "2015-09-30",
    ),
    ("It was signed on 14.07.2015 in Vienna.", "2020-11-09", "14.07.2015", "DATE", "2015-07-14"),
    (
        "The JCPOA was concluded on the 14th day of July 2015.",
        "2020-11-09",
        "the 14th day of July 2015",
        "DATE",
        "2015-07-14",
    ),
    (
        "The cargo was loaded during the week of 22 July 2019.",
        "2020-11-09",
        "the week of 22 July 2019",
        "DATE",
        "2019-W30",
    ),
    ("The week of March 6 was busy.", "2023-07-14", "The week of March 6", "DATE", "2023-W10"),
    # Years written short, in the DCT's century unless that is more than ten years ahead.
    # A list item's first word is no name before a number ("Resolution 1701").
    ("- Between 2017 and 2019, Iran signed deals.", "2024-12-20", "2017", "DATE", "2017"),
    ("When I was there in '82, the Guards had arrived.", "2024-06-10", "'82", "DATE", "1982"),
    ("Since ’06 it has grown.", "2024-06-10", "’06", "DATE", "2006"),
    ("In the ’90s, trade grew.", "2024-06-10", "the ’90s", "DATE", "199"),
    ("The strikes began on Sept. 30 near Homs.", "2015-10-05", "Sept. 30", "DATE", "2015-09-30"),
    ("He arrived on December 15th.", "2015-12-20", "December 15th", "DATE", "2015-12-15"),
    ("The meeting was held on Dec, 11th.", "2015-12-15", "Dec, 11th", "DATE", "2015-12-11"),
    ("The helicopter crashed on May 19.", "2024-05-31", "May 19", "DATE", "2024-05-19"),
    ("The vote will be held on Jan. 12.", "2015-12-15", "Jan. 12", "DATE", "2016-01-12"),
    (
        "Its behaviour since October 7 worried Tehran.",
        "2024-05-31",
        "October 7",
        "DATE",
        "2023-10-07",
    ),
    # Days spoken as words, in transcripts.
    (
        "Women's Day is this coming Sunday, March eighth.",
        "1998-03-05",
        "Sunday, March eighth",
        "DATE",
        "1998-03-08",
    ),
    (
        "It was signed on the twenty-first of June 2019.",
        "2024-12-12",
        "the twenty-first of June 2019",
        "DATE",
        "2019-06-21",
    ),
    ("We met on March the second in Rome.", "1998-03-05", "March the second", "DATE", "1998-03-02"),
    (
        "On June twenty-fifth, 2012, they met.",
        "2024-12-12",
        "June twenty-fifth, 2012",
        "DATE",
        "2012-06-25",
    ),
    ("In March second-quarter sales fell.", "1989-10-26", "March", "DATE", "1989-03"),
    # The tense outweighs a reading a few months nearer the DCT, not one a few weeks away.
    ("He stepped down as chairman in March.", "1989-11-02", "March", "DATE", "1989-03"),
    ("Officials unveiled the budget in March.", "1989-11-02", "March", "DATE", "1989-03"),
    ("The bid was extended to Nov. 20.", "1989-11-02", "Nov. 20", "DATE", "1989-11-20"),
    # Five weeks on is no longer "a few weeks away": past tense, the December before.
    (
        "The firm changed to a calendar year in December.",
        "1989-10-27",
        "December",
        "DATE",
        "1988-12",
    ),
    (
        "In January, the board brought in a chief who will remain as chairman.",
        "1989-10-27",
        "January",
        "DATE",
        "1989-01",
    ),
    # A period in a number ends no sentence: "rose" still sets the tense of "March".
    (
        "Its stock rose to $42.875 a share in June from $29.75 in March.",
        "1989-10-30",
        "March",
        "DATE",
        "1989-03",
    ),
    # A date that opens its sentence takes the tense of the whole sentence, which a period
    # followed by a comma ("Ala.,") does not end.
    (
        "In January, a week after the 25th anniversary of the Roe vs. Wade Supreme Court "
        "decision, a clinic bombing in Birmingham, Ala., killed a security guard.",
        "1998-10-25",
        "January",
        "DATE",
        "1998-01",
    ),
    (
        "On Tuesday, the National Abortion and Reproductive Rights Action League plans to "
        "hold a news conference.",
        "1998-10-26",
        "Tuesday",
        "DATE",
        "1998-10-27",
    ),
    # A schedule in the present tense looks ahead, as the future does.
    ("The election is in November.", "2025-02-10", "November", "DATE", "2025-11"),
    ("The vote is on Thursday.", "2025-02-10", "Thursday", "DATE", "2025-02-13"),
    ("Talks are set for Dec. 5.", "2025-01-20", "Dec. 5", "DATE", "2025-12-05"),
    ("The election was in November.", "2025-02-10", "November", "DATE", "2024-11"),
    # With no tense at all, news looks back: the future reading must be two months nearer.
    (
        "The index is within 70 points of its record high set on Aug. 6.",
        "1998-02-06",
        "Aug. 6",
        "DATE",
        "1997-08-06",
    ),
    ("Analysts expect a rebound in February.", "1989-10-30", "February", "DATE", "1990-02"),
    (
        "Two flights on Mondays, with a third each Thursday from August 6.",
        "1998-02-13",
        "August 6",
        "DATE",
        "1998-08-06",
    ),
    # A deadline may lie ahead of a past verb; a reported clause has its own tense.
    (
        "The bank has extended the loans through January.",
        "1989-10-30",
        "January",
        "DATE",
        "1990-01",
    ),
    (
        "They said they expect the sale to be completed by Dec. 15.",
        "1989-10-30",
        "Dec. 15",
        "DATE",
        "1989-12-15",
    ),
    (
        "The company said it is calling for the redemption on Dec. 7.",
        "1989-11-01",
        "Dec. 7",
        "DATE",
        "1989-12-07",
    ),
    ("He said in December that it failed.", "1989-10-27", "December", "DATE", "1988-12"),
    # What was decided is ahead; "he said" after the date says nothing of its tense.
    (
        "NATO has decided to admit Poland in early March, an official said.",
        "1999-02-10",
        "early March",
        "DATE",
        "1999-03",
    ),
    ("The sale closes in March, he said.", "1989-11-02", "March", "DATE", "1990-03"),
    ("He returned to power in March.", "1989-11-02", "March", "DATE", "1989-03"),
    ("It created a new office, effective Feb. 1.", "1989-10-26", "Feb. 1", "DATE", "1990-02-01"),
    ("They plan a victory rally on Sunday.", "1996-12-10", "Sunday", "DATE", "1996-12-15"),
    # Quoted, but not a title: "60 minutes" is the length said.
    ("The talk lasted ''60 minutes.''", "1996-12-10", "60 minutes", "DURATION", "PT60M"),
    # A participle that modifies a noun is no verb: the trip was planned, the warning lifted.
    (
        "On Friday, when Albright set aside vacation plans for the hastily planned trip to "
        "East Africa, the State Department lifted a warning against travel to Kenya.",
        "1998-08-17",
        "Friday",
        "DATE",
        "1998-08-14",
    ),
    (
        "The talks resumed at a newly scheduled meeting on Tuesday.",
        "1998-08-20",
        "Tuesday",
        "DATE",
        "1998-08-18",
    ),
    (
        "It is payable on an unspecified date in January.",
        "1989-10-26",
        "January",
        "DATE",
        "1990-01",
    ),
    ("Saturday, July 13, 2024", "2024-07-13", "Saturday, July 13, 2024", "DATE", "2024-07-13"),
    (
        "Date of publication: June 8, 2017 09:08 am",
        "2017-06-08",
        "June 8, 2017 09:08 am",
        "TIME",
        "2017-06-08T09:08",
    ),
    # Months, years, decades, centuries, seasons, quarters, halves.
    ("He visited Moscow in July 2015.", "2024-12-12", "July 2015", "DATE", "2015-07"),
    ("Iran has warned Syria since September.", "2024-12-12", "September", "DATE", "2024-09"),
    ("Fighting has raged since about March.", "2024-12-12", "about March", "DATE", "2024-03"),
    ("Fighting resumed in November.", "2024-12-12", "November", "DATE", "2024-11"),
    ("The pipeline was closed in 1982.", "2024-12-12", "1982", "DATE", "1982"),
    ("It was built in the 1980s.", "2024-12-12", "the 1980s", "DATE", "198"),
    ("Growth was stronger in the '90s.", "2019-10-23", "the '90s", "DATE", "199"),
    # A decade counted from the decade last stated, or from a later year.
    (
        "Iran grew closer to Syria in the 1990s. The following decade, ties deepened.",
        "2024-12-09",
        "The following decade",
        "DATE",
        "200",
    ),
    (
        "Iran grew closer in the 1990s, and in 2003. The following decade, ties deepened.",
        "2024-12-09",
        "The following decade",
        "DATE",
        "201",
    ),
    ("The war ended in the 20th century.", "2024-12-12", "the 20th century", "DATE", "19"),
    ("Talks resumed in early 2017.", "2024-12-12", "early 2017", "DATE", "2017"),
    ("Wages rose in mid-May.", "2019-10-23", "mid-May", "DATE", "2019-05"),
    ("The March accession will follow.", "1999-02-10", "March", "DATE", "1999-03"),
    ("He lost the May elections.", "2024-12-12", "May", "DATE", "2024-05"),
    (
        "Russia intervened in the summer of 2015.",
        "2024-12-12",
        "the summer of 2015",
        "DATE",
        "2015-SU",
    ),
    (
        "Output fell in the third quarter of 2019.",
        "2019-10-23",
        "the third quarter of 2019",
        "DATE",
        "2019-Q3",
    ),
    ("Exports grew in Q1 2017.", "2019-10-23", "Q1 2017", "DATE", "2017-Q1"),
    ("Profit rose in the first quarter.", "2019-10-23", "the first quarter", "DATE", "2019-Q1"),
    ("The first half of 2017 was calm.", "2019-10-23", "The first half of 2017", "DATE", "2017-H1"),
    (
        "Earnings will be lower for the last half of 1989.",
        "1989-10-26",
        "the last half of 1989",
        "DATE",
        "1989-H2",
    ),
    (
        "The slump will last through the first two quarters of 1990.",
        "1989-10-26",
        "the first two quarters of 1990",
        "DATE",
        "1990-H1",
    ),
    ("It was written in nineteen ninety-six.", "2024-12-12", "nineteen ninety-six", "DATE", "1996"),
    # Relative to the DCT.
    ("Officials met yesterday in Damascus.", "2024-12-12", "yesterday", "DATE", "2024-12-11"),
    ("The ministers will meet tomorrow.", "2024-12-12", "tomorrow", "DATE", "2024-12-13"),
    ("The ministers met on Thursday.", "2024-05-31", "Thursday", "DATE", "2024-05-30"),
    ("The ministers will meet on Thursday.", "2024-05-31", "Thursday", "DATE", "2024-06-06"),
    # The DCT's own weekday is its day, in any tense; "next" and "last" one are a week away.
    ("The ministers met on Friday.", "2024-05-31", "Friday", "DATE", "2024-05-31"),
    ("The ministers will meet on Friday.", "2024-05-31", "Friday", "DATE", "2024-05-31"),
    ("The ministers will meet next Friday.", "2024-05-31", "next Friday", "DATE", "2024-06-07"),
    ("The ministers met last Friday.", "2024-05-31", "last Friday", "DATE", "2024-05-24"),
    ("Araghchi visited Ankara last week.", "2024-12-12", "last week", "DATE", "2024-W49"),
    (
        "A hearing is set for the week of March 6.",
        "2000-02-24",
        "the week of March 6",
        "DATE",
        "2000-W10",
    ),
    ("A budget goes to parliament next month.", "2019-10-23", "next month", "DATE", "2019-11"),
    ("Prices rose this year.", "2024-12-12", "this year", "DATE", "2024"),
    ("The state was founded 75 years ago.", "2024-12-12", "75 years ago", "DATE", "1949"),
    ("Elections were held two years ago.", "2024-12-12", "two years ago", "DATE", "2022"),
    ("The wall fell a decade ago.", "1999-03-12", "a decade ago", "DATE", "1989"),
    ("It began two decades ago.", "2024-12-12", "two decades ago", "DATE", "2004"),
    ("The result was certified at 3 p.m.", "1996-12-13", "3 p.m.", "TIME", "1996-12-13T15:00"),
    (
        "Results will be posted at 7:30 a.m. Tuesday.",
        "1996-12-13",
        "7:30 a.m. Tuesday",
        "TIME",
        "1996-12-17T07:30",
    ),
    ("Rebels attacked last night.", "2024-12-12", "last night", "TIME", "2024-12-11TNI"),
    # A weekday's part of the day is a time of that day.
    ("Israel struck on Friday night.", "2024-09-18", "Friday night", "TIME", "2024-09-13TNI"),
    ("He spoke Wednesday evening.", "2024-09-18", "Wednesday evening", "TIME", "2024-09-18TEV"),
    (
        "Talks ended late Sunday morning.",
        "2024-09-18",
        "late Sunday morning",
        "TIME",
        "2024-09-15TMO",
    ),
    ("They met Tuesday afternoon.", "2024-09-18", "Tuesday afternoon", "TIME", "2024-09-17TAF"),
    # "Overnight": the night before the DCT, or the night of it still to come.
    ("Overnight, Israel struck Damascus.", "2024-09-18", "Overnight", "TIME", "2024-09-17TNI"),
    ("Shares fell on overnight losses.", "1989-10-27", "overnight", "TIME", "1989-10-26TNI"),
    ("Crews will work overnight to fix it.", "2024-09-18", "overnight", "TIME", "2024-09-18TNI"),
    # A fiscal year is the year it ends in, its number glued on or not.
    ("The FY2021 budget was cut.", "2024-09-18", "FY2021", "DATE", "2021"),
    ("The FY 2019 budget was cut.", "2024-09-18", "FY 2019", "DATE", "2019"),
    ("The FY21 budget was cut.", "2024-09-18", "FY21", "DATE", "2021"),
    ("The FY99 budget was cut.", "2024-09-18", "FY99", "DATE", "1999"),
    # The 24-hour clock, with a zone, after a preposition, or opening a live blog's entry.
    ("The Pentagon spoke at 14:32 GMT.", "2024-04-02", "14:32 GMT", "TIME", "2024-04-02T14:32"),
    ("The Pentagon spoke at 14:32.", "2024-04-02", "14:32", "TIME", "2024-04-02T14:32"),
    (
        "It began at 09:05 local time (06:05 GMT) on Monday.",
        "2024-04-02",
        "09:05 local time",
        "TIME",
        "2024-04-01T09:05",
    ),
    (
        "State TV cut in at 01:30 Tehran time.",
        "2024-04-02",
        "01:30 Tehran time",
        "TIME",
        "2024-04-02T01:30",
    ),
    ("16:48 GMT\nIran vows revenge.", "2024-04-02", "16:48 GMT", "TIME", "2024-04-02T16:48"),
    ("16:10\nThe US denies any role.", "2024-04-02", "16:10", "TIME", "2024-04-02T16:10"),
    # A month or weekday named with "last": the most recent one, skipping the month just
    # past ("last month" would name it) and the DCT's own weekday.
    ("The board approved the plan last April.", "1989-10-27", "last April", "DATE", "1989-04"),
    ("Two helicopters crashed last February.", "1998-03-01", "last February", "DATE", "1997-02"),
    ("He was shot last Oct. 23 at his home.", "1999-04-19", "last Oct. 23", "DATE", "1998-10-23"),
    ("Shares were issued last Monday.", "1989-10-30", "last Monday", "DATE", "1989-10-23"),
    # A month of a year named by its relation: to the DCT, or to the year last stated.
    ("It rejoined in May of last year.", "2024-06-10", "May of last year", "DATE", "2023-05"),
    ("It happened in February last year.", "2024-06-10", "February last year", "DATE", "2023-02"),
    (
        "A credit was announced in January 2013; another followed in July of that year.",
        "2024-02-20",
        "July of that year",
        "DATE",
        "2013-07",
    ),
    (
        "It began in 2013. In July of the following year, it grew.",
        "2024-02-20",
        "July of the following year",
        "DATE",
        "2014-07",
    ),
    # Tense: irregular past forms count, words merely ending in -ed do not, and "as soon as"
    # looks ahead.
    ("The firm sold its plant in March.", "1989-10-15", "March", "DATE", "1989-03"),
    ("She will fly to the United States Thursday.", "2000-04-05", "Thursday", "DATE", "2000-04-06"),
    # A wait that ends on a weekday ends ahead; an event once due on one is behind.
    (
        "Officials postponed until Tuesday any action.",
        "2000-03-30",
        "Tuesday",
        "DATE",
        "2000-04-04",
    ),
    ("Until Thursday, they had not called him.", "1999-05-07", "Thursday", "DATE", "1999-05-06"),
    ("Prices rose ahead of Sunday's vote.", "2000-01-07", "Sunday", "DATE", "2000-01-09"),
    (  # "followed" opens a phrase; the day before is ahead, and so is this one
        "A funeral is planned for Thursday morning in Tehran, followed by burials on Friday.",
        "2024-04-02",
        "Friday",
        "DATE",
        "2024-04-05",
    ),
    # A deadline is ahead, whatever was asked before it.
    (
        "Partners were asked to submit proposals no later than 31 December.",
        "2023-07-14",
        "31 December",
        "DATE",
        "2023-12-31",
    ),
    # A weekday's thing done, answered in any tense, is behind, unless still awaited.
    ("Lawyers will appeal Wednesday's ruling.", "2000-01-07", "Wednesday", "DATE", "2000-01-05"),
    (
        "Iran will retaliate for Monday's Israeli strike.",
        "2024-04-04",
        "Monday",
        "DATE",
        "2024-04-01",
    ),
    ("They will attend Wednesday's meeting.", "2000-01-07", "Wednesday", "DATE", "2000-01-12"),
    ("Lawyers will wait for Wednesday's ruling.", "2000-01-07", "Wednesday", "DATE", "2000-01-12"),
    ("It had been due to expire Friday.", "1989-10-30", "Friday", "DATE", "1989-10-27"),
    ("The team could leave as soon as Tuesday.", "2000-04-03", "Tuesday", "DATE", "2000-04-04"),
    (
        "It would publish the certified results at 7:30 a.m. Tuesday.",
        "1996-12-13",
        "7:30 a.m. Tuesday",
        "TIME",
        "1996-12-17T07:30",
    ),
    # "next to" is no future; the period of "U.S." or "Jan." ends no sentence.
    (
        "A bomb ripped through a building next to the U.S. embassy Friday.",
        "1998-08-08",
        "Friday",
        "DATE",
        "1998-08-07",
    ),
    ("Sales rose in Jan. and Feb.", "1998-08-17", "Feb.", "DATE", "1998-02"),
    ("Prices have risen 5% since year-end.", "1989-10-30", "year-end", "DATE", "1988-12-31"),
    ("It will cut 6,000 jobs by year end.", "1989-10-26", "year end", "DATE", "1989"),
    ("Rules should be in place by year's end.", "1989-10-26", "year's end", "DATE", "1989"),
    ("It closes by the end of the year.", "1989-10-26", "the end of the year", "DATE", "1989"),
    # The quarter a results story reports on: not one ahead, nor the one under way.
    (
        "Profit fell in the third quarter. Mills will report losses through the third quarter"
        " of 1990. In the year-ago period, it earned $101 million.",
        "1989-10-26",
        "the year-ago period",
        "DATE",
        "1988-Q3",
    ),
    (
        "Profit rose in the third quarter, and the current quarter has begun well.",
        "1989-10-26",
        "the current quarter",
        "DATE",
        "1989-Q4",
    ),
    (
        "GDP rose in the third quarter, figures showed today: 0.2 percent from the previous"
        " quarter.",
        "2019-10-23",
        "the previous quarter",
        "DATE",
        "2019-Q2",
    ),
    (
        "It lost C$2.3 million for the fiscal-first quarter, against a profit a year ago.",
        "1989-10-26",
        "a year ago",
        "DATE",
        "1988-Q1",
    ),
    (
        "The cut may take effect in next year's first quarter.",
        "1989-10-26",
        "next year's first quarter",
        "DATE",
        "1990-Q1",
    ),
    (
        "Sun earned $5 million in the first quarter but lost $20 million in its fourth quarter.",
        "1989-10-26",
        "its fourth quarter",
        "DATE",
        "1989-Q4",
    ),
    # A results story is on its latest quarter; an earlier one it names is a comparison.
    (
        "Profit rose 20% in the third quarter. After a flat second quarter, sales recovered. "
        "In the year-earlier period, the company lost money.",
        "1989-11-01",
        "the year-earlier period",
        "DATE",
        "1988-Q3",
    ),
    (
        "Armco's third-quarter profit fell. National Steel posted net income for the fiscal "
        "second quarter. The latest period includes gains.",
        "1989-10-26",
        "The latest period",
        "DATE",
        "1989-Q2",
    ),
    # A story's nine months are compared with the year before, not with its quarter.
    (
        "Profit rose in the third quarter. For the nine months, the company earned $2 "
        "billion, up from $1.7 billion a year earlier.",
        "1989-10-26",
        "a year earlier",
        "DATE",
        "1988",
    ),
    (
        "Third-quarter net rose. In the first nine months, net was $306 million, compared "
        "with a loss in the 1988 period.",
        "1989-11-02",
        "the 1988 period",
        "DATE",
        "1988",
    ),
    (
        "Third-quarter net rose. For the nine months, net rose 5%.\n\nRevenue fell from a "
        "year ago.",
        "1989-11-02",
        "a year ago",
        "DATE",
        "1988-Q3",
    ),
    # "Today": the day, unless it speaks of the present.
    ("Today is the third day of the strike.", "1990-08-15", "Today", "DATE", "1990-08-15"),
    ("The offer runs from today through Nov. 17.", "1989-10-27", "today", "DATE", "1989-10-27"),
    ("Today's session opens at nine.", "1998-01-21", "Today", "DATE", "1998-01-21"),
    (
        "Changes are happening today that must be approved.",
        "2024-12-11",
        "today",
        "DATE",
        "PRESENT_REF",
    ),
    ("The recent offensive changed the map.", "2024-12-12", "recent", "DATE", "PAST_REF"),
    ("His statements a while ago were clear.", "2024-12-12", "a while ago", "DATE", "PAST_REF"),
    ("Not long ago, the two met.", "2024-12-12", "Not long ago", "DATE", "PAST_REF"),
    ("It was a little while ago.", "2024-12-12", "a little while ago", "DATE", "PAST_REF"),
    ("They left a long time ago.", "2024-12-12", "a long time ago", "DATE", "PAST_REF"),
    ("Five people died in a week.", "1998-03-05", "a week", "DURATION", "P1W"),
    ("We want the people of tomorrow.", "1989-10-27", "tomorrow", "DATE", "FUTURE_REF"),
    ("Prosecutors may soon seek an indictment.", "1989-10-27", "soon", "DATE", "FUTURE_REF"),
    ("It will be healthy enough soon to buy debt.", "1989-10-30", "soon", "DATE", "FUTURE_REF"),
    (
        "They want him back as soon as possible.",
        "2000-01-28",
        "as soon as possible",
        "DATE",
        "FUTURE_REF",
    ),
    # "Today is the eighth day of": the day itself.
    (
        "In Saudi Arabia, today is the eighth day of Desert Shield.",
        "1990-08-15",
        "the eighth day",
        "DATE",
        "1990-08-15",
    ),
    (
        "It's the second day of an offensive by the police.",
        "1998-03-06",
        "the second day",
        "DATE",
        "1998-03-06",
    ),
    # "The day before": the day before the date last stated, unless "before" opens the
    # event that the day precedes.
    (
        "He came on Nov. 3. The day before, he called.",
        "1998-11-20",
        "The day before",
        "DATE",
        "1998-11-02",
    ),
    (
        "He was seen Nov. 3, the day before a warrant was issued.",
        "1998-11-20",
        "the day",
        "DATE",
        "1998-11-03",
    ),
    (
        "She landed on Aug. 11 and left later in the day before returning home.",
        "1998-08-17",
        "the day",
        "DATE",
        "1998-08-11",
    ),
    (  # "something" is no gerund: the day before Aug. 11
        "She landed on Aug. 11. The day before something had changed.",
        "1998-08-17",
        "The day before",
        "DATE",
        "1998-08-10",
    ),
    # "That same day" after a month: a day of it, which the text does not say.
    (
        "He was killed last October. His name was crossed out that same day.",
        "1999-02-06",
        "that same day",
        "DATE",
        "1998-10-XX",
    ),
    (
        "He was killed on Oct. 23. His name was crossed out that same day.",
        "1999-02-06",
        "that same day",
        "DATE",
        "1998-10-23",
    ),
    # Before a date, the day next to that date: one expression.
    (
        "They met the day after Christmas.",
        "2000-02-24",
        "the day after Christmas",
        "DATE",
        "1999-12-26",
    ),
    (
        "It fell the day after Sept. 11, 2001.",
        "2010-01-01",
        "the day after Sept. 11, 2001",
        "DATE",
        "2001-09-12",
    ),
    (
        "The day before last Tuesday's federal court hearing, Manuel went to the house.",
        "2000-02-24",
        "The day before last Tuesday",
        "DATE",
        "2000-02-21",
    ),
    (  # and the day it names is the one counted from next
        "The day before last Tuesday's hearing, he flew in, and he was in court the next day.",
        "2000-02-24",
        "the next day",
        "DATE",
        "2000-02-22",
    ),
    # Holidays, dated like a month and day without a year.
    (
        "The boy was rescued Thanksgiving Day off the coast.",
        "2000-01-07",
        "Thanksgiving Day",
        "DATE",
        "1999-11-25",
    ),
    (
        "He was last seen last Thanksgiving.",
        "2000-02-10",
        "last Thanksgiving",
        "DATE",
        "1999-11-25",
    ),
    ("The campaign runs to Election Day.", "1998-10-26", "Election Day", "DATE", "1998-11-03"),
    ("Shops will close on Christmas Eve.", "2024-12-12", "Christmas Eve", "DATE", "2024-12-24"),
    # Movable feasts: Easter as dateutil reckons it; Holy Week is the ISO week it ends.
    ("Protesters prayed as Easter week began.", "2000-04-17", "Easter week", "DATE", "2000-W16"),
    ("They marched on Good Friday.", "2024-04-01", "Good Friday", "DATE", "2024-03-29"),
    (
        "The rising began on Easter Monday 1916.",
        "2024-04-01",
        "Easter Monday 1916",
        "DATE",
        "1916-04-24",
    ),
    ("Shops reopen after Labor Day.", "1989-08-20", "Labor Day", "DATE", "1989-09-04"),
    ("The parade was on Memorial Day.", "2024-06-10", "Memorial Day", "DATE", "2024-05-27"),
    # Relative to a date the text stated.
    (
        "Stocks closed Friday at a high, up 2% from the previous Friday.",
        "1989-10-30",
        "previous Friday",
        "DATE",
        "1989-10-20",
    ),
    (
        "Talks began on 30 September 2015. A day later, they broke down.",
        "2024-12-12",
        "A day later",
        "DATE",
        "2015-10-01",
    ),
    (
        "The forecast was cut on July 12, and two weeks later the bank cut too.",
        "2019-10-23",
        "two weeks later",
        "DATE",
        "2019-07-26",
    ),
    # Counted from the date last stated, a season's year among them.
    (
        "I was in Damascus in the summer of 2013. Ten years before that, it was calm.",
        "2024-06-10",
        "Ten years before that",
        "DATE",
        "2003",
    ),
    # Counted in months or years, the day is not meant.
    (
        "Russia intervened on 30 September 2015. Two years later, Deir ez-Zor fell.",
        "2024-02-20",
        "Two years later",
        "DATE",
        "2017",
    ),
    (
        "Russia intervened on 30 September 2015. Three months later, talks began.",
        "2024-02-20",
        "Three months later",
        "DATE",
        "2015-12",
    ),
    # A month or day without its year, in a sentence at a day or month of another year,
    # is the one nearest that, either side; not when that date is in a relative clause,
    # nor in another sentence.
    (
        "30 September 2015 – Russia begins air strikes; Soleimani had visited Moscow in July.",
        "2024-04-14",
        "July",
        "DATE",
        "2015-07",
    ),
    (
        "On 3 January 2020 Soleimani was killed, and on Jan. 8 Iran struck back.",
        "2024-04-14",
        "Jan. 8",
        "DATE",
        "2020-01-08",
    ),
    (
        "In December 2015, Iran said it will withdraw in March.",
        "2024-04-14",
        "March",
        "DATE",
        "2016-03",
    ),
    (
        "The plan, drawn up after a heatwave that peaked on 12 August 2003, was adopted on May 19.",
        "2025-07-17",
        "May 19",
        "DATE",
        "2025-05-19",
    ),
    # A year that heads a line of a chronology dates the line.
    ("2013, June 5: Hezbollah enters Qusayr.", "2024-12-10", "June 5", "DATE", "2013-06-05"),
    ("- 2020, Jan. 3: Soleimani is killed.", "2024-12-10", "Jan. 3", "DATE", "2020-01-03"),
    ("2003, March: the US invades Iraq.", "2024-12-10", "March", "DATE", "2003-03"),
    ("2024 – Apr. 13: Iran strikes Israel.", "2024-12-10", "Apr. 13", "DATE", "2024-04-13"),
    # A year that opens a sentence sets the time of the story, for the sentence and for
    # those after it in the past tense; not a year that names a thing, nor into the future.
    ("In 2013, June was hot.", "2024-12-10", "June", "DATE", "2013-06"),
    ("In 2015, Iran agreed in July to cap enrichment.", "2024-12-10", "July", "DATE", "2015-07"),
    ("In 2015, Iran signed. In July, it began to comply.", "2024-12-10", "July", "DATE", "2015-07"),
    (
        "It was 2020. The day they killed Soleimani, the third of January, Iran vowed revenge.",
        "2024-12-10",
        "the third of January",
        "DATE",
        "2020-01-03",
    ),
    ("The 2015 deal was signed. In July, Iran complied.", "2024-12-10", "July", "DATE", "2024-07"),
    ("In 2015, Iran signed. In July, it will vote.", "2024-12-10", "July", "DATE", "2025-07"),
    (
        "By the summer of 2015 Assad was losing. Soleimani flew to Moscow in July.",
        "2024-12-15",
        "July",
        "DATE",
        "2015-07",
    ),
    ("In 2015, Iran signed.\n\nIn July, it voted.", "2024-12-10", "July", "DATE", "2024-07"),
    # So does a month of a year opening its sentence, for a day or month after it.
    (
        "In September 2015, Russia deployed jets to Latakia. On Sept. 30, they struck Homs.",
        "2024-12-10",
        "Sept. 30",
        "DATE",
        "2015-09-30",
    ),
    (
        "In March 2013 a brigade came. By May 12 it held the town.",
        "2024-12-10",
        "May 12",
        "DATE",
        "2013-05-12",
    ),
    (
        "In mid-July 2015, talks ended. In August, Iran complied.",
        "2024-12-10",
        "August",
        "DATE",
        "2015-08",
    ),
    (
        "In November 2023, the truce failed. On Dec. 3, rebels will move.",
        "2024-12-10",
        "Dec. 3",
        "DATE",
        "2024-12-03",
    ),
    (
        "In July 2015, Iran signed.\n\nOn July 30, it voted.",
        "2024-12-10",
        "July 30",
        "DATE",
        "2024-07-30",
    ),
    # A day without its year weeks from the day a sentence before it stated is further on
    # in that story; not a day months from it, nor one in a new paragraph.
    (
        "On Dec. 27, 2019, a rocket attack killed a contractor. The US struck back on Dec. 29.",
        "2024-02-03",
        "Dec. 29",
        "DATE",
        "2019-12-29",
    ),
    (
        "On 3 January 2020 a drone killed Soleimani. On 8 January Iran fired missiles.",
        "2024-05-01",
        "8 January",
        "DATE",
        "2020-01-08",
    ),
    (
        "On Dec. 27, 2019, rockets hit K-1. On Friday, Jan. 3, a drone killed Soleimani.",
        "2024-02-03",
        "Friday, Jan. 3",
        "DATE",
        "2020-01-03",
    ),
    (
        "The deal was signed on 14 July 2015. On 8 May, Trump left it.",
        "2024-05-20",
        "8 May",
        "DATE",
        "2024-05-08",
    ),
    (
        "Iran signed on 14 July 2015.\n\nOn 29 July, talks resume.",
        "2024-05-20",
        "29 July",
        "DATE",
        "2024-07-29",
    ),
    (
        "The August 1988 cease-fire held. Iraq invaded Kuwait on Aug. 2.",
        "1990-08-15",
        "Aug. 2",
        "DATE",
        "1990-08-02",
    ),
    # Dates of the Solar Hijri and Islamic calendars, as the Gregorian days they cover; the
    # Islamic calendar's are approximate (its months start a day apart by country).
    (
        "On 15 Farvardin 1398 floods hit Shiraz.",
        "2024-11-21",
        "15 Farvardin 1398",
        "DATE",
        "2019-04-04",
    ),
    (
        "It happened on Farvardin 15, 1398.",
        "2024-11-21",
        "Farvardin 15, 1398",
        "DATE",
        "2019-04-04",
    ),
    ("In Mehr 1403, prices rose.", "2024-11-21", "Mehr 1403", "DATE", "2024-09-22/2024-10-21"),
    ("Esfand 1402 was cold.", "2024-11-21", "Esfand 1402", "DATE", "2024-02-20/2024-03-19"),
    (
        "In the Iranian year 1402, inflation rose.",
        "2024-11-21",
        "the Iranian year 1402",
        "DATE",
        "2023-03-21/2024-03-19",
    ),
    ("It was 1403 SH.", "2024-11-21", "1403 SH", "DATE", "2024-03-20/2025-03-20"),
    ("It was 1445 AH.", "2024-11-21", "1445 AH", "DATE", "2023-07-19/2024-07-06"),
    ("the Hijri year 1446", "2024-11-21", "the Hijri year 1446", "DATE", "2024-07-07/2025-06-25"),
    (
        "On 1 Ramadan 1445 AH fasting began.",
        "2024-11-21",
        "1 Ramadan 1445 AH",
        "DATE",
        "2024-03-11",
    ),
    (
        "It fell on Rabi' al-Awwal 12, 1446.",
        "2024-11-21",
        "Rabi' al-Awwal 12, 1446",
        "DATE",
        "2024-09-15",
    ),
    (
        "He died on 10 Dhu al-Hijjah 1444.",
        "2024-11-21",
        "10 Dhu al-Hijjah 1444",
        "DATE",
        "2023-06-28",
    ),
    (
        "In Ramadan 1445, fighting paused.",
        "2024-11-21",
        "Ramadan 1445",
        "DATE",
        "2024-03-11/2024-04-09",
    ),
    # A month of the Islamic calendar without its year, by the words or the tense.
    ("During Ramadan, fighting paused.", "2024-11-21", "Ramadan", "DATE", "2024-03-11/2024-04-09"),
    (
        "Last Ramadan, fighting paused.",
        "2024-11-21",
        "Last Ramadan",
        "DATE",
        "2024-03-11/2024-04-09",
    ),
    ("Talks will resume after Ramadan.", "2024-11-21", "Ramadan", "DATE", "2025-03-01/2025-03-29"),
    (
        "They marched on the last Friday of the holy month of Ramadan.",
        "2024-11-21",
        "Ramadan",
        "DATE",
        "2024-03-11/2024-04-09",
    ),
    ("Mourners gathered in Muharram.", "2024-11-21", "Muharram", "DATE", "2024-07-07/2024-08-04"),
    # Holidays of Iran's calendars.
    ("Iran celebrated Nowruz.", "2024-11-21", "Nowruz", "DATE", "2024-03-20"),
    ("It was Nowruz 2019.", "2024-11-21", "Nowruz 2019", "DATE", "2019-03-21"),
    ("They met after Eid al-Fitr.", "2024-06-01", "Eid al-Fitr", "DATE", "2024-04-10"),
    ("Eid al-Adha 2023 was quiet.", "2024-11-21", "Eid al-Adha 2023", "DATE", "2023-06-28"),
    ("Crowds marched on Ashura.", "2024-11-21", "Ashura", "DATE", "2024-07-16"),
    ("Quds Day rallies were held.", "2024-11-21", "Quds Day", "DATE", "2024-04-05"),
    ("Pilgrims will walk for Arbaeen.", "2025-06-01", "Arbaeen", "DATE", "2025-08-14"),
    # Numeric dates: days first where the text writes them so, or the numbers say so.
    ("Published 22/01/2024.", "2024-03-12", "22/01/2024", "DATE", "2024-01-22"),
    (
        "Published 08/12/2024. Damascus fell on 8 December 2024.",
        "2024-12-10",
        "08/12/2024",
        "DATE",
        "2024-12-08",
    ),
    ("It began on 1/30/2024.", "2024-03-12", "1/30/2024", "DATE", "2024-01-30"),
    ("It began on 03/04/2024.", "2024-03-12", "03/04/2024", "DATE", "2024-03-04"),
    # The time restated in another zone before its weekday.
    (
        "It hit at about 5 p.m. local time (1400 GMT) on Monday.",
        "2024-04-02",
        "about 5 p.m.",
        "TIME",
        "2024-04-01T17:00",
    ),
    (
        "It hit shortly after 1 a.m. local time on Friday.",
        "2020-01-06",
        "1 a.m.",
        "TIME",
        "2020-01-03T01:00",
    ),
    # A weekday opening its sentence takes the reporting verb's tense, unless set off.
    (
        "On Sunday, the government said it would no longer abide by the deal.",
        "2020-01-06",
        "Sunday",
        "DATE",
        "2020-01-05",
    ),
    (
        "Sunday, officials said, the talks will resume.",
        "2020-01-06",
        "Sunday",
        "DATE",
        "2020-01-12",
    ),
    # The second of two weekdays joined lies with the first, or runs on from it.
    (
        "Russia, Iran and Turkey will hold another round of talks in the Kazakh capital "
        "Astana on Thursday and Friday.",
        "2017-12-16",
        "Friday",
        "DATE",
        "2017-12-22",
    ),
    ("Statements were made Friday and Thursday.", "2017-12-16", "Thursday", "DATE", "2017-12-14"),
    ("They met Monday to Wednesday.", "2017-12-16", "Wednesday", "DATE", "2017-12-13"),
    # A length that is an adjective leaves out the noun phrase's determiner.
    ("Iraq ended its eight-year war.", "2024-06-20", "eight-year", "DURATION", "P8Y"),
    ("It ended the six-year conflict.", "2024-06-20", "six-year", "DURATION", "P6Y"),
    # Halves of a year as reports write them, a fortnight, a winter across a slash.
    ("Revenue fell in H1 2020.", "2024-06-20", "H1 2020", "DATE", "2020-H1"),
    ("Costs rose in H2 2021.", "2024-06-20", "H2 2021", "DATE", "2021-H2"),
    ("Over the past fortnight it rained.", "2024-06-20", "the past fortnight", "DURATION", "P2W"),
    (
        "It froze in the winter of 2012/13.",
        "2024-06-20",
        "the winter of 2012/13",
        "DATE",
        "2012-WI",
    ),
    # A weekday opening a sentence with "Next" or "Last".
    ("Next Friday, we will pray.", "2019-05-31", "Next Friday", "DATE", "2019-06-07"),
    ("Last Friday, they marched.", "2019-05-31", "Last Friday", "DATE", "2019-05-24"),
    # An hour takes its day, and its half, from "last night" or "tonight" beside it.
    (
        "It hit at about 10 o'clock local time last night.",
        "2019-05-31",
        "about 10 o'clock",
        "TIME",
        "2019-05-30T22:00",
    ),
    ("It hit at 10 p.m. last night.", "2019-05-31", "10 p.m.", "TIME", "2019-05-30T22:00"),
    ("It hit at 2 a.m. last night.", "2019-05-31", "2 a.m.", "TIME", "2019-05-31T02:00"),
    ("We meet tonight at 9 o'clock.", "2019-05-31", "9 o'clock", "TIME", "2019-05-31T21:00"),
    ("At 11 o'clock this morning he left.", "2019-05-31", "11 o'clock", "TIME", "2019-05-31T11:00"),
    (
        "On Dec. 21, 1988, a bomb destroyed the jet. Libya agreed in April to hand over suspects.",
        "1999-06-07",
        "April",
        "DATE",
        "1999-04",
    ),
    # Durations, with numbers as words, hyphens and fractions.
    (
        "Sanctions hurt Syria over the past two years.",
        "2024-12-12",
        "the past two years",
        "DURATION",
        "P2Y",
    ),
    ("He signed a six-year contract.", "2024-12-12", "six-year", "DURATION", "P6Y"),
    (
        "The siege lasted four-and-a-half years.",
        "2024-12-12",
        "four-and-a-half years",
        "DURATION",
        "P4Y6M",
    ),
    (  # the farthest a length's first word may stand from its unit
        "The siege lasted approximately four-and-a-half years.",
        "2024-12-12",
        "approximately four-and-a-half years",
        "DURATION",
        "P4Y6M",
    ),
    ("The talks lasted twenty-four hours.", "2024-12-12", "twenty-four hours", "DURATION", "PT24H"),
    (
        "Gaza has been bombed for a year and some months.",
        "2024-12-11",
        "a year and some months",
        "DURATION",
        "P1YXM",
    ),
    (
        "The talks ran three hours and 20 minutes.",
        "2024-12-11",
        "three hours and 20 minutes",
        "DURATION",
        "PT3H20M",
    ),
    ("Ahead of the envoy's one-day trip.", "1998-08-17", "one-day", "DURATION", "P1D"),
    # "The year before" counts back from the year last stated.
    (
        "Sales fell to $300 million last year, from $450 million the year before.",
        "1998-09-07",
        "the year before",
        "DATE",
        "1996",
    ),
    (
        "Talks failed in 2015. The year before, they agreed.",
        "1998-09-07",
        "The year before",
        "DATE",
        "2014",
    ),
    (
        "They met in May 2015 and again the month after.",
        "1998-09-07",
        "the month after",
        "DATE",
        "2015-06",
    ),
    # A clock time takes its day from its own paragraph, else the DCT; or from a weekday
    # after the same time in another zone.
    (
        "It began after the Nov. 24 runoff. It ended at 3 p.m.",
        "1996-12-13",
        "3 p.m.",
        "TIME",
        "1996-11-24T15:00",
    ),
    (
        "It began after the Nov. 24 runoff.\n\nIt ended at 3 p.m.",
        "1996-12-13",
        "3 p.m.",
        "TIME",
        "1996-12-13T15:00",
    ),
    (
        "It went off at 10:35 a.m. (0735 GMT) Tuesday.",
        "1996-12-13",
        "10:35 a.m.",
        "TIME",
        "1996-12-10T10:35",
    ),
    # Hours in words: as said with "o'clock", by the part of the day otherwise.
    ("They met at ten o'clock.", "2000-04-05", "ten o'clock", "TIME", "2000-04-05T10:00"),
    (
        "He will leave at 4 in the morning.",
        "2000-04-05",
        "4 in the morning",
        "TIME",
        "2000-04-05T04:00",
    ),
    (
        "He will leave at 4 in the morning (4 a.m. EDT Thursday).",
        "2000-04-05",
        "4 in the morning",
        "TIME",
        "2000-04-06T04:00",
    ),
    (
        "By eleven at night on Tuesday, it was over.",
        "2000-04-05",
        "eleven at night on Tuesday",
        "TIME",
        "2000-04-04T23:00",
    ),
    (
        "We meet at seven in the evening, March 3.",
        "2000-04-05",
        "seven in the evening, March 3",
        "TIME",
        "2000-03-03T19:00",
    ),
    # The quarter ended on a date, in a text with no quarter of its own: the calendar
    # quarter that holds most of it.
    (
        "In the quarter ended July 31, Jayark had 5.6 million shares.",
        "1989-10-30",
        "the quarter",
        "DATE",
        "1989-Q2",
    ),
    (
        "For the quarter ended Sept. 30, Coast lost money.",
        "1989-10-30",
        "the quarter",
        "DATE",
        "1989-Q3",
    ),
    (
        "In the quarter ended Jan. 2, 1988, it lost money.",
        "1989-10-30",
        "the quarter",
        "DATE",
        "1987-Q4",
    ),
    (
        "In the quarter ended Nov. 30, it lost money.",
        "1989-10-30",
        "the quarter",
        "DATE",
        "1988-Q4",
    ),
    # A holiday with its year; a year after a capitalised word that is no name's.
    ("They met at Christmas 1998.", "2024-10-30", "Christmas 1998", "DATE", "1998-12-25"),
    (
        "On Thanksgiving Day, 1990, he left.",
        "2024-10-30",
        "Thanksgiving Day, 1990",
        "DATE",
        "1990-11-22",
    ),
    ("For 1988, it earned more.", "1989-10-26", "1988", "DATE", "1988"),
    ("Revenue rose in Fiscal 1990.", "1989-10-26", "Fiscal 1990", "DATE", "1990"),
    # "Today" after a capitalised word is a title ("VOA Today"), not after a sentence.
    ("We fought them in Iraq. Today, they are back.", "2024-12-12", "Today", "DATE", "PRESENT_REF"),
    # A period of a year before is still its length, as "the nine months" is.
    (
        "Net for the year-earlier nine months included a gain.",
        "1989-10-26",
        "the year-earlier nine months",
        "DURATION",
        "P9M",
    ),
    # Two units are one span, of the first unit at least.
    (
        "He probably died within weeks or months of his capture.",
        "1998-02-19",
        "weeks or months",
        "DURATION",
        "PXW",
    ),
    # "One day" is an amount of time after "by" or "been", else a vague time, or none.
    ("The move followed by one day a merger.", "1989-11-02", "one day", "DURATION", "P1D"),
    ("He had only been in the job one day.", "1989-10-30", "one day", "DURATION", "P1D"),
    ("Islam will one day be the largest faith.", "1998-03-01", "one day", "DATE", "FUTURE_REF"),
    ("Some day we will know.", "2024-12-09", "Some day", "DATE", "FUTURE_REF"),
    ("It will take a day to decide.", "2024-12-09", "a day", "DURATION", "P1D"),
    (
        "One day, right here in Tehran, everyone was sitting.",
        "2024-12-12",
        "One day",
        "DATE",
        "PAST_REF",
    ),
    ("After their third day-long meeting.", "2000-04-03", "day-long", "DURATION", "P1D"),
    ("The decades-long feud goes on.", "2000-04-03", "decades-long", "DURATION", "PXY"),
    ("Refugees stayed in camps for 2 1/2 years.", "2024-12-12", "2 1/2 years", "DURATION", "P2Y6M"),
    ("They have fought for years.", "2024-12-12", "years", "DURATION", "PXY"),
    (
        "It made a profit after several quarters of losses.",
        "1989-10-30",
        "several quarters",
        "DURATION",
        "PXM",
    ),
    (
        "Venice kept its secrets for two thousand years.",
        "1998-01-21",
        "two thousand years",
        "DURATION",
        "P2000Y",
    ),
    ("It took several months to agree.", "2024-12-12", "several months", "DURATION", "PXM"),
    ("Iran spent a decade in Syria.", "2024-12-12", "a decade", "DURATION", "P10Y"),
    (
        "In the 400–500 days since then, the war spread.",
        "2024-12-12",
        "the 400–500 days",
        "DURATION",
        "PXD",
    ),
    # Vague references and sets.
    ("Iran is now on the defensive.", "2024-12-12", "now", "DATE", "PRESENT_REF"),
    ("Iran recently reduced its forces.", "2024-12-12", "recently", "DATE", "PAST_REF"),
    ("The region's fate in the future is open.", "2024-12-12", "the future", "DATE", "FUTURE_REF"),
    ("Supply is tight these days.", "1989-10-27", "these days", "DATE", "PRESENT_REF"),
    ("The youth have not seen those days.", "2024-12-11", "those days", "DATE", "PAST_REF"),
    ("It was not advisable at the time.", "2024-12-11", "the time", "DATE", "PAST_REF"),
    ("In 1980 I was giving a speech that day.", "2024-12-11", "that day", "DATE", "PAST_REF"),
    ("It may hurt in the near term.", "1989-10-27", "the near term", "DATE", "FUTURE_REF"),
    ("It will help in the short term.", "1989-10-27", "the short term", "DATE", "FUTURE_REF"),
    (
        "Aqaba is the only outlet now that ports are shut.",
        "1990-08-16",
        "now",
        "DATE",
        "PRESENT_REF",
    ),
    ("Both sides report violations weekly.", "2016-01-14", "weekly", "SET", "P1W"),
    ("Taxes were cut every year since 2016.", "2019-10-23", "every year", "SET", "P1Y"),
    # How often, and rates, whether the amount is in digits or words; "per day" is the same.
    ("Flights run three times a week.", "1998-02-13", "three times a week", "SET", "P1W"),
    ("The council meets twice a year.", "2019-10-23", "twice a year", "SET", "P1Y"),
    ("Qantas flies there four flights a week.", "1998-02-13", "a week", "SET", "P1W"),
    ("The plan would save $2 million a year.", "1989-10-30", "a year", "SET", "P1Y"),
    ("Syria got 60,000 barrels a day from Iran.", "2016-01-14", "a day", "SET", "P1D"),
    ("Syria got 60,000 barrels per day from Iran.", "2016-01-14", "per day", "SET", "P1D"),
]

# Words and numbers that make up temporal expressions, and some at the edges of what they
# can be, to be shuffled into any order.
WORD_SALAD = [
    *(word for words in rules._TRIGGER_WORDS.values() for word in words.split()),
    *"the a last next this past coming early late mid ago later earlier from now since".split(),
    *"until in on of by 's , . - / : '80s 1990s 9999 0001 99999 12 31 29 2/29 13/45".split(),
    *"1999-02-29 10:61 25:00 p.m. a.m. half dozen few several first fourth twenty-four".split(),
    *"four-and-a-half 2 1/2 ½ fiscal Q4 Q5 İ ß Sept. Jan. 29th 31st thousand hundred".split(),
    *"2000 3000 1000000 and – to 95 13 3-5".split(),
]
# "2000 years ago", "four-and-a-half seconds", "a quarter later"...
AMOUNTS = st.builds(
    "{} {} {}".format,
    st.sampled_from(
        ["a", "two", "1.5", "four-and-a-half", "2 1/2", "2000", "9000", "1000000", "two thousand"]
    ),
    st.sampled_from(rules._TRIGGER_WORDS["unit-common"].split() + ["years", "quarters"]),
    st.sampled_from(["", "ago", "later", "earlier", "from now"]),
)

# Text with words that look like times but are not.
NOT_TIMES = [
    "He found one in the morning paper.",
    "They may leave before the vote.",
    "Thousands joined a march on the capital.",
    "He spoke at the March on Washington.",
    "The March was peaceful.",
    "About 2,000 troops were deployed.",
    "The motion passed with 1,984 votes.",
    "Prices began to fall sharply.",
    "He paid $2015 for the car.",
    "A 44-year-old man was charged.",
    "The Czech foreign minister, Jan Kavan, spoke.",
    "Ministers Janos Martonyi and Jan Kavan signed.",
    "Analysts expect a cut of a quarter of a percentage point.",
    "Iran's defence budget fell by about a quarter.",
    "The London-based daily Asharq Al-Awsat reported it.",
    "The court met on February thirtieth.",
    "The Labor Party met the Memorial Committee.",
    "Good Friends of the Holy See met.",
    # "Soon" after something else, or in the past, has no time of its own.
    "He was killed soon after being captured.",
    "They will come as soon as the threats end.",
    "The trickle of cash soon became a flood.",
    "It is too soon to say.",
    "It was the second day of the offensive.",
    "One day a movement is in power, another day it is not.",
    "A day after he was hounded, he spoke.",
    # Nor is "a day" a time to come, whatever the tense of its sentence.
    "Tehran had not expected it, a day after rebels entered Damascus.",
    "It will be a day of mourning.",
    # A capitalised word before a number makes it a name.
    "The Security Council adopted Resolution 1701.",
    "Farkas set up a venture called Orion 1980.",
    # A capitalised word before "Today" makes it a title.
    "This is VOA Today.",
    "She writes for USA Today.",
    # "The year before the war": the war's year is not said.
    "It was the year before the war.",
    # A title, a holiday's things, a weekday of a month, an ordinal "second".
    "The Day After Assad: What Iran Lost in Syria",
    "Protesters rallied for a second day.",
    # "The early hours" (of a day) are a time of night, not a length.
    "Police detained him in the early hours of the morning.",
    "Rebels entered the city in the small hours.",
    "Even Christmas cards carried the theme.",
    # Times that look like years.
    "The strike came at (1400 GMT).",
    # Numbers with a colon that are no time of day, and a quoted number.
    "Arsenal won 2:15 after extra time.",
    "Genesis 3:16 says so.",
    "'82 percent,' he said.",
    # Names that are months or holidays of other calendars elsewhere, and a year of theirs
    # that names something.
    "Taha Yassin Ramadan said so.",
    "Mehr News Agency reported it.",
    "The 15 Khordad uprising began it.",
    "Eid al-Fitr greetings were sent.",
    "The date 31 Esfand 1402 is no day.",
    # "Overnight" that is "suddenly", or a night of no date.
    "Peace will not come overnight.",
    "It changed almost overnight.",
    "She became an overnight success.",
    "They booked an overnight stay.",
    # A telephone number's last digits.
    "Tel: +90 342 211 1301.",
    "Phone: (202) 555-2011",
    # A capitalised length of time in quotes is a title.
    "Gonzalez said on CBS's ''60 Minutes.''",
    'He was a guest on "48 Hours".',
    "He talked on “60 Minutes”, the news show.",
]

# Expressions of the seeds themselves: (file, DCT as the manifest resolves it, text, value).
SEED_EXPRESSIONS = [
    ("001_a6239043b7f44526.txt", "2024-12-11", "yesterday", "2024-12-10"),
    ("001_a6239043b7f44526.txt", "2024-12-11", "75 years ago", "1949"),
    ("001_a6239043b7f44526.txt", "2024-12-11", "September", "2024-09"),
    ("001_a6239043b7f44526.txt", "2024-12-11", "October", "2024-10"),
    ("001_a6239043b7f44526.txt", "2024-12-11", "November", "2024-11"),
    ("002_e5474656ea9a69d0.txt", "2017-06-08", "June 8, 2017 09:08 am", "2017-06-08T09:08"),
    ("003_c7630da142b29633.txt", "2015-12-15", "Sept. 30", "2015-09-30"),
    ("003_c7630da142b29633.txt", "2015-12-15", "December 15th", "2015-12-15"),
    ("003_c7630da142b29633.txt", "2015-12-15", "Dec, 11th", "2015-12-11"),
    ("003_c7630da142b29633.txt", "2015-12-15", "November 28", "2015-11-28"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "Saturday, July 13, 2024", "2024-07-13"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "May 19", "2024-05-19"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "Thursday", "2024-05-30"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "May 2022", "2022-05"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "October 7", "2023-10-07"),
    ("004_cecc55bc2f7d4b03.txt", "2024-05-31", "2011", "2011"),
]


def found(text: str, dct: str | None) -> list[Timex]:
    return extract(text, date.fromisoformat(dct) if dct else None)


class FormsTests(SimpleTestCase):
    def test_each_form_is_found_and_normalised(self):
        for text, dct, expression, kind, value in FORMS:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, dct)}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                self.assertEqual(
                    (mentions[expression].type, mentions[expression].value), (kind, value)
                )

    def test_words_that_only_look_like_times_are_not_tagged(self):
        for text in NOT_TIMES:
            with self.subTest(text=text):
                self.assertEqual(found(text, "2024-12-12"), [])

    def test_a_list_is_one_expression_each_and_its_last_item_says_the_rest(self):
        cases = [  # text, DCT, (expression, value) of each item
            (
                "Iran warned Syria in September, October, and November.",
                "2024-12-12",
                [("September", "2024-09"), ("October", "2024-10"), ("November", "2024-11")],
            ),
            (
                "Iran sent troops in September, October, and November 2015.",
                "2024-12-12",
                [("September", "2015-09"), ("October", "2015-10"), ("November 2015", "2015-11")],
            ),
            (
                "Iran sent troops in November, December and January 2016.",
                "2024-12-12",
                [("November", "2015-11"), ("December", "2015-12"), ("January 2016", "2016-01")],
            ),
            (
                "Strikes came on 3, 5 and 8 March 2015.",
                "2024-12-12",
                [("3", "2015-03-03"), ("5", "2015-03-05"), ("8 March 2015", "2015-03-08")],
            ),
            (
                "Strikes came on 3, 5 and 8 March.",
                "2024-12-12",
                [("3", "2024-03-03"), ("5", "2024-03-05"), ("8 March", "2024-03-08")],
            ),
        ]
        for text, dct, expected in cases:
            with self.subTest(text=text):
                self.assertEqual([(m.text, m.value) for m in found(text, dct)], expected)


class RangeTests(SimpleTestCase):
    def test_each_end_of_a_range_is_tagged_and_the_first_takes_what_the_second_says(self):
        cases = [
            (
                "Drills are planned for Sep–Nov 2024.",
                "2023-01-10",
                [("Sep", "2024-09"), ("Nov 2024", "2024-11")],
            ),
            (
                "It ran from November to February 2025.",
                "2023-01-10",
                [("November", "2024-11"), ("February 2025", "2025-02")],
            ),
            (
                "Strikes hit Idlib on 3–5 March 2020.",
                "2024-12-12",
                [("3", "2020-03-03"), ("5 March 2020", "2020-03-05")],
            ),
            (
                "Strikes hit Idlib on March 3-5, 2020.",
                "2024-12-12",
                [("March 3", "2020-03-03"), ("5, 2020", "2020-03-05")],
            ),
            (
                "They met from March 30 to April 2, 2019.",
                "2024-12-12",
                [("March 30", "2019-03-30"), ("April 2, 2019", "2019-04-02")],
            ),
            (
                "The summit is on April 24 and 25.",
                "1999-03-12",
                [("April 24", "1999-04-24"), ("25", "1999-04-25")],
            ),
            (
                "Arms flowed in 2011-2013 and 1994–95.",
                "2024-12-12",
                [("2011", "2011"), ("2013", "2013"), ("1994", "1994"), ("95", "1995")],
            ),
            (
                "Budgets for 2011-12 and 1999-00 were cut, and 1995–03 was lean.",
                "2024-12-12",
                [
                    *[("2011", "2011"), ("12", "2012"), ("1999", "1999"), ("00", "2000")],
                    *[("1995", "1995"), ("03", "2003")],
                ],
            ),
            # A winter spans two years and is the first's; other seasons do not.
            (
                "Talks stalled in the winter of 2015-16 and in winter 1999–2000.",
                "2024-12-12",
                [("the winter of 2015-16", "2015-WI"), ("winter 1999–2000", "1999-WI")],
            ),
            (
                "Fighting eased in summer 2015-16 and the winter of 2015-17.",
                "2024-12-12",
                [("2015", "2015"), ("16", "2016"), ("2015", "2015"), ("17", "2017")],
            ),
            # Not ranges: a count after a day; a year and its month (ISO), after a hyphen.
            ("On March 3 and 25 people were killed.", "2024-10-01", [("March 3", "2024-03-03")]),
            ("The file is dated 2011-05.", "2024-12-12", [("2011-05", "2011-05")]),
            ("The file is dated 2011-00.", "2024-12-12", []),
        ]
        for text, dct, expected in cases:
            with self.subTest(text=text):
                self.assertEqual([(m.text, m.value) for m in found(text, dct)], expected)


class OffsetsTests(SimpleTestCase):
    def test_offsets_slice_the_text_as_given(self):
        text = "«Sur le terrain» — on 30 September 2015\r\n, and “yesterday”, Iran’s envoy left."
        mentions = found(text, "2015-10-05")
        self.assertEqual([m.text for m in mentions], ["30 September 2015", "yesterday"])
        for mention in mentions:
            self.assertEqual(text[mention.start : mention.end], mention.text)

    def test_a_letter_whose_lowercase_is_longer_keeps_the_offsets(self):
        # The tagger searches the text lowercased; "İ" lowercases to two characters.
        text = "İSTANBUL, İzmir: Last week the talks will resume next Tuesday, two years on."
        mentions = found(text, "2024-12-12")
        self.assertEqual(
            [(m.text, m.value) for m in mentions],
            [("Last week", "2024-W49"), ("next Tuesday", "2024-12-17"), ("two years", "P2Y")],
        )
        for mention in mentions:
            self.assertEqual(text[mention.start : mention.end], mention.text)

    def test_dates_beyond_the_calendar_are_vague_or_left_out(self):
        # Python's dates run from year 1 to 9999; arithmetic past them must not fail.
        cases = [
            ("The glassmakers kept it secret 2000 years ago.", "1998-01-21", ["PAST_REF"]),
            ("It will be done 9000 years from now.", "2024-12-12", ["FUTURE_REF"]),
            ("They met last Monday.", "0001-01-01", []),
            ("Profit fell in Q4.", "9999-12-31", ["9999-Q4"]),
            ("It opened in March.", "0001-01-15", ["0001-03"]),
            ("Shops shut last Christmas.", "0001-06-01", []),
            ("Shops shut on Easter Sunday.", "9999-12-31", ["9999-03-28"]),
            ("It rose for four-and-a-half seconds.", "2024-12-12", ["PT4.5S"]),
        ]
        for text, dct, values in cases:
            with self.subTest(text=text, dct=dct):
                self.assertEqual([m.value for m in found(text, dct)], values)

    @settings(max_examples=400, deadline=None, database=None, derandomize=True)
    @given(
        words=st.lists(st.one_of(st.sampled_from(WORD_SALAD), AMOUNTS), min_size=1, max_size=8),
        dct=st.one_of(st.none(), st.dates()),
    )
    def test_any_words_and_any_dct_give_mentions_that_slice_the_text(self, words, dct):
        # Same examples on every run; dates run over the whole calendar, years 1 to 9999.
        text = " ".join(words)
        for mention in extract(text, dct):
            self.assertEqual(text[mention.start : mention.end], mention.text)
            self.assertIn(mention.type, ("DATE", "TIME", "DURATION", "SET"))
            mention.edtf  # noqa: B018 - converting must not fail either

    def test_mentions_come_in_order_without_overlap(self):
        text = (SEEDS / "004_cecc55bc2f7d4b03.txt").read_text()
        mentions = found(text, "2024-05-31")
        self.assertGreater(len(mentions), 10)
        for before, after in zip(mentions, mentions[1:], strict=False):
            self.assertLessEqual(before.end, after.start)

    def test_empty_text_has_no_mentions(self):
        self.assertEqual(found("", "2024-12-12"), [])

    def test_as_dict_has_the_documented_keys(self):
        (mention,) = found("It began in July 2015.", "2024-12-12")
        self.assertEqual(
            mention.as_dict(),
            {
                "start": 12,
                "end": 21,
                "text": "July 2015",
                "type": "DATE",
                "value": "2015-07",
                "mod": None,
            },
        )


class ResolutionTests(SimpleTestCase):
    def test_without_a_dct_relative_dates_stay_underspecified(self):
        cases = [
            ("The strikes began on Sept. 30.", "XXXX-09-30"),
            ("Fighting resumed in November.", "XXXX-11"),
            ("It began in July 2015.", "2015-07"),
            ("Strikes came on 3 and 29 February.", "XXXX-02-03 XXXX-02-29"),
            ("Strikes came on 3, 5 and 29 February.", "XXXX-02-03 XXXX-02-05 XXXX-02-29"),
            # The year a story opens with still dates what follows it.
            ("In 2015, Iran signed. In July, it complied.", "2015 2015-07"),
            ("It was 2020. On the third of January, Iran vowed revenge.", "2020 2020-01-03"),
            ("In 2015, Iran signed. In July, it will vote.", "2015 XXXX-07"),
            ("In May 2015, Iran signed. On July 3, it complied.", "2015-05 2015-07-03"),
            ("Iran signed in May 2015. On July 3, it complied.", "2015-05 XXXX-07-03"),
            ("It began on 29 February.", "XXXX-02-29"),
            ("It began on 30 February.", ""),  # no such day
        ]
        for text, values in cases:
            with self.subTest(text=text):
                self.assertEqual([m.value for m in found(text, None)], values.split())

    def test_anchor_says_how_the_value_was_reached(self):
        text = "On 30 September 2015 talks began. A day later they failed. He left on Monday."
        mentions = found(text, "2015-10-09")
        self.assertEqual([m.anchor for m in mentions], [ABSOLUTE, FROM_TEXT, FROM_DCT])
        # A month whose year is the sentence's date's, not the DCT's, is found from the text.
        mentions = found("On 30 September 2015, he said he had come in July.", "2024-04-14")
        self.assertEqual([m.anchor for m in mentions], [ABSOLUTE, FROM_TEXT])
        # A day after a month opening the story takes the month's year, from the text if it
        # states it, else from the DCT, as the month did.
        cases = [
            ("In September 2015, jets came. On Sept. 30, they struck.", [ABSOLUTE, FROM_TEXT]),
            ("In September, jets came. On Sept. 30, they struck.", [FROM_DCT, FROM_DCT]),
        ]
        for text, anchors in cases:
            with self.subTest(text=text):
                self.assertEqual([m.anchor for m in found(text, "2024-12-10")], anchors)

    def test_a_year_ago_in_a_results_story_is_the_same_quarter_last_year(self):
        text = "Third-quarter profit rose 5%. A year ago, the company lost money."
        self.assertEqual([m.value for m in found(text, "1989-11-02")], ["1989-Q3", "1988-Q3"])

    def test_today_in_a_report_of_the_day_is_the_day_whatever_the_sentence(self):
        # (text, kind, value): a sentence without a tense marker makes "today" the present,
        # except in the kinds of document written to report their day.
        cases = [
            ("Good news for AT and T today.", None, "PRESENT_REF"),
            ("Good news for AT and T today.", "speech", "PRESENT_REF"),
            ("Good news for AT and T today.", "news-article", "1998-01-26"),
            ("Good news for AT and T today.", "statement", "1998-01-26"),
            ("Today, Hezbollah is a complete army.", "interview", "PRESENT_REF"),
            ("Today, Hezbollah is a complete army.", "news-article", "1998-01-26"),
            ("The ministry said today it would reply.", "speech", "1998-01-26"),
            ("Good news for AT and T today.", "a kind the tagger does not know", "PRESENT_REF"),
            # Before a people or a world, "today's" is the present age in any kind.
            ("The case is for today's youth what the blockade was.", "news-article", "PRESENT_REF"),
            ("Mothers in today's world are wary.", "news-article", "PRESENT_REF"),
            ("The offer, advertised in today's editions, expires.", "news-article", "1998-01-26"),
        ]
        for text, kind, value in cases:
            with self.subTest(text=text, kind=kind):
                mentions = extract(text, date(1998, 1, 26), kind)
                self.assertEqual([m.value for m in mentions], [value])

    def test_today_outside_a_report_is_the_day_only_when_its_own_clause_has_a_tense(self):
        # (text, value) in an interview of 12 December 2024.
        cases = [
            ("Its weapon was terrorism, and this remains the case today.", "PRESENT_REF"),
            ("We have the equipment that is needed for Syria today.", "PRESENT_REF"),
            ("The calamities Syria faces today — who knows when they will end.", "PRESENT_REF"),
            ("Had Daesh won, today we would have been fighting them at home.", "PRESENT_REF"),
            ("Whenever someone invites us somewhere today, we will not go.", "PRESENT_REF"),
            ("The points I will present today are three.", "2024-12-12"),
            ("But today, I intend to clarify the matter.", "2024-12-12"),
            ("Israel struck the airport today, and Syria says it is ready.", "2024-12-12"),
            ("Tehran sent more advisers today.", "2024-12-12"),
        ]
        for text, value in cases:
            with self.subTest(text=text):
                mentions = extract(text, date(2024, 12, 12), "interview")
                self.assertEqual([m.value for m in mentions], [value])


class SeedExpressionTests(SimpleTestCase):
    def test_the_seeds_explicit_dates_are_normalised(self):
        texts = {}
        for file_name, dct, expression, value in SEED_EXPRESSIONS:
            with self.subTest(file=file_name, expression=expression):
                if file_name not in texts:
                    texts[file_name] = found((SEEDS / file_name).read_text(), dct)
                values = {m.value for m in texts[file_name] if m.text == expression}
                self.assertIn(value, values)


class EdtfTests(SimpleTestCase):
    def test_specific_dates_convert_to_edtf_and_the_rest_do_not(self):
        cases = [
            (("DATE", "2015-09-30"), "2015-09-30"),
            (("DATE", "2024-09"), "2024-09"),
            (("DATE", "2017"), "2017"),
            (("DATE", "2015-SU"), "2015-22"),
            (("TIME", "2017-06-08T09:08"), "2017-06-08"),
            (("DATE", "198"), None),
            (("DATE", "PAST_REF"), None),
            (("DATE", "2024-W49"), None),
            (("DURATION", "P2Y"), None),
            (("SET", "P1W"), None),
        ]
        for (kind, value), expected in cases:
            with self.subTest(value=value):
                self.assertEqual(Timex(0, 1, "x", kind, value).edtf, expected)

    def test_a_calendar_quarter_or_half_dates_events_as_its_months(self):
        cases = [  # text, expression, EDTF
            ("Exports grew in Q1 2017.", "Q1 2017", "2017-01/2017-03"),
            ("The first half of 2017 was calm.", "The first half of 2017", "2017-01/2017-06"),
            (
                "It fell in the fourth quarter of 2019.",
                "the fourth quarter of 2019",
                "2019-10/2019-12",
            ),
            (
                "It rose around the second half of 2015.",
                "around the second half of 2015",
                "2015-07~/2015-12~",
            ),
            # A fiscal quarter's months are the company's, and so may be those of a quarter
            # without its year: the text rarely says them.
            ("Profit rose in the first quarter.", "the first quarter", None),
            (
                "It lost money in the fiscal first quarter of 1990.",
                "the fiscal first quarter of 1990",
                None,
            ),
        ]
        for text, expression, edtf in cases:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, "2024-12-12")}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                self.assertEqual(mentions[expression].edtf, edtf)


class ModTests(SimpleTestCase):
    def test_an_approximating_word_joins_the_expression_and_qualifies_its_date(self):
        cases = [  # text, DCT, expression, mod, EDTF
            (
                "Around 2012, Iran began sending oil.",
                "2024-12-12",
                "Around 2012",
                "APPROX",
                "2012~",
            ),
            ("The mosque was built circa 1950.", "2024-12-12", "circa 1950", "APPROX", "1950~"),
            ("It was built c. 1950.", "2024-12-12", "c. 1950", "APPROX", "1950~"),
            ("He left in about 1990.", "2024-12-12", "about 1990", "APPROX", "1990~"),
            (
                "It sailed on or about 14 May.",
                "2023-07-14",
                "about 14 May",
                "APPROX",
                "2023-05-14~",
            ),
            ("It is due around Nov. 1.", "1989-10-20", "around Nov. 1", "APPROX", "1989-11-01~"),
            (
                "He left about two years ago.",
                "1989-11-02",
                "about two years ago",
                "APPROX",
                "1987~",
            ),
            ("It began some 20 years ago.", "1989-11-02", "some 20 years ago", "APPROX", "1969~"),
            # A time is approximate, its day is not.
            (
                "They met at about 3 p.m. Friday.",
                "1989-11-02",
                "about 3 p.m. Friday",
                "APPROX",
                "1989-10-27",
            ),
            ("It lasted roughly three weeks.", "2024-12-12", "roughly three weeks", "APPROX", None),
            # Not approximations: "about" a year is on it; "around" a weekday's ruling is
            # around the ruling; a time "sometime in" a year is in it.
            ("He wrote about 1968.", "2024-12-12", "1968", None, "1968"),
            (
                "They sought to get around Wednesday's ruling.",
                "2000-01-07",
                "Wednesday",
                None,
                "2000-01-05",
            ),
            ("It opened sometime in 2013.", "2024-12-12", "2013", None, "2013"),
            ("Some day we will know.", "2024-12-12", "Some day", None, None),
            # The Islamic calendar's dates are approximate, the Solar Hijri's exact; a month
            # or year of either is the range of its days.
            (
                "On 1 Ramadan 1445 fasting began.",
                "2024-12-12",
                "1 Ramadan 1445",
                "APPROX",
                "2024-03-11~",
            ),
            (
                "In Ramadan 1445, fighting paused.",
                "2024-12-12",
                "Ramadan 1445",
                "APPROX",
                "2024-03-11~/2024-04-09~",
            ),
            ("They met after Eid al-Fitr.", "2024-06-01", "Eid al-Fitr", "APPROX", "2024-04-10~"),
            (
                "On 15 Farvardin 1398 floods hit.",
                "2024-12-12",
                "15 Farvardin 1398",
                None,
                "2019-04-04",
            ),
            (
                "In Mehr 1403, prices rose.",
                "2024-12-12",
                "Mehr 1403",
                None,
                "2024-09-22/2024-10-21",
            ),
            ("Iran celebrated Nowruz.", "2024-12-12", "Nowruz", None, "2024-03-20"),
        ]
        for text, dct, expression, mod, edtf in cases:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, dct)}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                self.assertEqual((mentions[expression].mod, mentions[expression].edtf), (mod, edtf))

    def test_a_bound_on_the_amount_is_a_mod_and_makes_a_date_approximate(self):
        cases = [  # text, expression, value, mod, EDTF
            (
                "It began more than two years ago.",
                "more than two years ago",
                "2022",
                "MORE_THAN",
                "2022~",
            ),
            ("It began almost a decade ago.", "almost a decade ago", "2014", "LESS_THAN", "2014~"),
            (
                "It ended less than a year ago.",
                "less than a year ago",
                "2023",
                "LESS_THAN",
                "2023~",
            ),
            ("It lasted at least 30 days.", "at least 30 days", "P30D", "EQUAL_OR_MORE", None),
            ("It may take up to six months.", "up to six months", "P6M", "EQUAL_OR_LESS", None),
            ("He left just over a week ago.", "over a week ago", "2024-W49", "MORE_THAN", None),
            # Negated, the bound turns: "no more than" is at most, "not less than" at least.
            (
                "It takes no more than sixty days.",
                "no more than sixty days",
                "P60D",
                "EQUAL_OR_LESS",
                None,
            ),
            ("It took not less than a year.", "not less than a year", "P1Y", "EQUAL_OR_MORE", None),
            # A day counted in hours keeps its day; "over" a length of time may be during it.
            (
                "Just over an hour later, he died.",
                "over an hour later",
                "2024-12-12",
                "MORE_THAN",
                "2024-12-12",
            ),
            ("Payments are spread over three years.", "over three years", "P3Y", None, None),
            ("It began just two years ago.", "just two years ago", "2022", None, "2022"),
        ]
        for text, expression, value, mod, edtf in cases:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, "2024-12-12")}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                mention = mentions[expression]
                self.assertEqual((mention.value, mention.mod, mention.edtf), (value, mod, edtf))

    def test_pre_and_post_are_the_times_before_and_after_a_date_and_date_no_event(self):
        cases = [  # text, expression, value, mod
            ("The post-1959 politics split families.", "post-1959", "1959", "AFTER"),
            ("In pre-2011 Syria, Iran kept its distance.", "pre-2011", "2011", "BEFORE"),
            ("Pre-2011, it was calm.", "Pre-2011", "2011", "BEFORE"),
            ("It shaped the post-1990s world.", "the post-1990s", "199", "AFTER"),
        ]
        for text, expression, value, mod in cases:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, "2024-12-12")}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                mention = mentions[expression]
                self.assertEqual((mention.value, mention.mod, mention.edtf), (value, mod, None))

    def test_early_mid_and_late_name_a_part_of_the_date_whose_value_stays_whole(self):
        cases = [  # text, DCT, expression, value, mod, EDTF
            ("It began in early 2017.", "2024-12-12", "early 2017", "2017", "START", "2017"),
            ("It peaked in mid-May.", "2024-12-12", "mid-May", "2024-05", "MID", "2024-05"),
            ("It ended in late May.", "2024-12-12", "late May", "2024-05", "END", "2024-05"),
            (
                "It was killed in the first days of January 2020.",
                "2024-12-12",
                "the first days of January 2020",
                "2020-01",
                "START",
                "2020-01",
            ),
            (
                "It was hot in the last week of June.",
                "2023-07-14",
                "the last week of June",
                "2023-06",
                "END",
                "2023-06",
            ),
            ("It grew in the late 1980s.", "2024-12-12", "the late 1980s", "198", "END", None),
            ("It grew in the mid-1990s.", "2024-12-12", "the mid-1990s", "199", "MID", None),
            (
                "It opened at the beginning of October.",
                "1989-11-02",
                "the beginning of October",
                "1989-10",
                "START",
                "1989-10",
            ),
            (
                "It closed at the end of 1990.",
                "1991-03-02",
                "the end of 1990",
                "1990",
                "END",
                "1990",
            ),
            ("They expect it by year end.", "1989-11-02", "year end", "1989", "END", "1989"),
            (
                "It rose late yesterday.",
                "1989-11-02",
                "late yesterday",
                "1989-11-01",
                "END",
                "1989-11-01",
            ),
            # Not parts: midnight is a time of its own; the year-end is the last day.
            (
                "It ends at midnight.",
                "1989-11-02",
                "midnight",
                "1989-11-02T24:00",
                None,
                "1989-11-02",
            ),
            ("The year-end figures.", "1989-11-02", "year-end", "1989-12-31", None, "1989-12-31"),
        ]
        for text, dct, expression, value, mod, edtf in cases:
            with self.subTest(text=text):
                mentions = {m.text: m for m in found(text, dct)}
                self.assertIn(expression, mentions, f"found {list(mentions)}")
                mention = mentions[expression]
                self.assertEqual((mention.value, mention.mod, mention.edtf), (value, mod, edtf))


class WordsTests(SimpleTestCase):
    def test_amounts(self):
        cases = [
            ("two", 2),
            ("twenty-four", 24),
            ("four-and-a-half", 4.5),
            ("2 1/2", 2.5),
            ("a couple of", 2),
            ("several", None),
            ("400–500", None),
            ("75", 75),
            ("five hundred", 500),
            ("two thousand", 2000),
        ]
        for text, value in cases:
            with self.subTest(text=text):
                self.assertEqual(amount(text), value)

    def test_durations(self):
        cases = [
            ((2, "year"), "P2Y"),
            ((4.5, "year"), "P4Y6M"),
            ((24, "hour"), "PT24H"),
            ((None, "month"), "PXM"),
            ((1.5, "hour"), "PT1H30M"),
            ((3, "quarter"), "P9M"),
            ((2, "decade"), "P20Y"),
            ((1, "weekend"), "P2D"),
            ((4.5, "second"), "PT4.5S"),
            ((1.5, "quarter"), "P4M15D"),
        ]
        for (number, unit), value in cases:
            with self.subTest(number=number, unit=unit):
                self.assertEqual(duration(number, unit), value)

    def test_spelled_years(self):
        cases = [
            ("nineteen ninety-six", 1996),
            ("nineteen eighty", 1980),
            ("two thousand", 2000),
            ("two thousand and three", 2003),
            ("nineteen hundred", 1900),
        ]
        for text, year in cases:
            with self.subTest(text=text):
                self.assertEqual(spelled_year(text), year)


def _both_ways(rules_tried: tuple, reach: int) -> tuple:
    """An index entry that tries ``rules_tried`` at every word, as _index_by_start builds
    them: for a text without an "'80s" and for one with."""
    return tuple(
        (rules._word_starts(None, quoted), {}, rules_tried, reach) for quoted in (False, True)
    )


class RuleIndexTests(SimpleTestCase):
    """The tagger tries a rule only at words it can start with (starts.py); that must
    find exactly what trying every rule at every word near a trigger finds."""

    def test_first_words(self):
        cases = [
            (r"(?:the\s)?(?:last|next)\s(?:week|month)\b", {"the", "last", "next"}),
            (r"(?<![\w-])(?:Sept\.?|Oct\.?)\s\d", {"sept", "oct"}),
            (r"(?:early\s)?\d{4}", {"", "early"}),
            (r"now(?![\w-])", {"now"}),
            (r"now", None),  # a match may stop inside a word: "now" in "nowhere"
            (r"\w{3,}ed\b", None),
            (r"(?:ha)+(?![\w-])", None),  # a loop over letters: "ha", "haha"...
        ]
        for pattern, words in cases:
            with self.subTest(pattern=pattern):
                expected = None if words is None else frozenset(words)
                self.assertEqual(first_words(re.compile(pattern, re.IGNORECASE)), expected)

    def test_first_two_words(self):
        cases = [
            (
                r"(?:the\s)?(?:last|next)\s(?:week|month)\b",
                {("the", "last"), ("the", "next")}
                | {(rel, unit) for rel in ("last", "next") for unit in ("week", "month")},
            ),
            (r"the\s\d{3}0['’]?s\b", {("the", "s")}),  # the runs between are no letters
            (r"year\s(?:ago|earlier)(?![\w-])", {("year", "ago"), ("year", "earlier")}),
            (r"(?:early\s)?\d{4}", {("early", ANY), ("", ANY)}),  # may end before a second
            (r"now(?![\w-])", {("now", ANY)}),
            (  # a match that may stop inside its second word goes on with any
                r"(?:the\s)?days?\s(?:of\s)?[A-Z]",
                {("the", "day"), ("the", "days")}
                | {(unit, second) for unit in ("day", "days") for second in ("of", ANY)},
            ),
            (r"the\s\w+", {("the", ANY)}),  # letters or not: any second word
            (r"last\s[a-z]{3,}day", {("last", ANY)}),  # a loop over letters: any
            (r"now", None),  # a match may stop inside its first word
        ]
        for pattern, words in cases:
            with self.subTest(pattern=pattern):
                expected = None if words is None else frozenset(words)
                self.assertEqual(first_two_words(re.compile(pattern)), expected)

    def test_the_index_finds_what_trying_every_rule_finds(self):
        every_rule = {
            kind: _both_ways(rules._farthest_first(frozenset(orders)), reach)
            for kind, (orders, reach) in rules._TRIGGER_KINDS.items()
        }
        texts = [(SEEDS / name).read_text() for name, *_ in SEED_EXPRESSIONS[::4]]
        texts += [text for text, *_ in FORMS]
        for text in texts:
            with self.subTest(text=text[:40]):
                indexed = found(text, "2024-12-12")
                with mock.patch.object(rules, "_RULES_BY_START", every_rule):
                    self.assertEqual(found(text, "2024-12-12"), indexed)

    def test_each_trigger_kind_holds_every_rule_that_can_match_near_it(self):
        """Trying every rule near every trigger finds nothing more: a rule is filed under
        each kind of trigger it needs ("1998-99" is a year with a dash after it)."""
        every_rule = rules._farthest_first(frozenset(range(len(rules._RULES))))
        anywhere = {
            kind: _both_ways(every_rule, reach)
            for kind, (_orders, reach) in rules._TRIGGER_KINDS.items()
        }
        texts = [(SEEDS / name).read_text() for name, *_ in SEED_EXPRESSIONS[::4]]
        texts += [text for text, *_ in FORMS]
        texts += [
            "Sales in 2017 Q1 and 2018-Q2 beat those of 1998-99 and 2001–2003.",
            "On 2014-06-02, in the 1980's and the late 1990s, on 19980108.",
            "After a decades-long feud, two years and six months, and 3 hours, and 2 minutes.",
            "On Mondays and Friday nights, a day-long meeting.",
        ]
        for text in texts:
            with self.subTest(text=text[:40]):
                indexed = found(text, "2024-12-12")
                with mock.patch.object(rules, "_RULES_BY_START", anywhere):
                    self.assertEqual(found(text, "2024-12-12"), indexed)

    def test_the_trigger_scan_in_ascii_finds_what_the_scan_of_the_text_finds(self):
        """Triggers are searched for in a copy of the text with every character but an ASCII
        letter, digit or "_" a space: that must find what searching the text finds, after
        and before any character, in any digits."""
        texts = [(SEEDS / name).read_text() for name, *_ in SEED_EXPRESSIONS[::2]]
        texts += [text for text, *_ in FORMS]
        texts += [
            "todayé, Mayʼs talks, résumé today, weekend_ _today, o’clock, o'clock, o clock",
            "In ١٩٩٨ and ٢٠٢٤٠١٠١, 1998٣ and 1998-99",  # digits of another script
            "'82, ’82, the ’90s, the '90s, 1990s, 1990's, 90s, 2100 5, 2100/5, 1,998, 1.998",
            "$2.03 at 10:30, 3 p.m., 3pm, 3\u00a0a.m., 20th, 19981231, FY2021, fy2021, Q1",
            "Sept. 30, 2024—on Monday, “Today” «tomorrow» (yesterday) [now] {tonight} 2015–16",
        ]
        for text in texts:
            lowered = rules._lowercase(text)
            spaced = " " + lowered
            expected = [
                (match.start(), match.end() - 1) for match in rules._TRIGGERS.finditer(spaced)
            ]
            scanned, _every_word = rules._ascii_copy(spaced)
            for quoted in {rules._QUOTED_NUMBER.search(lowered) is not None, True}:
                with self.subTest(text=text[:40], quoted=quoted):
                    fast = rules._trigger_scan(lowered, spaced, scanned, quoted)
                    self.assertEqual(list(fast), expected)

    def test_tense_markers_found_in_the_ascii_copy_are_those_found_in_the_text(self):
        """Tense markers are looked for at the places their words have in the text's ASCII
        copy: that finds what searching the text finds, in any window of it."""
        texts = [(SEEDS / name).read_text() for name, *_ in SEED_EXPRESSIONS[::2]]
        texts += [text for text, *_ in FORMS]
        short = [  # looked at from each character
            "They'll meet; he won't, she wo n't; the planned talks, next to the river.",
            "It is due to end, as soon as Friday; 'll and '’ll; they’ll go—said “officials.”",
            "The résumé was revised; Tehran fêted them; l'été passed",  # another alphabet
        ]
        for text in texts + short:
            lowered = rules._lowercase(text)
            spaced = " " + lowered
            context = rules._Context(text, None, lowered, None, spaced, *rules._ascii_copy(spaced))
            for lo in range(0, len(text), 1 if text in short else 41):
                for hi in (lo + 40, lo + 71, len(text)):
                    with self.subTest(text=text[:40], lo=lo, hi=hi):
                        expected = [m.span() for m in TENSE_MARKERS.finditer(lowered, lo, hi)]
                        fast = [m.span() for m in context.markers(lo, hi)]
                        self.assertEqual(fast, expected)

    def test_word_starts_found_with_the_character_before_are_the_word_starts(self):
        """A text without an "'80s" is searched for word starts with the character before
        each, faster: that finds what the search without it finds, at the text's start
        and after any character."""
        always_quoted = re.compile("")  # as if every text held an "'80s"
        texts = [(SEEDS / name).read_text() for name, *_ in SEED_EXPRESSIONS[::2]]
        texts += [text for text, *_ in FORMS]
        texts += [
            "May 5, 1998: talks. Last year (2023) and the 1990s; in\n2015-09-30.",
            "Two years later—on Monday—“Today” and «tomorrow», 3 p.m./4 p.m. on FY2021.",
        ]
        for text in texts:
            with self.subTest(text=text[:40]):
                fast = found(text, "2024-12-12")
                with mock.patch.object(rules, "_QUOTED_NUMBER", always_quoted):
                    self.assertEqual(found(text, "2024-12-12"), fast)
