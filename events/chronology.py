"""Events grouped the way a chronology is read: by year, then by month.

An event sits where its date starts, at the precision the start is known to: "2024-05-19" and
"2024-09/2024-11" under their month; "2017" and "2011/2013" under the year itself, not under
January; an interval with an open or unknown start ("../2011") in a leading group of its own.
"""

from collections.abc import Callable, Iterable

from events import edtf


def placement(date_text: str) -> tuple[int | None, int | None]:
    """(year, month) an EDTF date sits under; month None for a date known to a year or
    coarser, year None when the start is open or unknown."""
    start, _ = edtf.sides(edtf.parse(date_text))
    if start is None:
        return None, None
    if start.precision in ("day", "month"):
        return start.start.year, start.start.month
    return start.start.year, None


def group_by_period(events: Iterable, represent: Callable) -> list[dict]:
    """Years in the order the events come, each with its year-level events and months."""
    years: dict = {}
    for event in events:
        year, month = placement(event.date)
        group = years.setdefault(year, _year_group(year))
        group["count"] += 1
        if month is None:
            group["events"].append(represent(event))
            continue
        month_group = group["months"].setdefault(month, _month_group(year, month))
        month_group["count"] += 1
        month_group["events"].append(represent(event))
    for group in years.values():
        group["months"] = list(group["months"].values())
    return list(years.values())


def _year_group(year: int | None) -> dict:
    label = str(year) if year is not None else "Start unknown"
    return {"year": year, "label": label, "count": 0, "events": [], "months": {}}


def _month_group(year: int, month: int) -> dict:
    label = f"{edtf.MONTH_NAMES[month]} {year}"
    return {"month": month, "label": label, "count": 0, "events": []}
