"""Handlers for units read against a reference: "last week", "that year", "the quarter",
"the year-ago period", "the 1988 quarter", plus holidays and spoken years.

Expressions anchored on the story rather than on the publication date return no value and
a `context` operation (see `context.py`); the component resolves them in text order.
"""

from __future__ import annotations

from datetime import date, timedelta

from .base import Resolved, _mod, _rel_sign
from .base import handles as _handles
from .calendar import add_months, iso_week, occurrence, quarter, shift_quarter, weekday_date
from .lexicon import HOLIDAYS, NTH_WEEKDAY_HOLIDAYS, PARTS_OF_DAY, spoken_year

# Relative words that point from the story's own time, whatever the tense.
_CONTEXT_RELS = {"that": 0, "the same": 0, "the following": 1, "the preceding": -1}
# Relative words that point from the story's time in a past narrative ("the next day he
# resigned") but from the publication date otherwise ("over the next year").
_TENSE_RELS = {"the next": 1, "the previous": -1}
_DAY_UNITS = {"day", "night", "morning", "afternoon", "evening"}


def context(op: dict, mod: str | None = None, typ: str = "DATE", gran: str = "reference"
            ) -> Resolved:
    """A context-anchored expression: no value until `context.ContextTracker` gives one."""
    return Resolved(typ, None, gran, None, mod, extra={"context": op})


@_handles("rel_unit")
def _rel_unit(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    unit = g["unit"].lower()
    rel = " ".join(g["rel"].lower().split())
    mod = _mod(g)
    if unit == "period":  # "the latest period", "that period": the reporting period in focus
        if rel in ("the latest", "the most recent", "that", "the same", "the current", "current"):
            return context({"op": "focus"}, mod)
        return Resolved("DATE", None, "reference", mod=mod)
    n = _CONTEXT_RELS.get(rel)
    if n is None and tense == "past":
        n = _TENSE_RELS.get(rel)
    if unit in _DAY_UNITS:
        op = {"op": "same" if not n else "shift", "unit": "day", "n": n or 0}
        if unit != "day":
            op["pod"] = PARTS_OF_DAY[unit]
            return context(op, mod, "TIME")
        return context(op, mod)
    if n is not None:
        return context({"op": "same" if n == 0 else "shift", "unit": unit, "n": n}, mod)
    sign = _rel_sign(g["rel"])
    if sign is None or not dct:
        return Resolved("DATE", None, "reference" if unit != "weekend" else "week", mod=mod)
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
    fin = " ".join(g.get("fin", "").lower().split())
    if fin.startswith("year-"):  # the same period a year before the one in focus
        return context({"op": "compare", "n": 1, "period_only": unit in ("quarter", "period")})
    if unit == "weekend":
        if dct and not fin:  # the weekend nearest the report, forward or back as the tense says
            sat = weekday_date(6, dct, tense, None)
            return Resolved("DATE", iso_week(sat) + "-WE", "week", "published")
        return Resolved("DATE", None, "reference")
    if "ended" in g:
        if unit == "year":  # "the year ended March 31": a fiscal year, a span of one year
            return Resolved("DURATION", "P1Y", "duration")
        if unit == "quarter":  # "the quarter ended Sept. 30": the quarter of the date after
            return context({"op": "same", "unit": "quarter", "forward": True})
    if unit == "period":
        return context({"op": "focus"})
    return context({"op": "same", "unit": unit})


@_handles("fin_ref")
def _fin_ref(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """"year-ago results", "year-earlier profit": the period in focus, a year before."""
    return context({"op": "compare", "n": 1})


@_handles("year_period")
def _year_period(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """"the 1988 quarter", "the 1989 period": the period in focus, in that year."""
    return context({"op": "year_of", "year": int(g["year"])})


@_handles("spoken_year")
def _spoken_year(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    year = spoken_year(g["syear"])
    if year is None:
        return Resolved("DATE", None, "year")
    return Resolved("DATE", str(year), "year", "absolute")


def _holiday_date(name: str, year: int) -> date:
    if name in HOLIDAYS:
        return date(year, *HOLIDAYS[name])
    month, weekday, n = NTH_WEEKDAY_HOLIDAYS[name]
    if n == 0:  # Election Day: the first Tuesday on or after November 2
        first = date(year, month, 2)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7)
    if n < 0:
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


@_handles("holiday")
def _holiday(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """Fixed-date holidays ("Christmas Eve") and n-th-weekday ones ("Thanksgiving Day");
    without a year, the occurrence is chosen as for a bare "Dec. 24"."""
    name = " ".join(g["hol"].lower().replace("’", "'").split())
    if "year" in g:
        return Resolved("DATE", _holiday_date(name, int(g["year"])).isoformat(), "day", "absolute")
    if not dct:
        if name in HOLIDAYS:
            return Resolved("DATE", "XXXX-{:02d}-{:02d}".format(*HOLIDAYS[name]), "day")
        return Resolved("DATE", None, "day")
    this = _holiday_date(name, dct.year)
    rel = g.get("rel", "").lower()
    if rel == "last":
        year = dct.year - (1 if this >= dct else 0)
    elif rel == "next":
        year = dct.year + (1 if this <= dct else 0)
    elif rel == "this":
        year = dct.year
    else:
        year = dct.year + occurrence((this.month, this.day), (dct.month, dct.day), tense)
    return Resolved("DATE", _holiday_date(name, year).isoformat(), "day", "published")


_TENS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
         "seventies": 7, "eighties": 8, "nineties": 9}


@_handles("decade_word")
def _decade_word(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """"the nineties": the latest such decade not after publication, or the one named."""
    d = _TENS[g["tens"].lower()]
    if "cent" in g:
        century = {"nineteen": 19, "eighteen": 18}[g["cent"].lower()]
        return Resolved("DATE", f"{century}{d}", "decade", "absolute", _mod(g))
    if not dct:
        return Resolved("DATE", None, "decade", mod=_mod(g))
    century = dct.year // 100 - (1 if d > (dct.year % 100) // 10 else 0)
    return Resolved("DATE", f"{century}{d}", "decade", "published", _mod(g))
