"""Merge the mentions of one real-world event across articles into a corpus event.

Two mentions are the same event when a reader would say so: the same PLOVER type, actors
and targets that overlap (or one side left unnamed), dates whose intervals meet (a day of
slack for time zones and "yesterday"), and places that agree (same country, or within
`PLACE_KM`, or one unplaced). A corpus event is a connected group of such mentions: the
groups do not depend on the order documents arrive in, and the id is a hash of the
earliest report, so ids are stable across re-runs and re-ingestion order.

Corroboration is the number of distinct outlets, with near-duplicate articles (wire
copies, re-posts) counted once: the caller passes their clusters.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from ..distance import haversine_km
from .rows import EventRow
from .union_find import UnionFind

PLACE_KM = 100.0
DATE_SLACK = timedelta(days=1)
VAGUE_DAYS = 31  # a date interval longer than this (a quarter, a year) is vague
# Types whose participants are peers: "A met B" and "B held talks with A" are one meeting.
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
# Only confident, factual mentions are merged: a planned or hypothetical event did not happen,
# and a negated one is the opposite claim.
MERGED_MODALITIES = ("asserted", "reported")


@dataclass(frozen=True)
class CorpusEvent:
    id: str
    type: str
    mode: str | None
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    start: date | None
    end: date | None
    country: str | None
    place: str | None
    mentions: tuple[tuple[str, str], ...]  # (doc_id, event_id), earliest report first
    first_report: tuple[str, str]
    first_published: str | None
    outlets: tuple[str, ...]
    corroboration: int  # distinct outlets, near-duplicate articles counted once
    confidence: float  # the most confident mention's


def _vague(row: EventRow) -> bool:
    return row.start is not None and (row.end - row.start).days > VAGUE_DAYS  # type: ignore[operator]


def _sets_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def compatible(a: EventRow, b: EventRow) -> bool:
    if a.type != b.type or a.doc_id == b.doc_id:
        return False
    # Two mentions are one event only if they name one of its parties in common (an event
    # nobody did names none). Half-empty mentions that complete each other do not count:
    # "The US, in return, sent jets" (no target) and aid to "Islamic State" (no actor) in
    # another article are not two reports of "USA AID Islamic State", which neither states.
    if a.type in SYMMETRIC:
        if not set(a.actors + a.targets) & set(b.actors + b.targets):
            return False
    elif not (set(a.actors) & set(b.actors) or set(a.targets) & set(b.targets)):
        return False
    elif not (_sets_agree(a.actors, b.actors) and _sets_agree(a.targets, b.targets)):
        return False
    # A date vaguer than a month ("in 2019") meets every day in it: such a mention would join
    # every report of its type and party that year and chain them into one event. It merges
    # only with mentions dated as vaguely, to the same interval.
    if a.start and b.start and (_vague(a) or _vague(b)) and (a.start, a.end) != (b.start, b.end):
        return False
    # A row's start and end are set together (rows.py), so a start means an end.
    if a.start and b.start and (a.start > b.end + DATE_SLACK  # type: ignore[operator]
                                or b.start > a.end + DATE_SLACK):  # type: ignore[operator]
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is not None and b.lat is not None \
            and haversine_km(a.lat, cast(float, a.lon), b.lat, cast(float, b.lon)) > PLACE_KM:
        return False
    return True


def compatible_pairs(rows: Sequence[EventRow]) -> Iterator[tuple[EventRow, EventRow]]:
    """Each compatible pair of `rows` once, without testing every pair: compatible mentions
    share a type and a participant code (`compatible` demands a party in common), so only
    rows of one (type, code) bucket are tested, each bucket swept in date order and left as
    soon as a start lies beyond the current mention's end (an undated row, sorted first,
    meets any)."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        for code in set(row.actors) | set(row.targets):
            buckets.setdefault((row.type, code), []).append(i)
    seen: set[tuple[int, int]] = set()
    for indices in buckets.values():
        indices.sort(key=lambda i: (rows[i].start or date.min, i))
        for pos, i in enumerate(indices):
            for j in indices[pos + 1:]:
                if rows[i].end and rows[j].start and rows[j].start > rows[i].end + DATE_SLACK:  # type: ignore[operator]
                    break
                pair = (min(i, j), max(i, j))
                if pair not in seen and compatible(rows[i], rows[j]):
                    seen.add(pair)
                    yield rows[pair[0]], rows[pair[1]]


def _report_order(row: EventRow) -> tuple:
    return (row.published or "9999", row.doc_id, row.event_id)


def merge_events(rows: list[EventRow], clusters: dict[str, str] | None = None,
                 min_confidence: float = 0.0) -> list[CorpusEvent]:
    """Group event mentions into corpus events. `clusters` maps a document id to its
    near-duplicate cluster id; documents of one cluster count as one source."""
    clusters = clusters or {}
    rows = sorted((r for r in rows if r.modality in MERGED_MODALITIES and r.confidence >= min_confidence),
                  key=_report_order)
    groups: UnionFind[int] = UnionFind()
    by_type: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_type.setdefault(row.type, []).append(i)
    for indices in by_type.values():
        # Sorted by start date, a mention can only meet those starting before its end.
        indices.sort(key=lambda i: rows[i].start or date.min)
        for pos, i in enumerate(indices):
            for j in indices[pos + 1:]:
                if rows[i].end and rows[j].start and rows[j].start > rows[i].end + DATE_SLACK:  # type: ignore[operator]
                    break
                if compatible(rows[i], rows[j]):
                    groups.union(i, j)
    members: dict[int, list[EventRow]] = {}
    for i, row in enumerate(rows):
        members.setdefault(groups.find(i), []).append(row)
    events = [_corpus_event(sorted(group, key=_report_order), clusters) for group in members.values()]
    return sorted(events, key=lambda e: (e.first_published or "9999", e.id))


def _corpus_event(group: list[EventRow], clusters: dict[str, str]) -> CorpusEvent:
    first = group[0]
    sources: dict[str, str] = {}
    for row in group:
        # A near-duplicate cluster is one source, whichever outlet carried the copy.
        sources.setdefault(clusters.get(row.doc_id, row.outlet), row.outlet)
    # Dated from the text where any report dates it; the publication date only as a fallback.
    textual = [r for r in group if r.date_source == "text" and r.start] or [r for r in group if r.start]
    placed = [r for r in group if r.country]
    key = f"{first.doc_id}/{first.event_id}"
    return CorpusEvent(
        id="ce_" + hashlib.sha1(key.encode()).hexdigest()[:12],
        type=first.type,
        mode=Counter(r.mode for r in group if r.mode).most_common(1)[0][0]
        if any(r.mode for r in group) else None,
        actors=tuple(sorted({a for r in group for a in r.actors})),
        targets=tuple(sorted({t for r in group for t in r.targets})),
        start=min(r.start for r in textual) if textual else None,  # type: ignore[type-var]
        end=max(r.end for r in textual) if textual else None,  # type: ignore[type-var]
        country=Counter(r.country for r in placed).most_common(1)[0][0] if placed else None,
        place=Counter(r.place for r in placed if r.place).most_common(1)[0][0]
        if any(r.place for r in placed) else None,
        mentions=tuple((r.doc_id, r.event_id) for r in group),
        first_report=(first.doc_id, first.event_id),
        first_published=first.published,
        outlets=tuple(sorted(set(sources.values()))),
        corroboration=len(sources),
        confidence=max(r.confidence for r in group),
    )
