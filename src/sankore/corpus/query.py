"""Query event mentions (or merged corpus events) by actor, target, type, modality, date
range, place within a radius of a point, and source; as rows, JSON-able dicts or a pandas
DataFrame."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, cast

from ..distance import haversine_km
from .rows import EventRow


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None  # a code ('RUS GOV') or its country ('RUS') or a name
    target: str | None = None
    type: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = 50.0
    source: str | None = None  # outlet, case-insensitive substring


def _matches(wanted: str, codes: tuple[str, ...]) -> bool:
    wanted = wanted.strip()
    lowered = wanted.lower()
    return any(code == wanted or code.startswith((wanted + " ", wanted + ":"))
               or (":" in code and lowered in code.split(":", 1)[1].lower()) for code in codes)


def select(rows: list[EventRow], query: EventQuery) -> list[EventRow]:
    out = []
    for row in rows:
        if query.actor and not _matches(query.actor, row.actors):
            continue
        if query.target and not _matches(query.target, row.targets):
            continue
        if query.type and row.type != query.type.upper():
            continue
        if query.modality and row.modality != query.modality:
            continue
        # An event dated as an interval is kept when the interval meets the range.
        if query.since and (row.end is None or row.end < query.since):
            continue
        if query.until and (row.start is None or row.start > query.until):
            continue
        if query.near and (row.lat is None
                           or haversine_km(*query.near, row.lat, cast(float, row.lon)) > query.radius_km):
            continue
        if query.source and query.source.lower() not in row.outlet.lower():
            continue
        out.append(row)
    return out


def as_dicts(items: list[Any]) -> list[dict[str, Any]]:
    """JSON-able dicts of rows or corpus events (dates as ISO strings)."""
    def clean(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, tuple):
            return [clean(v) for v in value]
        return value

    return [{k: clean(v) for k, v in asdict(item).items()} for item in items]


def to_frame(items: list[Any]):
    """A pandas DataFrame of rows or corpus events (pandas is needed for this only)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame needs pandas: pip install pandas") from exc
    return pd.DataFrame(as_dicts(items))
