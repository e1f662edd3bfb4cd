"""The stored mentions a batch of new ones may merge with, found through the participant
index (`mention_parties`) in a few queries for the whole batch, not one per mention.

A stored mention may be compatible with a new one (merge.compatible) only if it is of the
same type, names one of its participant codes, and has a date that can meet its date:
- a new mention dated to a short interval meets stored short intervals that start before its
  end (plus a day's slack) and end after its start (minus the slack): one index range on
  (code, type, mergeable, long_span, day_start), the end checked in the same index;
- a vague one (over SHORT_SPAN days) meets only the same interval;
- an undated one meets any date; and any mention meets an undated one.

Each kind of probe is a `VALUES` list joined to the index, so the database walks one index
range per probe, as it would for one query each, without a round trip each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ..store.base import Store
from .merge import DATE_SLACK, VAGUE_DAYS
from .rows import EventRow

# An interval up to this many days is found by a range on its start; a vaguer one merges only
# with the same interval (merge.compatible), an undated one with any date.
SHORT_SPAN = VAGUE_DAYS
PROBES = 200  # probes per query (SQLite allows 32,766 parameters, PostgreSQL 65,535)
_BASE = "p.code = q.code AND p.type = q.type AND p.mergeable = 1"


def _values(width: int, count: int) -> str:
    row = "(" + ", ".join(["?"] * width) + ")"
    return ", ".join([row] * count)


def _run(store: Store, columns: str, condition: str, probes: list[tuple]) -> list[tuple]:
    """(probe index, doc_id, event_id) for every stored mention meeting one of `probes`
    (tuples that start with the index, as text; then the named columns)."""
    found: list[tuple] = []
    for start in range(0, len(probes), PROBES):
        chunk = probes[start:start + PROBES]
        sql = (f"WITH q (i, {columns}) AS (VALUES {_values(len(chunk[0]), len(chunk))}) SELECT q.i, "
               f"p.doc_id, p.event_id FROM q JOIN mention_parties AS p ON {_BASE} AND {condition}")
        found += store.query(sql, [value for probe in chunk for value in probe])
    return found


def candidates(store: Store, rows: Sequence[EventRow]) -> list[set[tuple[str, str]]]:
    """For each of `rows`, the (doc_id, event_id) of the stored mentions it may merge with."""
    short, vague, undated, any_date = [], [], [], []
    for i, row in enumerate(rows):
        for code in sorted(set(row.actors) | set(row.targets)):
            key = str(i)
            if row.start is None or row.end is None:
                undated.append((key, code, row.type))
                continue
            any_date.append((key, code, row.type))  # it meets every undated stored mention
            if (row.end - row.start).days > SHORT_SPAN:
                vague.append((key, code, row.type, row.start.isoformat()))
            else:
                low = row.start - DATE_SLACK - timedelta(days=SHORT_SPAN)
                short.append((key, code, row.type, low.isoformat(), (row.end + DATE_SLACK).isoformat(),
                              (row.start - DATE_SLACK).isoformat()))
    found = (
        _run(store, "code, type", "1 = 1", undated)
        + _run(store, "code, type", "p.long_span = 1 AND p.day_start IS NULL", any_date)
        + _run(store, "code, type, day", "p.long_span = 1 AND p.day_start = q.day", vague)
        # the start bounds the index range; the end, in the same index, keeps only the
        # intervals that meet this one
        + _run(store, "code, type, lo, hi, af", "p.long_span = 0 AND p.day_start BETWEEN q.lo AND "
               "q.hi AND p.day_end >= q.af", short))
    out: list[set[tuple[str, str]]] = [set() for _ in rows]
    for i, doc_id, event_id in found:
        out[int(i)].add((doc_id, event_id))
    return out
