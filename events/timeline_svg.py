"""The visual timeline: events laid out on a time axis, as data for an SVG template.

Pure date code, no ORM. Each event is drawn over every day it may mean, so that the drawing
is as honest as the date: a day is a point; a closed range a solid bar from its first to
its last day; a date known only to a month, season, year or decade a faded span over that
whole period, never a point on its first day. An open end runs to the edge of the view.
Events are placed in lanes (by type or by actor), and within a lane in as many rows as
it takes for marks not to overlap.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from events.edtf import MONTH_NAMES, OPEN_END, OPEN_START

WIDTH = 1000  # the SVG's user units across
GUTTER = 170  # lane labels, left of the plot
PLOT_END = WIDTH - 10
ROW_HEIGHT = 16
LANE_PADDING = 8
AXIS_HEIGHT = 28
MAX_ROWS = 8  # beyond this a lane's marks share its last row
MIN_MARK = 3.0  # the narrowest a span is drawn, in user units, so that it can be seen


@dataclass(frozen=True)
class Item:
    """What the timeline needs to know about an event."""

    key: int
    title: str
    start: date
    end: date
    precision: str  # day, month, season, year, decade, century or range
    approximate: bool
    uncertain: bool
    lanes: tuple[str, ...]  # the lanes it is drawn in (an event with two actors: two)
    href: str
    label: str  # its date for people: "Sep–Nov 2024"


@dataclass(frozen=True)
class Mark:
    item: Item
    x: float
    width: float
    y: float
    shape: str  # "point", "span" (a partial date) or "range"
    open_start: bool
    open_end: bool
    center: float  # the middle of the days it covers (a narrow mark is drawn wider)

    @property
    def css(self) -> str:
        classes = [f"mark-{self.shape}"]
        if self.item.approximate or self.item.uncertain:
            classes.append("mark-qualified")
        if self.open_start or self.open_end:
            classes.append("mark-open")
        return " ".join(classes)


@dataclass
class Lane:
    name: str
    y: float
    height: float = 0
    marks: list[Mark] = field(default_factory=list)

    @property
    def label_y(self) -> float:
        return self.y + min(self.height, ROW_HEIGHT + LANE_PADDING) / 2 + 4


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    start: date
    end: date
    lanes: list[Lane]
    ticks: list[Tick]
    height: float
    width: int = WIDTH
    gutter: int = GUTTER
    plot_end: int = PLOT_END
    axis_y: float = 0


class Scale:
    """Days to user units: the first day of the view at GUTTER, the day after its last at
    PLOT_END, so that a day is drawn from its own start to the next day's."""

    def __init__(self, start: date, end: date):
        self.start = start
        self.days = (end - start).days + 1
        self.per_day = (PLOT_END - GUTTER) / self.days

    def x(self, day: date) -> float:
        return GUTTER + (day - self.start).days * self.per_day

    def after(self, day: date) -> float:
        """Where the day after ``day`` begins: a period's right edge."""
        return self.x(day) + self.per_day


def view_window(items: list[Item], start: date | None, end: date | None) -> tuple[date, date]:
    """The period shown: as asked, or the events' extent rounded out to whole years (open
    ends do not count, or every view would reach year 1)."""
    starts = [item.start for item in items if item.start != OPEN_START]
    ends = [item.end for item in items if item.end != OPEN_END]
    known = starts + ends
    if start is None:
        start = date(min(known).year, 1, 1) if known else date.today().replace(month=1, day=1)
    if end is None:
        end = date(max(known).year, 12, 31) if known else date(start.year, 12, 31)
    return start, max(start, end)


def lay_out(items: list[Item], start: date | None = None, end: date | None = None) -> Layout:
    """Place ``items`` (in chronological order) on the axis of the period [start, end]."""
    first, last = view_window(items, start, end)
    scale = Scale(first, last)
    lanes: dict[str, Lane] = {}
    for item in items:
        if item.end < first or item.start > last:
            continue
        for name in item.lanes:
            lanes.setdefault(name, Lane(name, 0)).marks.append(mark_for(item, scale, first, last))
    y = AXIS_HEIGHT
    for lane in lanes.values():
        rows = assign_rows(lane.marks)
        lane.y = y
        lane.height = (max(rows, default=0) + 1) * ROW_HEIGHT + LANE_PADDING
        lane.marks = [
            replace(mark, y=y + LANE_PADDING / 2 + row * ROW_HEIGHT)
            for mark, row in zip(lane.marks, rows, strict=True)
        ]
        y += lane.height
    axis = ticks(first, last, scale)
    return Layout(first, last, list(lanes.values()), axis, height=y + 4, axis_y=AXIS_HEIGHT - 4)


def mark_for(item: Item, scale: Scale, first: date, last: date) -> Mark:
    open_start, open_end = item.start < first, item.end > last
    left = scale.x(max(item.start, first))
    right = scale.after(min(item.end, last))
    if item.precision == "range":
        shape = "range"
    elif item.start == item.end:
        shape = "point"
    else:
        shape = "span"
    width = max(right - left, MIN_MARK)
    return Mark(item, left, width, 0, shape, open_start, open_end, (left + right) / 2)


def assign_rows(marks: list[Mark]) -> list[int]:
    """The row of each mark: the first whose last mark ends before it begins."""
    row_ends: list[float] = []
    rows = []
    for mark in marks:
        left = mark.x - (ROW_HEIGHT / 2 if mark.shape == "point" else 0)
        right = mark.x + max(mark.width, ROW_HEIGHT / 2)
        free = [row for row, row_end in enumerate(row_ends) if row_end <= left]
        if free:
            row = free[0]
        elif len(row_ends) < MAX_ROWS:
            row = len(row_ends)
            row_ends.append(0)
        else:
            row = MAX_ROWS - 1  # crowded: overlap in the last row rather than grow on
        row_ends[row] = max(row_ends[row], right + 1)
        rows.append(row)
    return rows


def ticks(first: date, last: date, scale: Scale) -> list[Tick]:
    """Axis labels at whole years, or at months when the view spans less than three years."""
    years = last.year - first.year + 1
    if years <= 3:
        return month_ticks(first, last, scale, step=1 if years == 1 else 3)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if years / s <= 12)
    first_tick = first.year + (-first.year) % step
    return [
        Tick(scale.x(date(year, 1, 1)), str(year))
        for year in range(first_tick, last.year + 1, step)
        if date(year, 1, 1) >= first
    ]


def month_ticks(first: date, last: date, scale: Scale, step: int) -> list[Tick]:
    result = []
    day = first.replace(day=1)
    if day < first:
        day = next_month(day)
    while day <= last:
        if (day.month - 1) % step == 0:
            name = MONTH_NAMES[day.month][:3]
            label = f"{name} {day.year}" if day.month == 1 or not result else name
            result.append(Tick(scale.x(day), label))
        day = next_month(day)
    return result


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
