"""Event mentions filtered in Python, by the same `EventQuery` the store answers in SQL
(`store.mentions`): for rows that are already in memory (`analyze_many` output) and as the
reference the SQL is tested against; and rows or corpus events as JSON-able dicts or a pandas
DataFrame."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, cast

from ..distance import haversine_km
from ..store.mentions import EventQuery
from .rows import EventRow

__all__ = ["EventQuery", "as_dicts", "select", "to_frame"]


def _matches(wanted: str, codes: tuple[str, ...]) -> bool:
    """A code, or a code under it, case-insensitively ('usa': USA, USA GOV); or words of the
    name a generic or uncoded participant carries ('IGO:African Union', 'name:…')."""
    wanted = " ".join(wanted.lower().split())
    for code in (c.lower() for c in codes):
        if code == wanted or code.startswith((wanted + " ", wanted + ":")):
            return True
        name = code.split(":", 1)[1] if ":" in code else ""
        if name and (name == wanted or f" {name} ".find(f" {wanted} ") >= 0):
            return True
    return False


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
        if row.confidence < query.min_confidence:
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
