"""Find temporal expressions in English text and normalise them as TimeML TIMEX3.

Pure text and date code, no ORM. ``extract(text, dct)`` returns the expressions found in
``text`` as ``Timex`` values (offsets into ``text`` as given), each with its TIMEX3 type
(DATE, TIME, DURATION, SET) and value as in the TempEval-3 corpora: ``2015-09-30``,
``2024-09``, ``198`` (the 1980s), ``2024-W20``, ``2015-SU``, ``2017-Q1``, ``P2Y``, ``PXM``,
``PRESENT_REF``...

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

__all__ = ["ABSOLUTE", "DAY_REPORTS", "FROM_DCT", "FROM_TEXT", "Timex", "extract"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^\d{4}$")
_EDTF_SEASONS = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}


class Timex(NamedTuple):
    """One expression found. A named tuple, built three times faster than a frozen
    dataclass: a text may hold hundreds."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    anchor: str = ABSOLUTE  # ABSOLUTE, FROM_DCT or FROM_TEXT

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }

    @property
    def edtf(self) -> str | None:
        """The value as an EDTF date when it names a specific day, month, season or year.

        Durations, sets, vague references (PAST_REF) and decades give None: they do not
        date an event.
        """
        if self.type not in ("DATE", "TIME"):
            return None
        value = self.value[:10] if self.type == "TIME" else self.value
        if _DAY.match(value) or _MONTH.match(value) or _YEAR.match(value):
            return value
        season = _SEASON.match(value)
        if season:
            return f"{season[1]}-{_EDTF_SEASONS[season[2]]}"
        return None


def extract(text: str, dct: date | None = None, kind: str | None = None) -> list[Timex]:
    """The temporal expressions in ``text``, in order, normalised against ``dct``.

    ``kind`` is the document's kind, as a Source's ("news-article", "speech"...): in a
    report of the day (DAY_REPORTS) "today" is the DCT's day, unless it is the present age
    ("today's youth"). Any other kind, or None, leaves that to the clause."""
    return [
        Timex(start, end, text[start:end], type_, value, anchor)
        for start, end, type_, value, anchor in scan(text, dct, kind)
    ]
