"""Turn a recognized candidate into a TIMEX3 type and value.

Relative expressions are computed from the publication date (`anchor="published"`);
explicit dates need no anchor (`"absolute"`). Expressions whose reference point is the
story's own time ("two days later", "the following week", "the year-ago quarter") come
back with `value=None` and a `context` operation that `context.ContextTracker` resolves
against the preceding time expressions (`anchor="context"`); without one they stay
unresolved: we do not guess.
This module holds the calendar dates (days, months, years, quarters, seasons); `relative`
holds days near the anchor, durations, clock times and sets; `anchored` the units read
against a reference ("last week", "that year", "the quarter"), holidays and spoken years.
"""

from __future__ import annotations

from datetime import date

from . import anchored as _anchored_handlers  # noqa: F401  (registers its handlers)
from . import relative as _relative_handlers  # noqa: F401  (registers its handlers)
from .base import HANDLERS, Resolved, _day, _mod, _month, _rel_sign, _year_of
from .base import handles as _handles
from .calendar import (
    occurrence,
    quarter,
    season_of,
    shift_season,
)
from .lexicon import ORDINALS, POINT_MODS, SEASONS, WEEKDAYS, spoken_year
from .recognize import Candidate

__all__ = ["Resolved", "resolve"]


def resolve(cand: Candidate, published: date | None, tense: str | None = None) -> Resolved:
    """TIMEX3 reading of `cand`; `tense` is "past", "present", "future" or None."""
    return HANDLERS[cand.kind](cand.groups, published, tense)


@_handles("date_mdy")
@_handles("date_dmy")
def _date(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    month, day = _month(g["month"]), _day(g["day"])
    if "year" in g:
        year, anchor = int(g["year"]), "absolute"
    elif dct:
        year, anchor = dct.year + occurrence((month, day), (dct.month, dct.day), tense), "published"
        if "wd" in g:  # "Monday, Oct. 26": the year in which that day is that weekday wins
            year = _weekday_year(year, month, day, WEEKDAYS[g["wd"].lower()])
    else:
        return Resolved("DATE", None, "day")
    try:
        start = date(year, month, day)
        value = start.isoformat()
        if "day2" in g:
            end = date(year, month, _day(g["day2"]))
            value = f"{value}/{end.isoformat()}" if end > start else value
    except ValueError:
        return Resolved("DATE", None, "day")
    return Resolved("DATE", value, "day", anchor)


def _weekday_year(year: int, month: int, day: int, weekday: int) -> int:
    for y in (year, year + 1, year - 1):
        try:
            if date(y, month, day).isoweekday() == weekday:
                return y
        except ValueError:
            continue
    return year


@_handles("date_iso")
@_handles("date_slash")
def _date_numeric(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    try:
        return Resolved("DATE", date(int(g["year"]), int(g["mm"]), int(g["dd"])).isoformat(),
                        "day", "absolute")
    except ValueError:
        return Resolved("DATE", None, "day")


@_handles("month_year")
def _month_year(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    year, relative = _year_of(g, "year", "yrel", dct)
    if "syear" in g:
        year = spoken_year(g["syear"])
    if year is None:
        return Resolved("DATE", None, "month", mod=_mod(g))
    return Resolved("DATE", f"{year}-{_month(g['month']):02d}", "month",
                    "published" if relative else "absolute", _mod(g))


@_handles("month")
def _bare_month(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    month = _month(g["month"])
    if not dct:
        return Resolved("DATE", f"XXXX-{month:02d}", "month", None, _mod(g))
    rel = " ".join(g.get("rel", "").lower().split())
    if rel == "this":  # "this September": the month of the publication year
        year = dct.year
    elif rel in ("last", "this past"):
        year = dct.year - (1 if month >= dct.month else 0)
    elif rel in ("next", "this coming"):
        year = dct.year + (1 if month <= dct.month else 0)
    else:
        year = dct.year + occurrence((month,), (dct.month,), tense)
    return Resolved("DATE", f"{year}-{month:02d}", "month", "published", _mod(g))


@_handles("year")
def _year(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    mod = _mod(g)
    if "later" in g:
        mod = "ON_OR_AFTER"
    elif g.get("prefix", "").lower() == "post":
        mod = "AFTER"
    elif g.get("prefix", "").lower() == "pre":
        mod = "BEFORE"
    return Resolved("DATE", g["year"], "year", "absolute", mod)


@_handles("year_range")
def _year_range(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    y2 = g["year2"]
    if len(y2) == 2:
        y2 = g["year"][:2] + y2
    return Resolved("DATE", f"{g['year']}/{y2}", "year", "absolute")


@_handles("decade")
def _decade(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    if "year" in g:
        return Resolved("DATE", g["year"][:3], "decade", "absolute", _mod(g))
    if dct:  # "the '90s": the latest such decade not after the publication year
        d = int(g["yy"][0])
        century = dct.year // 100 - (1 if d > (dct.year % 100) // 10 else 0)
        return Resolved("DATE", f"{century}{d}", "decade", "published", _mod(g))
    return Resolved("DATE", None, "decade", mod=_mod(g))


@_handles("century")
def _century(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    return Resolved("DATE", f"{int(g['ord']) - 1:02d}", "century", "absolute", _mod(g))


@_handles("quarter")
def _quarter(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    n = ORDINALS[g["ord"].lower()]
    year, relative = None, False
    for key in ("year", "year2", "year3"):
        if key in g:
            year = int(g[key])
    if year is None:
        year, relative = _year_of(g, "_", "yrel", dct)
    if year is None and "yrel2" in g and dct:  # "next year's first quarter"
        year, relative = dct.year + (_rel_sign(g["yrel2"]) or 0), True
    if year is None and dct:
        # A bare quarter is of the publication year, unless the tense puts it in the
        # previous year ("profits fell in the fourth quarter", said in January) or the next.
        current = quarter(dct)[1]
        year, relative = dct.year, True
        if tense == "past" and n > current:
            year -= 1
        elif tense == "future" and n < current - 1:
            year += 1  # the quarter just ended is still to be reported: "expects to report"
    if year is not None and "fin" in g:  # "the year-ago third quarter"
        year -= 1
    return Resolved("DATE", f"{year}-Q{n}" if year else f"XXXX-Q{n}", "quarter",
                    ("published" if relative else "absolute") if year else None)


@_handles("half")
def _half(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    n = ORDINALS[g["ord"].lower()]
    year, relative = _year_of(g, "year", "yrel", dct)
    if year is None and dct and g.get("yrel", "").lower() == "the":
        year, relative = dct.year, True
    if year is None:
        return Resolved("DATE", None, "half")
    return Resolved("DATE", f"{year}-H{n}", "half", "published" if relative else "absolute")


@_handles("season")
def _season(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    code = SEASONS[g["season"].lower()]
    rel = " ".join(g.get("rel", "").lower().split())
    mod = POINT_MODS.get(rel.split()[-1]) if rel else None
    if "year" in g:
        return Resolved("DATE", f"{g['year']}-{code}", "season", "absolute", mod)
    if not dct:
        return Resolved("DATE", f"XXXX-{code}", "season", None, mod)
    year, now = season_of(dct)
    diff = (["WI", "SP", "SU", "FA"].index(code) - ["WI", "SP", "SU", "FA"].index(now))
    if rel == "last" or (rel != "next" and tense == "past" and diff > 0):
        diff -= 4 if diff >= 0 else 0
    elif rel == "next" or (tense == "future" and diff < 0):
        diff += 4 if diff <= 0 else 0
    y, s = shift_season(year, now, diff)
    return Resolved("DATE", f"{y}-{s}", "season", "published", mod)
