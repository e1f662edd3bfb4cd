"""Calendar arithmetic for TIMEX3 values: shifting by units, ISO weeks, quarters, seasons.

Tense decides which occurrence of a bare month or weekday is meant: a news report in the
past tense ("met on Thursday") points back, a future one ("will visit in June") forward.
"""

from __future__ import annotations

from datetime import date, timedelta

from .lexicon import SEASON_OF_MONTH, SEASON_ORDER


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, q: int, n: int) -> tuple[int, int]:
    y, r = divmod(q - 1 + n, 4)
    return year + y, r + 1


def season_of(d: date) -> tuple[int, str]:
    s = SEASON_OF_MONTH[d.month]
    # December belongs to the winter that is labelled by the following year's January.
    return (d.year + 1 if d.month == 12 else d.year), s


def shift_season(year: int, s: str, n: int) -> tuple[int, str]:
    y, r = divmod(SEASON_ORDER.index(s) + n, 4)
    return year + y, SEASON_ORDER[r]


def occurrence(target: tuple[int, ...], now: tuple[int, ...], tense: str | None) -> int:
    """Year offset (-1, 0, +1) of the occurrence of a yearly point (month[, day]) meant.

    Past tense → the latest occurrence not after `now`; future → the next one not before
    `now`; otherwise the nearer of the two (news mostly reports the recent past).
    """
    if tense == "past":
        return -1 if target > now else 0
    if tense == "future":
        return 1 if target < now else 0
    if target == now:
        return 0
    # Distance in months, roughly: nearest occurrence wins, ties go to the past.
    t, n = target[0] + (target[1] / 31 if len(target) > 1 else 0), now[0] + (
        now[1] / 31 if len(now) > 1 else 0)
    if target > now:
        return -1 if (n + 12 - t) < (t - n) else 0
    return 1 if (t + 12 - n) < (n - t) else 0


def weekday_date(weekday: int, ref: date, tense: str | None, rel: str | None) -> date:
    """The date of a weekday (1 = Monday) near `ref`, read with its tense and modifier."""
    back = (ref.isoweekday() - weekday) % 7
    fwd = (weekday - ref.isoweekday()) % 7
    if rel in ("last", "past", "this past"):
        return ref - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return ref + timedelta(days=fwd or 7)
    if tense == "past":
        return ref - timedelta(days=back)
    if tense == "future":
        return ref + timedelta(days=fwd)
    return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)
