"""Handlers for expressions near the anchor: days, weekdays, "two days ago", durations,
clock times, PRESENT_REF-style references and sets ("every season", "weekly")."""

from __future__ import annotations

from datetime import date, timedelta

from .base import Resolved, _mod
from .base import handles as _handles
from .calendar import add_months, iso_week, occurrence, quarter, shift_quarter, weekday_date
from .lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
    number_value,
)


def _with_pod(d: date, pod: str | None) -> tuple[str, str, str]:
    if pod:
        return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod.lower()]}", "part_of_day"
    return "DATE", d.isoformat(), "day"


@_handles("rel_day")
def _rel_day(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    word = g["day"].lower()
    pod = "night" if word == "tonight" else g.get("pod")
    if not dct:
        return Resolved("TIME" if pod else "DATE", None, "day", mod=_mod(g))
    d = dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    typ, value, gran = _with_pod(d, pod)
    return Resolved(typ, value, gran, "published", _mod(g))


@_handles("this_pod")
def _this_pod(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    if not dct:
        return Resolved("TIME", None, "part_of_day")
    rel = g.get("rel", "this").lower()
    pod = g.get("pod", "night")
    shift = {"last": -1 if pod == "night" else -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    if "over" in g:
        shift = -1  # "overnight" in a report: the night before publication
    typ, value, gran = _with_pod(dct + timedelta(days=shift), pod)
    return Resolved(typ, value, gran, "published")


@_handles("weekday")
def _weekday(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    wd = WEEKDAYS[g["wd"].lower()]
    pod = g.get("pod")
    if "pl" in g or "podpl" in g:  # "on Tuesdays", "Tuesday nights": recurring
        suffix = f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""
        return Resolved("SET", f"XXXX-WXX-{wd}{suffix}", "set")
    if not dct:
        return Resolved("DATE", f"XXXX-WXX-{wd}", "day", mod=_mod(g))
    rel = " ".join(g["rel"].lower().split()) if "rel" in g else None
    typ, value, gran = _with_pod(weekday_date(wd, dct, tense, rel), pod)
    return Resolved(typ, value, gran, "published", _mod(g))


def _duration_value(num: float | None, unit: str) -> tuple[str, str]:
    """('P3M', 'duration') from 3 and 'months'; PX… when the quantity is vague."""
    unit = unit.lower().removesuffix("s")
    unit = "century" if unit.startswith("centur") else unit
    code = UNITS[unit]
    if unit == "decade":
        num, code = (num * 10 if num is not None else None), "Y"
    elif unit == "century":
        num, code = (num * 100 if num is not None else None), "Y"
    elif unit == "weekend":
        num, code = (num * 2 if num is not None else None), "D"
    t = "T" if unit in TIME_UNITS else ""
    if num is None:
        return f"P{t}X{'E' if unit in ('decade', 'century') else code}", "duration"
    if num != int(num):
        if unit == "hour":
            return f"PT{int(num)}H{int(round((num % 1) * 60))}M", "duration"
        return f"P{t}{num:g}{code}", "duration"
    return f"P{t}{int(num)}{code}", "duration"


@_handles("duration")
def _duration(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    value, gran = _duration_value(number_value(g["num"]), g["unit"])
    return Resolved("DURATION", value, gran, None, _mod(g))


@_handles("vague_duration")
def _vague_duration(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    adj = " ".join(g.get("adj", "").lower().split())
    if adj in ("later", "subsequent"):
        # "in later years": after some past event, not datable from the text alone.
        if tense == "past":
            return Resolved("DATE", "PAST_REF", "reference", "published")
        return Resolved("DATE", None, "reference")
    if adj in ("earlier", "previous"):
        return Resolved("DATE", "PAST_REF", "reference", "published")
    value, gran = _duration_value(None, g["unit"])
    return Resolved("DURATION", value, gran)


@_handles("ago")
def _ago(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    direction = " ".join(g["dir"].lower().split())
    unit = g["unit"].lower().removesuffix("s")
    num = number_value(g["num"])
    mod = _mod(g)
    if direction in ("earlier", "later"):  # from the story's time, not from the publication
        if num is None or num != int(num) or unit not in _CONTEXT_UNITS:
            return Resolved("DATE", None, "reference", mod=mod)
        n = int(num) * (-1 if direction == "earlier" else 1)
        if unit == "year" and n == -1:  # "a year earlier": the same period, a year before
            return Resolved("DATE", None, "reference", None, mod, {"context": {"op": "compare", "n": 1}})
        return Resolved("DATE", None, "reference", None, mod,
                        {"context": {"op": "shift", "unit": unit, "n": n}})
    sign = -1 if direction == "ago" else 1
    if num is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "reference", mod=mod)
    if not dct or num != int(num) or unit in TIME_UNITS or unit == "weekend":
        return Resolved("DATE", None, "unknown", mod=mod)
    n = int(num) * sign
    if unit == "day":
        return Resolved("DATE", (dct + timedelta(days=n)).isoformat(), "day", "published", mod)
    if unit == "week":
        return Resolved("DATE", iso_week(dct + timedelta(weeks=n)), "week", "published", mod)
    if unit == "month":
        return Resolved("DATE", add_months(dct, n).strftime("%Y-%m"), "month", "published", mod)
    if unit == "quarter":
        y, q = shift_quarter(*quarter(dct), n)
        return Resolved("DATE", f"{y}-Q{q}", "quarter", "published", mod)
    years = n * {"year": 1, "decade": 10}.get(unit, 100)
    # In a results report "a year ago" is the reporting period in focus, a year before
    # ("$1.2 million in the third quarter, up from $0.9 million a year ago").
    extra = {"period_context": {"op": "compare", "n": 1, "period_only": True}} if n == -1 and \
        unit == "year" else {}
    return Resolved("DATE", str(dct.year + years), "year", "published", mod, extra)


_CONTEXT_UNITS = {"day", "week", "month", "quarter", "year"}


def _clock_date(g: dict[str, str], dct: date | None, tense: str | None) -> date | None:
    if not dct:
        return None
    if "wd" in g:
        return weekday_date(WEEKDAYS[g["wd"].lower()], dct, tense, None)
    if "month" in g:  # "5 p.m. EST Nov. 9"
        month, day = MONTHS[g["month"].lower().rstrip(".")], int(g["day"].rstrip("stndrh"))
        try:
            return date(dct.year + occurrence((month, day), (dct.month, dct.day), tense), month, day)
        except ValueError:
            return None
    return dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(g.get("rday", "").lower(), 0))


@_handles("clock")
def _clock(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    h = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    hhmm = f"{h:02d}:{g.get('m', '00')}"
    d = _clock_date(g, dct, tense)
    extra = {"timezone": g["tz"]} if "tz" in g else {}
    if d is None:
        return Resolved("TIME", f"XXXX-XX-XXT{hhmm}", "minute", None, extra=extra)
    return Resolved("TIME", f"{d.isoformat()}T{hhmm}", "minute", "published", extra=extra)


@_handles("clock_pod")
def _clock_pod(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    """"4 in the morning", "ten at night": the part of day says a.m. or p.m."""
    h = int(g["h"]) if g["h"].isdigit() else int(number_value(g["h"]) or 0)
    pm = g.get("pod", "night").lower() != "morning"
    h = h % 12 + (12 if pm else 0)
    hhmm = f"{h:02d}:{g.get('m', '00')}"
    if not dct:
        return Resolved("TIME", f"XXXX-XX-XXT{hhmm}", "minute")
    return Resolved("TIME", f"{dct.isoformat()}T{hhmm}", "minute", "published")


@_handles("named_time")
def _named_time(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    hhmm = "24:00" if g["named"].lower() == "midnight" else "12:00"
    d = _clock_date(g, dct, tense)
    if d is None:
        return Resolved("TIME", f"XXXX-XX-XXT{hhmm}", "minute")
    return Resolved("TIME", f"{d.isoformat()}T{hhmm}", "minute", "published")


@_handles("ref")
def _ref(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    word = " ".join(g["ref"].lower().split()).removeprefix("the ")
    if word in ("recently", "recent", "previously", "formerly", "past"):
        value = "PAST_REF"
    elif word in ("future", "soon"):
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return Resolved("DATE", value, "reference", "published")


@_handles("set")
def _set(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    unit = g["unit"].lower()
    extra: dict[str, str] = {}
    if "freq" in g:
        f = g["freq"].lower()
        n = {"once": 1, "twice": 2}.get(f) or number_value(f.removesuffix(" times"))
        if n:
            extra["freq"] = f"{int(n)}X"
    if g["q"].lower() in ("every", "each"):
        extra["quant"] = g["q"].upper()
    every = number_value(g["num"]) if "num" in g and g["num"].lower() != "other" else None
    every = 2 if g.get("num", "").lower() == "other" else (every or 1)
    if unit in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[unit]}", "set", extra=extra)
    if unit.rstrip(".") in MONTHS:
        return Resolved("SET", f"XXXX-{MONTHS[unit.rstrip('.')]:02d}", "set", extra=extra)
    if unit in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[unit]}", "set", extra=extra)
    if unit in PARTS_OF_DAY:
        return Resolved("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", "set", extra=extra)
    code = {"season": "P3M"}.get(unit) or _duration_value(every, unit)[0]
    return Resolved("SET", code, "set", extra=extra)


@_handles("set_adverb")
def _set_adverb(g: dict[str, str], dct: date | None, tense: str | None) -> Resolved:
    return Resolved("SET", SET_ADVERBS[g["adv"].lower()], "set")
