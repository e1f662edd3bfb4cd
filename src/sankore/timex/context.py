"""Context anchoring: resolve "a year earlier", "the next day", "that month", "the quarter".

TimeML anchors such expressions on the reference time of the narrative: the most recent
preceding time expression with a calendar value, not the publication date. A normalizer
marks a candidate as context-dependent by returning `value=None` and a `context` operation
in `Resolved.extra`; `apply_context` walks the mentions of a document in order and fills
them in. With no usable reference the value stays None (counted as unresolved): we do
not fall back to the publication date, which would be a guess.

Operations (`extra["context"]`):
  {"op": "same", "unit": U}          "that year", "the same month", "the quarter"
  {"op": "shift", "unit": U, "n": N} "two days later", "the following year"
  {"op": "compare", "n": N}          "a year earlier", "the year-ago quarter": the focus
                                     reporting period (a quarter, half, month, season)
                                     shifted by N years, at its own granularity
  {"op": "year_of", "year": Y}       "the 1988 quarter": the focus period in year Y
  {"op": "focus"}                    "the latest period": the focus period itself
Optional keys: "period_only" (the reference must be a quarter/half/month: "the period"),
"forward" (the reference is the next date: "the quarter ended Sept. 30").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import add_months, iso_week

# Granularities from fine to coarse; a reference can only be read at its own or a coarser one.
_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5}
_PERIODS = ("quarter", "half", "month", "season")
_VALUE_RX = [
    ("day", re.compile(r"^(\d{4})-(\d\d)-(\d\d)")),
    ("week", re.compile(r"^(\d{4})-W(\d\d)$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)$")),
    ("year", re.compile(r"^(\d{4})$")),
]


@dataclass(frozen=True)
class Point:
    """A calendar value read back from its TIMEX3 string: granularity and first day."""

    gran: str
    start: date
    label: str = ""  # season code, kept because seasons do not map to months one to one


def parse_value(value: str | None) -> Point | None:
    """`Point` of a TIMEX3 DATE/TIME value; intervals read from their start; None otherwise."""
    if not value or not value[:1].isdigit():
        return None
    value = value.split("/")[0]
    for gran, rx in _VALUE_RX:
        m = rx.match(value)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if gran == "day":
                return Point("day", date(y, int(m.group(2)), int(m.group(3))))
            if gran == "week":
                return Point("week", date.fromisocalendar(y, int(m.group(2)), 1))
            if gran == "quarter":
                return Point("quarter", date(y, 3 * int(m.group(2)) - 2, 1))
            if gran == "half":
                return Point("half", date(y, 6 * int(m.group(2)) - 5, 1))
            if gran == "season":
                return Point("season", date(y, 1, 1), m.group(2))
            if gran == "month":
                return Point("month", date(y, int(m.group(2)), 1))
            return Point("year", date(y, 1, 1))
        except ValueError:
            return None
    return None


def _format(gran: str, d: date, label: str = "") -> str:
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return iso_week(d)
    if gran == "month":
        return d.strftime("%Y-%m")
    if gran == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year}-H{(d.month - 1) // 6 + 1}"
    if gran == "season":
        return f"{d.year}-{label}"
    return str(d.year)


def _shift(gran: str, d: date, n: int) -> date:
    if gran == "day":
        return d + timedelta(days=n)
    if gran == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6}.get(gran)
    if months:
        return add_months(d, n * months)
    return date(d.year + n, 1, 1)


def _at(point: Point, unit: str) -> Point | None:
    """`point` read at the coarser-or-equal granularity `unit`; None when it is too coarse."""
    if unit == point.gran:
        return point
    if _ORDER.get(point.gran, 9) >= _ORDER.get(unit, -1) or unit == "season":
        return None
    if unit == "week" and point.gran != "day":
        return None
    d = point.start
    if unit == "week":
        d = d - timedelta(days=d.weekday())
    elif unit == "month":
        d = d.replace(day=1)
    elif unit == "quarter":
        d = date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    elif unit == "half":
        d = date(d.year, 1 if d.month <= 6 else 7, 1)
    elif unit == "year":
        d = date(d.year, 1, 1)
    return Point(unit, d)


def evaluate(op: dict, ref: Point) -> tuple[str, str] | None:
    """(value, granularity) of a context operation applied to the reference `ref`."""
    kind = op["op"]
    if kind == "focus":
        return _format(ref.gran, ref.start, ref.label), ref.gran
    if kind in ("compare", "year_of"):
        if ref.gran == "season":
            year = ref.start.year - op["n"] if kind == "compare" else op["year"]
            return f"{year}-{ref.label}", "season"
        year = ref.start.year - op["n"] if kind == "compare" else op["year"]
        try:
            d = ref.start.replace(year=year)
        except ValueError:  # 29 February
            d = ref.start.replace(year=year, day=28)
        return _format(ref.gran, d), ref.gran
    at = _at(ref, op["unit"])
    if at is None:
        return None
    d = _shift(at.gran, at.start, op.get("n", 0)) if kind == "shift" else at.start
    if "pod" in op:  # "that night", "the next morning"
        return f"{_format('day', d)}T{op['pod']}", "part_of_day"
    return _format(at.gran, d, at.label), at.gran


class ContextTracker:
    """Feeds mentions in text order; remembers the references later ones anchor on.

    `focus` is the latest reporting period (quarter, half, month, or a year) that was not
    itself a comparison: "the year-ago quarter" and "a year earlier" compare with it, and
    two comparisons in a row compare with the same period, not with each other.
    """

    def __init__(self) -> None:
        self.last: Point | None = None
        self.focus: Point | None = None
        self.focus_period: Point | None = None

    def reference(self, op: dict) -> Point | None:
        if op["op"] == "focus":
            return self.focus_period
        if op["op"] in ("compare", "year_of"):
            # Only a reporting period (quarter, half, month, season) is compared with "a
            # year earlier": after a bare year the year meant is too often another one
            # ("founded in 1985 … up from $3 million a year earlier").
            return self.focus_period
        # "the quarter", "that half": the reporting period under discussion, if one is.
        if op["unit"] in ("quarter", "half") and self.focus_period is not None and \
                self.focus_period.gran == op["unit"]:
            return self.focus_period
        return self.last

    def see(self, value: str | None, comparison: bool = False) -> None:
        point = parse_value(value)
        if point is None or comparison:
            return
        self.last = point
        if point.gran != "day" and point.gran != "week":
            self.focus = point
            if point.gran in _PERIODS:
                self.focus_period = point
