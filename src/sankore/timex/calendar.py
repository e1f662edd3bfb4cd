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

    Past tense → the latest occurrence not after `now`, except that a date in the coming
    weeks is meant over one almost a year ago ("declared a dividend payable Dec. 15"; a
    date that old would carry its year in news style); future → the next occurrence not
    before `now`; otherwise the past one unless the future one is clearly nearer (news
    mostly reports the recent past).
    """
    if target == now:
        return 0
    days = len(target) > 1
    t = target[0] * 31 + (target[1] if days else 0)
    n = now[0] * 31 + (now[1] if days else 0)
    back, fwd = (n - t) % 372, (t - n) % 372  # in days of a 31-day month
    past, future = (-1 if t > n else 0), (1 if t < n else 0)
    if tense == "future":
        return future
    if tense == "past":
        return future if fwd <= (62 if days else 31) else past
    return past if back <= fwd + 93 else future


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
    # Untensed ("Thursday's closing price") or present: news mostly reports the days just
    # past, so the previous occurrence wins unless the next one is clearly nearer.
    return ref - timedelta(days=back) if back <= fwd + 2 else ref + timedelta(days=fwd)
