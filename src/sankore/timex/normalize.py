"""Turn a recognized candidate into a TIMEX3 type and value.

Relative expressions are computed from the publication date (`anchor="published"`);
explicit dates need no anchor (`"absolute"`). Expressions whose reference point is another
event ("two days later", "the following week") keep `value=None`: we do not guess.
This module holds the calendar dates (days, months, years, quarters, seasons, "last
year"); `relative` holds days near the anchor, durations, clock times and sets.
"""

from __future__ import annotations

from datetime import date, timedelta

from . import relative as _relative_handlers  # noqa: F401  (registers its handlers)
from .base import HANDLERS, Resolved, _day, _mod, _month, _rel_sign, _year_of
from .base import handles as _handles
from .calendar import (
    add_months,
    iso_week,
    occurrence,
    quarter,
    season_of,
    shift_quarter,
    shift_season,
    weekday_date,
)
from .lexicon import ORDINALS, POINT_MODS, SEASONS
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
    if rel in ("last", "this past"):
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
    letter, gran = "Q", "quarter"
    year, relative = None, False
    for key in ("year", "year2", "year3"):
        if key in g:
            year = int(g[key])
    if year is None:
        year, relative = _year_of(g, "_", "yrel", dct)
    if year is None and dct:
        year, relative = dct.year, True
    return Resolved("DATE", f"{year}-{letter}{n}" if year else f"XXXX-{letter}{n}", gran,
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


@_handles("rel_unit")
def _rel_unit(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    unit = g["unit"].lower()
    sign = _rel_sign(g["rel"])
    mod = _mod(g)
    if sign is None or not dct:  # "that week", "the same year": anchored on context
        return Resolved("DATE", None, "reference" if unit != "weekend" else "week", mod=mod)
    if " ".join(g["rel"].lower().split()) in ("the next", "the following"):
        return Resolved("DATE", None, "reference", mod=mod)
    if unit == "period":  # "the latest period": the reporting period, not datable alone
        return Resolved("DATE", None, "reference", mod=mod)
    if unit == "year":
        return Resolved("DATE", str(dct.year + sign), "year", "published", mod)
    if unit == "month":
        return Resolved("DATE", add_months(dct, sign).strftime("%Y-%m"), "month", "published", mod)
    if unit in ("week", "weekend"):
        suffix = "-WE" if unit == "weekend" else ""
        return Resolved("DATE", iso_week(dct + timedelta(weeks=sign)) + suffix, "week",
                        "published", mod)
    if unit == "quarter":
        y, q = shift_quarter(*quarter(dct), sign)
        return Resolved("DATE", f"{y}-Q{q}", "quarter", "published", mod)
    if unit == "decade":
        return Resolved("DATE", str(dct.year // 10 + sign), "decade", "published", mod)
    return Resolved("DATE", f"{dct.year // 100 + sign:02d}", "century", "published", mod)


@_handles("bare_unit")
def _bare_unit(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """"the quarter", "the year-ago period": which one is meant comes from context."""
    unit = g["unit"].lower()
    if unit == "weekend" and dct and "fin" not in g:
        # The weekend nearest the report, forward or back as the tense says.
        sat = weekday_date(6, dct, tense, None)
        return Resolved("DATE", iso_week(sat) + "-WE", "week", "published")
    return Resolved("DATE", None, "reference")


@_handles("fin_ref")
def _fin_ref(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    return Resolved("DATE", None, "reference")
