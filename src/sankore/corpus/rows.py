"""Flatten stored records into one row per event mention, with what corpus views need:
participant codes, a date interval, a place, and the outlet that reported it.

Pure functions over `Record`s, so that merging, relations and queries run the same on
records from SQLite, PostgreSQL, or straight from `analyze_many`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlparse

from ..records import Record

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True)
class EventRow:
    """One event as one article reported it."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    modality: str
    confidence: float
    actors: tuple[str, ...]  # codes ('RUS GOV', 'IGO:African Union', or 'name:…' without one)
    targets: tuple[str, ...]
    start: date | None  # the event's date as an interval [start, end], both inclusive
    end: date | None
    date_value: str | None  # the TIMEX3 value, or the publication date
    date_source: str | None  # 'text' (a time expression governs the clause) or 'published'
    place: str | None  # gazetteer name
    country: str | None
    lat: float | None
    lon: float | None
    outlet: str  # the reporting outlet (or the source's host, or the document itself)
    published: str | None
    evidence: tuple[int, int]
    evidence_text: str


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def interval_of(value: str | None) -> tuple[date, date] | None:
    """The calendar interval a TIMEX3 date value covers; None for what is not a date
    (durations, sets, PRESENT_REF, decades and seasons are left to the publication date)."""
    if not value:
        return None
    if "/" in value:
        left, right = (interval_of(v) for v in value.split("/", 1))
        return (left[0], right[1]) if left and right else None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _QUARTER.match(value):
            first = 3 * int(m[2]) - 2
            return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 2)
        if m := _HALF.match(value):
            first = 1 if m[2] == "1" else 7
            return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 5)
    except ValueError:
        return None
    return None


# Codes that name a kind of actor, not one actor: two IGOs are not the same party.
_GENERIC = {"IGO", "NGO", "IMG", "MED", "MNC"}


def participant_code(code: str | None, name: str) -> str:
    """The code a corpus view groups by: the actor code, the name joined to a generic code
    ("IGO:African Union"), or the name alone ("name:…") when there is no code."""
    if not code:
        return f"name:{name}"
    return f"{code}:{name}" if code in _GENERIC else code


def specific_codes(codes: set[str]) -> tuple[str, ...]:
    """Drop a bare country code when a sector of that country is there too: "Russian
    Foreign Minister Lavrov" names RUS and RUS GOV, and the relation is with RUS GOV."""
    sectors = {c.split(" ", 1)[0] for c in codes if " " in c and ":" not in c}
    return tuple(sorted(c for c in codes if c not in sectors))


def outlet_of(record: Record) -> str:
    doc = record.doc
    if doc.outlet:
        return doc.outlet
    if doc.source and doc.source.startswith(("http://", "https://")):
        return urlparse(doc.source).netloc.removeprefix("www.")
    return f"doc:{doc.id}"


def event_rows(records: Iterable[Record]) -> list[EventRow]:
    rows = []
    for record in records:
        times = {t.id: t for t in record.times}
        places = {p.id: p for p in record.places}
        outlet = outlet_of(record)
        code = {e.id: participant_code(e.code, e.name) for e in record.entities}
        for event in record.events:
            value, source = None, None
            interval = None
            if event.time and (time := times.get(event.time)) and (interval := interval_of(time.value)):
                value, source = time.value, "text"
            elif record.doc.published:
                value, source = record.doc.published, "published"
                interval = interval_of(value)
            place = places.get(event.place) if event.place else None
            rows.append(EventRow(
                doc_id=record.doc.id, event_id=event.id, type=event.type, mode=event.mode,
                modality=event.modality, confidence=event.confidence,
                actors=specific_codes({code[a] for a in event.actors}),
                targets=specific_codes({code[t] for t in event.targets}),
                start=interval[0] if interval else None, end=interval[1] if interval else None,
                date_value=value, date_source=source,
                place=place.name if place else None, country=place.country if place else None,
                lat=place.lat if place else None, lon=place.lon if place else None,
                outlet=outlet, published=record.doc.published,
                evidence=(event.evidence[0], event.evidence[1]),
                evidence_text=record.doc.text[event.evidence[0]:event.evidence[1]],
            ))
    return rows
