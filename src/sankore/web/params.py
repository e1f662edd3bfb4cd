"""Query parameters of the pages and the API, checked: a bad value is a 400 naming the
parameter and what it should be, never a server error.

One FastAPI dependency (`event_filter`) reads the filter every page and endpoint shares,
so that a page's URL and its API twin take the same parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from ..corpus.relations import PERIODS, plover_scores
from ..store.queries import EventFilter

MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated")
MAX_PAGE_SIZE = 200
MAX_TEXT = 200  # characters of a free-text parameter
# Event counts stop past this many unless asked to be exact: counting every match of a broad
# filter over 100,000 events costs 50-200 ms, past the cap 1-5 ms (benchmarks/web_bench.py).
COUNT_CAP = 1000


def bad(parameter: str, message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=f"bad parameter {parameter!r}: {message}")


def quads() -> dict[str, tuple[tuple[str, str], ...]]:
    """Quad class → the (TYPE, mode or '') pairs that belong to it (PLOVER's table)."""
    scores = plover_scores()
    out: dict[str, list[tuple[str, str]]] = {}
    for (event_type, mode), (quad, _score) in scores.items():
        out.setdefault(quad, []).append((event_type, mode))
    for (event_type, mode), (quad, _score) in scores.items():
        # A mode whose class differs from its type's is left out of the type's class ('-mode').
        whole = scores.get((event_type, ""))
        if mode and whole and whole[0] != quad:
            out.setdefault(whole[0], []).append((event_type, "-" + mode))
    return {quad: tuple(pairs) for quad, pairs in out.items()}


def quad_of(event_type: str, mode: str | None) -> str | None:
    scores = plover_scores()
    found = scores.get((event_type, (mode or "").lower())) or scores.get((event_type, ""))
    return found[0] if found else None


def event_types() -> list[str]:
    return sorted({event_type for event_type, _mode in plover_scores()})


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise bad(name, f"longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise bad(name, "holds a NUL character")
    return value.strip()


def _day(name: str, value: str | None) -> str | None:
    value = _text(name, value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad(name, f"{value!r} is not a date in YYYY-MM-DD form") from None


def _floats(name: str, value: str | None, count: int) -> tuple[float, ...] | None:
    value = _text(name, value)
    if value is None:
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != count or any(n != n or abs(n) == float("inf") for n in numbers):
        raise bad(name, f"{value!r} is not {count} comma-separated numbers")
    return numbers


def _lat_lon(name: str, lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise bad(name, "latitude must be within ±90 and longitude within ±180")


@dataclass(frozen=True)
class Page:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def page_params(page: Annotated[str | None, Query(description="Page number, from 1.")] = None,
                size: Annotated[str | None, Query(description=f"Rows per page, 1 to {MAX_PAGE_SIZE}.")] = None
                ) -> Page:
    def number(name: str, value: str | None, default: int, high: int) -> int:
        if value is None or value == "":
            return default
        if not value.isdigit() or not 1 <= int(value) <= high:
            raise bad(name, f"{value!r} is not a whole number from 1 to {high}")
        return int(value)

    return Page(number("page", page, 1, 100_000), number("size", size, 20, MAX_PAGE_SIZE))


def event_filter(
    q: Annotated[str | None, Query(description="Full-text query over the documents "
                                   "(words, \"phrases\", OR, NOT, prefix*).")] = None,
    actor: Annotated[str | None, Query(description="Actor code ('RUS GOV'), country ('RUS'), "
                                       "'IGO:African Union', 'name:…', or part of a name.")] = None,
    target: Annotated[str | None, Query(description="Target, as for actor.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT.")] = None,
    quad: Annotated[str | None, Query(description="PLOVER quad class, e.g. verbal_cooperation.")] = None,
    modality: Annotated[str | None, Query(description="asserted, reported, planned, hypothetical, "
                                          "negated.")] = None,
    since: Annotated[str | None, Query(description="First day (YYYY-MM-DD) of the event's day.")] = None,
    until: Annotated[str | None, Query(description="Last day (YYYY-MM-DD).")] = None,
    near: Annotated[str | None, Query(description="LAT,LON: events placed within radius of it.")] = None,
    radius: Annotated[str | None, Query(description="Kilometres around near (default 50).")] = None,
    bbox: Annotated[str | None, Query(description="SOUTH,WEST,NORTH,EAST: events placed inside.")] = None,
    outlet: Annotated[str | None, Query(description="Part of the outlet's name or source URL.")] = None,
) -> EventFilter:
    event_type = _text("type", type)
    if event_type and event_type.upper() not in event_types():
        raise bad("type", f"{event_type!r} is not a PLOVER event type ({', '.join(event_types())})")
    quad_name = _text("quad", quad)
    quad_pairs = None
    if quad_name:
        known = quads()
        if quad_name not in known:
            raise bad("quad", f"{quad_name!r} is not one of {', '.join(sorted(known))}")
        quad_pairs = known[quad_name]
    modality = _text("modality", modality)
    if modality and modality not in MODALITIES:
        raise bad("modality", f"{modality!r} is not one of {', '.join(MODALITIES)}")
    since_day, until_day = _day("since", since), _day("until", until)
    if since_day and until_day and since_day > until_day:
        raise bad("until", "is before since")
    point = _floats("near", near, 2)
    if point:
        _lat_lon("near", *point)
    radius_km = 50.0
    if (radius := _text("radius", radius)) is not None:
        try:
            radius_km = float(radius)
        except ValueError:
            raise bad("radius", f"{radius!r} is not a number of kilometres") from None
        if not 0 < radius_km <= 20_000:
            raise bad("radius", "must be more than 0 and at most 20000 km")
        if point is None:
            raise bad("radius", "needs near=LAT,LON")
    box = _floats("bbox", bbox, 4)
    if box:
        _lat_lon("bbox", box[0], box[1])
        _lat_lon("bbox", box[2], box[3])
        if box[0] > box[2]:
            raise bad("bbox", "south is above north")
    return EventFilter(
        q=_text("q", q), actor=_text("actor", actor), target=_text("target", target),
        type=event_type.upper() if event_type else None, quad=quad_pairs, modality=modality,
        since=since_day, until=until_day, near=(point[0], point[1]) if point else None, radius_km=radius_km,
        bbox=(box[0], box[1], box[2], box[3]) if box else None, outlet=_text("outlet", outlet),
        extra={"quad": quad_name} if quad_name else {},
    )


def period_param(period: Annotated[str | None, Query(description="day, week, month or year.")] = None,
                 ) -> str:
    if period is None or period == "":
        return "month"
    if period not in PERIODS:
        raise bad("period", f"{period!r} is not one of {', '.join(PERIODS)}")
    return period
