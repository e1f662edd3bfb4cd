"""Actor-pair relations over time: per (actor, target, period), counts by event type and a
cooperation–conflict score, with the corpus events behind each number.

The score of an event is its PLOVER score (resources/data/plover_scores.tsv, from the
PLOVER manual's table: +10 most cooperative, -10 most conflictual; the mode's score where
the manual gives one, else the type's). A pair's score for a period is the mean over its
events, so that a busy month is not more "conflictual" than a quiet one just by volume; the
sum and the quad-class counts are kept beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..resources.lexicons import read_tsv
from .merge import CorpusEvent

PERIODS = ("day", "week", "month", "year")


@lru_cache(maxsize=1)
def plover_scores() -> dict[tuple[str, str], tuple[str, float]]:
    """(TYPE, mode or '') → (quad class, score)."""
    return {(row["type"], row["mode"]): (row["quad"], float(row["score"]))
            for row in read_tsv("plover_scores.tsv")}


def score_of(event_type: str, mode: str | None) -> tuple[str, float] | None:
    scores = plover_scores()
    return scores.get((event_type, (mode or "").lower())) or scores.get((event_type, ""))


def period_of(day: date, period: str) -> str:
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "year":
        return str(day.year)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


@dataclass
class Relation:
    actor: str
    target: str
    period: str
    events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_quad: dict[str, int] = field(default_factory=dict)
    score_sum: float = 0.0
    event_ids: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(self.score_sum / self.events, 3) if self.events else 0.0


def relations(events: list[CorpusEvent], period: str = "month") -> list[Relation]:
    """One row per (actor code, target code, period) that has at least one event; an event
    with several actors or targets counts once for each pair."""
    table: dict[tuple[str, str, str], Relation] = {}
    for event in events:
        if event.start is None:
            continue
        scored = score_of(event.type, event.mode)
        when = period_of(event.start, period)
        for actor in event.actors:
            for target in event.targets:
                if actor == target:
                    continue
                key = (actor, target, when)
                row = table.setdefault(key, Relation(actor, target, when))
                row.events += 1
                row.by_type[event.type] = row.by_type.get(event.type, 0) + 1
                if scored:
                    quad, score = scored
                    row.by_quad[quad] = row.by_quad.get(quad, 0) + 1
                    row.score_sum += score
                row.event_ids.append(event.id)
    return sorted(table.values(), key=lambda r: (r.period, r.actor, r.target))


def relations_of_pairs(pairs: Iterable[tuple[str, str, str, str, str, str | None]]) -> list[Relation]:
    """One Relation per (actor, target, period) from stored actor pairs, sorted by that key
    (`store.mentions.iter_pairs`: actor, target, period, corpus event id, type, mode), so
    one relation is built at a time."""
    table: list[Relation] = []
    current: Relation | None = None
    for actor, target, when, corpus_id, event_type, mode in pairs:
        if current is None or (current.actor, current.target, current.period) != (actor, target, when):
            current = Relation(actor, target, when)
            table.append(current)
        current.events += 1
        current.by_type[event_type] = current.by_type.get(event_type, 0) + 1
        if scored := score_of(event_type, mode):
            quad, score = scored
            current.by_quad[quad] = current.by_quad.get(quad, 0) + 1
            current.score_sum += score
        current.event_ids.append(corpus_id)
    return table
